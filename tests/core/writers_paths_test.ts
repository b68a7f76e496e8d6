/**
 * runs/ holds against every path (issue 21 §2): the one check (lib/core/runs_guard.ts) and a test
 * per writer that goes through it. Each test plants a link (or swaps a folder for one between two
 * steps of the writer) and asserts the outcome: refused with the reason, nothing written, moved
 * or removed outside runs/, and no run standing as a link.
 */
import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { confirmWritten, removeGuarded } from "../../lib/core/guarded_ops.ts";
import { guardPath, idOf, openNoFollow } from "../../lib/core/runs_guard.ts";
import { cleanRuns, openRun } from "../../lib/core/run_dir.ts";
import { Journal } from "../../lib/rollouts/journal.ts";
import { executeNotebook } from "../../lib/course/tools/execute.ts";
import { tamperedCopy } from "../../lib/experiments/tamper.ts";
import { openLab } from "../../lib/course/lab.ts";
import { runStudentTest } from "../../lib/course/student_suite.ts";
import { checkNotebooks } from "../../lib/course/tools/notebook_check.ts";
import { checkPages } from "../../lib/course/tools/browser_check.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { refusal } from "../refusal.ts";
import { runTask } from "../cli.ts";

/** A scratch project: `runs/`, and `outside/` holding a precious file and an empty folder. */
async function scratch() {
  const dir = await Deno.makeTempDir({ prefix: "writers_paths_test_" });
  await Deno.mkdir(`${dir}/runs`);
  await Deno.mkdir(`${dir}/outside/empty`, { recursive: true });
  await Deno.writeTextFile(`${dir}/outside/precious.txt`, "keep");
  return {
    dir,
    runs: `${dir}/runs`,
    outside: `${dir}/outside`,
    /** What `outside/` holds, recursively, with the precious file's text. */
    outsideNow: async () => {
      const seen: string[] = [];
      const walk = async (p: string, rel: string) => {
        for await (const e of Deno.readDir(p)) {
          seen.push(`${rel}${e.name}${e.isDirectory ? "/" : ""}`);
          if (e.isDirectory) await walk(join(p, e.name), `${rel}${e.name}/`);
        }
      };
      await walk(`${dir}/outside`, "");
      return [seen.sort().join(" "), await Deno.readTextFile(`${dir}/outside/precious.txt`)];
    },
    done: () => Deno.remove(dir, { recursive: true }),
  };
}
const UNTOUCHED = ["empty/ precious.txt", "keep"];

/** Replaces folder `path` by a link to `to` (the real folder moves aside to `path.moved`). */
async function swapForLink(path: string, to: string) {
  await Deno.rename(path, `${path}.moved`);
  await Deno.symlink(to, path);
}

Deno.test("guardPath() refuses a link on the way, a link as the path, a path outside, a replaced folder", async () => {
  const s = await scratch();
  try {
    await Deno.symlink(s.outside, `${s.runs}/evil`);
    assertStringIncludes(await refusal(guardPath(s.runs, `${s.runs}/evil/x`)), "symbolic link");
    assertStringIncludes(await refusal(guardPath(s.runs, `${s.runs}/evil`)), "symbolic link");
    assertStringIncludes(await refusal(guardPath(s.runs, `${s.dir}/outside`)), "not inside");
    await Deno.mkdir(`${s.runs}/a`);
    await Deno.mkdir(`${s.runs}/b`);
    const id = idOf((await guardPath(s.runs, `${s.runs}/a`)).info!);
    await Deno.remove(`${s.runs}/a`);
    await Deno.rename(`${s.runs}/b`, `${s.runs}/a`); // another folder under the same name
    assertStringIncludes(
      await refusal(guardPath(s.runs, `${s.runs}/a`, { expect: id })),
      "no longer the folder this task created",
    );
    assertEquals((await guardPath(s.runs, `${s.runs}/a/b/c`)).info, null);
  } finally {
    await s.done();
  }
});

