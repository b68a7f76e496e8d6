/**
 * Eval on inputs that hang or mislead, and in environments that fail, one test per case: each is
 * an InputError naming the file (exit 2 from the task, one line), and nothing is left under runs/.
 * Most run in process; the task is spawned only where its exit code, its permissions or a killed
 * environment is what is tested.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { InputError } from "../../lib/core/errors.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { dataPath, PROJECT_ROOT } from "../../lib/core/paths.ts";
import { runTask, scratch, taskCommand } from "../cli.ts";
import { exitTwoLine, refusalOf } from "../refusal.ts";
import { parseCommand } from "../../lib/cli/_framework/command.ts";
import { EVAL } from "../../lib/cli/eval.ts";
import { prepareCommandRun } from "../../lib/cli/_framework/run_target.ts";

const DS = dataPath("datasets/math_dev.jsonl");
const CO = dataPath("rollouts/frozen_rollouts_dev.jsonl");

/** Runs an eval into `<dir>/runs/r`; returns the InputError's message, asserting nothing is left. */
async function refused(dir: string, dataset: string, completions: string): Promise<string> {
  await Deno.mkdir(`${dir}/runs`, { recursive: true });
  let message = "";
  try {
    await runEval({ dataset, completions, outdir: `${dir}/runs/r`, force: false, args: [] });
  } catch (e) {
    assert(e instanceof InputError, `not an InputError: ${e}`);
    message = e.message;
  }
  assert(message !== "", "accepted");
  assertEquals([...Deno.readDirSync(`${dir}/runs`)], [], "nothing is left under runs/");
  return message;
}

async function inDir(body: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "eval_inputs_" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const mkfifo = (path: string) => new Deno.Command("mkfifo", { args: [path] }).output();

Deno.test("runEval() refuses an empty completions file, as select does", async () => {
  await inDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/c.jsonl`, "");
    assertEquals(await refused(dir, DS, `${dir}/c.jsonl`), `${dir}/c.jsonl: file is empty`);
  });
});

Deno.test("runEval() refuses a completions file of whitespace only", async () => {
  await inDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/c.jsonl`, "\n  \n\t\r\n");
    assertEquals(await refused(dir, DS, `${dir}/c.jsonl`), `${dir}/c.jsonl: file has no records`);
  });
});

Deno.test("runEval() does not skip a completions line holding only a no-break space", async () => {
  await inDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/c.jsonl`,
      '{"id":"dev-0001","completion":"Final: 1"}\n\u00a0\n',
    );
    assertStringIncludes(
      await refused(dir, DS, `${dir}/c.jsonl`),
      `${dir}/c.jsonl:2: malformed JSON`,
    );
  });
});

Deno.test("runEval() reports an expected_answer of 9007199254740993 as the file writes it", async () => {
  await inDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/d.jsonl`,
      '{"id":"a","prompt":"p","expected_answer":9007199254740993}\n',
    );
    assertEquals(
      await refused(dir, `${dir}/d.jsonl`, CO),
      `${dir}/d.jsonl:1: expected_answer 9007199254740993 is beyond the safe-integer range; ` +
        "give it as a canonical integer string",
    );
  });
});

Deno.test("runEval() refuses a .meta.json that is not a flat map of settings, naming it", async () => {
  await inDir(async (dir) => {
    await Deno.copyFile(CO, `${dir}/c.jsonl`);
    await Deno.writeTextFile(
      `${dir}/c.meta.json`,
      JSON.stringify({ policy: "p", sampling: { deep: { x: 1 } } }),
    );
    assertEquals(
      await refused(dir, DS, `${dir}/c.jsonl`),
      `${dir}/c.meta.json: must be a flat map of settings: "sampling" holds an object`,
    );
    await Deno.writeTextFile(`${dir}/c.meta.json`, JSON.stringify({ stop: ["\n"] }));
    assertStringIncludes(await refused(dir, DS, `${dir}/c.jsonl`), '"stop" holds an array');
  });
});

