/**
 * The words of `deno task rl:lessons`: for every recipe against the base, pass@k from k = 1 to
 * n with each gain's 95% interval (over the seeds, then per seed), what happens at the largest
 * k, the coverage each run lost and gained, the pass@1 gain as answer + format, and the gain by
 * template with each template's share.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gainText } from "./rl_lessons_story.ts";
 * assertEquals(gainText({ base: 0.3, trained: 0.55, gain: 0.25, lo: 0.2, hi: -0.0001 }), "+25.00 [+20.00, -0.01]");
 * ```
 * @module
 */
import type { Gain, SelectionVsLearningCI, TemplatePassRates } from "../learn/passk_lessons.ts";
import { f3, points, signed } from "./format.ts";

/** One recipe's lessons, as `deno task rl:lessons` computes them. */
export interface RecipeLessons {
  recipe: string;
  policies: string[];
  selection: SelectionVsLearningCI;
  coverage: {
    policy: string;
    lost: number;
    gained: number;
    lostByTemplate: Record<string, number>;
  }[];
  parts: { strict: Gain; answer: Gain; format: Gain };
  templates: ({ template: string; prompts: number; share: number } & Gain)[];
}

/** Everything `deno task rl:lessons` measures (its `lessons.json`). */
export interface LessonsSummary {
  n: number;
  prompts: number;
  /** Distinct facts (template and numbers): the clusters the intervals resample. */
  facts: number;
  base: string;
  /** Every policy's pass@1 and pass@n, over all prompts and by template. */
  policies: { name: string; templates: TemplatePassRates[] }[];
  recipes: RecipeLessons[];
}

/**
 * A gain in points with its interval, two decimals (so a bound just below 0 does not print as
 * `+0.0`): `+25.00 [+20.00, +30.00]`.
 */
export function gainText(g: Gain): string {
  const p = (x: number) => signed(100 * x, 2);
  return `${p(g.gain)} [${p(g.lo)}, ${p(g.hi)}]`;
}

const LARGE_K = {
  ahead: "the trained runs stay ahead",
  indistinguishable: "no difference the interval can resolve (no crossover, no lasting gain)",
  behind: "the base is ahead: a crossover",
} as const;

const byTemplate = (counts: Record<string, number>) => {
  const parts = Object.entries(counts).sort(([a], [b]) => a < b ? -1 : 1);
  return parts.length === 0 ? "" : ` (${parts.map(([t, n]) => `${t} ${n}`).join(", ")})`;
};

/** The lines of one recipe. */
export function recipeLines(s: LessonsSummary, r: RecipeLessons): string[] {
  const sel = r.selection;
  const last = sel.gains[sel.gains.length - 1];
  const lines = [
    `recipe ${r.recipe}: ${r.policies.join(", ")} (${r.policies.length} seeds) vs ${s.base}`,
    `  ${"k".padStart(4)}  ${"base".padStart(6)}  ${"RL".padStart(6)}  ${
      "gain, points [95% CI]".padEnd(27)
    }  per seed`,
    ...sel.gains.map((g, i) =>
      `  ${String(g.k).padStart(4)}  ${f3(g.base).padStart(6)}  ${f3(g.trained).padStart(6)}  ${
        gainText(g).padEnd(27)
      }  ${sel.seeds.map((x) => points(x.gains[i].gain)).join(" / ")}`
    ),
    `  at k = ${last.k}: ${LARGE_K[sel.largeK]}; ` +
    (sel.crossoverAt === null
      ? "the base is never ahead beyond the interval"
      : `the base is ahead beyond the interval from k = ${sel.crossoverAt}`) +
    ` (per seed: ${sel.seedCrossoverAt.map((k) => k ?? "never").join(" / ")})`,
    `  coverage (prompts the base solves at least once in ${s.n} and the run never, and the reverse): ` +
    r.coverage.map((c) => `lost ${c.lost}${byTemplate(c.lostByTemplate)} / gained ${c.gained}`)
      .join("; "),
    `  pass@1 in parts: strict ${gainText(r.parts.strict)} = answer-only ${
      gainText(r.parts.answer)
    } + format ${gainText(r.parts.format)}`,
    "  by template (pass@1 base → RL, gain [95% CI], share of the overall gain in points):",
    ...r.templates.map((t) =>
      `    ${t.template.padEnd(12)} ${String(t.prompts).padStart(4)} prompts  ${f3(t.base)} → ${
        f3(t.trained)
      }  ${gainText(t).padEnd(27)} share ${points(t.share)}`
    ),
  ];
  const zero = r.templates.filter((t) => t.template === "zero" || t.template === "eaten");
  if (zero.length > 0) {
    const share = zero.reduce((a, t) => a + t.share, 0);
    lines.push(
      `  answer-0 prompts (zero, eaten): ${points(share)} of the ${
        points(r.parts.strict.gain)
      } points`,
    );
  }
  return lines;
}

/** Every policy's pass@1 / pass@n, over all prompts and by template, one line per policy. */
export function policyLines(s: LessonsSummary): string[] {
  const head = s.policies[0]?.templates ?? [];
  const width = Math.max(4, ...s.policies.map((p) => p.name.length));
  return [
    `pass@1 / pass@${s.n} by template (prompts: ${
      head.map((t) => `${t.template} ${t.prompts}`).join(", ")
    }):`,
    `  ${"".padEnd(width)}  ${head.map((t) => t.template.padStart(15)).join("")}`,
    ...s.policies.map((p) =>
      `  ${p.name.padEnd(width)}  ${
        p.templates.map((t) => `${f3(t.pass_at_1)} / ${f3(t.pass_at_n)}`.padStart(15)).join("")
      }`
    ),
  ];
}

/** Every line: the setting, every policy's pass rates by template, then each recipe. */
export function lessonsLines(s: LessonsSummary, dataset: string): string[] {
  return [
    `lessons on ${dataset}: ${s.prompts} prompts (${s.facts} facts), n = ${s.n} samples per ` +
    `prompt and policy; intervals: paired 95% percentile bootstrap over facts (2,000 resamples)`,
    ...policyLines(s),
    ...s.recipes.flatMap((r) => recipeLines(s, r)),
  ];
}

/** summary.md of a lessons run. */
export function lessonsMarkdown(s: LessonsSummary, dataset: string): string {
  return [
    "# Lessons of RL on the tiny policy, with intervals",
    "",
    "```",
    ...lessonsLines(s, dataset),
    "```",
    "",
    "Definitions: pass@k is the unbiased estimate from n samples per prompt, averaged over " +
    "prompts; RL is the per-prompt mean over the seeds of a recipe; gain = RL − base in points; " +
    "the interval resamples facts (a template and its numbers, with every prompt asking it), " +
    "paired; answer-only = the last line commits to exactly one integer and it is right, in any " +
    "format; format = strict − answer-only.",
    "",
  ].join("\n");
}
