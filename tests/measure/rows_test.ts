/**
 * The rows of the input files: the compact id index, the one keyed-row reader eval, select and
 * the exercises share, the sampling settings beside a rollout file, and the ordered-ids hash.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { InputError } from "../../lib/core/errors.ts";
import { IdIndex } from "../../lib/measure/id_index.ts";
import { loadDataset } from "../../lib/measure/dataset.ts";
import { forEachKeyedRow } from "../../lib/measure/keyed_rows.ts";
import { loadSamplingSettings, metaPathFor } from "../../lib/measure/sampling.ts";
import { OrderedIdsHash, resultsIdsFingerprint } from "../../lib/measure/measurement_manifest.ts";
import { sha256Text } from "../../lib/core/hash.ts";

Deno.test("IdIndex finds every one of 200,000 ids across its blocks and refuses duplicates", () => {
  const index = new IdIndex();
  const ids = Array.from(
    { length: 200_000 },
    (_, i) => `id-${(i * 7919) % 200_000}-${i % 3 ? "é" : ""}`,
  );
  ids.forEach((id, i) => assertEquals(index.add(id), i));
  assertEquals(index.add(ids[123_456]), -1);
  for (const i of [0, 65_535, 65_536, 131_071, 199_999]) {
    assertEquals([index.indexOf(ids[i]), index.idAt(i), index.is(i, ids[i]), index.is(i, "nope")], [
      i,
      ids[i],
      true,
      false,
    ]);
  }
  assertEquals(index.indexOf("id-absent"), -1);
});

Deno.test("loadDataset() keeps the id-set fingerprint equal to the SHA-256 of the sorted ids, in any file order", async () => {
  const dir = await Deno.makeTempDir();
  for (const order of [["a", "b", "c"], ["c", "a", "b"]]) {
    await Deno.writeTextFile(
      `${dir}/d.jsonl`,
      order.map((id) => JSON.stringify({ id, prompt: "p", expected_answer: 1 })).join("\n"),
    );
    const ds = await loadDataset(`${dir}/d.jsonl`);
    assertEquals(ds.idsFingerprint, sha256Text("a\nb\nc"), order.join(""));
    assertEquals([ds.idAt(0), ds.expectedAt(0), ds.lineOf(2)], [order[0], 1, 3]);
  }
  await Deno.remove(dir, { recursive: true });
});

async function keyed(lines: string[]): Promise<{ seen: string[]; missing: number } | string> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/d.jsonl`,
      ["a", "b", "c"].map((id) => JSON.stringify({ id, prompt: "p", expected_answer: 1 })).join(
        "\n",
      ),
    );
    await Deno.writeTextFile(`${dir}/r.jsonl`, lines.join("\n"));
    const ds = await loadDataset(`${dir}/d.jsonl`);
    const seen: string[] = [];
    const r = await forEachKeyedRow(`${dir}/r.jsonl`, ds, (row) => seen.push(row.id as string));
    return { seen, missing: r.missing };
  } catch (e) {
    assert(e instanceof InputError);
    return e.message.replaceAll(`${dir}/`, "");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("forEachKeyedRow() reads rows in file order, in or out of the dataset's order", async () => {
  assertEquals(await keyed(['{"id":"c"}', '{"id":"a"}']), { seen: ["c", "a"], missing: 1 });
});

Deno.test("forEachKeyedRow() refuses an unknown id, never skipping it", async () => {
  assertEquals(
    await keyed(['{"id":"a"}', '{"id":"zz"}']),
    'r.jsonl:2: id "zz" is not in the dataset d.jsonl',
  );
});

Deno.test("forEachKeyedRow() refuses a duplicate id, naming its first line", async () => {
  assertEquals(
    await keyed(['{"id":"a"}', '{"id":"b"}', '{"id":"a"}']),
    'r.jsonl:3: duplicate id "a" (first at line 1)',
  );
});

Deno.test("forEachKeyedRow() refuses an empty file and a row without a string id", async () => {
  assertEquals(await keyed([]), "r.jsonl: file is empty");
  assertEquals(
    await keyed(['{"id":5}']),
    "r.jsonl:1: field 'id' must be a non-empty string, got a number",
  );
});

Deno.test("loadSamplingSettings() reads a flat .meta.json and returns null without one", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/x.jsonl`, '{"id":"a","completion":"Final: 1"}\n');
  assertEquals(metaPathFor(`${dir}/x.jsonl`), `${dir}/x.meta.json`);
  assertEquals(await loadSamplingSettings(`${dir}/x.jsonl`), null);
  await Deno.writeTextFile(`${dir}/x.meta.json`, '{"policy":"p","temperature":1,"seed":null}');
  assertEquals(await loadSamplingSettings(`${dir}/x.jsonl`), {
    policy: "p",
    temperature: 1,
    seed: null,
  });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("OrderedIdsHash equals the SHA-256 of the ids joined by LF, across its batches", () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => `q${i}`);
  const h = new OrderedIdsHash();
  ids.forEach((id) => h.add(id));
  assertEquals(h.digest(), resultsIdsFingerprint(ids));
});

Deno.test("fastDatasetRow() and fastCompletionRow() give exactly JSON.parse's record, or leave the line to it (property-based)", async () => {
  const fc = (await import("npm:fast-check@4.10.2")).default;
  const { binaryString } = await import("../arbitraries.ts");
  const { fastDatasetRow } = await import("../../lib/measure/dataset.ts");
  const { fastCompletionRow } = await import("../../lib/measure/rows.ts");
  const text = fc.oneof(
    binaryString(20),
    fc.constantFrom("q1", 'a"b', "a\\b", "tab\t", "\u2028", "é", ""),
  );
  const num = fc.oneof(fc.integer(), fc.constantFrom(0, -0, 1e15, 9007199254740993, 1.5, -7));
  const space = fc.constantFrom("", " ", "  ", "\t");
  let fast = 0;
  fc.assert(
    fc.property(text, text, num, space, fc.boolean(), (id, s, n, sp, cr) => {
      const end = cr ? "\r" : "";
      const lines = [
        `{"id":${sp}${JSON.stringify(id)},${sp}"prompt":${sp}${
          JSON.stringify(s)
        },${sp}"expected_answer":${sp}${JSON.stringify(n)}}${end}`,
        `{"id":${sp}${JSON.stringify(id)},${sp}"completion":${sp}${JSON.stringify(s)}}${end}`,
      ];
      for (
        const [line, parse] of [[lines[0], fastDatasetRow], [lines[1], fastCompletionRow]] as const
      ) {
        const got = parse(line);
        if (got === undefined) continue;
        fast++;
        const want = JSON.parse(line);
        if (
          JSON.stringify(got) !== JSON.stringify(want) ||
          !Object.is(got.expected_answer, want.expected_answer)
        ) return false;
      }
      return true;
    }),
    { numRuns: 3000 },
  );
  assert(fast > 1000, `the fast path was taken only ${fast} times`);
});
