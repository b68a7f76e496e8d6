/**
 * The gate: is this comparison valid, and is the difference real?
 *
 * Two runs may be compared only in a **Locked Room**: the same environment (dataset and
 * prompts), the same measurement instrument (scorer name, version and code), the same decoding
 * settings, the same selection compute (N), the same kind of run and the same examples. The only
 * knob allowed to move is **the policy** — the completions or samples being measured. Any other
 * turned knob is a violation, named in the course's words, and the decision is REJECT. A run
 * without a readable manifest is a REJECT too: nothing says what it measured.
 *
 * In a locked room the runs are compared item by item: the delta in pass rate, the paired counts,
 * an exact McNemar p-value and a 95% paired bootstrap interval with a fixed seed. The decision is
 * PROMOTE when the delta meets `minDelta`, else REJECT; the course's noise rule and the
 * significance figures are reported beside it, and a PROMOTE they do not support says so.
 *
 * **Sampling settings vs the policy.** A rollout file's `.meta.json` mixes two things. Its
 * policy identity — {@link POLICY_KEYS}: `policy`, `checkpoint`, `model`, `seed`, `synthetic` — says
 * *which* policy made the completions and which draw they are; a new checkpoint carries a new
 * name and usually a new seed, so a change there *is* the policy change under test and is
 * reported as a note, never a violation. Every other key (`temperature`, `top_p`, `max_tokens`,
 * `samples_per_prompt`, …) is a decoding setting: the same policy decoded differently is a turned
 * knob, a violation. When either run's settings are unknown (completions without a `.meta.json`),
 * the gate cannot confirm the decoding was unchanged: that is a warning among the reasons, not a
 * violation.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { compareSampling } from "./gate.ts";
 * const [r] = compareSampling({ policy: "v1", temperature: 1 }, { policy: "v1", temperature: 0.7 });
 * assertEquals([r.check, r.severity], ["sampling settings", "violation"]);
 * ```
 * @module
 */
import { join } from "node:path";
import { InputError } from "../core/errors.ts";
import { forEachJsonl } from "../core/jsonl.ts";
import { sha256Text } from "../core/hash.ts";
import { makeRng } from "../core/prng.ts";
import { mcnemarExact, pairedBootstrap } from "../core/stats.ts";

/** The knobs of the Locked Room, and two kinds of finding that are not knobs. */
export type Knob =
  | "environment"
  | "instrument"
  | "sampling"
  | "compute"
  | "procedure"
  | "policy"
  | "record"
  | "evidence";

/** Each knob in the course's words, as printed. */
export const KNOB_WORDS: Record<Knob, string> = {
  environment: "the environment (dataset/prompts)",
  instrument: "the measurement instrument (scorer/spec)",
  sampling: "the sampling settings (decoding)",
  compute: "selection compute (N)",
  procedure: "the kind of run (what a pass means)",
  policy: "the policy (completions/samples)",
  record: "the run record (manifest/results)",
  evidence: "the evidence",
};

/** `ok`: the check holds; `violation`: REJECT; `warning`/`note`: stated, not decisive. */
export type Severity = "ok" | "violation" | "warning" | "note";

/** One named finding of the gate. */
export interface GateReason {
  /** The check, e.g. `"dataset fingerprint"`. */
  check: string;
  severity: Severity;
  knob: Knob;
  /** One sentence for people. */
  message: string;
}

/** Keys of the sampling settings that identify the policy and its draw, not its decoding. */
export const POLICY_KEYS: readonly string[] = [
  "policy",
  "checkpoint",
  "model",
  "seed",
  "synthetic",
];

/** The course's noise rule: with fewer than `items` items, a change of `points` or less is noise. */
export const NOISE_RULE = { items: 100, points: 0.05 } as const;

/** Significance level for the McNemar test and the bootstrap interval (95%). */
export const ALPHA = 0.05;

/** A run as the gate reads it; problems are kept, never thrown, so they become reasons. */
export interface GateRun {
  path: string;
  /** The manifest, or null when it is missing or unusable (see `manifestProblem`). */
  manifest: Record<string, unknown> | null;
  manifestProblem: string | null;
  /** id → reward from results.jsonl, or null when unusable (see `resultsProblem`). */
  rewards: Map<string, number> | null;
  resultsProblem: string | null;
}

