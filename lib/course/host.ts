/**
 * What hosts a notebook's code. In Jupyter's kernel (and in `deno run`, `deno test`) nothing is
 * installed and the course code behaves as it always has. In the grading sandbox
 * (lib/course/tools/grade_prelude.ts, imported before any cell) a {@link NotebookHost} is
 * installed once, and then:
 * - `show()` hands every bundle to {@link NotebookHost.display} (the grader compares what a cell
 *   showed with what the student's copy claims);
 * - every verdict a lab records also goes to {@link NotebookHost.verdict} (the grade comes from
 *   there, never from the text a cell printed);
 * - `chart()` returns the spec without laying it out or rasterising it (`chartsInert`);
 * - `runDeno()` asks the host (the sandbox may not start processes; the grader runs M4's
 *   `deno test` for it);
 * - {@link memoized} computations (a notebook's RL runs, its pass@k samples) are read from the
 *   host's memo when their inputs are byte for byte those of a run the grader already made:
 *   every student's notebook repeats the teacher's experiments, and they are deterministic.
 *
 * Installing is allowed once per process, so code that runs later (a notebook's cells) cannot
 * replace the grader's host, and the host object is frozen.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { notebookHost } from "./host.ts";
 * assertEquals(notebookHost(), null); // no host outside the grading sandbox
 * ```
 * @module
 */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";

/** The grader's side of a notebook's run. */
export interface NotebookHost {
  /** Receives every bundle `show()` displays (and its metadata). */
  display(
    data: Readonly<Record<string, unknown>>,
    metadata: Readonly<Record<string, unknown>>,
  ): void;
  /** Receives a copy of every verdict a lab records (lib/course/lab.ts's `LabRecord`). */
  verdict(record: Readonly<Record<string, unknown>>): void;
  /** Runs `deno <args>` in `cwd` on the notebook's behalf (lib/course/deno_run.ts). */
  runDeno(args: readonly string[], cwd: string): Promise<{ code: number; output: string }>;
  /** When true, `chart()` skips the layout and the PNG: the text and the spec are enough. */
  chartsInert: boolean;
  /** Results of deterministic computations, by the key of their inputs ({@link memoized}). */
  memo?: {
    get(key: string): string | null;
    put(key: string, value: string): void;
  };
}

/** How a memoized result is kept as text, exactly (typed arrays, -0, NaN and ±Infinity too). */
export interface MemoCodec<T> {
  encode(value: T): string;
  decode(text: string): T;
}

let installed: NotebookHost | null = null;

/**
 * Installs the host for the rest of the process (the grading sandbox's prelude does, before any
 * cell runs). A second call throws: whoever installed first keeps the host.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { installHost, notebookHost } from "./host.ts";
 * const host = {
 *   display: () => {},
 *   verdict: () => {},
 *   runDeno: () => Promise.resolve({ code: 0, output: "" }),
 *   chartsInert: true,
 * };
 * installHost(host);
 * let second = "";
 * try {
 *   installHost({ ...host, chartsInert: false });
 * } catch (e) {
 *   second = (e as Error).message;
 * }
 * assertEquals([second, notebookHost()?.chartsInert], ["a notebook host is installed already", true]);
 * ```
 */
export function installHost(host: NotebookHost): void {
  if (installed !== null) throw new Error("a notebook host is installed already");
  installed = Object.freeze({ ...host });
}

/** The installed host, or null (Jupyter's kernel, `deno run`, `deno test`). */
export function notebookHost(): NotebookHost | null {
  return installed;
}

/**
 * The key of a computation: its name and the SHA-256 of its inputs, walked exactly (numbers as
 * written, -0 apart; typed arrays by their bytes; objects by sorted keys; Maps by entries). A
 * function among the inputs cannot be keyed: it throws.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "../core/testing.ts";
 * import { inputsKey } from "./host.ts";
 * const a = inputsKey("run", { cfg: { lr: 0.1, seed: 0 }, w: new Float64Array([1, 2]) });
 * assertEquals(a, inputsKey("run", { w: new Float64Array([1, 2]), cfg: { seed: 0, lr: 0.1 } }));
 * assert(a !== inputsKey("run", { cfg: { lr: 0.1, seed: 0 }, w: new Float64Array([1, 2.0000001]) }));
 * ```
 */
