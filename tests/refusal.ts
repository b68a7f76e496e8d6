/**
 * What a refused input said: the message of the `InputError` a promise rejects with (or a call
 * throws). Anything else, or no error at all, fails the test.
 */
import { assert } from "../lib/core/testing.ts";
import { InputError } from "../lib/core/errors.ts";

/** The message of the InputError `p` rejects with. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert(e instanceof InputError, `not an InputError: ${e}`);
    return e.message;
  }
  throw new Error("accepted");
}

/** The message of the InputError `f` throws. */
export function refusalOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert(e instanceof InputError, `not an InputError: ${e}`);
    return e.message;
  }
  throw new Error("accepted");
}
