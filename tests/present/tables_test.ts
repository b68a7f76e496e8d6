// The notebooks' table rows: fixed keys, fixed precision.
import { assertEquals } from "../../lib/core/testing.ts";
import { train } from "../../lib/learn/bandit.ts";
import { COMPLETION_STYLES } from "../../lib/learn/kl.ts";
import { klSweep } from "../../lib/learn/kl_sweep.ts";
import { trainMdp } from "../../lib/learn/mdp.ts";
import { banditStepRows, klSweepRows, mdpSummaryRow } from "../../lib/present/tables.ts";

Deno.test("banditStepRows() shows one row per action, the taken one marked, signs explicit", () => {
  const rec = train({ steps: 3, seed: 0, lr: 0.5, baseline: false }).log[2];
  const rows = banditStepRows(rec);
  assertEquals(rows.map((r) => r.taken), ["", "", "←", ""]);
  assertEquals(rows[2]["gradient A·(1[a=i]−π_i)"], "+0.750");
  assertEquals(rows[0]["π before"], "0.250");
});

Deno.test("klSweepRows() marks the beta = 0 collapse as having no ascent", () => {
  const rows = klSweepRows(klSweep(COMPLETION_STYLES, [0, 1]), COMPLETION_STYLES);
  assertEquals(rows.map((r) => r["ascent steps"] === "—"), [true, false]);
  assertEquals(rows[0]["most likely"], "hedge: 3+ numbers 1.000");
});

Deno.test("mdpSummaryRow() gives the final policy with 3 decimals", () => {
  const row = mdpSummaryRow(
    "credit",
    trainMdp({ episodes: 300, seed: 0, lr: 0.5, creditStep1: true }),
  );
  assertEquals(row, {
    run: "credit",
    "p1(R)": "0.997",
    "p2(L | R)": "0.998",
    "p(path R→L)": "0.995",
    "success rate": "0.940",
  });
});
