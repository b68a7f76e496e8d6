/**
 * `deno task notebooks`: executes every milestone notebook headless through Jupyter and checks it.
 * `deno task notebooks:strip`: rewrites the committed notebooks without outputs.
 * @module
 */
import { readNotebook, serializeNotebook } from "../course/ipynb.ts";
import {
  committedProblems,
  executeNotebook,
  executionProblems,
  KERNEL_NAME,
  listNotebooks,
  nbconvertVersion,
  notebookName,
  stripOutputs,
} from "../course/execute.ts";
import { runsPath } from "../core/paths.ts";
import { UsageError } from "../core/errors.ts";
import { intFlag, parseFlags, runCli } from "./common.ts";

const USAGE = `usage: deno task notebooks [--only NAME]... [--timeout 60] [--budget 30]
       deno task notebooks:strip

Executes notebooks/*.ipynb with \`jupyter nbconvert --execute\` on the repo's Deno kernelspec
(notebooks/.kernel, kernel "${KERNEL_NAME}") into runs/notebooks/ (executed .ipynb and .html),
then checks each: no cell raised, every code cell ran and has output (unless marked
"// no-output"), and execution took at most --budget seconds.

  --only NAME     execute only this notebook (e.g. M0_orientation); repeatable (default: all)
  --timeout S     per-cell timeout in seconds (default 60)
  --budget S      fail a notebook whose execution takes longer (default 30)
  --strip         rewrite notebooks/*.ipynb without outputs and execution counts, then exit

Exit 0 when every notebook passes, 1 when one fails, 2 when Jupyter is missing or a flag is bad.`;

const INSTALL = `jupyter nbconvert was not found. Install it:
  Debian/Ubuntu:  sudo apt-get install -y jupyter-nbconvert python3-nbclient
  elsewhere:      python3 -m pip install nbconvert nbclient
(The Deno kernel needs no installation for this command: it uses notebooks/.kernel.)`;

async function strip(paths: string[]): Promise<number> {
  for (const path of paths) {
    const nb = await readNotebook(path);
    const n = committedProblems(nb).length;
    if (n === 0) {
      console.log(`strip: ${notebookName(path)} already clean`);
      continue;
    }
    try {
      await Deno.writeTextFile(path, serializeNotebook(stripOutputs(nb)));
    } catch (e) {
      if (e instanceof Deno.errors.NotCapable) {
        throw new UsageError("--strip writes notebooks/: run it as `deno task notebooks:strip`");
      }
      throw e;
    }
    console.log(`strip: ${notebookName(path)} cleared (${n} problem${n === 1 ? "" : "s"} fixed)`);
  }
  return 0;
}

await runCli(USAGE, async () => {
  const { values } = parseFlags(Deno.args, {
    only: { type: "string", multiple: true },
    timeout: { type: "string" },
    budget: { type: "string" },
    strip: { type: "boolean" },
  });
  const timeout = intFlag(values, "timeout", 60, 1);
  const budget = intFlag(values, "budget", 30, 1);
  const all = await listNotebooks();
  const only = (values.only as string[] | undefined ?? []).map((n) => n.replace(/\.ipynb$/, ""));
  for (const name of only) {
    if (!all.some((p) => notebookName(p) === name)) {
      throw new UsageError(
        `--only ${name}: no such notebook (have: ${all.map(notebookName).join(", ")})`,
      );
    }
  }
  const paths = only.length === 0 ? all : all.filter((p) => only.includes(notebookName(p)));
  if (values.strip) return await strip(paths);

  const version = await nbconvertVersion();
  if (version === null) {
    console.error(`error: ${INSTALL}`);
    return 2;
  }
  const outDir = runsPath("notebooks");
  console.log(
    `notebooks: ${paths.length} to execute with nbconvert ${version}, kernel ${KERNEL_NAME}, ` +
      `per-cell timeout ${timeout} s, budget ${budget} s each → runs/notebooks/`,
  );
  const width = Math.max(...paths.map((p) => notebookName(p).length));
  let failed = 0;
  for (const path of paths) {
    const name = notebookName(path);
    const result = await executeNotebook({ path, outDir, timeout });
    const problems: string[] = [];
    if (result.failure !== null) problems.push(result.failure);
    if (result.executed !== null) {
      problems.push(
        ...executionProblems(await readNotebook(result.executed)).map((p) => p.message),
      );
    }
    if (result.seconds > budget) {
      problems.push(`execution took ${result.seconds.toFixed(1)} s, over the ${budget} s budget`);
    }
    const verdict = problems.length === 0 ? "ok  " : "FAIL";
    console.log(`${name.padEnd(width)}  ${result.seconds.toFixed(1).padStart(5)} s  ${verdict}`);
    for (const p of problems) console.log(`    ${p.replaceAll("\n", "\n    ")}`);
    if (problems.length > 0) failed++;
  }
  console.log(
    `notebooks: ${paths.length - failed} passed, ${failed} failed` +
      (failed === 0 ? "" : " (executed copies with the errors are in runs/notebooks/)"),
  );
  return failed === 0 ? 0 : 1;
});
