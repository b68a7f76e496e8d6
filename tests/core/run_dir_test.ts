/**
 * Runs stay inside runs/, one test per property: no symbolic link on the way, nothing outside the
 * runs folder, `--force` never follows a link, a replace killed at any step leaves the old or the
 * new run (or a state the next command restores), temp folders of dead writers are cleaned and
 * those of live ones are not, racing writers, no empty parents, and a runs folder that is a file.
 * Most tests run in process; the kill tests spawn a writer and SIGKILL it between two steps.
 */
import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { InputError } from "../../lib/core/errors.ts";
import { refusal } from "../refusal.ts";
import { cleanRuns, openRun, uniqueRunPath } from "../../lib/core/run_dir.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { cleanStory } from "../../lib/present/clean_story.ts";

/** A scratch folder holding `runs/` and a folder `outside/` with a precious file. */
async function scratch(): Promise<{ dir: string; runs: string; outside: string }> {
  const dir = await Deno.makeTempDir({ prefix: "run_dir_test_" });
  await Deno.mkdir(`${dir}/runs`);
  await Deno.mkdir(`${dir}/outside/sub`, { recursive: true });
  await Deno.writeTextFile(`${dir}/outside/sub/precious.txt`, "keep");
  return { dir, runs: `${dir}/runs`, outside: `${dir}/outside` };
}

const names = (path: string) => [...Deno.readDirSync(path)].map((e) => e.name).sort();

async function writeRun(path: string, root: string, text: string, force = false): Promise<string> {
  const run = await openRun(path, { force, root });
  await run.writeText("run.txt", text);
  return run.commit();
}

