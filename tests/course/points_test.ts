/**
 * The points table beside the solutions (lib/course/tools/points.ts,
 * notebooks/solutions/points.json): every item of every committed notebook has its own weight
 * (the test lists those that fall back to the default), and a malformed table is refused.
 */
import { assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { loadPoints, parsePoints, weightOf } from "../../lib/course/tools/points.ts";
import { courseNotebooks } from "../../lib/course/tools/submissions.ts";
import { expectedItems } from "../../lib/course/tools/review_items.ts";
import { refusalOf } from "../refusal.ts";

Deno.test("points.json gives every exercise, prediction and check of every notebook its own weight", async () => {
  const table = await loadPoints(`${PROJECT_ROOT}/notebooks/solutions/points.json`);
  const unweighted: string[] = [];
  for (const [name, nb] of await courseNotebooks()) {
    for (const { name: item, kind } of expectedItems(nb)) {
      if (table.notebooks[name]?.[item] === undefined) {
        unweighted.push(`${name} ${item} (${kind}: default ${weightOf(table, name, item, kind)})`);
      }
    }
  }
  assertEquals(unweighted, [], "add these to notebooks/solutions/points.json");
});

Deno.test("parsePoints(): an item the table does not name takes its kind's default", () => {
  const t = parsePoints('{"notebooks": {"M1": {"x": 4}}}', "p.json");
  assertEquals([
    weightOf(t, "M1", "x", "exercise"),
    weightOf(t, "M1", "y", "exercise"),
    weightOf(t, "M2", "z", "check"),
  ], [4, 2, 0]);
});

Deno.test("parsePoints() refuses a table that is not JSON, a negative weight or an unknown kind", () => {
  assertStringIncludes(refusalOf(() => parsePoints("{", "p.json")), "p.json: is not JSON");
  assertStringIncludes(
    refusalOf(() => parsePoints('{"notebooks": {"M1": {"x": -1}}}', "p.json")),
    "notebooks.M1.x",
  );
  assertStringIncludes(
    refusalOf(() => parsePoints('{"default": {"quiz": 1}}', "p.json")),
    "default.quiz",
  );
});

Deno.test("loadPoints() without a table uses the built-in defaults and says so", async () => {
  const t = await loadPoints(`${await Deno.makeTempDir()}/points.json`);
  assertEquals(t.default, { exercise: 2, prediction: 1, check: 0, drawing: 1, written: 1 });
  assertStringIncludes(t.source, "built-in defaults");
});
