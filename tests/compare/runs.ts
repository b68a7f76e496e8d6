/**
 * Small real runs for the gate's tests: a dataset of `n` examples (expected answer 1 each) and,
 * per run, completions that earn the given rewards (`Final: 1` for 1, `Final: 0` for 0), scored
 * by `runEval` into `<root>/runs/<name>`, with the sampling settings given (a `.meta.json`).
 */
import { runEval } from "../../lib/experiments/eval.ts";

/** The sampling settings of the shipped frozen rollouts. */
export const SAMPLING = { policy: "sim-weak-v1", temperature: 1, seed: 2026, synthetic: true };

/** Ids q0000, q0001, … */
export const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `q${String(i).padStart(4, "0")}`);

/** Writes the dataset of `n` examples (once per root) and returns its path. */
export async function dataset(root: string, n: number, prompt = "Compute 0+1."): Promise<string> {
  const path = `${root}/ds_${n}_${prompt.length}.jsonl`;
  await Deno.writeTextFile(
    path,
    ids(n).map((id) => JSON.stringify({ id, prompt, expected_answer: 1 })).join("\n") + "\n",
  );
  return path;
}

/** Writes completions earning `rewards` (and their `.meta.json`), then evals them; the run path. */
export async function evalRun(
  root: string,
  name: string,
  rewards: number[],
  opts: {
    sampling?: Record<string, unknown> | null;
    dataset?: string;
    completion?: (i: number, r: number) => string;
  } = {},
): Promise<string> {
  const ds = opts.dataset ?? await dataset(root, rewards.length);
  const completions = `${root}/${name}.jsonl`;
  const text = (i: number, r: number) =>
    opts.completion?.(i, r) ?? (r === 1 ? "Final: 1" : "Final: 0");
  await Deno.writeTextFile(
    completions,
    ids(rewards.length).map((id, i) => JSON.stringify({ id, completion: text(i, rewards[i]) }))
      .join("\n") + "\n",
  );
  const sampling = opts.sampling === undefined ? SAMPLING : opts.sampling;
  if (sampling !== null) {
    await Deno.writeTextFile(`${root}/${name}.meta.json`, JSON.stringify(sampling));
  }
  const outdir = `${root}/runs/${name}`;
  await runEval({ dataset: ds, completions, outdir, force: false, args: [] });
  return outdir;
}

/** Reads, edits and writes back a run's manifest. */
export async function editManifest(run: string, edit: (m: Record<string, unknown>) => void) {
  const m = JSON.parse(await Deno.readTextFile(`${run}/manifest.json`));
  edit(m);
  await Deno.writeTextFile(`${run}/manifest.json`, JSON.stringify(m, null, 2));
}

/** Reads, edits and writes back a run's results rows (the manifest is left as it was). */
export async function editRows(run: string, edit: (rows: Record<string, unknown>[]) => void) {
  const rows = (await Deno.readTextFile(`${run}/results.jsonl`)).trimEnd().split("\n").map((l) =>
    JSON.parse(l)
  );
  edit(rows);
  await Deno.writeTextFile(
    `${run}/results.jsonl`,
    rows.map((r) => JSON.stringify(r)).join("\n") + "\n",
  );
}

/** A copy of a run folder, byte for byte. */
export async function copyRun(from: string, to: string): Promise<string> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
  return to;
}
