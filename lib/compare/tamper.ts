/**
 * The tamper experiment of M0 (reads a dataset, writes a copy): a temporary copy of a dataset in
 * which one example's `expected_answer` is changed, everything else byte for byte the same. An
 * eval on the copy measures a different environment, so the gate must REJECT any comparison with
 * a run on the sealed original: that is the experiment.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { tamperedCopy } from "./tamper.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/d.jsonl`, '{"id":"a","expected_answer":1}\n{"id":"b","expected_answer":2}\n');
 * const t = await tamperedCopy(`${dir}/d.jsonl`, "b", 3, dir);
 * assertEquals(await Deno.readTextFile(t.path), '{"id":"a","expected_answer":1}\n{"id":"b","expected_answer":3}\n');
 * assertEquals([t.before, t.after], [2, 3]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */
import { basename, join } from "node:path";
import { InputError } from "../core/errors.ts";

/** What was changed, and where the copy is. */
export interface Tampered {
  /** The copy (`<dir>/tampered_<name>`). */
  path: string;
  /** The example whose expected answer changed. */
  id: string;
  before: unknown;
  after: number | string;
}

/**
 * Writes `<dir>/tampered_<name>`: `dataset` with the `expected_answer` of example `id` replaced
 * by `answer`. Only that line is re-serialised; every other line is copied as it is.
 *
 * @throws InputError when `dataset` has no example `id`, or `answer` equals the current answer
 *   (that would not be a tamper)
 */
export async function tamperedCopy(
  dataset: string,
  id: string,
  answer: number | string,
  dir: string,
): Promise<Tampered> {
  const lines = (await Deno.readTextFile(dataset)).split("\n");
  let before: unknown = undefined;
  const index = lines.findIndex((line) => {
    if (line.trim() === "") return false;
    const row = JSON.parse(line);
    if (row?.id !== id) return false;
    before = row.expected_answer;
    return true;
  });
  if (index < 0) throw new InputError(dataset, null, `has no example ${JSON.stringify(id)}`);
  if (before === answer) {
    throw new InputError(dataset, index + 1, `${id} already expects ${JSON.stringify(answer)}`);
  }
  lines[index] = JSON.stringify({ ...JSON.parse(lines[index]), expected_answer: answer });
  const path = join(dir, `tampered_${basename(dataset)}`);
  await Deno.writeTextFile(path, lines.join("\n"));
  return { path, id, before, after: answer };
}
