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
