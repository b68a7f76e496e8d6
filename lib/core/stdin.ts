/**
 * Standard input, read up to a cap and no further (reads a stream): a command that accepts text
 * on standard input must not hang or fill memory on `/dev/zero` or a runaway pipe.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { readTextUpTo } from "./stdin.ts";
 * const stream = new Blob(["héllo"]).stream();
 * assertEquals(await readTextUpTo(stream, 10, "input"), "héllo");
 * ```
 * @module
 */
import { InputError } from "./errors.ts";

/**
 * Reads a byte stream as UTF-8 text of at most `maxChars` characters (4 bytes each at most).
 *
 * @param stream the bytes (e.g. `Deno.stdin.readable`)
 * @param maxChars the cap, in Unicode code points
 * @param name what the input is called in the error (e.g. `standard input`)
 * @throws InputError naming `name` when the stream holds more than the cap
 */
export async function readTextUpTo(
  stream: ReadableStream<Uint8Array>,
  maxChars: number,
  name: string,
): Promise<string> {
  const max = 4 * maxChars + 1, buf = new Uint8Array(max);
  let n = 0;
  for await (const chunk of stream) {
    const take = Math.min(chunk.length, max - n);
    buf.set(chunk.subarray(0, take), n);
    n += take;
    if (n === max) break;
  }
  const text = new TextDecoder().decode(buf.subarray(0, n));
  if (n === max || [...text].length > maxChars) {
    throw new InputError(
      name,
      null,
      `holds more than ${maxChars} characters; the cap is ${maxChars}`,
    );
  }
  return text;
}
