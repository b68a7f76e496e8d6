/**
 * One shape for every command: a declarative table of flags that produces the usage text, the
 * defaults and the parsed, typed values (one source for all three), and `runCommand()`, which
 * maps failures to the exit-code contract (0 ok, 1 a negative verdict, 2 unusable input or
 * environment, 3 a bug).
 *
 * A CLI declares its {@link Command}, then calls `runCommand(command, body)` behind
 * `import.meta.main`; `body` receives the parsed flags and returns 0 or 1.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { type Command, parseCommand, usageOf } from "./command.ts";
 * const cmd = {
 *   name: "deno task demo",
 *   summary: "A demo.",
 *   flags: {
 *     steps: { type: "int", arg: "N", help: "how many steps", default: 30, min: 1 },
 *     plot: { type: "boolean", help: "write a chart" },
 *   },
 * } as const satisfies Command;
 * assertEquals(parseCommand(cmd, ["--steps", "5"]).flags, { steps: 5, plot: false });
 * assertEquals(usageOf(cmd).split("\n")[0], "usage: deno task demo [--steps N] [--plot]");
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import {
  environmentMessage,
  InputError,
  isEnvironmentError,
  UsageError,
} from "../../core/errors.ts";

/** One flag: its kind, the placeholder shown in the usage, one line of help, and its default. */
export type Flag =
  | { type: "boolean"; help: string; short?: string }
  | {
    type: "string";
    arg: string;
    help: string;
    default?: string;
    required?: boolean;
    /** When set, the value must be one of these. */
    choices?: readonly string[];
  }
  | {
    type: "int" | "number";
    arg: string;
    help: string;
    default?: number;
    required?: boolean;
    min?: number;
    max?: number;
  }
  | { type: "list"; arg: string; help: string; default?: readonly string[] };

/** The flags of a command, by name (without the leading `--`). */
export type FlagTable = Record<string, Flag>;

/** A command: how it is invoked, what it does (one paragraph), and its flags. */
export interface Command {
  /** How a user runs it, e.g. `deno task eval`. */
  name: string;
  /** What it does, printed under the usage line. */
  summary: string;
  flags: FlagTable;
  /** Positional arguments, when the command takes any (shown in the usage line). */
  positionals?: { arg: string; help: string };
  /** Text printed after the flags (exit codes, examples). */
  epilogue?: string;
}

type ValueOf<F extends Flag> = F extends { type: "boolean" } ? boolean
  : F extends { type: "list" } ? string[]
  : F extends { type: "int" | "number"; default: number } ? number
  : F extends { type: "int" | "number"; required: true } ? number
  : F extends { type: "int" | "number" } ? number | undefined
  : F extends { type: "string"; default: string } ? string
  : F extends { type: "string"; required: true } ? string
  : string | undefined;

/** The parsed values of a flag table, typed from the table. */
export type FlagValues<T extends FlagTable> = { -readonly [K in keyof T]: ValueOf<T[K]> };

function flagUsage(name: string, f: Flag): string {
  const head = f.type === "boolean" ? `--${name}` : `--${name} ${f.arg}`;
  return "required" in f && f.required ? head : `[${head}]`;
}

function defaultText(f: Flag): string {
  if (f.type === "boolean") return "off";
  if (f.type === "list") return f.default && f.default.length > 0 ? f.default.join(",") : "";
  return f.default === undefined ? "" : String(f.default);
}

/**
 * The usage text of a command, generated from its table: the usage line, the summary, one line
 * per flag with its documented default, and the epilogue.
 */