/** Fields every measurement manifest must carry, with their JSON types. */
const REQUIRED: Record<string, "string" | "number" | "object"> = {
  kind: "string",
  dataset_fingerprint: "string",
  prompts_fingerprint: "string",
  example_ids_fingerprint: "string",
  scorer_name: "string",
  scorer_version: "string",
  scorer_fingerprint: "string",
  selection_n: "number",
  inputs: "object",
};

/**
 * Why a parsed manifest cannot be used, or null when it can: it must be an object with every
 * field the gate compares (and a `sampling` key, which may be null).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { manifestProblem } from "./gate.ts";
 * assertEquals(manifestProblem([1, 2]), "manifest.json is not a JSON object");
 * ```
 */
export function manifestProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "manifest.json is not a JSON object";
  }
  const m = value as Record<string, unknown>;
  for (const [field, type] of Object.entries(REQUIRED)) {
    const v = m[field];
    if (typeof v !== type || v === null) return `manifest.json lacks a ${type} field '${field}'`;
  }
  if (!("sampling" in m)) return "manifest.json lacks the field 'sampling' (null when unknown)";
  if (m.sampling !== null && (typeof m.sampling !== "object" || Array.isArray(m.sampling))) {
    return "manifest.json field 'sampling' must be an object or null";
  }
  return null;
}

/**
 * Reads a run folder for the gate. A missing or unreadable manifest or results file is recorded
 * as a problem (which the gate turns into a REJECT reason), never thrown.
 *
 * @param path the run folder
 * @throws InputError only when the folder itself does not exist or is not a folder (unusable
 *   input: the CLI exits 2)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { readRun } from "./gate.ts";
 * const dir = await Deno.makeTempDir();
 * const run = await readRun(dir);
 * assertEquals([run.manifest, run.rewards], [null, null]);
 * await Deno.remove(dir);
 * ```
 */
export async function readRun(path: string): Promise<GateRun> {
  try {
    if (!(await Deno.stat(path)).isDirectory) throw new InputError(path, null, "is not a folder");
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof Deno.errors.NotFound) throw new InputError(path, null, "no such run folder");
    throw new InputError(path, null, `cannot read: ${(e as Error).message}`);
  }
  const run: GateRun = {
    path,
    manifest: null,
    manifestProblem: null,
    rewards: null,
    resultsProblem: null,
  };
  try {
    const value = JSON.parse(await Deno.readTextFile(join(path, "manifest.json")));
    run.manifestProblem = manifestProblem(value);
    if (run.manifestProblem === null) run.manifest = value as Record<string, unknown>;
  } catch (e) {
    run.manifestProblem = e instanceof Deno.errors.NotFound
      ? "has no manifest.json: nothing records what was measured, or with which instrument"
      : `manifest.json cannot be read: ${(e as Error).message}`;
  }
  const file = join(path, "results.jsonl");
  try {
    const rewards = new Map<string, number>();
    await forEachJsonl(file, (value, line) => {
      const row = value as Record<string, unknown> | null;
      const id = row?.id, reward = row?.reward;
      if (typeof id !== "string" || (reward !== 0 && reward !== 1)) {
        throw new InputError(file, line, "a result needs a string 'id' and a 'reward' of 0 or 1");
      }
      if (rewards.has(id)) throw new InputError(file, line, `duplicate id ${JSON.stringify(id)}`);
      rewards.set(id, reward);
    });
    run.rewards = rewards;
  } catch (e) {
    run.resultsProblem = (e as Error).message;
  }
  return run;
}

