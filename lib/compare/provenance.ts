/**
 * Who produced a run's completions, as far as the gate can verify it (issue 21 §1). Each side of
 * a comparison gets one of:
 *
 * - **verified (re-sampled K/N)**: the run's settings name a checkpoint found here
 *   (checkpoint_index.ts); K of its N rows were re-drawn from it and every one matched
 *   (resample.ts), log-probabilities and `tokens.jsonl` included;
 * - **verified (sealed course data)**: its input is a sealed course rollout file with the sealed
 *   settings, and every row matches it (input_check.ts);
 * - **refuted**: re-drawn rows differ: "the completions were not produced by the policy the run
 *   claims" (a violation, with the count);
 * - **checkpoint not found here**: it names a checkpoint no file here has;
 * - **self-reported**: nothing here can re-make it (an external model, a synthetic policy whose
 *   file is not the sealed one, or no settings at all).
 *
 * Independently of the claim, `results.jsonl` must hold what the run's input file holds when that
 * file is here (a violation otherwise).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { isVerified } from "./provenance.ts";
 * assertEquals(isVerified({ status: "self-reported", text: "self-reported (external model)", findings: [] }), false);
 * ```
 * @module
 */
import { dirname, join } from "node:path";
import type { MeasurementManifest } from "../core/manifest.ts";
import { readTextBounded } from "../core/files.ts";
import { dataPath } from "../core/paths.ts";
import { seedFrom } from "../core/prng.ts";
import { findCheckpoint } from "./checkpoint_index.ts";
import { checkInput } from "./input_check.ts";
import { canonical, type GateReason, short } from "./locked_room.ts";
import { resampleRun } from "./resample.ts";
import type { ResultRows } from "./result_rows.ts";
import { shownPath } from "./shown_path.ts";

/** What the gate could establish about who produced a run's completions. */
export interface RunProvenance {
  status: "verified" | "refuted" | "checkpoint not found" | "self-reported";
  /** As printed: `verified (re-sampled 120/120)`, `self-reported (external model)`, … */
  text: string;
  /** Violations found on the way (re-drawn rows that differ, rows unlike the input file). */
  findings: GateReason[];
}

/** True when the run's completions were verified here. */
export function isVerified(p: RunProvenance): boolean {
  return p.status === "verified";
}

const violation = (check: string, message: string): GateReason => ({
  check,
  severity: "violation",
  knob: "record",
  message,
});

/** The sealed `.meta.json` beside a sealed rollout file, as canonical JSON, or null. */
async function sealedSettings(sealed: string): Promise<string | null> {
  const text = await readTextBounded(dataPath(sealed.replace(/\.jsonl$/, ".meta.json")), 1 << 16)
    .catch(() => null);
  return text === null ? null : canonical(JSON.parse(text));
}

/**
 * The provenance of one run (see the module doc).
 *
 * @param rows its results, already read
 * @param m its manifest, already verified against its artifacts
 * @param seed the gate's seed (the row sample is `seedFrom("gate-resample", seed, ids)`)
 */
export async function runProvenance(
  rows: ResultRows,
  m: MeasurementManifest,
  seed: number,
): Promise<RunProvenance> {
  const input = await checkInput(rows, m);
  const findings = input.finding === null ? [] : [input.finding];
  const s = m.sampling;
  const out = (status: RunProvenance["status"], text: string): RunProvenance => ({
    status,
    text,
    findings,
  });
  if (input.matched === false) { // one cause, one reason: the rows are not the input's
    return out("refuted", "refuted (results.jsonl does not hold its input's completions)");
  }
  if (s === null) return out("self-reported", "self-reported (no sampling settings)");
  const claim = typeof s.checkpoint === "string" && /^[0-9a-f]{64}$/.test(s.checkpoint)
    ? s.checkpoint
    : null;
  if (claim !== null) {
    const found = await findCheckpoint(claim);
    if (found === null) {
      return out("checkpoint not found", `checkpoint not found here (${short(claim)})`);
    }
    const tokens = input.path === null ? null : join(dirname(input.path), "tokens.jsonl");
    const hasTokens = tokens !== null && (await Deno.lstat(tokens).catch(() => null))?.isFile;
    const r = await resampleRun(rows, {
      checkpoint: found,
      dataset: m.inputs.dataset.path,
      settings: s,
      kind: m.kind,
      tokens: hasTokens ? tokens : null,
      seed: seedFrom("gate-resample", seed, m.results_ids_fingerprint),
    });
    const policy = `${shownPath(found)}, seed ${canonical(s.seed)}, temperature ${
      canonical(s.temperature)
    }`;
    if ("problem" in r) {
      findings.push(violation("provenance", `it claims the policy ${policy}, but ${r.problem}`));
      return out("refuted", "claims a policy it cannot be re-made from");
    }
    const sampled = r.checked === r.total
      ? `${r.checked}/${r.total}`
      : `a seeded ${r.checked} of ${r.total}`;
    if (r.differ > 0) {
      findings.push(violation(
        "provenance",
        `the completions were not produced by the policy the run claims (${policy}): ${r.differ} ` +
          `of ${r.checked} re-sampled rows differ (the first ${JSON.stringify(r.first)})`,
      ));
      return out("refuted", `refuted (${r.differ} of ${r.checked} re-sampled rows differ)`);
    }
    if (r.tokensDiffer > 0) {
      findings.push(violation(
        "provenance",
        `${shownPath(tokens!)} does not hold the tokens and log-probabilities the policy gives: ` +
          `${r.tokensDiffer} of ${r.tokensChecked} re-scored rows differ`,
      ));
      return out("refuted", `refuted (tokens.jsonl differs in ${r.tokensDiffer} rows)`);
    }
    const scored = r.tokensChecked > 0 ? `, ${r.tokensChecked} token rows re-scored` : "";
    return out("verified", `verified (re-sampled ${sampled}${scored})`);
  }
  if (
    input.sealed !== null && input.matched && await sealedSettings(input.sealed) === canonical(s)
  ) {
    return out("verified", `verified (sealed course data ${input.shown})`);
  }
  if (s.synthetic === true) {
    return out(
      "self-reported",
      `self-reported (synthetic policy ${canonical(s.policy)}, not re-derivable here)`,
    );
  }
  const model = typeof s.model === "string" ? ` ${JSON.stringify(s.model.slice(0, 60))}` : "";
  return out("self-reported", `self-reported (external model${model})`);
}
