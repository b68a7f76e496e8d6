/**
 * What a refused input said: the message of the `InputError` a promise rejects with (or a call
 * throws). Anything else, or no error at all, fails the test.
 *
 * And a command's refusals in process, as `runCommand` (lib/cli/_framework/command.ts) makes
 * them: {@link usageRefusal} parses the arguments against the command's exported table, as
 * `runCommand` does before the command's body runs (so a refused flag writes nothing);
 * {@link exitTwoLine} is the `error:` line of an error it maps to exit 2. Each CLI keeps a few
 * end-to-end spawns (tests/cli.ts) so this wiring stays tested.
 */
import { assert } from "../lib/core/testing.ts";
import {
  environmentMessage,
  InputError,
  isEnvironmentError,
  UsageError,
} from "../lib/core/errors.ts";
import { type Command, parseCommand } from "../lib/cli/_framework/command.ts";

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

/**
 * The message `runCommand` prints (`error: <message>`, then the usage; exit 2) for `argv`,
 * refused by the parse of `cmd`'s table with a {@link UsageError}. Fails when the arguments are
 * accepted or refused otherwise (an empty value is an {@link InputError}, one line without the
 * usage: {@link refusalOf} `(() => parseCommand(cmd, argv))`).
 */
export function usageRefusal(cmd: Command, argv: readonly string[]): string {
  try {
    parseCommand(cmd, argv);
  } catch (e) {
    assert(e instanceof UsageError, `not a usage error (printed with the usage): ${e}`);
    return e.message;
  }
  throw new Error(`${cmd.name} ${argv.join(" ")}: accepted`);
}

/**
 * The line `runCommand` prints after `error: ` for the error `p` rejects with, asserting it is one
 * `runCommand` maps to exit 2 (an input, usage or environment error; anything else is exit 3, a
 * bug). Fails when `p` resolves.
 */
export async function exitTwoLine(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert(isEnvironmentError(e), `exit 3, not 2: ${e}`);
    return environmentMessage(e);
  }
  throw new Error("accepted");
}
