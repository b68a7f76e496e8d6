/**
 * Token-level tables of the tiny policy: a completion's tokens with their log-probabilities
 * (`deno task logprobs`), the near-miss variants side by side (`--compare`), and the gradient
 * connection of one update (`--explain`). Pure: lines of text, fixed precision.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { logprobTable } from "./logprobs_story.ts";
 * const lp = { completion: "9", logprob: -0.5, missing: null,
 *   tokens: [{ index: 5, id: 24, text: "9", shown: "9", logprob: -0.5, prob: Math.exp(-0.5) }] };
 * assertEquals(logprobTable(lp).at(-1), "  log π(y|x) = Σ_t log π(y_t|prefix) = -0.500   π(y|x) = 0.606531");
 * ```
 * @module
 */
import type { Explanation } from "../learn/explain.ts";
import type { CompletionLogprobs, VariantRow } from "../policy/logprobs.ts";
import { f3, signed } from "./format.ts";

/** A probability with 6 decimals (small ones matter here). */
function p6(x: number): string {
  return x.toFixed(6);
}

/** log π as text: fixed 3 decimals, or `-inf` for a completion the policy cannot produce. */
export function logText(x: number): string {
  return Number.isFinite(x) ? f3(x) : "-inf";
}

/** One completion, token by token, and the sum. */
export function logprobTable(lp: CompletionLogprobs): string[] {
  if (lp.missing !== null) {
    return [
      `  the token ${JSON.stringify(lp.missing.text)} (cl100k ${lp.missing.id}) is not in the ` +
      "policy's vocabulary: π(y|x) = 0, log π(y|x) = -inf",
    ];
  }
  const w = Math.max(8, ...lp.tokens.map((t) => t.shown.length));
  return [
    `   t  ${"token".padEnd(w)}  cl100k   log π(y_t|prefix)  π(y_t|prefix)`,
    ...lp.tokens.map((t, i) =>
      `  ${String(i).padStart(2)}  ${t.shown.padEnd(w)}  ${String(t.id).padStart(6)}   ${
        logText(t.logprob).padStart(17)
      }  ${p6(t.prob).padStart(13)}`
    ),
    `  log π(y|x) = Σ_t log π(y_t|prefix) = ${logText(lp.logprob)}   π(y|x) = ${
      p6(Math.exp(lp.logprob))
    }`,
  ];
}

/** The variants of one answer: tokens, log π, π and the strict verdict, one row each. */
export function variantTable(rows: readonly VariantRow[]): string[] {
  const w = Math.max(9, ...rows.map((r) => r.shown.length));
  const tw = Math.max(6, ...rows.map((r) => r.tokens.map((t) => t.shown).join(" | ").length));
  return [
    `  ${"variant".padEnd(w)}  ${"tokens".padEnd(tw)}  log π(y|x)  π(y|x)     reward  code`,
    ...rows.map((r) =>
      `  ${r.shown.padEnd(w)}  ${r.tokens.map((t) => t.shown).join(" | ").padEnd(tw)}  ${
        logText(r.logprob).padStart(10)
      }  ${p6(Math.exp(r.logprob))}  ${r.reward}       ${r.code}`
    ),
  ];
}

/** The gradient connection: each token before and after one update with advantage A. */
export function explainTable(e: Explanation): string[] {
  const w = Math.max(8, ...e.rows.map((r) => r.token.length));
  return [
    `  one gradient step, lr ${e.lr}, advantage A = ${signed(e.advantage)}: the same A ` +
    "multiplies every token's log-probability gradient",
    `   t  ${"token".padEnd(w)}  π before   A·(1−π) push  ‖∇log π‖   π after    change`,
    ...e.rows.map((r) =>
      `  ${String(r.t).padStart(2)}  ${r.token.padEnd(w)}  ${p6(r.prob_before)}  ${
        signed(r.logit_push).padStart(12)
      }  ${f3(r.grad_norm).padStart(8)}   ${p6(r.prob_after)}  ${
        signed(r.prob_after - r.prob_before, 6)
      }`
    ),
    `  log π(y|x): ${f3(e.logprob_before)} → ${f3(e.logprob_after)}`,
  ];
}
