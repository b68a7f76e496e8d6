/**
 * Which checkpoint a run claims, found here: a run's sampling settings name its policy by the
 * SHA-256 of the checkpoint header (`checkpoint`), and the gate can re-derive the run's
 * completions only from a checkpoint it can read. Looked for among the shipped checkpoints
 * (`data/policy/**.json`) and those runs wrote (`runs/…/checkpoint.json`, under the working
 * directory's `runs/` and the project's), a few levels deep, regular files only (no link is
 * followed), each header read with a bound.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { findCheckpoint } from "./checkpoint_index.ts";
 * import { dataPath } from "../core/paths.ts";
 * import { sha256File } from "../core/hash.ts";
 * const { sha256 } = await sha256File(dataPath("policy/base.json"));
 * assertEquals(await findCheckpoint(sha256), dataPath("policy/base.json"));
 * assertEquals(await findCheckpoint("0".repeat(64)), null);
 * ```
 * @module
 */
import { join, resolve } from "node:path";
import { readBytesBounded } from "../core/files.ts";
import { sha256Bytes } from "../core/hash.ts";
import { dataPath, runsPath } from "../core/paths.ts";
import { MAX_HEADER_BYTES } from "../policy/checkpoint.ts";

/** The most files hashed in one search (a runs folder with thousands of runs stays fast). */
export const MAX_CANDIDATES = 2000;

/** Header path → SHA-256, for this process (a gate compares two runs against one index). */
const hashed = new Map<string, string | null>();

/** Candidate headers under `dir`, `depth` levels deep, whose name passes `take`. */
async function* candidates(
  dir: string,
  depth: number,
  take: (name: string) => boolean,
): AsyncGenerator<string> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return; // absent or unreadable: nothing here
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (e.isSymlink || e.name.startsWith(".")) continue; // never through a link or a temp group
    const p = join(dir, e.name);
    if (e.isFile && take(e.name)) yield p;
    else if (e.isDirectory && depth > 0) yield* candidates(p, depth - 1, take);
  }
}

async function headerSha(path: string): Promise<string | null> {
  if (!hashed.has(path)) {
    const sha = await readBytesBounded(path, MAX_HEADER_BYTES).then(sha256Bytes, () => null);
    hashed.set(path, sha);
  }
  return hashed.get(path)!;
}

/**
 * The path of the checkpoint header whose SHA-256 is `sha256`, or null when none is here.
 *
 * @param sha256 the `checkpoint` a run's sampling settings record
 */
export async function findCheckpoint(sha256: string): Promise<string | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const searches: [string, number, (name: string) => boolean][] = [
    [dataPath("policy"), 2, (n) => n.endsWith(".json")],
    ...[...new Set([resolve("runs"), runsPath()])].map((
      r,
    ): [string, number, (name: string) => boolean] => [r, 3, (n) => n === "checkpoint.json"]),
  ];
  let seen = 0;
  for (const [dir, depth, take] of searches) {
    for await (const path of candidates(dir, depth, take)) {
      if (++seen > MAX_CANDIDATES) return null;
      if (await headerSha(path) === sha256) return path;
    }
  }
  return null;
}
