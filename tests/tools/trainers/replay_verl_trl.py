"""verl and TRL calling integrations/rl_course_reward.py exactly as they call a custom reward
function, against a running `deno task serve`. Prints one JSON object of the rewards each read.

verl v0.6.1 verl/trainer/ppo/reward.py get_custom_reward_fn: spec_from_file_location("custom_module",
  path); raw_fn = getattr(module, name); partial(_call_with_kwargs, raw_fn, reward_kwargs) with
  merged_kwargs = {**kwargs, **extra_kwargs}. verl/workers/reward_manager/naive.py:
  compute_score(data_source=, solution_str=, ground_truth=, extra_info=) with extra_info gaining
  "num_turns" and "rollout_reward_scores"; a dict result -> score["score"]. batch.py:
  compute_score(data_sources=, solution_strs=, ground_truths=, extra_infos=). prime.py:
  partial(evaluation_func, task, completion, reference, task_extra_info)() (positional).
TRL v1.9.0 trl/trainer/grpo_trainer.py _calculate_rewards: reward_kwargs = every column but
  prompt/completion/completion_ids, plus trainer_state, log_extra, log_metric;
  reward_func(prompts=, completions=, completion_ids=, **reward_kwargs); None -> nan;
  torch.tensor(..., dtype=torch.float32). Conversational completions are
  [{"role": "assistant", "content": text}] (batch_decode(..., skip_special_tokens=True)).

usage: replay_verl_trl.py ADAPTER_PATH SCORE_URL DATASET
"""
import importlib.util
import json
import math
import sys
from functools import partial


def _call_with_kwargs(raw_fn, extra_kwargs, *args, **kwargs):
    merged_kwargs = {**kwargs, **extra_kwargs}
    return raw_fn(*args, **merged_kwargs)


def get_custom_reward_fn(path, name, reward_kwargs):
    spec = importlib.util.spec_from_file_location("custom_module", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["custom_module"] = module
    spec.loader.exec_module(module)
    return partial(_call_with_kwargs, getattr(module, name), dict(reward_kwargs))


def main():
    path, url, dataset = sys.argv[1:4]
    src = [json.loads(x) for x in open(dataset) if x.strip()][:32]
    rows = [{"data_source": "rl-course/d", "prompt": [{"role": "user", "content": r["prompt"]}],
             "ability": "math", "reward_model": {"style": "rule", "ground_truth": str(r["expected_answer"])},
             "extra_info": {"id": r["id"], "index": i, "split": "d"}} for i, r in enumerate(src)]
    responses = [f"Final: {int(r['expected_answer']) + (i % 2)}" for i, r in enumerate(src)]
    out = {}
    fn = get_custom_reward_fn(path, "compute_score", {"url": url})
    naive = []
    for row, resp in zip(rows, responses):
        extra_info = dict(row["extra_info"], num_turns=None, rollout_reward_scores={})
        s = fn(data_source=row["data_source"], solution_str=resp,
               ground_truth=row["reward_model"]["ground_truth"], extra_info=extra_info)
        naive.append(s["score"] if isinstance(s, dict) else s)
    out["verl_naive"] = naive
    out["verl_prime"] = [partial(fn, r["data_source"], resp, r["reward_model"]["ground_truth"], r["extra_info"])()
                         for r, resp in zip(rows, responses)]
    fb = get_custom_reward_fn(path, "compute_score_batch", {"url": url})
    out["verl_batch"] = fb(data_sources=[r["data_source"] for r in rows], solution_strs=responses,
                           ground_truths=[r["reward_model"].get("ground_truth", None) for r in rows],
                           extra_infos=[dict(r["extra_info"]) for r in rows])
    sys.path.insert(0, path.rsplit("/", 1)[0])
    import rl_course_reward as m
    for conversational in (True, False):
        inputs = [{"prompt": [{"role": "user", "content": r["prompt"]}] if conversational else r["prompt"],
                   "expected_answer": str(r["expected_answer"]), "id": r["id"]} for r in src]
        keys = [k for k in inputs[0] if k not in ["prompt", "completion", "completion_ids"]]
        reward_kwargs = {k: [x[k] for x in inputs] for k in keys}
        reward_kwargs.update(trainer_state=None, log_extra=lambda c, v: None, log_metric=lambda n, v: None)
        completions = [[{"role": "assistant", "content": c}] for c in responses] if conversational else responses
        got = partial(m.trl_reward, url=url)(prompts=[x["prompt"] for x in inputs], completions=completions,
                                             completion_ids=[[0]] * len(inputs), **reward_kwargs)
        out["trl_conversational" if conversational else "trl_standard"] = [
            math.nan if r is None else float(r) for r in got]
    out["types"] = sorted({type(x).__name__ for v in out.values() for x in v})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
