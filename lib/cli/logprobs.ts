/**
 * `deno task logprobs`: the micro-actions with real probabilities. For one prompt of a dataset,
 * every token of a completion with its id, log-probability and probability under the tiny
 * policy, their sum and the strict verdict; `--compare` puts the near-miss variants of the
 * prompt's answer side by side; `--explain` shows one policy-gradient step on the completion.
 * @module
 */
import { InputError, UsageError } from "../core/errors.ts";
import { score } from "../instrument/scorer.ts";
import { explainUpdate } from "../learn/explain.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { compareUnderPolicy, completionLogprobs } from "../policy/logprobs.ts";
import { readPromptRows } from "../policy/prompts.ts";
import { explainTable, logprobTable, variantTable } from "../present/logprobs_story.ts";
import { type Command, runCommand } from "./command.ts";

export const LOGPROBS = {
  name: "deno task logprobs",
  summary: "Token-by-token log-probabilities of a completion under the tiny policy.",
  flags: {
    checkpoint: {
      type: "string",
      arg: "FILE",
      help: "checkpoint header",
      default: "data/policy/base.json",
    },
    dataset: {
      type: "string",
      arg: "FILE",
      help: "where the prompt is",
      default: "data/datasets/small_dev.jsonl",
    },
    "prompt-id": { type: "string", arg: "ID", help: "the prompt's id", required: true },
    compare: { type: "boolean", help: "the near-miss variants of the answer, side by side" },
    explain: { type: "boolean", help: "one gradient step on the completion, token by token" },
    advantage: { type: "number", arg: "A", help: "the advantage for --explain", default: 1 },
    lr: { type: "number", arg: "LR", help: "the step size for --explain", default: 0.05, min: 0 },
  },
  positionals: { arg: "TEXT", help: "the completion (not needed with --compare)" },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(LOGPROBS, async (f, positionals) => {
    if (positionals.length > 1) throw new UsageError("give one completion TEXT (quote it)");
    if (!f.compare && positionals.length === 0) {
      throw new UsageError("give a completion TEXT, or --compare");
    }
    const policy = await loadCheckpoint(f.checkpoint);
    const row = (await readPromptRows(f.dataset)).rows.find((r) => r.id === f["prompt-id"]);
    if (!row) {
      throw new InputError(f.dataset, null, `no prompt with id ${JSON.stringify(f["prompt-id"])}`);
    }
    console.log(`${policy.name} on ${row.id}: ${row.prompt}`);
    if (f.compare) {
      console.log(
        `near-miss variants of the expected answer ${JSON.stringify(row.expected_answer)}:`,
      );
      for (
        const line of variantTable(
          compareUnderPolicy(policy, row as { prompt: string; expected_answer: number | string }),
        )
      ) console.log(line);
    }
    const text = positionals[0];
    if (text === undefined) return 0;
    for (const line of logprobTable(completionLogprobs(policy, row.prompt, text))) {
      console.log(line);
    }
    const verdict = score(row, text);
    console.log(`  strict verdict: reward ${verdict.reward}, ${verdict.details.code}`);
    if (f.explain) {
      for (
        const line of explainTable(
          explainUpdate(policy, row.prompt, text, { advantage: f.advantage, lr: f.lr }),
        )
      ) console.log(line);
    }
    return 0;
  });
}
