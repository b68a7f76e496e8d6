/**
 * What the grading sandbox refuses, and how each refusal is found (lib/course/tools/
 * grade_sandbox.ts runs the program). This module starts `deno info` and `deno test`; the
 * rest is pure.
 *
 * - **Cells that do not parse on their own** ({@link parseErrors}): the kernel runs a cell as a
 *   unit, so an unterminated template literal or comment is refused rather than allowed to
 *   swallow the cells (and the grader's markers) after it.
 * - **Imports.** Deno loads a program's static imports (and dynamic ones written as a literal)
 *   before it runs, without asking `--allow-read`: `import x from "/home/t/secret.json" with
 *   { type: "json" }` would read outside the sandbox. So before a program runs, `deno info`
 *   lists what it imports, and anything but `node:`, a locked `npm:` package or a file of the
 *   project's `lib/` is refused ({@link importRefusals}).
 * - **Accesses** while it runs ({@link violations}): Deno's permission audit lists every read,
 *   write, network, environment, system and FFI access asked for, granted or not, even when the
 *   code caught the refusal; anything outside the grants is a violation (except reading a
 *   `.git` above the slot: provenance looks for a repository and finds none). Attempts to start a
 *   process are not in the audit: the prelude reports each `new Deno.Command`, and an uncaught
 *   refusal names itself on standard error (`NotCapable: Requires run access to "id"`).
 * - **M4's `deno test`** ({@link denoTestBroker}): the sandbox may not start it; the grader
 *   does, only for `deno test --no-config --allow-read runs/<run>/<file>.ts`, after the same
 *   import check, in a sandbox of its own (read the slot's `lib/`, `data/` and `runs/`,
 *   nothing else).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { violations } from "./grade_refusals.ts";
 * const grants = { read: ["/s/root/lib"], write: ["/s/root/runs"] };
 * const run = { events: [], stderr: "", audit: [
 *   { permission: "read", value: "/s/root/lib/mod.ts" }, { permission: "read", value: "/s/.git" },
 *   { permission: "read", value: "/etc/passwd" }, { permission: "net", value: "example.com:443" } ] };
 * assertEquals(violations(run, grants, "/s/root/runs"), ["read /etc/passwd", "net example.com:443"]);
 * ```
 * @module
 */
import { dirname, isAbsolute, join, normalize, resolve } from "node:path";
import type { ChannelEvent } from "./grade_channel.ts";
import type { Broker } from "./grade_sandbox.ts";
import { sandboxEnv, sandboxGrants } from "./grade_sandbox.ts";
import { denoBinary, type Slot } from "./grade_slots.ts";

const inside = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/**
 * The imports of a module that the sandbox refuses, from `deno info --json`'s output: every
 * dependency of the root module that is not `node:`, `npm:` or a file under one of `libs`.
 */
export function importRefusals(info: unknown, libs: readonly string[]): string[] {
  const i = info as {
    roots?: string[];
    modules?: {
      specifier: string;
      dependencies?: {
        specifier: string;
        code?: { specifier?: string };
        type?: { specifier?: string };
      }[];
    }[];
  };
  const root = i.modules?.find((m) => m.specifier === i.roots?.[0]);
  const refused: string[] = [];
  for (const d of root?.dependencies ?? []) {
    for (const to of [d.code?.specifier, d.type?.specifier]) {
      if (to === undefined || to.startsWith("node:") || to.startsWith("npm:")) continue;
      const file = to.startsWith("file://") ? decodeURIComponent(new URL(to).pathname) : null;
      if (file !== null && libs.some((lib) => inside(normalize(file), lib))) continue;
      if (!refused.includes(d.specifier)) refused.push(d.specifier);
    }
  }
  return refused;
}

/** Runs `deno info` on a module and returns the imports the sandbox refuses. */
export async function checkImports(slot: Slot, module: string): Promise<string[]> {
  const out = await new Deno.Command(denoBinary(), {
    args: [
      "info",
      "--json",
      "--no-config",
      `--lock=${join(slot.project, "deno.lock")}`,
      "--frozen",
      module,
    ],
    env: sandboxEnv(join(slot.dir, "info-audit.jsonl")),
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const why = new TextDecoder().decode(out.stderr).trim().split("\n")[0].replace(/^error: /, "");
    return [`(the imports cannot be resolved: ${why})`];
  }
  const libs = [join(slot.root, "lib")];
  return importRefusals(JSON.parse(new TextDecoder().decode(out.stdout)), libs);
}

const REFUSED =
  /(?:NotCapable|PermissionDenied|TypeError): Requires (\w+) access(?: to "([^"]*)")?/g;

