/**
 * `deno task data [--check] [--pin]`: re-makes the generated data under `data/` from its seeds.
 * `--check` writes nothing and exits 1 if any generated file differs from what is on disk;
 * `--pin` (also implied when writing) rewrites `data/SHA256SUMS` for every file under `data/`.
 * @module
 */
import { generateAll } from "../datagen/datagen.ts";
import { computeSums, SUMS_FILE } from "../core/seal.ts";
import { dataPath } from "../core/paths.ts";
import { parseFlags, runCli } from "./common.ts";

const USAGE = "usage: deno task data [--check]";

await runCli(USAGE, async () => {
  const { values } = parseFlags(Deno.args, { check: { type: "boolean" } });
  const files = generateAll();
  if (values.check) {
    let bad = 0;
    for (const [path, text] of files) {
      let onDisk = "";
      try {
        onDisk = await Deno.readTextFile(dataPath(path));
      } catch { /* missing counts as different */ }
      if (onDisk !== text) {
        console.log(`differs: data/${path}`);
        bad++;
      }
    }
    console.log(
      bad === 0
        ? `all ${files.size} generated files re-made byte for byte`
        : `${bad} file(s) differ`,
    );
    return bad === 0 ? 0 : 1;
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
