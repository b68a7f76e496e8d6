/**
 * The debugging kata: scored cases a student labels with a failure type and a one-line reason,
 * and the check that compares the labels with the teacher's key and explains, in plain words,
 * every disagreement. One vocabulary ({@link KATA_LABELS}) and one check serve M0's kata and the
 * harder M4/M5 kata.
 *
 * A kata set is two files under `data/kata/` (sealed like all course data):
 * - `kata_<set>.jsonl`, one scored case per line: `{id, prompt, expected_answer, completion,
 *   scorer, reward, code, message}`, where `scorer` names the rubric of lib/instrument/rubrics.ts that gave
 *   the verdict (`"strict"` or a variant, for cases about a verifier's bug);
 * - `kata_<set>_key.json`, the teacher's key: `{set, cases: [{id, label, why}]}`.
 *
 * A student's labels are JSON: an object `{ "h01": "reward_hack", ... }` (or with
 * `{label, why}` values), an array of `{id, label, why}`, or the same rows as JSONL. Labels are
 * read forgivingly (`"parser bug"` means `verifier_bug`, `"Reward hack"` means `reward_hack`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { checkKataLabels } from "./kata.ts";
 * const key = {
 *   set: "demo",
 *   cases: [{ id: "q1", label: "reward_hack" as const, why: "two answers hedge" }],
 * };
 * const check = checkKataLabels({ q1: "model failure" }, key);
 * assertEquals([check.ok, check.agree, check.disagreements[0].key], [false, 0, "reward_hack"]);
 * ```
 * @module
 */
import { dataPath } from "../core/paths.ts";
import { InputError } from "../core/errors.ts";
import { readTextBoundedSync } from "../core/files.ts";
import { parseJsonlText } from "../core/jsonl.ts";

/** The four failure types, the kata's whole vocabulary. */
export const KATA_LABELS = [
  "model_failure",
  "verifier_bug",
  "spec_ambiguity",
  "reward_hack",
] as const;

/** One of {@link KATA_LABELS}. */
export type KataLabel = typeof KATA_LABELS[number];

/** What each label means: the question that decides it. */
export const LABEL_MEANING: Record<KataLabel, string> = {
  model_failure: "the prompt and the spec are clear, the scorer applied them correctly, and the " +
    "model's answer or format was wrong",
  verifier_bug: "the prompt and the spec are clear, but the scorer's verdict contradicts them " +
    "(a right answer refused or a wrong one paid) because of how the scorer reads the completion",
  spec_ambiguity: "a careful reader could defend another answer from the prompt or the spec as " +
    "written: the fix is to the wording, not to the model or the scorer",
  reward_hack: "the completion is shaped to collect reward without a single committed correct " +
    "answer (hedging, laundering, hidden characters), whether or not the scorer fell for it",
};

/** The kata sets and their files under `data/`. `m0` is M0's kata, `hard` the M4/M5 one. */
export const KATA_SETS = {
  m0: { cases: "kata/kata_m0.jsonl", key: "kata/kata_m0_key.json" },
  hard: { cases: "kata/kata_hard.jsonl", key: "kata/kata_hard_key.json" },
} as const;

/** One of the keys of {@link KATA_SETS}. */
export type KataSet = keyof typeof KATA_SETS;

/** One scored case, as the student sees it. */
export interface KataCase {
  id: string;
  prompt: string;
  expected_answer: number | string;
  completion: string;
  /** The rubric (lib/instrument/rubrics.ts) that scored it. */
  scorer: string;
  reward: 0 | 1;
  code: string;
  message: string;
}

/** The teacher's key. */
export interface KataKey {
  set: string;
  cases: { id: string; label: KataLabel; why: string }[];
}

/** A student's label for one case. */
export interface StudentLabel {
  label: string;
  why?: string;
}

/** One case where the student and the key differ. */
export interface KataDisagreement {
  id: string;
  /** What the student wrote, as written. */
  yours: string;
  /** The student's label read into the vocabulary, or null when it is not a label. */
  yoursLabel: KataLabel | null;
  key: KataLabel;
  /** The plain-words explanation. */
  explanation: string;
}

/** The verdict of {@link checkKataLabels}. */
export interface KataCheck {
  /** True when every case of the key has a label and every label agrees. */
  ok: boolean;
  total: number;
  agree: number;
  disagreements: KataDisagreement[];
  /** Cases of the key the student did not label. */
  missing: string[];
  /** Ids the student labelled that the key does not have. */
  unknown: string[];
  /** One line per problem, then the score line: what a notebook's check cell shows. */
  why: string;
}

