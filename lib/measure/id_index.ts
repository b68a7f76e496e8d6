/**
 * A compact index from example id to position: the ids' text packed in blocks, and an
 * open-addressing hash table of 32-bit positions beside them.
 *
 * A `string[]` plus a `Map<string, number>` costs about 100 bytes per id (a string object, an
 * array slot, a map entry, and twice that while they grow); here an id costs its characters, a
 * 32-bit offset, its 32-bit hash and one or two 32-bit table slots, about 24 bytes for the
 * course's ids, with no
 * growth copy of the blocks. Ids are kept in blocks of {@link BLOCK} (one string per block, the
 * ids concatenated, and their offsets); the block being filled is a plain array until it is full.
 * Hash: 32-bit FNV-1a over the id's UTF-16 units; collisions probe linearly.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { IdIndex } from "./id_index.ts";
 * const index = new IdIndex();
 * assertEquals([index.add("q1"), index.add("q2"), index.add("q1")], [0, 1, -1]);
 * assertEquals([index.indexOf("q2"), index.indexOf("q9"), index.size, index.idAt(1)], [1, -1, 2, "q2"]);
 * ```
 * @module
 */

/** Ids per block. */
export const BLOCK = 1 << 16;

/** 32-bit FNV-1a of the UTF-16 units s[start, end). */
function fnv1a(s: string, start = 0, end = s.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Ids in insertion order, found by id in constant expected time. */
export class IdIndex {
  #texts: string[] = []; // one string per full block: its ids concatenated
  #offsets: Int32Array[] = []; // per full block: BLOCK + 1 offsets into its text
  #open: string[] = []; // the block being filled
  #hashes: Int32Array[] = []; // per block: each id's hash (so growing never rehashes a string)
  #size = 0;
  #slots = new Int32Array(1024); // position + 1, or 0 for an empty slot
  #mask = 1023;

  /** Number of ids. */
  get size(): number {
    return this.#size;
  }

  /** True when the id at position `i` is `id` (no string is built). */
  is(i: number, id: string): boolean {
    return this.#same(i, id);
  }

  #same(i: number, id: string): boolean {
    if (i < 0 || i >= this.#size) return false;
    const b = i >>> 16, k = i & (BLOCK - 1);
    if (b === this.#texts.length) return this.#open[k] === id;
    const offsets = this.#offsets[b], start = offsets[k];
    return offsets[k + 1] - start === id.length && this.#texts[b].startsWith(id, start);
  }

  /** The id at position `i`. */
  idAt(i: number): string {
    const b = i >>> 16, k = i & (BLOCK - 1);
    if (b === this.#texts.length) return this.#open[k];
    const offsets = this.#offsets[b];
    return this.#texts[b].slice(offsets[k], offsets[k + 1]);
  }

  /** The position of `id`, or -1. */
  indexOf(id: string): number {
    const slots = this.#slots, mask = this.#mask, h = fnv1a(id) | 0;
    for (let s = h & mask;; s = (s + 1) & mask) {
      const v = slots[s];
      if (v === 0) return -1;
      if (this.#hashOf(v - 1) === h && this.#same(v - 1, id)) return v - 1;
    }
  }

  /** Adds `id` at the end and returns its position, or returns -1 when it is already present. */
  add(id: string): number {
    const slots = this.#slots, mask = this.#mask, h = fnv1a(id) | 0;
    let s = h & mask;
    for (;; s = (s + 1) & mask) {
      const v = slots[s];
      if (v === 0) break;
      if (this.#hashOf(v - 1) === h && this.#same(v - 1, id)) return -1;
    }
    this.#open.push(id);
    const i = this.#size++;
    if ((i & (BLOCK - 1)) === 0) this.#hashes.push(new Int32Array(BLOCK));
    this.#hashes[i >>> 16][i & (BLOCK - 1)] = h;
    slots[s] = i + 1;
    if (this.#open.length === BLOCK) this.#seal();
    if (this.#size * 2 > slots.length) this.#grow();
    return i;
  }

  /** Packs the full open block into one string and its offsets. */
  #seal(): void {
    const offsets = new Int32Array(BLOCK + 1);
    for (let k = 0; k < BLOCK; k++) offsets[k + 1] = offsets[k] + this.#open[k].length;
    this.#texts.push(this.#open.join(""));
    this.#offsets.push(offsets);
    this.#open = [];
  }

  /** The stored hash of the id at position `i`. */
  #hashOf(i: number): number {
    return this.#hashes[i >>> 16][i & (BLOCK - 1)];
  }

  #grow(): void {
    const slots = new Int32Array(this.#slots.length * 2), mask = slots.length - 1;
    for (let i = 0; i < this.#size; i++) {
      let s = this.#hashOf(i) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = i + 1;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}