/** JSON text with object keys sorted, so settings compare by value. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${
      Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")
    }}`;
  }
  return JSON.stringify(v) ?? "(unset)";
}

function changes(a: Record<string, unknown>, b: Record<string, unknown>, keys: string[]): string[] {
  return keys.filter((k) => canonical(a[k]) !== canonical(b[k])).map((k) =>
    `${k} ${canonical(a[k])} → ${canonical(b[k])}`
  );
}

/**
 * Compares the sampling settings of two runs under the rule of this module: a change of a
 * {@link POLICY_KEYS} key is the policy (a note); a change of any other key is a decoding change
 * (a violation); unknown settings on either side are a warning.
 *
 * @param base the baseline's settings, or null when unknown
 * @param cand the candidate's settings, or null when unknown
 * @returns the reasons (one or two)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { compareSampling } from "./gate.ts";
 * assertEquals(compareSampling({ policy: "v1" }, null)[0].severity, "warning");
 * assertEquals(compareSampling({ policy: "v1" }, { policy: "v2" }).map((r) => r.severity), ["ok", "note"]);
 * ```
 */
export function compareSampling(
  base: Record<string, unknown> | null,
  cand: Record<string, unknown> | null,
): GateReason[] {
  const check = "sampling settings";
  if (base === null || cand === null) {
    const who = base === null && cand === null
      ? "both runs"
      : base === null
      ? "the baseline"
      : "the candidate";
    return [{
      check,
      severity: "warning",
      knob: "sampling",
      message: `unknown for ${who} (completions without a .meta.json): the decoding settings ` +
        "cannot be confirmed equal; stated, not counted as a violation",
    }];
  }
  const keys = [...new Set([...Object.keys(base), ...Object.keys(cand)])].sort();
  const decoding = changes(base, cand, keys.filter((k) => !POLICY_KEYS.includes(k)));
  const policy = changes(base, cand, keys.filter((k) => POLICY_KEYS.includes(k)));
  const out: GateReason[] = [
    decoding.length > 0
      ? {
        check,
        severity: "violation",
        knob: "sampling",
        message: `${KNOB_WORDS.sampling} changed: ${
          decoding.join(", ")
        }; a difference would mix the policy with how it was decoded`,
      }
      : { check, severity: "ok", knob: "sampling", message: "decoding settings identical" },
  ];
  if (policy.length > 0) {
    out.push({
      check: "policy identity",
      severity: "note",
      knob: "policy",
      message: `${policy.join(", ")}: a different policy (or a fresh draw of it), ` +
        "the change under test",
    });
  }
  return out;
}

function short(x: unknown): string {
  return typeof x === "string" && /^[0-9a-f]{64}$/.test(x) ? `${x.slice(0, 12)}…` : canonical(x);
}

function policyInput(m: Record<string, unknown>): { sha256?: unknown; path?: unknown } | undefined {
  const inputs = m.inputs as Record<string, { sha256?: unknown; path?: unknown }>;
  return inputs.completions ?? inputs.samples;
}

/**
 * The Locked Room checks, every one of them named, passing or not.
 *
 * @param base the baseline run
 * @param cand the candidate run
 * @returns one reason per check (severity `ok` when it holds)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { lockedRoom } from "./gate.ts";
 * const run = { path: "r", manifest: null, manifestProblem: "has no manifest.json", rewards: null, resultsProblem: null };
 * const reasons = lockedRoom(run, run);
 * assertEquals(reasons[0].check, "manifest");
 * assertEquals(reasons[0].severity, "violation");
 * ```
 */
