/**
 * `deno task kata [--set hard|m0] [--labels FILE]`: without `--labels`, prints the set's scored
 * cases (completions made visible) for the student to label; with it, checks the labels against
 * the teacher's key (lib/redteam/kata.ts) and explains each disagreement. Exit 0 when every label
 * agrees (or when only showing the cases), 1 when some disagree or are missing, 2 on unusable
 * input.
 * @module
 */
import {
  checkKataLabels,
  KATA_LABELS,
  KATA_SETS,
  type KataSet,
  loadKata,
  parseKataLabels,
} from "../redteam/kata.ts";
import { InputError, UsageError } from "../core/errors.ts";
import { visible } from "../core/visible.ts";
import { parseFlags, runCli } from "./common.ts";

const USAGE = `usage: deno task kata [--set hard|m0] [--labels FILE]
  --set     which kata: ${Object.keys(KATA_SETS).join(" or ")} (default hard)
  --labels  your labels, JSON {"<id>": "<label>"} or JSONL {id, label, why}; without it, the
            cases are printed for labelling. Labels: ${KATA_LABELS.join(", ")}`;

await runCli(USAGE, async () => {
  const { values } = parseFlags(Deno.args, {
    set: { type: "string", default: "hard" },
    labels: { type: "string" },
  });
  const set = values.set as string;
  if (!(set in KATA_SETS)) throw new UsageError(`unknown --set ${JSON.stringify(set)}`);
  const { cases, key } = loadKata(set as KataSet);
  if (typeof values.labels !== "string") {
    console.log(
      `The ${set} kata: ${cases.length} scored cases. Label each one ${KATA_LABELS.join(" | ")}.`,
    );
    console.log("Completions are shown with visible whitespace: ␣ is a space, \\n a line feed.\n");
    for (const c of cases) {
      console.log(`${c.id}  ${c.prompt}`);
      console.log(`     expected ${c.expected_answer}; completion ${visible(c.completion)}`);
      console.log(`     scored by ${c.scorer}: reward ${c.reward} (${c.code}) ${c.message}\n`);
    }
    console.log(`Then: deno task kata --set ${set} --labels my_labels.json`);
    return 0;
  }
  let text: string;
  try {
    text = await Deno.readTextFile(values.labels);
  } catch (e) {
    throw new InputError(values.labels, null, `cannot read: ${(e as Error).message}`);
  }
  const check = checkKataLabels(parseKataLabels(text, values.labels), key);
  console.log(`Checking ${values.labels} against the ${set} kata's key.`);
  console.log(check.why);
  console.log(
    check.ok
      ? "All labels agree with the key."
      : "Some labels disagree: read the explanations above.",
  );
  return check.ok ? 0 : 1;
});
