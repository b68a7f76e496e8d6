/**
 * Where `deno task rl:lessons` puts what it measures (writes files): a run under `runs/`
 * (`counts.jsonl`, one line per prompt with every policy's strict and answer-only passes;
 * `lessons.json`; `summary.md`), or the **shipped counts** `data/policy/lessons/counts.jsonl`
 * with `counts.meta.json` (the dataset, the settings, every policy's path and SHA-256), which
 * the lesson tests read and CI re-makes byte for byte from the meta (`--check`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { countsText } from "./rl_lessons_run.ts";
 * const row = { id: "a", template: "zero", fact: "zero 10 2", strict: { base: 1 }, answer: { base: 2 } };
 * assertEquals(countsText([row]), '{"id":"a","template":"zero","fact":"zero 10 2","strict":{"base":1},"answer":{"base":2}}\n');
 * ```
 * @module
 */
import { InputError, UsageError } from "../core/errors.ts";
import { dataPath, PROJECT_ROOT } from "../core/paths.ts";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { computeSums, SUMS_FILE } from "../core/seal.ts";
import { jsonFile, writeRun } from "../core/write_run.ts";
import { readPromptRows } from "../measure/prompts.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import type { PromptCounts } from "../learn/passk_lessons.ts";
import { lessonsMarkdown, type LessonsSummary } from "../present/rl_lessons_story.ts";
import {
  countPasses,
  type CountSettings,
  lessonsOf,
  type NamedPolicy,
  recipes,
} from "./rl_lessons.ts";
import { isAbsolute, join } from "node:path";

/** The shipped counts and their meta, under data/. */
export const SHIPPED_COUNTS = "policy/lessons/counts.jsonl";
export const SHIPPED_META = "policy/lessons/counts.meta.json";

/** A policy as the command names it: its short name and its checkpoint's path. */
export interface PolicyRef {
  name: string;
  path: string;
}

/**
 * The policies the shipped counts measure: the base, the default RL run over three seeds
 * (`deno task rl --seed S`), the over-optimised recipe (`--lr 5e-3`) over three seeds, and the
 * run against the hackable substring rubric (`--rubric substring`, seed 0).
 */
export const SHIPPED_POLICIES: readonly PolicyRef[] = [
  { name: "base", path: "data/policy/base.json" },
  ...[0, 1, 2].map((s) => ({
    name: s === 0 ? "rl_strict" : `rl_strict_seed${s}`,
    path: `data/policy/${s === 0 ? "rl_strict" : `rl_strict_seed${s}`}/checkpoint.json`,
  })),
  ...[0, 1, 2].map((s) => ({
    name: `rl_lr5e-3_seed${s}`,
    path: `data/policy/rl_lr5e-3_seed${s}/checkpoint.json`,
  })),
  { name: "rl_substring", path: "data/policy/rl_substring/checkpoint.json" },
];

/**
 * Policies from `NAME=FILE` items.
 *
 * @throws UsageError on an item without a name or a file, or a name given twice
 */
export function parsePolicies(items: readonly string[]): PolicyRef[] {
  const out: PolicyRef[] = [];
  for (const item of items) {
    const m = /^([A-Za-z0-9_.+-]+)=(.+)$/.exec(item);
    if (m === null) throw new UsageError(`--policies: '${item}' is not NAME=FILE`);
    if (out.some((p) => p.name === m[1])) {
      throw new UsageError(`--policies: the name '${m[1]}' is given twice`);
    }
    out.push({ name: m[1], path: m[2] });
  }
  return out;
}

/** The meta of shipped counts: what re-makes them. */
export interface CountsMeta {
  dataset: { path: string; sha256: string };
  settings: CountSettings;
  policies: (PolicyRef & { sha256: string })[];
}

