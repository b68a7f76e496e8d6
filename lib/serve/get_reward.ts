/**
 * `POST /get_reward`: OpenRLHF's remote reward protocol, as its clients really call it.
 *
 * Request: `{"query": [...], "prompts": [...], "labels": [...]}` — the whole rollout batch
 * (OpenRLHF v0.7–v0.9.0, openrlhf/utils/remote_rm_utils.py) or one sample per request (v0.9.1
 * on, openrlhf/utils/agent.py `SingleTurnAgentExecutor`); `prompts` and `labels` may be absent
 * (older bodies), and a run without `--label_key` sends `""` labels. Every item is scored on its
 * own and no item fails the batch:
 *
 * - the completion is located in `query[i]` (reward_locate.ts: end and pad tokens dropped, after
 *   the prompt, else after the last assistant header); not found → 0.0, code `prompt_not_found`;
 * - labels: the dataset's own rule for `expected_answer` (a safe JSON integer or a canonical
 *   integer string). Spec v1 trims completions, never labels, so `" 42"`, `"42.0"`, `"1,035"`,
 *   `"#### 42"`, `"\\boxed{42}"`, `"042"` and 9007199254740993 (beyond the safe range: give it as
 *   a string) all score 0.0 with the scorer's `invalid_example`; an absent, null or empty label
 *   gives `no_label`.
 *
 * Response, written here as JSON text so that every number is a float literal (`1.0`, `0.0`):
 * OpenRLHF does `torch.as_tensor(info["rewards"])` and later `rewards.mean(-1)` and
 * `rewards.std(-1)`, which refuse the int64 tensor a JSON `1` becomes. `extra_logs` holds only
 * numeric, batch-length arrays (OpenRLHF `torch.as_tensor`s, splits and logs each key):
 *
 *     {"rewards": [..], "scores": [..], "extra_logs": {"strict_ok": [..], "format_fail": [..],
 *      "wrong_answer": [..], "invalid_label": [..], "no_label": [..], "prompt_not_found": [..],
 *      "eos_stripped": [..]}, "codes": ["ok", ...]}
 *
 * The per-item string codes stay outside `extra_logs`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { getReward, rewardJson } from "./get_reward.ts";
 * const b = getReward({ query: ["Q\nFinal: 5<|im_end|>"], prompts: ["Q\n"], labels: ["5"] }, 10);
 * assertEquals(JSON.parse(rewardJson(b)).codes, ["ok"]);
 * assertEquals(rewardJson(b).startsWith('{"rewards":[1.0],"scores":[1.0]'), true);
 * ```
 * @module
 */
import { score } from "../instrument/scorer.ts";
import { badParam } from "./http.ts";
import { locateCompletion } from "./reward_locate.ts";

/** The keys of `extra_logs`, in the order they are written: one 1.0/0.0 per item each. */
export const EXTRA_LOG_KEYS = [
  "strict_ok",
  "format_fail",
  "wrong_answer",
  "invalid_label",
  "no_label",
  "prompt_not_found",
  "eos_stripped",
] as const;

/** A key of `extra_logs`. */
export type ExtraLogKey = typeof EXTRA_LOG_KEYS[number];

/** The items that cannot be scored as asked: counted, with the first index, for the server log. */
export interface RewardProblem {
  kind: "invalid_label" | "no_label" | "prompt_not_found";
  count: number;
  first: number;
}

/** One batch, scored. */
export interface RewardBatch {
  rewards: (0 | 1)[];
  codes: string[];
  extra: Record<ExtraLogKey, (0 | 1)[]>;
  problems: RewardProblem[];
}

function list(body: Record<string, unknown>, key: string, max: number, required: boolean) {
  const v = body[key];
  if (v === undefined && !required) return null;
  if (!Array.isArray(v)) throw badParam(key, `'${key}' must be a list`);
  if (v.length > max) {
    throw badParam(key, `'${key}' has ${v.length} items, over the cap of ${max} per request`);
  }
  return v;
}

function bucket(code: string): ExtraLogKey {
  if (code === "ok") return "strict_ok";
  if (code === "wrong_answer") return "wrong_answer";
  if (code === "invalid_example") return "invalid_label";
  if (code === "no_label" || code === "prompt_not_found") return code;
  return "format_fail";
}

