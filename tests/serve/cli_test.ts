// Bad input and environment for the two networked tasks: one `error:` line and exit 2, nothing
// written, and no network needed to say so.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runTask, scratch } from "../cli.ts";
import { finished, freePort, startServe } from "./tasks.ts";

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

Deno.test("deno task serve refuses a missing checkpoint, naming it", async () => {
  await refused(
    "serve",
    ["--checkpoint", "nope/base.json", "--port", "0"],
    /^error: nope\/base\.json: cannot read the checkpoint/,
  );
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

Deno.test("deno task rollouts refuses bad flags before any request", async () => {
  const base = ["--model", "m", "--dataset", DS];
  await refused(
    "rollouts",
    [...base, "--base-url", "localhost:8000"],
    /^error: the base URL must start with http:\/\/ or https:\/\//,
  );
  await refused(
    "rollouts",
    [...base, "--base-url", "http://u:sk-abc@127.0.0.1:9/v1"],
    /credentials/,
  );
  await refused(
    "rollouts",
    [...base, "--base-url", "http://127.0.0.1:9/v1", "--resume"],
    /--resume needs/,
  );
  await refused("rollouts", [
    ...base,
    "--base-url",
    "http://127.0.0.1:9/v1",
    "--api-key-env",
    "NO_SUCH_KEY_VAR",
  ], /NO_SUCH_KEY_VAR is unset/);
  await refused("rollouts", [
    ...base,
    "--base-url",
    "http://127.0.0.1:9/v1",
    "--outdir",
    "/tmp/elsewhere",
  ], /runs\/ only|may only write under runs/);
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
