/**
 * A course dataset (`{id, prompt, expected_answer}` per line) as the rows real RL trainers read,
 * with the label always the canonical integer text the scorer compares (so a trainer's loader
 * never turns 1035 into 1035.0, and 9007199254740993 stays exact):
 *
 * - **openrlhf**: `{"id", "prompt", "expected_answer"}` lines, for `--input_key prompt
 *   --label_key expected_answer` (openrlhf/datasets/prompts_dataset.py `preprocess_data`: with
 *   `--apply_chat_template` a string prompt becomes `[{"role": "user", "content": prompt}]` and
 *   goes through the tokenizer's template; without it the prompt is sent as written);
 * - **verl**: Parquet rows as examples/data_preprocess/gsm8k.py writes them: `data_source`,
 *   `prompt` as chat messages, `ability`, `reward_model: {style: "rule", ground_truth}`,
 *   `extra_info: {id, index, split}` (verl's naive reward manager reads
 *   `reward_model["ground_truth"]` and `data_source`);
 * - **trl**: `{"prompt": [{"role": "user", "content"}], "expected_answer", "id"}` lines, the
 *   conversational format GRPOTrainer applies the chat template to; every column but `prompt`
 *   reaches the reward function as a keyword argument (trl/trainer/grpo_trainer.py
 *   `_calculate_rewards`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { exportRow } from "./formats.ts";
 * const row = { id: "q1", prompt: "Compute 2+3.", label: "5" };
 * assertEquals(exportRow("openrlhf", row, 0, "math_dev"),
 *   { id: "q1", prompt: "Compute 2+3.", expected_answer: "5" });
 * ```
 * @module
 */

/** The trainers a dataset can be exported for. */
export const TRAINER_FORMATS = ["openrlhf", "verl", "trl"] as const;

/** One of {@link TRAINER_FORMATS}. */
export type TrainerFormat = typeof TRAINER_FORMATS[number];

/** A dataset row ready for export: its label already the canonical integer text. */
export interface LabeledPrompt {
  id: string;
  prompt: string;
  /** The expected answer as canonical integer text (`readExpected`). */
  label: string;
}

/** verl's row (examples/data_preprocess/gsm8k.py). */
export interface VerlRow {
  data_source: string;
  prompt: { role: "user"; content: string }[];
  ability: "math";
  reward_model: { style: "rule"; ground_truth: string };
  extra_info: { id: string; index: number; split: string };
}

/** The file extension of each format's data file. */
export const FORMAT_EXTENSION: Readonly<Record<TrainerFormat, string>> = {
  openrlhf: "jsonl",
  verl: "parquet",
  trl: "jsonl",
};

/**
 * One row in `format`: `index` is the row's 0-based position, `dataset` the dataset's name (its
 * file name without `.jsonl`), which is verl's `data_source` (`rl-course/<dataset>`) and split.
 */
export function exportRow(
  format: TrainerFormat,
  row: LabeledPrompt,
  index: number,
  dataset: string,
): Record<string, unknown> | VerlRow {
  const messages = [{ role: "user" as const, content: row.prompt }];
  if (format === "openrlhf") return { id: row.id, prompt: row.prompt, expected_answer: row.label };
  if (format === "trl") return { prompt: messages, expected_answer: row.label, id: row.id };
  return {
    data_source: `rl-course/${dataset}`,
    prompt: messages,
    ability: "math",
    reward_model: { style: "rule", ground_truth: row.label },
    extra_info: { id: row.id, index, split: dataset },
  };
}
