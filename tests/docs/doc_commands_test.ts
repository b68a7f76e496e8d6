/**
 * Docs that cannot drift: every `deno task` line of the code blocks of README.md,
 * notebooks/TEACHING.md and notebooks/INTRODUCTION.md is covered by a rule of
 * tests/docs/doc_lines.ts, and every line that needs neither Jupyter nor Chromium runs here, in
 * order, in a scratch copy of the project, exiting as its `# … exit N` comment says (0 without
 * one); the README's base-dependent figures (doc_lines.ts's QUOTED_FIGURES) must be what their
 * commands print. `deno task serve` runs in the background and the rollouts lines are pointed at
 * it; a default RL run uses smaller flags (stated in doc_lines.ts). `deno task test:docs` runs
 * this file (CI too); the Jupyter and Chromium lines are tests/tools/doc_commands_test.ts.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { type DocLine, docLines, howToRun, QUOTED_FIGURES } from "./doc_lines.ts";
import { scratchProject, sh, shellEnv } from "../scratch_project.ts";

const DOCS = ["README.md", "notebooks/TEACHING.md", "notebooks/INTRODUCTION.md"];

async function allLines(): Promise<DocLine[]> {
  const out: DocLine[] = [];
  for (const f of DOCS) out.push(...docLines(await Deno.readTextFile(join(PROJECT_ROOT, f)), f));
  return out;
}

Deno.test("docLines() reads commands, drops comments and prompts, and keeps exit codes", () => {
  const md = "```sh\n$ deno task eval --help\nnpx -y deno@2 task demo   # tour\n" +
    "deno task gate --baseline a --candidate b  # REJECT: exit 1\necho no\n```\n" +
    "```text\ndeno task eval --dataset FILE\n```\n";
  assertEquals(docLines(md, "x.md").map((d) => [d.line, d.command, d.exit]), [
    [2, "deno task eval --help", 0],
    [3, "deno task demo", 0],
    [4, "deno task gate --baseline a --candidate b", 1],
  ]);
});

Deno.test("every deno task line of the docs' code blocks is covered by a rule", async () => {
  const lines = await allLines();
  assert(lines.length >= 40, `only ${lines.length} lines found`);
  const uncovered = lines.filter((d) => howToRun(d) === null);
  assertEquals(uncovered.map((d) => `${d.file}:${d.line}: ${d.command}`), []);
});

/** A free TCP port on 127.0.0.1. */
function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

Deno.test({
  name:
    "every README, TEACHING and INTRODUCTION command that needs no Jupyter runs as the docs say and prints the figures the README quotes",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const lines = await allLines();
    const dir = await scratchProject(["lib", "data", "deno.json", "deno.lock", "tests"], "doc-");
    const env = shellEnv({ GROQ_API_KEY: "test-key-not-used" });
    let server: Deno.ChildProcess | null = null;
    try {
      const port = freePort();
      let model = "";
      if (lines.some((d) => howToRun(d)?.how === "serve")) {
        server = new Deno.Command("deno", {
          args: ["task", "serve", "--port", String(port)],
          cwd: dir,
          env,
          stdout: "null",
          stderr: "null",
        }).spawn();
        for (let i = 0; i < 300 && model === ""; i++) {
          try {
            const r = await fetch(`http://127.0.0.1:${port}/v1/models`);
            model = ((await r.json()).data?.[0]?.id as string) ?? "";
          } catch {
            await new Promise((ok) => setTimeout(ok, 100));
          }
        }
        assert(model !== "", "deno task serve did not answer /v1/models");
      }
      const printed = new Map<string, string>();
      for (const d of lines) {
        const plan = howToRun(d)!;
        if (plan.how !== "run") continue;
        const command = plan.command.replace("{SERVED}", `http://127.0.0.1:${port}/v1`)
          .replace("{MODEL}", model);
        const out = await sh(command, dir, env);
        const exit = plan.exit ?? d.exit;
        assertEquals(
          out.code,
          exit,
          `${d.file}:${d.line}: \`${command}\` exited ${out.code}, expected ${exit}` +
            `${plan.why ? ` (${plan.why})` : ""}\n${out.stderr.slice(-800)}`,
        );
        printed.set(d.command, out.stdout);
      }
      const readme = (await Deno.readTextFile(join(PROJECT_ROOT, "README.md"))).replace(
        /\s+/g,
        " ",
      );
      for (const f of QUOTED_FIGURES) {
        const out = printed.get(f.command) ?? (await sh(f.command, dir, env)).stdout;
        const m = out.match(f.printed);
        assert(m !== null, `\`${f.command}\` no longer prints ${f.printed}:\n${out.slice(-800)}`);
        const missing = f.quoted(m).filter((q) => !readme.includes(q));
        assertEquals(missing, [], `README.md does not quote what \`${f.command}\` prints`);
      }
    } finally {
      if (server !== null) {
        server.kill("SIGTERM");
        await server.status;
      }
      await Deno.remove(dir, { recursive: true });
    }
  },
});
