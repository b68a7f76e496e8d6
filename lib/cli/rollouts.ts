/**
 * `deno task rollouts`: samples from any OpenAI-compatible server into a run that eval, select and
 * the gate read (lib/experiments/rollouts.ts). Network access: only the host of --base-url.
 * @module
 */
import { UsageError } from "../core/errors.ts";
import { readTextBounded } from "../core/files.ts";
import { RolloutsInterrupted, runRollouts } from "../experiments/rollouts.ts";
import { completionBudget } from "../rollouts/adapt.ts";
import { apiKeyFrom, CLIENT_DEFAULTS as C, REQUEST_DEFAULTS as D } from "../rollouts/request.ts";
import { rolloutsEnd, rolloutsPlan } from "../present/rollouts_story.ts";
import { type Command, flag, runCommand, settingsFrom } from "./_framework/command.ts";
import { prepareCommandRun, RUN_FLAGS, shownPath } from "./_framework/run_target.ts";
import { liveCli, stderrProgress } from "./_framework/live.ts";

export const ROLLOUTS = {
  name: "deno task rollouts",
  summary: "Samples a dataset's prompts from an OpenAI-compatible server into a run that eval, " +
    "select and the gate read; an interrupted run resumes where it stopped.",
  flags: {
    "base-url": flag.str("URL", "the server's /v1 URL", { required: true }),
    model: flag.str("NAME", "the model's name there", { required: true }),
    dataset: flag.str("FILE", "JSONL of {id, prompt, …}", { required: true }),
    n: flag.int("N", "samples per prompt", { default: C.n, min: 1, max: 128 }),
    temperature: flag.num("T", "temperature", { default: D.temperature, min: 0, max: 2 }),
    "top-p": flag.num("P", "nucleus mass", { default: D.top_p, min: 0, max: 1 }),
    "max-tokens": flag.int("N", "token budget", { default: D.max_tokens, min: 1 }),
    "max-completion-tokens": flag.int("N", "budget sent as max_completion_tokens", { min: 1 }),
    seed: flag.int("S", "seed of every draw", { default: D.seed, min: 0 }),
    system: flag.str("FILE", "a system prompt sent before each prompt"),
    api: flag.str("API", "endpoint", { default: D.api, choices: ["chat", "completions"] }),
    concurrency: flag.int("N", "requests in flight", { default: C.concurrency, min: 1 }),
    timeout: flag.num("S", "seconds per attempt", { default: C.timeout, min: 0.1 }),
    "max-retries": flag.int("N", "retries per request", { default: C.maxRetries, min: 0 }),
    "api-key-env": flag.str("VAR", "env var of the key (OPENAI_API_KEY)"),
    logprobs: flag.bool("ask for per-token log-probabilities"),
    resume: flag.bool("continue the interrupted run at --outdir"),
    ...RUN_FLAGS,
  },
  epilogue: "The key is read from the environment only: never printed, never written.",
} as const satisfies Command;

if (import.meta.main) {
  const { argv, stop } = liveCli();
  await runCommand(ROLLOUTS, async (f) => {
    if (f.resume && !f.outdir) throw new UsageError("--resume needs the run's --outdir");
    const run = await prepareCommandRun(ROLLOUTS, f, "rollouts", { argv, resumable: true });
    const apiKey = apiKeyFrom(f["api-key-env"], (name) => Deno.env.get(name));
    const system = f.system === undefined ? null : await readTextBounded(f.system, 1 << 20);
    const budget = completionBudget(f["max-completion-tokens"], f.api, argv);
    const settings = { ...settingsFrom(D, f), model: f.model, system, ...budget };
    const retry = { maxRetries: f["max-retries"], timeoutMs: f.timeout * 1000 };
    const client = { n: f.n, concurrency: f.concurrency, retry, apiKey, resume: f.resume };
    const inputs = { baseUrl: f["base-url"], dataset: f.dataset, systemPath: f.system ?? null };
    const progress = stderrProgress(), t0 = performance.now();
    const onStart = (p: { prompts: number; endpoint: string }) =>
      console.log(rolloutsPlan({ ...p, ...f, settings }));
    const onWarn = (line: string) => console.error(`warning: ${line}`);
    const hooks = { signal: stop, onProgress: progress.update, onNote: console.log, onWarn };
    const r = await runRollouts({ ...inputs, settings, ...client, ...run }, { ...hooks, onStart })
      .catch((e) => e);
    progress.end();
    if (r instanceof Error && !(r instanceof RolloutsInterrupted)) throw r;
    const ended = { ...r, runPath: r.runPath && shownPath(r.runPath), dataset: f.dataset };
    const end = rolloutsEnd(ended, performance.now() - t0);
    (end.code === 0 ? console.log : console.error)(end.text);
    return end.code;
  }, argv);
}
