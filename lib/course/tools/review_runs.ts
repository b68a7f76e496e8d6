/**
 * The runs a notebook cites, held to the contract (`deno task review`, rule 3): a cited run
 * exists, and its `manifest.json` was measured on sealed data with the current scorer. Reads the
 * manifests and the sealed data list; writes nothing.
 *
 * A manifest with none of `dataset_fingerprint`, `scorer_version`, `scorer_fingerprint` (a Loop
 * C run, a lab record: no dataset, no scorer) only has to exist; a sample run (kind `sample`: it
 * draws completions from a dataset and scores none) is held to its dataset only; any other one
 * with some but not all of them is a problem; `dataset_fingerprint` must be the SHA-256 `data/SHA256SUMS` lists for a
 * course file, and the scorer fields (and `scorer_name`, when present) must equal the current
 * scorer's.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { manifestFindings } from "./review_runs.ts";
 * const scorer = { scorer_name: "s", scorer_version: "1", scorer_fingerprint: "f" };
 * assertEquals(manifestFindings("runs/b", { kind: "bandit" }, { sealed: new Map(), scorer }),
 *   { problems: [], status: "exists (bandit: no dataset, no scorer)" });
 * ```
 * @module
 */
import { InputError } from "../../core/errors.ts";
import { readTextBounded } from "../../core/files.ts";
import { parseSums } from "../../core/seal.ts";
import { dataPath, PROJECT_ROOT } from "../../core/paths.ts";
import { SCORER_NAME, SCORER_VERSION } from "../../instrument/spec.ts";
import { scorerFingerprint } from "../../instrument/scorer.ts";

/** The instrument a run must have been measured with (the current lib/instrument/scorer.ts). */
export interface RunScorer {
  scorer_name: string;
  scorer_version: string;
  scorer_fingerprint: string;
}

/** What a manifest is held to: the sealed data list and the current scorer. */
export interface RunContract {
  /** The sealed data: path under `data/` → SHA-256, from `data/SHA256SUMS`. */
  sealed: ReadonlyMap<string, string>;
  /** The current scorer. */
  scorer: RunScorer;
}

/**
 * What a review of this project's notebooks compares against (reads files): the project root,
 * the sealed data of `data/SHA256SUMS`, and the current scorer.
 */
export async function projectReviewContext(): Promise<RunContract & { projectRoot: string }> {
  return {
    projectRoot: PROJECT_ROOT,
    sealed: await loadSealed(dataPath("SHA256SUMS")),
    scorer: {
      scorer_name: SCORER_NAME,
      scorer_version: SCORER_VERSION,
      scorer_fingerprint: scorerFingerprint(),
    },
  };
}

/** Reads `data/SHA256SUMS` (lib/core/seal.ts's format) into path → hash; a missing list is an InputError. */
export async function loadSealed(path: string): Promise<Map<string, string>> {
  const text = await readTextBounded(path, 1 << 20).catch((e) => {
    if (!/: no such file$/.test((e as Error).message)) throw e;
    throw new InputError(path, null, "no such file (the sealed data list)");
  });
  return parseSums(text);
}

/**
 * The first sealed path that a string anywhere in `manifest` names (`data/datasets/dev.jsonl`,
 * an absolute path ending in it, …), preferring datasets; null when none does. Used only to
 * name the difference when a fingerprint does not match.
 */
function sealedPathNamedIn(manifest: unknown, sealed: ReadonlyMap<string, string>): string | null {
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(manifest);
  const names = [...sealed.keys()].sort((a, b) =>
    Number(b.startsWith("datasets/")) - Number(a.startsWith("datasets/"))
  );
  return names.find((name) =>
    strings.some((s) => s === `data/${name}` || s.endsWith(`/data/${name}`))
  ) ?? null;
}

function short(hash: unknown): string {
  return typeof hash === "string" ? `${hash.slice(0, 12)}…` : JSON.stringify(hash);
}

/** Kinds of run that read a dataset but score nothing, so carry no scorer fields. */
const DATASET_ONLY_KINDS: ReadonlySet<string> = new Set(["sample"]);

/**
 * Holds one run's manifest to the contract (rule 3 above). Returns the problems (empty: fine)
 * and a one-line status for the report.
 */
export function manifestFindings(
  runPath: string,
  manifest: Record<string, unknown>,
  ctx: RunContract,
): { problems: string[]; status: string } {
  const fields = ["dataset_fingerprint", "scorer_version", "scorer_fingerprint"] as const;
  const present = fields.filter((f) => manifest[f] !== undefined);
  const kind = typeof manifest.kind === "string" ? manifest.kind : "run";
  if (present.length === 0) {
    return { problems: [], status: `exists (${kind}: no dataset, no scorer)` };
  }
  const problems: string[] = [];
  const required = DATASET_ONLY_KINDS.has(kind) ? fields.slice(0, 1) : fields;
  for (const f of required.filter((f) => manifest[f] === undefined)) {
    problems.push(`${runPath}: manifest has no ${f}`);
  }
  const fp = manifest.dataset_fingerprint;
  let dataset = "";
  if (fp !== undefined) {
    const match = [...ctx.sealed].find(([, hash]) => hash === fp);
    const named = sealedPathNamedIn(manifest, ctx.sealed);
    if (match) dataset = match[0];
    else if (named !== null) {
      problems.push(
        `${runPath}: dataset_fingerprint ${short(fp)} differs from the sealed ${named} ` +
          `(${short(ctx.sealed.get(named))} in data/SHA256SUMS): the run measured changed data`,
      );
    } else {
      problems.push(
        `${runPath}: dataset_fingerprint ${short(fp)} matches no file in data/SHA256SUMS ` +
          "(the run measured data that is not the sealed course data)",
      );
    }
  }
  const want: [string, string][] = [
    ["scorer_version", ctx.scorer.scorer_version],
    ["scorer_fingerprint", ctx.scorer.scorer_fingerprint],
    ["scorer_name", ctx.scorer.scorer_name],
  ];
  for (const [field, expected] of want) {
    const got = manifest[field];
    if (got === undefined) continue;
    if (got !== expected) {
      const show = field === "scorer_fingerprint" ? short : (v: unknown) => JSON.stringify(v);
      problems.push(
        `${runPath}: ${field} ${show(got)} differs from the current scorer's ${show(expected)}`,
      );
    }
  }
  const scorer = DATASET_ONLY_KINDS.has(kind) && manifest.scorer_version === undefined
    ? "no scorer"
    : `scorer ${ctx.scorer.scorer_name} ${ctx.scorer.scorer_version}`;
  const status = problems.length === 0
    ? `ok (${kind}: sealed ${dataset}, ${scorer})`
    : `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  return { problems, status };
}
