/**
 * Reading one object out of git's pack files (`.git/objects/pack/*.idx` version 2 and `*.pack`),
 * deltas included, for lib/core/git.ts: find the object's offset by binary search in the index,
 * read its header (type and size), inflate its data, and rebuild a delta against its base
 * (`OFS_DELTA` by offset, `REF_DELTA` by id) with git's copy/insert instructions.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { applyDelta } from "./git_pack.ts";
 * // base "hello", delta: sizes 5 → 7, copy 5 bytes from 0, insert "!!"
 * const delta = new Uint8Array([5, 7, 0x90, 5, 2, 33, 33]);
 * assertEquals(new TextDecoder().decode(applyDelta(new TextEncoder().encode("hello"), delta)), "hello!!");
 * ```
 * @module
 */
import { inflateSync } from "node:zlib";
import { join } from "node:path";

/** A packed object: its type (1 commit, 2 tree, 3 blob, 4 tag) and its content. */
export interface PackedObject {
  type: number;
  data: Uint8Array;
}

/** Applies a git delta to `base`: copy and insert instructions after the two sizes. */
export function applyDelta(base: Uint8Array, delta: Uint8Array): Uint8Array {
  let at = 0;
  const size = () => {
    let v = 0, shift = 0, c: number;
    do {
      c = delta[at++];
      v |= (c & 0x7f) << shift;
      shift += 7;
    } while (c & 0x80);
    return v;
  };
  size(); // the base's size
  const out = new Uint8Array(size());
  let o = 0;
  while (at < delta.length) {
    const op = delta[at++];
    if (op & 0x80) {
      let offset = 0, n = 0;
      for (let i = 0; i < 4; i++) if (op & (1 << i)) offset |= delta[at++] << (8 * i);
      for (let i = 0; i < 3; i++) if (op & (0x10 << i)) n |= delta[at++] << (8 * i);
      if (n === 0) n = 0x10000;
      out.set(base.subarray(offset >>> 0, (offset >>> 0) + n), o);
      o += n;
    } else if (op > 0) {
      out.set(delta.subarray(at, at + op), o);
      o += op;
      at += op;
    } else throw new Error("git delta: reserved instruction 0");
  }
  return out;
}

/** The offset of object `sha` in the pack of the index `idx`, or -1. */
function findOffset(idx: Uint8Array, sha: Uint8Array): number {
  const view = new DataView(idx.buffer, idx.byteOffset, idx.byteLength);
  if (view.getUint32(0) !== 0xff744f63 || view.getUint32(4) !== 2) return -1;
  const total = view.getUint32(8 + 255 * 4);
  let lo = sha[0] === 0 ? 0 : view.getUint32(8 + (sha[0] - 1) * 4);
  let hi = view.getUint32(8 + sha[0] * 4);
  const names = 8 + 256 * 4;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let cmp = 0;
    for (let i = 0; i < 20 && cmp === 0; i++) cmp = idx[names + mid * 20 + i] - sha[i];
    if (cmp === 0) {
      const offsets = names + total * 24;
      const small = view.getUint32(offsets + mid * 4);
      if (!(small & 0x80000000)) return small;
      const large = offsets + total * 4 + (small & 0x7fffffff) * 8;
      return view.getUint32(large) * 2 ** 32 + view.getUint32(large + 4);
    }
    if (cmp < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/** Reads `length` bytes at `offset` of an open pack (fewer at its end). */
type ReadAt = (offset: number, length: number) => Uint8Array;

/** Inflates the zlib stream at `offset`, reading a larger window until it is complete. */
function inflateAt(read: ReadAt, offset: number): Uint8Array {
  for (let window = 1 << 16;; window *= 4) {
    const bytes = read(offset, window);
    try {
      return new Uint8Array(inflateSync(bytes));
    } catch (e) {
      if (bytes.length < window || window > 1 << 30) throw e; // the whole rest was read
    }
  }
}

/** The object at `offset` of a pack, rebuilt from its delta chain when it is a delta. */
function objectAt(
  read: ReadAt,
  offset: number,
  byId: (sha: Uint8Array) => PackedObject | null,
  depth = 0,
): PackedObject | null {
  if (depth > 64) return null;
  const head = read(offset, 32); // type and size, then a base offset or id
  let at = 0, c = head[at++];
  const type = (c >> 4) & 7;
  while (c & 0x80) c = head[at++]; // the size: inflate finds the end by itself
  let base: PackedObject | null = null;
  if (type === 6) { // OFS_DELTA: the base lies `back` bytes before this object
    c = head[at++];
    let back = c & 0x7f;
    while (c & 0x80) {
      c = head[at++];
      back = ((back + 1) * 128) + (c & 0x7f);
    }
    base = objectAt(read, offset - back, byId, depth + 1);
  } else if (type === 7) { // REF_DELTA: the base is named by its id
    base = byId(head.subarray(at, at + 20));
    at += 20;
  }
  const data = inflateAt(read, offset + at);
  if (type !== 6 && type !== 7) return { type, data };
  return base === null ? null : { type: base.type, data: applyDelta(base.data, data) };
}

/**
 * Finds object `hex` in the pack files of `packDir` and returns it, or null when no pack holds it
 * (or a pack cannot be read). Reads the indexes whole and only windows of the packs.
 */
export function readPackedObject(packDir: string, hex: string): PackedObject | null {
  const sha = Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
  const files: Deno.FsFile[] = [];
  try {
    const packs = [...Deno.readDirSync(packDir)].filter((e) => e.name.endsWith(".idx")).map((
      e,
    ) => ({
      idx: Deno.readFileSync(join(packDir, e.name)),
      path: join(packDir, e.name.replace(/\.idx$/, ".pack")),
    }));
    const byId = (id: Uint8Array): PackedObject | null => {
      for (const p of packs) {
        const offset = findOffset(p.idx, id);
        if (offset < 0) continue;
        const file = Deno.openSync(p.path, { read: true });
        files.push(file);
        const read: ReadAt = (at, length) => {
          const buf = new Uint8Array(length);
          file.seekSync(at, Deno.SeekMode.Start);
          let n = 0;
          for (let k; n < length && (k = file.readSync(buf.subarray(n))) !== null;) n += k;
          return buf.subarray(0, n);
        };
        return objectAt(read, offset, byId);
      }
      return null;
    };
    return byId(sha);
  } catch {
    return null;
  } finally {
    for (const f of files) f.close();
  }
}
