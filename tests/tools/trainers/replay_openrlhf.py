"""OpenRLHF's remote-reward clients replayed with the python3 standard library, against a running
`deno task serve`. Prints one JSON object: what OpenRLHF would have read.

Batch protocol, OpenRLHF v0.9.0 openrlhf/utils/remote_rm_utils.py: request_api_wrapper(url, data,
  try_max_times=5) = requests.post(url=url, json=data, headers={"Content-Type":
  "application/json"}, timeout=180); response.raise_for_status(); response.json(); any exception
  is logged, time.sleep(1), and after 5 tries raise Exception. remote_rm_fn_ray posts {"query":
  queries, "prompts": prompts, "labels": labels}. experience_maker.py update_samples_with_rewards:
  torch.as_tensor(info["rewards"]); "scores" if present; torch.as_tensor(logs[key]) per
  extra_logs key, then cat and split per sample.
Per-sample protocol, v0.11.0 openrlhf/utils/agent.py SingleTurnAgentExecutor._fetch_rewards_via_http:
  one POST {"query": [q], "prompts": [p], "labels": [l]} per sample (aiohttp, 5 tries, sleep 1);
  reads rewards_info.get("rewards"), .get("scores") (None -> rewards), .get("extra_logs") or {};
  samples_generator.py: torch.tensor([value]) per extra_logs key.
The advantage (experience_maker.py v0.9.5/v0.11.0) takes rewards.mean(-1) and rewards.std(-1):
  torch refuses both on the int64 tensor a JSON integer becomes, so every reward must be a float.

usage: replay_openrlhf.py URL DATASET TEMPLATE(qwen|llama3|base) PROTOCOL(batch|per-sample)
"""
import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

TEMPLATES = {  # apply_chat_template(..., tokenize=False, add_generation_prompt=True), EOS
    "qwen": ("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
             "<|im_start|>user\n{p}<|im_end|>\n<|im_start|>assistant\n", "<|im_end|>"),
    "llama3": ("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\n"
               "Today Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n{p}<|eot_id|>"
               "<|start_header_id|>assistant<|end_header_id|>\n\n", "<|eot_id|>"),
    "base": ("{p}", "<|endoftext|>"),
}


def request_api_wrapper(url, data, try_max_times=5):
    body = json.dumps(data).encode()
    for _ in range(try_max_times):
        try:
            req = urllib.request.Request(url, body, {"Content-Type": "application/json"}, method="POST")
            with urllib.request.urlopen(req, timeout=180) as r:  # raise_for_status: HTTPError on 4xx/5xx
                return json.load(r)
        except Exception as e:  # noqa: BLE001 - OpenRLHF retries any error
            print(f"Request error, please check: {e}", file=sys.stderr)
        time.sleep(1)
    raise Exception(f"Request error for {try_max_times} times, returning None. Please check the API server.")


def tensor(values, what):
    """torch.as_tensor(values) followed by .mean()/.std(): a list of floats."""
    if not isinstance(values, list) or not all(type(x) is float for x in values):
        raise TypeError(f"{what}: {values!r:.80} is not a list of floats")
    return values


def main():
    url, dataset, template, protocol = sys.argv[1:5]
    rows = [json.loads(x) for x in open(dataset) if x.strip()][:64]
    tpl, eos = TEMPLATES[template]
    prompts = [tpl.format(p=r["prompt"]) for r in rows]
    completions = [f"Final: {int(r['expected_answer']) + (1 if i % 3 == 0 else 0)}" for i, r in enumerate(rows)]
    queries = [p + c + eos for p, c in zip(prompts, completions)]
    labels = [str(r["expected_answer"]) for r in rows]
    if protocol == "batch":
        info = request_api_wrapper(url, {"query": queries, "prompts": prompts, "labels": labels})
        rewards = tensor(info["rewards"], "rewards")
        scores = tensor(info["scores"], "scores") if "scores" in info else rewards
        extra = {k: tensor(v, f"extra_logs[{k}]") for k, v in info.get("extra_logs", {}).items()}
        assert all(len(v) == len(rows) for v in extra.values()), "extra_logs not batch-length"
    else:
        def one(i):
            info = request_api_wrapper(url, {"query": [queries[i]], "prompts": [prompts[i]], "labels": [labels[i]]})
            s = info.get("scores")
            return info.get("rewards"), s if s is not None else info.get("rewards"), info.get("extra_logs") or {}
        with ThreadPoolExecutor(16) as ex:
            got = list(ex.map(one, range(len(rows))))
        rewards = [tensor(r, "rewards")[0] for r, _, _ in got]
        scores = [tensor(s, "scores")[0] for _, s, _ in got]
        extra = {k: [tensor(e[k], k)[0] for _, _, e in got] for k in got[0][2]}
    # the same completions, bare, through the course's own /v1/score
    score_url = url.rsplit("/", 1)[0] + "/v1/score"
    bare = request_api_wrapper(score_url, {"items": [{"example": {"expected_answer": lab}, "completion": c}
                                                     for lab, c in zip(labels, completions)]})
    print(json.dumps({"rewards": rewards, "scores": scores, "extra_keys": sorted(extra),
                      "bare": [r["reward"] for r in bare["results"]]}))


if __name__ == "__main__":
    main()
