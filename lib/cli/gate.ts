/**
 * `deno task gate --baseline runs/A --candidate runs/B [--min-delta 0.00] [--json]`: is this
 * comparison valid, and is the difference real? Thin: parse flags, call `gate`, print the story
 * (or one JSON object). Exit 0 PROMOTE, 1 REJECT, 2 unusable input.
 * @module
 */
import { gate, GATE_DEFAULTS } from "../compare/gate.ts";
import { gateStory } from "../present/stories.ts";
import { numberFlag, parseFlags, required, runCli } from "./common.ts";

const USAGE = `usage: deno task gate --baseline RUN --candidate RUN [--min-delta 0.00] [--json]

  --baseline RUN     the run to beat (a folder with manifest.json and results.jsonl)
  --candidate RUN    the run that would replace it
  --min-delta X      smallest gain in pass rate to promote, as a fraction (default 0.00;
                     0.05 = 5 points; negative allows a bounded loss)
  --json             print the verdict as one JSON object instead of the story

Exit code: 0 PROMOTE, 1 REJECT, 2 unusable input. The bootstrap uses ${GATE_DEFAULTS.resamples} \
resamples with seed ${GATE_DEFAULTS.seed}.`;

// Guarded so importing this file (a doc-test run over lib/) does not run the command.
if (import.meta.main) {
  await runCli(USAGE, async () => {
    const { values } = parseFlags(Deno.args, {
      baseline: { type: "string" },
      candidate: { type: "string" },
      "min-delta": { type: "string" },
      json: { type: "boolean" },
    });
    const verdict = await gate(required(values, "baseline"), required(values, "candidate"), {
      ...GATE_DEFAULTS,
      minDelta: numberFlag(values, "min-delta", GATE_DEFAULTS.minDelta),
    });
    console.log(values.json === true ? JSON.stringify(verdict, null, 2) : gateStory(verdict));
    return verdict.exit_code;
  });
}
