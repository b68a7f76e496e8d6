/**
 * The `deno task` lines of the docs' code blocks, and how a test runs each one. Every line of a
 * fenced block marked `sh`, `bash`, `shell` or unmarked in README.md, notebooks/TEACHING.md and
 * notebooks/INTRODUCTION.md that starts with `deno task` (or `npx -y deno@2 task`, or `$ ` before
 * either) is a command a reader may copy; {@link howToRun} says how the tests run it. A line no
 * rule covers fails the test, so no doc command can be added without being run.
 */

/** One command of a doc, where it is, and the exit code its `# … exit N` comment promises. */
export interface DocLine {
  file: string;
  /** The 1-based line of the doc. */
  line: number;
  /** The fenced block's language (`sh`, `bash`, or `""`). */
  lang: string;
  /** The command without its `$ ` and its `# comment`, `npx -y deno@2` read as `deno`. */
  command: string;
  /** 0 unless the comment says `exit N`. */
  exit: number;
}

/** The `deno task` lines of a Markdown document's runnable code blocks, in order. */
export function docLines(markdown: string, file: string): DocLine[] {
  const out: DocLine[] = [];
  const lines = markdown.split("\n");
  let lang: string | null = null;
  lines.forEach((raw, i) => {
    const fence = /^\s*```(\S*)\s*$/.exec(raw);
    if (fence) {
      lang = lang === null ? fence[1] : null;
      return;
    }
    if (lang === null || !["sh", "bash", "shell", ""].includes(lang)) return;
    const text = raw.trim().replace(/^\$ /, "");
    const m = /^(?:npx -y deno@2|deno) task (.*)$/.exec(text);
    if (m === null) return;
    const hash = m[1].search(/\s#\s/);
    const comment = hash === -1 ? "" : m[1].slice(hash);
    const command = `deno task ${(hash === -1 ? m[1] : m[1].slice(0, hash)).trim()}`;
    const exit = /\bexit (\d+)/.exec(comment);
    out.push({ file, line: i + 1, lang, command, exit: exit ? Number(exit[1]) : 0 });
  });
  return out;
}

/** How a doc command is run by the tests, and why when it is not run as written. */
export type Plan =
  | {
    how: "run";
    command: string;
    why?: string;
    /** The exit the test expects, when it differs from the doc's. */
    exit?: number;
  }
  | { how: "teaching"; why: string }
  | { how: "tools"; why: string }
  | { how: "serve"; why: string }
  | { how: "skip"; why: string };

/** The smaller flags a slow command runs with, stated here (and in README's test sentence). */
export const SMALLER = {
  rl: "--steps 4 --eval-every 2 --eval-prompts 4",
  lessons: "--n 4",
};

/**
 * How a doc command runs: TEACHING.md's `sh` blocks are run, output included, by
 * tests/course/teaching_test.ts; the notebook commands need Jupyter and Chromium
 * (tests/tools/doc_commands_test.ts); `deno task serve` is started in the background and the
 * rollouts lines are pointed at it (their model names and endpoints are examples); a default RL
 * run takes about 30 s, so it runs with {@link SMALLER}; the test suites do not run themselves.
 */
export function howToRun(d: DocLine): Plan | null {
  const c = d.command;
  if (d.file.endsWith("TEACHING.md") && d.lang === "sh") {
    return { how: "teaching", why: "run with its quoted output by tests/course/teaching_test.ts" };
  }
  if (
    /^deno task test(:doc|:tools|:docs)?(\s|$)/.test(c) ||
    /^deno task (bench|lint-all)(\s|$)/.test(c)
  ) {
    return { how: "skip", why: "a test suite or CI step itself" };
  }
  if (/^deno task (notebooks|notebooks:browser|notebooks:check|review|grade)(\s|$)/.test(c)) {
    return {
      how: "tools",
      why: "needs Jupyter and Chromium, or the notebooks they execute: " +
        "tests/tools/doc_commands_test.ts",
    };
  }
  if (/^deno task serve(\s|$)/.test(c)) {
    return { how: "serve", why: "started in the background; the rollouts lines use it" };
  }
  if (/^deno task rollouts\s/.test(c)) {
    return {
      how: "run",
      command: c.replace(/--base-url \S+/, "--base-url {SERVED}").replace(
        /--model \S+/,
        "--model {MODEL}",
      ),
      why: "against the local deno task serve (the doc's endpoints and models are examples)",
    };
  }
  if (/^deno task gate --baseline runs\/eval_before --candidate runs\/eval_after$/.test(c)) {
    return {
      how: "run",
      command: c,
      exit: 1,
      why: "before and after are rollouts of the same local model here: the same completions, " +
        "nothing to promote (exit 1); with the doc's two models the gate decides",
    };
  }
  if (/^deno task rl\s/.test(c) && !/--check/.test(c)) {
    return { how: "run", command: `${c} ${SMALLER.rl}`, why: `with ${SMALLER.rl}` };
  }
  if (/^deno task rl:lessons\s/.test(c)) {
    return /--shipped/.test(c) ? { how: "run", command: c } : {
      how: "run",
      command: `${c} ${SMALLER.lessons}`,
      why: `with ${SMALLER.lessons}: sampling eight policies 512 times per prompt takes minutes`,
    };
  }
  if (
    /^deno task (demo|eval|select|sample|gate|inspect|logprobs|tokens|kl|bandit|mdp|testbed|golden|redteam|kata|data|clean|bench:data|sft|export)(\s|$)/
      .test(c)
  ) {
    return { how: "run", command: c };
  }
  return null;
}

/**
 * A figure the README quotes, tied to the command that prints it: `printed` is matched against
 * the command's output and `quoted` turns the match into the text the README must hold (its
 * whitespace read as single spaces).
 * The test fails when a re-pinned checkpoint or a changed default moves a figure the README
 * still quotes.
 */
export interface QuotedFigure {
  /** The doc command, exactly as the code block has it (without its comment). */
  command: string;
  printed: RegExp;
  quoted: (m: RegExpMatchArray) => string[];
}

/** 0.277 from a printed 27.7%: the same digits at three decimals. */
const share = (percent: string) => (Number(percent) / 100).toFixed(3);
const TEMPLATE_NAMES: Record<string, string> = { share: "sharing" };
/** "apples 18.3 / 66.7" (or, unnamed, "18.3 / 66.7") for each of select --by-template's rows. */
function templates(out: string, named: boolean): string[] {
  const short = (x: string) => x === "100.0" ? "100" : x;
  return [...out.matchAll(/^ {2}(\w+) +\d+ prompts +([\d.]+)% \/ ([\d.]+)%$/gm)]
    .filter((m) => m[1] !== "all")
    .map((m) =>
      `${named ? `${TEMPLATE_NAMES[m[1]] ?? m[1]} ` : ""}${short(m[2])} / ${short(m[3])}`
    );
}

/** The README's base-dependent figures, each with the command of its code block. */
export const QUOTED_FIGURES: readonly QuotedFigure[] = [
  {
    command:
      "deno task eval --dataset data/datasets/small_dev.jsonl --completions runs/base_dev/completions.jsonl",
    printed: /Pass rate: (\d+)\/120 = ([\d.]+)% \(95% CI ([\d.]+)%–([\d.]+)%\)/,
    quoted: (m) => [`${m[2]}% (${m[1]}/120; 95% CI ${m[3]}–${m[4]}%)`],
  },
  {
    command:
      "deno task select --dataset data/datasets/small_dev.jsonl --samples runs/base_dev/samples.jsonl --n 8 --by-template",
    printed: /pass@8 = ([\d.]+)% {2}\(\+([\d.]+) points[^]*per template[^]*/,
    quoted: (m) => [`| ${m[1]}% (+${m[2]} points) |`, ...templates(m[0], false)],
  },
  {
    command:
      "deno task eval --dataset data/datasets/small_holdout.jsonl --completions runs/base_holdout8/completions.jsonl",
    printed: /Pass rate: (\d+)\/60 = ([\d.]+)%/,
    quoted: (m) => [`${m[2]}% (${m[1]}/60`],
  },
  {
    command:
      "deno task select --dataset data/datasets/small_holdout.jsonl --samples runs/base_holdout8/samples.jsonl --n 8 --by-template",
    printed: /pass@8 = ([\d.]+)% {2}\(\+([\d.]+) points[^]*per template[^]*/,
    quoted: (m) => [`${m[1]}% (+${m[2]} points) |`, ...templates(m[0], false)],
  },
  {
    command:
      "deno task select --dataset data/datasets/small_holdout.jsonl --samples runs/base_holdout/samples.jsonl --n 64",
    printed: /^ +1 +([\d.]+)%[^]*^ +8 +([\d.]+)%/m,
    quoted: (m) => [`${share(m[1])} →`, `pass@8 ${share(m[2])} →`],
  },
  {
    command:
      "deno task select --dataset data/datasets/small_holdout.jsonl --samples runs/rl_holdout/samples.jsonl --n 64",
    printed: /^ +1 +([\d.]+)%[^]*^ +8 +([\d.]+)%/m,
    quoted: (m) => [`→ ${share(m[1])} (+`, `→ ${share(m[2])} (+`],
  },
  {
    command: "deno task gate --baseline runs/base_h1_eval --candidate runs/rl_h1_eval",
    printed: /pass rate +([\d.]+)% → ([\d.]+)%[^]*exact two-sided p = ([\d.]+)/,
    quoted: (m) => [`PROMOTE, ${m[1]}% → ${m[2]}%, exact McNemar p = ${m[3]}`],
  },
  {
    command: "deno task kl",
    printed: /^ +0 +([\d.]+) +([\d.]+) +n\/a[^]*^ +10 +([\d.]+) +[\d.]+ /m,
    quoted: (m) => [
      `expected reward falls from ${Number(m[1]).toFixed(3)} (β = 0`,
      `to ${Number(m[3]).toFixed(3)}, and KL from ${Number(m[2]).toFixed(3)} to`,
    ],
  },
];