Deno.test("runEval() refuses a .meta.json that is huge or a FIFO, at once", async () => {
  await inDir(async (dir) => {
    await Deno.copyFile(CO, `${dir}/c.jsonl`);
    await Deno.writeTextFile(`${dir}/c.meta.json`, `{"a":"${"x".repeat(70_000)}"}`);
    assertStringIncludes(
      await refused(dir, DS, `${dir}/c.jsonl`),
      "c.meta.json: is larger than 65,536 bytes",
    );
    await Deno.remove(`${dir}/c.meta.json`);
    await mkfifo(`${dir}/c.meta.json`);
    assertStringIncludes(await refused(dir, DS, `${dir}/c.jsonl`), "c.meta.json: is a FIFO");
  });
});

Deno.test("runEval() refuses a FIFO, a device or a folder as input at once", async () => {
  await inDir(async (dir) => {
    await mkfifo(`${dir}/fifo`);
    assertStringIncludes(
      await refused(dir, `${dir}/fifo`, CO),
      "fifo: is a FIFO (named pipe), not a regular file",
    );
    assertStringIncludes(await refused(dir, DS, `${dir}/fifo`), "fifo: is a FIFO");
    assertStringIncludes(await refused(dir, DS, "/dev/zero"), "/dev/zero: is a character device");
    assertStringIncludes(await refused(dir, dir, CO), "is a folder, not a regular file");
  });
});

Deno.test("runEval() reports invalid UTF-8 in the completions at its line", async () => {
  await inDir(async (dir) => {
    const text = (await Deno.readTextFile(CO)).split("\n");
    const bytes = new TextEncoder().encode(text.slice(0, 6).join("\n") + "\n");
    await Deno.writeFile(
      `${dir}/c.jsonl`,
      new Uint8Array([...bytes, 0x7b, 0xc3, 0x28, 0x7d, 0x0a]),
    );
    assertEquals(await refused(dir, DS, `${dir}/c.jsonl`), `${dir}/c.jsonl:7: is not valid UTF-8`);
  });
});

// --- the task, end to end: exit 2, one line, nothing written ----------------------------------------

function oneLine(r: { code: number; stderr: string }, words: string): void {
  assertEquals(r.code, 2, r.stderr);
  const lines = r.stderr.trim().split("\n");
  assertEquals(lines.length, 1, r.stderr);
  assertStringIncludes(lines[0], words);
}

const evalArgs = (outdir: string) => ["--dataset", DS, "--completions", CO, "--outdir", outdir];

