/**
 * The one run writer (writes files): every experiment describes its run as a {@link RunSpec}
 * (the manifest's header, its settings, and the files) and {@link writeRun} writes it atomically
 * through `openRun`: the files into a temporary folder in order, then `manifest.json` with the
 * SHA-256 and size of every file (`artifacts`, one digest idiom for every run), then one rename
 * into place. A failure leaves nothing behind; a non-empty folder is refused unless `force`.
 *
 * A file is text or bytes held in memory, a JSONL stream written row by row (an eval over
 * millions of rows never holds them), or content computed only once the files before it are
 * written (a summary of what the stream tallied). The settings may be computed last too.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { jsonFile, writeRun } from "./write_run.ts";
 * const out = `${await Deno.makeTempDir()}/demo`;
 * let n = 0;
 * await writeRun(out, {
 *   header: { kind: "demo", command: "doc", args: [], seed: 0 },
 *   settings: () => ({ rows: n }),
 *   files: [
 *     { name: "rows.jsonl", stream: (w) => { for (; n < 3; n++) w.write({ i: n }); } },
 *     { name: "summary.json", content: () => jsonFile("", { n }).content },
 *   ],
 * });
 * const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
 * assertEquals([manifest.kind, manifest.rows, Object.keys(manifest.artifacts)], ["demo", 3, ["rows.jsonl", "summary.json"]]);
 * ```
 * @module
 */
import { stringify } from "npm:csv-stringify@6.9.0/sync";
import { dirname, resolve } from "node:path";
import { InputError } from "./errors.ts";
import type { JsonlWriter } from "./jsonl_writer.ts";
import { assertRunSlotFree, openRun, runManifest } from "./run_dir.ts";
import { type RunHeader } from "./provenance.ts";

/** What a file of a run holds: text or bytes, or (computed after the files before it) either. */
export type RunContent =
  | string
  | Uint8Array
  | (() => string | Uint8Array | Promise<string | Uint8Array>);

/**
 * One file of a run: its name inside the run folder and its content, or a JSONL `stream` that
 * writes its rows one by one (closed, and hashed as written, when it returns).
 */
export type RunFile =
  | { name: string; content: RunContent }
  | { name: string; stream: (out: JsonlWriter) => void | Promise<void> };

/** A run's own settings, recorded in the manifest after the header (may be computed last). */
export type RunSettings =
  | Record<string, unknown>
  | (() => Record<string, unknown> | Promise<Record<string, unknown>>);

/** A whole run: what its manifest says made it, its settings, and its files. */
export interface RunSpec {
  /** kind, command, arguments and seed: the manifest's first fields. */
  header: RunHeader;
  /** The run's own settings, recorded in the manifest after the header. */
  settings: RunSettings;
  /** The artifacts, written in this order (`manifest.json` is written last, by the writer). */
  files: RunFile[];
}

/** What {@link writeRun} returns: where the run stands, and its manifest as written. */
export interface WrittenRun {
  path: string;
  manifest: Record<string, unknown>;
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
export function jsonFile(name: string, value: unknown): { name: string; content: string } {
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
export function jsonlFile(
  name: string,
  rows: Iterable<unknown>,
): { name: string; content: string } {
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
): { name: string; content: string } {
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
 * Writes a run atomically: each file of `spec` in order (a stream row by row, late content once
 * the files before it are written), then `manifest.json` (the header, the settings, `artifacts`
 * mapping every file to its SHA-256 and size, then the provenance), then commits.
 *
 * @param path the run folder (e.g. `runs/bandit_demo`)
 * @param spec what to write
 * @param opts `force`: replace an existing non-empty run (default false: refuse it)
 * @returns the run's final path and the manifest written
 */
export async function writeRun(
  path: string,
  spec: RunSpec,
  opts: { force?: boolean } = {},
): Promise<WrittenRun> {
  const run = await openRun(path, { force: opts.force ?? false });
  let open: JsonlWriter | null = null;
  try {
    for (const file of spec.files) {
      if ("stream" in file) {
        const out = open = await run.jsonl(file.name);
        await file.stream(out);
        await out.close();
        open = null;
        continue;
      }
      const content = typeof file.content === "function" ? await file.content() : file.content;
      if (typeof content === "string") await run.writeText(file.name, content);
      else await run.writeBytes(file.name, content);
    }
    const settings = typeof spec.settings === "function" ? await spec.settings() : spec.settings;
    const manifest = await runManifest(spec.header, { ...settings, artifacts: run.artifacts() });
    await run.writeJson("manifest.json", manifest);
    return { path: await run.commit(), manifest: { ...manifest } };
  } catch (e) {
    await open?.close().catch(() => {});
    await run.abort();
    throw e;
  }
}
