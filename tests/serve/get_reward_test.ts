// /get_reward as OpenRLHF really calls it. The bodies are built the way OpenRLHF builds them and
// the replies read the way it reads them:
// - batch protocol, v0.7.x–v0.9.0 openrlhf/utils/remote_rm_utils.py: one POST
//   {"query": queries, "prompts": prompts, "labels": labels} for the rollout batch; read by
//   experience_maker.py update_samples_with_rewards (v0.9.0): torch.as_tensor(info["rewards"]),
//   info["scores"], and every extra_logs[key] torch.as_tensor'd then split per sample;
// - per-sample protocol, v0.9.1–v0.11.0 openrlhf/utils/agent.py SingleTurnAgentExecutor: one POST
//   {"query": [q], "prompts": [p], "labels": [l]} per sample;
// - the query is tokenizer.decode(prompt_ids + response_ids, skip_special_tokens=False): the
//   chat-templated prompt, the response and the EOS token vLLM kept (agent.py v0.11.0;
//   experience_maker.py v0.9.0); without --packing_samples v0.7.5 pads the prompt on the left and
//   the response on the right with the pad token.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { makeHandler } from "../../lib/serve/server.ts";
import { STAND_IN } from "../../lib/serve/stand_in.ts";
import { EXTRA_LOG_KEYS } from "../../lib/serve/get_reward.ts";

const warned: string[] = [];
const handle = makeHandler({
  policy: STAND_IN,
  clock: () => 0,
  randomSeed: () => 0,
  endTokens: ["<|my_end|>"],
  onWarn: (line) => warned.push(line),
});
const raw = async (path: string, text: string) => {
  const res = await handle(new Request(`http://x${path}`, { method: "POST", body: text }));
  return { status: res.status, text: await res.text() };
};
const post = async (path: string, body: unknown) => {
  const { status, text } = await raw(path, JSON.stringify(body));
  return { status, text, json: JSON.parse(text) };
};

// tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True), the EOS
// vLLM keeps when a sample ends normally, and the tokenizer's pad token.
const TEMPLATES = {
  "Qwen2.5": {
    prompt: (p: string) =>
      "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant." +
      `<|im_end|>\n<|im_start|>user\n${p}<|im_end|>\n<|im_start|>assistant\n`,
    eos: "<|im_end|>",
    pad: "<|endoftext|>",
  },
  "Llama-3": {
    prompt: (p: string) =>
      "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: " +
      "December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user" +
      `<|end_header_id|>\n\n${p}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`,
    eos: "<|eot_id|>",
    pad: "<|eot_id|>",
  },
  "base (no template)": { prompt: (p: string) => p, eos: "<|endoftext|>", pad: "<|endoftext|>" },
};

const ROWS = (await Deno.readTextFile("data/datasets/math_dev.jsonl")).split("\n")
  .filter((l) => l !== "").slice(0, 64).map((l) => JSON.parse(l));
const WRONG = (i: number, a: number) => (i % 3 === 0 ? `Final: ${a + 1}` : `Final: ${a}`);
const completions = ROWS.map((r, i) => WRONG(i, r.expected_answer));
const labels = ROWS.map((r) => String(r.expected_answer));
const bare = ROWS.map((r, i) => score(r, completions[i]).reward);

