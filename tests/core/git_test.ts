/**
 * No code from the repository runs: the manifest's commit and dirty flag are read from `.git`
 * directly. A scratch repository with a planted `core.fsmonitor` (and a hooks path and a filter)
 * shows none of them runs and nothing under `.git/` is written; the reader agrees with
 * `git status --porcelain --untracked-files=no` and `git rev-parse HEAD` state after state
 * (loose and packed objects, packed refs, index version 4, a linked worktree, detached HEAD).
 */
import { join } from "node:path";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { gitState } from "../../lib/core/git.ts";
import { provenance } from "../../lib/core/provenance.ts";
import { runTask, scratch } from "../cli.ts";

async function git(cwd: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: {
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  }).output();
  if (!out.success) {
    throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

/** What git itself says (run here with its hooks disabled). */
async function truth(cwd: string): Promise<{ commit: string | null; dirty: boolean }> {
  const commit = await git(cwd, "rev-parse", "HEAD").then((s) => s.trim(), () => null);
  const status = await git(cwd, "status", "--porcelain", "--untracked-files=no");
  return { commit, dirty: status.trim().length > 0 };
}

async function repo(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "git_test_" });
  await git(dir, "init", "-q", "-b", "main");
  return dir;
}

async function agrees(dir: string, what: string): Promise<void> {
  assertEquals(await gitState(dir), await truth(dir), what);
}

/** Every file's bytes and mtime under `.git/`, to show nothing was written. */
async function snapshot(gitDir: string): Promise<string> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) await walk(p);
      else {out.push(
          `${p} ${(await Deno.stat(p)).mtime?.getTime()} ${(await Deno.readFile(p)).length}`,
        );}
    }
  };
  await walk(gitDir);
  return out.sort().join("\n");
}

