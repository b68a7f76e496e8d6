/**
 * The stand-in policy: a tiny seeded generator with the shape of a weak model, so the server,
 * the rollouts client and their tests run before (and without) a trained checkpoint. Its
 * completions are SYNTHETIC; no number it produces says anything about any model.
 *
 * For a prompt it makes two categorical choices, each a softmax over log-weights:
 * 1. the answer: when the prompt holds an expression `a op b`, its value (weight 6), off by one
 *    either way (1 each) or the first operand (1); otherwise the sum, difference and product of
 *    the prompt's first two numbers (2 each);
 * 2. the surface form: the clean `Final: <int>` (weight 6) or a format slip (1 each).
 *
 * With temperature T the probabilities are `p_i ∝ w_i^(1/T)` (T = 0 takes the heaviest), then
 * top-k and top-p (nucleus) keep the most likely options and renormalise. The text is cut into
 * tokens by a small pre-tokenizer; the form's log-probability sits on the first token and the
 * answer's on the first token of the number, so `Σ_t logprob_t = log p(form) + log p(answer)`,
 * the exact log-probability of the completion under this generator. Choice `j` of a request
 * with seed `s` draws from the stream `seedFrom("stand-in", s, prompt, j)`. Asked for
 * alternatives, it gives at each choice point the options' first tokens with their
 * probabilities, and elsewhere the token itself (log-probability 0).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { STAND_IN } from "./stand_in.ts";
 * const s = { n: 2, temperature: 1, top_p: 1, top_k: 0, max_tokens: 32, seed: 7, stop: [] };
 * const a = STAND_IN.complete("Compute 2+3.", s), b = STAND_IN.complete("Compute 2+3.", s);
 * assertEquals(a, b);
 * ```
 * @module
 */
import { makeRng, seedFrom } from "../core/prng.ts";
import { sha256Text } from "../core/hash.ts";
import {
  applyStop,
  type Completion,
  type CompletionChoice,
  type CompletionPolicy,
  type CompletionSettings,
  type TokenAlternative,
} from "./policy.ts";

/** The surface forms: text before and after the number, and a weight. */
const FORMS: readonly { before: string; after: string; weight: number }[] = [
  { before: "Final: ", after: "", weight: 6 },
  { before: "Final: ", after: ".", weight: 1 },
  { before: "Final:  ", after: "", weight: 1 },
  { before: "The answer is ", after: ".", weight: 1 },
  { before: "Let me work it out.\nFinal: ", after: "", weight: 1 },
];

/** The most tokens a stand-in choice has. */
const MAX_TOKENS = 64;

const PRE_TOKENS = / ?[A-Za-z]+| ?\d{1,3}|\s+|[^\sA-Za-z\d]/g;

/** Splits text into tokens (words with their leading space, 1–3 digit runs, single symbols). */
export function standInTokens(text: string): string[] {
  return text.match(PRE_TOKENS) ?? [];
}

const OPS: Record<string, (a: bigint, b: bigint) => bigint> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "×": (a, b) => a * b,
};

/** The candidate answers for a prompt (exact integers), with their weights. */
function answers(prompt: string): { value: bigint; weight: number }[] {
  const expr = /(-?\d{1,30})\s*([+\-*×])\s*(-?\d{1,30})/.exec(prompt);
  if (expr !== null) {
    const [a, b] = [BigInt(expr[1]), BigInt(expr[3])];
    const v = OPS[expr[2]](a, b);
    return [
      { value: v, weight: 6 },
      { value: v + 1n, weight: 1 },
      { value: v - 1n, weight: 1 },
      { value: a, weight: 1 },
    ];
  }
  const nums = (prompt.match(/\d{1,30}/g) ?? []).map(BigInt);
  const [a, b] = [nums[0] ?? 0n, nums[1] ?? 1n];
  return [a + b, a - b, a * b].map((value) => ({ value, weight: 2 }));
}

/**
 * The decoding distribution over options with `weights`: `p_i ∝ w_i^(1/T)` (greedy at T = 0),
 * then top-k and top-p applied in order of probability, renormalised. Returns probabilities
 * parallel to `weights` (0 for options cut).
 */