Deno.test("openNoFollow() never opens through a link, and removeGuarded() removes a link as a link", async () => {
  const s = await scratch();
  try {
    await Deno.symlink(`${s.outside}/precious.txt`, `${s.runs}/link`);
    assertStringIncludes(await refusal(openNoFollow(`${s.runs}/link`, { read: true })), "link");
    await Deno.symlink(s.outside, `${s.runs}/dirlink`);
    await removeGuarded(s.runs, `${s.runs}/dirlink`);
    assertEquals([...Deno.readDirSync(s.runs)].map((e) => e.name), ["link"]);
    assertEquals(await s.outsideNow(), UNTOUCHED);
  } finally {
    await s.done();
  }
});

for (const moment of ["before a file", "before a JSONL stream", "before the commit"] as const) {
  Deno.test(`openRun(): the temp folder swapped for a link ${moment} writes nothing outside, and no run stands`, async () => {
    const s = await scratch();
    try {
      const run = await openRun(`${s.runs}/r`, { force: false, root: s.runs });
      await run.writeText("results.jsonl", "{}\n");
      if (moment === "before the commit") await run.writeText("summary.json", "{}");
      await swapForLink(run.tmp, s.outside);
      const step = moment === "before a file"
        ? run.writeJson("manifest.json", {}).then(() => run.commit())
        : moment === "before a JSONL stream"
        ? run.jsonl("x.jsonl").then(() => run.commit())
        : run.commit();
      await refusal(step);
      await run.abort();
      assertEquals(await s.outsideNow(), UNTOUCHED);
      assertEquals(await Deno.lstat(`${s.runs}/r`).catch(() => null), null);
    } finally {
      await s.done();
    }
  });
}

Deno.test("openRun(): a link planted at a file's name in the temp folder is replaced, never written through", async () => {
  const s = await scratch();
  try {
    const run = await openRun(`${s.runs}/r`, { force: false, root: s.runs });
    await Deno.symlink(`${s.outside}/precious.txt`, join(run.tmp, "summary.json"));
    await run.writeText("summary.json", "{}");
    await run.commit();
    assertEquals(await Deno.readTextFile(`${s.runs}/r/summary.json`), "{}");
    assertEquals(await s.outsideNow(), UNTOUCHED);
  } finally {
    await s.done();
  }
});

Deno.test("confirmWritten(): a file that landed outside through a swapped folder is removed again", async () => {
  const s = await scratch();
  try {
    await Deno.mkdir(`${s.runs}/t`);
    const id = idOf(await Deno.lstat(`${s.runs}/t`));
    await swapForLink(`${s.runs}/t`, s.outside);
    await Deno.writeTextFile(`${s.runs}/t/new.txt`, "x"); // the write that went through the link
    const mine = idOf(await Deno.lstat(`${s.outside}/new.txt`));
    const why = await refusal(
      confirmWritten(
        { root: s.runs, dir: `${s.runs}/t`, id },
        `${s.runs}/t/new.txt`,
        mine,
        "runs/t/new.txt",
      ),
    );
    assertStringIncludes(why, "its folder was replaced");
    assertEquals(await s.outsideNow(), UNTOUCHED);
  } finally {
    await s.done();
  }
});

/** A dead writer's group: a lock naming `target` and `created`, and optionally a waiting `.old`. */
async function plantLock(runs: string, target: string, created: string[], old: boolean) {
  const name = ".tmp-999999-aaaaaaaaaaaa";
  if (old) {
    await Deno.mkdir(`${runs}/${name}.old/inner`, { recursive: true });
    await Deno.writeTextFile(`${runs}/${name}.old/inner/f`, "older run");
  }
  await Deno.writeTextFile(
    `${runs}/${name}.lock`,
    JSON.stringify({ pid: 999999, target, created }),
  );
  return name;
}