export function usageOf(cmd: Command): string {
  const names = Object.keys(cmd.flags);
  const line = [
    `usage: ${cmd.name}`,
    ...names.map((n) => flagUsage(n, cmd.flags[n])),
    ...(cmd.positionals ? [cmd.positionals.arg] : []),
  ].join(" ");
  const heads = names.map((n) => {
    const f = cmd.flags[n];
    return f.type === "boolean" ? `--${n}` : `--${n} ${f.arg}`;
  });
  const width = Math.max(12, ...heads.map((h) => h.length)) + 2;
  const rows = names.map((n, i) => {
    const f = cmd.flags[n];
    const def = defaultText(f);
    const note = "required" in f && f.required
      ? " (required)"
      : def === ""
      ? ""
      : ` (default ${def})`;
    return `  ${heads[i].padEnd(width)}${f.help}${note}`;
  });
  if (cmd.positionals) {
    rows.push(`  ${cmd.positionals.arg.padEnd(width)}${cmd.positionals.help}`);
  }
  rows.push(`  ${"-h, --help".padEnd(width)}show this help`);
  return [line, "", cmd.summary, "", ...rows, ...(cmd.epilogue ? ["", cmd.epilogue] : [])].join(
    "\n",
  );
}

/** A decimal number as a flag may spell it: `-0.5`, `5e-4`, `.25`, `12`. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function numberValue(name: string, f: Flag & { type: "int" | "number" }, raw: string): number {
  const n = f.type === "int"
    ? (/^-?\d+$/.test(raw) ? Number(raw) : NaN)
    : (DECIMAL.test(raw) ? Number(raw) : NaN); // decimal only: "0x10", "1_0" or " 5" is no number
  const ok = f.type === "int" ? Number.isSafeInteger(n) : Number.isFinite(n);
  if (!ok || (f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) {
    const range = [
      f.min !== undefined ? `>= ${f.min}` : "",
      f.max !== undefined ? `<= ${f.max}` : "",
    ].filter((s) => s).join(" and ");
    throw new UsageError(
      `--${name} must be ${f.type === "int" ? "an integer" : "a number"}${
        range ? " " + range : ""
      }, got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

/**
 * Parses `argv` against a command's table: unknown flags, missing values, stray positionals,
 * a missing required flag and a value out of range are each a {@link UsageError}. Defaults come
 * from the table; a boolean absent is `false`, a list absent is its default or `[]`.
 */
export function parseCommand<C extends Command>(
  cmd: C,
  argv: readonly string[],
): { flags: FlagValues<C["flags"]>; positionals: string[] } {
  const options: Record<
    string,
    { type: "string" | "boolean"; short?: string; multiple?: boolean }
  > = {};
  for (const [name, f] of Object.entries(cmd.flags)) {
    options[name] = f.type === "boolean"
      ? { type: "boolean", ...(f.short ? { short: f.short } : {}) }
      : { type: "string", ...(f.type === "list" ? { multiple: true } : {}) };
  }
  // node:util reads "-0.5" as a flag: join a negative number onto the value flag before it.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith("--") ? argv[i].slice(2) : null;
    const next = argv[i + 1];
    if (
      name !== null && options[name]?.type === "string" && next !== undefined &&
      /^-\.?\d/.test(next)
    ) {
      args.push(`--${name}=${next}`);
      i++;
    } else args.push(argv[i]);
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: !!cmd.positionals });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(cmd.flags)) {
    const raw = parsed.values[name];
    if (f.type === "boolean") {
      out[name] = raw === true;
    } else if (f.type === "list") {
      const items = (raw as string[] | undefined)?.flatMap((s) => s.split(","));
      out[name] = items ?? [...(f.default ?? [])];
    } else if (raw === undefined || raw === "") {
      if (f.required) throw new UsageError(`--${name} is required`);
      if (raw === "" && f.type === "string" && f.default === undefined) {
        throw new InputError(null, null, `--${name} needs a value; it is empty`); // one line
      }
      out[name] = f.default;
    } else if (f.type === "string") {
      if (f.choices && !f.choices.includes(raw as string)) {
        throw new UsageError(
          `--${name} must be one of ${f.choices.join(", ")}, got ${JSON.stringify(raw)}`,
        );
      }
      out[name] = raw;
    } else {
      out[name] = numberValue(name, f, raw as string);
    }
  }
  return { flags: out as FlagValues<C["flags"]>, positionals: parsed.positionals };
}

