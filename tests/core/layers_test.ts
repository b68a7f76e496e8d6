// The house rules of lib/, as tests: which room may import which, no import cycle, the tiny model
// alone in policy/, an explicit student surface, thin CLIs in one flag dialect. README.md's
// "Layers" paragraph states the same rules.
import { dirname, join, normalize, relative } from "node:path";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { isDeclaredFlag } from "../../lib/cli/_framework/command.ts";

const LIB = join(PROJECT_ROOT, "lib");

/** The rooms below the experiments: each may import only the rooms listed (and itself). */
const LOOPS: Record<string, readonly string[]> = {
  core: [],
  instrument: ["core"],
  measure: ["core", "instrument"],
  select: ["core", "instrument", "measure"],
  policy: ["core", "instrument"],
  compare: ["core", "instrument", "measure", "select", "policy"],
  rollouts: ["core", "instrument", "measure"],
  learn: ["core", "instrument", "measure", "select", "policy"],
  datagen: ["core", "instrument", "measure", "policy"],
  redteam: ["core", "instrument", "measure", "datagen"],
  serve: ["core", "instrument", "measure", "policy"],
  trainers: ["core", "instrument", "measure"],
};
const LOOP_NAMES = Object.keys(LOOPS);

/** Above the loops: what each upper room may import. */
const UPPER: Record<string, readonly string[]> = {
  present: ["core", ...LOOP_NAMES], // loops: types and the constants below only
  experiments: [...LOOP_NAMES, "present"],
  course: [...LOOP_NAMES, "present", "experiments"],
  "course/tools": [...LOOP_NAMES, "present", "experiments", "course"],
  cli: [...LOOP_NAMES, "present", "experiments", "course", "course/tools", "cli"],
  mod: [...LOOP_NAMES, "present", "experiments", "course"],
};

/**
 * The values present/ may take from a loop room: data the words print (names, labels, the spec)
 * and the few pure functions that derive what a chart marks. Everything else it takes is a type.
 */
const PRESENT_VALUES = new Set([
  "DEFAULT_REWARD_PROBS",
  "MISSING_COMPLETION",
  "SPEC_V1",
  "KATA_LABELS",
  "REWARDED_PATH",
  "ATTACK_CLASSES",
  "RUBRIC_NOTES",
  "SCORER_NAME",
  "SCORER_VERSION",
  "divergenceStep",
  "movingSuccess",
  "goodhartLesson",
  "curveLabel",
  "visibleToken",
]);

interface Edge {
  from: string;
  to: string;
  names: string[];
  typeOnly: boolean;
  /** True when the import is in a doc comment's example (it counts for cycles only). */
  example: boolean;
}

function roomOf(file: string): string {
  const parts = relative(LIB, file).split("/");
  if (parts.length === 1) return "mod";
  if (parts[0] === "course" && parts[1] === "tools") return "course/tools";
  return parts[0];
}

function libFiles(dir = LIB): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) out.push(...libFiles(p));
    else if (e.name.endsWith(".ts")) out.push(p);
  }
  return out.sort();
}

