// runRollouts() against real HTTP servers in this process: the course's server, and two that
// treat `n` the way other servers do (ignoring it like Ollama, refusing it like Groq). The
// request mode is detected and stated; the completions API, log-probabilities and the system
// prompt are sent and recorded; a changed setting never resumes a journal; a complete run is
// not redone.
import { rejects } from "node:assert/strict";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { JournalMismatch } from "../../lib/rollouts/journal.ts";
import { type RolloutsConfig, runRollouts } from "../../lib/experiments/rollouts.ts";
import { jsonl } from "../serve/tasks.ts";
import { serveMock, testRolloutsConfig } from "./rollouts_config.ts";

type Mode = "course" | "ignores-n" | "refuses-n";

/** A server that answers like the course's, or treats `n` like Ollama (ignored) or Groq (400). */
async function withServer(
  mode: Mode,
  fn: (url: string, bodies: Record<string, unknown>[]) => Promise<void>,
) {
  const server = serveMock((body, _req, next) => {
    if (mode === "refuses-n" && (body.n as number) > 1) {
      return Promise.resolve(
        Response.json({ error: { message: "'n' : number must be at most 1" } }, { status: 400 }),
      );
    }
    return next(mode === "ignores-n" ? { ...body, n: 1 } : body);
  });
  try {
    await fn(server.url, server.bodies);
  } finally {
    await server.close();
    for (const d of dirs.splice(0)) await Deno.remove(d, { recursive: true });
  }
}

const dirs: string[] = [];

async function config(
  baseUrl: string,
  extra: Partial<RolloutsConfig> = {},
): Promise<RolloutsConfig> {
  const dir = await Deno.makeTempDir({ prefix: "rollouts_run_" });
  dirs.push(dir);
  return testRolloutsConfig(baseUrl, dir, 6, extra);
}

const quiet = () => {
  const notes: string[] = [];
  return {
    notes,
    hooks: { signal: new AbortController().signal, onNote: (l: string) => void notes.push(l) },
  };
};

Deno.test("runRollouts() asks for n per prompt when the server honours n", async () => {
  await withServer("course", async (url, bodies) => {
    const { notes, hooks } = quiet();
    const r = await runRollouts(await config(url), hooks);
    assertEquals([r.mode, bodies.length, r.summary.n_samples], ["n", 6, 18]);
    assert(notes.some((l) => l.startsWith("request mode: n = 3 in one request per prompt")));
  });
});

for (const mode of ["ignores-n", "refuses-n"] as const) {
  Deno.test(`runRollouts() asks each prompt for n, then one request per sample when the server ${mode.replace("-", " ")}`, async () => {
    await withServer(mode, async (url, bodies) => {
      const { notes, hooks } = quiet();
      const cfg = await config(url);
      const r = await runRollouts(cfg, hooks);
      assertEquals([r.mode, r.summary.n_samples], ["per-sample", 18]);
      // each prompt's own several-choice request, then its three samples one by one (for a
      // refusal, sample 0's request is the one that tells a refused n from a failing server)
      assertEquals(bodies.filter((b) => b.n === 3).length, 6);
      assertEquals(bodies.filter((b) => b.n === 1).length, 18);
      assertEquals(new Set(bodies.filter((b) => b.n === 1).map((b) => b.seed)).size, 18);
      assertEquals(
        notes.filter((l) => /ignores n|refused n = 3/.test(l)).length,
        1,
        notes.join("\n"),
      );
      const samples = await jsonl(`${cfg.outdir}/samples.jsonl`);
      assert(samples.every((s) => (s.samples as string[]).length === 3));
    });
  });
}

Deno.test("runRollouts() on the completions API sends the system prompt and keeps log-probabilities", async () => {
  await withServer("course", async (url, bodies) => {
    const cfg = await config(url, { n: 1 });
    cfg.settings = { ...cfg.settings, api: "completions", system: "Be exact.", logprobs: true };
    cfg.systemPath = "system.txt";
    await runRollouts(cfg, quiet().hooks);
    assert((bodies[0].prompt as string).startsWith("Be exact.\n\nCompute"));
    assertEquals(bodies[0].logprobs, 1);
    const resp = await jsonl(`${cfg.outdir}/responses.jsonl`);
    for (const x of resp) {
      const lps = x.logprobs as number[];
      assert(Array.isArray(x.tokens) && lps.length === (x.tokens as string[]).length);
      assertEquals(x.logprob, lps.reduce((a, b) => a + b, 0));
      assertEquals(x.completion_tokens, lps.length);
    }
    const meta = JSON.parse(await Deno.readTextFile(`${cfg.outdir}/completions.meta.json`));
    assertEquals([meta.api, meta.endpoint_path], ["completions", "/v1/completions"]);
    assertEquals(meta.prompt_template, "prompt: <system prompt>\\n\\n{prompt}");
    const manifest = JSON.parse(await Deno.readTextFile(`${cfg.outdir}/manifest.json`));
    assertEquals(manifest.system_prompt.path, "system.txt");
    assertEquals(manifest.kind, "rollouts");
  });
});

Deno.test("runRollouts() never resumes a journal made with other settings, and redoes no complete run", async () => {
  await withServer("course", async (url, bodies) => {
    const cfg = await config(url);
    const ac = new AbortController();
    let seen = 0;
    await rejects(
      runRollouts(cfg, { signal: ac.signal, onProgress: () => ++seen === 1 && ac.abort() }),
      (e: Error) => e.name === "RolloutsInterrupted",
    );
    const hotter = { ...cfg, settings: { ...cfg.settings, temperature: 0.5 } };
    await rejects(runRollouts(hotter, quiet().hooks), JournalMismatch);
    const done = await runRollouts(cfg, quiet().hooks);
    assert(done.progress.resumed >= 3 && done.progress.requests === 6 - done.progress.resumed / 3);
    const asked = bodies.length;
    const { notes, hooks } = quiet();
    const again = await runRollouts({ ...cfg, resume: true }, hooks);
    assertEquals([again.summary, bodies.length], [done.summary, asked]);
    assert(notes[0].endsWith("is already complete: nothing to resume"), notes[0]);
  });
});
