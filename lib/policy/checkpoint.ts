/**
 * The checkpoint format (reads and writes files): a plain JSON header and a raw weights file
 * beside it.
 *
 * `NAME.json` holds the format tag, the policy's name, the architecture (kind, vocabulary size,
 * hidden width, parameter count, the layout of the flat vector), the vocabulary (cl100k ids and
 * texts, so nothing else is needed to decode), how it was trained (seed, corpus fingerprint,
 * steps, every setting, the parent checkpoint for an RL run) and the weights file's name, size
 * and SHA-256. `NAME.weights.f32` holds the parameters as little-endian float32, in the layout's
 * order. Loading checks everything it can: a missing or truncated file, malformed JSON, another
 * format or architecture, a size or SHA-256 that does not match: each is an {@link InputError}
 * naming the file (exit 2 in every CLI).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "./gru.ts";
 * import { buildVocab } from "./vocab.ts";
 * import { loadCheckpoint, writeCheckpoint } from "./checkpoint.ts";
 * const vocab = buildVocab(["Final: 7"]);
 * const params = initParams({ vocab: vocab.texts.length, hidden: 4 }, makeRng(0));
 * const dir = await Deno.makeTempDir();
 * await writeCheckpoint(`${dir}/tiny.json`, { name: "tiny", params, vocab, training: { seed: 0 } });
 * const back = await loadCheckpoint(`${dir}/tiny.json`);
 * assertEquals([back.name, back.params.flat[3]], ["tiny", Math.fround(params.flat[3])]);
 * ```
 * @module
 */
import { basename, dirname, join } from "node:path";
import { InputError } from "../core/errors.ts";
import { readBytesBounded } from "../core/files.ts";
import { sha256Bytes } from "../core/hash.ts";
import { firstNonFinite } from "./finite.ts";
import { type GruParams, paramCount, paramsView } from "./gru.ts";
import { SPECIALS, type Vocab, vocabFrom } from "./vocab.ts";
import { CHECKPOINT_FORMAT, type CheckpointHeader, headerProblem } from "./checkpoint_header.ts";

export { CHECKPOINT_FORMAT, type CheckpointHeader } from "./checkpoint_header.ts";

/** A loaded policy: weights (float64 copies of the stored float32), vocabulary and identity. */
export interface Policy {
  name: string;
  params: GruParams;
  vocab: Vocab;
  /** SHA-256 of the header file's bytes (which pins the weights through their SHA-256). */
  sha256: string;
  /** The header as read. */
  header: CheckpointHeader;
  /** The header's path as given. */
  path: string;
}

/** The weights file named by a header path: `NAME.json` → `NAME.weights.f32`. */
export function weightsFileFor(headerPath: string): string {
  return basename(headerPath).replace(/\.json$/, "") + ".weights.f32";
}

/** Parameters as little-endian float32 bytes. */
export function weightsBytes(flat: Float64Array): Uint8Array {
  const bytes = new Uint8Array(flat.length * 4), view = new DataView(bytes.buffer);
  for (let i = 0; i < flat.length; i++) view.setFloat32(i * 4, flat[i], true);
  return bytes;
}

/** The two files of a checkpoint, as text and bytes (pure: {@link writeCheckpoint} writes them). */
export function checkpointFiles(
  headerPath: string,
  c: { name: string; params: GruParams; vocab: Vocab; training: Record<string, unknown> },
): { header: CheckpointHeader; json: string; weights: Uint8Array } {
  const { vocab: V, hidden: H } = c.params.cfg;
  const bad = firstNonFinite(c.params.flat);
  if (bad >= 0) { // never written: no sampler could use it (the trainers stop before this)
    throw new InputError(
      headerPath,
      null,
      `weight ${bad} is ${c.params.flat[bad]} (not finite as float32)`,
    );
  }
  const weights = weightsBytes(c.params.flat);
  const header: CheckpointHeader = {
    format: CHECKPOINT_FORMAT,
    name: c.name,
    architecture: {
      kind: "gru",
      layers: 1,
      vocab: V,
      hidden: H,
      param_count: paramCount(c.params.cfg),
      layout: ["wi (V, 3H)", "wh (3H, H)", "bh (3H)", "wo (V, H)", "bo (V)"],
    },
    vocab: {
      encoding: c.vocab.encoding,
      specials: [...SPECIALS],
      cl100k_ids: c.vocab.cl100k.slice(SPECIALS.length),
      texts: c.vocab.texts.slice(SPECIALS.length),
    },
    training: c.training,
    weights: {
      file: weightsFileFor(headerPath),
      dtype: "float32",
      byte_order: "little-endian",
      bytes: weights.length,
      sha256: sha256Bytes(weights),
    },
  };
  return { header, json: JSON.stringify(header, null, 1) + "\n", weights };
}

