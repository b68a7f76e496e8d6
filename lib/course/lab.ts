/**
 * The lab record of one notebook session: every verdict a notebook shows is also written, with a
 * SHA-256 digest, to a run folder the notebook cites (`runs/<notebook>_checks_<time>/checks/`),
 * so `deno task review` can tell a verdict the code produced from one typed into the output by
 * hand. This module writes files under `runs/`.
 *
 * Three kinds of verdictBundle, each shown as one lib/course/lines.ts line:
 * - `lab.grade(name, answer, contract)`: an exercise. The committed notebook holds a stub (a
 *   function returning {@link TODO}, or an empty `""`, `[]` or `{}`), reported `NOT ATTEMPTED`;
 *   otherwise the contract decides `PASSED` or `FAILED` (with its reason). Works for any answer
 *   shape, so an exercise may change its signature without touching this module.
 * - `lab.predict(name, text)`: a predict-first guess, `NOT ATTEMPTED` while empty, else recorded
 *   (`PASSED`, the text kept in the record so the review can tell if it was edited afterwards).
 * - `lab.check(name, ok, why)`: a check of the library's behaviour (the gate refused a tampered
 *   run, two runs are byte-identical), `PASSED` or `FAILED`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { openLab, TODO } from "./lab.ts";
 * const root = await Deno.makeTempDir(); // a project root: the record goes to its runs/
 * const lab = await openLab("M9_demo", { root });
 * const stub = (x: number): number => TODO;
 * const shown = await lab.grade("double", stub, (f) => ({ ok: f(2) === 4, why: "f(2) = 4" }));
 * assertEquals(shown["text/plain"], "CHECK NOT ATTEMPTED: double: stub still returns TODO: write your version");
 * const done = await lab.grade("double", (x: number) => 2 * x, (f) => ({ ok: f(2) === 4, why: "f(2) = 4" }));
 * assertEquals(done["text/plain"], "CHECK PASSED: double: f(2) = 4");
 * assertEquals(lab.cite()["text/plain"], `run: runs/${lab.path.split("/").at(-1)}`);
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */
import { basename, join } from "node:path";
import { sha256Text } from "../core/hash.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import { openRun, provenance, uniqueRunPath } from "../core/run_dir.ts";
import { guardedFolder } from "../core/guarded_folder.ts";
import type { Bundle } from "./display.ts";
import { notebookHost } from "./host.ts";
import type { Verdict } from "./exercise_checks.ts";
import { assertCheckName, checkLine, cite, type Status, verdictBundle } from "./lines.ts";

/** The manifest `kind` of a lab record run. */
export const LAB_KIND = "notebook-checks";

/** The folder, inside a lab record run, that holds one `<check name>.json` per verdict. */
export const LAB_CHECKS_DIR = "checks";

/** Prefix of a prediction's check name (`lab.predict("step-1", …)` reports `predict-step-1`). */
export const PREDICT_PREFIX = "predict-";

const TODO_MARK = Symbol.for("rl-course.todo");

/**
 * What an exercise stub returns until the student writes their version. Typed `never`, so a stub
 * type-checks whatever it promises to return.
 */
export const TODO: never = TODO_MARK as never;

/** True for the {@link TODO} marker. */
export function isTodo(value: unknown): boolean {
  return value === TODO_MARK;
}

/** What kind of verdict a record holds. */
export type RecordKind = "exercise" | "prediction" | "check";

/** One verdict as the lab record keeps it (`checks/<name>.json`). */
export interface LabRecord {
  name: string;
  kind: RecordKind;
  status: Status;
  why: string;
  /** The verdict line the notebook showed, and its SHA-256. */
  line: string;
  line_sha256: string;
  /** SHA-256 of the answer as graded (a function's source, or stable JSON), or null. */
  answer_sha256: string | null;
  /** For a prediction: the text recorded. */
  prediction?: string;
}

/** A notebook session's record: verdicts shown and written in one step. */
export interface Lab {
  /** The record's run folder (absolute). */
  readonly path: string;
  /** The `run: runs/…` line citing the record (show it once, in the setup cell). */
  cite(): Bundle;
  /** Grades an exercise answer against its contract; see the module doc. */
  grade<A>(
    name: string,
    answer: A,
    contract: (answer: A) => Verdict | Promise<Verdict>,
  ): Promise<Bundle>;
  /** Records a prediction; see the module doc. */
  predict(name: string, text: string): Promise<Bundle>;
  /** Records a check of the library's behaviour. */
  check(name: string, ok: boolean, why?: string): Promise<Bundle>;
  /** True when the last verdict recorded under `name` in this session passed. */
  passed(name: string): boolean;
}

function stableJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) =>
      v !== null && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
        : v,
  ) ?? String(value);
}

/** The digest of an answer: a function by its source text, anything else by stable JSON. */
export function answerDigest(answer: unknown): string {
  return sha256Text(typeof answer === "function" ? String(answer) : stableJson(answer));
}

/**
 * True when a data answer is still its stub: {@link TODO}, null, undefined, a blank string, an
 * empty array or an object without keys.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { isUntouched } from "./lab.ts";
 * assertEquals([isUntouched(""), isUntouched([]), isUntouched({}), isUntouched(["ok"])],
 *   [true, true, true, false]);
 * ```
 */
export function isUntouched(answer: unknown): boolean {
  if (isTodo(answer) || answer === null || answer === undefined) return true;
  if (typeof answer === "string") return answer.trim() === "";
  if (Array.isArray(answer)) return answer.length === 0;
  return typeof answer === "object" && Object.keys(answer).length === 0;
}

