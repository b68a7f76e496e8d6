/**
 * The tamper experiment of M0 (reads a dataset, writes a copy under runs/): a copy of a dataset in
 * which one example's `expected_answer` is changed, everything else byte for byte the same. An
 * eval on the copy measures a different environment, so the gate must REJECT any comparison with
 * a run on the sealed original: that is the experiment. The copy stays where it was written
 * (`runs/tampered/` by default), so the gate can re-score the tampered run against it.
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
import { readTextBounded } from "../core/files.ts";
import { parseJsonLine } from "../core/jsonl.ts";
import { runsPath } from "../core/paths.ts";
import { guardedFolder } from "../core/guarded_folder.ts";

/** What was changed, and where the copy is. */
export interface Tampered {
  /** The copy (`<dir>/tampered_<name>`). */
  path: string;
  /** The example whose expected answer changed. */
  id: string;
  before: unknown;
  after: number | string;
}

/** The largest dataset copied (64 MiB): the experiment is for the course's small sets. */
const MAX_BYTES = 64 << 20;

/**
 * Writes `<dir>/tampered_<name>`: `dataset` with the `expected_answer` of example `id` replaced
 * by `answer`. Only that line is re-serialised; every other line is copied as it is. The copy
 * is written beside its final name and renamed into place, never through a link.
 *
 * @param dir where the copy goes (default `runs/tampered/` of the project)
 * @throws InputError when `dataset` is unreadable or malformed, has no example `id`, or `answer`
 *   equals the current answer (that would not be a tamper)
 */
export async function tamperedCopy(
  dataset: string,
  id: string,
  answer: number | string,
  dir?: string,
): Promise<Tampered> {
  const lines = (await readTextBounded(dataset, MAX_BYTES)).split("\n");
  let before: unknown = undefined;
  const index = lines.findIndex((line, i) => {
    const row = parseJsonLine(line, dataset, i + 1) as Record<string, unknown> | undefined;
    if (typeof row !== "object" || row === null || row.id !== id) return false;
    before = row.expected_answer;
    return true;
  });
  if (index < 0) throw new InputError(dataset, null, `has no example ${JSON.stringify(id)}`);
  if (before === answer) {
    throw new InputError(dataset, index + 1, `${id} already expects ${JSON.stringify(answer)}`);
  }
  lines[index] = JSON.stringify({ ...JSON.parse(lines[index]), expected_answer: answer });
  const folder = await guardedFolder(dir ?? runsPath("tampered"));
  const name = `tampered_${basename(dataset)}`;
  await folder.write(name, lines.join("\n"));
  return { path: join(dir ?? folder.path, name), id, before, after: answer };
}
