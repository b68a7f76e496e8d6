/**
 * Does `results.jsonl` hold what the run's input held? A run's manifest names the file the
 * policy's outputs came from (`inputs.completions` for an eval, `inputs.samples` for best-of-N)
 * with its SHA-256. When that file is here, every result row must carry the completion the file
 * gives its example (for best-of-N, the chosen sample, and sample 0 where the row records it), so
 * completions forged inside `results.jsonl` (with the artifact hashes recomputed) are caught. A
 * file whose SHA-256 is that of a sealed course file (`data/SHA256SUMS`) is read from `data/`,
 * wherever the run found it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { sealedRollouts } from "./input_check.ts";
 * import { sha256File } from "../core/hash.ts";
 * import { dataPath } from "../core/paths.ts";
 * const { sha256 } = await sha256File(dataPath("rollouts/frozen_rollouts_dev.jsonl"));
 * assertEquals(await sealedRollouts(sha256), "rollouts/frozen_rollouts_dev.jsonl");
 * ```
 * @module
 */
import { readTextBounded } from "../core/files.ts";
import { forEachJsonl } from "../core/jsonl.ts";
import type { MeasurementManifest } from "../core/manifest.ts";
import { dataPath } from "../core/paths.ts";
import { parseSums, SUMS_FILE } from "../core/seal.ts";
import { fastCompletionRow } from "../measure/rows.ts";
import type { GateReason } from "./locked_room.ts";
import type { ResultRows } from "./result_rows.ts";
import { shownPath } from "./shown_path.ts";

/** What checking the rows against the input found. */
export interface InputCheck {
  /** The input as shown (`data/rollouts/x.jsonl`, `runs/s/completions.jsonl`, `…/x.jsonl`). */
  shown: string;
  /** The file read (absolute or as recorded), or null when it is not here. */
  path: string | null;
  /** The sealed course file (`rollouts/NAME.jsonl`) with the input's SHA-256, or null. */
  sealed: string | null;
  /** True: every row matches; false: some differ (see `finding`); null: not checked. */
  matched: boolean | null;
  /** Why it was not checked, when it was not. */
  why: string | null;
  finding: GateReason | null;
}

/** The sealed course rollout file whose SHA-256 this is (`rollouts/NAME.jsonl`), or null. */
export async function sealedRollouts(sha256: string): Promise<string | null> {
  const text = await readTextBounded(dataPath(SUMS_FILE), 1 << 20).catch(() => null);
  if (text === null) return null;
  for (const [path, digest] of parseSums(text)) {
    if (path.startsWith("rollouts/") && path.endsWith(".jsonl") && digest === sha256) return path;
  }
  return null;
}

/** The texts a pack row's samples hold (strings, or `{completion}` objects). */
function sampleTexts(v: unknown): (string | null)[] | null {
  if (!Array.isArray(v)) return null;
  return v.map((x) =>
    typeof x === "string" ? x : typeof x === "object" && x !== null &&
        typeof (x as { completion?: unknown }).completion === "string"
      ? (x as { completion: string }).completion
      : null
  );
}

/**
 * Checks `rows` against the input file the manifest `m` names (see the module doc).
 *
 * @returns what was found; a mismatch is a violation in `finding`
 */
export async function checkInput(rows: ResultRows, m: MeasurementManifest): Promise<InputCheck> {
  const input = m.kind === "eval" ? m.inputs.completions : m.inputs.samples;
  const sealed = input ? await sealedRollouts(input.sha256) : null;
  const path = sealed !== null ? dataPath(sealed) : input?.path ?? null;
  const base = { shown: path === null ? "(none)" : shownPath(path), sealed, finding: null };
  if (input === undefined || path === null) {
    return { ...base, path: null, matched: null, why: "the manifest names no input file" };
  }
  const wanted = new Set(rows.ids);
  const given = new Map<string, (string | null)[]>();
  let sha: string;
  try {
    sha = (await forEachJsonl(path, (value) => {
      const row = value as Record<string, unknown> | null;
      if (typeof row?.id !== "string" || !wanted.has(row.id)) return;
      given.set(
        row.id,
        m.kind === "eval"
          ? [typeof row.completion === "string" ? row.completion : null]
          : sampleTexts(row.samples) ?? [],
      );
    }, { allowEmpty: true, fast: m.kind === "eval" ? fastCompletionRow : undefined })).sha256;
  } catch (e) {
    const why = `${base.shown} cannot be read here (${(e as Error).message.split("\n")[0]})`;
    return { ...base, path: null, matched: null, why };
  }
  let differ = 0, first = "";
  rows.ids.forEach((id, k) => {
    const texts = given.get(id);
    const at = m.kind === "eval" ? 0 : rows.chosen[k];
    const ok = texts === undefined
      ? rows.completions[k] === null
      : at !== null && texts[at] === rows.completions[k] &&
        (rows.first[k] === null || texts[0] === rows.first[k]);
    if (!ok && differ++ === 0) first = id;
  });
  if (differ === 0) return { ...base, path, matched: true, why: null };
  const cause = sha === input.sha256
    ? "the input is the very file the run read (same SHA-256), so results.jsonl was edited"
    : "the input changed since the run (its SHA-256 differs) or results.jsonl was edited";
  return {
    ...base,
    path,
    matched: false,
    why: null,
    finding: {
      check: "input file",
      severity: "violation",
      knob: "record",
      message: `results.jsonl does not hold what its input ${base.shown} gives: ${differ} of ` +
        `${rows.ids.length} rows differ (the first ${JSON.stringify(first)}); ${cause}`,
    },
  };
}
