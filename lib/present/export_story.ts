/**
 * `deno task export` in words: the trainer's command line that reads the exported file and
 * calls the course's verifier (the flags as each trainer's own scripts spell them:
 * OpenRLHF v0.9 `examples/scripts/train_ppo_llama_with_remote_rm.sh`, verl v0.6.1
 * `examples/grpo_trainer/run_qwen2-7b.sh`, TRL's `GRPOTrainer`), and `summary.md`.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { trainerCommand } from "./export_story.ts";
 * assertStringIncludes(trainerCommand("openrlhf", "runs/ex/math_dev.jsonl"),
 *   "--remote_rm_url http://127.0.0.1:8000/get_reward");
 * ```
 * @module
 */
import type { TrainerFormat } from "../trainers/formats.ts";

/** Where the commands expect `deno task serve` (its defaults). */
const SERVER = "http://127.0.0.1:8000";

/** The trainer's command line for the exported file at `file` (a model to start from, 8 samples). */
export function trainerCommand(format: TrainerFormat, file: string): string {
  if (format === "openrlhf") {
    return [
      "python3 -m openrlhf.cli.train_ppo_ray --pretrain Qwen/Qwen2.5-0.5B-Instruct",
      `--prompt_data ${file} --input_key prompt --label_key expected_answer --apply_chat_template`,
      `--remote_rm_url ${SERVER}/get_reward --advantage_estimator group_norm`,
      "--n_samples_per_prompt 8 --save_path runs/openrlhf_ckpt",
    ].join(" \\\n  ");
  }
  if (format === "verl") {
    return [
      "python3 -m verl.trainer.main_ppo algorithm.adv_estimator=grpo",
      `data.train_files=${file} data.val_files=${file}`,
      "actor_rollout_ref.model.path=Qwen/Qwen2.5-0.5B-Instruct actor_rollout_ref.rollout.n=8",
      "custom_reward_function.path=integrations/rl_course_reward.py",
      "custom_reward_function.name=compute_score",
    ].join(" \\\n  ");
  }
  return [
    "PYTHONPATH=integrations python3 -c 'from datasets import load_dataset;",
    "from trl import GRPOConfig, GRPOTrainer; from rl_course_reward import trl_reward;",
    `ds = load_dataset(\"json\", data_files=\"${file}\", split=\"train\");`,
    'GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=trl_reward,',
    'train_dataset=ds, args=GRPOConfig(output_dir="runs/trl_ckpt")).train()\'',
  ].join(" \\\n  ");
}

/** What `summary.md` says: the data, its fingerprint, and the command line. */
export function exportMarkdown(o: {
  format: TrainerFormat;
  file: string;
  dataset: { path: string; sha256: string; rows: number };
  command: string;
}): string {
  return [
    `# ${o.dataset.path} for ${o.format}`,
    "",
    `${o.dataset.rows} rows in \`${o.file}\` (dataset SHA-256 ${o.dataset.sha256.slice(0, 12)}…).`,
    "Start `deno task serve` first: the reward is the course's strict verifier.",
    "",
    "```sh",
    o.command,
    "```",
    "",
  ].join("\n");
}

/** The lines `deno task export` prints. */
export function exportLines(r: { rows: number; dataFile: string; command: string }): string[] {
  return [`${r.rows} rows written to ${r.dataFile}`, "", "train with:", r.command];
}
