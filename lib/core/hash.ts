/**
 * SHA-256 fingerprints of text and files (node:crypto, native and streaming).
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { sha256Text } from "./hash.ts";
 * assertEquals(sha256Text("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
 * ```
 * @module
 */
import { createHash, type Hash } from "node:crypto";
import { fileError, openRegularFile } from "./files.ts";

/** Hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Text(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Hex SHA-256 of bytes. */
export function sha256Bytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** An incremental SHA-256: feed chunks, then read the hex digest once. */
export function sha256Stream(): Hash {
  return createHash("sha256");
}

/**
 * Hex SHA-256 and size of a regular file, read in chunks so memory stays flat.
 *
 * @throws InputError naming the path when it is missing, unreadable or not a regular file
 */
export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  using file = await openRegularFile(path);
  const buf = new Uint8Array(1 << 20);
  for (;;) {
    let n: number | null;
    try {
      n = await file.read(buf);
    } catch (e) {
      throw fileError(path, e);
    }
    if (n === null) break;
    hash.update(buf.subarray(0, n));
    bytes += n;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/**
 * The SHA-256 of ids in the order given, joined by LF (`results_ids_fingerprint`), fed one id at a time as rows are written (batched, so a
 * 2,000,000-row run costs a few hundred hash updates).
 */
export class OrderedIdsHash {
  #hash = sha256Stream();
  #batch: string[] = [];
  #first = true;
  /** Appends the next id. */
  add(id: string): void {
    if (!this.#first) this.#batch.push("\n");
    this.#first = false;
    this.#batch.push(id);
    if (this.#batch.length >= 8192) this.#flush();
  }
  #flush(): void {
    this.#hash.update(this.#batch.join(""), "utf8");
    this.#batch = [];
  }
  /** The hex digest of every id added. */
  digest(): string {
    this.#flush();
    return this.#hash.digest("hex");
  }
}