/** What OpenRLHF's update_samples_with_rewards needs: floats, numeric batch-length logs. */
function asOpenRlhfReads(text: string, n: number) {
  const info = JSON.parse(text);
  assert(/^\{"rewards":\[(?:[01]\.0,?)+\],"scores":\[/.test(text), text.slice(0, 80));
  assertEquals(info.rewards.length, n);
  assertEquals(Object.keys(info.extra_logs), [...EXTRA_LOG_KEYS]);
  for (const v of Object.values(info.extra_logs) as unknown[][]) {
    assertEquals(v.length, n);
    assert(v.every((x) => x === 0 || x === 1));
  }
  assert(!Object.values(info.extra_logs).flat().some((x) => typeof x === "string"));
  return info;
}

for (const [name, t] of Object.entries(TEMPLATES)) {
  const prompts = ROWS.map((r) => t.prompt(r.prompt));
  const queries = prompts.map((p, i) => p + completions[i] + t.eos);

  Deno.test(`/get_reward, batch protocol (v0.9.0), ${name} queries ending in EOS: the bare completions' rewards, as floats`, async () => {
    const { status, text } = await post("/get_reward", { query: queries, prompts, labels });
    assertEquals(status, 200);
    const info = asOpenRlhfReads(text, 64);
    assertEquals(info.rewards, bare);
    assertEquals(info.scores, bare);
    assertEquals(info.extra_logs.eos_stripped, bare.map(() => 1));
    assertEquals(info.extra_logs.strict_ok, bare);
  });

  Deno.test(`/get_reward, per-sample protocol (v0.11.0), ${name}: one request per sample gives the same rewards`, async () => {
    const got = [];
    for (let i = 0; i < 64; i++) {
      const { text } = await post("/get_reward", {
        query: [queries[i]],
        prompts: [prompts[i]],
        labels: [labels[i]],
      });
      got.push(asOpenRlhfReads(text, 1).rewards[0]);
    }
    assertEquals(got, bare);
  });

  Deno.test(`/get_reward, v0.7.5 without --packing_samples, ${name}: left and right pad tokens are dropped`, async () => {
    const padded = queries.map((q, i) => t.pad.repeat(i % 4) + q + t.pad.repeat((i * 7) % 5));
    const { json } = await post("/get_reward", { query: padded, prompts, labels });
    assertEquals(json.rewards, bare);
  });
}

Deno.test("/get_reward: one bad item in 256 gets 0.0 and its code, the other 255 are scored", async () => {
  const t = TEMPLATES["Qwen2.5"];
  const rows = Array.from({ length: 256 }, (_, i) => ROWS[i % 64]);
  const prompts = rows.map((r) => t.prompt(r.prompt));
  const comps = rows.map((r, i) => WRONG(i, r.expected_answer));
  const query = prompts.map((p, i) => p + comps[i] + t.eos);
  query[77] = "a query that lost its prompt and has no assistant header: Final: 3";
  const { status, json } = await post("/get_reward", {
    query,
    prompts,
    labels: rows.map((r) => String(r.expected_answer)),
  });
  assertEquals(status, 200);
  assertEquals([json.rewards[77], json.codes[77], json.extra_logs.prompt_not_found[77]], [
    0,
    "prompt_not_found",
    1,
  ]);
  const want = rows.map((r, i) => score(r, comps[i]));
  for (let i = 0; i < 256; i++) {
    if (i !== 77) {
      assertEquals([json.rewards[i], json.codes[i]], [want[i].reward, want[i].details.code]);
    }
  }
  assert(
    warned.some((l) =>
      /^get_reward: 1 of 256 queries whose completion could not be located/.test(l)
    ),
  );
});

Deno.test("/get_reward: a truncated prompt is found after the last assistant header", async () => {
  const p = TEMPLATES["Llama-3"].prompt("Compute 2+3.");
  const { json } = await post("/get_reward", {
    query: [p.slice(20) + "Final: 5<|eot_id|>"], // prompt_token_ids[-max_prompt_length:] (agent.py)
    prompts: [p],
    labels: ["5"],
  });
  assertEquals([json.rewards, json.codes], [[1], ["ok"]]);
});

Deno.test("/get_reward labels: the dataset's expected_answer rule, nothing normalised", async () => {
  const labels = [5, "5", " 5", "5.0", "1,035", "#### 5", "\\boxed{5}", "05", "+5", "-0", true];
  const { json } = await post("/get_reward", {
    query: labels.map(() => "Q\nFinal: 5"),
    prompts: labels.map(() => "Q\n"),
    labels,
  });
  assertEquals(json.codes, ["ok", "ok", ...labels.slice(2).map(() => "invalid_example")]);
  assertEquals(json.extra_logs.invalid_label, [0, 0, ...labels.slice(2).map(() => 1)]);
});

Deno.test("/get_reward: a label beyond the safe range is refused as written, never rounded", async () => {
  warned.length = 0;
  const { json } = await raw(
    "/get_reward",
    '{"query":["Q\\nFinal: 9007199254740992"],"prompts":["Q\\n"],"labels":[9007199254740993]}',
  ).then((r) => ({ json: JSON.parse(r.text) }));
  assertEquals(json.codes, ["invalid_example"]);
  assertEquals(warned.length, 1);
  assert(warned[0].includes("labels[0] = 9007199254740993"), warned[0]);
});

Deno.test('/get_reward: bodies without labels (or OpenRLHF\'s "" without --label_key) say no_label per item', async () => {
  for (
    const body of [{ query: ["Q\nFinal: 5"], prompts: ["Q\n"] }, {
      query: ["Q\nFinal: 5"],
      prompts: ["Q\n"],
      labels: [""],
    }]
  ) {
    const { status, json } = await post("/get_reward", body);
    assertEquals([status, json.rewards, json.codes, json.extra_logs.no_label], [200, [0], [
      "no_label",
    ], [1]]);
  }
});

Deno.test("/get_reward: serve --eos adds end tokens beyond the common templates'", async () => {
  const { json } = await post("/get_reward", {
    query: ["Q\nFinal: 5<|my_end|>", "Q\nFinal: 5<|other_end|>"],
    prompts: ["Q\n", "Q\n"],
    labels: ["5", "5"],
  });
  assertEquals(json.codes, ["ok", "non_digit_characters"]);
});
