/**
 * What an eval measures, as data: the summary every eval writes (`summary.json`), the codes it
 * can record, and the order its failure table lists them in.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { sortCounts } from "./eval_result.ts";
 * assertEquals(sortCounts(new Map([["ok", 1], ["wrong_answer", 3]])), { wrong_answer: 3, ok: 1 });
 * ```
 * @module
 */
import type { ScoreCode } from "../instrument/spec.ts";
import { type KlEstimate, KlTally } from "./kl_estimate.ts";
import { OrderedIdsHash } from "../core/hash.ts";
import { wilson } from "../core/stats.ts";
import type { SliceSummary } from "./dataset.ts";
import { MISSING_COMPLETION } from "./rows.ts";

/** The message of an example that has no completion. */
export const MISSING_MESSAGE = "No completion was given for this example; it counts as a failure.";

/** Every code an eval can record. */
export type EvalCode = ScoreCode | typeof MISSING_COMPLETION;

/** `summary.json` of an eval. */
export interface EvalSummary {
  kind: "eval";
  n: number;
  passes: number;
  pass_rate: number;
  /** 95% Wilson interval of the pass rate. */
  ci95: [number, number];
  /** Examples per code, largest first. */
  codes: Record<string, number>;
  missing_completions: number;
  /** The slice measured, when `--max` kept only the first examples of the dataset. */
  slice?: SliceSummary;
  /** The KL estimate, when completion rows carried `logprob` and `ref_logprob`. */
  kl?: KlEstimate;
}

/** Sorts a code → count table, largest first, ties by code name. */
export function sortCounts(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/**
 * What an eval counts while it scores, row by row: passes, codes, the KL estimate, and the order
 * of the ids written; {@link EvalTally.summary} turns it into `summary.json`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { EvalTally } from "./eval_result.ts";
 * const t = new EvalTally();
 * t.add("a", 1, "ok");
 * t.add("b", 0, "wrong_answer");
 * assertEquals(t.summary(2, 0, null).pass_rate, 0.5);
 * ```
 */
export class EvalTally {
  passes = 0;
  readonly counts = new Map<string, number>();
  readonly kl = new KlTally();
  readonly order = new OrderedIdsHash();

  /** Counts one result line: its id (in the order written), reward and code. */
  add(id: string, reward: number, code: string, kl?: number): void {
    this.passes += reward;
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
    if (kl !== undefined) this.kl.addPrompt([kl]);
    this.order.add(id);
  }

  /** `summary.json` for `n` examples, `missing` of them without a completion. */
  summary(n: number, missing: number, slice: SliceSummary | null): EvalSummary {
    const summary: EvalSummary = {
      kind: "eval",
      n,
      passes: this.passes,
      pass_rate: n === 0 ? 0 : this.passes / n,
      ci95: wilson(this.passes, n),
      codes: sortCounts(this.counts),
      missing_completions: missing,
    };
    const kl = this.kl.summary();
    if (slice !== null) summary.slice = slice;
    if (kl !== null) summary.kl = kl;
    return summary;
  }
}
