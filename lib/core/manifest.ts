/**
 * The manifest of a measurement run (`kind` eval or select): the experiment's fingerprint, and
 * its one typed reader, {@link parseManifest}.
 *
 * Everything the gate needs to decide whether two runs may be compared lives at top level where
 * scripts can read it (`jq '.dataset_fingerprint, .scorer_version' runs/X/manifest.json`),
 * including the SHA-256 of every artifact the run wrote, so the gate can tell an edited file from
 * the one the run produced. A manifest is read with a bound on its size and its nesting, and
 * anything that is not exactly this shape is a problem in words, never an exception.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { parseManifest } from "./manifest.ts";
 * assertEquals(parseManifest('{"kind": "bandit"}'), {
 *   ok: false,
 *   problem: 'kind "bandit" is not a measurement the gate compares (eval or select)',
 * });
 * ```
 * @module
 */
import { join } from "node:path";
import type { FileInfo } from "./jsonl.ts";
import type { Provenance } from "./provenance.ts";
import { readTextBounded } from "./files.ts";
import { InputError } from "./errors.ts";

/** The kinds of measurement run. */
export type RunKind = "eval" | "select";

/** The kinds of measurement run, as the gate names them. */
export const RUN_KINDS: readonly RunKind[] = ["eval", "select"];

/** The compact verdict of the golden gate a manifest records as `golden_gate`. */
export interface GoldenGateField {
  passed: boolean;
  scorer: string;
  n_correct: number;
  n_exploits: number;
  false_negatives: number;
  false_positives: number;
  code_mismatches: number;
  golden_sha256: { correct: string; exploits: string };
}

/** SHA-256 and size of one file a run wrote. */
export interface ArtifactDigest {
  sha256: string;
  bytes: number;
}

/** The fields every measurement manifest carries. */
export interface MeasurementManifest extends Provenance {
  kind: RunKind;
  dataset_fingerprint: string;
  scorer_version: string;
  scorer_name: string;
  scorer_fingerprint: string;
  prompts_fingerprint: string;
  /** SHA-256 of the sorted example ids joined by LF: the set of examples. */
  example_ids_fingerprint: string;
  /** SHA-256 of the ids in `results.jsonl`'s row order, joined by LF. */
  results_ids_fingerprint: string;
  n_examples: number;
  /**
   * The dataset slice measured: the first `max_examples` examples of the file (`--max`), or null
   * (or absent, in runs made before the flag) when every example was measured. The fingerprints
   * above are the slice's; `dataset_fingerprint` and `inputs.dataset` are the whole file's.
   */
  max_examples?: number | null;
  /** Each input file: path as given, size, SHA-256, records. */
  inputs: Record<string, FileInfo>;
  /** The sampling settings of the completions (from their `.meta.json`), or null if unknown. */
  sampling: Record<string, string | number | boolean | null> | null;
  /** Best-of-N: how many samples per prompt were considered; 1 for an eval. */
  selection_n: number;
  /** Whether the scorer that made this run passed the golden sets (rule 5 of the rules). */
  golden_gate: GoldenGateField;
  /** SHA-256 and size of every file the run wrote (`results.jsonl`, `summary.json`, …). */
  artifacts: Record<string, ArtifactDigest>;
  command: string;
  args: string[];
}

/** The largest manifest read (1 MiB); a real one is a few kilobytes. */
export const MAX_MANIFEST_BYTES = 1 << 20;
/** The deepest nesting of objects and arrays accepted in a manifest. */
export const MAX_MANIFEST_DEPTH = 8;

/** The reader's answer: the typed manifest, or what is wrong with it in one sentence. */
export type ParsedManifest =
  | { ok: true; manifest: MeasurementManifest }
  | { ok: false; problem: string };

