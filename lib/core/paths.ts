/**
 * Where things live, resolved from this file rather than the working directory (a notebook's
 * kernel runs in `notebooks/`, a task in the project root; both must find the same data).
 *
 * @example
 * ```ts
 * import { assert } from "./testing.ts";
 * import { dataPath } from "./paths.ts";
 * assert(dataPath("datasets/math_dev.jsonl").endsWith("data/datasets/math_dev.jsonl"));
 * ```
 * @module
 */
import { fileURLToPath } from "node:url";

/** The project root (the folder holding `deno.json`), as an absolute path. */
export const PROJECT_ROOT: string = fileURLToPath(new URL("../../", import.meta.url)).replace(
  /\/$/,
  "",
);

/** Absolute path of a file under `data/`. */
export function dataPath(relative: string): string {
  return `${PROJECT_ROOT}/data/${relative}`;
}

/** Absolute path of a file or folder under `runs/`. */
export function runsPath(relative = ""): string {
  return relative === "" ? `${PROJECT_ROOT}/runs` : `${PROJECT_ROOT}/runs/${relative}`;
}
