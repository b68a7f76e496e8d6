/**
 * How npm packages are pinned, so the first `deno task demo` on a fresh machine downloads only
 * what the tour imports (issue 14 §5).
 *
 * Deno 2.9's task runner caches every npm package of the config's `imports` and of its lock file
 * before it runs any task (cli/tools/task.rs: `cache_packages(PackageCaching::All)`), and
 * `deno run` with a lock file caches every package in it unless npm-lazy-caching is on. So the
 * config names no npm package and loads no lock file (`"lock": false`); the code imports each
 * package by its pinned specifier (`npm:vega@5.33.1`); every task runs with
 * `--lock=deno.lock --frozen` (the locked versions and integrity, checked) and the config's
 * `npm-lazy-caching` (only what the task's module graph imports is downloaded). Measured with a
 * fresh DENO_DIR: the tour went from 116 `Download` lines (116 MB) to none printed (1.1 MB: the
 * one package it imports).
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";

const config = JSON.parse(await Deno.readTextFile(`${PROJECT_ROOT}/deno.json`));
const lock = JSON.parse(await Deno.readTextFile(`${PROJECT_ROOT}/deno.lock`));

/** Every `.ts` file under a folder of the project, recursively. */
async function tsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(`${PROJECT_ROOT}/${dir}`)) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...await tsFiles(path));
    else if (e.name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** `npm:` specifiers in quotes (imports, dynamic imports, resolved package files). */
const SPECIFIER = /["'](npm:(?:@[^"'@/]+\/)?[^"'@/]+(?:@[^"'/]*)?)(?:\/[^"']*)?["']/g;

Deno.test("deno.json names no npm package and loads no lock file, so deno task fetches nothing up front", () => {
  const mapped = Object.values(config.imports ?? {}).filter((v) => String(v).startsWith("npm:"));
  assertEquals(mapped, []);
  assertEquals(config.lock, false);
  assert(config.unstable?.includes("npm-lazy-caching"), "only what a task imports is fetched");
  // Pinned specifiers in the code are the point, so the lint rule against them is off.
  assert(config.lint?.rules?.exclude?.includes("no-import-prefix"));
});

Deno.test("every task runs deno with the pinned lock file, frozen", () => {
  for (const [name, command] of Object.entries(config.tasks as Record<string, string>)) {
    for (const m of command.matchAll(/deno (run|test|bench|check) ([^&]*)/g)) {
      assert(m[2].startsWith("--lock=deno.lock --frozen "), `task ${name}: ${m[0]}`);
    }
  }
});

Deno.test("every npm specifier in lib/ and tests/ is pinned to the version deno.lock records", async () => {
  const versions = new Map<string, Set<string>>();
  for (const dir of ["lib", "tests", "notebooks/solutions"]) {
    for (const file of await tsFiles(dir)) {
      const text = await Deno.readTextFile(`${PROJECT_ROOT}/${file}`);
      for (const [, spec] of text.matchAll(SPECIFIER)) {
        const m = /^npm:((?:@[^@/]+\/)?[^@/]+)@(\d+\.\d+\.\d+)$/.exec(spec);
        if (m === null) {
          assert(dir !== "lib", `${file}: ${spec} is not pinned to an exact version`);
          continue; // a test's fixture text
        }
        const locked = String(lock.specifiers[spec]).split("_")[0]; // "5.23.0_vega@5.33.1": a peer
        assertEquals(locked, m[2], `${file}: ${spec} is not in deno.lock`);
        versions.set(m[1], (versions.get(m[1]) ?? new Set()).add(m[2]));
      }
    }
  }
  for (const [name, vs] of versions) assertEquals(vs.size, 1, `${name}: ${[...vs].join(", ")}`);
  assert(versions.has("vega") && versions.has("fast-check"), "the scan finds the imports");
});

Deno.test("the tour's module graph imports one npm package, csv-stringify", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", `${PROJECT_ROOT}/lib/cli/demo.ts`],
    cwd: PROJECT_ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout));
  assertEquals(Object.keys(info.npmPackages), ["csv-stringify@6.9.0"]);
});
