/**
 * `deno task rollouts`: samples from any OpenAI-compatible server into a run that eval, select and
 * the gate read (`lib/policy/rollouts_run.ts`). Network access: only the host of --base-url.
 * @module
 */
import { InputError, UsageError } from "../core/errors.ts";
import { RolloutsInterrupted, runRollouts } from "../policy/rollouts_run.ts";
import { type Api, pickSettings } from "../policy/rollouts_request.ts";
import * as story from "../present/rollouts_story.ts";
import { type Command, runCommand } from "./command.ts";
import { RUN_FLAGS, runPathFor, runWrittenLine } from "./run_target.ts";
import { liveCli, stderrProgress } from "./live.ts";

const APIS = ["chat", "completions"];

export const ROLLOUTS = {
  name: "deno task rollouts",
  summary: "Samples every prompt of a dataset from an OpenAI-compatible server (Ollama, " +
    "llama.cpp, vLLM, OpenAI, Groq, deno task serve) into samples.jsonl and completions.jsonl " +
    "with their .meta.json, and responses.jsonl. An interrupted run resumes where it stopped.",
  flags: {
    "base-url": { type: "string", arg: "URL", help: "the server's /v1 URL", required: true },
    model: { type: "string", arg: "NAME", help: "the model's name there", required: true },
    dataset: { type: "string", arg: "FILE", help: "JSONL of {id, prompt, …}", required: true },
    n: { type: "int", arg: "N", help: "samples per prompt", default: 1, min: 1, max: 128 },
    temperature: { type: "number", arg: "T", help: "temperature", default: 1.0, min: 0, max: 2 },
    "top-p": { type: "number", arg: "P", help: "nucleus mass", default: 1.0, min: 0, max: 1 },
    "max-tokens": { type: "int", arg: "N", help: "token budget", default: 256, min: 1 },
    seed: { type: "int", arg: "S", help: "seed of every draw", default: 0, min: 0 },
    system: { type: "string", arg: "FILE", help: "a system prompt sent before each prompt" },
    api: { type: "string", arg: "API", help: "endpoint", default: "chat", choices: APIS },
    concurrency: { type: "int", arg: "N", help: "requests in flight", default: 4, min: 1 },
    timeout: { type: "number", arg: "S", help: "seconds per attempt", default: 60, min: 0.1 },
    "max-retries": { type: "int", arg: "N", help: "retries per request", default: 5, min: 0 },
    "api-key-env": { type: "string", arg: "VAR", help: "env var of the key (OPENAI_API_KEY)" },
    logprobs: { type: "boolean", help: "ask for per-token log-probabilities" },
    resume: { type: "boolean", help: "continue the interrupted run at --outdir" },
    ...RUN_FLAGS,
  },
  epilogue: "The key is read from the environment only: never printed, never written.",
} as const satisfies Command;

if (import.meta.main) {
  const { argv, stop } = liveCli();
  await runCommand(ROLLOUTS, async (f) => {
    if (f.resume && !f.outdir) throw new UsageError("--resume needs the run's --outdir");
    const keyVar = f["api-key-env"];
    const apiKey = Deno.env.get(keyVar ?? "OPENAI_API_KEY") ?? null;
    if (!apiKey && keyVar) throw new InputError(null, null, `${keyVar} is unset`);
    const system = f.system === undefined ? null : await Deno.readTextFile(f.system);
    const [api, top_p, max_tokens] = [f.api as Api, f["top-p"], f["max-tokens"]];
    const settings = pickSettings({ ...f, api, top_p, max_tokens, system });
    const retry = { maxRetries: f["max-retries"], timeoutMs: f.timeout * 1000 };
    const outdir = await runPathFor(f.outdir, "rollouts");
    const [rep, t0, systemPath] = [stderrProgress(), performance.now(), f.system ?? null];
    const cfg = { ...f, baseUrl: f["base-url"], settings, systemPath, retry, apiKey, outdir };
    const r = await runRollouts({ ...cfg, command: ROLLOUTS.name, args: argv }, {
      signal: stop,
      onProgress: rep.update,
      onNote: (line) => console.log(line),
      onStart: (p) => console.log(story.rolloutsPlan({ ...p, ...f, settings })),
    }).catch((e) => e);
    rep.end();
    if (!(r instanceof RolloutsInterrupted)) {
      if (r instanceof Error) throw r;
      const [elapsedMs, runPath] = [performance.now() - t0, runWrittenLine(r.runPath)];
      console.log(story.rolloutsDone({ ...r.progress, ...r.summary, elapsedMs, runPath }));
      return 0;
    }
    console.error(story.rolloutsStopped({ ...r.progress, journal: r.journal, failure: r.failure }));
    return r.failure ? 2 : 130;
  }, argv);
}