export function lockedRoom(base: GateRun, cand: GateRun): GateReason[] {
  const out: GateReason[] = [];
  for (const [role, run] of [["baseline", base], ["candidate", cand]] as const) {
    if (run.manifestProblem !== null) {
      out.push({
        check: "manifest",
        severity: "violation",
        knob: "record",
        message: `the ${role} ${run.path} ${
          run.manifestProblem.startsWith("has ") ? "" : "is unusable: "
        }${run.manifestProblem}; its numbers cannot be compared`,
      });
    }
    if (run.resultsProblem !== null) {
      out.push({
        check: "results",
        severity: "violation",
        knob: "record",
        message: `the ${role}'s results cannot be read: ${run.resultsProblem}`,
      });
    }
    if (run.manifest !== null && run.rewards !== null) {
      const ids = sha256Text([...run.rewards.keys()].sort().join("\n"));
      if (ids !== run.manifest.example_ids_fingerprint) {
        out.push({
          check: "results",
          severity: "violation",
          knob: "record",
          message: `the ${role}'s results.jsonl holds other examples than its manifest records ` +
            "(edited after the run was written?)",
        });
      }
    }
  }
  const a = base.manifest, b = cand.manifest;
  if (a === null || b === null) {
    out.push({
      check: "locked room",
      severity: "violation",
      knob: "record",
      message: "not checked: without both manifests nothing says the two runs measured the same " +
        "thing (never a silent pass)",
    });
    return out;
  }
  const same = (
    check: string,
    field: string,
    knob: Knob,
    what: string,
  ) => {
    const equal = canonical(a[field]) === canonical(b[field]);
    out.push({
      check,
      severity: equal ? "ok" : "violation",
      knob,
      message: equal
        ? `${short(a[field])} in both runs`
        : `${what} (${short(a[field])} → ${short(b[field])})`,
    });
  };
  same("kind of run", "kind", "procedure", `${KNOB_WORDS.procedure} changed`);
  same(
    "dataset fingerprint",
    "dataset_fingerprint",
    "environment",
    `${KNOB_WORDS.environment} changed: the dataset file differs${
      a.prompts_fingerprint === b.prompts_fingerprint &&
        a.example_ids_fingerprint === b.example_ids_fingerprint
        ? " while its prompts and ids do not, so the expected answers changed"
        : ""
    }`,
  );
  same(
    "prompts fingerprint",
    "prompts_fingerprint",
    "environment",
    `${KNOB_WORDS.environment} changed: the prompts differ`,
  );
  same(
    "example ids",
    "example_ids_fingerprint",
    "environment",
    `${KNOB_WORDS.environment} changed: the set of examples differs`,
  );
  if (base.rewards !== null && cand.rewards !== null) {
    const missing = [...base.rewards.keys()].filter((id) => !cand.rewards!.has(id)).length;
    const extra = [...cand.rewards.keys()].filter((id) => !base.rewards!.has(id)).length;
    if (missing + extra > 0) {
      out.push({
        check: "example ids",
        severity: "violation",
        knob: "environment",
        message: `the results cover different examples: ${missing} only in the baseline, ` +
          `${extra} only in the candidate`,
      });
    }
  }
  same("scorer name", "scorer_name", "instrument", `${KNOB_WORDS.instrument} was replaced`);
  same(
    "scorer version",
    "scorer_version",
    "instrument",
    `${KNOB_WORDS.instrument} changed (a new version)`,
  );
  same(
    "scorer fingerprint",
    "scorer_fingerprint",
    "instrument",
    a.scorer_version === b.scorer_version
      ? `UNVERSIONED change of ${KNOB_WORDS.instrument}: its code changed under the same version ` +
        `${a.scorer_version}`
      : `${KNOB_WORDS.instrument}'s code changed (with the version)`,
  );
  out.push(
    ...compareSampling(
      a.sampling as Record<string, unknown> | null,
      b.sampling as Record<string, unknown> | null,
    ),
  );
  same("selection N", "selection_n", "compute", `${KNOB_WORDS.compute} changed (best-of-N)`);
  const pa = policyInput(a), pb = policyInput(b);
  const sameOutputs = pa !== undefined && pb !== undefined && pa.sha256 === pb.sha256;
  out.push({
    check: "policy outputs",
    severity: "note",
    knob: "policy",
    message: sameOutputs
      ? "the same completions in both runs: the policy did not change"
      : `completions changed (${short(pa?.sha256)} → ${
        short(pb?.sha256)
      }): the policy's outputs, the only change that can be promoted`,
  });
  return out;
}

/** The paired comparison of two runs on the same items. */
export interface PairedComparison {
  /** Items compared. */
  n: number;
  baseline_passes: number;
  candidate_passes: number;
  baseline_pass_rate: number;
  candidate_pass_rate: number;
  /** Candidate pass rate − baseline pass rate. */
  delta: number;
  /** Items the baseline passed and the candidate failed. */
  baseline_pass_candidate_fail: number;
  /** Items the baseline failed and the candidate passed. */
  baseline_fail_candidate_pass: number;
  /** Exact two-sided McNemar p-value. */
  mcnemar_p: number;
  /** 95% paired percentile bootstrap interval of the delta. */
  ci95: [number, number];
  bootstrap: { resamples: number; seed: number };
  /** The noise rule applies (n < 100) and |delta| is within 5 points. */
  inside_noise_band: boolean;
  noise_rule_applies: boolean;
  /** McNemar p < 0.05 and the interval excludes 0. */
  significant: boolean;
}

