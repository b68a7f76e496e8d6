// runRollouts() against servers that answer as the real ones do, each a thin mock over the
// course's server that changes only what its source says it changes:
// - llama-server (examples/server/utils.hpp oaicompat_completion_params_parse: `n != 1` throws
//   "Only one completion choice is allowed", answered HTTP 500 {"error": {"code": 500, "message",
//   "type": "server_error"}}; tools/server/server-task.cpp to_json_oaicompat: text completions'
//   logprobs are {"content": [{id, token, logprob, bytes, top_logprobs}]});
// - Ollama v0.9.0 openai/openai.go (ChatCompletionRequest has no N and no Logprobs: n is ignored,
//   one choice with index 0, no logprobs);
// - vLLM ≤ 0.9 protocol.py ErrorResponse {object: "error", message, type, param, code};
// - an OpenAI reasoning model (400 {"error": {"message": "Unsupported parameter: 'max_tokens' is
//   not supported with this model. Use 'max_completion_tokens' instead.", "type":
//   "invalid_request_error", "param": "max_tokens", "code": "unsupported_parameter"}}, and
//   "Unsupported value: 'temperature' does not support 0.7 with this model. Only the default (1)
//   value is supported." with code "unsupported_value").
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { type RolloutsConfig, runRollouts } from "../../lib/experiments/rollouts.ts";
import { RolloutsInterrupted } from "../../lib/rollouts/config.ts";
import { STAND_IN } from "../../lib/serve/stand_in.ts";
import { allFiles, jsonl } from "../serve/tasks.ts";
import { type Body, type Mock, serveMock, testRolloutsConfig } from "./rollouts_config.ts";

