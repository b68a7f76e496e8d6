/**
 * A cell's code without its comments and blank space, so two cells compare by what they run:
 * the review's test for "this answer cell is still the stub" compares the cell's code with the
 * committed stub's code. (Pure.)
 *
 * Why not a pattern: a student who replaces `return TODO;` and keeps the stub's comment
 * ("Replace `return TODO;` with your code") has written an answer; so has one whose function
 * declares `const next: number[] = [];`. Only the code that changed says so.
 *
 * The scanner knows strings (`'…'`, `"…"`, template literals, kept whole with their escapes)
 * and comments (`//…`, `/* … *\/`); a regular expression literal holding `//` or a quote is the
 * one thing it can misread, which can only make an edited cell look edited.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { codeOf } from "./cell_code.ts";
 * assertEquals(codeOf("// Replace `return TODO;`\nfunction f() {\n  return TODO; // here\n}"),
 *   "function f() { return TODO; }");
 * assertEquals(codeOf('const s = "a  // b";'), 'const s = "a  // b";');
 * ```
 * @module
 */

/**
 * The code of a cell: comments removed, every run of blank space (line breaks included) outside
 * strings one space, none at either end. Strings are kept as written.
 */
export function codeOf(source: string): string {
  const parts: string[] = []; // code and strings in turn; only code is folded
  let code = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i], next = source[i + 1];
    if (c === "/" && next === "/") {
      while (i < source.length && source[i] !== "\n") i++;
      code += " ";
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 2;
      code += " ";
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === "\\" ? 2 : 1;
      parts.push(code.replace(/\s+/g, " "), source.slice(i, j + 1));
      code = "";
      i = j + 1;
    } else {
      code += c;
      i++;
    }
  }
  parts.push(code.replace(/\s+/g, " "));
  return parts.join("").trim();
}

/**
 * True when a cell's source runs the same code as the committed stub's (comments and spacing
 * aside): the student has not answered yet.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { isStub } from "./cell_code.ts";
 * const stub = "// Replace `return TODO;`.\nfunction f(): number[] {\n  return rl.TODO;\n}";
 * const mine = "// Replace `return TODO;`.\nfunction f(): number[] {\n  const next: number[] = [];\n  return next;\n}";
 * assertEquals([isStub(stub, stub), isStub("// my notes\n" + stub, stub), isStub(mine, stub)], [true, true, false]);
 * ```
 */
export function isStub(source: string, stubSource: string): boolean {
  return codeOf(source) === codeOf(stubSource);
}
