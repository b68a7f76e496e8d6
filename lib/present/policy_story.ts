/**
 * The words and numbers of the tiny policy's commands, as pure functions: the story lines `deno task sft`, `sample` and `logprobs` print, and their
 * `summary.md`. Fixed keys and fixed precision; nothing here prints.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { sftStepLine } from "./policy_story.ts";
 * assertEquals(typeof sftStepLine, "function");
 * ```
 * @module
 */
import { f3, pct, signed } from "./format.ts";
import { progressLine, type ProgressReporter } from "./progress.ts";
import type { SftConfig, SftPoint } from "../policy/sft.ts";

/** What an SFT story needs to say about a run. */
export interface SftStoryInput {
  name: string;
  hidden: number;
  vocab: number;
  params: number;
  corpusRows: number;
  corpusFingerprint: string;
  forms: Record<string, number>;
  steps: number;
  batch: number;
  lr: number;
  seed: number;
}

/** The lines `deno task sft` prints before training. */
export function sftIntro(s: SftStoryInput): string[] {
  const mix = Object.entries(s.forms).sort((a, b) => b[1] - a[1])
    .map(([f, n]) => `${f} ${pct(n / s.corpusRows)}`).join(", ");
  return [
    `SFT: training ${s.name} from scratch, seed ${s.seed}`,
    `  model   1-layer GRU, hidden ${s.hidden}, vocabulary ${s.vocab} (cl100k ids + <|end|>, <|unk|>), ` +
    `${s.params} parameters`,
    `  corpus  ${s.corpusRows} (prompt, completion) pairs, sha256 ${
      s.corpusFingerprint.slice(0, 16)
    }…`,
    `  forms   ${mix}`,
    `  train   ${s.steps} Adam steps × ${s.batch} sequences, peak lr ${s.lr}, mean token cross-entropy`,
  ];
}

/** One logged step of SFT: `step 0500 | loss 1.234`. */
export function sftStepLine(step: number, steps: number, loss: number): string {
  return `step ${String(step).padStart(String(steps).length, "0")} | loss ${f3(loss)}`;
}

/**
 * What SFT tells while it trains, as its logging callback: a progress line (step, loss, target
 * tokens per second, ETA) on `progress`, and every tenth logged step a story line through `say`.
 *
 * @param cfg the training's steps and logging interval
 * @param out where lines and progress go, and the seconds since training started
 */
export function sftReporting(
  cfg: Pick<SftConfig, "steps" | "logEvery">,
  out: { say: (line: string) => void; progress: ProgressReporter; seconds: () => number },
): (p: SftPoint) => void {
  return (p) => {
    const s = out.seconds();
    const rate = `${(p.tokens / (s / p.step * cfg.logEvery)).toFixed(0)} target tok/s`;
    out.progress.update(
      progressLine("sft step", p.step, cfg.steps, s, `loss ${p.loss.toFixed(3)} | ${rate}`),
    );
    if (p.step % (cfg.logEvery * 10) === 0 || p.step === cfg.steps) {
      out.progress.clear();
      out.say(sftStepLine(p.step, cfg.steps, p.loss));
    }
  };
}

/** The sampling settings as one line. */
export function samplingLine(s: {
  temperature: number;
  top_p: number;
  top_k: number;
  max_tokens: number;
  seed: number;
  n: number;
}): string {
  return `n ${s.n}, temperature ${f3(s.temperature)}, top_p ${f3(s.top_p)}, top_k ${s.top_k}, ` +
    `max_tokens ${s.max_tokens}, seed ${s.seed}`;
}

/** What `deno task sample` reports. */
export interface SampleSummary {
  policy: string;
  checkpoint: string;
  dataset: string;
  prompts: number;
  completions: number;
  stop: number;
  length: number;
  mean_tokens: number;
  /** Strict pass rate of sample 0 (the completions.jsonl rollout). */
  strict_sample0: number;
  /**
   * With a reference checkpoint: the sampled-completion KL estimate, the mean over prompts of
   * each prompt's mean log π(y|x) − log π_ref(y|x) (nats).
   */
  kl_to_reference?: number;
}

/** The KL lines of a sample run with a reference, and the caveat when decoding was not plain. */
function referenceLines(s: SampleSummary, settings: Parameters<typeof samplingLine>[0]): string[] {
  if (s.kl_to_reference === undefined) return [];
  const plain = settings.temperature === 1 && settings.top_p === 1 && settings.top_k === 0;
  return [
    `  KL estimate to the reference: ${signed(s.kl_to_reference)} nats (mean over prompts of ` +
    "log π(y|x) − log π_ref(y|x)); the packs carry logprob and ref_logprob, so eval and select " +
    "report it too",
    ...(plain ? [] : [
      "  warning: the samples were decoded with temperature/top_p/top_k, not drawn from π " +
      "itself, so this estimate of KL(π‖π_ref) is biased",
    ]),
  ];
}

/** The lines `deno task sample` prints. */
export function sampleStory(
  s: SampleSummary,
  settings: Parameters<typeof samplingLine>[0],
): string[] {
  return [
    `sampled ${s.policy} (checkpoint sha256 ${s.checkpoint.slice(0, 16)}…) on ${s.dataset}`,
    `  ${s.prompts} prompts × ${settings.n}: ${samplingLine(settings)}`,
    `  ${s.completions} completions: ${s.stop} stopped, ${s.length} hit max_tokens; ` +
    `mean ${f3(s.mean_tokens)} tokens`,
    `  sample 0 strict pass rate ${pct(s.strict_sample0)} (deno task eval records it; ` +
    `deno task select reads samples.jsonl)`,
    ...referenceLines(s, settings),
  ];
}

/** summary.md of a sample run. */
export function sampleMarkdown(
  s: SampleSummary,
  settings: Parameters<typeof samplingLine>[0],
): string {
  return [
    `# Samples of ${s.policy}`,
    "",
    `- checkpoint sha256: \`${s.checkpoint}\``,
    `- dataset: ${s.dataset} (${s.prompts} prompts)`,
    `- sampling: ${samplingLine(settings)}`,
    `- completions: ${s.completions} (${s.stop} stopped, ${s.length} hit max_tokens), mean ${
      f3(s.mean_tokens)
    } tokens`,
    `- strict pass rate of sample 0: ${pct(s.strict_sample0)}`,
    ...(s.kl_to_reference === undefined ? [] : [
      `- KL estimate to the reference checkpoint: ${
        signed(s.kl_to_reference)
      } nats (sampled-completion estimator: mean over prompts of log π(y|x) − log π_ref(y|x))`,
    ]),
    "",
    "Files: `samples.jsonl` (selection-pack format), `completions.jsonl` (sample 0, frozen-rollout " +
    "format), each with its `.meta.json`; `tokens.jsonl` (per sample: token ids, texts, " +
    "log-probabilities under the policy, their sum, finish reason).",
    "",
  ].join("\n");
}