Deno.test("gitState() runs no planted core.fsmonitor, hook or filter and writes nothing under .git", async () => {
  const dir = await repo();
  const pwned = `${dir}.pwned`;
  await Deno.writeTextFile(`${dir}/a.txt`, "a\n");
  await git(dir, "add", "a.txt");
  await git(dir, "commit", "-q", "-m", "one");
  await Deno.mkdir(`${dir}/hooks`);
  await Deno.writeTextFile(`${dir}/hooks/post-index-change`, `#!/bin/sh\ntouch ${pwned}\n`, {
    mode: 0o755,
  });
  await git(dir, "config", "core.fsmonitor", `touch ${pwned}; false`);
  await git(dir, "config", "core.hooksPath", `${dir}/hooks`);
  await git(dir, "config", "filter.evil.clean", `touch ${pwned}; cat`);
  await Deno.writeTextFile(`${dir}/.gitattributes`, "* filter=evil\n");
  await Deno.writeTextFile(`${dir}/a.txt`, "b\n"); // dirty: a hooked git would run the monitor
  const before = await snapshot(`${dir}/.git`);
  const state = await gitState(dir);
  assertEquals(state.dirty, true);
  assert(state.commit !== null && /^[0-9a-f]{40}$/.test(state.commit));
  assertEquals(await Deno.stat(pwned).then(() => "ran", () => "never ran"), "never ran");
  assertEquals(await snapshot(`${dir}/.git`), before, "nothing under .git changed");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a task run in a repository with a planted core.fsmonitor never runs it", async () => {
  const dir = await scratch("git_task_test_");
  const pwned = `${dir}.pwned`;
  await git(dir, "init", "-q", "-b", "main");
  await Deno.writeTextFile(`${dir}/a.txt`, "a\n");
  await git(dir, "add", "a.txt");
  await git(dir, "commit", "-q", "-m", "one");
  await git(dir, "config", "core.fsmonitor", `touch ${pwned}; false`);
  const r = await runTask("kl", ["--outdir", "runs/k"], { cwd: dir });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(await Deno.stat(pwned).then(() => "ran", () => "never ran"), "never ran");
  const m = JSON.parse(await Deno.readTextFile(`${dir}/runs/k/manifest.json`));
  assertEquals([m.git_commit, m.git_dirty], [(await truth(dir)).commit, false]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("gitState() agrees with git status through the life of a repository", async () => {
  const dir = await repo();
  assertEquals(await gitState(dir), { commit: null, dirty: false }, "unborn, empty index");
  await Deno.writeTextFile(`${dir}/a.txt`, "alpha\n");
  await Deno.mkdir(`${dir}/sub/deeper`, { recursive: true });
  await Deno.writeTextFile(`${dir}/sub/deeper/b.txt`, "beta\n");
  await Deno.writeTextFile(`${dir}/a-b.txt`, "order\n");
  await Deno.symlink("a.txt", `${dir}/link`);
  await git(dir, "add", ".");
  assertEquals(await gitState(dir), { commit: null, dirty: true }, "unborn, staged");
  await git(dir, "commit", "-q", "-m", "one");
  await agrees(dir, "just committed");
  await Deno.writeTextFile(`${dir}/untracked.txt`, "u\n");
  await agrees(dir, "an untracked file only");
  await Deno.writeTextFile(`${dir}/a.txt`, "alphA\n"); // same size, new content
  await agrees(dir, "a tracked file changed, same size");
  await git(dir, "add", "a.txt");
  await agrees(dir, "the change staged");
  await git(dir, "commit", "-q", "-m", "two");
  await agrees(dir, "committed again");
  await Deno.chmod(`${dir}/sub/deeper/b.txt`, 0o755);
  await agrees(dir, "mode changed");
  await git(dir, "checkout", "-q", "--", ".");
  await agrees(dir, "mode restored");
  await Deno.remove(`${dir}/sub/deeper/b.txt`);
  await agrees(dir, "a tracked file deleted");
  await git(dir, "checkout", "-q", "--", ".");
  await Deno.remove(`${dir}/link`);
  await Deno.symlink("a-b.txt", `${dir}/link`);
  await agrees(dir, "a link retargeted");
  await git(dir, "checkout", "-q", "--", ".");
  await agrees(dir, "clean again");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("gitState() reads packed objects and packed refs, index v4, detached HEAD, worktrees", async () => {
  const dir = await repo();
  for (let i = 0; i < 5; i++) {
    await Deno.writeTextFile(`${dir}/f${i}.txt`, `line ${i}\n`.repeat(50 + i));
    await git(dir, "add", ".");
    await git(dir, "commit", "-q", "-m", `commit ${i} with a message long enough to delta`);
  }
  await git(dir, "gc", "-q", "--aggressive", "--prune=now");
  assertEquals(
    [...Deno.readDirSync(`${dir}/.git/objects`)].some((e) => /^[0-9a-f]{2}$/.test(e.name)),
    false,
  );
  await agrees(dir, "everything packed, refs packed");
  await git(dir, "update-index", "--index-version", "4");
  await agrees(dir, "index version 4");
  await Deno.writeTextFile(`${dir}/f2.txt`, "changed\n");
  await agrees(dir, "index version 4, dirty");
  await git(dir, "checkout", "-q", "--", ".");
  await git(dir, "checkout", "-q", "--detach", "HEAD~2");
  await agrees(dir, "detached HEAD");
  await git(dir, "worktree", "add", "-q", `${dir}-wt`, "main");
  await agrees(`${dir}-wt`, "a linked worktree");
  await Deno.writeTextFile(`${dir}-wt/f0.txt`, "x\n");
  await agrees(`${dir}-wt`, "a linked worktree, dirty");
  await Deno.remove(dir, { recursive: true });
  await Deno.remove(`${dir}-wt`, { recursive: true });
});

Deno.test("gitState() gives null, never a guess, outside a repository", async () => {
  const dir = await Deno.makeTempDir();
  assertEquals(await gitState(dir), { commit: null, dirty: null });
  const p = await provenance(dir);
  assertEquals([p.git_commit, p.git_dirty], [null, null]);
  await Deno.remove(dir);
});
