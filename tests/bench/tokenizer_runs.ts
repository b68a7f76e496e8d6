/**
 * The runs of one repeated unit the tokenizer's speed is measured on (tests/bench/
 * tokenizer_bench.ts, checked by tests/bench/targets.ts): each label and its unit. A run holds
 * no pre-token break, so it is one long piece for the byte-pair merges.
 */
export const TOKENIZER_RUNS: readonly (readonly [label: string, unit: string])[] = [
  ["'a'", "a"],
  ["'!'", "!"],
  ["'7'", "7"],
  ["SPACE", " "],
  ["LF", "\n"],
  ["'a' SPACE", "a "],
  ["'日'", "日"],
];
