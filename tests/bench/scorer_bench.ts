/**
 * Scorer speed: 200,000 realistic completions (10 samples of the simulated weak policy for each
 * of 20,000 generated problems: about a third correct, the rest wrong answers and the usual
 * format failures). One iteration scores all 200,000; scores per second = 200,000 / time.
 * Target: at least 10 million scores per second on one core.
 *
 *   deno task bench          (or: deno bench --allow-read tests/bench/scorer_bench.ts)
 */
import { makeProblems } from "../../lib/datagen/problems.ts";
import { EARLY_POLICY, sampleCompletion } from "../../lib/datagen/sim_policy.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { TEN_MB_SHAPES } from "../instrument/ten_mb_shapes.ts";

const problems = makeProblems("bench", 20_000, 9);
const examples: unknown[] = [];
const completions: string[] = [];
for (const p of problems) {
  for (let i = 0; i < 10; i++) {
    examples.push({ id: p.id, prompt: p.prompt, expected_answer: p.expected_answer });
    completions.push(sampleCompletion(EARLY_POLICY, p, i));
  }
}

Deno.bench(
  "score() × 200,000 mixed realistic completions",
  { group: "scorer", baseline: true },
  () => {
    let passes = 0;
    for (let i = 0; i < completions.length; i++) {
      passes += score(examples[i], completions[i]).reward;
    }
    if (passes === 0) throw new Error("no passes: the bench data is wrong");
  },
);

// Every 10 MB shape of SPACE, TAB, CR, LF and their mixes; the budget is 50 ms each.
for (const [shape, text] of Object.entries(TEN_MB_SHAPES)) {
  Deno.bench(`score() × one 10 MB completion: ${shape}`, { group: "scorer-10mb" }, () => {
    score({ expected_answer: 7 }, text);
  });
}
