// The KL sweep's words, tables and files: what `deno task kl` prints and writes.
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { COMPLETION_STYLES } from "../../lib/learn/kl.ts";
import { klSweep } from "../../lib/learn/kl_sweep.ts";
import { klActionTable, klNotes, klStory } from "../../lib/present/kl_story.ts";
import { klChart, klMarkdown, klSummary, klTradeoffRows } from "../../lib/present/kl_summary.ts";

const POINTS = klSweep(COMPLETION_STYLES, [0, 0.1, 10]);

Deno.test("klStory() announces three phases and prints one row per beta", () => {
  const lines = klStory(COMPLETION_STYLES, POINTS).join("\n");
  for (const phase of ["phase 1:", "phase 2:", "phase 3:"]) assertStringIncludes(lines, phase);
  assertStringIncludes(lines, "     0   0.7671   2.5765  n/a (beta = 0)");
  assertStringIncludes(lines, "    10   0.5640   0.0000");
});

Deno.test("klActionTable() lists every style with its reward and reference probability", () => {
  const table = klActionTable(COMPLETION_STYLES);
  assertEquals(table.split("\n").length, 1 + COMPLETION_STYLES.length);
  assertStringIncludes(table, "  7  hedge: 3+ numbers          0.767   0.076");
});

Deno.test("klNotes() explains the collapse at beta = 0", () => {
  assertStringIncludes(klNotes(POINTS, COMPLETION_STYLES).join(" "), "collapses");
});

Deno.test("klSummary() records each point with the ascent agreement and the collapse", () => {
  const s = klSummary(COMPLETION_STYLES, POINTS);
  assertEquals(s.points.map((p) => p.collapsed), [true, false, false]);
  assertEquals(s.points[0].ascent, null);
  assert(s.points[1].ascent !== null && s.points[1].ascent.max_abs_diff < 1e-6);
});

Deno.test("klMarkdown() has one table row per beta with 4-decimal rewards and KL", () => {
  const md = klMarkdown(COMPLETION_STYLES, POINTS);
  assertStringIncludes(md, "| 0.1 | 0.6450 | 0.4668 |");
  assertEquals(md.split("\n").filter((l) => /^\| [\d.]+ \|/.test(l)).length, 3);
});

Deno.test("klTradeoffRows() gives exact numbers, KL falling as beta grows", () => {
  const rows = klTradeoffRows(POINTS);
  assertEquals(rows.map((r) => r[0]), [0, 0.1, 10]);
  assert(rows[0][2] > rows[1][2] && rows[1][2] > rows[2][2]);
});

Deno.test("klChart() plots one point per beta of the frontier", () => {
  const spec = klChart(COMPLETION_STYLES, POINTS);
  assertEquals(JSON.stringify(spec).includes("KL"), true);
});