for (const via of ["cleanRuns()", "the next openRun()"] as const) {
  Deno.test(`${via}: a planted lock naming a path through a link moves and removes nothing outside`, async () => {
    const s = await scratch();
    try {
      await Deno.symlink(s.outside, `${s.runs}/evil`);
      await plantLock(s.runs, "evil/moved", ["evil/empty"], true);
      const recover = async () => {
        if (via === "cleanRuns()") await cleanRuns(s.runs);
        else await (await openRun(`${s.runs}/next`, { force: false, root: s.runs })).abort();
      };
      await recover();
      assertEquals(await s.outsideNow(), UNTOUCHED); // nothing moved in, the empty folder kept
      await plantLock(s.runs, "evil/x", ["evil/empty"], false); // no .old: "removed" path
      await recover();
      assertEquals(await s.outsideNow(), UNTOUCHED);
    } finally {
      await s.done();
    }
  });
}

Deno.test("cleanRuns(): a lock that is a link, or an .old that is a link, is removed as a link and never followed", async () => {
  const s = await scratch();
  try {
    const name = ".tmp-999998-bbbbbbbbbbbb";
    await Deno.symlink(`${s.outside}/precious.txt`, `${s.runs}/${name}.lock`);
    await Deno.symlink(s.outside, `${s.runs}/${name}.old`);
    await cleanRuns(s.runs);
    assertEquals([...Deno.readDirSync(s.runs)].length, 0);
    assertEquals(await s.outsideNow(), UNTOUCHED);
  } finally {
    await s.done();
  }
});

Deno.test("Journal.open() refuses a journal file or a partial folder that is a link, and writes nothing outside", async () => {
  const s = await scratch();
  try {
    await Deno.writeTextFile(`${s.outside}/log.txt`, "line 1\nno newline at the end");
    await Deno.writeTextFile(`${s.outside}/empty.txt`, "");
    const cases: [string, () => Promise<void>][] = [
      [
        "a link to a file",
        () => Deno.symlink(`${s.outside}/log.txt`, `${s.runs}/.partial-a/journal.jsonl`),
      ],
      [
        "a link to an empty file",
        () => Deno.symlink(`${s.outside}/empty.txt`, `${s.runs}/.partial-b/journal.jsonl`),
      ],
      ["a link to a folder", () => Deno.symlink(`${s.outside}/empty`, `${s.runs}/.partial-c`)],
    ];
    for (const [i, [, plant]] of cases.entries()) {
      const dir = `${s.runs}/.partial-${"abc"[i]}`;
      if (i < 2) await Deno.mkdir(dir);
      await plant();
      await refusal(Journal.open(dir, { n: 1 }, 0));
    }
    assertEquals(await Deno.readTextFile(`${s.outside}/log.txt`), "line 1\nno newline at the end");
    assertEquals(await Deno.readTextFile(`${s.outside}/empty.txt`), "");
    assertEquals([...Deno.readDirSync(`${s.outside}/empty`)], []);
  } finally {
    await s.done();
  }
});

Deno.test("Journal.discard() removes only its own folder: a link swapped in is removed as a link", async () => {
  const s = await scratch();
  try {
    const j = await Journal.open(`${s.runs}/.partial-r`, { n: 1 }, 0);
    await swapForLink(`${s.runs}/.partial-r`, s.outside);
    await j.discard();
    assertEquals(await s.outsideNow(), UNTOUCHED);
    assertEquals([...Deno.readDirSync(s.runs)].map((e) => e.name), [".partial-r.moved"]);
  } finally {
    await s.done();
  }
});

/** A fake `jupyter` that runs `action` with the --output-dir it is given, then succeeds. */
async function fakeJupyter(dir: string, action: string): Promise<string> {
  const path = `${dir}/jupyter`;
  await Deno.writeTextFile(
    path,
    `#!/bin/sh\nwhile [ $# -gt 0 ]; do [ "$1" = --output-dir ] && OUT=$2; shift; done\n${action}\n`,
  );
  await Deno.chmod(path, 0o755);
  return path;
}

