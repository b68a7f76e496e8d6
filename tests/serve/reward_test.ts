// The verifier as a reward service: /v1/score and /get_reward give exactly what score() gives on
// every golden case, name the scorer, and refuse malformed batches with a 400 naming the index.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { loadGoldenSets } from "../../lib/instrument/golden.ts";
import { score, scorerFingerprint } from "../../lib/instrument/scorer.ts";
import { SCORER_NAME, SCORER_VERSION } from "../../lib/instrument/spec.ts";
import { makeHandler } from "../../lib/serve/server.ts";
import { STAND_IN } from "../../lib/serve/stand_in.ts";

const handle = makeHandler({ policy: STAND_IN, clock: () => 0, randomSeed: () => 0 });
const post = async (path: string, body: unknown) => {
  const res = await handle(
    new Request(`http://x${path}`, { method: "POST", body: JSON.stringify(body) }),
  );
  return { status: res.status, json: await res.json() };
};
const { correct, exploits } = loadGoldenSets();
const golden = [...correct, ...exploits];

Deno.test("POST /v1/score agrees with score() on every golden case, and names the scorer", async () => {
  const items = golden.map((g) => ({ example: g, completion: g.completion }));
  const { status, json } = await post("/v1/score", { items });
  assertEquals(status, 200);
  assertEquals(json.results, golden.map((g) => score(g, g.completion)));
  assertEquals(json.scorer, {
    name: SCORER_NAME,
    version: SCORER_VERSION,
    fingerprint: scorerFingerprint(),
  });
  assertEquals(
    json.results.filter((r: { reward: number }) => r.reward === 1).length,
    correct.length,
  );
});

Deno.test("POST /get_reward agrees with score() on every golden case with a string completion", async () => {
  const cases = golden.filter((g) => typeof g.completion === "string");
  const prompt = "Compute it. Answer with exactly one line: Final: <int>\n";
  const { status, json } = await post("/get_reward", {
    query: cases.map((g) => prompt + g.completion),
    prompts: cases.map(() => prompt),
    labels: cases.map((g) => g.expected_answer ?? null),
  });
  assertEquals(status, 200);
  const want = cases.map((g) => {
    const label = g.expected_answer ?? null;
    return label === null || label === ""
      ? "no_label"
      : score({ expected_answer: label }, g.completion).details.code;
  });
  assertEquals(json.codes, want);
  assertEquals(json.rewards, want.map((c) => (c === "ok" ? 1 : 0)));
  assertEquals(json.scores, json.rewards);
  assert(cases.length > 60);
});

Deno.test("reward routes refuse malformed batches with a 400 that says which item", async () => {
  const bad: [string, unknown, RegExp][] = [
    ["/v1/score", { items: "x" }, /'items' must be a list/],
    ["/v1/score", { items: [1] }, /items\[0\]/],
    [
      "/get_reward",
      { query: ["a"], prompts: [], labels: ["1"] },
      /'query' has 1 items and 'prompts' has 0/,
    ],
    ["/get_reward", { query: ["a"], prompts: "b", labels: ["1"] }, /'prompts' must be a list/],
    ["/get_reward", { query: ["a"], prompts: [1], labels: ["1"] }, /query\[0\] and prompts\[0\]/],
  ];
  for (const [path, body, msg] of bad) {
    const { status, json } = await post(path, body);
    assertEquals(status, 400);
    assert(msg.test(json.error.message), json.error.message);
  }
  const capped = makeHandler({
    policy: STAND_IN,
    clock: () => 0,
    randomSeed: () => 0,
    limits: { maxScoreItems: 2 },
  });
  const res = await capped(
    new Request("http://x/v1/score", {
      method: "POST",
      body: JSON.stringify({ items: [{}, {}, {}] }),
    }),
  );
  assertEquals(res.status, 400);
  assert((await res.json()).error.message.includes("over the cap of 2"));
});
