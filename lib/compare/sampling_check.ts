/**
 * Sampling settings vs the policy. A rollout file's `.meta.json` mixes two things. Its policy
 * identity ({@link POLICY_KEYS}: `policy`, `checkpoint`, `model`, `seed`, `synthetic`) says
 * *which* policy made the completions and which draw they are: a change there *is* the policy
 * change under test, a note. Every other key (`temperature`, `top_p`, …) is a decoding setting:
 * the same policy decoded differently is a turned knob, a violation. Unknown settings on either
 * side (completions without a `.meta.json`) are a violation too: the room cannot be shown locked
 * (a deleted `.meta.json` would otherwise hide a decoding change).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { compareSampling } from "./sampling_check.ts";
 * const [r] = compareSampling({ policy: "v1", temperature: 1 }, { policy: "v1", temperature: 0.7 });
 * assertEquals([r.check, r.severity], ["sampling settings", "violation"]);
 * ```
 * @module
 */
import { canonical, type GateReason, KNOB_WORDS, short } from "./reasons.ts";

/** Keys of the sampling settings that identify the policy and its draw, not its decoding. */
export const POLICY_KEYS: readonly string[] = [
  "policy",
  "checkpoint",
  "model",
  "seed",
  "synthetic",
];

function changes(a: Record<string, unknown>, b: Record<string, unknown>, keys: string[]): string[] {
  return keys.filter((k) => canonical(a[k]) !== canonical(b[k])).map((k) =>
    `${k} ${short(a[k])} → ${short(b[k])}`
  );
}

/**
 * Compares the sampling settings of two runs under the rule of this module: a change of a
 * {@link POLICY_KEYS} key is the policy (a note); a change of any other key is a decoding change
 * (a violation); unknown settings on either side are a violation (the room cannot be shown
 * locked).
 *
 * @param base the baseline's settings, or null when unknown
 * @param cand the candidate's settings, or null when unknown
 * @returns the reasons (one or two)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { compareSampling } from "./sampling_check.ts";
 * assertEquals(compareSampling({ policy: "v1" }, null)[0].severity, "violation");
 * assertEquals(compareSampling({ policy: "v1" }, { policy: "v2" }).map((r) => r.severity), ["ok", "note"]);
 * ```
 */
export function compareSampling(
  base: Record<string, unknown> | null,
  cand: Record<string, unknown> | null,
): GateReason[] {
  const check = "sampling settings";
  if (base === null || cand === null) {
    const who = base === null && cand === null
      ? "both runs"
      : base === null
      ? "the baseline"
      : "the candidate";
    return [{
      check,
      severity: "violation",
      knob: "sampling",
      message: `unknown for ${who} (completions without a .meta.json): the decoding settings ` +
        "cannot be shown equal, so the room cannot be shown locked",
    }];
  }
  const keys = [...new Set([...Object.keys(base), ...Object.keys(cand)])].sort();
  const decoding = changes(base, cand, keys.filter((k) => !POLICY_KEYS.includes(k)));
  const policy = changes(base, cand, keys.filter((k) => POLICY_KEYS.includes(k)));
  const out: GateReason[] = [
    decoding.length > 0
      ? {
        check,
        severity: "violation",
        knob: "sampling",
        message: `${KNOB_WORDS.sampling} changed: ${
          decoding.join(", ")
        }; a difference would mix the policy with how it was decoded`,
      }
      : { check, severity: "ok", knob: "sampling", message: "decoding settings identical" },
  ];
  if (policy.length > 0) {
    out.push({
      check: "policy identity",
      severity: "note",
      knob: "policy",
      message: `${policy.join(", ")}: a different policy (or a fresh draw of it), ` +
        "the change under test",
    });
  }
  return out;
}

/** The sampling rule, as stated in every verdict. */
export const SAMPLING_RULE =
  `sampling keys ${
    POLICY_KEYS.join("/")
  } identify the policy and its draw (a change is the policy under test); every other key is a ` +
  "decoding setting that must match; settings unknown on either side are a violation";
