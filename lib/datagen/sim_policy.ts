/**
 * A simulated policy: SYNTHETIC completions that look like a weak real model's, made from a
 * seed. It stands in for an LLM endpoint so the course runs offline and reproducibly; no
 * number it produces says anything about any real model.
 *
 * For each prompt the policy decides two things, each from its own seeded stream:
 * 1. the answer: correct with probability `skill · (1 − difficulty)²`, so easy sums are usually
 *    right and the huge products almost never, otherwise a plausible slip (off by one or ten,
 *    a dropped digit, a flipped sign);
 * 2. the surface form: the clean line `Final: <int>` with probability `formatSkill` (times
 *    {@link WORD_PROBLEM_FORMAT_FACTOR} for word problems, which tempt it to reason in prose),
 *    otherwise one of the realistic format failures (a trailing period, a double space,
 *    reasoning before the final line, `The answer is …`, a leading zero, a Unicode minus, …).
 *
 * Both make prompts differ a lot in how often they pass, as real prompts do; that is what makes
 * the unbiased pass@k estimate and the naive curve from the mean pass rate disagree.
 *
 * Sample `i` of prompt `id` is drawn from the stream `seedFrom(seed, name, id, i)`, so sample 0
 * of every pack is exactly the frozen rollout of the same policy and seed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { EARLY_POLICY, sampleCompletion } from "./sim_policy.ts";
 * const ex = { id: "q1", prompt: "Compute 2+2.", expected_answer: 4, difficulty: 0.1 };
 * assertEquals(sampleCompletion(EARLY_POLICY, ex, 0), sampleCompletion(EARLY_POLICY, ex, 0));
 * ```
 * @module
 */
import { makeRng, type Rng, seedFrom } from "../core/prng.ts";

/** The knobs of a simulated policy. These are its "sampling settings" in every manifest. */
export interface SimPolicy {
  /** Name recorded in manifests (`policy`). */
  name: string;
  /** Sampling temperature: above 1 flattens every choice towards uniform, below 1 sharpens. */
  temperature: number;
  /** Seed of all streams. */
  seed: number;
  /** Probability of a correct answer on the easiest problem (difficulty 0). */
  skill: number;
  /** Probability of the clean `Final: <int>` form. */
  formatSkill: number;
  /** Weights of the format failures, by name (see {@link FORMAT_FAILURES}). */
  failureWeights: Partial<Record<FormatFailure, number>>;
}

/** The format failures the policy can make. */
export const FORMAT_FAILURES = [
  "trailing_period",
  "double_space",
  "reasoning_first",
  "answer_is",
  "leading_zero",
  "unicode_minus",
  "lowercase_prefix",
  "units",
  "no_space",
  "markdown_bold",
  "nbsp_trailing",
] as const;
/** One of {@link FORMAT_FAILURES}. */
export type FormatFailure = typeof FORMAT_FAILURES[number];

/** The weak policy whose samples are the frozen rollouts and the selection pack. */
export const EARLY_POLICY: SimPolicy = {
  name: "sim-weak-v1",
  temperature: 1.0,
  seed: 2026,
  skill: 0.95,
  formatSkill: 0.7,
  failureWeights: {
    trailing_period: 3,
    double_space: 2,
    reasoning_first: 4,
    answer_is: 3,
    leading_zero: 1,
    unicode_minus: 1,
    lowercase_prefix: 1,
    units: 1,
    no_space: 1,
  },
};

/**
 * A later checkpoint of the same simulated policy after some optimisation: cleaner format and
 * more correct answers, but it drifts into forms the frozen set never shows (bold markdown, a
 * trailing no-break space, long reasoning). Used for the distribution-shift picture.
 */
export const LATER_POLICY: SimPolicy = {
  name: "sim-weak-v2",
  temperature: 1.0,
  seed: 2027,
  skill: 0.98,
  formatSkill: 0.85,
  failureWeights: { markdown_bold: 3, nbsp_trailing: 2, reasoning_first: 4, trailing_period: 1 },
};

/** Word problems (prompts with a question mark) keep the clean format this much less often. */
export const WORD_PROBLEM_FORMAT_FACTOR = 0.5;