export function decodingProbs(
  weights: readonly number[],
  s: Pick<CompletionSettings, "temperature" | "top_p" | "top_k">,
): number[] {
  let p: number[];
  if (s.temperature === 0) {
    const best = weights.indexOf(Math.max(...weights));
    p = weights.map((_, i) => (i === best ? 1 : 0));
  } else {
    const logits = weights.map((w) => Math.log(w) / s.temperature);
    const top = Math.max(...logits);
    const e = logits.map((l) => Math.exp(l - top));
    const z = e.reduce((a, b) => a + b, 0);
    p = e.map((x) => x / z);
  }
  const order = p.map((_, i) => i).sort((i, j) => p[j] - p[i] || i - j);
  const keep = new Set<number>();
  let mass = 0;
  for (const i of order) {
    if ((s.top_k > 0 && keep.size >= s.top_k) || (keep.size > 0 && mass >= s.top_p)) break;
    keep.add(i);
    mass += p[i];
  }
  return p.map((x, i) => (keep.has(i) ? x / mass : 0));
}

/**
 * The alternatives at a choice point: each option's first token with its log-probability (a
 * token several options start with appears once, with the largest), most likely first.
 */
function choicePoint(texts: readonly string[], p: readonly number[], k: number) {
  const best = new Map<string, number>();
  texts.forEach((t, i) => {
    const tok = standInTokens(t)[0] ?? "";
    if (p[i] > 0) best.set(tok, Math.max(best.get(tok) ?? -Infinity, Math.log(p[i])));
  });
  return [...best].map(([token, logprob]) => ({ token, logprob }))
    .sort((a, b) => b.logprob - a.logprob || (a.token < b.token ? -1 : 1)).slice(0, k);
}

function sampleChoice(prompt: string, s: CompletionSettings, j: number, k: number) {
  const rng = makeRng(seedFrom("stand-in", s.seed, prompt, j));
  const formP = decodingProbs(FORMS.map((f) => f.weight), s);
  const f = rng.categorical(formP);
  const cands = answers(prompt);
  const ansP = decodingProbs(cands.map((c) => c.weight), s);
  const a = rng.categorical(ansP);
  const parts = [FORMS[f].before, String(cands[a].value), FORMS[f].after];
  const points = [
    () => choicePoint(FORMS.map((x) => x.before), formP, k),
    () => choicePoint(cands.map((c) => String(c.value)), ansP, k),
  ];
  const tokens: string[] = [];
  const logprobs: number[] = [];
  const top: TokenAlternative[][] = [];
  parts.forEach((part, p) => {
    standInTokens(part).forEach((tok, t) => {
      const lp = t > 0 || p === 2 ? 0 : Math.log(p === 0 ? formP[f] : ansP[a]);
      tokens.push(tok);
      logprobs.push(lp);
      if (k > 0) top.push(t > 0 || p === 2 ? [{ token: tok, logprob: 0 }] : points[p]());
    });
  });
  const budget = Math.min(s.max_tokens, MAX_TOKENS);
  const cut = tokens.length > budget;
  const kept = cut ? tokens.slice(0, budget) : tokens;
  const choice: CompletionChoice = {
    text: kept.join(""),
    tokens: kept,
    logprobs: logprobs.slice(0, kept.length),
    finish_reason: cut ? "length" : "stop",
    ...(k > 0 ? { top: top.slice(0, kept.length) } : {}),
  };
  return applyStop(choice, s.stop);
}

/** The stand-in policy, served as `stand-in-v1`. */
export const STAND_IN: CompletionPolicy = {
  id: "stand-in-v1",
  fingerprint: sha256Text(JSON.stringify({ FORMS, MAX_TOKENS, v: 1 })),
  maxTokens: MAX_TOKENS,
  synthetic: true,
  promptTokens: (prompt, cap) => Math.min(standInTokens(prompt).length, cap + 1),
  alternatives: true,
  complete(prompt: string, s: CompletionSettings, top = 0): Completion {
    const choices: CompletionChoice[] = [];
    for (let j = 0; j < s.n; j++) choices.push(sampleChoice(prompt, s, j, top));
    return { prompt_tokens: standInTokens(prompt).length, choices };
  },
};