Deno.test("executeNotebook(): runs/notebooks a link is refused before Jupyter runs; swapped meanwhile, the run fails", async () => {
  const s = await scratch();
  try {
    await Deno.writeTextFile(`${s.outside}/M0.ipynb`, "precious");
    const marker = `${s.dir}/jupyter-ran`;
    const ran = await fakeJupyter(s.dir, `touch ${marker}`);
    const nb = join(PROJECT_ROOT, "notebooks", "M0_orientation.ipynb");
    await Deno.symlink(s.outside, `${s.runs}/notebooks`);
    const opts = { path: nb, outDir: `${s.runs}/notebooks`, timeout: 5, jupyter: { command: ran } };
    assertStringIncludes(await refusal(executeNotebook(opts)), "symbolic link");
    assertEquals(await Deno.lstat(marker).catch(() => null), null);
    assertEquals(await Deno.readTextFile(`${s.outside}/M0.ipynb`), "precious");
    await Deno.remove(`${s.runs}/notebooks`);
    const swap = await fakeJupyter(s.dir, `mv "$OUT" "$OUT.moved" && ln -s ${s.outside} "$OUT"`);
    const why = await refusal(executeNotebook({ ...opts, jupyter: { command: swap } }));
    assertStringIncludes(why, `${s.runs}/notebooks: is a symbolic link`);
  } finally {
    await s.done();
  }
});

Deno.test("tamperedCopy(): a copy folder that is a link is refused, nothing written outside", async () => {
  const s = await scratch();
  try {
    await Deno.writeTextFile(`${s.dir}/d.jsonl`, '{"id":"a","expected_answer":1}\n');
    await Deno.symlink(s.outside, `${s.runs}/tampered`);
    await refusal(tamperedCopy(`${s.dir}/d.jsonl`, "a", 2, `${s.runs}/tampered`));
    assertEquals(await s.outsideNow(), UNTOUCHED);
  } finally {
    await s.done();
  }
});

Deno.test("openLab(): a checks folder replaced by a link is refused at the next record", async () => {
  const s = await scratch();
  try {
    const lab = await openLab("M9", { root: s.dir });
    await swapForLink(join(lab.path, "checks"), `${s.outside}/empty`);
    await refusal(lab.grade("c", 1, () => ({ ok: true, why: "" })));
    assertEquals(await s.outsideNow(), UNTOUCHED);
  } finally {
    await s.done();
  }
});

Deno.test("runStudentTest(), checkNotebooks(), checkPages(): a folder on the way that is a link is refused", async () => {
  const s = await scratch();
  try {
    await Deno.symlink(s.outside, `${s.runs}/evil`);
    const refused = [
      await refusal(runStudentTest(`${s.runs}/evil/st`, "Deno.test('x', () => {});", s.dir)),
      await refusal(
        checkNotebooks({
          root: PROJECT_ROOT,
          notebooks: [],
          files: [],
          scratch: `${s.runs}/evil/c`,
        }),
      ),
      await refusal(checkPages([], { chromium: "/nonexistent", scratch: `${s.runs}/evil` })),
    ];
    for (const why of refused) assertStringIncludes(why, "symbolic link");
    assertEquals(await s.outsideNow(), UNTOUCHED);
    assert(refused.length === 3);
  } finally {
    await s.done();
  }
});

Deno.test("deno task clean and deno task eval: a planted lock and a link move and remove nothing outside", async () => {
  const s = await scratch();
  try {
    await Deno.symlink(s.outside, `${s.runs}/evil`);
    await plantLock(s.runs, "evil/moved", ["evil/empty"], true);
    const clean = await runTask("clean", [], { cwd: s.dir });
    assertEquals(clean.code, 0, clean.stderr);
    assertEquals(await s.outsideNow(), UNTOUCHED);
    await plantLock(s.runs, "evil/x", ["evil/empty"], false);
    const data = join(PROJECT_ROOT, "data");
    const ev = await runTask("eval", [
      "--dataset",
      `${data}/datasets/math_dev.jsonl`,
      "--completions",
      `${data}/rollouts/frozen_rollouts_dev.jsonl`,
      "--outdir",
      "runs/e",
    ], { cwd: s.dir });
    assertEquals(ev.code, 0, ev.stderr);
    assertEquals(await s.outsideNow(), UNTOUCHED);
  } finally {
    await s.done();
  }
});
