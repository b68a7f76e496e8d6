/**
 * The views the milestone notebooks show of their runs: small functions from a run's results to a
 * story bundle or table rows, so a notebook cell stays one line of intent (pure, but for
 * {@link flaggedResults}, which reads a run's results). Paths are
 * shown relative to the project root (`runs/…`, `data/…`), the same on every machine.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { codeRows } from "./views.ts";
 * const rows = codeRows({ n: 4, codes: { wrong_answer: 3, ok: 1 } });
 * assertEquals(rows.map((r) => [r.code, r.n, r.share]), [["wrong_answer", 3, 0.75], ["ok", 1, 0.25]]);
 * ```
 * @module
 */
import { codeMeaning, evalStory } from "../present/eval_story.ts";
import type { BarRow } from "../present/chart_spec.ts";
import type { EvalSummary } from "../measure/eval_result.ts";
import type { SelectSummary } from "../select/tally.ts";
import { f3 } from "../present/format.ts";
import type { KataCase } from "../redteam/kata.ts";
import { visible } from "../core/visible.ts";
import { readJsonl } from "../core/jsonl.ts";
import { suspicion } from "./reward_exercise_checks.ts";
import type { ScoreFn } from "../instrument/rubric_contract.ts";
import {
  type ConfirmedExploit,
  confirmExploits,
  type ExploitAttempt,
} from "../redteam/exploits.ts";
import { ATTACK_CLASSES } from "../redteam/mutations.ts";
import { text } from "./display.ts";
import type { Bundle } from "./display.ts";
import { rootRelative } from "./lines.ts";

/** What an eval returns, as far as the views read it. */
export interface EvalRun {
  runPath: string;
  summary: EvalSummary;
}

/**
 * The story `deno task eval` prints, for a run made from a notebook: dataset, completions and run
 * shown relative to the project root.
 */
export function evalView(run: EvalRun, inputs: { dataset: string; completions: string }): Bundle {
  return text(evalStory(run.summary, {
    dataset: rootRelative(inputs.dataset),
    completions: rootRelative(inputs.completions),
    runPath: rootRelative(run.runPath),
  }));
}

/** One row per result code of an eval, largest first: the count, its share and the rule. */
export function codeRows(
  summary: Pick<EvalSummary, "n" | "codes">,
): { code: string; n: number; share: number; meaning: string }[] {
  return Object.entries(summary.codes).map(([code, n]) => ({
    code,
    n,
    share: summary.n === 0 ? 0 : n / summary.n,
    meaning: codeMeaning(code),
  }));
}

/**
 * The codes of two evals side by side (`early`, `later`): every code either run produced, with
 * each run's count (0 when it never produced it).
 */
export function codeShiftRows(
  early: Pick<EvalSummary, "codes">,
  later: Pick<EvalSummary, "codes">,
): { code: string; early: number; later: number }[] {
  const codes = [...new Set([...Object.keys(early.codes), ...Object.keys(later.codes)])];
  return codes.map((code) => ({
    code,
    early: early.codes[code] ?? 0,
    later: later.codes[code] ?? 0,
  }));
}

/** The rows of {@link codeShiftRows} as grouped bars, one group per run. */
export function codeShiftBars(
  rows: readonly { code: string; early: number; later: number }[],
  names: { early: string; later: string },
): BarRow[] {
  return rows.flatMap((r) => [
    { category: r.code, value: r.early, group: names.early },
    { category: r.code, value: r.later, group: names.later },
  ]);
}

/**
 * The kata's cases as a table: the prompt without its fixed format sentence, the completion with
 * invisible characters made visible, and what the scorer said.
 */
export function kataRows(cases: readonly KataCase[]): Record<string, string | number>[] {
  return cases.map((c) => ({
    id: c.id,
    prompt: c.prompt.replace(/ Answer with exactly one line: Final: <int>$/, ""),
    expected: String(c.expected_answer),
    completion: visible(c.completion),
    scorer: c.scorer,
    reward: c.reward,
    code: c.code,
    message: c.message,
  }));
}

/** What a selection run returns, as far as the views read it. */
export interface SelectRun {
  runPath: string;
  summary: SelectSummary;
}