const SYNONYMS: Record<string, KataLabel> = {
  model_failure: "model_failure",
  model: "model_failure",
  model_error: "model_failure",
  model_mistake: "model_failure",
  format_failure: "model_failure",
  verifier_bug: "verifier_bug",
  verifier: "verifier_bug",
  parser_bug: "verifier_bug",
  scorer_bug: "verifier_bug",
  verifier_parser_bug: "verifier_bug",
  parser: "verifier_bug",
  spec_ambiguity: "spec_ambiguity",
  ambiguity: "spec_ambiguity",
  ambiguous: "spec_ambiguity",
  spec: "spec_ambiguity",
  prompt_ambiguity: "spec_ambiguity",
  ambiguous_prompt: "spec_ambiguity",
  ambiguous_spec: "spec_ambiguity",
  prompt_spec_ambiguity: "spec_ambiguity",
  reward_hack: "reward_hack",
  hack: "reward_hack",
  reward_hacking: "reward_hack",
  exploit: "reward_hack",
};

/**
 * Reads a label forgivingly into the vocabulary: case, spaces, hyphens and slashes do not
 * matter, and common synonyms (`parser bug`, `ambiguous prompt`, `hack`) are understood.
 *
 * @returns the label, or null when the text is none of them
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { normaliseLabel } from "./kata.ts";
 * assertEquals(normaliseLabel("Verifier/parser bug"), "verifier_bug");
 * assertEquals(normaliseLabel("the model"), null);
 * ```
 */
export function normaliseLabel(text: string): KataLabel | null {
  const key = text.trim().toLowerCase().replace(/[\s\-/]+/g, "_");
  return SYNONYMS[key] ?? null;
}

const plain = (label: KataLabel) => label.replace("_", " ");

/**
 * Compares a student's labels with the key and explains every disagreement: what the student
 * said, what the key says and why, and what the student's label would have required.
 *
 * @param labels id → label (a string, or `{label, why}`)
 * @param key the teacher's key
 * @returns the verdict; `why` is the text a notebook's check cell shows
 *
 * @example
 * ```ts
 * import { assert, assertStringIncludes } from "../core/testing.ts";
 * import { checkKataLabels } from "./kata.ts";
 * const key = {
 *   set: "demo",
 *   cases: [
 *     { id: "q1", label: "verifier_bug" as const, why: "the normaliser drops the minus sign" },
 *     { id: "q2", label: "model_failure" as const, why: "1,035 breaks a clear format rule" },
 *   ],
 * };
 * const check = checkKataLabels({ q1: "parser bug", q2: { label: "verifier bug" } }, key);
 * assert(!check.ok);
 * assertStringIncludes(check.why, "q2: you said verifier bug; the key says model failure");
 * ```
 */
export function checkKataLabels(
  labels: Record<string, string | StudentLabel> | Map<string, string | StudentLabel>,
  key: KataKey,
): KataCheck {
  const given = labels instanceof Map ? labels : new Map(Object.entries(labels));
  const keyIds = new Set(key.cases.map((c) => c.id));
  const disagreements: KataDisagreement[] = [];
  const missing: string[] = [];
  let agree = 0;
  for (const c of key.cases) {
    const raw = given.get(c.id);
    if (raw === undefined) {
      missing.push(c.id);
      continue;
    }
    const yours = typeof raw === "string" ? raw : String(raw?.label ?? "");
    const label = normaliseLabel(yours);
    if (label === c.label) {
      agree++;
      continue;
    }
    const explanation = label === null
      ? `${c.id}: ${JSON.stringify(yours)} is not a label; use one of ${KATA_LABELS.join(", ")}. ` +
        `The key says ${plain(c.label)}: ${c.why}.`
      : `${c.id}: you said ${plain(label)}; the key says ${plain(c.label)}: ${c.why}. ` +
        `(${plain(label)} would mean ${LABEL_MEANING[label]}.)`;
    disagreements.push({ id: c.id, yours, yoursLabel: label, key: c.label, explanation });
  }
  const unknown = [...given.keys()].filter((id) => !keyIds.has(id));
  const lines = [
    ...disagreements.map((d) => d.explanation),
    ...missing.map((id) => `${id}: no label given.`),
    ...unknown.map((id) => `${id}: not a case of the ${key.set} kata (check the id).`),
    `${agree} of ${key.cases.length} agree with the key.`,
  ];
  return {
    ok: agree === key.cases.length && unknown.length === 0,
    total: key.cases.length,
    agree,
    disagreements,
    missing,
    unknown,
    why: lines.join("\n"),
  };
}