/**
 * The accesses outside the grants, as `<permission> <what>` (deduplicated, in order): from the
 * audit, the prelude's `refused` events and the uncaught refusals on standard error. `cwd` is
 * where relative paths in the audit start from.
 */
export function violations(
  run: {
    events: readonly ChannelEvent[];
    stderr: string;
    audit: readonly { permission: string; value: string | null }[];
  },
  grants: { read: readonly string[]; write: readonly string[] },
  cwd: string,
): string[] {
  const found: string[] = [];
  const add = (v: string) => {
    if (!found.includes(v)) found.push(v);
  };
  const ancestors = new Set<string>();
  for (let d = cwd; dirname(d) !== d; d = dirname(d)) ancestors.add(d);
  ancestors.add("/");
  for (const a of run.audit) {
    const path = a.value === null
      ? null
      : normalize(isAbsolute(a.value) ? a.value : resolve(cwd, a.value));
    if (a.permission === "read" && path !== null) {
      if (grants.read.some((g) => inside(path, g))) continue;
      if (path.endsWith("/.git") && ancestors.has(dirname(path))) continue;
    }
    if (a.permission === "write" && path !== null && grants.write.some((g) => inside(path, g))) {
      continue;
    }
    add(`${a.permission} ${a.value ?? "(all)"}`);
  }
  for (const e of run.events) {
    if (e.kind === "refused") add(`${e.permission} ${e.value}`);
  }
  for (const m of run.stderr.matchAll(REFUSED)) add(`${m[1]} ${m[2] ?? "(all)"}`);
  return found;
}

/**
 * Each cell that does not parse on its own (a cell of the kernel is a unit: an unterminated
 * string or comment cannot run on into the next cell), by its index in `sources`, with the
 * parser's message: one `deno fmt --check` over all of them, in `dir` (removed afterwards).
 */
export async function parseErrors(
  dir: string,
  sources: readonly string[],
): Promise<Map<number, string>> {
  await Deno.mkdir(dir, { recursive: true });
  const files = await Promise.all(sources.map(async (s, i) => {
    const f = join(dir, `cell_${i}.ts`);
    await Deno.writeTextFile(f, s);
    return f;
  }));
  const errors = new Map<number, string>();
  for (let at = 0; at < files.length; at += 500) {
    const out = await new Deno.Command(denoBinary(), {
      args: ["fmt", "--check", "--no-config", ...files.slice(at, at + 500)],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    for (const m of text.matchAll(/Error (?:checking|formatting): (\S+)\n\s*(.+)/g)) {
      errors.set(Number(/cell_(\d+)\.ts$/.exec(m[1])?.[1]), m[2].trim());
    }
  }
  await Deno.remove(dir, { recursive: true });
  return errors;
}

const TEST_FILE = /^runs\/[\w.-]+\/[\w.-]+\.ts$/;

/**
 * The grader's answer to the sandbox's `runDeno(["test", "--no-config", "--allow-read", file])`
 * (M4): the student's test run in a sandbox of its own, as `deno test` prints it. Any other
 * command is refused with a message the notebook shows.
 */
export const denoTestBroker: Broker = async (args, slot, deadline) => {
  const [cmd, noConfig, allowRead, file] = args;
  const wanted = args.length === 4 && cmd === "test" && noConfig === "--no-config" &&
    allowRead === "--allow-read" && TEST_FILE.test(file ?? "");
  if (!wanted) {
    return {
      code: 2,
      output:
        `the grading sandbox runs only \`deno test --no-config --allow-read runs/<run>/<file>.ts\`, not \`deno ${
          args.join(" ")
        }\``,
    };
  }
  const refused = await checkImports(slot, join(slot.root, file));
  if (refused.length > 0) {
    return { code: 1, output: `refused by the grading sandbox: it imports ${refused.join(", ")}` };
  }
  const grants = sandboxGrants(slot);
  const left = Math.max(1, deadline - performance.now());
  const out = await new Deno.Command(denoBinary(), {
    args: [
      "test",
      "--no-config",
      "--no-prompt",
      "--no-remote",
      "--cached-only",
      `--allow-read=${grants.read.join(",")}`,
      file,
    ],
    cwd: slot.root,
    env: sandboxEnv(join(slot.dir, "audit.jsonl")),
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(left),
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, output: `${dec.decode(out.stdout)}${dec.decode(out.stderr)}` };
};