/** One row per best-of-N run: pass@1 (sample 0), pass@N (the chosen sample) and what moved. */
export function selectionRows(runs: readonly SelectRun[]): Record<string, string | number>[] {
  return runs.map(({ summary: s }) => ({
    N: s.n,
    "pass@1 (sample 0)": s.pass_at_1,
    "pass@N (chosen)": s.pass_at_n,
    "95% CI of pass@N": `${f3(s.ci95_at_n[0])}–${f3(s.ci95_at_n[1])}`,
    rescued: s.rescued,
    lost: s.lost,
  }));
}

/** The pass@k curve as table rows: both estimates and their difference. */
export function passAtKRows(
  curve: readonly { k: number; unbiased: number; naive: number }[],
): { k: number; unbiased: number; naive: number; "naive − unbiased": number }[] {
  return curve.map((p) => ({
    k: p.k,
    unbiased: p.unbiased,
    naive: p.naive,
    "naive − unbiased": p.naive - p.unbiased,
  }));
}

/**
 * How reproducible a selection rule is: applied twice to the same pack, how many prompts changed
 * their chosen sample, and the pass@N of each application.
 */
export function choiceStabilityRow(
  rule: string,
  first: readonly { chosen: number; reward: number }[],
  second: readonly { chosen: number; reward: number }[],
): Record<string, string | number> {
  const passAt = (runs: readonly { reward: number }[]) =>
    runs.length === 0 ? 0 : runs.filter((c) => c.reward === 1).length / runs.length;
  return {
    rule,
    "prompts whose choice changed": first.filter((c, i) => c.chosen !== second[i]?.chosen).length,
    "pass@N, first": passAt(first),
    "pass@N, second": passAt(second),
  };
}

/**
 * The results of an eval run that deserve a second look for the failure report
 * (lib/course/reward_exercise_checks.ts's `suspicion`: a character outside ASCII decided the
 * verdict, several `Final:` lines, many numbers), with the completion made visible; and how many
 * results there were. Reads the run's `results.jsonl`.
 */
export async function flaggedResults(
  runPath: string,
): Promise<
  { rows: { id: string; code: string; completion: string; why: string }[]; total: number }
> {
  const results = (await readJsonl(`${runPath}/results.jsonl`)).map(({ value }) =>
    value as { id: string; code: string; completion: string | null }
  );
  const rows = results.flatMap((r) => {
    const why = suspicion(r);
    return why === null
      ? []
      : [{ id: r.id, code: r.code, completion: visible(r.completion ?? "", { max: 80 }), why }];
  });
  return { rows, total: results.length };
}

/** A scoring function under a name, as the red-team views compare them. */
export interface NamedScorer {
  name: string;
  fn: ScoreFn;
}

/**
 * Per exploit class, how many red-team candidates a variant and its patch pay wrongly (false
 * positives) or refuse wrongly (false negatives), both judged against the strict scorer.
 */
export function patchClassRows(
  attempts: readonly ExploitAttempt[],
  variant: NamedScorer,
  patched: NamedScorer,
): Record<string, string | number>[] {
  const before = confirmExploits(attempts, variant.fn);
  const after = confirmExploits(attempts, patched.fn);
  const count = (rows: readonly ConfirmedExploit[], cls: string, outcome: string) =>
    rows.filter((r) => r.why === cls && r.outcome === outcome).length;
  return ATTACK_CLASSES.map((cls) => ({
    class: cls,
    candidates: before.filter((r) => r.why === cls).length,
    [`${variant.name}: false +`]: count(before, cls, "false_positive"),
    [`${patched.name}: false +`]: count(after, cls, "false_positive"),
    [`${variant.name}: false −`]: count(before, cls, "false_negative"),
    [`${patched.name}: false −`]: count(after, cls, "false_negative"),
  }));
}

/** One row per eval: its role, the scorer that scored it, and the pass rate it measured. */
export function evalComparisonRows(
  evals: readonly { role: string; scorer: string; run: EvalRun }[],
): Record<string, string | number>[] {
  return evals.map(({ role, scorer, run }) => ({
    role,
    scorer,
    "pass rate": run.summary.pass_rate,
    passes: run.summary.passes,
    n: run.summary.n,
  }));
}
