// Bad input and environment for the two networked tasks: one `error:` line and exit 2, nothing
// written, and no network needed to say so. The tasks run end to end (through their launcher,
// with the permissions it grants) where the process is what is tested; the other refusals run in
// process, through the functions the CLIs call first (lib/cli/serve.ts, lib/cli/rollouts.ts).
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runTask, scratch } from "../cli.ts";
import { exitTwoLine } from "../refusal.ts";
import { finished, freePort, startServe } from "./tasks.ts";
import { servedPolicy } from "../../lib/serve/tiny_adapter.ts";
import { apiKeyFrom, parseBaseUrl } from "../../lib/rollouts/request.ts";

const DS = dataPath("datasets/math_dev.jsonl");

async function refused(task: string, args: string[], message: RegExp) {
  const dir = await scratch();
  try {
    const r = await runTask(task, args, { cwd: dir });
    assertEquals(r.code, 2, r.stdout + r.stderr);
    assert(message.test(r.stderr), r.stderr);
    assertEquals([...Deno.readDirSync(`${dir}/runs`)].length, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("serve refuses a missing checkpoint, naming it (exit 2)", async () => {
  const refused = servedPolicy({ checkpoint: "nope/base.json", standIn: false });
  assertStringIncludes(await exitTwoLine(refused), "nope/base.json: cannot read the checkpoint");
});

Deno.test("deno task serve refuses a port in use with one line", async () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = String((l.addr as Deno.NetAddr).port);
    await refused(
      "serve",
      ["--stand-in", "--port", port],
      new RegExp(`^error: cannot listen on 127.0.0.1:${port}`),
    );
  } finally {
    l.close();
  }
});

Deno.test("rollouts refuses a base URL that is not http(s) or carries credentials, an unset key variable (exit 2)", async () => {
  const refusedUrl = (url: string) => exitTwoLine(Promise.resolve().then(() => parseBaseUrl(url)));
  assertEquals(
    await refusedUrl("localhost:8000"),
    "the base URL must start with http:// or https://",
  );
  assertStringIncludes(await refusedUrl("http://u:sk-abc@127.0.0.1:9/v1"), "credentials");
  const key = Promise.resolve().then(() => apiKeyFrom("NO_SUCH_KEY_VAR", () => undefined));
  assertStringIncludes(await exitTwoLine(key), "NO_SUCH_KEY_VAR is unset");
});

Deno.test("deno task rollouts refuses --resume without --outdir, and an --outdir outside runs/", async () => {
  const base = ["--model", "m", "--dataset", DS, "--base-url", "http://127.0.0.1:9/v1"];
  await refused("rollouts", [...base, "--resume"], /--resume needs/);
  await refused(
    "rollouts",
    [...base, "--outdir", "/tmp/elsewhere"],
    /runs\/ only|may only write under runs/,
  );
});

Deno.test("deno task serve stops cleanly on SIGINT, saying what it answered", async () => {
  const dir = await scratch();
  try {
    const serve = await startServe(dir, freePort());
    await (await fetch(`${serve.url}/v1/models`)).body?.cancel();
    serve.child.kill("SIGINT");
    const r = await finished(serve.child);
    assertEquals(r.code, 0, r.stderr);
    assert(
      r.stdout.includes("server stopped: 2 requests answered (/health 1, /v1/models 1)"),
      r.stdout,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
