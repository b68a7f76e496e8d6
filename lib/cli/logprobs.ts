/**
 * `deno task logprobs`: a completion token by token under the tiny policy (id, log-probability,
 * probability, their sum, the strict verdict); `--compare` the near-miss variants of the answer;
 * `--explain` one policy-gradient step on the completion.
 * @module
 */
import { InputError, UsageError } from "../core/errors.ts";
import { score } from "../instrument/scorer.ts";
import { explainUpdate } from "../learn/explain.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { compareUnderPolicy, completionLogprobs } from "../policy/logprobs.ts";
import { readPromptRows } from "../measure/prompts.ts";
import { explainTable, logprobTable, variantTable } from "../present/logprobs_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

export const LOGPROBS = {
  name: "deno task logprobs",
  summary: "Token-by-token log-probabilities of a completion under the tiny policy.",
  flags: {
    checkpoint: flag.str("FILE", "checkpoint header", { default: "data/policy/base.json" }),
    dataset: flag.str("FILE", "where the prompt is", { default: "data/datasets/small_dev.jsonl" }),
    "prompt-id": flag.str("ID", "the prompt's id", { required: true }),
    compare: flag.bool("the near-miss variants of the answer, side by side"),
    explain: flag.bool("one gradient step on the completion, token by token"),
    advantage: flag.num("A", "the advantage for --explain", { default: 1 }),
    lr: flag.num("LR", "the step size for --explain", { default: 0.05, min: 0 }),
  },
  positionals: { arg: "TEXT", help: "the completion (not needed with --compare)" },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(LOGPROBS, async (f, positionals) => {
    if (positionals.length > 1) throw new UsageError("give one completion TEXT (quote it)");
    if (!f.compare && positionals.length === 0) throw new UsageError("give a TEXT, or --compare");
    const policy = await loadCheckpoint(f.checkpoint);
    const { rows } = await readPromptRows(f.dataset);
    const row = rows.find((r) => r.id === f["prompt-id"]);
    if (!row) {
      const ids = rows.length === 0
        ? "it has none"
        : `its ids run ${rows[0].id} … ${rows.at(-1)!.id}`;
      throw new InputError(
        f.dataset,
        null,
        `no prompt with id ${JSON.stringify(f["prompt-id"])}; ${ids}`,
      );
    }
    console.log(`${policy.name} on ${row.id}: ${row.prompt}`);
    const say = (lines: string[]) => lines.forEach((l) => console.log(l));
    const answer = row as Parameters<typeof compareUnderPolicy>[1];
    if (f.compare) {
      console.log(
        `near-miss variants of the expected answer ${JSON.stringify(answer.expected_answer)}:`,
      );
      say(variantTable(compareUnderPolicy(policy, answer)));
    }
    const text = positionals[0];
    if (text === undefined) return 0;
    say(logprobTable(completionLogprobs(policy, row.prompt, text)));
    const verdict = score(row, text);
    console.log(`  strict verdict: reward ${verdict.reward}, ${verdict.details.code}`);
    const step = { advantage: f.advantage, lr: f.lr };
    if (f.explain) say(explainTable(explainUpdate(policy, row.prompt, text, step)));
    return 0;
  });
}
