/**
 * The tokenizer on runs of one repeated unit (one piece for the byte-pair merges): 5,000 and
 * 20,000 characters of each. Target: 20,000 in well under a second, and ×4 input at most ×10
 * the time (linear up to a log factor; js-tiktoken's quadratic loop: ×16 and worse). The test
 * (tests/policy/tokenizer_test.ts) counts the merge work; this measures the time, pre-tokenizer
 * included.
 *
 *   deno task bench          (targets: tests/bench/targets.ts)
 */
import { encodeIds } from "../../lib/policy/tokenizer.ts";
import { TOKENIZER_RUNS } from "./tokenizer_runs.ts";

encodeIds("warm the tables"); // cl100k_base is read once per process

for (const [label, unit] of TOKENIZER_RUNS) {
  for (const chars of [5_000, 20_000]) {
    const text = unit.repeat(chars / unit.length);
    const name = `encodeIds() ${chars.toLocaleString("en")} × ${label}`;
    Deno.bench(name, { group: label, n: 10, warmup: 2 }, () => {
      encodeIds(text);
    });
  }
}
