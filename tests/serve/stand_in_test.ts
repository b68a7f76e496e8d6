// The stand-in policy and the stop rule: decoding probabilities in closed form, log-probabilities
// that are the true sampling probabilities (checked against frequencies), budgets and stops.
import { assert, assertAlmostEquals, assertEquals } from "../../lib/core/testing.ts";
import { applyStop, type CompletionSettings } from "../../lib/serve/policy.ts";
import { decodingProbs, STAND_IN, standInTokens } from "../../lib/serve/stand_in.ts";

const S: CompletionSettings = {
  n: 1,
  temperature: 1,
  top_p: 1,
  top_k: 0,
  max_tokens: 64,
  seed: 0,
  stop: [],
};

const close = (a: number[], b: number[]) => a.forEach((x, i) => assertAlmostEquals(x, b[i], 1e-12));

Deno.test("decodingProbs() is p_i ∝ w_i^(1/T), greedy at T = 0, then top-k and top-p", () => {
  close(decodingProbs([6, 1, 1], S), [0.75, 0.125, 0.125]);
  close(decodingProbs([6, 1, 1], { ...S, temperature: 0.5 }), [36 / 38, 1 / 38, 1 / 38]);
  close(decodingProbs([1, 6, 1], { ...S, temperature: 0 }), [0, 1, 0]);
  close(decodingProbs([6, 1, 1], { ...S, top_k: 1 }), [1, 0, 0]);
  close(decodingProbs([6, 1, 1], { ...S, top_p: 0.7 }), [1, 0, 0]);
  close(decodingProbs([6, 1, 1], { ...S, top_p: 0.8 }), [6 / 7, 1 / 7, 0]);
});

Deno.test("STAND_IN.complete() reports log-probabilities that match the sampling frequencies", () => {
  const prompt = "Compute 12+30.";
  const draws = 4000;
  const seen = new Map<string, { count: number; logprob: number }>();
  const { choices } = STAND_IN.complete(prompt, { ...S, n: draws, seed: 3 }) as {
    choices: { text: string; logprobs: number[] }[];
  };
  for (const c of choices) {
    const lp = c.logprobs.reduce((a, b) => a + b, 0);
    const e = seen.get(c.text) ?? { count: 0, logprob: lp };
    assertAlmostEquals(e.logprob, lp, 1e-12); // one text, one probability
    seen.set(c.text, { count: e.count + 1, logprob: lp });
  }
  let total = 0;
  for (const [text, { count, logprob }] of seen) {
    const p = Math.exp(logprob);
    total += p;
    const sd = Math.sqrt((p * (1 - p)) / draws);
    assert(Math.abs(count / draws - p) < 4 * sd + 1e-9, `${text}: ${count / draws} vs ${p}`);
  }
  assert(total <= 1 + 1e-9 && total > 0.95, `seen mass ${total}`);
});

Deno.test("STAND_IN.complete() joins its tokens into its text, and is deterministic per seed", () => {
  const a = STAND_IN.complete("Compute 23*45.", { ...S, n: 5, seed: 11 });
  assertEquals(a, STAND_IN.complete("Compute 23*45.", { ...S, n: 5, seed: 11 }));
  for (const c of (a as { choices: { text: string; tokens: string[] }[] }).choices) {
    assertEquals(c.tokens.join(""), c.text);
  }
  assertEquals(standInTokens("Final: 1035"), ["Final", ":", " 103", "5"]);
});

Deno.test("applyStop() cuts at the earliest stop string and keeps the tokens before it", () => {
  const c = {
    text: "Final: 5\nThe end.",
    tokens: ["Final", ":", " 5", "\n", "The", " end", "."],
    logprobs: [-1, 0, -2, -0.5, -3, 0, 0],
    finish_reason: "length" as const,
  };
  assertEquals(applyStop(c, [" end", "\n"]), {
    text: "Final: 5",
    tokens: ["Final", ":", " 5"],
    logprobs: [-1, 0, -2],
    finish_reason: "stop",
  });
  assertEquals(applyStop(c, ["al"]).tokens, ["Fin"]);
  assertEquals(applyStop(c, ["zzz", ""]), c);
});