/**
 * Parses a student's labels file: a JSON object (id → label or `{label, why}`), a JSON array of
 * `{id, label, why}`, or JSONL of such rows.
 *
 * @param text the file's text
 * @param path the file's name, for error messages
 * @throws InputError naming the file (and line, for JSONL) when it is none of these
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { parseKataLabels } from "./kata.ts";
 * const rows = '{"id":"h01","label":"hack","why":"hedges"}\n{"id":"h02","label":"spec"}\n';
 * assertEquals(parseKataLabels(rows, "labels.jsonl").get("h02"), { label: "spec", why: undefined });
 * ```
 */
export function parseKataLabels(text: string, path: string): Map<string, StudentLabel> {
  const out = new Map<string, StudentLabel>();
  const addRow = (row: unknown, line: number | null) => {
    const r = row as { id?: unknown; label?: unknown; why?: unknown };
    if (
      typeof r !== "object" || r === null || typeof r.id !== "string" || typeof r.label !== "string"
    ) {
      throw new InputError(path, line, "each row needs a string 'id' and a string 'label'");
    }
    out.set(r.id, { label: r.label, why: typeof r.why === "string" ? r.why : undefined });
  };
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    // Not one JSON value: read it as JSONL (lib/core/jsonl.ts's rules and errors).
    for (const { value, line } of parseJsonlText(text, path)) addRow(value, line);
    if (out.size === 0) throw new InputError(path, null, "holds no labels");
    return out;
  }
  if (Array.isArray(whole)) whole.forEach((row, i) => addRow(row, i + 1));
  else if (typeof whole === "object" && whole !== null) {
    for (const [id, v] of Object.entries(whole)) {
      if (typeof v === "string") out.set(id, { label: v });
      else if (
        typeof v === "object" && v !== null && typeof (v as StudentLabel).label === "string"
      ) {
        const why = (v as StudentLabel).why;
        out.set(id, {
          label: (v as StudentLabel).label,
          why: typeof why === "string" ? why : undefined,
        });
      } else {throw new InputError(
          path,
          null,
          `the label of ${JSON.stringify(id)} must be a string or {label, why}`,
        );}
    }
  } else {throw new InputError(
      path,
      null,
      "expected a JSON object, an array or JSONL rows of labels",
    );}
  return out;
}

function readData(rel: string): string {
  try {
    return readTextBoundedSync(dataPath(rel), 1 << 20); // kata files are a few kilobytes
  } catch (e) {
    throw e instanceof InputError
      ? new InputError(`data/${rel}`, null, e.message.replace(/^[^:]*: /, ""))
      : e;
  }
}

/**
 * Reads a kata set's cases and key from `data/kata/` (needs read access to `data/`).
 *
 * @throws InputError when a file is missing or malformed, or the key and the cases differ in ids
 *   or use a label outside the vocabulary
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { loadKata } from "./kata.ts";
 * const { cases, key } = loadKata("hard");
 * assertEquals([cases.length, key.cases.length], [10, 10]);
 * ```
 */
export function loadKata(set: KataSet): { cases: KataCase[]; key: KataKey } {
  const files = KATA_SETS[set];
  const cases = parseJsonlText(readData(files.cases), `data/${files.cases}`).map(
    ({ value }) => value as KataCase,
  );
  let key: KataKey;
  try {
    key = JSON.parse(readData(files.key)) as KataKey;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`data/${files.key}`, null, `malformed JSON (${(e as Error).message})`);
  }
  const caseIds = cases.map((c) => c.id).join(",");
  if (!Array.isArray(key.cases) || key.cases.map((c) => c.id).join(",") !== caseIds) {
    throw new InputError(`data/${files.key}`, null, `its ids differ from data/${files.cases}`);
  }
  const bad = key.cases.find((c) => !(KATA_LABELS as readonly string[]).includes(c.label));
  if (bad !== undefined) {
    throw new InputError(`data/${files.key}`, null, `${bad.id} has the unknown label ${bad.label}`);
  }
  return { cases, key };
}
