/**
 * What every CLI shares: flag parsing that rejects unknown flags, and the exit-code contract
 * (0 ok, 1 a negative verdict such as a gate REJECT, 2 unusable input, 3 an internal error).
 * @module
 */
import { parseArgs } from "node:util";
import { environmentMessage, isEnvironmentError, UsageError } from "../core/errors.ts";

/** Flag definitions in node:util's `parseArgs` form. */
export type FlagSpec = Record<
  string,
  { type: "string" | "boolean"; short?: string; multiple?: boolean; default?: string | boolean }
>;

/**
 * Parses `argv` strictly against `spec`: an unknown flag, a missing value or a stray positional
 * argument is a {@link UsageError}.
 */
export function parseFlags<S extends FlagSpec>(
  argv: string[],
  spec: S,
  opts: { positionals?: boolean } = {},
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  // node:util reads "-0.5" as a flag; join a negative number onto the string flag before it.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith("--") ? argv[i].slice(2) : null;
    const next = argv[i + 1];
    if (
      name !== null && spec[name]?.type === "string" && next !== undefined && /^-\.?\d/.test(next)
    ) {
      args.push(`--${name}=${next}`);
      i++;
    } else args.push(argv[i]);
  }
  try {
    const { values, positionals } = parseArgs({
      args,
      options: spec,
      strict: true,
      allowPositionals: opts.positionals ?? false,
    });
    return {
      values: values as Record<string, string | boolean | string[] | undefined>,
      positionals,
    };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** A required string flag, or a UsageError naming it. */
export function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || v.length === 0) throw new UsageError(`--${name} is required`);
  return v;
}

/** An integer flag within [min, max], or a UsageError. */
export function intFlag(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  min = -Infinity,
  max = Infinity,
): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be an integer${min > -Infinity ? ` >= ${min}` : ""}${
        max < Infinity ? ` and <= ${max}` : ""
      }, got ${JSON.stringify(v)}`,
    );
  }
  return n;
}

/** A finite number flag, or a UsageError. */
export function numberFlag(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(n)) {
    throw new UsageError(`--${name} must be a number, got ${JSON.stringify(v)}`);
  }
  return n;
}

/**
 * Runs a CLI body and maps failures to exit codes (`--help`/`-h` prints the usage, exit 0): `InputError`/`UsageError` print one
 * `error: …` line (plus the usage for a usage mistake) and exit 2; anything else is a bug,
 * printed with its stack, exit 3. The body returns its own exit code (0 or 1).
 */
export async function runCli(usage: string, body: () => Promise<number>): Promise<never> {
  if (Deno.args.includes("--help") || Deno.args.includes("-h")) {
    console.log(usage); // every command answers --help the same way
    Deno.exit(0);
  }
  let code: number;
  try {
    code = await body();
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}\n\n${usage}`);
      code = 2;
    } else if (isEnvironmentError(e)) {
      console.error(`error: ${environmentMessage(e)}`); // bad input or environment: one line
      code = 2;
    } else {
      console.error("internal error (please report):", e);
      code = 3;
    }
  }
  Deno.exit(code);
}
