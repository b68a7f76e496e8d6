/**
 * The one error type for bad input: it names the file and, where there is one, the line, in the
 * `path:line: message` form compilers use, so an editor can jump to it. CLIs turn it into exit
 * code 2; nothing else in `lib/` prints or exits.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { InputError } from "./errors.ts";
 * assertEquals(new InputError("data/x.jsonl", 4, "malformed JSON").message, "data/x.jsonl:4: malformed JSON");
 * ```
 * @module
 */

/** Bad input: a file, line or flag the user must fix. */
export class InputError extends Error {
  /** The file at fault (as the user named it), or null for a flag. */
  readonly path: string | null;
  /** The 1-based line at fault, or null when the whole file is at fault. */
  readonly line: number | null;
  constructor(path: string | null, line: number | null, what: string) {
    const where = path === null ? "" : line === null ? `${path}: ` : `${path}:${line}: `;
    super(`${where}${what}`);
    this.name = "InputError";
    this.path = path;
    this.line = line;
  }
}

/** A command-line usage mistake (unknown flag, missing value): also exit code 2. */
export class UsageError extends Error {
  constructor(what: string) {
    super(what);
    this.name = "UsageError";
  }
}

/** Operating-system error codes that mean the environment, not the program, failed. */
const ENVIRONMENT_CODES = new Set([
  "ENOSPC",
  "EDQUOT",
  "EFBIG",
  "EIO",
  "EROFS",
  "EACCES",
  "EPERM",
  "ENOENT",
  "ENOTDIR",
  "EISDIR",
  "EEXIST",
  "ENOTEMPTY",
  "EMFILE",
  "ENFILE",
  "ENAMETOOLONG",
  "ELOOP",
  "EBUSY",
  "ETXTBSY",
  "EXDEV",
]);

/**
 * True when `e` is a failure of the environment (a full disk, a missing or unreadable file, a
 * denied permission) rather than a bug: an {@link InputError}, one of Deno's file-system error
 * classes, or an error carrying an operating-system code such as `ENOSPC`. CLIs turn such errors
 * into one `error:` line and exit code 2, never a stack trace.
 *
 * @example
 * ```ts
 * import { assert } from "./testing.ts";
 * import { isEnvironmentError } from "./errors.ts";
 * assert(isEnvironmentError(Object.assign(new Error("No space left on device"), { code: "ENOSPC" })));
 * assert(!isEnvironmentError(new TypeError("x is undefined")));
 * ```
 */
export function isEnvironmentError(e: unknown): boolean {
  if (e instanceof InputError || e instanceof UsageError) return true;
  const errors = Deno.errors;
  for (
    const kind of [
      errors.NotFound,
      errors.PermissionDenied,
      errors.NotCapable,
      errors.AlreadyExists,
      errors.IsADirectory,
      errors.NotADirectory,
      errors.FilesystemLoop,
      errors.WriteZero,
      errors.UnexpectedEof,
      errors.Busy,
    ]
  ) if (e instanceof kind) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && ENVIRONMENT_CODES.has(code);
}

/** The one line a CLI prints for an environment error (`error: ` is added by the CLI). */
export function environmentMessage(e: unknown): string {
  if (e instanceof InputError || e instanceof UsageError) return e.message;
  const message = e instanceof Error ? e.message : String(e);
  return message.split("\n")[0].replace(/ \(os error \d+\)/, "");
}
