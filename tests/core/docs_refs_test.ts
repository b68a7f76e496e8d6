/**
 * The docs stand on their own: README.md, MEASUREMENT_RULES.md and notebooks/*.md cite nothing
 * outside the repository (no `../shared/…`: a user has only the repository), and every file of
 * the repository they name in backquotes (`lib/…`, `tests/…`, `data/…`, `notebooks/…`) exists.
 */
import { join } from "node:path";
import { assertEquals } from "../../lib/core/testing.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";

const DOCS = [
  "README.md",
  "MEASUREMENT_RULES.md",
  ...[...Deno.readDirSync(join(PROJECT_ROOT, "notebooks"))]
    .filter((e) => e.isFile && e.name.endsWith(".md"))
    .map((e) => `notebooks/${e.name}`),
];

Deno.test("the docs cite no file outside the repository", async () => {
  const outside: string[] = [];
  for (const f of DOCS) {
    const text = await Deno.readTextFile(join(PROJECT_ROOT, f));
    text.split("\n").forEach((l, i) => {
      if (/\.\.\/shared|\/work\//.test(l)) outside.push(`${f}:${i + 1}: ${l.trim().slice(0, 100)}`);
    });
  }
  assertEquals(outside, []);
});

Deno.test("every repository file the docs name exists", async () => {
  const missing: string[] = [];
  for (const f of DOCS) {
    const text = await Deno.readTextFile(join(PROJECT_ROOT, f));
    for (
      const m of text.matchAll(
        /`((?:lib|tests|data|notebooks)\/[\w./-]+\.(?:ts|md|jsonl|json|ipynb|j2))`/g,
      )
    ) {
      const path = join(PROJECT_ROOT, m[1]);
      if (!await Deno.stat(path).then(() => true, () => false)) missing.push(`${f}: ${m[1]}`);
    }
  }
  assertEquals(missing, []);
});