/**
 * Scores a `/get_reward` body (see the module doc). Refuses with a 400 only a body whose lists
 * are malformed: not lists, over the cap, of different lengths, or not strings.
 *
 * @param extraEnd end tokens beyond the common templates' (`serve --eos`)
 */
export function getReward(
  body: Record<string, unknown>,
  maxItems: number,
  extraEnd: readonly string[] = [],
): RewardBatch {
  const query = list(body, "query", maxItems, true)!;
  const prompts = list(body, "prompts", maxItems, false);
  const labels = list(body, "labels", maxItems, false);
  for (const [key, v] of [["prompts", prompts], ["labels", labels]] as const) {
    if (v !== null && v.length !== query.length) {
      throw badParam(key, `'query' has ${query.length} items and '${key}' has ${v.length}`);
    }
  }
  const n = query.length;
  const extra = {} as RewardBatch["extra"];
  for (const k of EXTRA_LOG_KEYS) extra[k] = new Array<0 | 1>(n).fill(0);
  const rewards = new Array<0 | 1>(n).fill(0);
  const codes = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const q = query[i], p = prompts === null ? null : prompts[i];
    if (typeof q !== "string" || (p !== null && typeof p !== "string")) {
      throw badParam("query", `query[${i}] and prompts[${i}] must be strings`);
    }
    const at = locateCompletion(q, p, extraEnd);
    if (at.stripped) extra.eos_stripped[i] = 1;
    const label = labels === null ? null : labels[i];
    let code: string;
    if (label === null || label === undefined || label === "") code = "no_label";
    else if (at.completion === null) code = "prompt_not_found";
    else {
      const r = score({ expected_answer: label }, at.completion);
      rewards[i] = r.reward;
      code = r.details.code;
    }
    codes[i] = code;
    extra[bucket(code)][i] = 1;
  }
  const problems: RewardProblem[] = [];
  for (const kind of ["invalid_label", "no_label", "prompt_not_found"] as const) {
    const first = extra[kind].indexOf(1);
    if (first >= 0) {
      problems.push({ kind, count: extra[kind].reduce((a: number, b) => a + b, 0), first });
    }
  }
  return { rewards, codes, extra, problems };
}

function floats(xs: readonly (0 | 1)[]): string {
  let s = "[";
  for (let i = 0; i < xs.length; i++) s += (i === 0 ? "" : ",") + (xs[i] === 1 ? "1.0" : "0.0");
  return s + "]";
}

/** The response body as JSON text, every reward and log a float literal (`1.0`, `0.0`). */
export function rewardJson(b: RewardBatch): string {
  const r = floats(b.rewards);
  const logs = EXTRA_LOG_KEYS.map((k) => `"${k}":${floats(b.extra[k])}`).join(",");
  return `{"rewards":${r},"scores":${r},"extra_logs":{${logs}},"codes":${JSON.stringify(b.codes)}}`;
}

const WHY: Record<RewardProblem["kind"], string> = {
  invalid_label: "labels that are not canonical integers (the dataset's expected_answer rule); " +
    "scored 0.0 with code invalid_example",
  no_label: 'items without a label (OpenRLHF sends "" without --label_key); scored 0.0 with ' +
    "code no_label",
  prompt_not_found: "queries whose completion could not be located (no prompt prefix, no " +
    "assistant header); scored 0.0 with code prompt_not_found",
};

/**
 * The server's one line per problem of a batch, e.g. `get_reward: 3 of 64 labels …
 * (first: labels[5] = " 42")`, so a mis-labelled dataset is loud in the server's log.
 */
export function problemLines(b: RewardBatch, body: Record<string, unknown>): string[] {
  return b.problems.map(({ kind, count, first }) => {
    const key = kind === "prompt_not_found" ? "query" : "labels";
    const v = (body[key] as unknown[] | undefined)?.[first];
    const shown = JSON.stringify(v === undefined ? null : v).slice(0, 80);
    return `get_reward: ${count} of ${b.rewards.length} ${
      WHY[kind]
    } (first: ${key}[${first}] = ${shown})`;
  });
}