/**
 * Runs a command: `--help`/`-h` prints the usage (exit 0); otherwise parses the flags and runs
 * `body`, whose return (0 or 1) is the exit code. A {@link UsageError} prints one `error:` line
 * and the usage (exit 2); an {@link InputError} prints one `error:` line (exit 2); anything else
 * is a bug, printed with its stack (exit 3).
 */
export async function runCommand<C extends Command>(
  cmd: C,
  body: (flags: FlagValues<C["flags"]>, positionals: string[]) => Promise<number>,
  argv: readonly string[] = Deno.args,
): Promise<never> {
  const usage = usageOf(cmd);
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(usage);
    Deno.exit(0);
  }
  let code: number;
  try {
    const { flags, positionals } = parseCommand(cmd, argv);
    code = await body(flags, positionals);
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

type StringOptions = { default?: string; required?: boolean; choices?: readonly string[] };
type NumberOptions = { default?: number; required?: boolean; min?: number; max?: number };

/** Every flag made by {@link flag}, so a test can tell that a table uses no other dialect. */
const DECLARED = new WeakSet<object>();
const declared = <F extends object>(f: F): F => {
  DECLARED.add(f);
  return f;
};

/**
 * True when `f` was made by one of the {@link flag} constructors (the one flag dialect).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { flag, isDeclaredFlag } from "./command.ts";
 * assertEquals([isDeclaredFlag(flag.bool("x")), isDeclaredFlag({ type: "boolean", help: "x" })], [true, false]);
 * ```
 */
export function isDeclaredFlag(f: unknown): boolean {
  return typeof f === "object" && f !== null && DECLARED.has(f);
}

/**
 * The constructors of a command's flags, the one dialect every table is written in, so each flag
 * is one line: `steps: flag.int("N", "training steps", { default: 30, min: 1 })`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { flag, parseCommand } from "./command.ts";
 * const cmd = { name: "x", summary: "", flags: { n: flag.int("N", "count", { default: 2 }) } };
 * assertEquals(parseCommand(cmd, []).flags.n, 2);
 * ```
 */
export const flag = {
  bool: (help: string, o: { short?: string } = {}) =>
    declared({ type: "boolean", help, ...o }) as { type: "boolean"; help: string; short?: string },
  str: <const O extends StringOptions = Record<never, never>>(arg: string, help: string, o?: O) =>
    declared({ type: "string", arg, help, ...o }) as
      & { type: "string"; arg: string; help: string }
      & O,
  int: <const O extends NumberOptions = Record<never, never>>(arg: string, help: string, o?: O) =>
    declared({ type: "int", arg, help, ...o }) as { type: "int"; arg: string; help: string } & O,
  num: <const O extends NumberOptions = Record<never, never>>(arg: string, help: string, o?: O) =>
    declared({ type: "number", arg, help, ...o }) as
      & { type: "number"; arg: string; help: string }
      & O,
  list: (arg: string, help: string, o: { default?: readonly string[] } = {}) =>
    declared({ type: "list", arg, help, ...o }) as {
      type: "list";
      arg: string;
      help: string;
      default?: readonly string[];
    },
};

/**
 * A settings record from parsed flags: every key of `defaults` takes the flag of the same name
 * in kebab case (`promptsPerStep` or `top_p` ← `--prompts-per-step`, `--top-p`) when the command
 * has it, and keeps its default otherwise. Keys the defaults do not have are ignored, so nothing else leaks in.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { settingsFrom } from "./command.ts";
 * const got = settingsFrom({ steps: 10, groupSize: 8 }, { "group-size": 4, outdir: "runs/x" });
 * assertEquals(got, { steps: 10, groupSize: 4 });
 * ```
 */
export function settingsFrom<T extends object>(defaults: T, flags: Record<string, unknown>): T {
  const out = { ...defaults } as Record<string, unknown>;
  for (const key of Object.keys(defaults)) {
    const v = flags[key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()).replaceAll("_", "-")];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}