Deno.test("deno task eval with a FIFO as --dataset exits 2 at once", async () => {
  const dir = await scratch("eval_inputs_");
  await mkfifo(`${dir}/fifo`);
  const r = await runTask("eval", [
    "--dataset",
    `${dir}/fifo`,
    "--completions",
    CO,
    "--outdir",
    "runs/f",
  ], { cwd: dir, hangsAfterMs: 30_000 }); // reading the FIFO would block: killed, and it fails
  oneLine(r, "fifo: is a FIFO (named pipe), not a regular file");
  assertEquals([...Deno.readDirSync(`${dir}/runs`)], []);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("eval into a symbolic link under runs/ exits 2 and writes nothing outside", async () => {
  const dir = await scratch("eval_inputs_");
  await Deno.mkdir(`${dir}/outside`);
  await Deno.symlink(`${dir}/outside`, `${dir}/runs/evil`);
  const f = { outdir: `${dir}/runs/evil/new`, force: false };
  assertStringIncludes(
    await exitTwoLine(prepareCommandRun(EVAL, f, "eval", { argv: [] })),
    `${dir}/runs/evil: is a symbolic link`,
  );
  assertEquals([...Deno.readDirSync(`${dir}/outside`)], []);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("eval exits 2 when --outdir is empty or runs is a file", async () => {
  const dir = await scratch("eval_inputs_");
  assertStringIncludes(refusalOf(() => parseCommand(EVAL, evalArgs(""))), "--outdir");
  await Deno.remove(`${dir}/runs`);
  await Deno.writeTextFile(`${dir}/runs`, "");
  const f = { outdir: `${dir}/runs/x`, force: false };
  assertStringIncludes(
    await exitTwoLine(prepareCommandRun(EVAL, f, "eval", { argv: [] })),
    "is a file, not a folder",
  );
  assertEquals(await Deno.readTextFile(`${dir}/runs`), "");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task eval exits 2 with one line when runs is a file (its default run folder)", async () => {
  const dir = await scratch("eval_inputs_");
  await Deno.remove(`${dir}/runs`);
  await Deno.writeTextFile(`${dir}/runs`, "");
  oneLine(
    await runTask("eval", ["--dataset", DS, "--completions", CO], { cwd: dir }),
    "runs: is not a folder",
  );
  assertEquals(await Deno.readTextFile(`${dir}/runs`), "");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task eval exits 2 with one line when it may not write runs/", async () => {
  const dir = await scratch("eval_inputs_");
  const { flags, script } = taskCommand("eval");
  const narrowed = flags.map((
    f,
  ) => (f.startsWith("--allow-write") ? "--allow-write=elsewhere" : f));
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", `--config=${PROJECT_ROOT}/deno.json`, ...narrowed, script, ...evalArgs("runs/x")],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
  }).output();
  oneLine(
    { code: out.code, stderr: new TextDecoder().decode(out.stderr) },
    "may not be written by this task",
  );
  assertEquals([...Deno.readDirSync(`${dir}/runs`)], []);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task eval on a full disk (a 64 KiB file-size limit) exits 2 with one line, leaving nothing", async () => {
  const dir = await scratch("eval_inputs_");
  const { flags, script } = taskCommand("eval");
  const big = `${dir}/c.jsonl`, ds = `${dir}/d.jsonl`;
  const n = 3000;
  await Deno.writeTextFile(
    ds,
    Array.from(
      { length: n },
      (_, i) => JSON.stringify({ id: `q${i}`, prompt: "p", expected_answer: i }),
    ).join("\n") + "\n",
  );
  await Deno.writeTextFile(
    big,
    Array.from(
      { length: n },
      (_, i) => JSON.stringify({ id: `q${i}`, completion: `Final: ${i} ${"x".repeat(40)}` }),
    ).join("\n") +
      "\n",
  );
  const deno = [
    Deno.execPath(),
    "run",
    `--config=${PROJECT_ROOT}/deno.json`,
    ...flags,
    script,
    "--dataset",
    ds,
    "--completions",
    big,
    "--outdir",
    "runs/full",
  ];
  // SIGXFSZ ignored, so a write past the limit fails with EFBIG as a full disk fails with ENOSPC.
  const out = await new Deno.Command("bash", {
    args: ["-c", `trap '' XFSZ; ulimit -f 64; exec "$@"`, "bash", ...deno],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
  }).output();
  oneLine(
    { code: out.code, stderr: new TextDecoder().decode(out.stderr) },
    "runs/full/results.jsonl: cannot be written: File too large",
  );
  assertEquals([...Deno.readDirSync(`${dir}/runs`)], [], "no temp folder, no lock, no run");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("two deno task eval racing for one --outdir: one wins, the other exits 2 'already exists'", async () => {
  const dir = await scratch("eval_inputs_");
  const [a, b] = await Promise.all([
    runTask("eval", evalArgs("runs/same"), { cwd: dir }),
    runTask("eval", evalArgs("runs/same"), { cwd: dir }),
  ]);
  assertEquals([a.code, b.code].sort(), [0, 2], a.stderr + b.stderr);
  const loser = a.code === 2 ? a : b;
  oneLine(loser, "runs/same");
  assert(/already (holds a run|exists)/.test(loser.stderr), loser.stderr);
  assertEquals([...Deno.readDirSync(`${dir}/runs`)].map((e) => e.name), ["same"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("runEval() checks where the run goes before any work: a link in --outdir is named first", async () => {
  await inDir(async (dir) => {
    await Deno.mkdir(`${dir}/runs`);
    await Deno.mkdir(`${dir}/outside`);
    await Deno.symlink(`${dir}/outside`, `${dir}/runs/evil`);
    let message = "";
    try {
      // the dataset does not even exist: the outdir is refused before it is looked at
      await runEval({
        dataset: `${dir}/nope.jsonl`,
        completions: CO,
        outdir: `${dir}/runs/evil/x`,
        force: false,
        args: [],
      });
    } catch (e) {
      message = (e as Error).message;
    }
    assertEquals(
      message,
      `${dir}/runs/evil: is a symbolic link; every folder on the way to a run must be a real folder, so nothing is written outside runs/`,
    );
  });
});
