// The journal: what is appended survives a reopen, a line cut short by a kill is dropped, a pair
// is kept once, a run with other settings is refused, and two runs never share a journal.
import { rejects } from "node:assert/strict";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { InputError } from "../../lib/core/errors.ts";
import { Journal, JournalMismatch, pairKey } from "../../lib/rollouts/journal.ts";

const SETTINGS = { model: "m", temperature: 1, n: 2 };
const entry = (id: string, sample: number) => ({
  id,
  sample,
  completion: `c${id}${sample}`,
  response: { attempts: 1 },
});

async function scratchJournal(): Promise<string> {
  return `${await Deno.makeTempDir()}/.partial-run`;
}

Deno.test("Journal keeps appended samples and the mode across a reopen, each pair once", async () => {
  const dir = await scratchJournal();
  const j = await Journal.open(dir, SETTINGS, 0);
  await j.setMode("n");
  await j.append([entry("a", 0), entry("a", 1)]);
  await j.append([entry("a", 1), entry("b", 0)]);
  await j.close();
  const k = await Journal.open(dir, SETTINGS, 0);
  assertEquals([k.mode, k.entries.size], ["n", 3]);
  assertEquals(k.entries.get(pairKey("a", 1))?.completion, "ca1");
  await k.discard();
  await rejects(Deno.stat(dir), Deno.errors.NotFound);
});

Deno.test("Journal drops a last line cut short by a kill, and cuts it off the file", async () => {
  const dir = await scratchJournal();
  const j = await Journal.open(dir, SETTINGS, 0);
  await j.append([entry("a", 0)]);
  await j.close();
  await Deno.writeTextFile(`${dir}/journal.jsonl`, '{"id":"b","sample":0,"compl', { append: true });
  const k = await Journal.open(dir, SETTINGS, 0);
  assertEquals([...k.entries.keys()], [pairKey("a", 0)]);
  await k.append([entry("b", 0)]);
  await k.close();
  const lines = (await Deno.readTextFile(`${dir}/journal.jsonl`)).split("\n");
  assertEquals(lines.length, 4); // header, a, b, ""
  assert(lines.slice(0, 3).every((l) => JSON.parse(l)));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Journal refuses to resume a run made with other settings, naming the first difference", async () => {
  const dir = await scratchJournal();
  await (await Journal.open(dir, SETTINGS, 0)).close();
  await rejects(Journal.open(dir, { ...SETTINGS, temperature: 0.7 }, 0), (e: Error) => {
    return e instanceof JournalMismatch && /temperature: 1 then, 0.7 now/.test(e.message);
  });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Journal refuses a second writer while the first holds it, and frees it on close", async () => {
  const dir = await scratchJournal();
  const j = await Journal.open(dir, SETTINGS, 0);
  await rejects(Journal.open(dir, SETTINGS, 150), (e: Error) => {
    return e instanceof InputError && /another rollouts run is writing/.test(e.message);
  });
  await j.close();
  await (await Journal.open(dir, SETTINGS, 0)).discard();
});

Deno.test("Journal reports a corrupted middle line with its line number", async () => {
  const dir = await scratchJournal();
  const j = await Journal.open(dir, SETTINGS, 0);
  await j.close();
  await Deno.writeTextFile(`${dir}/journal.jsonl`, "garbage\n{}\n", { append: true });
  await rejects(
    Journal.open(dir, SETTINGS, 0),
    (e: Error) => /journal.jsonl:2: malformed/.test(e.message),
  );
  await Deno.remove(dir, { recursive: true });
});
