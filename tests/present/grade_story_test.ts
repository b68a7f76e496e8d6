/**
 * The words of `deno task grade` (lib/present/grade_story.ts, grade_feedback.ts): the class
 * summary counts per item and names the slowest notebook and the trouble; the feedback says what
 * passed, failed (in the check's words) and was not attempted, each prediction's text, and each
 * forgery and sandbox finding.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  classSummary,
  type GradedItem,
  type GradedNotebook,
} from "../../lib/present/grade_story.ts";
import { feedbackMarkdown } from "../../lib/present/grade_feedback.ts";

const item = (over: Partial<GradedItem>): GradedItem => ({
  item: "kl-optimal-policy",
  kind: "exercise",
  verdict: "passed",
  points: 2,
  max: 2,
  reason: "matches the closed form",
  prediction: null,
  findings: [],
  forged: false,
  ...over,
});
const notebook = (
  student: string,
  items: GradedItem[],
  over: Partial<GradedNotebook> = {},
): GradedNotebook => ({
  student,
  notebook: "M3_kl_objective",
  file: `${student}/M3_kl_objective.ipynb`,
  status: "graded",
  detail: "",
  seconds: 1,
  items,
  findings: [],
  ...over,
});

const ada = notebook("ada", [
  item({}),
  item({
    item: "predict-beta",
    kind: "prediction",
    max: 1,
    points: 1,
    prediction: "all on the hack",
  }),
]);
const bob = notebook("bob", [
  item({
    verdict: "failed",
    points: 0,
    reason: "π sums to 1.7",
    forged: true,
    findings: ["cell 25 (await show(…): output does not match re-execution"],
  }),
  item({
    item: "predict-beta",
    kind: "prediction",
    verdict: "not attempted",
    points: 0,
    max: 1,
    reason: "write your prediction",
  }),
], { seconds: 9 });
const eve = notebook("eve", [
  item({ verdict: "sandbox violation", points: 0, reason: "refused: read /etc/passwd" }),
], {
  status: "sandbox violation",
  detail: "refused: read /etc/passwd",
});

Deno.test("classSummary(): counts per item, points per student, the slowest notebook, the trouble", () => {
  const text = classSummary([ada, bob, eve], { seconds: 12, jobs: 2 }).join("\n").replace(
    / +/g,
    " ",
  );
  assertStringIncludes(
    text,
    "grade: 3 notebooks of 3 students re-executed in 12.0 s (2 sandboxes at a time, 15.0 notebooks per minute)",
  );
  assertStringIncludes(text, "kl-optimal-policy exercise 1 1 0 0 1 1"); // passed failed attempted n/a not-run forged
  assertStringIncludes(text, "predict-beta prediction 1 0 0 1 0 0");
  assertStringIncludes(text, "ada 3 / 3");
  assertStringIncludes(text, "slowest notebook: bob/M3_kl_objective (9.0 s)");
  assertStringIncludes(text, "sandbox violation: eve/M3_kl_objective: refused: read /etc/passwd");
  assert(text.endsWith("1 notebooks could not be graded"));
});

Deno.test("feedbackMarkdown(): failed in the check's words, forged said, the prediction's text, the trouble", () => {
  const b = feedbackMarkdown(bob);
  assertStringIncludes(b, "0 / 3 points");
  assertStringIncludes(
    b,
    "## Failed\n\n- **kl-optimal-policy** (exercise, 0 / 2): FAILED: π sums to 1.7\n  - **forged**",
  );
  assertStringIncludes(b, "output does not match re-execution");
  assertStringIncludes(
    b,
    "## Not attempted\n\n- **predict-beta** (prediction, 0 / 1): NOT ATTEMPTED",
  );
  assertStringIncludes(feedbackMarkdown(ada), 'passed, your prediction: "all on the hack"');
  const e = feedbackMarkdown(eve);
  assertStringIncludes(e, "**sandbox violation**: refused: read /etc/passwd");
  assertEquals(e.includes("## Not graded"), true);
});