const IMPORT =
  /(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s+["'](\.{1,2}\/[^"']+)["']|import\s*\(\s*["'](\.{1,2}\/[^"']+)["']/g;

function edgesOf(file: string): Edge[] {
  const text = Deno.readTextFileSync(file);
  const out: Edge[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    const to = normalize(join(dirname(file), spec));
    try {
      Deno.statSync(to);
    } catch {
      continue; // a string that only looks like an import (a notebook's path in an example)
    }
    const lineStart = text.lastIndexOf("\n", m.index!) + 1;
    const example = /^\s*\*/.test(text.slice(lineStart, m.index!));
    const list = (m[2] ?? "").replace(/[{}]/g, "").split(",").map((s) => s.trim()).filter((s) =>
      s !== ""
    );
    const typeOnly = m[1] !== undefined ||
      (list.length > 0 && list.every((s) => s.startsWith("type ")));
    const names = list.filter((s) => !s.startsWith("type ")).map((s) => s.split(/\s+as\s+/)[0]);
    out.push({ from: file, to, names, typeOnly, example });
  }
  return out;
}

const FILES = libFiles();
const EDGES = FILES.flatMap(edgesOf);
const rel = (f: string) => relative(PROJECT_ROOT, f);

Deno.test("lib/ has no import cycle (doc examples included)", () => {
  const next = new Map<string, string[]>();
  for (const e of EDGES) {
    if (e.to !== e.from) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "open") {
      cycles.push([...path.slice(path.indexOf(f)), f].map(rel).join(" -> "));
      return;
    }
    state.set(f, "open");
    for (const t of next.get(f) ?? []) visit(t, [...path, f]);
    state.set(f, "done");
  };
  for (const f of FILES) visit(f, []);
  assertEquals(cycles, []);
});

Deno.test("each room imports only the rooms below it (code, not doc examples)", () => {
  const wrong: string[] = [];
  for (const e of EDGES) {
    if (e.example) continue;
    const a = roomOf(e.from), b = roomOf(e.to);
    if (a === b) continue;
    const allowed = LOOPS[a] ?? UPPER[a];
    if (!allowed.includes(b)) wrong.push(`${rel(e.from)} -> ${rel(e.to)}`);
  }
  assertEquals(wrong, []);
});

Deno.test("no loop room imports present/, experiments/, course/ or cli/ (doc examples included)", () => {
  const up = EDGES.filter((e) =>
    roomOf(e.from) in LOOPS &&
    ["present", "experiments", "course", "course/tools", "cli"].includes(roomOf(e.to))
  );
  assertEquals(up.map((e) => `${rel(e.from)} -> ${rel(e.to)}`), []);
});

Deno.test("present/ takes types from the loops, and only the listed data and helpers as values", () => {
  const values = EDGES.filter((e) =>
    !e.example && roomOf(e.from) === "present" && roomOf(e.to) in LOOPS &&
    roomOf(e.to) !== "core" && !e.typeOnly
  ).flatMap((e) =>
    e.names.filter((n) => !PRESENT_VALUES.has(n)).map((n) => `${rel(e.from)}: ${n}`)
  );
  assertEquals(values, []);
});

Deno.test("lib/policy/ holds the tiny language model alone", () => {
  const names = [...Deno.readDirSync(join(LIB, "policy"))].map((e) => e.name);
  assertEquals(names.filter((n) => n.startsWith("rollouts") || n.startsWith("sim_policy")), []);
  assertEquals(names.filter((n) => /_run\.ts$/.test(n)), []);
});

Deno.test("lib/mod.ts lists the student surface name by name: no export *, at most 250 names", () => {
  const text = Deno.readTextFileSync(join(LIB, "mod.ts"));
  assertEquals(text.match(/export\s*\*/g), null);
  const names = [...text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)]
    .flatMap((m) => m[1].split(",").map((s) => s.trim()).filter((s) => s !== ""));
  assert(names.length > 100 && names.length <= 250, `${names.length} names`);
  assertEquals(new Set(names).size, names.length);
});

/** Every CLI entry point a task runs, with its exported command table(s). */
async function cliEntries(): Promise<{ file: string; tables: Record<string, unknown>[] }[]> {
  const tasks = JSON.parse(Deno.readTextFileSync(join(PROJECT_ROOT, "deno.json"))).tasks;
  const files = new Set<string>();
  for (const line of Object.values(tasks) as string[]) {
    for (const m of line.matchAll(/lib\/cli\/([a-z_]+)\.ts(?: ([a-z_]+))?/g)) {
      files.add(`lib/cli/${m[1]}.ts`);
      if (m[1] === "net_launch" && m[2]) files.add(`lib/cli/${m[2]}.ts`);
    }
  }
  const out = [];
  for (const file of [...files].sort()) {
    const mod = await import(new URL(`../../${file}`, import.meta.url).href);
    const tables = Object.values(mod).filter((v): v is { flags: Record<string, unknown> } =>
      typeof v === "object" && v !== null && "flags" in v && "name" in v
    ).map((c) => c.flags);
    out.push({ file, tables });
  }
  return out;
}

Deno.test("every CLI entry point is at most 70 lines", async () => {
  const long = (await cliEntries()).map(({ file }) => ({
    file,
    lines: Deno.readTextFileSync(join(PROJECT_ROOT, file)).split("\n").length - 1,
  })).filter((x) => x.lines > 70);
  assertEquals(long, []);
});

Deno.test("every CLI's flag table is built from flag.* (one dialect)", async () => {
  const other: string[] = [];
  for (const { file, tables } of await cliEntries()) {
    for (const table of tables) {
      for (const [name, f] of Object.entries(table)) {
        if (!isDeclaredFlag(f)) other.push(`${file} --${name}`);
      }
    }
  }
  assertEquals(other, []);
});
