/**
 * The points of each exercise, prediction and check, from the teacher's table beside the
 * solutions (`notebooks/solutions/points.json`), so a teacher changes the weights without
 * touching code:
 *
 * ```json
 * { "default": { "exercise": 2, "prediction": 1, "check": 0 },
 *   "notebooks": { "M1_reinforce_slow_motion": { "reinforce-update": 2, "predict-step-1": 1 } } }
 * ```
 *
 * An item the table does not name takes its kind's default, so a new exercise is graded before
 * anyone edits the table (tests/course/points_test.ts lists the ones without a weight). A passed
 * item earns its points (a prediction passes once written: it carries no right answer); any
 * other verdict earns 0. Pure but for {@link loadPoints}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { parsePoints, weightOf } from "./points.ts";
 * const table = parsePoints('{"default": {"exercise": 3}, "notebooks": {"M1": {"a": 5}}}', "points.json");
 * assertEquals([weightOf(table, "M1", "a", "exercise"), weightOf(table, "M1", "b", "exercise"),
 *   weightOf(table, "M1", "c", "prediction")], [5, 3, 1]);
 * ```
 * @module
 */
import { InputError } from "../../core/errors.ts";

/** Points per kind when neither the table's `default` nor its notebook entry names an item. */
export const DEFAULT_POINTS: Readonly<Record<PointKind, number>> = {
  exercise: 2,
  prediction: 1,
  check: 0,
  drawing: 1,
  written: 1,
};

/** The kinds of item a table gives points to. */
export type PointKind = "exercise" | "prediction" | "check" | "drawing" | "written";

/** The points table. */
export interface PointsTable {
  /** Points per kind. */
  default: Record<PointKind, number>;
  /** Notebook name → item → points. */
  notebooks: Record<string, Record<string, number>>;
  /** Where it was read from (or that the built-in defaults are used). */
  source: string;
}

const isPoints = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;

/** Reads the table's JSON; anything malformed is an {@link InputError} naming `path`. */
export function parsePoints(text: string, path: string): PointsTable {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(path, null, `is not JSON (${(e as Error).message})`);
  }
  const r = raw as {
    default?: Record<string, unknown>;
    notebooks?: Record<string, Record<string, unknown>>;
  };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InputError(path, null, "must be an object with `default` and `notebooks`");
  }
  const table: PointsTable = { default: { ...DEFAULT_POINTS }, notebooks: {}, source: path };
  for (const [kind, v] of Object.entries(r.default ?? {})) {
    if (!(kind in DEFAULT_POINTS) || !isPoints(v)) {
      throw new InputError(
        path,
        null,
        `default.${kind}: expected exercise, prediction, check, drawing or written with points ≥ 0`,
      );
    }
    table.default[kind as keyof typeof DEFAULT_POINTS] = v as number;
  }
  for (const [nb, items] of Object.entries(r.notebooks ?? {})) {
    if (items === null || typeof items !== "object") {
      throw new InputError(path, null, `notebooks.${nb}: expected an object`);
    }
    table.notebooks[nb] = {};
    for (const [item, v] of Object.entries(items)) {
      if (!isPoints(v)) {
        throw new InputError(path, null, `notebooks.${nb}.${item}: points must be a number ≥ 0`);
      }
      table.notebooks[nb][item] = v as number;
    }
  }
  return table;
}

/** Reads `path`; a missing file gives the built-in defaults (said in `source`). */
export async function loadPoints(path: string): Promise<PointsTable> {
  try {
    return parsePoints(await Deno.readTextFile(path), path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    return {
      default: { ...DEFAULT_POINTS },
      notebooks: {},
      source: `built-in defaults (no ${path})`,
    };
  }
}

/** The points an item is worth. */
export function weightOf(
  table: PointsTable,
  notebook: string,
  item: string,
  kind: PointKind,
): number {
  return table.notebooks[notebook]?.[item] ?? table.default[kind];
}
