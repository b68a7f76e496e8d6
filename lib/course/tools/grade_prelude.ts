/**
 * The first import of every notebook program the grader runs (lib/course/tools/grade_program.ts
 * writes `import * as __grade from "../lib/course/tools/grade_prelude.ts"` above the cells). It
 * runs before any cell, with no more permissions than the cells, and:
 *
 * 1. loads vega, which patches a built-in when it loads (the cells' own imports, `lib/mod.ts`
 *    and any other library module, are evaluated before the program's first statement too);
 * 2. installs the grading host (lib/course/host.ts): every bundle `show()` displays and every
 *    verdict a lab records is sent to the grader on the signed channel
 *    (lib/course/tools/grade_channel.ts); charts are not laid out; `runDeno()` (M4's
 *    `deno test`) is asked of the grader, whose answer comes back on standard input; memoized
 *    results are read from the slot's `memo/` (written by the grader, read only here) and new
 *    ones offered in `runs/.memo/` (the grader keeps those of the reference runs only);
 * 3. replaces `Deno.Command` by one that reports every attempt to start a process (the sandbox
 *    has no run permission, and Deno's permission audit does not log those attempts);
 * 4. replaces `Math.random` by one that reports, once per cell, that the cell drew from it: such
 *    a cell's output is not expected to repeat (M0.5's sabotaged tie-break draws on purpose),
 *    so the grader never holds a notebook's saved output of it to the re-execution's;
 * 5. on {@link open} (the program's first statement) takes the channel key and freezes the
 *    built-ins (lib/course/tools/lockdown.ts);
 * 6. {@link cell} marks where each cell starts, {@link done} the end of the program.
 *
 * Everything it needs later (the output writer, the reader of standard input, JSON) is taken
 * here, before any cell could replace it. Importing it outside the sandbox does nothing visible
 * until {@link open} is called (tests import it in a subprocess).
 * @module
 */
import { fileURLToPath } from "node:url";
import { installHost } from "../host.ts";
import { renderSvg } from "../../present/charts.ts";
import { barChart } from "../../present/chart_spec.ts";
import { lockdown } from "./lockdown.ts";
import { cellNonce, type ChannelEvent, channelLine } from "./grade_channel.ts";
import { hmacSha256Hex } from "./hmac.ts";

// vega and vega-lite add `Set.prototype.toJSON` when they load: load them before the lockdown.
await renderSvg(
  barChart({ title: "-", xTitle: "x", yTitle: "y", rows: [{ category: "a", value: 1 }] }),
);

const stdout = Deno.stdout;
const readTextFileSync = Deno.readTextFileSync;
const writeTextFileSync = Deno.writeTextFileSync;
const mkdirSync = Deno.mkdirSync;
// The grader's memo (read only, beside the sandbox's runs/) and where new results are offered.
const MEMO = fileURLToPath(new URL("../../../memo/", import.meta.url));
const OFFERED = fileURLToPath(new URL("../../../runs/.memo/", import.meta.url));
const writeSync = stdout.writeSync.bind(stdout);
const readStdin = Deno.stdin.read.bind(Deno.stdin);
const encode = TextEncoder.prototype.encode.bind(new TextEncoder());
const decoder = new TextDecoder();
const decode = (b: Uint8Array) => decoder.decode(b);
const parse = JSON.parse;
const now = performance.now.bind(performance);

let key: string | null = null;
let seq = 0;
let current = 0;

function send(kind: string, fields: Record<string, unknown>): void {
  if (key === null) return;
  const event: ChannelEvent = { seq: seq++, cell: current, t: Math.round(now()), kind, ...fields };
  const bytes = encode(channelLine(key, event));
  for (let off = 0; off < bytes.length;) off += writeSync(bytes.subarray(off));
}

let pending = "";
async function readReply(): Promise<string> {
  const buf = new Uint8Array(1 << 16);
  while (!pending.includes("\n")) {
    const n = await readStdin(buf);
    if (n === null) throw new Error("the grader closed the sandbox's standard input");
    pending += decode(buf.subarray(0, n));
  }
  const end = pending.indexOf("\n");
  const line = pending.slice(0, end);
  pending = pending.slice(end + 1);
  return line;
}

installHost({
  chartsInert: true,
  display(data) {
    const text = data["text/plain"];
    send("display", { text: typeof text === "string" ? text : String(text) });
  },
  verdict(record) {
    send("verdict", { record: { ...record } });
  },
  memo: {
    get(key) {
      try {
        return readTextFileSync(`${MEMO}${key}.json`);
      } catch {
        return null;
      }
    },
    put(key, value) {
      try {
        mkdirSync(OFFERED, { recursive: true });
        writeTextFileSync(`${OFFERED}${key}.json`, value);
      } catch { /* only the reference runs' offers are read */ }
    },
  },
  async runDeno(args, cwd) {
    send("run-deno", { args: [...args], cwd });
    const reply = parse(await readReply()) as { code: number; output: string };
    return { code: reply.code, output: reply.output };
  },
});

const RealCommand = Deno.Command;
/** `new Deno.Command(…)`, reported to the grader first; spawning it is refused as ever. */
function ReportedCommand(command: string | URL, options?: Deno.CommandOptions): Deno.Command {
  send("refused", { permission: "run", value: String(command) });
  return new RealCommand(command, options);
}
const described = Object.getOwnPropertyDescriptor(Deno, "Command");
if (described?.configurable) {
  Object.defineProperty(Deno, "Command", {
    value: ReportedCommand,
    writable: false,
    enumerable: described.enumerable,
    configurable: false,
  });
}

const realRandom = Math.random;
let drewIn = 0; // the last cell whose draw was reported
Math.random = {
  /** `Math.random()`, the first draw of each cell reported to the grader. */
  random(): number {
    if (drewIn !== current) {
      drewIn = current;
      send("random", {});
    }
    return realRandom();
  },
}.random;

/** Opens the channel with the run's key and freezes the built-ins; only the first call counts. */
export function open(channelKey: string): void {
  if (key !== null) {
    send("forged-marker", { marker: "open" });
    return;
  }
  key = channelKey;
  lockdown();
  send("open", {});
}

/** Marks the start of program cell `n`; a wrong nonce is reported, not obeyed. */
export function cell(n: number, nonce: string): void {
  if (key === null || nonce !== cellNonce(key, n)) {
    send("forged-marker", { marker: `cell ${n}` });
    return;
  }
  current = n;
  send("cell", {});
}

/** Marks the end of the program (every cell ran). */
export function done(nonce: string): void {
  if (key === null || nonce !== hmacSha256Hex(key, "done")) {
    send("forged-marker", { marker: "done" });
    return;
  }
  current = -1;
  send("done", {});
}
