/**
 * The commit and the dirty flag of a git checkout, read from `.git` directly: no `git` process,
 * so nothing a repository's configuration can hook (`core.fsmonitor`, `core.hooksPath`, filters,
 * `diff.external`) ever runs, and nothing under `.git/` is written (a `git status` would rewrite
 * the index).
 *
 * - The commit: `HEAD`, followed through symbolic refs, loose refs and `packed-refs` (linked
 *   worktrees included: `.git` as a file, `commondir`).
 * - Dirty, like `git status --porcelain --untracked-files=no`: the index differs from `HEAD`
 *   (the tree the index describes, hashed here, is not the commit's tree) or the working tree
 *   differs from the index (a tracked file is missing, changed type or mode, or its content does
 *   not hash to the index's blob; files whose size and modification time match the index and
 *   were written before it are trusted, as git trusts them).
 * - Anything this reader does not understand (a SHA-256 repository, a split or sparse index, an
 *   object it cannot find) gives null, "unknown", never a guess.
 *
 * @example
 * ```ts
 * import { assert } from "./testing.ts";
 * import { gitState } from "./git.ts";
 * const state = await gitState(Deno.makeTempDirSync());
 * assert(state.commit === null && state.dirty === null); // not a repository
 * ```
 * @module
 */
import { createHash } from "node:crypto";
import { inflateSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { readPackedObject } from "./git_pack.ts";

/** What the manifest records about the code: the commit, and whether the checkout differs. */
export interface GitState {
  commit: string | null;
  dirty: boolean | null;
}

const UNKNOWN: GitState = { commit: null, dirty: null };
const dec = new TextDecoder();

async function readText(path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return null;
  }
}

/** The repository around `start`: its work tree, its git dir and its common dir. */
async function findRepository(
  start: string,
): Promise<{ work: string; git: string; common: string } | null> {
  for (let dir = resolve(start);; dir = dirname(dir)) {
    const dotGit = join(dir, ".git");
    const info = await Deno.lstat(dotGit).catch(() => null);
    if (info?.isDirectory) return { work: dir, git: dotGit, common: dotGit };
    if (info?.isFile) {
      const m = /^gitdir: (.+)$/m.exec(await readText(dotGit) ?? "");
      if (m === null) return null;
      const git = resolve(dir, m[1].trim());
      const common = (await readText(join(git, "commondir")))?.trim();
      return { work: dir, git, common: common ? resolve(git, common) : git };
    }
    if (dirname(dir) === dir) return null;
  }
}

/** The object id a ref names, through symbolic refs, loose refs and packed-refs. */
async function resolveRef(git: string, common: string, name: string): Promise<string | null> {
  for (let hops = 0; hops < 8; hops++) {
    const text = (await readText(join(git, name)) ?? await readText(join(common, name)))?.trim();
    if (text === undefined) {
      const packed = await readText(join(common, "packed-refs")) ?? "";
      for (const line of packed.split("\n")) {
        const [sha, ref] = line.trim().split(" ");
        if (ref === name && /^[0-9a-f]{40}$/.test(sha)) return sha;
      }
      return null;
    }
    if (/^[0-9a-f]{40}$/.test(text)) return text;
    const m = /^ref: (.+)$/.exec(text);
    if (m === null) return null;
    name = m[1].trim();
  }
  return null;
}

/** The content of an object (loose or packed), by its hex id. */
async function readObject(common: string, sha: string): Promise<Uint8Array | null> {
  try {
    const raw = inflateSync(
      await Deno.readFile(join(common, "objects", sha.slice(0, 2), sha.slice(2))),
    );
    return new Uint8Array(raw.subarray(raw.indexOf(0) + 1));
  } catch {
    return readPackedObject(join(common, "objects", "pack"), sha)?.data ?? null;
  }
}

/** One stage-0 entry of the index. */
interface IndexEntry {
  path: string;
  mode: number;
  sha: string;
  size: number;
  mtimeMs: number;
  /** Assume-unchanged or skip-worktree: git does not look at the file. */
  skip: boolean;
}

/** Parses `.git/index` (versions 2 to 4); null when it uses what this reader does not know. */
function parseIndex(buf: Uint8Array): { entries: IndexEntry[]; conflicted: boolean } | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (dec.decode(buf.subarray(0, 4)) !== "DIRC") return null;
  const version = view.getUint32(4), count = view.getUint32(8);
  if (version < 2 || version > 4) return null;
  const entries: IndexEntry[] = [];
  let conflicted = false, at = 12, previous = "";
  for (let k = 0; k < count; k++) {
    const start = at;
    const mtimeMs = view.getUint32(at + 8) * 1000 + Math.floor(view.getUint32(at + 12) / 1e6);
    const mode = view.getUint32(at + 24), size = view.getUint32(at + 36);
    const sha = [...buf.subarray(at + 40, at + 60)].map((b) => b.toString(16).padStart(2, "0"))
      .join("");
    const flags = view.getUint16(at + 60);
    at += 62;
    let extended = 0;
    if (flags & 0x4000) {
      extended = view.getUint16(at);
      at += 2;
    }
    let path: string;
    if (version === 4) {
      let c = buf[at++], strip = c & 0x7f;
      while (c & 0x80) {
        c = buf[at++];
        strip = ((strip + 1) << 7) | (c & 0x7f);
      }
      const end = buf.indexOf(0, at);
      path = previous.slice(0, previous.length - strip) + dec.decode(buf.subarray(at, end));
      at = end + 1;
    } else {
      const end = buf.indexOf(0, at);
      path = dec.decode(buf.subarray(at, end));
      at = start + ((at - start + (end - at) + 8) & ~7);
    }
    previous = path;
    if (extended & 0x2000) return null; // intent-to-add: let "unknown" speak rather than guess
    if ((flags >> 12) & 3) conflicted = true;
    else {
      entries.push({
        path,
        mode,
        sha,
        size,
        mtimeMs,
        skip: !!(flags & 0x8000 || extended & 0x4000),
      });
    }
  }
  for (; at + 8 <= buf.length - 20; at += 8 + view.getUint32(at + 4)) {
    const sig = dec.decode(buf.subarray(at, at + 4));
    if (sig === "link" || sig === "sdir") return null; // split or sparse index
  }
  return { entries, conflicted };
}

