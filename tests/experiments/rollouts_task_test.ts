// `deno task rollouts` against `deno task serve`, for real: both tasks run as their deno.json
// lines run them (the launcher, the narrowed network permission), on a free loopback port, with a
// fault-injecting proxy between them where a test needs faults or time. One server serves every
// step; each step is one rule of the issue.

import { assert, assertEquals } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { scratch } from "../cli.ts";
import {
  allFiles,
  finished,
  freePort,
  jsonl,
  launchedChild,
  runTaskIn,
  type ServeTask,
  spawnTask,
  startServe,
} from "../serve/tasks.ts";
import { startFaultProxy } from "../rollouts/fault_proxy.ts";

const DS = dataPath("datasets/math_dev.jsonl");
const KEY = "sk-test-4f1c9a7e2b6d0835";
const ENV = { OPENAI_API_KEY: KEY };
const printed: string[] = [];

function rolloutArgs(baseUrl: string, outdir: string, extra: string[] = []): string[] {
  return [
    "--base-url",
    `${baseUrl}/v1`,
    "--model",
    "stand-in-v1",
    "--dataset",
    DS,
    "--n",
    "2",
    "--seed",
    "0",
    "--outdir",
    outdir,
    ...extra,
  ];
}

async function journalSamples(path: string): Promise<number> {
  const text = await Deno.readTextFile(path).catch(() => "");
  return text.split("\n").filter((l) => l.startsWith('{"id"')).length;
}