Deno.test("openRun() commits a complete run and leaves no temp folder or lock beside it", async () => {
  const s = await scratch();
  await writeRun(`${s.runs}/a/b`, s.runs, "one");
  assertEquals(names(s.runs), ["a"]);
  assertEquals(await Deno.readTextFile(`${s.runs}/a/b/run.txt`), "one");
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("openRun() refuses a symbolic link on the way and writes nothing outside", async () => {
  const s = await scratch();
  await Deno.symlink(s.outside, `${s.runs}/evil`);
  const why = await refusal(openRun(`${s.runs}/evil/new`, { force: false, root: s.runs }));
  assertStringIncludes(why, `${s.runs}/evil: is a symbolic link`);
  assertEquals(names(s.outside), ["sub"]);
  assertEquals(names(s.runs), ["evil"]);
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("openRun() with --force never follows a link at the run's own path", async () => {
  const s = await scratch();
  await Deno.symlink(`${s.outside}/sub`, `${s.runs}/evil`);
  const why = await refusal(openRun(`${s.runs}/evil`, { force: true, root: s.runs }));
  assertStringIncludes(why, "is a symbolic link; a run is never written through a link");
  assertEquals(await Deno.readTextFile(`${s.outside}/sub/precious.txt`), "keep");
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("openRun() refuses a runs folder that is itself a symbolic link", async () => {
  const s = await scratch();
  await Deno.remove(s.runs);
  await Deno.symlink(s.outside, s.runs);
  const why = await refusal(openRun(`${s.runs}/x`, { force: false, root: s.runs }));
  assertStringIncludes(why, "is a symbolic link; the runs folder must be a real folder");
  assertEquals(names(s.outside), ["sub"]);
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("openRun() refuses a runs folder that is a file, and uniqueRunPath() does not loop", async () => {
  const s = await scratch();
  await Deno.remove(s.runs);
  await Deno.writeTextFile(s.runs, "");
  assertStringIncludes(
    await refusal(openRun(`${s.runs}/x`, { force: false, root: s.runs })),
    "is a file, not a folder",
  );
  assertStringIncludes(await refusal(uniqueRunPath(s.runs, "kl")), "is not a folder");
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("openRun() refuses a path that leaves runs/ by '..' and an empty path", async () => {
  const s = await scratch();
  const why = await refusal(openRun(`${s.runs}/../outside/x`, { force: false, root: s.runs }));
  assertStringIncludes(why, "is not inside");
  assertStringIncludes(
    await refusal(openRun("", { force: false })),
    "the run folder name is empty",
  );
  assertEquals(names(s.outside), ["sub"]);
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("openRun() refuses a folder of the project outside runs/", async () => {
  const why = await refusal(openRun(`${PROJECT_ROOT}/lib/evil_run`, { force: false }));
  assertStringIncludes(why, "is outside runs/");
});

Deno.test("openRun() refuses a file where the run or a folder on its way should be", async () => {
  const s = await scratch();
  await Deno.writeTextFile(`${s.runs}/f`, "x");
  assertStringIncludes(
    await refusal(openRun(`${s.runs}/f`, { force: true, root: s.runs })),
    "f: is a file, not a run folder",
  );
  assertStringIncludes(
    await refusal(openRun(`${s.runs}/f/x`, { force: true, root: s.runs })),
    "not a folder",
  );
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("openRun() refuses an existing run without force and replaces it with force", async () => {
  const s = await scratch();
  await writeRun(`${s.runs}/r`, s.runs, "old");
  assertStringIncludes(
    await refusal(openRun(`${s.runs}/r`, { force: false, root: s.runs })),
    "already holds a run",
  );
  await writeRun(`${s.runs}/r`, s.runs, "new", true);
  assertEquals([names(s.runs), await Deno.readTextFile(`${s.runs}/r/run.txt`)], [["r"], "new"]);
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("two writers racing for one name: one wins, the other is told it already exists", async () => {
  const s = await scratch();
  const [a, b] = await Promise.all([
    openRun(`${s.runs}/same`, { force: false, root: s.runs }),
    openRun(`${s.runs}/same`, { force: false, root: s.runs }),
  ]);
  await a.writeText("run.txt", "a");
  await b.writeText("run.txt", "b");
  const results = await Promise.allSettled([a.commit(), b.commit()]);
  assertEquals(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
  const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
  assert(lost.reason instanceof InputError);
  assertStringIncludes(lost.reason.message, "already exists");
  assertEquals(names(s.runs), ["same"]);
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("a failed run leaves no temp folder and no empty parent folder behind", async () => {
  const s = await scratch();
  const run = await openRun(`${s.runs}/deep/er/run`, { force: false, root: s.runs });
  await run.writeText("run.txt", "x");
  await run.abort();
  assertEquals(names(s.runs), []);
  await Deno.writeTextFile(`${s.runs}/taken`, "a file in the way");
  const late = await openRun(`${s.runs}/deep/taken2/run`, { force: false, root: s.runs });
  await Deno.mkdir(`${s.runs}/deep`);
  await Deno.writeTextFile(`${s.runs}/deep/taken2`, "a file created meanwhile");
  await refusal(late.commit());
  assertEquals(names(s.runs), ["deep", "taken"]);
  assertEquals(names(`${s.runs}/deep`), ["taken2"]);
  await Deno.remove(s.dir, { recursive: true });
});

// --- dead writers -----------------------------------------------------------------------------

const FIXTURE = new URL("./fixtures/killed_run.ts", import.meta.url).pathname;

/** Runs the fixture writer until it kills itself at `step` (or until it is ready, for `wait`). */
async function killedAt(
  runs: string,
  name: string,
  step: string,
): Promise<Deno.ChildProcess | null> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "-A", FIXTURE, runs, name, step],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (step === "wait") {
    const reader = child.stdout.getReader();
    await reader.read(); // "ready"
    reader.releaseLock();
    return child;
  }
  const status = await child.output();
  assertEquals(status.signal, "SIGKILL", new TextDecoder().decode(status.stderr));
  return null;
}

const leftovers = (runs: string) => names(runs).filter((n) => n.startsWith(".tmp-"));

Deno.test("the next openRun() cleans the temp folder of a writer killed while writing", async () => {
  const s = await scratch();
  await killedAt(s.runs, "r", "writing");
  assert(leftovers(s.runs).length === 2, names(s.runs).join(" ")); // folder and lock
  await writeRun(`${s.runs}/other`, s.runs, "x");
  assertEquals(names(s.runs), ["other"]);
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("a temp folder of a live writer is never touched; once it dies, clean removes it", async () => {
  const s = await scratch();
  const child = (await killedAt(s.runs, "r", "wait"))!;
  assertEquals(await cleanRuns(s.runs), []);
  await writeRun(`${s.runs}/other`, s.runs, "x");
  assertEquals(leftovers(s.runs).length, 2);
  child.kill("SIGKILL");
  await child.status;
  await child.stdout.cancel().catch(() => {});
  await child.stderr.cancel().catch(() => {});
  const done = await cleanRuns(s.runs);
  assertEquals(done.map((r) => [r.action, r.target]), [["removed", "r"]]);
  assertEquals(names(s.runs), ["other"]);
  await Deno.remove(s.dir, { recursive: true });
});

for (
  const [step, holds] of [
    ["writing", "old"],
    ["after-rename-1", "old"],
    ["after-rename-2", "new"],
    ["after-remove-old", "new"],
  ] as const
) {
  Deno.test(`a --force replace killed ${step} leaves the ${holds} run once the next command runs`, async () => {
    const s = await scratch();
    await writeRun(`${s.runs}/r`, s.runs, "old run\n");
    await killedAt(s.runs, "r", step);
    const now = await Deno.readDir(`${s.runs}/r`)[Symbol.asyncIterator]().next().then(
      () => "present",
      () => "absent",
    );
    // Between the two renames the name is empty for an instant: the next command restores it.
    assertEquals(now, step === "after-rename-1" ? "absent" : "present");
    const done = await cleanRuns(s.runs);
    assertEquals(done.length, 1);
    const file = holds === "old" ? "run.txt" : "new.txt";
    assertEquals(
      await Deno.readTextFile(`${s.runs}/r/${file}`),
      holds === "old" ? "old run\n" : "new run\n",
    );
    assertEquals(names(s.runs), ["r"]);
    await Deno.remove(s.dir, { recursive: true });
  });
}

Deno.test("cleanRuns() never deletes outside the runs folder, even when a lock names a path outside", async () => {
  const s = await scratch();
  await Deno.writeTextFile(
    `${s.runs}/.tmp-1-0123456789ab.lock`,
    JSON.stringify({ pid: 1, target: "../outside/sub", created: ["../outside"] }),
  );
  await Deno.mkdir(`${s.runs}/.tmp-1-0123456789ab.old`);
  await cleanRuns(s.runs);
  assertEquals(await Deno.readTextFile(`${s.outside}/sub/precious.txt`), "keep");
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("uniqueRunPath() picks the next free name and writes nothing", async () => {
  const s = await scratch();
  const at = new Date("2026-01-02T03:04:05Z");
  const first = await uniqueRunPath(s.runs, "eval", at);
  await Deno.mkdir(first);
  assertEquals(await uniqueRunPath(s.runs, "eval", at), join(s.runs, "eval_20260102T030405Z-2"));
  assertEquals(names(s.runs), ["eval_20260102T030405Z"]);
  await Deno.remove(s.dir, { recursive: true });
});

Deno.test("deno task clean removes a killed run's temp folder, lists it, and leaves runs/ clean", async () => {
  const { runTask, scratch: taskScratch } = await import("../cli.ts");
  const dir = await taskScratch("clean_test_");
  await killedAt(`${dir}/runs`, "killed", "writing");
  const r = await runTask("clean", [], { cwd: dir });
  assertEquals(r.code, 0, r.stderr);
  assertStringIncludes(r.stdout, "left by a dead writer of runs/killed");
  assertStringIncludes(r.stdout, "1 temp group(s) recovered");
  assertEquals(names(`${dir}/runs`), []);
  // Run again (in process, as the task's body does: lib/cli/clean.ts), nothing is left to clean.
  const again = cleanStory("runs", await cleanRuns(`${dir}/runs`));
  assertEquals(again, ["runs: nothing to clean (no temp folder of a dead run)"]);
  await Deno.remove(dir, { recursive: true });
});
