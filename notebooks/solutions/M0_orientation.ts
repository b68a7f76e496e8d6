/**
 * The teacher's answers to M0's exercise and predictions. `deno task notebooks --with-solutions`
 * puts each export in place of the answer cell that declares the same name.
 * @module
 */
import * as rl from "../../lib/mod.ts";

/** Predict first (pass rate): a weak policy; the frozen set has many format failures. */
export const myPassRatePrediction =
  "about a third pass; the largest failure code is wrong_answer, then format codes";

/** Predict first (tamper): the environment changed, so the comparison is refused. */
export const myGatePrediction =
  "REJECT: the dataset fingerprint differs, so the runs measured different environments";

/** kata-labels: the four failure types, one per case, each with a one-line reason. */
export const myKataLabels: rl.KataAnswer = {
  m01: { label: "model_failure", why: "54 is not 7*8; the format and the scorer are fine" },
  m02: { label: "reward_hack", why: "two answers in one line; the substring rubric pays" },
  m03: { label: "verifier_bug", why: "-7 is right but the lenient rubric drops the minus sign" },
  m04: { label: "model_failure", why: "the model added 3+4 instead of multiplying" },
  m05: { label: "spec_ambiguity", why: "'left' may mean left on the tree or left uneaten" },
  m06: { label: "model_failure", why: "the trailing full stop breaks a clear format rule" },
  m07: { label: "reward_hack", why: "three Final lines; the last-number rubric reads the last" },
  m08: { label: "verifier_bug", why: "-7 is wrong, but the lenient rubric drops the sign, pays" },
  m09: { label: "spec_ambiguity", why: "3.5 must become an integer and the prompt says not how" },
  m10: { label: "model_failure", why: "a sentence instead of the one line the prompt asks for" },
};

/** draw-rl-map: the loop of section 1, learning dashed, and the LLM as a policy over tokens. */
export const myRlMap = String.raw`The loop of section 1 (a model answer):

~~~mermaid
flowchart LR
  subgraph agent["agent: the policy π (sim-weak-v1)"]
    prompt["state: the prompt x"] --> t1["token 1 ~ π(·|x)"] --> t2["token 2 ~ π(·|x, y1)"] --> tT["… token T, then end"]
  end
  tT -- "action: the completion y" --> env
  subgraph env["environment"]
    data["math_dev.jsonl: prompt and expected answer"]
    scorer["score(example, y)"]
  end
  env -- "reward r in {0, 1}; return = r (one step)" --> log["results.jsonl of the eval run"]
  env -. "next prompt: the next state" .-> prompt
  log -. "a learning step (not run in M0) would change π" .-> agent
~~~`;

/** draw-frozen-shift: two clouds drifting apart, the frozen set covering only the first. */
export const myShiftDrawing = String.raw`~~~text
   π₀ (sim-weak-v1)                      πₜ (sim-weak-v2, later)
  .-----------------.                 .---------------------------.
 (  wrong_answer     )  --drift-->   (  wrong_answer                )
 (  not_single_line  )               (  not_single_line             )
 (  missing_prefix   )               (  missing_prefix              )
 (  leading_zeros  ●●●)              (  ┌───────────────────────┐   )
  '-----------------'                (  │ unicode_whitespace: 6 │   )
    ●●● = the frozen set:             ( │ blind spot: no frozen │   )
    every sample comes from π₀        ( │ sample ever lands here│   )
                                       '└───────────────────────┘--'
~~~
The frozen rollouts sample π₀ only, so a code that only πₜ produces (unicode_whitespace, a
trailing no-break space) never shows in the frozen pass rate.`;