function sha1(...parts: (string | Uint8Array)[]): Buffer {
  const h = createHash("sha1");
  for (const p of parts) h.update(p);
  return h.digest();
}

/** The id of the tree the index describes (what `git write-tree` would write). */
function indexTree(entries: IndexEntry[]): string {
  type Node = Map<string, Node | IndexEntry>;
  const root: Node = new Map();
  for (const e of entries) {
    const parts = e.path.split("/");
    let node = root;
    for (const dir of parts.slice(0, -1)) {
      let next = node.get(dir);
      if (next === undefined || !(next instanceof Map)) node.set(dir, next = new Map());
      node = next;
    }
    node.set(parts[parts.length - 1], e);
  }
  const hashTree = (node: Node): Buffer => {
    const items = [...node].map(([name, v]) => ({
      name,
      v,
      key: v instanceof Map ? name + "/" : name,
    }));
    items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const chunks: Uint8Array[] = [];
    for (const { name, v } of items) {
      const mode = v instanceof Map
        ? "40000"
        : (v.mode & 0o170000) === 0o120000
        ? "120000"
        : (v.mode & 0o170000) === 0o160000
        ? "160000"
        : (v.mode & 0o111)
        ? "100755"
        : "100644";
      const id = v instanceof Map ? hashTree(v) : Buffer.from(v.sha, "hex");
      chunks.push(new TextEncoder().encode(`${mode} ${name}\0`), id);
    }
    const body = Buffer.concat(chunks);
    return sha1(`tree ${body.length}\0`, body);
  };
  return hashTree(root).toString("hex");
}

/** True when the working-tree file differs from its index entry. */
async function differs(work: string, e: IndexEntry, indexMtimeMs: number, fileMode: boolean) {
  if (e.skip || (e.mode & 0o170000) === 0o160000) return false; // skipped, or a submodule
  const path = join(work, e.path);
  const info = await Deno.lstat(path).catch(() => null);
  if (info === null) return true;
  const link = (e.mode & 0o170000) === 0o120000;
  if (link !== info.isSymlink || (!link && !info.isFile)) return true;
  if (!link && fileMode && ((info.mode ?? 0) & 0o100) !== (e.mode & 0o100)) return true;
  if (info.size !== e.size) return true;
  const mtime = info.mtime?.getTime() ?? -1;
  if (mtime === e.mtimeMs && mtime < indexMtimeMs - 1000) return false; // trusted, not racy
  const content = link
    ? new TextEncoder().encode(await Deno.readLink(path))
    : await Deno.readFile(path);
  return sha1(`blob ${content.length}\0`, content).toString("hex") !== e.sha;
}

/**
 * The commit checked out around `cwd` (default: the working directory) and whether the checkout
 * differs from it. Reads only; `{ commit: null, dirty: null }` when there is no repository or it
 * cannot be read.
 */
export async function gitState(cwd?: string): Promise<GitState> {
  try {
    const repo = await findRepository(cwd ?? Deno.cwd());
    if (repo === null) return UNKNOWN;
    const config = await readText(join(repo.common, "config")) ?? "";
    if (/^\s*objectformat\s*=\s*sha256/im.test(config)) return UNKNOWN;
    const commit = await resolveRef(repo.git, repo.common, "HEAD");
    const dirty = await isDirty(repo, commit, !/^\s*filemode\s*=\s*false/im.test(config));
    return { commit, dirty };
  } catch {
    return UNKNOWN;
  }
}

async function isDirty(
  repo: { work: string; git: string; common: string },
  commit: string | null,
  fileMode: boolean,
): Promise<boolean | null> {
  const indexPath = join(repo.git, "index");
  const indexInfo = await Deno.stat(indexPath).catch(() => null);
  const index = indexInfo === null
    ? { entries: [], conflicted: false }
    : parseIndex(await Deno.readFile(indexPath));
  if (index === null) return null;
  if (index.conflicted) return true;
  if (commit === null) return index.entries.length > 0;
  const object = await readObject(repo.common, commit);
  const tree = object === null
    ? null
    : /^tree ([0-9a-f]{40})/.exec(dec.decode(object.subarray(0, 60)));
  if (tree === null) return null;
  if (indexTree(index.entries) !== tree[1]) return true;
  const indexMtimeMs = indexInfo?.mtime?.getTime() ?? 0;
  for (const e of index.entries) {
    if (await differs(repo.work, e, indexMtimeMs, fileMode)) return true;
  }
  return false;
}
