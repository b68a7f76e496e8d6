/**
 * `deno task gate --baseline RUN --candidate RUN`: is this comparison valid, and is the
 * difference real? Thin: call `gate`, print the story (or JSON). Exit 0 PROMOTE, 1 REJECT.
 * @module
 */
import { gate, GATE_DEFAULTS } from "../compare/gate.ts";
import { gateStory } from "../present/gate_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

export const GATE = {
  name: "deno task gate",
  summary: "The Locked Room: each run verified (its rows against its input; its completions " +
    "re-sampled from the checkpoint it claims, else stated as self-reported), REJECT when the " +
    "two differ in anything but the policy (naming the knob), otherwise a paired comparison " +
    "with McNemar's test and a bootstrap interval.",
  flags: {
    baseline: flag.str("RUN", "the run to beat", { required: true }),
    candidate: flag.str("RUN", "the run that would replace it", { required: true }),
    "min-delta": flag.num(
      "X",
      "smallest gain in pass rate to promote, as a fraction (0.05 = 5 points)",
      { default: GATE_DEFAULTS.minDelta },
    ),
    json: flag.bool("print the verdict as one JSON object"),
  },
  epilogue: `Exit code: 0 PROMOTE, 1 REJECT, 2 unusable input. The bootstrap uses ` +
    `${GATE_DEFAULTS.resamples} resamples with seed ${GATE_DEFAULTS.seed}.`,
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(GATE, async (f) => {
    const verdict = await gate(f.baseline, f.candidate, {
      ...GATE_DEFAULTS,
      minDelta: f["min-delta"],
    });
    console.log(f.json ? JSON.stringify(verdict, null, 2) : gateStory(verdict));
    return verdict.exit_code;
  });
}
