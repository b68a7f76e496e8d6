/**
 * The scorer's fingerprint covers every module whose change could change a reward: every file
 * `scorer.ts` imports, directly or not, is in SCORER_SOURCES, and an edit of any of them moves
 * the fingerprint.
 */
import { dirname, join, relative, resolve } from "node:path";
import { assert, assertEquals, assertNotEquals } from "../../lib/core/testing.ts";
import { SCORER_SOURCES, scorerFingerprint } from "../../lib/instrument/fingerprint.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { sha256Text } from "../../lib/core/hash.ts";
import { SPEC_V1 } from "../../lib/instrument/spec.ts";

const INSTRUMENT = join(PROJECT_ROOT, "lib/instrument");

/** Static import and re-export specifiers of a TypeScript file (comments and doc examples aside). */
function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const out: string[] = [];
  for (const m of code.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"/gm)) {
    out.push(m[1]);
  }
  for (const m of code.matchAll(/^\s*import\s*"([^"]+)"/gm)) out.push(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) out.push(m[1]);
  return out;
}

/** Every file reachable from `entry` by imports, as paths relative to lib/instrument/. */
function importClosure(entry: string): { files: Set<string>; external: string[] } {
  const files = new Set<string>(), external: string[] = [];
  const visit = (abs: string) => {
    const rel = relative(INSTRUMENT, abs);
    const key = rel.startsWith(".") ? rel : `./${rel}`;
    if (files.has(key)) return;
    files.add(key);
    for (const spec of specifiers(Deno.readTextFileSync(abs))) {
      if (spec.startsWith("./") || spec.startsWith("../")) visit(join(dirname(abs), spec));
      else external.push(spec);
    }
  };
  visit(entry);
  return { files, external };
}

/** The files of `closure` that `list` leaves out. */
function missing(closure: Set<string>, list: readonly string[]): string[] {
  return [...closure].filter((f) => !list.includes(f)).sort();
}

Deno.test("SCORER_SOURCES lists every file scorer.ts imports, transitively", () => {
  const { files } = importClosure(join(INSTRUMENT, "scorer.ts"));
  assertEquals(missing(files, SCORER_SOURCES), []);
  assertEquals([...SCORER_SOURCES].sort(), [...files].sort(), "no stale entries either");
});

Deno.test("the import walk would catch a file left out of SCORER_SOURCES", () => {
  const { files } = importClosure(join(INSTRUMENT, "scorer.ts"));
  const without = SCORER_SOURCES.filter((f) => f !== "./chars.ts");
  assertEquals(missing(files, without), ["./chars.ts"]);
});

Deno.test("the scorer imports no package or built-in the fingerprint cannot read", () => {
  const { external } = importClosure(join(INSTRUMENT, "scorer.ts"));
  // node:crypto is the hash the fingerprint is computed with, not part of scoring.
  assertEquals(external.filter((s) => s !== "node:crypto"), []);
});

Deno.test("scorerFingerprint() is SHA-256 over spec v1 and every listed source, in order", () => {
  const texts = SCORER_SOURCES.map((rel) => Deno.readTextFileSync(join(INSTRUMENT, rel)));
  assertEquals(scorerFingerprint(), sha256Text([JSON.stringify(SPEC_V1), ...texts].join("\u0000")));
});

Deno.test("an edit of any listed source, even a comment, moves the fingerprint", () => {
  const texts = SCORER_SOURCES.map((rel) => Deno.readTextFileSync(join(INSTRUMENT, rel)));
  const fp = (t: string[]) => sha256Text([JSON.stringify(SPEC_V1), ...t].join("\u0000"));
  for (let i = 0; i < texts.length; i++) {
    const edited = texts.map((t, j) => (j === i ? t + "\n// touched\n" : t));
    assertNotEquals(fp(edited), fp(texts), SCORER_SOURCES[i]);
  }
});

Deno.test("every listed source exists under lib/", () => {
  for (const rel of SCORER_SOURCES) {
    assert(Deno.statSync(join(INSTRUMENT, rel)).isFile, rel);
    assert(resolve(INSTRUMENT, rel).startsWith(`${PROJECT_ROOT}/lib/`));
  }
});
