/**
 * What a teacher hands `deno task grade`: notebooks, found in the layouts a class arrives in, each
 * with its student and the course notebook it is. This module reads the files.
 *
 * Accepted layouts (hidden files and folders, such as `.ipynb_checkpoints/`, are skipped):
 * - `CLASS/<student>/<notebook>.ipynb`: one folder per student;
 * - `CLASS/<student>__<notebook>.ipynb`: one file per student and notebook;
 * - `DIR/<notebook>.ipynb`: one student's notebooks, the student named after the folder;
 * - a file `<student>__<notebook>.ipynb`, or `<notebook>.ipynb` (the student is its folder's
 *   name).
 *
 * `<notebook>` must be one of the course's notebooks (`notebooks/<notebook>.ipynb`). Every file is
 * read and parsed before anything runs (keeping only the text of its outputs, {@link textOnly}): a file that is not a notebook, or not one of the
 * course's, or a student handing the same notebook twice, is an InputError (exit 2), and
 * nothing is graded.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { namesOf } from "./submissions.ts";
 * assertEquals(namesOf("class/ada__M1_x.ipynb"), { student: "ada", notebook: "M1_x" });
 * assertEquals(namesOf("class/bob/M1_x.ipynb"), { student: "bob", notebook: "M1_x" });
 * ```
 * @module
 */
import { basename, dirname, join, resolve } from "node:path";
import { InputError, UsageError } from "../../core/errors.ts";
import { type Notebook, readNotebook } from "./ipynb.ts";
import { listNotebooks, notebookName } from "./execute.ts";

/** One notebook handed in. */
export interface Submission {
  student: string;
  /** The course notebook it is (`M1_reinforce_slow_motion`). */
  notebook: string;
  /** The file, as found. */
  file: string;
  nb: Notebook;
}

/**
 * The notebook with only the text of its outputs (`text/plain`, streams, errors): all the grader
 * compares, and a class of executed notebooks holds megabytes of chart images it never reads.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { textOnly } from "./submissions.ts";
 * const out = { output_type: "display_data", metadata: {}, data: { "image/png": "iVBOR", "text/plain": "[chart: t]" } };
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", source: "", metadata: {}, execution_count: 1, outputs: [out] }] };
 * assertEquals(textOnly(nb).cells[0].outputs, [{ ...out, data: { "text/plain": "[chart: t]" } }]);
 * ```
 */
export function textOnly(nb: Notebook): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((c) =>
      c.outputs === undefined ? c : {
        ...c,
        outputs: c.outputs.map((o) =>
          o.data === undefined ? o : {
            ...o,
            data: "text/plain" in o.data ? { "text/plain": o.data["text/plain"] } : {},
          }
        ),
      }
    ),
  };
}

/** The course's committed notebooks (`notebooks/*.ipynb`), by name, in course order. */
export async function courseNotebooks(): Promise<Map<string, Notebook>> {
  const committed = new Map<string, Notebook>();
  for (const p of await listNotebooks()) committed.set(notebookName(p), await readNotebook(p));
  return committed;
}

/** The student and notebook a file's path names (see the module doc). */
export function namesOf(path: string): { student: string; notebook: string } {
  const name = basename(path).replace(/\.ipynb$/, "");
  const split = name.indexOf("__");
  if (split > 0) return { student: name.slice(0, split), notebook: name.slice(split + 2) };
  return { student: basename(dirname(resolve(path))), notebook: name };
}

async function entries(dir: string): Promise<Deno.DirEntry[]> {
  const out: Deno.DirEntry[] = [];
  for await (const e of Deno.readDir(dir)) if (!e.name.startsWith(".")) out.push(e);
  return out.sort((a, b) => a.name.localeCompare(b.name, "en"));
}

/** The notebook files under the given paths, in the layouts above. */
async function notebookFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await Deno.stat(path).catch(() => null);
    if (info === null) throw new InputError(path, null, "no such file or folder");
    if (info.isFile) {
      files.push(path);
      continue;
    }
    for (const e of await entries(path)) {
      const p = join(path, e.name);
      if (e.isDirectory) {
        for (const f of await entries(p)) {
          if (f.isFile && f.name.endsWith(".ipynb")) files.push(join(p, f.name));
        }
      } else if (e.isFile && e.name.endsWith(".ipynb")) files.push(p);
    }
  }
  return files;
}

/**
 * Finds, reads and checks every submission under `paths` against the course's notebook names
 * (see the module doc for the layouts and what is refused).
 */
export async function findSubmissions(
  paths: readonly string[],
  course: readonly string[],
): Promise<Submission[]> {
  if (paths.length === 0) {
    throw new UsageError("expected at least one notebook or folder of notebooks");
  }
  const files = await notebookFiles(paths);
  if (files.length === 0) throw new InputError(paths.join(" "), null, "holds no .ipynb file");
  const seen = new Map<string, string>();
  const subs: Submission[] = [];
  for (const file of files) {
    if (!file.endsWith(".ipynb")) throw new InputError(file, null, "is not a notebook (.ipynb)");
    const { student, notebook } = namesOf(file);
    if (!course.includes(notebook)) {
      throw new InputError(
        file,
        null,
        `is not one of the course's notebooks (${course.join(", ")})`,
      );
    }
    const key = `${student}/${notebook}`;
    if (seen.has(key)) {
      throw new InputError(
        file,
        null,
        `${student} hands ${notebook} twice (also ${seen.get(key)})`,
      );
    }
    seen.set(key, file);
    subs.push({ student, notebook, file, nb: textOnly(await readNotebook(file)) });
  }
  return subs.sort((a, b) =>
    a.student.localeCompare(b.student, "en") ||
    course.indexOf(a.notebook) - course.indexOf(b.notebook)
  );
}