/** The deepest nesting of `[`/`{` in JSON text (outside strings), in one pass, no recursion. */
export function jsonDepth(text: string): number {
  let depth = 0, max = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

const HEX64 = /^[0-9a-f]{64}$/;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isDigest = (v: unknown) => isObject(v) && HEX64.test(String(v.sha256)) && isCount(v.bytes);
const isPrimitive = (v: unknown) =>
  v === null || ["string", "number", "boolean"].includes(typeof v);

/** The first field of `m` that breaks the measurement manifest's shape, in words; or null. */
function shapeProblem(m: Record<string, unknown>): string | null {
  if (typeof m.kind !== "string") return "it has no string field 'kind'";
  if (!(RUN_KINDS as readonly string[]).includes(m.kind)) {
    return `kind ${JSON.stringify(m.kind.slice(0, 40))} is not a measurement the gate compares ` +
      "(eval or select)";
  }
  for (
    const f of [
      "dataset_fingerprint",
      "prompts_fingerprint",
      "example_ids_fingerprint",
      "results_ids_fingerprint",
      "scorer_fingerprint",
    ]
  ) {
    if (typeof m[f] !== "string" || !HEX64.test(m[f] as string)) {
      return `field '${f}' is not a SHA-256 (64 hex digits)`;
    }
  }
  for (const f of ["scorer_name", "scorer_version", "command", "created_at", "deno_version"]) {
    if (typeof m[f] !== "string" || (m[f] as string).length > 1000) {
      return `it lacks a string field '${f}'`;
    }
  }
  if (!isCount(m.n_examples)) return "field 'n_examples' is not a count";
  if (m.max_examples != null && (!isCount(m.max_examples) || m.max_examples < 1)) {
    return "field 'max_examples' is not null or a count >= 1";
  }
  if (!isCount(m.selection_n) || m.selection_n < 1) return "field 'selection_n' is not N >= 1";
  if (!Array.isArray(m.args) || !m.args.every((a) => typeof a === "string")) {
    return "field 'args' is not a list of strings";
  }
  if (!isObject(m.inputs) || !Object.values(m.inputs).every(isDigest)) {
    return "field 'inputs' is not a map of files with their SHA-256 and size";
  }
  const policyInput = m.kind === "eval" ? "completions" : "samples";
  for (const f of ["dataset", policyInput]) {
    if (!(f in m.inputs)) return `field 'inputs' lacks '${f}'`;
  }
  if (!("sampling" in m)) return "it lacks the field 'sampling' (null when unknown)";
  if (
    m.sampling !== null && (!isObject(m.sampling) || !Object.values(m.sampling).every(isPrimitive))
  ) {
    return "field 'sampling' is not null or a flat map of settings";
  }
  const g = m.golden_gate;
  if (!isObject(g) || typeof g.passed !== "boolean") {
    return "field 'golden_gate' does not record whether the golden gate passed";
  }
  if (!isObject(m.artifacts) || !Object.values(m.artifacts).every(isDigest)) {
    return "field 'artifacts' is not a map of files with their SHA-256 and size";
  }
  for (const f of ["results.jsonl", "summary.json"]) {
    if (!(f in m.artifacts)) return `field 'artifacts' lacks '${f}'`;
  }
  if (m.git_commit !== null && typeof m.git_commit !== "string") {
    return "field 'git_commit' is not a string or null";
  }
  if (m.git_dirty !== null && typeof m.git_dirty !== "boolean") {
    return "field 'git_dirty' is not a boolean or null";
  }
  return null;
}

/**
 * JSON text read with bounds: at most {@link MAX_MANIFEST_BYTES} characters and
 * {@link MAX_MANIFEST_DEPTH} levels of nesting, so neither a huge nor a deeply nested file can
 * exhaust memory or the stack. Total: a problem in words, never an exception.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { parseBoundedJson } from "./manifest.ts";
 * assertEquals(parseBoundedJson('{"a":1}'), { ok: true, value: { a: 1 } });
 * assertEquals(parseBoundedJson("[".repeat(100)).ok, false);
 * ```
 */
export function parseBoundedJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (text.length > MAX_MANIFEST_BYTES) {
    return { ok: false, problem: `it is larger than ${MAX_MANIFEST_BYTES} bytes` };
  }
  const depth = jsonDepth(text);
  if (depth > MAX_MANIFEST_DEPTH) {
    return { ok: false, problem: `it nests ${depth} levels deep (at most ${MAX_MANIFEST_DEPTH})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, problem: `it is not JSON (${(e as Error).message.slice(0, 120)})` };
  }
}

/**
 * Reads the `manifest.json` of a run of any kind (an eval, a bandit run, a notebook's lab
 * record) as a JSON object, with the bounds of {@link parseBoundedJson}; a missing, unreadable,
 * malformed or non-object manifest is a problem in words.
 */
export async function readRunManifest(
  runDir: string,
): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; problem: string }> {
  const path = join(runDir, "manifest.json");
  let text: string;
  try {
    text = await readTextBounded(path, MAX_MANIFEST_BYTES);
  } catch (e) {
    if (e instanceof InputError && e.message.endsWith("no such file")) {
      return { ok: false, problem: "does not exist" };
    }
    return {
      ok: false,
      problem: `cannot be read (${(e as Error).message.replace(`${path}: `, "")})`,
    };
  }
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) return parsed;
  return isObject(parsed.value)
    ? { ok: true, value: parsed.value }
    : { ok: false, problem: "it is not a JSON object" };
}

/**
 * The one typed reader of a measurement manifest: JSON text (or an already parsed value) in,
 * the typed manifest or one sentence on what is wrong out. Total: huge, deeply nested,
 * malformed or mistyped input is a problem, never an exception.
 *
 * @param input the text of `manifest.json` (bounded by {@link MAX_MANIFEST_BYTES} and
 *   {@link MAX_MANIFEST_DEPTH}) or a parsed value
 */
export function parseManifest(input: string | unknown): ParsedManifest {
  let value: unknown = input;
  if (typeof input === "string") {
    const parsed = parseBoundedJson(input);
    if (!parsed.ok) return parsed;
    value = parsed.value;
  }
  try {
    if (!isObject(value)) return { ok: false, problem: "it is not a JSON object" };
    const problem = shapeProblem(value);
    return problem === null
      ? { ok: true, manifest: value as unknown as MeasurementManifest }
      : { ok: false, problem };
  } catch {
    return { ok: false, problem: "it cannot be inspected" }; // a hostile parsed value
  }
}

/**
 * Reads and parses `<runDir>/manifest.json` (a regular file of at most
 * {@link MAX_MANIFEST_BYTES}); a missing, unreadable or malformed manifest is a problem in words.
 */
export async function readManifest(runDir: string): Promise<ParsedManifest> {
  const path = join(runDir, "manifest.json");
  try {
    return parseManifest(await readTextBounded(path, MAX_MANIFEST_BYTES));
  } catch (e) {
    if (e instanceof InputError && e.message.endsWith("no such file")) {
      return {
        ok: false,
        problem: "there is no manifest.json: nothing records what was measured, or with which " +
          "instrument",
      };
    }
    return { ok: false, problem: (e as Error).message.replace(`${path}: `, "manifest.json ") };
  }
}
