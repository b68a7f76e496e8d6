/**
 * The one typed reader of a measurement manifest: the shape every eval and select writes passes;
 * anything huge, deeply nested, malformed, mistyped or of another kind is a problem in words,
 * never an exception.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { jsonDepth, parseManifest, readManifest } from "../../lib/core/manifest.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { dataPath } from "../../lib/core/paths.ts";

const dir = await Deno.makeTempDir({ prefix: "manifest_test_" });
const { runPath } = await runEval({
  dataset: dataPath("datasets/math_dev.jsonl"),
  completions: dataPath("rollouts/frozen_rollouts_dev.jsonl"),
  outdir: `${dir}/run`,
  force: false,
  args: [],
});
const TEXT = await Deno.readTextFile(`${runPath}/manifest.json`);
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
const problem = (value: unknown) => {
  const r = parseManifest(value);
  assert(!r.ok, "accepted");
  return r.problem;
};
const edited = (edit: (m: Record<string, unknown>) => void) => {
  const m = JSON.parse(TEXT);
  edit(m);
  return JSON.stringify(m);
};

Deno.test("parseManifest() accepts the manifest an eval writes, typed", async () => {
  const r = parseManifest(TEXT);
  assert(r.ok);
  assertEquals([r.manifest.kind, r.manifest.n_examples], ["eval", 120]);
  assertEquals(Object.keys(r.manifest.artifacts), ["results.jsonl", "summary.json", "summary.md"]);
  assertEquals((await readManifest(runPath)).ok, true);
});

Deno.test("parseManifest() names a kind it does not measure", () => {
  assertEquals(
    problem(edited((m) => (m.kind = "bandit"))),
    'kind "bandit" is not a measurement the gate compares (eval or select)',
  );
});

Deno.test("parseManifest() refuses a manifest nested deeper than 8 levels, without recursion", () => {
  const deep = '{"k":'.repeat(100_000) + "{}" + "}".repeat(100_000);
  assertEquals(jsonDepth(deep), 100_001);
  assertStringIncludes(
    problem(TEXT.replace('"sampling": {', `"sampling": {"deep": ${deep}, `)),
    "nests 100003 levels deep",
  );
});

Deno.test("parseManifest() refuses text larger than 1 MiB without parsing it", () => {
  assertStringIncludes(problem(" ".repeat(2 << 20)), "larger than 1048576 bytes");
});

Deno.test("parseManifest() refuses text that is not a JSON object", () => {
  assertStringIncludes(problem("{oops"), "it is not JSON");
  assertEquals(problem("[1,2]"), "it is not a JSON object");
});

for (
  const [what, edit, words] of [
    [
      "a fingerprint that is not a SHA-256",
      (m: Record<string, unknown>) => (m.dataset_fingerprint = "abc"),
      "'dataset_fingerprint' is not a SHA-256",
    ],
    [
      "a missing scorer name",
      (m: Record<string, unknown>) => delete m.scorer_name,
      "lacks a string field 'scorer_name'",
    ],
    [
      "a fractional n_examples",
      (m: Record<string, unknown>) => (m.n_examples = 1.5),
      "'n_examples' is not a count",
    ],
    [
      "selection N of 0",
      (m: Record<string, unknown>) => (m.selection_n = 0),
      "'selection_n' is not N >= 1",
    ],
    [
      "nested sampling settings",
      (m: Record<string, unknown>) => (m.sampling = { a: { b: 1 } }),
      "'sampling' is not null or a flat map",
    ],
    [
      "no record of the golden gate",
      (m: Record<string, unknown>) => delete m.golden_gate,
      "'golden_gate' does not record",
    ],
    [
      "no artifacts",
      (m: Record<string, unknown>) => delete m.artifacts,
      "'artifacts' is not a map",
    ],
    [
      "no digest of results.jsonl",
      (m: Record<string, unknown>) =>
        delete (m.artifacts as Record<string, unknown>)["results.jsonl"],
      "'artifacts' lacks 'results.jsonl'",
    ],
    [
      "inputs without completions",
      (m: Record<string, unknown>) => delete (m.inputs as Record<string, unknown>).completions,
      "'inputs' lacks 'completions'",
    ],
    [
      "args that are not strings",
      (m: Record<string, unknown>) => (m.args = [1]),
      "'args' is not a list of strings",
    ],
  ] as const
) {
  Deno.test(`parseManifest() names ${what}`, () => {
    assertStringIncludes(problem(edited(edit)), words);
  });
}

Deno.test("parseManifest() survives a hostile parsed value", () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  assertStringIncludes(problem(revoked.proxy), "cannot be inspected");
});

Deno.test("readManifest() says a run has no manifest.json, in words", async () => {
  const empty = await Deno.makeTempDir();
  const r = await readManifest(empty);
  assert(!r.ok);
  assertStringIncludes(r.problem, "there is no manifest.json");
  await Deno.remove(empty);
});