/** The counts as a JSONL text: one compact line per prompt. */
export function countsText(rows: readonly PromptCounts[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
}

/** What a measurement needs: the policies (paths relative to the project root or absolute). */
export interface LessonsInput {
  policies: readonly PolicyRef[];
  dataset: string;
  settings: CountSettings;
  onPrompts?: (policy: string, done: number) => void;
}

/** What a measurement gives: the counts, the lessons and the meta that re-makes them. */
export interface Measured {
  rows: PromptCounts[];
  summary: LessonsSummary;
  meta: CountsMeta;
}

const at = (p: string) => isAbsolute(p) ? p : join(PROJECT_ROOT, p);

/** Loads the policies and the dataset, counts, and measures every lesson. */
export async function measureLessons(input: LessonsInput): Promise<Measured> {
  const policies: NamedPolicy[] = [];
  for (const p of input.policies) {
    policies.push({ name: p.name, policy: await loadCheckpoint(at(p.path)) });
  }
  const grouping = recipes(policies);
  const { rows, info } = await readPromptRows(at(input.dataset));
  const counts = await countPasses(policies, rows, input.settings, input.onPrompts);
  return {
    rows: counts,
    summary: lessonsOf(counts, input.settings.n, grouping),
    meta: {
      dataset: { path: input.dataset, sha256: info.sha256 },
      settings: input.settings,
      policies: input.policies.map((p, i) => ({ ...p, sha256: policies[i].policy.sha256 })),
    },
  };
}

/** Writes a measurement as a run (see the module doc); returns its path. */
export async function writeLessonsRun(m: Measured, opts: RunOptions): Promise<string> {
  const outdir = await runFolder(opts, "rl_lessons");
  const w = runWriting(opts, "writeLessonsRun()");
  const { path } = await writeRun(outdir, {
    header: { kind: "rl_lessons", command: w.command, args: w.args, seed: m.meta.settings.seed },
    settings: { ...m.meta },
    files: [
      { name: "counts.jsonl", content: countsText(m.rows) },
      jsonFile("lessons.json", m.summary),
      { name: "summary.md", content: lessonsMarkdown(m.summary, m.meta.dataset.path) },
    ],
  }, { force: w.force });
  return path;
}

/** Writes the shipped counts and their meta under data/, and re-pins data/SHA256SUMS. */
export async function shipLessons(m: Measured): Promise<void> {
  await Deno.mkdir(dataPath("policy/lessons"), { recursive: true });
  await Deno.writeTextFile(dataPath(SHIPPED_COUNTS), countsText(m.rows));
  await Deno.writeTextFile(dataPath(SHIPPED_META), JSON.stringify(m.meta, null, 2) + "\n");
  await Deno.writeTextFile(dataPath(SUMS_FILE), await computeSums(dataPath("")));
}

/** The shipped counts (as the lesson tests read them), their meta and their lessons. */
export async function loadShippedLessons(): Promise<Measured> {
  const meta = JSON.parse(await Deno.readTextFile(dataPath(SHIPPED_META))) as CountsMeta;
  const text = await Deno.readTextFile(dataPath(SHIPPED_COUNTS));
  const rows = text.trimEnd().split("\n").map((l) => JSON.parse(l) as PromptCounts);
  const policies: NamedPolicy[] = [];
  for (const p of meta.policies) {
    policies.push({ name: p.name, policy: await loadCheckpoint(at(p.path)) });
  }
  return { rows, meta, summary: lessonsOf(rows, meta.settings.n, recipes(policies)) };
}

/**
 * Re-makes the shipped counts from their meta and compares bytes.
 *
 * @throws InputError when a recorded checkpoint or the dataset changed since they were made
 */
export async function checkShippedLessons(
  onPrompts?: (policy: string, done: number) => void,
): Promise<{ identical: boolean; lines: string[] }> {
  const meta = JSON.parse(await Deno.readTextFile(dataPath(SHIPPED_META))) as CountsMeta;
  const m = await measureLessons({ ...meta, dataset: meta.dataset.path, onPrompts });
  for (const [i, p] of meta.policies.entries()) {
    if (m.meta.policies[i].sha256 !== p.sha256) {
      throw new InputError(p.path, null, "changed since the shipped counts were made");
    }
  }
  if (m.meta.dataset.sha256 !== meta.dataset.sha256) {
    throw new InputError(meta.dataset.path, null, "changed since the shipped counts were made");
  }
  const same = countsText(m.rows) === await Deno.readTextFile(dataPath(SHIPPED_COUNTS));
  return {
    identical: same,
    lines: [
      `${same ? "byte-identical" : "NOT byte-identical"}: data/${SHIPPED_COUNTS} re-made from ` +
      `${meta.policies.length} checkpoints, ${m.rows.length} prompts × n = ${meta.settings.n}`,
    ],
  };
}