/** What the policy needs to know about an example. */
export interface PolicyExample {
  id: string;
  prompt: string;
  expected_answer: number | string;
  /** 0 (trivial) to 1 (hard): lowers the chance of a correct answer. */
  difficulty: number;
}

/** Applies temperature to a probability of "yes": p ↦ p^(1/T) / (p^(1/T) + (1-p)^(1/T)). */
export function temper(p: number, temperature: number): number {
  if (temperature <= 0) return p >= 0.5 ? 1 : 0;
  const a = Math.pow(p, 1 / temperature), b = Math.pow(1 - p, 1 / temperature);
  return a / (a + b);
}

/** A plausible wrong answer near the right one (as canonical integer text). */
function slip(answer: bigint, rng: Rng): bigint {
  const kind = rng.int(4);
  let wrong: bigint;
  if (kind === 0) wrong = answer + (rng.bernoulli(0.5) ? 1n : -1n);
  else if (kind === 1) wrong = answer + (rng.bernoulli(0.5) ? 10n : -10n);
  else if (kind === 2 && (answer >= 100n || answer <= -100n)) wrong = answer / 10n; // a dropped digit
  else wrong = answer === 0n ? 2n : -answer;
  return wrong === answer ? answer + 1n : wrong;
}

function pickFailure(policy: SimPolicy, rng: Rng, negative: boolean): FormatFailure {
  const entries = Object.entries(policy.failureWeights).filter(([name]) =>
    name !== "unicode_minus" || negative
  ) as [FormatFailure, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let u = rng.next() * total;
  for (const [name, w] of entries) {
    u -= w;
    if (u < 0) return name;
  }
  return entries[entries.length - 1][0];
}

/** Writes `answer` in the surface form of a failure. */
export function render(form: FormatFailure | "clean", answer: string, prompt: string): string {
  switch (form) {
    case "clean":
      return `Final: ${answer}`;
    case "trailing_period":
      return `Final: ${answer}.`;
    case "double_space":
      return `Final:  ${answer}`;
    case "reasoning_first":
      return `${prompt.split(".")[0]}. Let me work it out step by step.\nFinal: ${answer}`;
    case "answer_is":
      return `The answer is ${answer}.`;
    case "leading_zero":
      return answer.startsWith("-") ? `Final: -0${answer.slice(1)}` : `Final: 0${answer}`;
    case "unicode_minus":
      return `Final: ${answer.replace("-", "\u2212")}`;
    case "lowercase_prefix":
      return `final: ${answer}`;
    case "units":
      return `Final: ${answer} units`;
    case "no_space":
      return `Final:${answer}`;
    case "markdown_bold":
      return `**Final: ${answer}**`;
    case "nbsp_trailing":
      return `Final: ${answer}\u00a0`;
  }
}

/**
 * Draws sample `index` of the policy for one example: a completion string.
 *
 * @param policy the simulated policy
 * @param example the prompt, its answer and difficulty
 * @param index which sample (0 is the frozen rollout)
 */
export function sampleCompletion(policy: SimPolicy, example: PolicyExample, index: number): string {
  const rng = makeRng(seedFrom(policy.seed, policy.name, example.id, index));
  const truth = BigInt(example.expected_answer);
  const pCorrect = temper(policy.skill * (1 - example.difficulty) ** 2, policy.temperature);
  const answer = rng.bernoulli(pCorrect) ? truth : slip(truth, rng);
  const text = answer.toString();
  const formatSkill = policy.formatSkill *
    (example.prompt.includes("?") ? WORD_PROBLEM_FORMAT_FACTOR : 1);
  const clean = rng.bernoulli(temper(formatSkill, policy.temperature));
  return render(clean ? "clean" : pickFailure(policy, rng, answer < 0n), text, example.prompt);
}

/** The sampling settings of a policy as recorded in manifests and pack sidecars. */
export function samplingSettings(policy: SimPolicy): Record<string, string | number | boolean> {
  return {
    policy: policy.name,
    temperature: policy.temperature,
    seed: policy.seed,
    synthetic: true,
  };
}
