/**
 * The one run writer (writes files): every experiment whose artifacts fit in memory (the bandit,
 * the testbed, the MDP, the KL sweep, Goodhart, the red team, the tiny model's runs) describes
 * its run as a {@link RunSpec} (the manifest's header and settings, and the files), and
 * {@link writeRun} writes it atomically through `openRun`: the files into a temporary folder,
 * then `manifest.json` with the SHA-256 of every file (`artifacts`), then one rename into place.
 * A failure leaves nothing behind; a non-empty folder is refused unless `force`.
 *
 * Streaming runs (eval, select over millions of rows) use `openRun` directly, in the same shape.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { jsonFile, writeRun } from "./write_run.ts";
 * const out = `${await Deno.makeTempDir()}/demo`;
 * await writeRun(out, {
 *   header: { kind: "demo", command: "doc", args: [], seed: 0 },
 *   settings: { steps: 3 },
 *   files: [jsonFile("summary.json", { ok: true })],
 * });
 * const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
 * assertEquals([manifest.kind, manifest.steps, Object.keys(manifest.artifacts)], ["demo", 3, ["summary.json"]]);
 * ```
 * @module
 */
import { stringify } from "npm:csv-stringify@6.9.0/sync";
import { dirname, resolve } from "node:path";
import { InputError } from "./errors.ts";
import { sha256Bytes } from "./hash.ts";
import { assertRunSlotFree, openRun, runManifest } from "./run_dir.ts";
import { type RunHeader } from "./provenance.ts";

/** One file of a run: its name inside the run folder and its exact content. */
export interface RunFile {
  name: string;
  content: string;
}

/** A whole run: what its manifest says made it, its settings, and its files. */
export interface RunSpec {
  /** kind, command, arguments and seed: the manifest's first fields. */
  header: RunHeader;
  /** The run's own settings, recorded in the manifest after the header. */
  settings: Record<string, unknown>;
  /** The artifacts, written in this order (`manifest.json` is written last, by the writer). */
  files: RunFile[];
}

/**
 * A JSON artifact: pretty-printed (2-space indent) with a trailing newline.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { jsonFile } from "./write_run.ts";
 * assertEquals(jsonFile("s.json", { a: 1 }).content, '{\n  "a": 1\n}\n');
 * ```
 */
export function jsonFile(name: string, value: unknown): RunFile {
  return { name, content: JSON.stringify(value, null, 2) + "\n" };
}

/**
 * A JSON Lines artifact: one compact record per line.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { jsonlFile } from "./write_run.ts";
 * assertEquals(jsonlFile("log.jsonl", [{ a: 1 }, { a: 2 }]).content, '{"a":1}\n{"a":2}\n');
 * ```
 */
export function jsonlFile(name: string, rows: Iterable<unknown>): RunFile {
  let content = "";
  for (const row of rows) content += JSON.stringify(row) + "\n";
  return { name, content };
}

/**
 * A CSV artifact with a header row, in the given column order (booleans as `true`/`false`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { csvFile } from "./write_run.ts";
 * assertEquals(csvFile("t.csv", [{ b: 1, a: true }], ["a", "b"]).content, "a,b\ntrue,1\n");
 * ```
 */
export function csvFile(
  name: string,
  rows: readonly object[],
  columns: readonly string[],
): RunFile {
  return {
    name,
    content: stringify(rows as Record<string, unknown>[], {
      header: true,
      columns: [...columns],
      cast: { boolean: (b) => (b ? "true" : "false") },
    }),
  };
}

/**
 * Checks, before any work, that `path` may receive a run: the process may write its parent
 * folder (a task that may write only under `runs/` is refused here, not halfway through), and
 * the folder is absent, empty, or `force` is set. Throws an {@link InputError} naming the folder.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "./testing.ts";
 * import { checkRunTarget } from "./write_run.ts";
 * const taken = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${taken}/summary.json`, "{}");
 * await checkRunTarget(taken, true); // forced: fine
 * const why = await checkRunTarget(taken, false).then(() => "", (e) => (e as Error).message);
 * assertStringIncludes(why, "already holds a run");
 * ```
 */
export async function checkRunTarget(path: string, force: boolean): Promise<void> {
  const parent = dirname(resolve(path));
  const { state } = await Deno.permissions.query({ name: "write", path: parent });
  if (state !== "granted") {
    throw new InputError(
      path,
      null,
      "may not be written by this task (tasks write only under runs/)",
    );
  }
  await assertRunSlotFree(path, force);
}

/**
 * Writes a run atomically: each file of `spec`, then `manifest.json` (the header, the
 * settings, `artifacts` mapping every file to its SHA-256, then the provenance), then commits.
 *
 * @param path the run folder (e.g. `runs/bandit_demo`)
 * @param spec what to write
 * @param opts `force`: replace an existing non-empty run (default false: refuse it)
 * @returns the run's path
 */
export async function writeRun(
  path: string,
  spec: RunSpec,
  opts: { force?: boolean } = {},
): Promise<string> {
  const run = await openRun(path, { force: opts.force ?? false });
  try {
    const artifacts: Record<string, string> = {};
    const encoder = new TextEncoder();
    for (const file of spec.files) {
      await run.writeText(file.name, file.content);
      artifacts[file.name] = sha256Bytes(encoder.encode(file.content));
    }
    await run.writeJson(
      "manifest.json",
      await runManifest(spec.header, { ...spec.settings, artifacts }),
    );
    return await run.commit();
  } catch (e) {
    await run.abort();
    throw e;
  }
}
