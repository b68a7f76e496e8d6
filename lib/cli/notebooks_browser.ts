/**
 * `deno task notebooks:browser`: opens every executed notebook's HTML export in headless
 * Chromium and checks that each chart draws something, no cell shows an error trace, and each
 * cell shows as many charts as its notebook holds (lib/course/tools/browser_check.ts).
 * @module
 */
import { InputError } from "../core/errors.ts";
import { runsPath } from "../core/paths.ts";
import { checkPages, exportsIn, pageLines } from "../course/tools/browser_check.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

export const NOTEBOOKS_BROWSER = {
  name: "deno task notebooks:browser",
  summary:
    `Opens each runs/notebooks/*.html (the exports \`deno task notebooks\` writes, beside their
executed .ipynb) in headless Chromium, offline: fails on a blank chart (almost nothing drawn in its
box), an error trace on the page, or a cell whose chart count differs from its notebook's.`,
  flags: {
    dir: flag.str("DIR", "the exports' folder (default runs/notebooks)"),
    chromium: flag.str("PATH", "the browser", { default: "/usr/bin/chromium" }),
  },
  epilogue: "Exit 0 when every page passes, 1 with the problems, 2 when there is nothing to open.",
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(NOTEBOOKS_BROWSER, async (flags) => {
    const pages = await exportsIn(flags.dir ?? runsPath("notebooks"));
    if (pages.length === 0) {
      throw new InputError(
        flags.dir ?? "runs/notebooks",
        null,
        "holds no .html export (run deno task notebooks first)",
      );
    }
    await Deno.stat(flags.chromium).catch(() => {
      throw new InputError(
        flags.chromium,
        null,
        "no such browser (Debian: apt-get install chromium)",
      );
    });
    console.log(`notebooks:browser: ${pages.length} pages in ${flags.chromium}`);
    const reports = await checkPages(pages, { chromium: flags.chromium, scratch: runsPath() });
    for (const r of reports) for (const line of pageLines(r)) console.log(line);
    const failed = reports.filter((r) => r.problems.length > 0).length;
    console.log(`notebooks:browser: ${reports.length - failed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
  });
}
