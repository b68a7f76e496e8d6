"""lm-evaluation-harness v0.4.12 `local-completions`, replayed with the python3 standard library
against a running `deno task serve` (lm_eval/models/openai_completions.py LocalCompletionsAPI,
lm_eval/models/api_models.py, lm_eval/models/utils.py handle_stop_sequences). Prints one JSON object.

generate_until (tokenizer_backend=none: tokenized_requests=False; batch_size 1 -> the prompt is a str):
  {"prompt": context, "model": m, "max_tokens": max_gen_toks (256), "temperature": 0, "stop": until
   (+ eos when known), "seed": 1234, **remaining gen_kwargs}; requests.post(base_url, json=...);
  response.raise_for_status(); parse_generations: tmp[choices["index"]] = choices["text"].
loglikelihood: {"model", "prompt", "temperature": 0, "max_tokens": 1, "logprobs": 1, "seed": 1234,
  "echo": True} -> the server refuses it (400) with its reason.

usage: replay_lmeval.py BASE_URL MODEL DATASET
"""
import json
import sys
import urllib.error
import urllib.request


def post(url, payload):
    req = urllib.request.Request(url, json.dumps(payload).encode(), {"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def handle_stop_sequences(until, eos):
    if isinstance(until, str):
        until = [until]
    elif until is None:
        until = []
    if eos is not None and eos not in until:
        until.append(eos)
    return until


def create_payload(model, messages, generate, gen_kwargs=None, seed=1234, eos=None, max_gen_toks=256):
    if generate:
        gen_kwargs.pop("do_sample", False)
        max_tokens = gen_kwargs.pop("max_tokens") if "max_tokens" in gen_kwargs else gen_kwargs.pop("max_gen_toks", max_gen_toks)
        temperature = gen_kwargs.pop("temperature", 0)
        stop = handle_stop_sequences(gen_kwargs.pop("until", None), eos)
        return {"prompt": messages, "model": model, "max_tokens": max_tokens, "temperature": temperature,
                "stop": stop, "seed": seed, **gen_kwargs}
    return {"model": model, "prompt": messages, "temperature": 0, "max_tokens": 1, "logprobs": 1, "seed": seed, "echo": True}


def parse_generations(outputs):
    res = []
    if not isinstance(outputs, list):
        outputs = [outputs]
    for out in outputs:
        tmp = [None] * len(out["choices"])
        for choices in out["choices"]:
            tmp[choices["index"]] = choices["text"]
        res = res + tmp
    return res


def main():
    base, model, dataset = sys.argv[1:4]
    url = base + "/v1/completions"
    contexts = [json.loads(x)["prompt"] for x in open(dataset) if x.strip()][:4]
    gens, statuses = [], []
    for c in contexts:
        status, body = post(url, create_payload(model, c, True, {"until": ["\n\n"], "do_sample": False}))
        statuses.append(status)
        gens += parse_generations(body) if status == 200 else [None]
    status, body = post(url, create_payload(model, contexts, True, {"until": ["\n\n"]}))
    batched = parse_generations(body) if status == 200 else None
    ll_status, ll_body = post(url, create_payload(model, contexts[0] + " Final: 5", False))
    print(json.dumps({"statuses": statuses, "generations": gens, "batched": batched,
                      "loglikelihood": [ll_status, ll_body.get("error", {}).get("param"), ll_body.get("error", {}).get("message")]}))


if __name__ == "__main__":
    main()