/**
 * Compares two runs item by item on the ids of `base` (which must all be in `cand`), in sorted id
 * order so the bootstrap does not depend on row order.
 *
 * @param base id → reward (0/1) of the baseline
 * @param cand id → reward (0/1) of the candidate
 * @param opts bootstrap `seed` and `resamples`
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { comparePaired } from "./gate.ts";
 * const c = comparePaired(new Map([["a", 0], ["b", 1]]), new Map([["a", 1], ["b", 1]]), { seed: 1, resamples: 100 });
 * assertEquals([c.delta, c.baseline_fail_candidate_pass, c.mcnemar_p], [0.5, 1, 1]);
 * ```
 */
export function comparePaired(
  base: ReadonlyMap<string, number>,
  cand: ReadonlyMap<string, number>,
  opts: { seed: number; resamples: number },
): PairedComparison {
  const ids = [...base.keys()].sort();
  const n = ids.length;
  const diffs = new Int8Array(n); // (n,) candidate − baseline ∈ {−1, 0, 1}
  let bp = 0, cp = 0, lost = 0, gained = 0;
  ids.forEach((id, i) => {
    const x = base.get(id)!, y = cand.get(id);
    if (y === undefined) throw new Error(`comparePaired: ${id} is not in the candidate`);
    bp += x;
    cp += y;
    if (x > y) lost++;
    if (y > x) gained++;
    diffs[i] = y - x;
  });
  const ci = pairedBootstrap(diffs, makeRng(opts.seed), { resamples: opts.resamples });
  const delta = n === 0 ? 0 : (cp - bp) / n;
  const p = mcnemarExact(lost, gained);
  const applies = n < NOISE_RULE.items;
  return {
    n,
    baseline_passes: bp,
    candidate_passes: cp,
    baseline_pass_rate: n === 0 ? 0 : bp / n,
    candidate_pass_rate: n === 0 ? 0 : cp / n,
    delta,
    baseline_pass_candidate_fail: lost,
    baseline_fail_candidate_pass: gained,
    mcnemar_p: p,
    ci95: [ci.lo, ci.hi],
    bootstrap: { resamples: opts.resamples, seed: opts.seed },
    noise_rule_applies: applies,
    inside_noise_band: applies && Math.abs(delta) <= NOISE_RULE.points + 1e-12,
    significant: p < ALPHA && (ci.lo > 0 || ci.hi < 0),
  };
}

/** What the gate decides with. */
export interface GateConfig {
  /** The smallest delta in pass rate (a fraction: 0.05 = 5 points) that may be promoted. */
  minDelta: number;
  /** Bootstrap seed (fixed, so the interval is reproducible). */
  seed: number;
  /** Bootstrap resamples. */
  resamples: number;
}

/** The defaults of `deno task gate`. */
export const GATE_DEFAULTS: GateConfig = { minDelta: 0, seed: 2026, resamples: 2000 };

/** The gate's verdict: the decision, every reason and the figures; `--json` prints it as is. */
export interface GateVerdict {
  decision: "PROMOTE" | "REJECT";
  /** 0 for PROMOTE, 1 for REJECT. */
  exit_code: 0 | 1;
  baseline: string;
  candidate: string;
  min_delta: number;
  /** Every Locked Room check, passing or not. */
  checks: GateReason[];
  /** Every reason for the decision: violations, warnings, and the evidence. */
  reasons: GateReason[];
  /** The paired comparison, or null when the room is not locked. */
  comparison: PairedComparison | null;
  /** The sampling rule in one sentence. */
  sampling_rule: string;
}

/** The sampling rule, as stated in every verdict. */
export const SAMPLING_RULE =
  `sampling keys ${
    POLICY_KEYS.join("/")
  } identify the policy and its draw (a change is the policy under test); every other key is a ` +
  "decoding setting that must match; unknown settings are a warning, not a violation";

function points(x: number): string {
  const v = 100 * x;
  return `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)} points`;
}

