/** JSONL streaming, run directories and visible text: the plumbing every command stands on. */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { forEachJsonl, JsonlWriter } from "../../lib/core/jsonl.ts";
import { openRun, uniqueRunPath } from "../../lib/core/run_dir.ts";
import { InputError } from "../../lib/core/errors.ts";
import { visible } from "../../lib/core/visible.ts";
import { wilson } from "../../lib/core/stats.ts";

async function expectInputError(p: Promise<unknown>, part: string) {
  try {
    await p;
  } catch (e) {
    assert(e instanceof InputError, String(e));
    assertStringIncludes(e.message, part);
    return;
  }
  throw new Error("expected an InputError");
}

Deno.test("forEachJsonl() names path:line of malformed JSON", async () => {
  const p = await Deno.makeTempFile();
  await Deno.writeTextFile(p, '{"a":1}\n{"a":\n');
  await expectInputError(forEachJsonl(p, () => {}), `${p}:2: malformed JSON`);
});

Deno.test("forEachJsonl() reports a missing file, an empty file and a folder", async () => {
  const dir = await Deno.makeTempDir();
  await expectInputError(forEachJsonl(`${dir}/none.jsonl`, () => {}), "no such file");
  await Deno.writeTextFile(`${dir}/e.jsonl`, "");
  await expectInputError(forEachJsonl(`${dir}/e.jsonl`, () => {}), "file is empty");
  await expectInputError(forEachJsonl(dir, () => {}), "is a folder");
});

Deno.test("forEachJsonl() rejects bytes that are not UTF-8", async () => {
  const p = await Deno.makeTempFile();
  await Deno.writeFile(p, new Uint8Array([0x7b, 0x7d, 0x0a, 0xff, 0x0a]));
  await expectInputError(forEachJsonl(p, () => {}), "not valid UTF-8");
});

Deno.test("forEachJsonl() handles CRLF, a missing final newline and lines across chunk boundaries", async () => {
  const p = await Deno.makeTempFile();
  const big = "x".repeat(70_000); // longer than one 64 KiB chunk
  await Deno.writeTextFile(p, `{"a":1}\r\n{"b":"${big}"}\n{"c":3}`);
  const seen: unknown[] = [];
  const info = await forEachJsonl(p, (v) => seen.push(v));
  assertEquals(info.rows, 3);
  assertEquals((seen[1] as { b: string }).b.length, 70_000);
  assertEquals(seen[2], { c: 3 });
});

Deno.test("JsonlWriter writes records in order across many flushes", async () => {
  const p = await Deno.makeTempFile();
  const w = await JsonlWriter.create(p);
  for (let i = 0; i < 20_000; i++) w.write({ i, pad: "y".repeat(20) });
  await w.close();
  const lines = (await Deno.readTextFile(p)).trimEnd().split("\n");
  assertEquals(lines.length, 20_000);
  assert(lines.every((l, i) => JSON.parse(l).i === i));
});

Deno.test("openRun() shows nothing under the run's name until commit(), and abort() leaves nothing", async () => {
  const root = await Deno.makeTempDir();
  const run = await openRun(`${root}/r`, { force: false });
  await run.writeText("a.txt", "x");
  assertEquals([...Deno.readDirSync(root)].map((e) => e.name).includes("r"), false);
  await run.abort();
  assertEquals([...Deno.readDirSync(root)].length, 0);
});

Deno.test("openRun() refuses a non-empty folder unless forced, then replaces it whole", async () => {
  const root = await Deno.makeTempDir();
  await Deno.mkdir(`${root}/r`);
  await Deno.writeTextFile(`${root}/r/old.txt`, "old");
  await expectInputError(openRun(`${root}/r`, { force: false }), "already holds a run");
  const run = await openRun(`${root}/r`, { force: true });
  await run.writeText("new.txt", "new");
  await run.commit();
  assertEquals([...Deno.readDirSync(`${root}/r`)].map((e) => e.name), ["new.txt"]);
});

Deno.test("uniqueRunPath() never returns a taken name", async () => {
  const root = await Deno.makeTempDir();
  const now = new Date("2026-01-02T03:04:05Z");
  const a = await uniqueRunPath(root, "eval", now);
  await Deno.mkdir(a);
  await Deno.writeTextFile(`${a}/x`, "");
  const b = await uniqueRunPath(root, "eval", now);
  assertEquals([a.endsWith("eval_20260102T030405Z"), b.endsWith("eval_20260102T030405Z-2")], [
    true,
    true,
  ]);
});

Deno.test("visible() tells 'Final:  22' from 'Final: 22\\u00a0' and escapes hidden characters", () => {
  assertEquals(visible("Final:  22"), "Final:␣␣22");
  assertEquals(visible("Final: 22\u00a0"), "Final:␣22\\u{00A0}");
  assertEquals(visible("a\tb\r\nc\u200b"), "a\\tb\\r\\nc\\u{200B}");
  assertEquals(visible("abcdef", { max: 3 }), "abc… (+3 more)");
});

Deno.test("wilson() matches known values and stays inside [0, 1] at the edges", () => {
  const [lo, hi] = wilson(0, 10);
  assertEquals(lo, 0);
  assert(Math.abs(hi - 0.2775) < 1e-4);
  const [lo2, hi2] = wilson(10, 10);
  assert(Math.abs(lo2 - 0.7225) < 1e-4 && Math.abs(hi2 - 1) < 1e-12);
});
