/**
 * `deno task wasm`: compiles the tiny GRU's kernels (AssemblyScript sources in wasm/gru/) into
 * lib/policy/gru_kernels.wasm; `--check` compiles them again and compares bytes with the
 * committed module (exit 1 on a difference), as `deno task data --check` does for the data.
 * @module
 */
import asc from "npm:assemblyscript@0.28.20/asc";
import { PROJECT_ROOT } from "../core/paths.ts";
import { sha256Bytes } from "../core/hash.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

/** The compiler's arguments: float32 SIMD, no runtime, no asserts, optimised. */
export const ASC_ARGS = [
  "wasm/gru/kernels.ts",
  ...["-o", "gru_kernels.wasm", "-O3", "--noAssert", "--runtime", "stub", "--enable", "simd"],
  ...["--baseDir", PROJECT_ROOT],
] as const;
const MODULE = `${PROJECT_ROOT}/lib/policy/gru_kernels.wasm`;

export const WASM = {
  name: "deno task wasm",
  summary: "Compiles wasm/gru/*.ts (AssemblyScript 0.28.20) into lib/policy/gru_kernels.wasm.",
  flags: { check: flag.bool("compile again and compare with the committed module's bytes") },
} as const satisfies Command;

/** Compiles the kernels and returns the module's bytes. */
export async function compileKernels(): Promise<Uint8Array> {
  let bytes: Uint8Array | null = null, log = "";
  const { error } = await asc.main(
    [...ASC_ARGS],
    {
      writeFile: (_name: string, contents: Uint8Array | string) => {
        if (typeof contents !== "string") bytes = contents;
      },
      stdout: { write: (s: string) => (log += s, true) },
      stderr: { write: (s: string) => (log += s, true) },
    } as Parameters<typeof asc.main>[1],
  );
  if (error || bytes === null) throw new Error(`asc failed: ${error?.message ?? ""}\n${log}`);
  return bytes;
}

if (import.meta.main) {
  await runCommand(WASM, async (f) => {
    const bytes = await compileKernels();
    if (!f.check) {
      await Deno.writeFile(MODULE, bytes);
      console.log(
        `wrote lib/policy/gru_kernels.wasm (${bytes.length} bytes, ${sha256Bytes(bytes)})`,
      );
      return 0;
    }
    const committed = await Deno.readFile(MODULE);
    const same = committed.length === bytes.length && committed.every((b, i) => b === bytes[i]);
    console.log(
      same
        ? `byte-identical: lib/policy/gru_kernels.wasm re-made from wasm/gru/ (${
          sha256Bytes(bytes)
        })`
        : `NOT byte-identical: wasm/gru/ compiles to ${sha256Bytes(bytes)}, the committed ` +
          `module is ${sha256Bytes(committed)}: run deno task wasm`,
    );
    return same ? 0 : 1;
  });
}
