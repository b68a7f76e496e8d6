/**
 * Inputs that hang or mislead, one test per property: only regular files are read (a FIFO, a
 * socket, a device, a folder are refused at once), invalid UTF-8 is reported at its real line, a
 * line holding only a no-break space is not blank, a line longer than the cap is refused, an
 * integer beyond 2^53 keeps its text, and a full disk while writing is a message naming the file.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { refusal } from "../refusal.ts";
import { forEachJsonl, parseJsonlText } from "../../lib/core/jsonl.ts";
import { readTextBounded, readTextBoundedSync } from "../../lib/core/files.ts";
import { UnsafeInteger } from "../../lib/core/unsafe_integer.ts";
import { sha256File } from "../../lib/core/hash.ts";

const read = (path: string, opts = {}) => forEachJsonl(path, () => {}, opts);

async function withFile(bytes: Uint8Array | string, body: (path: string) => Promise<void>) {
  const path = await Deno.makeTempFile({ suffix: ".jsonl" });
  try {
    if (typeof bytes === "string") await Deno.writeTextFile(path, bytes);
    else await Deno.writeFile(path, bytes);
    await body(path);
  } finally {
    await Deno.remove(path);
  }
}

/** A timer that fails the test if `p` does not settle in `ms` (a hang would otherwise stall). */
async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle in ${ms} ms (it hangs)`)), ms);
  });
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("forEachJsonl() refuses a FIFO at once, naming it, without opening it", async () => {
  const dir = await Deno.makeTempDir();
  await new Deno.Command("mkfifo", { args: [`${dir}/fifo`] }).output();
  const why = await within(2000, refusal(read(`${dir}/fifo`)));
  assertEquals(why, `${dir}/fifo: is a FIFO (named pipe), not a regular file`);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("forEachJsonl() refuses a character device such as /dev/zero at once", async () => {
  assertEquals(
    await within(2000, refusal(read("/dev/zero"))),
    "/dev/zero: is a character device, not a regular file",
  );
});

Deno.test("forEachJsonl() refuses a socket at once", async () => {
  const dir = await Deno.makeTempDir();
  const bind = "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])";
  await new Deno.Command("python3", { args: ["-c", bind, `${dir}/sock`] }).output();
  assertEquals(
    await within(2000, refusal(read(`${dir}/sock`))),
    `${dir}/sock: is a socket, not a regular file`,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("forEachJsonl() refuses a folder, naming it", async () => {
  const dir = await Deno.makeTempDir();
  assertEquals(await refusal(read(dir)), `${dir}: is a folder, not a regular file`);
  await Deno.remove(dir);
});

Deno.test("forEachJsonl() reports invalid UTF-8 at its real line, not the chunk's first", async () => {
  const enc = new TextEncoder();
  const lines = Array.from({ length: 5 }, (_, i) => enc.encode(`{"i":${i}}\n`));
  const bad = new Uint8Array([...enc.encode('{"s":"'), 0xff, ...enc.encode('"}\n')]);
  await withFile(new Uint8Array([...lines.flatMap((l) => [...l]), ...bad]), async (path) => {
    assertEquals(await refusal(read(path)), `${path}:6: is not valid UTF-8`);
  });
});

Deno.test("forEachJsonl() reports invalid UTF-8 at its line past the first 64 KiB chunk", async () => {
  const enc = new TextEncoder();
  const line = enc.encode(`{"pad":"${"x".repeat(990)}"}\n`); // 1,001 bytes
  const body = new Uint8Array(line.length * 100 + 4);
  for (let i = 0; i < 100; i++) body.set(line, i * line.length);
  body.set([0xe2, 0x28, 0xa1, 0x0a], line.length * 100); // an invalid 3-byte sequence, line 101
  await withFile(body, async (path) => {
    assertEquals(await refusal(read(path)), `${path}:101: is not valid UTF-8`);
  });
});

Deno.test("forEachJsonl() reports a file that ends inside a character at its last line", async () => {
  await withFile(
    new Uint8Array([...new TextEncoder().encode('{"a":1}\n{"a":"'), 0xe2, 0x82]),
    async (path) => {
      assertStringIncludes(await refusal(read(path)), `${path}:2: is not valid UTF-8`);
    },
  );
});

Deno.test("forEachJsonl() does not skip a line holding only a no-break space: it is malformed", async () => {
  await withFile('{"a":1}\n\u00a0\n{"a":2}\n', async (path) => {
    assertStringIncludes(await refusal(read(path)), `${path}:2: malformed JSON`);
  });
});

Deno.test("forEachJsonl() skips lines of ASCII spaces, tabs and CR only", async () => {
  await withFile('{"a":1}\n \t \r\n\n{"a":2}\n', async (path) => {
    const lines: number[] = [];
    await forEachJsonl(path, (_, line) => lines.push(line));
    assertEquals(lines, [1, 4]);
  });
});

Deno.test("forEachJsonl() refuses a line longer than its cap at that line, in bounded memory", async () => {
  await withFile(`{"a":1}\n"${"x".repeat(300_000)}"\n`, async (path) => {
    assertEquals(
      await refusal(read(path, { maxLineChars: 100_000 })),
      `${path}:2: line is longer than 100,000 characters; is this a JSONL file?`,
    );
  });
});

Deno.test("forEachJsonl() refuses a 65 MiB line of NUL bytes (a sparse file) under the default cap", async () => {
  const path = await Deno.makeTempFile({ suffix: ".jsonl" });
  await Deno.truncate(path, 65 * 1024 * 1024);
  assertStringIncludes(await refusal(read(path)), `${path}:1: line is longer than 67,108,864`);
  await Deno.remove(path);
});

Deno.test("forEachJsonl() keeps an integer beyond 2^53 as the text the file wrote", async () => {
  await withFile('{"id":"a","n":9007199254740993,"m":1e300,"k":7}\n', async (path) => {
    const rows: Record<string, unknown>[] = [];
    await forEachJsonl(path, (v) => rows.push(v as Record<string, unknown>));
    assert(rows[0].n instanceof UnsafeInteger);
    assertEquals([(rows[0].n as UnsafeInteger).source, rows[0].m, rows[0].k], [
      "9007199254740993",
      1e300,
      7,
    ]);
  });
});

Deno.test("parseJsonlText() reads by the same rules, with line numbers", () => {
  assertEquals(parseJsonlText('{"a":1}\n\n{"a":2}', "x.jsonl").map((r) => r.line), [1, 3]);
  let why = "";
  try {
    parseJsonlText('{"a":1}\n\u00a0', "x.jsonl");
  } catch (e) {
    why = (e as Error).message;
  }
  assertStringIncludes(why, "x.jsonl:2: malformed JSON");
});

Deno.test("JsonlWriter reports a full disk as one line naming the file, not an exception", async () => {
  // A 16 KiB file-size limit with SIGXFSZ ignored: a write past it fails as a full disk does.
  const dir = await Deno.makeTempDir();
  const fixture = new URL("./fixtures/write_full.ts", import.meta.url).pathname;
  const out = await new Deno.Command("bash", {
    args: [
      "-c",
      `trap '' XFSZ; ulimit -f 16; exec "$@"`,
      "bash",
      Deno.execPath(),
      "run",
      "-A",
      fixture,
      `${dir}/r.jsonl`,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(
    new TextDecoder().decode(out.stdout).trim(),
    "InputError: runs/x/results.jsonl: cannot be written: File too large",
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("readTextBounded() refuses a file larger than its bound and a FIFO at once", async () => {
  await withFile("x".repeat(2000), async (path) => {
    assertStringIncludes(await refusal(readTextBounded(path, 1000)), "is larger than 1,000 bytes");
    assertEquals(readTextBoundedSync(path, 5000).length, 2000);
  });
  const dir = await Deno.makeTempDir();
  await new Deno.Command("mkfifo", { args: [`${dir}/fifo`] }).output();
  assertStringIncludes(
    await within(2000, refusal(readTextBounded(`${dir}/fifo`, 10))),
    "is a FIFO",
  );
  assertStringIncludes(await within(2000, refusal(sha256File(`${dir}/fifo`))), "is a FIFO");
  await Deno.remove(dir, { recursive: true });
});