async function waitFor(cond: () => Promise<boolean>, what: string, ms = 15_000) {
  for (const t0 = Date.now(); Date.now() - t0 < ms;) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

Deno.test("deno task rollouts against deno task serve", async (t) => {
  const cwd = await scratch("rollouts_task_");
  const port = freePort();
  let serve: ServeTask = await startServe(cwd, port);
  const run = async (args: string[]) => {
    const r = await runTaskIn("rollouts", args, { cwd, env: ENV });
    printed.push(r.stdout, r.stderr);
    return r;
  };
  try {
    await t.step(
      "a full run writes samples, completions, .meta.json and responses in dataset order",
      async () => {
        const r = await run(rolloutArgs(serve.url, "runs/full", ["--concurrency", "4"]));
        assertEquals(r.code, 0, r.stderr);
        assert(r.stdout.includes("request mode: n = 2 in one request per prompt where"), r.stdout);
        const ids = (await jsonl(DS)).map((x) => x.id);
        const samples = await jsonl(`${cwd}/runs/full/samples.jsonl`);
        assertEquals(samples.map((s) => s.id), ids);
        assert(samples.every((s) => (s.samples as string[]).length === 2));
        const completions = await jsonl(`${cwd}/runs/full/completions.jsonl`);
        assertEquals(
          completions.map((c) => c.completion),
          samples.map((s) => (s.samples as string[])[0]),
        );
        const responses = await jsonl(`${cwd}/runs/full/responses.jsonl`);
        assertEquals(responses.length, 240);
        assert(responses.every((x) => x.model === "stand-in-v1" && x.finish_reason === "stop"));
        const meta = JSON.parse(await Deno.readTextFile(`${cwd}/runs/full/samples.meta.json`));
        assertEquals([meta.model, meta.endpoint_port, meta.samples_per_prompt], [
          "stand-in-v1",
          port,
          2,
        ]);
        assertEquals((await Array.fromAsync(Deno.readDir(`${cwd}/runs`))).map((e) => e.name), [
          "full",
        ]);
      },
    );

    await t.step("eval and select read the run unchanged", async () => {
      const e = await runTaskIn("eval", [
        "--dataset",
        DS,
        "--completions",
        "runs/full/completions.jsonl",
        "--outdir",
        "runs/e",
      ], { cwd });
      assertEquals(e.code, 0, e.stderr);
      const m = JSON.parse(await Deno.readTextFile(`${cwd}/runs/e/manifest.json`));
      assertEquals(m.sampling.model, "stand-in-v1");
      const s = await runTaskIn("select", [
        "--dataset",
        DS,
        "--samples",
        "runs/full/samples.jsonl",
        "--n",
        "2",
        "--outdir",
        "runs/s",
      ], { cwd });
      assertEquals(s.code, 0, s.stderr);
    });

    await t.step(
      "the gate tells two temperatures apart: REJECT naming the sampling setting",
      async () => {
        const small = (await Deno.readTextFile(DS)).split("\n").slice(0, 30).join("\n") + "\n";
        await Deno.writeTextFile(`${cwd}/t.jsonl`, small);
        for (const temp of ["1.0", "0.5"]) {
          const r = await run([
            "--base-url",
            `${serve.url}/v1`,
            "--model",
            "stand-in-v1",
            "--dataset",
            `${cwd}/t.jsonl`,
            "--temperature",
            temp,
            "--outdir",
            `runs/t${temp}`,
          ]);
          assertEquals(r.code, 0, r.stderr);
          const e = await runTaskIn("eval", [
            "--dataset",
            `${cwd}/t.jsonl`,
            "--completions",
            `runs/t${temp}/completions.jsonl`,
            "--outdir",
            `runs/et${temp}`,
          ], { cwd });
          assertEquals(e.code, 0, e.stderr);
        }
        const g = await runTaskIn(
          "gate",
          ["--baseline", "runs/et1.0", "--candidate", "runs/et0.5"],
          { cwd },
        );
        assertEquals(g.code, 1, g.stdout + g.stderr);
        assert(/REJECT/.test(g.stdout) && /temperature/.test(g.stdout), g.stdout);
      },
    );

    await t.step(
      "a client killed part-way resumes: nothing lost, nothing twice, same samples.jsonl",
      async () => {
        const proxy = startFaultProxy(serve.url);
        proxy.delayMs = 15;
        const journal = `${cwd}/runs/.partial-killed/journal.jsonl`;
        const child = spawnTask(
          "rollouts",
          rolloutArgs(proxy.url, "runs/killed", ["--concurrency", "1"]),
          { cwd, env: ENV },
        );
        await waitFor(async () => await journalSamples(journal) >= 20, "20 journaled samples");
        const ps = await new Deno.Command("ps", {
          args: ["-o", "args=", "-p", String(await launchedChild(child))],
          stdout: "piped",
        }).output();
        const line = new TextDecoder().decode(ps.stdout);
        const grants = line.split(" ").filter((w) => w.startsWith("--allow") || w === "-A");
        assertEquals(grants, [
          "--allow-read",
          "--allow-write=runs",
          "--allow-run=git",
          "--allow-env=OPENAI_API_KEY",
          `--allow-net=${new URL(proxy.url).host}`,
        ]);
        child.kill("SIGKILL"); // the launcher: its CLI sees end-of-file and stops too
        printed.push((await finished(child)).stdout);
        const kept = await journalSamples(journal);
        assert(kept < 240, `the run finished before the kill (${kept})`);
        proxy.delayMs = 0;
        const r = await run(rolloutArgs(proxy.url, "runs/killed", ["--resume"]));
        await proxy.close();
        assertEquals(r.code, 0, r.stderr);
        assert(/resuming: \d+ of 240 samples journaled/.test(r.stdout), r.stdout);
        const responses = await jsonl(`${cwd}/runs/killed/responses.jsonl`);
        assertEquals(new Set(responses.map((x) => `${x.id}/${x.sample}`)).size, 240);
        assertEquals(
          await Deno.readFile(`${cwd}/runs/killed/samples.jsonl`),
          await Deno.readFile(`${cwd}/runs/full/samples.jsonl`),
        );
        await Deno.stat(`${cwd}/runs/.partial-killed`).then(
          () => assert(false, "journal left"),
          () => {},
        );
      },
    );

    await t.step(
      "a server killed part-way: the run stops keeping its samples; restarted, the rerun completes",
      async () => {
        const proxy = startFaultProxy(serve.url);
        proxy.delayMs = 15;
        const journal = `${cwd}/runs/.partial-down/journal.jsonl`;
        const child = spawnTask(
          "rollouts",
          rolloutArgs(proxy.url, "runs/down", ["--concurrency", "1", "--max-retries", "1"]),
          { cwd, env: ENV },
        );
        await waitFor(async () => await journalSamples(journal) >= 20, "20 journaled samples");
        Deno.kill(await launchedChild(serve.child), "SIGKILL"); // the server itself, abruptly
        await finished(serve.child);
        const r = await finished(child);
        printed.push(r.stdout, r.stderr);
        assertEquals(r.code, 2, r.stderr);
        assert(/error: prompt dev-\d+: gave up after 2 attempts/.test(r.stderr), r.stderr);
        assert(/stopped: \d+ of 240 samples are journaled/.test(r.stderr), r.stderr);
        serve = await startServe(cwd, port);
        proxy.delayMs = 0;
        const again = await run(rolloutArgs(proxy.url, "runs/down"));
        await proxy.close();
        assertEquals(again.code, 0, again.stderr);
        assertEquals(
          await Deno.readFile(`${cwd}/runs/down/samples.jsonl`),
          await Deno.readFile(`${cwd}/runs/full/samples.jsonl`),
        );
      },
    );

    await t.step(
      "a flaky server (429 + Retry-After, 503, dropped, truncated, malformed) still completes",
      async () => {
        const rows = (await Deno.readTextFile(DS)).split("\n").slice(0, 12).join("\n") + "\n";
        await Deno.writeTextFile(`${cwd}/small.jsonl`, rows);
        const proxy = startFaultProxy(serve.url, [
          { kind: "pass" }, // the first request (n) alone; then the faults spread over 4 in flight
          { kind: "status", status: 429, headers: { "retry-after": "1" } },
          { kind: "status", status: 503 },
          { kind: "drop" },
          { kind: "truncate" },
          { kind: "malformed" },
        ]);
        const args = rolloutArgs(proxy.url, "runs/flaky", ["--concurrency", "4"]);
        args[args.indexOf(DS)] = `${cwd}/small.jsonl`;
        const r = await run(args);
        await proxy.close();
        assertEquals(r.code, 0, r.stderr);
        assert(/, 5 retries,/.test(r.stdout), r.stdout);
        assert(proxy.seen.every((s) => s.authorization === `Bearer ${KEY}`));
        const want = (await jsonl(`${cwd}/runs/full/samples.jsonl`)).slice(0, 12);
        assertEquals(await jsonl(`${cwd}/runs/flaky/samples.jsonl`), want);
      },
    );

    await t.step(
      "a wrong model name stops at once with the server's message, leaving nothing",
      async () => {
        const t0 = performance.now();
        const args = rolloutArgs(serve.url, "runs/wrong");
        args[args.indexOf("stand-in-v1")] = "no-such-model";
        const r = await run(args);
        assertEquals(r.code, 2, r.stderr);
        assert(/HTTP 404: The model "no-such-model" does not exist/.test(r.stderr), r.stderr);
        assert(performance.now() - t0 < 8000);
        const names = (await Array.fromAsync(Deno.readDir(`${cwd}/runs`))).map((e) => e.name);
        assert(!names.some((n) => n.includes("wrong")), names.join(" "));
      },
    );

    await t.step("the key is in no artifact and no printed line", async () => {
      for (const f of await allFiles(`${cwd}/runs`)) {
        assert(!(await Deno.readTextFile(f)).includes(KEY), `${f} holds the key`);
      }
      assert(printed.length > 5 && printed.every((p) => !p.includes(KEY)));
    });

    await t.step("deno task serve stops cleanly on SIGTERM", async () => {
      serve.child.kill("SIGTERM");
      const r = await finished(serve.child);
      assertEquals(r.code, 0, r.stderr);
      assert(/server stopped: \d+ requests answered/.test(r.stdout), r.stdout);
    });
  } finally {
    try {
      serve.child.kill("SIGKILL");
      await serve.child.status;
    } catch { /* already stopped */ }
    await Deno.remove(cwd, { recursive: true });
  }
});
