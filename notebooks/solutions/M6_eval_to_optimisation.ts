/**
 * The teacher's answers to M6's predictions, exercises and the memo's decision. `deno task
 * notebooks --with-solutions` puts each export in place of the answer cell of the same name.
 * @module
 */
import * as rl from "../../lib/mod.ts";

/** Predict first (trap one): the instrument changed, not the policy. */
export const myInstrumentPrediction =
  "REJECT, naming the instrument: scorer name and version differ";

/** Predict first (trap two): more samples, same policy. */
export const mySelectionPrediction = "REJECT, naming selection compute: N changed from 1 to 4";

/** Predict first (trap three): only the policy changed, so the evidence decides. */
export const myLearningPrediction =
  "PROMOTE at --min-delta 0, but not significant: +8.3 points on 120 items is within chance; " +
  "the noise rule does not apply (120 items), McNemar and the interval decide";

/** Predict first (section 6, pass@k): RL moves pass@1 most; many samples of the base close the gap. */
export const myRlPassAtKPrediction =
  "base pass@1 about 0.3, trained about 0.5; pass@64 about 0.85 for both; the gain is largest at k = 1";

/** Predict first (section 6, the gate): only the policy changed in the first comparison. */
export const myRlGatePrediction =
  "same settings: PROMOTE, significant; temperature 0.7: REJECT, naming the sampling settings";

/** step-advantages: each reward minus its group's mean; groups with unequal rewards; the mean. */
export function myStepSummary(
  groups: readonly (readonly number[])[],
): { advantages: number[][]; signal: number; reward: number } {
  const mean = (r: readonly number[]) => r.reduce((a, b) => a + b, 0) / r.length;
  return {
    advantages: groups.map((r) => r.map((x) => x - mean(r))),
    signal: groups.filter((r) => r.some((x) => x !== r[0])).length,
    reward: mean(groups.flat()),
  };
}

/** bare-share: exactly "Final: ", an optional minus, digits, nothing else. */
export function myBareShare(completions: readonly string[]): number {
  if (completions.length === 0) return 0;
  return completions.filter((c) => /^Final: -?\d+$/.test(c)).length / completions.length;
}

/** verdict-reading: B's difference is significant in a locked room; A's is not. */
export const myVerdictReading: rl.VerdictReading = {
  trust: "B",
  because: "B's McNemar p is far below 0.05 and its interval excludes 0; A's p = 0.174 and " +
    "its interval reaches below 0, so A's PROMOTE at --min-delta 0 is within chance",
};

/** write-memo-decision: the teacher's model decision. */
export const myMemoDecision = String.raw`**Decision: PROMOTE**

I would promote the RL-trained policy, at temperature 1, the setting it was measured with.

Reasons: the Locked Room holds (same holdout, scorer, settings, N); the paired comparison is
significant (McNemar p about 5e-4, interval well above 0) and outside the noise band; pass@1 from
64 samples per prompt rises by about 24 points while pass@8 does not fall (learning, not
collapse); the frozen rollouts did not move, the fresh ones did. The same recipe against the
substring rubric learned to hedge, so the decision holds only for the strict scorer.

What would change my mind: another seed or a larger holdout whose interval includes 0, a REJECT
at the setting we would deploy, or a new exploit class the golden gate does not yet pin.`;

/** draw-three-loops: measure, select, learn, and the gate between a number and a promotion. */
export const myThreeLoops = String.raw`~~~mermaid
flowchart TB
  subgraph A["Loop A: measure (deno task eval, inspect)"]
    a1["completions (frozen or fresh)"] --> a2["score()"] --> a3["pass rate, codes, failures"]
  end
  subgraph B["Loop B: select (deno task select)"]
    b1["N samples of the same policy"] --> b2["score() each"] --> b3["keep the best: delivered output"]
  end
  subgraph C["Loop C: learn (deno task rl)"]
    c1["sample from the current policy"] --> c2["score()"] --> c3["advantages"] --> c4["update θ, KL leash"] --> c1
  end
  RFT["RFT: B's kept samples, then one supervised update (C's weights change, once)"]
  B -.-> RFT -.-> C
  A --> G{"gate: Locked Room, then the evidence"}
  B --> G
  C --> G
  G -->|"only a policy change, significant"| P["PROMOTE"]
  G -->|"another knob turned, or chance"| R["REJECT"]
~~~
A changes nothing but the numbers; B changes what is delivered, not the policy; C changes the
policy's probabilities. Dataset, prompts and scorer stay fixed in all three.`;
