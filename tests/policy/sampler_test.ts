/**
 * Sampling rules: each (prompt, sample) pair has its own stream (so `n = 4` is a prefix of
 * `n = 8`), temperature 0 is greedy, top-k and top-p filter, the length cap holds, stop strings
 * cut, and the recorded log-probabilities are the policy's own.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { makeRng } from "../../lib/core/prng.ts";
import { initParams } from "../../lib/policy/gru.ts";
import { buildVocab } from "../../lib/policy/vocab.ts";
import { pickToken, readPrompt, sampleCompletions } from "../../lib/policy/sampler.ts";
import { completionLogprobs } from "../../lib/policy/logprobs.ts";

const vocab = buildVocab(["Compute 2+2. Final: 4 or 5 or 6 apples."]);
const policy = { vocab, params: initParams({ vocab: vocab.texts.length, hidden: 12 }, makeRng(7)) };
for (let i = 0; i < policy.params.bo.length; i++) policy.params.bo[i] = i % 3; // a peaked policy
const OPTS = { n: 8, temperature: 1, top_p: 1, top_k: 0, max_tokens: 12, seed: 3 };

Deno.test("sampleCompletions() with n = 4 is the first 4 of n = 8, and repeats exactly", () => {
  const eight = sampleCompletions(policy, "Compute 2+2.", OPTS);
  assertEquals(sampleCompletions(policy, "Compute 2+2.", { ...OPTS, n: 4 }), eight.slice(0, 4));
  assertEquals(sampleCompletions(policy, "Compute 2+2.", OPTS), eight);
  assert(new Set(eight.map((s) => s.text)).size > 1, "eight samples, all the same");
});

Deno.test("sampleCompletions() at temperature 0 is the greedy path, the same for every sample", () => {
  const greedy = sampleCompletions(policy, "Compute 2+2.", { ...OPTS, temperature: 0 });
  assertEquals(new Set(greedy.map((s) => s.text)).size, 1);
  assertEquals(
    sampleCompletions(policy, "Compute 2+2.", { ...OPTS, top_k: 1 }).map((s) => s.text),
    greedy.map((s) => s.text),
  );
});

Deno.test("pickToken() keeps only the top-k tokens, and top-p keeps the smallest nucleus", () => {
  const logp = Float64Array.from([0.5, 0.3, 0.15, 0.05].map(Math.log));
  const work = new Float64Array(4);
  const picks = (o: { top_k: number; top_p: number }) =>
    new Set(
      Array.from(
        { length: 200 },
        (_, i) => pickToken(logp, { temperature: 1, ...o }, i / 200, work),
      ),
    );
  assertEquals(picks({ top_k: 2, top_p: 1 }), new Set([0, 1]));
  assertEquals(picks({ top_k: 0, top_p: 0.79 }), new Set([0, 1]));
  assertEquals(picks({ top_k: 0, top_p: 0.81 }), new Set([0, 1, 2]));
  assertEquals(picks({ top_k: 0, top_p: 0.01 }), new Set([0]));
});

Deno.test("sampleCompletions() stops at max_tokens with finish_reason length", () => {
  const capped = sampleCompletions(policy, "Compute 2+2.", { ...OPTS, max_tokens: 2 });
  for (const s of capped) {
    assert(s.tokens.length <= 3);
    if (s.finish_reason === "length") assertEquals(s.tokens.length, 2);
    else assertEquals(s.tokens.at(-1), 0);
  }
});

Deno.test("sampleCompletions() records log π of each token, which logprobs re-measures", () => {
  for (
    const s of sampleCompletions(policy, "Compute 2+2.", OPTS).filter((s) =>
      s.finish_reason === "stop"
    )
  ) {
    const lp = completionLogprobs(policy, "Compute 2+2.", s.text);
    if (lp.tokens.length !== s.tokens.length) continue; // the text re-tokenises differently
    assert(Math.abs(lp.logprob - s.logprob) < 1e-9, `${lp.logprob} vs ${s.logprob}`);
  }
  const st = readPrompt(policy, "Compute 2+2.");
  assert(Math.abs(st.logp.reduce((a, l) => a + Math.exp(l), 0) - 1) < 1e-12);
});

Deno.test("sampleCompletions() cuts a completion before a stop string", () => {
  const plain = sampleCompletions(policy, "Compute 2+2.", OPTS);
  const cut = sampleCompletions(policy, "Compute 2+2.", { ...OPTS, stop: [" or"] });
  plain.forEach((s, i) => {
    const at = s.text.indexOf(" or");
    assertEquals(cut[i].text, at < 0 ? s.text : s.text.slice(0, at));
    if (at >= 0) assertEquals(cut[i].finish_reason, "stop");
  });
});
