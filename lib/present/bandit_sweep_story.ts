/**
 * The words of a bandit seed sweep: what was trained, the spread of the final π(best) over the
 * seeds, and what a single seed's number is worth next to it; the same as `summary.md`.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { banditSeedSweep } from "../learn/bandit_sweep.ts";
 * import { banditSweepStory } from "./bandit_sweep_story.ts";
 * const lines = banditSweepStory(banditSeedSweep({ seeds: 10, steps: 30, lr: 0.5, baseline: true }));
 * assertStringIncludes(lines.join("\n"), "10 seeds");
 * ```
 * @module
 */
import type { BanditSweep } from "../learn/bandit_sweep.ts";
import { f3 } from "./format.ts";

/** The lines `deno task bandit:sweep` prints (and `summary.md` holds). */
export function banditSweepStory(s: BanditSweep): string[] {
  const c = s.config;
  return [
    `bandit seed sweep: ${c.seeds} seeds × ${c.steps} steps, lr ${c.lr}, baseline ${
      c.baseline ? "on" : "off"
    }`,
    `final p(best): mean ${f3(s.mean)}, sd ${f3(s.sd)}; 5% ${f3(s.q05)}, median ${
      f3(s.median)
    }, 95% ${f3(s.q95)}`,
    `the best action ends most likely in ${(100 * s.bestFirst).toFixed(1)}% of the runs`,
    `one seed's p(best) says little alone: 90% of the seeds end between ${f3(s.q05)} and ${
      f3(s.q95)
    }`,
  ];
}
