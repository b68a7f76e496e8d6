/**
 * The verifier as a reward service, in two protocols:
 *
 * - **`POST /v1/score`**, the course's own: `{"items": [{"example": {...}, "completion": "..."}]}`
 *   gives `{"results": [{reward, details}], "scorer": {name, version, fingerprint}}`; each result
 *   is exactly `score(example, completion)` (the scorer is total, so any JSON value is scored).
 * - **`POST /get_reward`**, OpenRLHF's remote reward protocol: get_reward.ts.
 *
 * A batch over the cap or a list of the wrong type is a 400 naming the index.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { scoreItems } from "./reward.ts";
 * const r = scoreItems({ items: [{ example: { expected_answer: 5 }, completion: "Final: 5" }] }, 10);
 * assertEquals(r.results[0].reward, 1);
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
