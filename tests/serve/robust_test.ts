// The server never crashes on input: random bodies, JSON values, methods and paths get an answer
// (2xx, or a 4xx OpenAI error object), never a 500.
import fc from "npm:fast-check@4.10.2";
import { assert } from "../../lib/core/testing.ts";
import { HONOURED, NEUTRAL_ONLY } from "../../lib/serve/openai_params.ts";
import { makeHandler } from "../../lib/serve/server.ts";
import { STAND_IN } from "../../lib/serve/stand_in.ts";

const bugs: unknown[] = [];
const handle = makeHandler({
  policy: STAND_IN,
  clock: () => 0,
  randomSeed: () => 0,
  onError: (e) => bugs.push(e),
});
const PATHS = [
  "/v1/chat/completions",
  "/v1/completions",
  "/v1/score",
  "/get_reward",
  "/v1/models",
  "/health",
  "/x",
];

async function answered(method: string, path: string, body: string | undefined) {
  const res = await handle(new Request(`http://x${path}`, { method, body }));
  const json = await res.json();
  assert(res.status < 500, `${method} ${path} ${body?.slice(0, 80)} → ${res.status}`);
  if (res.status >= 400) assert(typeof json.error?.message === "string");
}

Deno.test("the server answers arbitrary text bodies on every route without a 500", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...PATHS),
      fc.string({ maxLength: 200 }),
      async (path, body) => {
        await answered("POST", path, body);
      },
    ),
    { numRuns: 400, seed: 1 },
  );
  assert(bugs.length === 0, String(bugs[0]));
});

Deno.test("the server answers arbitrary JSON requests (fields of any type) without a 500", async () => {
  // every field the request table knows (honoured or neutral-only), and the reward routes' own
  const keys = [
    ...new Set([...HONOURED.chat, ...HONOURED.completions, ...Object.keys(NEUTRAL_ONLY)]),
    ...["items", "query", "prompts", "labels"],
  ];
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constant("stand-in-v1"),
    fc.constant([{ role: "user", content: "Compute 2+2." }]),
    fc.constant([{ example: { expected_answer: 4 }, completion: "Final: 4" }]),
  );
  const body = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 8 });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...PATHS), body, async (path, b) => {
      await answered("POST", path, JSON.stringify(b));
    }),
    { numRuns: 1500, seed: 2 },
  );
  assert(bugs.length === 0, String(bugs[0]));
});

Deno.test("the server answers any method on any path, and bytes that are not UTF-8, without a 500", async () => {
  for (const method of ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
    for (const path of [...PATHS, "/", "/v1", "/v1/models/%E0%A4%A", "//v1//score//"]) {
      await answered(method, path, method === "GET" || method === "OPTIONS" ? undefined : "{}");
    }
  }
  const res = await handle(
    new Request("http://x/v1/score", { method: "POST", body: new Uint8Array([0xff, 0xfe, 0x7b]) }),
  );
  assert(res.status === 400);
  assert(bugs.length === 0, String(bugs[0]));
});
