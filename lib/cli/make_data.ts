/**
 * `deno task data [--check]`: re-makes the generated data under `data/` from its seeds and
 * re-pins `data/SHA256SUMS`; `--check` writes nothing and exits 1 if any file differs.
 * @module
 */
import { generateAll } from "../datagen/datagen.ts";
import { computeSums, SUMS_FILE } from "../core/seal.ts";
import { dataPath } from "../core/paths.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

export const DATA = {
  name: "deno task data",
  summary: "Re-makes the generated course data under data/ from its seeds and pins every file " +
    "under data/ in data/SHA256SUMS.",
  flags: {
    check: flag.bool("write nothing; exit 1 if a generated file differs"),
  },
} as const satisfies Command;

async function differs(path: string, text: string): Promise<boolean> {
  return await Deno.readTextFile(dataPath(path)).catch(() => null) !== text;
}

if (import.meta.main) {
  await runCommand(DATA, async (f) => {
    const files = generateAll();
    if (f.check) {
      const bad = [];
      for (const [path, text] of files) if (await differs(path, text)) bad.push(path);
      for (const path of bad) console.log(`differs: data/${path}`);
      console.log(
        bad.length === 0
          ? `all ${files.size} generated files re-made byte for byte`
          : `${bad.length} file(s) differ`,
      );
      return bad.length === 0 ? 0 : 1;
    }
    for (const [path, text] of files) {
      await Deno.mkdir(dataPath(path).replace(/\/[^/]+$/, ""), { recursive: true });
      await Deno.writeTextFile(dataPath(path), text);
      console.log(`wrote data/${path}`);
    }
    await Deno.writeTextFile(dataPath(SUMS_FILE), await computeSums(dataPath("")));
    console.log(`pinned every file under data/ in data/${SUMS_FILE}`);
    return 0;
  });
}
