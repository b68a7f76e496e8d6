/**
 * The sealed course data: pinned by SHA-256, re-made byte for byte by its generator, and shaped
 * as the course promises (sizes, negatives, zeros, large answers, a weak frozen policy).
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { generateAll, toJsonl } from "../../lib/datagen/datagen.ts";
import { makeProblems } from "../../lib/datagen/problems.ts";
import { readJsonl } from "../../lib/core/jsonl.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { parseSums, verifySeal } from "../../lib/core/seal.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { EARLY_POLICY, sampleCompletion } from "../../lib/datagen/sim_policy.ts";

type Row = { id: string; prompt: string; expected_answer: number | string };
const rows = async (rel: string) => (await readJsonl(dataPath(rel))).map((r) => r.value as Row);

Deno.test("data/SHA256SUMS seals every file under data/: no file changed, unlisted or missing", async () => {
  const problems = await verifySeal(dataPath(""));
  assertEquals(
    problems,
    [],
    `the seal is broken: ${
      JSON.stringify(problems)
    }. If the change is intended, re-pin with 'deno task data'.`,
  );
});

Deno.test("verifySeal() catches a changed byte", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/a.jsonl`, "{}\n");
  const digest = "0".repeat(64);
  await Deno.writeTextFile(`${dir}/SHA256SUMS`, `${digest}  a.jsonl\n`);
  assertEquals(await verifySeal(dir), [{ path: "a.jsonl", problem: "changed" }]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("parseSums() reads sha256sum's format", () => {
  assertEquals(parseSums("ab  x/y.jsonl\ncd *z\n").get("z"), "cd");
});

Deno.test("the generator re-makes every generated data file byte for byte", async () => {
  for (const [path, text] of generateAll()) {
    assertEquals(
      await Deno.readTextFile(dataPath(path)),
      text,
      `data/${path} differs from its generator`,
    );
  }
});

Deno.test("generated data files are pure ASCII JSONL (hidden characters appear as \\u escapes)", () => {
  for (const [path, text] of generateAll()) {
    assert(/^[\n\x20-\x7e]*$/.test(text), `data/${path} has a non-ASCII byte`);
  }
  assertEquals(toJsonl([{ c: "Final: 1\u00a0" }]), '{"c":"Final: 1\\u00a0"}\n');
});

Deno.test("datasets: at least 100 dev and 50 holdout problems with unique ids and the format instruction", async () => {
  const dev = await rows("datasets/math_dev.jsonl");
  const holdout = await rows("datasets/math_holdout.jsonl");
  assert(dev.length >= 100 && holdout.length >= 50);
  const ids = new Set([...dev, ...holdout].map((r) => r.id));
  assertEquals(ids.size, dev.length + holdout.length);
  for (const r of [...dev, ...holdout]) assert(r.prompt.endsWith("Final: <int>"), r.id);
});

Deno.test("datasets: some answers are negative, some zero, a few beyond 2^53 (as exact strings)", async () => {
  const dev = await rows("datasets/math_dev.jsonl");
  const answers = dev.map((r) => BigInt(r.expected_answer));
  assert(answers.filter((a) => a < 0n).length >= 5);
  assert(answers.filter((a) => a === 0n).length >= 2);
  const large = dev.filter((r) => typeof r.expected_answer === "string");
  assert(large.length >= 2 && large.every((r) => BigInt(r.expected_answer) > 2n ** 53n));
});

Deno.test("datasets: word problems and arithmetic both appear, and the answer is right", async () => {
  const dev = await rows("datasets/math_dev.jsonl");
  assert(
    dev.some((r) => r.prompt.startsWith("Compute")) && dev.some((r) => r.prompt.includes("apples")),
  );
  for (const r of dev.filter((r) => /^Compute (\d+)\*(\d+)\. /.test(r.prompt))) {
    const [, a, b] = /^Compute (\d+)\*(\d+)\./.exec(r.prompt)!;
    assertEquals(BigInt(a) * BigInt(b), BigInt(r.expected_answer), r.id);
  }
});

Deno.test("makeProblems() is seeded: the same seed gives the same problems, another seed others", () => {
  assertEquals(makeProblems("dev", 20, 5), makeProblems("dev", 20, 5));
  assert(JSON.stringify(makeProblems("dev", 20, 5)) !== JSON.stringify(makeProblems("dev", 20, 6)));
});

Deno.test("frozen rollouts: one per dev prompt, a pass rate well below half, realistic failures", async () => {
  const dev = new Map((await rows("datasets/math_dev.jsonl")).map((r) => [r.id, r]));
  const co = (await readJsonl(dataPath("rollouts/frozen_rollouts_dev.jsonl"))).map((r) =>
    r.value as { id: string; completion: string }
  );
  assertEquals(new Set(co.map((c) => c.id)), new Set(dev.keys()));
  const codes = co.map((c) => score(dev.get(c.id), c.completion).details.code);
  const passRate = codes.filter((c) => c === "ok").length / codes.length;
  assert(passRate > 0.15 && passRate < 0.45, `pass rate ${passRate}`);
  for (
    const code of [
      "wrong_answer",
      "not_single_line",
      "missing_prefix",
      "non_digit_characters",
      "extra_whitespace",
      "leading_zeros",
      "unicode_minus",
    ]
  ) {
    assert(codes.includes(code as never), `no ${code} in the frozen rollouts`);
  }
});

Deno.test("selection pack: 8 samples per prompt and sample 0 is exactly the frozen rollout", async () => {
  const frozen = new Map(
    (await readJsonl(dataPath("rollouts/frozen_rollouts_dev.jsonl"))).map((r) => {
      const v = r.value as { id: string; completion: string };
      return [v.id, v.completion];
    }),
  );
  const pack = (await readJsonl(dataPath("rollouts/selection_pack_dev.jsonl"))).map((r) =>
    r.value as { id: string; samples: string[] }
  );
  assertEquals(pack.length, frozen.size);
  for (const p of pack) {
    assertEquals(p.samples.length, 8);
    assertEquals(p.samples[0], frozen.get(p.id));
  }
  const meta = JSON.parse(
    await Deno.readTextFile(dataPath("rollouts/selection_pack_dev.meta.json")),
  );
  assertEquals([meta.policy, meta.seed, meta.synthetic], [
    EARLY_POLICY.name,
    EARLY_POLICY.seed,
    true,
  ]);
});

Deno.test("sampleCompletion() is deterministic per (policy, id, sample index)", () => {
  const ex = { id: "q", prompt: "Compute 2+2.", expected_answer: 4, difficulty: 0.5 };
  const a = Array.from({ length: 20 }, (_, i) => sampleCompletion(EARLY_POLICY, ex, i));
  const b = Array.from({ length: 20 }, (_, i) => sampleCompletion(EARLY_POLICY, ex, i));
  assertEquals(a, b);
  assert(new Set(a).size > 1, "different sample indices give different samples");
});
