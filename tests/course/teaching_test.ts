/**
 * notebooks/TEACHING.md cannot drift from the code: every `$` line of its `sh` blocks runs, in
 * order, in a scratch copy of the project (lib/, data/, notebooks/, deno.json, deno.lock), and
 * must exit as its `# exit N` comment says (0 without one); every line of the `text` block right
 * after a `sh` block must appear in what that block's commands printed (runs of spaces compared
 * as one). Lines using `jq` are skipped, with their block's expectations, when jq is not
 * installed.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { haveJq, scratchProject, sh, shellEnv } from "../scratch_project.ts";

/** One runnable block of the guide: its commands and the lines their output must contain. */
interface GuideBlock {
  /** The 1-based line of the guide where the block starts. */
  line: number;
  commands: { command: string; exit: number }[];
  expect: string[];
}

/** The `sh` blocks of a Markdown guide, each with the `text` block that follows it. */
function guideBlocks(markdown: string): GuideBlock[] {
  const lines = markdown.split("\n");
  const blocks: GuideBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== "```sh") continue;
    const block: GuideBlock = { line: i + 1, commands: [], expect: [] };
    for (i++; i < lines.length && lines[i].trim() !== "```"; i++) {
      const m = /^\$ (.*?)(?:\s+# exit (\d+))?$/.exec(lines[i]);
      if (m) block.commands.push({ command: m[1], exit: Number(m[2] ?? 0) });
    }
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === "") j++;
    if (lines[j]?.trim() === "```text") {
      for (j++; j < lines.length && lines[j].trim() !== "```"; j++) {
        if (lines[j].trim() !== "") block.expect.push(lines[j].trim());
      }
    }
    blocks.push(block);
  }
  return blocks;
}

const squash = (s: string) => s.replace(/[ \t]+/g, " ");

Deno.test("guideBlocks() reads commands, exit codes and expected lines", () => {
  const md = "x\n```sh\n$ echo hi\n$ false  # exit 1\n```\n\n```text\nhi\n```\n";
  assertEquals(guideBlocks(md), [{
    line: 2,
    commands: [{ command: "echo hi", exit: 0 }, { command: "false", exit: 1 }],
    expect: ["hi"],
  }]);
});

Deno.test("notebooks/TEACHING.md: every command runs as the guide says and prints what it quotes", async () => {
  const guide = await Deno.readTextFile(join(PROJECT_ROOT, "notebooks", "TEACHING.md"));
  const blocks = guideBlocks(guide);
  assert(blocks.length >= 8, `only ${blocks.length} runnable blocks`);
  const jq = await haveJq();
  const dir = await scratchProject(
    ["lib", "data", "notebooks", "deno.json", "deno.lock"],
    "teaching-",
  );
  try {
    const env = shellEnv();
    for (const block of blocks) {
      if (!jq && block.commands.some((c) => /\bjq\b/.test(c.command))) continue;
      let printed = "";
      for (const { command, exit } of block.commands) {
        const out = await sh(command, dir, env);
        assertEquals(
          out.code,
          exit,
          `TEACHING.md:${block.line}: \`${command}\` exited ${out.code}, the guide says ${exit}\n` +
            out.stderr.slice(-600),
        );
        printed += out.stdout;
      }
      for (const line of block.expect) {
        assert(
          squash(printed).includes(squash(line)),
          `TEACHING.md:${block.line}: the commands did not print "${line}"; they printed:\n` +
            printed.slice(0, 1500),
        );
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove("/tmp/math_dev_modified.jsonl").catch(() => {});
  }
});
