/**
 * The KL estimate a measurement run reports when its completions carry log-probabilities.
 *
 * A completion row (or a pack's sample) may carry `logprob`, log π(y|x) summed over the
 * completion's tokens under the policy that sampled it (`sum_logprob` is read as the same field:
 * the name some evaluation harnesses write), and `ref_logprob`, log π_ref(y|x)
 * of the same tokens under a reference policy. With both, the row's estimate is
 *
 *   k(y) = log π(y|x) − log π_ref(y|x),
 *
 * and the mean over prompts of k is the sampled-completion estimator of KL(π‖π_ref) =
 * E_{y~π}[log π(y|x) − log π_ref(y|x)]: unbiased only when the completions were sampled from π
 * (a single row's k can be negative; the mean cannot be, in expectation), and it needs both
 * numbers of every row it uses. Rows with neither take no part; a row with only one of them, a
 * value that is not a finite number, or a value above 0 (a probability above 1) is refused.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { KlTally, logprobPair } from "./kl_estimate.ts";
 * const pair = logprobPair({ sum_logprob: -2, ref_logprob: -3 }, "c.jsonl", 1)!;
 * const tally = new KlTally();
 * tally.addPrompt([pair.logprob - pair.ref_logprob]);
 * tally.addPrompt([0.5, 1.5]);
 * assertEquals(tally.summary()?.mean, 1); // the mean over prompts of each prompt's mean
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import { describeType } from "./rows.ts";

/** The two log-probabilities of one completion (natural log, summed over its tokens). */
export interface LogprobPair {
  /** log π(y|x) under the policy that sampled the completion. */
  logprob: number;
  /** log π_ref(y|x) under the reference policy. */
  ref_logprob: number;
}

/** What the estimate is, in one sentence (written into `summary.json`). */
export const KL_ESTIMATOR =
  "sampled-completion estimator of KL(π‖π_ref): the mean over prompts of log π(y|x) − " +
  "log π_ref(y|x) per completion (nats); unbiased only when the completions were sampled from " +
  "π, and every row used carries both log-probabilities";

/** The KL estimate of a run, in `summary.json` (present only when some row carries both). */
export interface KlEstimate {
  /** Completions that carried both log-probabilities. */
  completions: number;
  /** Prompts with at least one such completion. */
  prompts: number;
  /** Mean over those prompts of each prompt's mean log π − log π_ref (nats). */
  mean: number;
  /** Standard error of that mean over prompts (null with fewer than 2 prompts). */
  std_error: number | null;
  estimator: string;
}

/**
 * The log-probability pair of a row or a sample, or null when it carries neither.
 *
 * @param o the row (or one sample object of a pack)
 * @param where `""` for a row (messages say `field 'logprob'`), or e.g. `samples[2]`
 * @throws InputError naming `path:line`: only one of the two, `logprob` and `sum_logprob`
 *   disagreeing, or a value that is not a finite number ≤ 0
 */
export function logprobPair(
  o: Record<string, unknown>,
  path: string,
  line: number,
  where = "",
): LogprobPair | null {
  const name = (key: string) => (where === "" ? `field '${key}'` : `${where}.${key}`);
  const value = (key: string): number | undefined => {
    if (!(key in o)) return undefined;
    const v = o[key];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      const got = typeof v === "number" ? String(v) : describeType(v);
      throw new InputError(path, line, `${name(key)} must be a finite number, got ${got}`);
    }
    if (v > 0) {
      throw new InputError(
        path,
        line,
        `${name(key)} must be a log-probability (≤ 0), got ${v}`,
      );
    }
    return v;
  };
  const own = value("logprob"), alias = value("sum_logprob"), ref = value("ref_logprob");
  if (own !== undefined && alias !== undefined && own !== alias) {
    throw new InputError(
      path,
      line,
      `${name("logprob")} (${own}) and ${name("sum_logprob")} (${alias}) disagree; give one`,
    );
  }
  const lp = own ?? alias;
  if (lp === undefined && ref === undefined) return null;
  if (lp === undefined || ref === undefined) {
    const [has, lacks] = lp === undefined ? ["ref_logprob", "logprob"] : ["logprob", "ref_logprob"];
    const subject = where === "" ? "the row" : where;
    throw new InputError(
      path,
      line,
      `${subject} has '${has}' but no '${lacks}': the KL estimate needs both (or neither)`,
    );
  }
  return { logprob: lp, ref_logprob: ref };
}

/**
 * Accumulates the KL estimate prompt by prompt: each prompt's mean of k = log π − log π_ref over
 * its completions that carry both, then the mean and its standard error over prompts (Welford's
 * running mean and sum of squares, so millions of prompts cost no memory).
 */
export class KlTally {
  #prompts = 0;
  #completions = 0;
  #mean = 0;
  #m2 = 0;

  /**
   * Adds one prompt's estimates (one per completion that carried both); an empty list is no
   * estimate and is skipped. Returns the prompt's mean, or null.
   */
  addPrompt(ks: readonly number[]): number | null {
    if (ks.length === 0) return null;
    let sum = 0;
    for (const k of ks) sum += k;
    const x = sum / ks.length;
    this.#completions += ks.length;
    const delta = x - this.#mean;
    this.#mean += delta / ++this.#prompts;
    this.#m2 += delta * (x - this.#mean);
    return x;
  }

  /** The run's estimate, or null when no row carried both log-probabilities. */
  summary(): KlEstimate | null {
    const n = this.#prompts;
    if (n === 0) return null;
    return {
      completions: this.#completions,
      prompts: n,
      mean: this.#mean,
      std_error: n < 2 ? null : Math.sqrt(this.#m2 / (n - 1) / n),
      estimator: KL_ESTIMATOR,
    };
  }
}
