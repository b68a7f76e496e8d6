/**
 * The differential red team: generate adversarial completions by seeded mutation from seeds of
 * known exploit classes, score each with a rubric variant and with the strict scorer, and keep
 * every disagreement. A variant's **false positive** (variant 1, strict 0) is a reward hack it
 * pays; its **false negative** (variant 0, strict 1) is a right answer it refuses.
 *
 * Each class has a handful of seed templates; a candidate is one template applied to one dev
 * example with randomly drawn details (which wrong numbers, which separator, which hidden
 * character and where). Each class draws from its own stream, `seedFrom("redteam", seed,
 * class)`, so the same seed gives the same candidates, byte for byte, and adding a class never
 * changes another's. {@link redTeam} is pure; {@link runRedTeam} reads the dataset and writes the
 * run (`manifest.json`, `candidates.jsonl`, `disagreements.jsonl`, `summary.json`,
 * `summary.md`).
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "../core/testing.ts";
 * import { redTeam } from "./redteam.ts";
 * const examples = [{ id: "q1", expected_answer: 323 }, { id: "q2", expected_answer: -17 }];
 * const hacked = redTeam(examples, { rubric: "substring", seed: 0, perClass: 10 });
 * assert(hacked.byClass.answer_laundering.false_positives > 0);
 * assertEquals(redTeam(examples, { rubric: "strict", seed: 0, perClass: 10 }).disagreements, []);
 * ```
 * @module
 */
import { type RubricName, RUBRICS } from "../instrument/rubrics.ts";
import { score } from "../instrument/scorer.ts";
import {
  ATTACK_CLASSES,
  type AttackClass,
  generateClass,
  type RedTeamExample,
} from "./mutations.ts";

/** Every knob of one red-team run. */
export interface RedTeamConfig {
  /** The variant under test (compared with the strict scorer). */
  rubric: RubricName;
  /** The seed of the mutation streams. */
  seed: number;
  /** Candidates generated per class. */
  perClass: number;
}

/** How a candidate's two verdicts compare. */
export type Outcome = "false_positive" | "false_negative" | "agree";

/** One generated completion and both verdicts: one line of `candidates.jsonl`. */
export interface Candidate {
  class: AttackClass;
  /** The seed template it was mutated from. */
  seed: string;
  id: string;
  expected: string;
  completion: string;
  variant_reward: 0 | 1;
  variant_code: string;
  strict_reward: 0 | 1;
  strict_code: string;
  outcome: Outcome;
}

/** Per-class counts in `summary.json`. */
export interface ClassCounts {
  n: number;
  false_positives: number;
  false_negatives: number;
  agree: number;
}

/** The outcome of {@link redTeam}. */
export interface RedTeamResult {
  config: RedTeamConfig;
  candidates: Candidate[];
  /** The candidates whose two verdicts differ, in generation order. */
  disagreements: Candidate[];
  byClass: Record<AttackClass, ClassCounts>;
  totals: ClassCounts;
}

function emptyCounts(): ClassCounts {
  return { n: 0, false_positives: 0, false_negatives: 0, agree: 0 };
}

/**
 * Runs the differential red team on examples: generates every class's candidates, scores each
 * with the variant and the strict scorer, counts the outcomes.
 *
 * @param examples the examples to attack (the dev set in the CLI)
 * @param config the variant, the seed, candidates per class
 * @returns all candidates, the disagreements and the counts per class
 */
export function redTeam(examples: readonly RedTeamExample[], config: RedTeamConfig): RedTeamResult {
  if (!Number.isSafeInteger(config.perClass) || config.perClass < 1) {
    throw new RangeError(`perClass must be a positive integer, got ${config.perClass}`);
  }
  if (examples.length === 0) throw new RangeError("the red team needs at least one example");
  const variant = RUBRICS[config.rubric];
  const candidates: Candidate[] = [];
  const byClass = Object.fromEntries(ATTACK_CLASSES.map((c) => [c, emptyCounts()])) as Record<
    AttackClass,
    ClassCounts
  >;
  const totals = emptyCounts();
  for (const cls of ATTACK_CLASSES) {
    for (const g of generateClass(cls, examples, config.seed, config.perClass)) {
      const example = { id: g.id, expected_answer: g.expected };
      const v = variant(example, g.completion);
      const s = score(example, g.completion);
      const outcome: Outcome = v.reward === s.reward
        ? "agree"
        : v.reward === 1
        ? "false_positive"
        : "false_negative";
      candidates.push({
        class: cls,
        seed: g.seed,
        id: g.id,
        expected: g.expected,
        completion: g.completion,
        variant_reward: v.reward,
        variant_code: v.details.code,
        strict_reward: s.reward,
        strict_code: s.details.code,
        outcome,
      });
      for (const c of [byClass[cls], totals]) {
        c.n++;
        if (outcome === "false_positive") c.false_positives++;
        else if (outcome === "false_negative") c.false_negatives++;
        else c.agree++;
      }
    }
  }
  return {
    config,
    candidates,
    disagreements: candidates.filter((c) => c.outcome !== "agree"),
    byClass,
    totals,
  };
}
