/**
 * The seal on teacher-owned data: every file under `data/` is listed with its SHA-256 in
 * `data/SHA256SUMS` (the `sha256sum` format: `<hex>  <path>`), checked in. A file that changes
 * without the list changing breaks the seal, and `tests/data_test.ts` fails.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { parseSums } from "./seal.ts";
 * assertEquals(parseSums("ab  x.jsonl\n"), new Map([["x.jsonl", "ab"]]));
 * ```
 * @module
 */
import { sha256File } from "./hash.ts";

/** The name of the checked-in list, at the top of the data folder. */
export const SUMS_FILE = "SHA256SUMS";

/** Every file under `dir` (recursively), as sorted paths relative to it, the list itself excluded. */
export async function listDataFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    for await (const e of Deno.readDir(rel === "" ? dir : `${dir}/${rel}`)) {
      const path = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory) await walk(path);
      else if (path !== SUMS_FILE) out.push(path);
    }
  };
  await walk("");
  return out.sort();
}

/** Parses `sha256sum` output into path → hex digest. */
export function parseSums(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+) [ *](.+)$/.exec(line.trim());
    if (m) map.set(m[2], m[1]);
  }
  return map;
}

/** The current digests of every data file, in `sha256sum` format (sorted by path). */
export async function computeSums(dir: string): Promise<string> {
  const lines: string[] = [];
  for (const path of await listDataFiles(dir)) {
    lines.push(`${(await sha256File(`${dir}/${path}`)).sha256}  ${path}`);
  }
  return lines.join("\n") + "\n";
}

/** One break of the seal. */
export interface SealProblem {
  path: string;
  problem: "changed" | "unlisted" | "missing";
}

/** Compares the data folder with its checked-in list; an empty array means the seal holds. */
export async function verifySeal(dir: string): Promise<SealProblem[]> {
  const listed = parseSums(await Deno.readTextFile(`${dir}/${SUMS_FILE}`));
  const actual = parseSums(await computeSums(dir));
  const problems: SealProblem[] = [];
  for (const [path, digest] of actual) {
    if (!listed.has(path)) problems.push({ path, problem: "unlisted" });
    else if (listed.get(path) !== digest) problems.push({ path, problem: "changed" });
  }
  for (const path of listed.keys()) {
    if (!actual.has(path)) problems.push({ path, problem: "missing" });
  }
  return problems;
}