/**
 * Decides: REJECT on any Locked Room violation; otherwise PROMOTE when the delta meets
 * `minDelta`, else REJECT. The noise rule and the significance figures are added as evidence,
 * and a PROMOTE they do not support carries a warning saying so.
 *
 * @param base the baseline run (see {@link readRun})
 * @param cand the candidate run
 * @param cfg the threshold and the bootstrap settings
 * @returns the verdict
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { decide, GATE_DEFAULTS } from "./gate.ts";
 * const none = { path: "r", manifest: null, manifestProblem: "has no manifest.json", rewards: null, resultsProblem: null };
 * assertEquals(decide(none, none, GATE_DEFAULTS).decision, "REJECT");
 * ```
 */
export function decide(base: GateRun, cand: GateRun, cfg: GateConfig): GateVerdict {
  const checks = lockedRoom(base, cand);
  const reasons = checks.filter((r) => r.severity !== "ok");
  const violations = checks.filter((r) => r.severity === "violation").length;
  const verdict = (decision: "PROMOTE" | "REJECT", comparison: PairedComparison | null) => ({
    decision,
    exit_code: decision === "PROMOTE" ? 0 as const : 1 as const,
    baseline: base.path,
    candidate: cand.path,
    min_delta: cfg.minDelta,
    checks,
    reasons,
    comparison,
    sampling_rule: SAMPLING_RULE,
  });
  if (violations > 0) {
    reasons.push({
      check: "decision",
      severity: "violation",
      knob: "evidence",
      message: `${violations} Locked Room violation(s): a knob other than the policy was turned, ` +
        "so no difference between these runs can be attributed to the policy",
    });
    return verdict("REJECT", null);
  }
  const c = comparePaired(base.rewards!, cand.rewards!, cfg);
  const meets = c.delta >= cfg.minDelta - 1e-12;
  reasons.push({
    check: "min delta",
    severity: meets ? "note" : "violation",
    knob: "evidence",
    message: `delta ${points(c.delta)} ${meets ? "meets" : "is below"} --min-delta ${
      points(cfg.minDelta)
    }`,
  });
  const sig = `McNemar p = ${c.mcnemar_p.toPrecision(3)}, 95% CI ${points(c.ci95[0])} to ${
    points(c.ci95[1])
  }`;
  reasons.push({
    check: "significance",
    severity: meets && !c.significant ? "warning" : "note",
    knob: "evidence",
    message: c.significant
      ? `significant at 5%: ${sig}`
      : `not significant at 5% (${sig}): the difference may be chance`,
  });
  reasons.push({
    check: "noise rule",
    severity: meets && c.inside_noise_band ? "warning" : "note",
    knob: "evidence",
    message: !c.noise_rule_applies
      ? `${c.n} items ≥ ${NOISE_RULE.items}: the 5-point noise rule does not apply; read the ` +
        "significance figures"
      : c.inside_noise_band
      ? `inside the noise band: with ${c.n} < ${NOISE_RULE.items} items a change of 5 points or ` +
        "less is noise"
      : `outside the noise band (more than 5 points with ${c.n} < ${NOISE_RULE.items} items)`,
  });
  if (meets && (c.inside_noise_band || !c.significant)) {
    reasons.push({
      check: "decision",
      severity: "warning",
      knob: "evidence",
      message: "PROMOTE only because the delta meets --min-delta; the evidence does not show a " +
        "real improvement",
    });
  }
  return verdict(meets ? "PROMOTE" : "REJECT", c);
}

/**
 * Reads both runs and decides (the whole gate).
 *
 * @throws InputError when a run folder does not exist (unusable input)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gate, GATE_DEFAULTS } from "./gate.ts";
 * const dir = await Deno.makeTempDir();
 * assertEquals((await gate(dir, dir, GATE_DEFAULTS)).exit_code, 1); // no manifest: REJECT
 * await Deno.remove(dir);
 * ```
 */
export async function gate(
  baseline: string,
  candidate: string,
  cfg: GateConfig,
): Promise<GateVerdict> {
  const [base, cand] = await Promise.all([readRun(baseline), readRun(candidate)]);
  return decide(base, cand, cfg);
}