export function inputsKey(name: string, inputs: unknown): string {
  const hash = createHash("sha256");
  const walk = (v: unknown): void => {
    if (typeof v === "number") hash.update(`n${Object.is(v, -0) ? "-0" : String(v)};`);
    else if (typeof v === "string") hash.update(`s${v.length}:${v}`);
    else if (typeof v === "boolean" || typeof v === "bigint" || v === null || v === undefined) {
      hash.update(`${typeof v}:${String(v)};`);
    } else if (ArrayBuffer.isView(v)) {
      hash.update(`t${v.constructor.name}${v.byteLength}:`);
      hash.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    } else if (Array.isArray(v)) {
      hash.update(`a${v.length}[`);
      v.forEach(walk);
      hash.update("]");
    } else if (v instanceof Map) {
      hash.update(`m${v.size}{`);
      for (const [k, x] of v) [k, x].forEach(walk);
      hash.update("}");
    } else if (typeof v === "object") {
      const keys = Object.keys(v).sort();
      hash.update(`o${keys.length}{`);
      for (const k of keys) [k, (v as Record<string, unknown>)[k]].forEach(walk);
      hash.update("}");
    } else throw new Error(`cannot key a ${typeof v} among a computation's inputs`);
  };
  walk(inputs);
  return `${name}-${hash.digest("hex")}`;
}

/**
 * `compute()`, or its result as the host's memo holds it under {@link inputsKey} of `inputs`
 * (only in the grading sandbox: elsewhere it always computes). A result computed under a host is
 * offered to its memo. `compute` must be deterministic in `inputs`, which must name everything it
 * reads.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { memoized } from "./host.ts";
 * const codec = { encode: (n: number) => String(n), decode: (s: string) => Number(s) };
 * assertEquals(memoized("square", { x: 3 }, () => 9, codec), 9); // no host: computed
 * ```
 */
export function memoized<T>(
  name: string,
  inputs: unknown,
  compute: () => T,
  codec: MemoCodec<T>,
): T {
  const memo = installed?.memo;
  if (memo === undefined) return compute();
  const key = inputsKey(name, inputs);
  const held = memo.get(key);
  if (held !== null) return codec.decode(held);
  const value = compute();
  memo.put(key, codec.encode(value));
  return value;
}

/**
 * The JSON codec of {@link memoized} results: exact for numbers JSON cannot hold (-0, NaN,
 * ±Infinity) and for Float64Arrays (by their bytes, base64).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { exactJson } from "./host.ts";
 * const v = { a: [-0, NaN, 1 / 3], w: new Float64Array([0.1, -Infinity]) };
 * const back = exactJson<typeof v>().decode(exactJson<typeof v>().encode(v));
 * assertEquals([Object.is(back.a[0], -0), Number.isNaN(back.a[1]), back.a[2], [...back.w]], [true, true, 1 / 3, [0.1, -Infinity]]);
 * ```
 */
export function exactJson<T>(): MemoCodec<T> {
  return {
    encode: (value) =>
      JSON.stringify(value, (_k, v) => {
        if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))) {
          return { $number: Object.is(v, -0) ? "-0" : String(v) };
        }
        if (v instanceof Float64Array) {
          return { $f64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
        }
        return v;
      }),
    decode: (text) =>
      JSON.parse(text, (_k, v) => {
        if (v !== null && typeof v === "object" && typeof v.$number === "string") {
          return v.$number === "-0" ? -0 : Number(v.$number);
        }
        if (v !== null && typeof v === "object" && typeof v.$f64 === "string") {
          const bytes = Buffer.from(v.$f64, "base64");
          return new Float64Array(
            bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
          );
        }
        return v;
      }),
  };
}