class NotAttempted extends Error {}

/** An exception in one line: `TypeError: x is not a function`. */
function errorText(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.split("\n")[0];
}

/**
 * Grades an answer without recording it: the status and reason {@link Lab.grade} shows. A
 * function answer is called only through a wrapper that notices a {@link TODO} return (a
 * contract that catches the wrapper's exception still cannot turn a stub into a pass); a data
 * answer that {@link isUntouched} is not attempted, with the contract's own words on what is
 * missing when it gives them. An answer the check cannot use (a function that throws, data the
 * contract chokes on) fails with the exception's words, so the cells after it still run.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gradeAnswer } from "./lab.ts";
 * const broken = (_x: number): number => { throw new TypeError("not yet"); };
 * assertEquals(await gradeAnswer(broken, (f) => ({ ok: f(2) === 4, why: "f(2) = 4" })),
 *   { status: "failed", why: "broken threw TypeError: not yet" });
 * ```
 */
export async function gradeAnswer<A>(
  answer: A,
  contract: (answer: A) => Verdict | Promise<Verdict>,
): Promise<{ status: Status; why: string }> {
  if (typeof answer === "function") {
    const name = answer.name || "your function";
    let sawTodo = false;
    let threw = null as { error: unknown } | null; // set by the probe, inside the contract
    const probe = ((...args: unknown[]) => {
      let out: unknown;
      try {
        out = (answer as (...a: unknown[]) => unknown)(...args);
      } catch (e) {
        threw ??= { error: e };
        throw e;
      }
      if (isTodo(out)) {
        sawTodo = true;
        throw new NotAttempted(`${name} still returns TODO`);
      }
      return out;
    }) as A;
    let v: Verdict;
    try {
      v = await contract(probe);
    } catch (e) {
      if (e instanceof NotAttempted) v = { ok: false, why: "" };
      else if (threw !== null) v = { ok: false, why: `${name} threw ${errorText(threw.error)}` };
      else throw e;
    }
    if (sawTodo) {
      return {
        status: "not attempted",
        why: `${answer.name || "the function"} still returns TODO: write your version`,
      };
    }
    return { status: v.ok ? "passed" : "failed", why: v.why };
  }
  if (isUntouched(answer)) {
    let why = "";
    try {
      why = (await contract(answer)).why;
    } catch { /* the contract's words are optional here */ }
    return { status: "not attempted", why: why || "the answer is still empty: write yours" };
  }
  let v: Verdict;
  try {
    v = await contract(answer);
  } catch (e) {
    v = { ok: false, why: `the check could not use this answer: ${errorText(e)}` };
  }
  return { status: v.ok ? "passed" : "failed", why: v.why };
}

/**
 * Opens a notebook's lab record: a fresh run `runs/<notebook>_checks_<UTC time>` holding a
 * `manifest.json` (kind {@link LAB_KIND}) and a `checks/` folder that fills as verdicts are shown.
 *
 * @param notebook the notebook's name (`M1_reinforce_slow_motion`)
 * @param opts `root`: the project root whose `runs/` receives the record (default this project)
 */
export async function openLab(notebook: string, opts: { root?: string } = {}): Promise<Lab> {
  const runsDir = join(opts.root ?? PROJECT_ROOT, "runs");
  const run = await openRun(await uniqueRunPath(runsDir, `${notebook}_checks`), {
    force: false,
  });
  try {
    await run.writeJson("manifest.json", {
      kind: LAB_KIND,
      command: `notebook ${notebook}`,
      notebook,
      records: `${LAB_CHECKS_DIR}/<check name>.json`,
      ...(await provenance()),
    });
  } catch (e) {
    await run.abort();
    throw e;
  }
  const path = await run.commit();
  const checks = await guardedFolder(join(path, LAB_CHECKS_DIR));
  const last = new Map<string, Status>();

  async function record(
    name: string,
    kind: RecordKind,
    status: Status,
    why: string,
    answer: unknown,
    prediction?: string,
  ): Promise<Bundle> {
    const shown = verdictBundle(name, status, why);
    const line = checkLine(name, status, why);
    const rec: LabRecord = {
      name,
      kind,
      status,
      why: why.replace(/\s*\n\s*/g, " ").trim(),
      line,
      line_sha256: sha256Text(line),
      answer_sha256: answer === undefined ? null : answerDigest(answer),
      ...(prediction === undefined ? {} : { prediction }),
    };
    last.set(name, status);
    notebookHost()?.verdict({ ...rec });
    await checks.write(`${name}.json`, JSON.stringify(rec, null, 2) + "\n");
    return shown;
  }

  const lab: Lab = {
    path,
    cite: () => cite(`runs/${basename(path)}`),
    async grade(name, answer, contract) {
      assertCheckName(name);
      const { status, why } = await gradeAnswer(answer, contract);
      return await record(name, "exercise", status, why, answer);
    },
    async predict(name, text) {
      const full = `${PREDICT_PREFIX}${name}`;
      assertCheckName(full);
      const said = typeof text === "string" ? text.replace(/\s+/g, " ").trim() : "";
      return said === ""
        ? await record(
          full,
          "prediction",
          "not attempted",
          "write your prediction between the quotes before running the next cell",
          text,
        )
        : await record(full, "prediction", "passed", `recorded "${said}"`, text, text);
    },
    async check(name, ok, why = "") {
      return await record(name, "check", ok ? "passed" : "failed", why, undefined);
    },
    passed: (name) => last.get(name) === "passed",
  };
  // Frozen: a cell cannot swap a method (a `grade` that always passes) behind the checks' backs.
  return Object.freeze(lab);
}