async function withMock(mock: Mock, fn: (url: string, bodies: Body[]) => Promise<void>) {
  const server = serveMock(mock);
  const dir = await Deno.makeTempDir({ prefix: "rollouts_servers_" });
  try {
    await fn(`${server.url}|${dir}`, server.bodies);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
}

function config(at: string, extra: Partial<RolloutsConfig> = {}): Promise<RolloutsConfig> {
  const [baseUrl, dir] = at.split("|");
  const retry = { maxRetries: 2, timeoutMs: 10_000, baseDelayMs: 1, maxDelayMs: 2 };
  return testRolloutsConfig(baseUrl, dir, 5, { retry, ...extra });
}

const listen = () => {
  const notes: string[] = [], warnings: string[] = [];
  const hooks = {
    signal: new AbortController().signal,
    onNote: (l: string) => void notes.push(l),
    onWarn: (l: string) => void warnings.push(l),
  };
  return { notes, warnings, hooks };
};

const reference = async () => {
  let samples: unknown[] = [];
  await withMock((b, _r, nx) => nx(b), async (at) => {
    const cfg = await config(at);
    await runRollouts(cfg, listen().hooks);
    samples = await jsonl(`${cfg.outdir}/samples.jsonl`);
  });
  return samples;
};

Deno.test("llama-server (500 on n ≠ 1, chat-shaped logprobs on /v1/completions): rollouts completes one request per sample, logprobs kept", async () => {
  const llama: Mock = async (b, _r, nx) => {
    if (b.n !== undefined && b.n !== 1) {
      return Response.json({
        error: {
          code: 500,
          message: "Only one completion choice is allowed",
          type: "server_error",
        },
      }, { status: 500 });
    }
    const res = await (await nx(b)).json();
    for (const c of res.choices) {
      if (c.logprobs) {
        c.logprobs = {
          content: c.logprobs.tokens.map((t: string, i: number) => ({
            id: i,
            token: t,
            logprob: c.logprobs.token_logprobs[i],
            bytes: [],
            top_logprobs: [],
          })),
        };
      }
    }
    return Response.json(res);
  };
  await withMock(llama, async (at) => {
    const cfg = await config(at);
    cfg.settings = { ...cfg.settings, api: "completions", logprobs: true };
    const { notes, warnings, hooks } = listen();
    const r = await runRollouts(cfg, hooks);
    assertEquals([r.mode, r.summary.n_samples], ["per-sample", 15]);
    assertEquals(
      notes.filter((l) =>
        l.includes("refused n = 3 (HTTP 500: Only one completion choice is allowed)")
      ).length,
      1,
    );
    assertEquals(warnings, []);
    const responses = await jsonl(`${cfg.outdir}/responses.jsonl`);
    assert(responses.every((x) => Array.isArray(x.logprobs) && typeof x.logprob === "number"));
  });
});

Deno.test("Ollama (n ignored, no logprobs): rollouts completes one request per sample, warns, records logprobs_returned: false", async () => {
  const ollama: Mock = async (b, _r, nx) => {
    delete b.n;
    delete b.logprobs;
    return await nx(b);
  };
  await withMock(ollama, async (at) => {
    const cfg = await config(at);
    cfg.settings = { ...cfg.settings, logprobs: true };
    const { notes, warnings, hooks } = listen();
    const r = await runRollouts(cfg, hooks);
    assertEquals([r.mode, r.summary.n_samples], ["per-sample", 15]);
    assertEquals(notes.filter((l) => /ignores n/.test(l)).length, 1);
    assertEquals(warnings.length, 1);
    assert(warnings[0].includes("for 0 of 15 samples"), warnings[0]);
    const m = JSON.parse(await Deno.readTextFile(`${cfg.outdir}/manifest.json`));
    assertEquals([m.logprobs_requested, m.logprobs_returned], [true, false]);
  });
});

Deno.test("vLLM's flat error object: a wrong model stops the run at once with vLLM's message", async () => {
  const vllm: Mock = (b, _r, nx) =>
    b.model === STAND_IN.id ? nx(b) : Promise.resolve(Response.json({
      object: "error",
      message: `The model \`${b.model}\` does not exist.`,
      type: "NotFoundError",
      param: null,
      code: 404,
    }, { status: 404 }));
  await withMock(vllm, async (at, bodies) => {
    const cfg = await config(at);
    cfg.settings = { ...cfg.settings, model: "qwen-typo" };
    const e = await runRollouts(cfg, listen().hooks).catch((x) => x);
    assert(e instanceof RolloutsInterrupted);
    assert(e.message.includes("HTTP 404: The model `qwen-typo` does not exist."), e.message);
    assert(bodies.length <= 2, `${bodies.length} requests`);
  });
});

Deno.test("a reasoning model (max_tokens unsupported, temperature ≠ 1 unsupported): adapted, said once, recorded", async () => {
  const reasoning: Mock = (b, _r, nx) => {
    const refuse = (param: string, code: string, message: string) =>
      Promise.resolve(Response.json({
        error: { message, type: "invalid_request_error", param, code },
      }, { status: 400 }));
    if ("max_tokens" in b) {
      return refuse(
        "max_tokens",
        "unsupported_parameter",
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      );
    }
    if (b.temperature !== undefined && b.temperature !== 1) {
      return refuse(
        "temperature",
        "unsupported_value",
        `Unsupported value: 'temperature' does not support ${b.temperature} with this model. Only the default (1) value is supported.`,
      );
    }
    return nx(b);
  };
  await withMock(reasoning, async (at, bodies) => {
    const cfg = await config(at);
    cfg.settings = { ...cfg.settings, temperature: 0.7 };
    const { notes, hooks } = listen();
    const r = await runRollouts(cfg, hooks);
    assertEquals([r.mode, r.summary.n_samples], ["n", 15]);
    assertEquals(notes.filter((l) => l.startsWith("the server refused 'max_tokens'")).length, 1);
    assertEquals(notes.filter((l) => l.startsWith("the server refused 'temperature'")).length, 1);
    assert(!notes.some((l) => /refused n/.test(l)), notes.join("\n"));
    const last = bodies.at(-1)!;
    assertEquals(["max_tokens" in last, "temperature" in last, last.max_completion_tokens], [
      false,
      false,
      64,
    ]);
    const meta = JSON.parse(await Deno.readTextFile(`${cfg.outdir}/samples.meta.json`));
    assertEquals([meta.max_tokens_field, meta.dropped_parameters], [
      "max_completion_tokens",
      "temperature",
    ]);
  });
});

Deno.test("duplicated, negative or missing choices and a short response are retried; the samples equal a clean run's", async () => {
  const clean = await reference();
  let k = 0;
  const flaky: Mock = async (b, _r, nx) => {
    const res = await (await nx(b)).json();
    const fault = k++ % 4;
    if (fault === 0) res.choices = [res.choices[0], res.choices[0], res.choices[1]]; // duplicated
    if (fault === 1) res.choices.forEach((c: { index: number }) => (c.index = c.index - 1));
    if (fault === 2) res.choices = res.choices.slice(0, 2); // short: 2 of 3
    return Response.json(res);
  };
  await withMock(flaky, async (at) => {
    const cfg = await config(at, { concurrency: 1 });
    cfg.retry = { ...cfg.retry, maxRetries: 4 };
    const r = await runRollouts(cfg, listen().hooks);
    assertEquals(r.mode, "n");
    assertEquals(await jsonl(`${cfg.outdir}/samples.jsonl`), clean);
  });
});

Deno.test("a 200 whose body is {error} reports the server's message", async () => {
  const broken: Mock = () =>
    Promise.resolve(
      Response.json({ error: { message: "CUDA out of memory", type: "server_error" } }),
    );
  await withMock(broken, async (at) => {
    const e = await runRollouts(await config(at), listen().hooks).catch((x) => x);
    assert(e instanceof RolloutsInterrupted);
    assert(
      e.message.includes("the server answered 200 with an error: CUDA out of memory"),
      e.message,
    );
  });
});

Deno.test("a server that echoes the key: the key and the URL's query values are in no file and no note", async () => {
  const KEY = "sk-echo-5f1e2d3c4b5a";
  const echo: Mock = async (b, req, nx) => {
    const res = await (await nx(b)).json();
    const auth = req.headers.get("authorization") ?? "";
    res.model = auth;
    res.system_fingerprint = `fp ${auth} ${new URL(req.url).search}`;
    res.choices[0].message.content += ` ${auth}`;
    return Response.json(res);
  };
  await withMock(echo, async (at) => {
    const cfg = await config(at, { apiKey: KEY });
    cfg.baseUrl += "?api_key=querysecret42";
    cfg.args = ["--base-url", cfg.baseUrl];
    const { notes, hooks } = listen();
    await runRollouts(cfg, hooks);
    const dir = cfg.outdir.replace(/\/runs\/r$/, "/runs");
    for (const f of await allFiles(dir)) {
      const text = await Deno.readTextFile(f);
      assert(!text.includes(KEY) && !text.includes("querysecret42"), f);
    }
    assert(!notes.join("\n").includes(KEY));
    const m = JSON.parse(await Deno.readTextFile(`${cfg.outdir}/manifest.json`));
    assertEquals(m.args, ["--base-url", at.split("|")[0]]);
  });
});
