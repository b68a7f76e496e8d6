/** Every command answers `--help` the same way: its usage on stdout, exit 0, nothing written. */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { runTask, scratch } from "../cli.ts";

const tasks = Object.entries(
  JSON.parse(await Deno.readTextFile(`${PROJECT_ROOT}/deno.json`)).tasks as Record<string, string>,
).filter(([, line]) => /^deno run .* lib\/cli\/\w+\.ts/.test(line)).map(([name]) => name);

Deno.test("every deno run task is covered by the --help test", () => {
  assert(tasks.length >= 15, tasks.join(", "));
});

for (const task of tasks) {
  Deno.test(`deno task ${task} --help prints its usage and exits 0`, async () => {
    const dir = await scratch();
    try {
      const r = await runTask(task, ["--help"], { cwd: dir });
      assertEquals(r.code, 0, r.stderr);
      assert(/usage/i.test(r.stdout.split("\n")[0]), r.stdout);
      assertEquals([...Deno.readDirSync(`${dir}/runs`)].length, 0);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
