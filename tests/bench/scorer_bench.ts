/**
 * Scorer speed: 200,000 realistic completions (10 samples of the simulated weak policy for each
 * of 20,000 generated problems: about a third correct, the rest wrong answers and the usual
 * format failures). One iteration scores all 200,000; scores per second = 200,000 / time.
 * Target: at least 10 million scores per second on one core, and at least 0.45× the speed of a
 * naive one-regex checker (no totality, no explanations) on the same rows, measured here.
 *
 * Each 10 MB shape of SPACE, TAB, CR, LF and their mixes: under 50 ms, and within 3× one
 * `charCodeAt` pass over 10 MB (the reference: what "linear" costs on this machine).
 *
 *   deno task bench          (targets: tests/bench/targets.ts)
 */
import { makeProblems } from "../../lib/datagen/problems.ts";
import { EARLY_POLICY, sampleCompletion } from "../../lib/datagen/sim_policy.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { tenMbShapes } from "../instrument/ten_mb_shapes.ts";

const problems = makeProblems("bench", 20_000, 9);
const examples: { id: string; prompt: string; expected_answer: unknown }[] = [];
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

// The acceptance check's reference (../shared/checks/lib/scorer_speed.ts): one anchored regex.
const NAIVE = /^Final: (-?(?:0|[1-9][0-9]*))$/;
const naive = (e: { expected_answer: unknown }, c: unknown) => {
  const m = typeof c === "string" ? NAIVE.exec(c.trim()) : null;
  return { reward: m !== null && m[1] === String(e.expected_answer) ? 1 : 0 };
};

Deno.bench("naive one-regex checker × 200,000 (reference)", { group: "scorer" }, () => {
  let passes = 0;
  for (let i = 0; i < completions.length; i++) passes += naive(examples[i], completions[i]).reward;
  if (passes === 0) throw new Error("no passes: the bench data is wrong");
});

const flat = "x".repeat(10_000_000);
Deno.bench("one charCodeAt pass over 10 MB (reference)", { group: "scorer-10mb", n: 10 }, () => {
  let sum = 0;
  for (let i = 0; i < flat.length; i++) sum += flat.charCodeAt(i);
  if (sum === 0) throw new Error("unreachable");
});

for (const [shape, text] of Object.entries(tenMbShapes())) {
  Deno.bench(`score() × one 10 MB completion: ${shape}`, { group: "scorer-10mb", n: 10 }, () => {
    score({ expected_answer: 7 }, text);
  });
}
