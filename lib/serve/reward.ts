/**
 * The verifier as a reward service, in two protocols:
 *
 * - **`POST /v1/score`**, the course's own: `{"items": [{"example": {...}, "completion": "..."}]}`
 *   gives `{"results": [{reward, details}], "scorer": {name, version, fingerprint}}`; each result
 *   is exactly `score(example, completion)` (the scorer is total, so any JSON value is scored).
 * - **`POST /get_reward`**, the remote reward model protocol of OpenRLHF: `{"query": [...],
 *   "prompts": [...], "labels": [...]}` where `query[i]` is `prompts[i]` followed by the
 *   completion and `labels[i]` the expected answer; it gives `{"rewards": [...], "scores":
 *   [...], "codes": [...]}`. The completion is `query[i]` with the prompt prefix removed and is
 *   scored verbatim as `score({expected_answer: labels[i]}, completion)`: a chat template's end
 *   token left in the query is part of the completion, and the strict scorer refuses it. OpenRLHF
 *   reads `rewards` (for the advantage) and `scores` (0–1, for dynamic filtering); `codes` says
 *   why, for people.
 *
 * A batch over the cap, a list of the wrong type, and a query that does not start with its
 * prompt are each a 400 naming the index.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { getReward } from "./reward.ts";
 * const r = getReward({ query: ["Compute 2+3.\nFinal: 5"], prompts: ["Compute 2+3.\n"], labels: ["5"] }, 10);
 * assertEquals(r.rewards, [1]);
 * ```
 * @module
 */
import { score, scorerFingerprint } from "../instrument/scorer.ts";
import { SCORER_NAME, SCORER_VERSION } from "../instrument/spec.ts";
import type { ScoreResult } from "../instrument/spec.ts";
import { badParam } from "./http.ts";

/** The scorer's identity, as every reward response states it. */
export function scorerIdentity(): { name: string; version: string; fingerprint: string } {
  return { name: SCORER_NAME, version: SCORER_VERSION, fingerprint: scorerFingerprint() };
}

function list(body: Record<string, unknown>, key: string, maxItems: number): unknown[] {
  const v = body[key];
  if (!Array.isArray(v)) throw badParam(key, `'${key}' must be a list`);
  if (v.length > maxItems) {
    throw badParam(key, `'${key}' has ${v.length} items, over the cap of ${maxItems} per request`);
  }
  return v;
}

/** `POST /v1/score`: each item scored with the strict scorer. */
export function scoreItems(
  body: Record<string, unknown>,
  maxItems: number,
): { results: ScoreResult[]; scorer: ReturnType<typeof scorerIdentity> } {
  const items = list(body, "items", maxItems);
  const results = items.map((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw badParam("items", `items[${i}] must be an object {example, completion}`);
    }
    const { example, completion } = item as Record<string, unknown>;
    return score(example, completion);
  });
  return { results, scorer: scorerIdentity() };
}

/** `POST /get_reward`: OpenRLHF's remote reward protocol. */
export function getReward(
  body: Record<string, unknown>,
  maxItems: number,
): { rewards: number[]; scores: number[]; codes: string[] } {
  const query = list(body, "query", maxItems);
  const prompts = list(body, "prompts", maxItems);
  const labels = list(body, "labels", maxItems);
  if (prompts.length !== query.length || labels.length !== query.length) {
    throw badParam(
      "query",
      `'query', 'prompts' and 'labels' must have the same length, got ${query.length}, ` +
        `${prompts.length} and ${labels.length}`,
    );
  }
  const rewards: number[] = [];
  const codes: string[] = [];
  for (let i = 0; i < query.length; i++) {
    const q = query[i], p = prompts[i];
    if (typeof q !== "string" || typeof p !== "string") {
      throw badParam("query", `query[${i}] and prompts[${i}] must be strings`);
    }
    if (!q.startsWith(p)) {
      throw badParam("query", `query[${i}] does not start with prompts[${i}]`);
    }
    const r = score({ expected_answer: labels[i] }, q.slice(p.length));
    rewards.push(r.reward);
    codes.push(r.details.code);
  }
  return { rewards, scores: rewards, codes };
}
