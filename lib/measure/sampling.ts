/**
 * The sampling settings that travel beside a rollout file as `<name>.meta.json`: a flat map of
 * settings (`policy`, `temperature`, `seed`, …), each a string, number, boolean or null. The
 * manifest records them and the gate compares them key by key, so anything deeper (an object or
 * an array as a value) or larger than {@link MAX_META_BYTES} is refused, naming the file.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { metaPathFor } from "./sampling.ts";
 * assertEquals(metaPathFor("data/rollouts/x.jsonl"), "data/rollouts/x.meta.json");
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import { assertRegularFile, readTextBounded } from "../core/files.ts";
import { describeType } from "./rows.ts";

/** The largest `.meta.json` read (64 KiB): sampling settings are a few lines. */
export const MAX_META_BYTES = 64 * 1024;

/** A flat map of sampling settings. */
export type SamplingSettings = Record<string, string | number | boolean | null>;

/** The sidecar file that carries a rollout file's sampling settings. */
export function metaPathFor(path: string): string {
  return path.replace(/(\.jsonl)?$/, ".meta.json");
}

/**
 * The sampling settings recorded beside a rollout file (`<name>.meta.json`), or null when the
 * file has none.
 *
 * @throws InputError naming the sidecar when it is unreadable, not a regular file, larger than
 *   {@link MAX_META_BYTES}, not JSON, or not a flat map of settings
 */
export async function loadSamplingSettings(path: string): Promise<SamplingSettings | null> {
  await assertRegularFile(path); // no sidecar is looked for beside a FIFO or a device
  const meta = metaPathFor(path);
  try {
    await Deno.lstat(meta);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
  }
  const text = await readTextBounded(meta, MAX_META_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(meta, null, `malformed JSON (${(e as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError(
      meta,
      null,
      `must be a JSON object of settings, got ${describeType(value)}`,
    );
  }
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && typeof v === "object") {
      throw new InputError(
        meta,
        null,
        `must be a flat map of settings: ${JSON.stringify(key)} holds ${describeType(v)}`,
      );
    }
  }
  return value as SamplingSettings;
}
