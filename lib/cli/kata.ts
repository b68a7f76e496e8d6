/**
 * `deno task kata [--set hard|m0] [--labels FILE]`: without `--labels`, prints the set's scored
 * cases to label; with it, checks the labels against the teacher's key and explains each
 * disagreement (exit 1 when some disagree or are missing).
 * @module
 */
import { readTextBounded } from "../core/files.ts";
import {
  checkKataLabels,
  KATA_LABELS,
  KATA_SETS,
  type KataSet,
  loadKata,
  parseKataLabels,
} from "../redteam/kata.ts";
import { kataCheckLines, kataListing } from "../present/kata_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

export const KATA = {
  name: "deno task kata",
  summary: `The debugging kata: label each scored case ${KATA_LABELS.join(" | ")}.`,
  flags: {
    set: flag.str("NAME", "which kata", { default: "hard", choices: Object.keys(KATA_SETS) }),
    labels: flag.str("FILE", 'your labels, JSON {"<id>": "<label>"} or JSONL {id, label, why}'),
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(KATA, async (f) => {
    const set = f.set as KataSet;
    const { cases, key } = loadKata(set);
    if (f.labels === undefined) {
      console.log(kataListing(set, cases).join("\n"));
      return 0;
    }
    const text = await readTextBounded(f.labels, 1 << 20); // regular file, at most 1 MiB
    const check = checkKataLabels(parseKataLabels(text, f.labels), key);
    console.log(kataCheckLines(set, f.labels, check).join("\n"));
    return check.ok ? 0 : 1;
  });
}
