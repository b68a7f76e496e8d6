/**
 * Running a doc's shell lines as a reader would (for the tests that keep the docs true): a
 * scratch copy of the project's parts the lines need, an environment with the running `deno`
 * first on PATH, and one line at a time through `bash -c`.
 */
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/paths.ts";

/** A temporary folder holding copies of `entries` of the project and an empty `runs/`. */
export async function scratchProject(entries: readonly string[], prefix: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix });
  for (const entry of entries) {
    await new Deno.Command("cp", { args: ["-r", join(PROJECT_ROOT, entry), dir] }).output();
  }
  await Deno.mkdir(join(dir, "runs"), { recursive: true });
  return dir;
}

/** The environment of a doc's commands: this Deno first on PATH, no colours, `extra` added. */
export function shellEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${dirname(Deno.execPath())}:${Deno.env.get("PATH") ?? ""}`,
    NO_COLOR: "1",
    DENO_NO_UPDATE_CHECK: "1",
    HOME: Deno.env.get("HOME") ?? "/tmp",
    ...extra,
  };
}

/** One shell line, run in `cwd`: its exit code and what it printed. */
export async function sh(
  command: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command("bash", {
    args: ["-c", command],
    cwd,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

/** True when `jq` runs here (lines that pipe into it are skipped without it). */
export async function haveJq(): Promise<boolean> {
  return await new Deno.Command("jq", { args: ["--version"], stdout: "null", stderr: "null" })
    .output().then((o) => o.success, () => false);
}
