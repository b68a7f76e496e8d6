/**
 * Every command answers `--help` the same way: its usage on stdout, exit 0, nothing written.
 * Every task's CLI declares a {@link Command} and runs it through `runCommand`, which prints the
 * usage generated from the table before anything else happens; a few tasks are run for real to
 * prove the path end to end (including the network launcher of `rollouts`).
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { type Command, usageOf } from "../../lib/cli/_framework/command.ts";
import { runTask, scratch } from "../cli.ts";

const tasks = Object.entries(
  JSON.parse(await Deno.readTextFile(`${PROJECT_ROOT}/deno.json`)).tasks as Record<string, string>,
).flatMap(([name, line]) => {
  const m = /^deno run .* (lib\/cli\/\w+\.ts)/.exec(line);
  return m ? [{ name, script: m[1] }] : [];
});

const isCommand = (v: unknown): v is Command =>
  typeof v === "object" && v !== null && typeof (v as Command).name === "string" &&
  typeof (v as Command).flags === "object";

Deno.test("every deno run task is covered by the --help test", () => {
  assert(tasks.length >= 25, tasks.map((t) => t.name).join(", "));
});

for (const { name, script } of tasks.filter((t) => !t.script.endsWith("net_launch.ts"))) {
  Deno.test(`deno task ${name}: its CLI declares a command table and runs it`, async () => {
    const mod = await import(`${PROJECT_ROOT}/${script}`);
    const commands = Object.values(mod).filter(isCommand);
    assert(commands.length >= 1, `${script} exports no Command`);
    for (const cmd of commands) assert(/^usage: deno task /.test(usageOf(cmd)), usageOf(cmd));
    assertStringIncludes(await Deno.readTextFile(`${PROJECT_ROOT}/${script}`), "runCommand(");
  });
}

// End to end for two: a plain task, and one through the network launcher. The others print the
// same usage (`runCommand` prints `usageOf(table)` on --help before anything else; the test above
// checks each table's usage).
for (const task of ["eval", "rollouts"]) {
  Deno.test(`deno task ${task} --help prints its usage and exits 0, writing nothing`, async () => {
    const dir = await scratch();
    try {
      const r = await runTask(task, ["--help"], { cwd: dir });
      assertEquals(r.code, 0, r.stderr);
      assert(/^usage: deno task /.test(r.stdout.split("\n")[0]), r.stdout);
      assertEquals([...Deno.readDirSync(`${dir}/runs`)].length, 0);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

// The tasks no other test runs to an exit 2 (the others: eval_test, serve/cli_test, bandit_test,
// …): each refuses an unknown flag before any work, end to end, with one `error:` line and the
// usage, writing nothing. Their other rules run in process.
const UNTESTED_EXIT_2 = [
  "demo",
  "clean",
  "bandit:sweep",
  "testbed",
  "sft",
  "data",
  "notebooks",
  "notebooks:check",
  "notebooks:browser",
];

Deno.test("the tasks without another exit-2 test refuse an unknown flag: exit 2, usage, nothing written", async () => {
  const dir = await scratch();
  try {
    const results = await Promise.all(
      UNTESTED_EXIT_2.map((task) => runTask(task, ["--no-such-flag"], { cwd: dir })),
    );
    for (const [i, r] of results.entries()) {
      const task = UNTESTED_EXIT_2[i];
      assertEquals(r.code, 2, `${task}: ${r.stderr}`);
      assert(r.stderr.startsWith("error: "), `${task}: ${r.stderr}`);
      assertStringIncludes(r.stderr, "usage: deno task ");
    }
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["runs"]);
    assertEquals([...Deno.readDirSync(`${dir}/runs`)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
