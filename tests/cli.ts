/**
 * One way for tests to run a CLI: exactly as its `deno task` runs it. {@link runTask} reads the
 * task's command line from `deno.json` (`deno run --quiet <flags> lib/cli/X.ts [args]`), so a
 * test runs every CLI with the task's own permissions and no more; a test that passes proves the
 * narrow permissions are enough. The CLI runs in a scratch folder (see {@link scratch}), so a
 * task's `--allow-write=runs` means that folder's `runs/`, never the project's.
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/paths.ts";

/** What a CLI run gave back. */
export interface CliResult {
  /** The exit code (0 ok, 1 a negative verdict, 2 unusable input, 3 a bug). */
  code: number;
  stdout: string;
  stderr: string;
}

/** How one task runs: its permission flags, its script and any arguments the task itself adds. */
export interface TaskCommand {
  /** Everything between `deno run` and the script, e.g. `--quiet --allow-read`. */
  flags: string[];
  /** The script, as an absolute path. */
  script: string;
  /** Arguments written into the task after the script (e.g. `--strip`). */
  args: string[];
}

const CONFIG = join(PROJECT_ROOT, "deno.json");
let tasks: Record<string, string> | null = null;

/**
 * Parses the `deno.json` entry of `task`. Only `deno run … lib/cli/X.ts …` tasks are CLIs;
 * anything else is an error in the test, not a silent fallback to other permissions.
 */
export function taskCommand(task: string): TaskCommand {
  tasks ??= JSON.parse(Deno.readTextFileSync(CONFIG)).tasks as Record<string, string>;
  const line = tasks[task];
  if (line === undefined) throw new Error(`deno.json has no task "${task}"`);
  const words = line.trim().split(/\s+/);
  const at = words.findIndex((w) => w.endsWith(".ts"));
  if (words[0] !== "deno" || words[1] !== "run" || at < 0) {
    throw new Error(`task "${task}" is not "deno run <flags> <script>": ${line}`);
  }
  // The lock file is named relative to the project (tasks run there); a test runs elsewhere.
  const flags = words.slice(2, at).map((f) =>
    f.startsWith("--lock=") ? `--lock=${join(PROJECT_ROOT, f.slice("--lock=".length))}` : f
  );
  const stray = flags.find((f) => !f.startsWith("-"));
  if (stray !== undefined) throw new Error(`task "${task}": unexpected word "${stray}" in ${line}`);
  return { flags, script: join(PROJECT_ROOT, words[at]), args: words.slice(at + 1) };
}

/**
 * A fresh scratch folder holding an empty `runs/`: the working directory a task expects (the
 * tasks may write only under `./runs`).
 */
export async function scratch(prefix = "cli_test_"): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix });
  await Deno.mkdir(join(dir, "runs"));
  return dir;
}

/**
 * Runs `deno task <task> <args>` the way the task does: its flags from `deno.json`, the project's
 * config (`--config`, so imports and the lock file resolve), the script by absolute path, in
 * `opts.cwd` (default: a fresh {@link scratch} folder, removed afterwards), with `NO_COLOR=1`
 * and `opts.stdin` on standard input if given. With `opts.hangsAfterMs`, a task still running
 * then is killed and the call throws, saying it hangs (a guard that fails loudly, not a speed
 * assertion: speed targets live in `deno task bench`).
 * (and `opts.env`, for a task that starts `deno` from PATH).
 */
export async function runTask(
  task: string,
  args: string[],
  opts: { cwd?: string; stdin?: string; hangsAfterMs?: number; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const { flags, script, args: taskArgs } = taskCommand(task);
  const cwd = opts.cwd ?? await scratch();
  try {
    return await run(
      [
        "run",
        `--config=${CONFIG}`,
        ...flags,
        script,
        ...taskArgs,
        ...args,
      ],
      cwd,
      opts.stdin,
      opts.hangsAfterMs,
      opts.env ?? {},
    );
  } finally {
    if (opts.cwd === undefined) await Deno.remove(cwd, { recursive: true });
  }
}

async function run(
  args: string[],
  cwd: string,
  stdin: string | undefined,
  hangsAfterMs: number | undefined,
  env: Record<string, string>,
): Promise<CliResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  let hung = false;
  const guard = hangsAfterMs === undefined ? undefined : setTimeout(() => {
    hung = true;
    child.kill("SIGKILL");
  }, hangsAfterMs);
  const out = await child.output().finally(() => clearTimeout(guard));
  if (hung) throw new Error(`the task was still running after ${hangsAfterMs} ms: it hangs`);
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
