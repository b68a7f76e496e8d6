// M6's tables name library calls: every one must exist, so the table cannot rot.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { OPTIMISATION_METHODS, RL_POLICY_LOOP, RLVR_LOOP } from "../../lib/learn/rlvr_loop.ts";

Deno.test("RLVR_LOOP: every call it names is exported by the module it names", async () => {
  for (const line of RLVR_LOOP) {
    const mod = await import(new URL(`../../${line.module}`, import.meta.url).href);
    assert(line.call in mod, `${line.module} does not export ${line.call}`);
  }
});

Deno.test("RL_POLICY_LOOP: every call it names is exported by the module it names, once", async () => {
  for (const line of RL_POLICY_LOOP) {
    const mod = await import(new URL(`../../${line.module}`, import.meta.url).href);
    assert(line.call in mod, `${line.module} does not export ${line.call}`);
  }
  assertEquals(new Set(RL_POLICY_LOOP.map((l) => l.call)).size, RL_POLICY_LOOP.length);
});

Deno.test("RLVR_LOOP: it starts with the data, ends with the gate, and spans loops A, B and C", () => {
  assertEquals(RLVR_LOOP[0].call, "loadDataset");
  assertEquals(RLVR_LOOP[RLVR_LOOP.length - 1].call, "gate");
  assertEquals(new Set(RLVR_LOOP.map((l) => l.loop)), new Set(["A", "B", "C", "gate"]));
});

Deno.test("OPTIMISATION_METHODS: selection, RFT and RL, each with changes, compute and the gate", () => {
  assertEquals(OPTIMISATION_METHODS.length, 3);
  for (const m of OPTIMISATION_METHODS) {
    assert(m.changes !== "" && m.compute !== "" && m.gate !== "");
  }
});
