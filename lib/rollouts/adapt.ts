/**
 * What the client changes in its requests for a server that refuses a parameter, and how it
 * keeps secrets out of what it records.
 *
 * - **Adaptation**: OpenAI's reasoning models answer `max_tokens` with a 400
 *   `unsupported_parameter` ("Use 'max_completion_tokens' instead") and a non-default
 *   `temperature` or `top_p` with `unsupported_value`. The client then sends the budget as
 *   `max_completion_tokens`, or leaves the sampling parameter out (the server's default applies),
 *   for every later request of the run, says so once, and records it in the run's settings — a
 *   run never claims a temperature the server did not use. `--max-completion-tokens` asks for the
 *   new name from the start.
 * - **Recorded arguments**: a URL in the command's arguments is recorded without its query
 *   string and user-info (a key in `?api_key=…` never reaches `manifest.json`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { adaptBody, safeArgs } from "./adapt.ts";
 * assertEquals(adaptBody({ max_tokens: 9, temperature: 0.5 }, { field: "max_completion_tokens", dropped: ["temperature"] }),
 *   { max_completion_tokens: 9 });
 * assertEquals(safeArgs(["--base-url", "https://u:p@h/v1?key=s"]), ["--base-url", "https://h/v1"]);
 * ```
 * @module
 */
import { UsageError } from "../core/errors.ts";

/**
 * The settings `--max-completion-tokens N` gives: the budget N, sent as `max_completion_tokens`
 * (chat only; it replaces `--max-tokens`).
 *
 * @throws UsageError on the completions API or beside `--max-tokens`
 */
export function completionBudget(
  n: number | undefined,
  api: string,
  argv: readonly string[],
): { max_tokens?: number; max_tokens_field?: "max_completion_tokens" } {
  if (n === undefined) return {};
  if (api !== "chat" || argv.some((a) => a === "--max-tokens" || a.startsWith("--max-tokens="))) {
    throw new UsageError("--max-completion-tokens replaces --max-tokens, on --api chat only");
  }
  return { max_tokens: n, max_tokens_field: "max_completion_tokens" };
}

/** How requests are changed for this server: the budget's field, and the parameters left out. */
export interface Adaptation {
  field: "max_tokens" | "max_completion_tokens";
  dropped: ("temperature" | "top_p")[];
}

/** No change. */
export const AS_ASKED: Adaptation = { field: "max_tokens", dropped: [] };

/** `body` as this server takes it. */
export function adaptBody(body: Record<string, unknown>, a: Adaptation): Record<string, unknown> {
  if (a.field === "max_tokens" && a.dropped.length === 0) return body;
  const out = { ...body };
  if (a.field === "max_completion_tokens" && "max_tokens" in out) {
    out.max_completion_tokens = out.max_tokens;
    delete out.max_tokens;
  }
  for (const p of a.dropped) delete out[p];
  return out;
}

/**
 * The adaptation after the server refused `param`, or null when there is nothing left to change
 * (the refusal then stands).
 */
export function adaptTo(a: Adaptation, param: string): Adaptation | null {
  if (param === "max_tokens") {
    return a.field === "max_tokens" ? { ...a, field: "max_completion_tokens" } : null;
  }
  if ((param === "temperature" || param === "top_p") && !a.dropped.includes(param)) {
    return { ...a, dropped: [...a.dropped, param].sort() as Adaptation["dropped"] };
  }
  return null;
}

/** The one line saying what changed after the server refused `param`. */
export function adaptationNote(param: string, message: string): string {
  const what = param === "max_tokens"
    ? "sending the budget as max_completion_tokens"
    : `leaving ${param} out (the server's default applies)`;
  return `the server refused '${param}' (${message}): ${what} from now on`;
}

/** The settings record of an adaptation: empty when requests go as asked. */
export function adaptationRecord(a: Adaptation): Record<string, string> {
  return {
    ...(a.field === "max_tokens" ? {} : { max_tokens_field: a.field }),
    ...(a.dropped.length === 0 ? {} : { dropped_parameters: a.dropped.join(",") }),
  };
}

/** An argument that is an http(s) URL, without its query string and user-info. */
function safeUrl(arg: string): string {
  const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
  const [head, value] = eq >= 0 ? [arg.slice(0, eq + 1), arg.slice(eq + 1)] : ["", arg];
  if (!/^https?:\/\//i.test(value)) return arg;
  try {
    const u = new URL(value);
    return `${head}${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return `${head}[a URL that does not parse]`;
  }
}

/** The command's arguments as recorded: every URL without its query string and user-info. */
export function safeArgs(args: readonly string[]): string[] {
  return args.map(safeUrl);
}
