/**
 * What `deno task grade` accepts as a class (lib/course/tools/submissions.ts): the layouts, and
 * the refusals that stop it before anything runs (exit 2).
 */
import { assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { findSubmissions } from "../../lib/course/tools/submissions.ts";
import { refusal } from "../refusal.ts";

const COURSE = ["M0_orientation", "M1_reinforce_slow_motion"];
const NB = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] });

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(`${dir}/${path}`.replace(/\/[^/]+$/, ""), { recursive: true });
    await Deno.writeTextFile(`${dir}/${path}`, text);
  }
  return dir;
}

Deno.test("findSubmissions(): a folder per student, <student>__<notebook> files, one student's folder", async () => {
  const dir = await tree({
    "class/bob/M1_reinforce_slow_motion.ipynb": NB,
    "class/ada/M0_orientation.ipynb": NB,
    "class/ada/.ipynb_checkpoints/M0_orientation-checkpoint.ipynb": NB,
    "class/cyd__M1_reinforce_slow_motion.ipynb": NB,
    "class/ada/notes.txt": "not a notebook",
    "dee/M0_orientation.ipynb": NB,
  });
  const subs = await findSubmissions([`${dir}/class`, `${dir}/dee`], COURSE);
  assertEquals(subs.map((s) => `${s.student} ${s.notebook}`), [
    "ada M0_orientation",
    "bob M1_reinforce_slow_motion",
    "cyd M1_reinforce_slow_motion",
    "dee M0_orientation",
  ]);
});

Deno.test("findSubmissions() refuses a file that is not a notebook, not the course's, or handed twice", async () => {
  const dir = await tree({
    "bad/ada__M0_orientation.ipynb": "{ not json",
    "other/ada__M9_other.ipynb": NB,
    "twice/ada__M0_orientation.ipynb": NB,
    "twice/ada/M0_orientation.ipynb": NB,
    "empty/readme.md": "",
    "ada.txt": "",
  });
  assertStringIncludes(await refusal(findSubmissions([`${dir}/bad`], COURSE)), "is not a notebook");
  assertStringIncludes(
    await refusal(findSubmissions([`${dir}/other`], COURSE)),
    "is not one of the course's notebooks",
  );
  assertStringIncludes(
    await refusal(findSubmissions([`${dir}/twice`], COURSE)),
    "ada hands M0_orientation twice",
  );
  assertStringIncludes(
    await refusal(findSubmissions([`${dir}/empty`], COURSE)),
    "holds no .ipynb file",
  );
  assertStringIncludes(
    await refusal(findSubmissions([`${dir}/ada.txt`], COURSE)),
    "is not a notebook (.ipynb)",
  );
  assertStringIncludes(
    await refusal(findSubmissions([`${dir}/missing`], COURSE)),
    "no such file or folder",
  );
});