/** Writes a checkpoint's header to `headerPath` and its weights beside it. */
export async function writeCheckpoint(
  headerPath: string,
  c: { name: string; params: GruParams; vocab: Vocab; training: Record<string, unknown> },
): Promise<CheckpointHeader> {
  const { header, json, weights } = checkpointFiles(headerPath, c);
  await Deno.writeFile(join(dirname(headerPath), header.weights.file), weights);
  await Deno.writeTextFile(headerPath, json);
  return header;
}

/** The largest checkpoint header read (8 MiB; the shipped ones are about 5 KB). */
export const MAX_HEADER_BYTES = 8 << 20;

/**
 * A regular file's bytes, at most `max` of them (a FIFO, a device such as /dev/zero, a folder, or
 * a link to one of them is refused before it is read), with the file named in every error.
 */
async function readBytes(path: string, what: string, max: number): Promise<Uint8Array> {
  try {
    return await readBytesBounded(path, max);
  } catch (e) {
    const why = (e as Error).message.replace(`${path}: `, "");
    throw new InputError(path, null, `cannot read the ${what}: ${why}`);
  }
}

/**
 * Loads a checkpoint header and its weights, checking both (see the module doc).
 *
 * @throws InputError naming the file at fault
 */
export async function loadCheckpoint(path: string): Promise<Policy> {
  const headerBytes = await readBytes(path, "checkpoint", MAX_HEADER_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(headerBytes));
  } catch (e) {
    throw new InputError(path, null, `malformed checkpoint JSON (${(e as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError(path, null, "the checkpoint is not a JSON object");
  }
  const problem = headerProblem(value as Record<string, unknown>);
  if (problem !== null) throw new InputError(path, null, problem);
  const header = value as CheckpointHeader;
  const cfg = { vocab: header.architecture.vocab, hidden: header.architecture.hidden };
  const wpath = join(dirname(path), header.weights.file);
  const want = header.architecture.param_count * 4;
  const bytes = await readBytes(wpath, "weights file", want).catch((e) => {
    if (!/is larger than/.test(e.message)) throw e;
    throw new InputError(
      wpath,
      null,
      `holds more than the ${want} bytes the header says (${header.architecture.param_count} ` +
        "float32 parameters): not this checkpoint's weights",
    );
  });
  if (bytes.length !== want) {
    throw new InputError(
      wpath,
      null,
      `holds ${bytes.length} bytes, the header says ${want} (${header.architecture.param_count} ` +
        "float32 parameters): truncated or not this checkpoint's weights",
    );
  }
  const digest = sha256Bytes(bytes);
  if (digest !== header.weights.sha256) {
    throw new InputError(
      wpath,
      null,
      `SHA-256 ${digest} does not match the header's ${header.weights.sha256}`,
    );
  }
  const flat = new Float64Array(header.architecture.param_count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < flat.length; i++) flat[i] = view.getFloat32(i * 4, true);
  const bad = firstNonFinite(flat);
  if (bad >= 0) {
    throw new InputError(
      wpath,
      null,
      `weight ${bad} is ${flat[bad]}: a checkpoint with a non-finite weight cannot be sampled ` +
        "or trained",
    );
  }
  return {
    name: header.name,
    params: paramsView(cfg, flat),
    vocab: vocabFrom(header.vocab.cl100k_ids, header.vocab.texts),
    sha256: sha256Bytes(headerBytes),
    header,
    path,
  };
}
