"""The course's strict verifier as a reward function for verl and TRL, over HTTP.

python3 standard library only: nothing to install next to the trainer. Start the server first
(`deno task serve`, default http://127.0.0.1:8000); every call POSTs to its `/v1/score`:

    {"items": [{"example": {"expected_answer": <label>}, "completion": <text>}]}
    -> {"results": [{"reward": 0 | 1, "details": {"code": ...}}], "scorer": {...}}

and returns the rewards as floats (1.0 / 0.0), exactly `score()` of the course's scorer.

verl (custom_reward_function, verl/trainer/ppo/reward.py `get_custom_reward_fn`; the naive and prime
reward managers call `compute_score(data_source, solution_str, ground_truth, extra_info)`, the batch
manager `compute_score(data_sources=, solution_strs=, ground_truths=, extra_infos=)`):

    custom_reward_function.path=integrations/rl_course_reward.py custom_reward_function.name=compute_score
    # or, one request per batch:
    reward_model.reward_manager=batch custom_reward_function.name=compute_score_batch

TRL (GRPOTrainer calls `reward_func(prompts=, completions=, completion_ids=, **dataset_columns)`,
trl/trainer/grpo_trainer.py `_calculate_rewards`):

    PYTHONPATH=integrations trl grpo ... --reward_funcs rl_course_reward.trl_reward
    # or GRPOTrainer(reward_funcs=[rl_course_reward.trl_reward], ...)

The label is the dataset's `expected_answer` column (verl: `reward_model.ground_truth`). Where the
server is: the environment variable RL_COURSE_SCORE_URL (default http://127.0.0.1:8000/v1/score),
or verl's `+custom_reward_function.reward_kwargs.url=...`. A server that does not answer after
3 tries raises RuntimeError: training on made-up zeros would be worse than stopping.
"""
import json
import os
import time
import urllib.error
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8000/v1/score"
TRIES = 3
TIMEOUT_S = 60


def _url(url=None):
    return url or os.environ.get("RL_COURSE_SCORE_URL") or DEFAULT_URL


def score_items(items, url=None):
    """POSTs [(label, completion), ...] to /v1/score; returns one float per item."""
    if not items:
        return []
    body = json.dumps(
        {"items": [{"example": {"expected_answer": lab}, "completion": c} for lab, c in items]}
    ).encode()
    target = _url(url)
    last = None
    for attempt in range(TRIES):
        req = urllib.request.Request(
            target, body, {"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as res:
                results = json.load(res)["results"]
            if len(results) != len(items):
                raise RuntimeError(f"{len(results)} results for {len(items)} items")
            return [float(r["reward"]) for r in results]
        except urllib.error.HTTPError as e:
            detail = e.read()[:300].decode(errors="replace")
            if 400 <= e.code < 500:  # a refusal retrying cannot fix
                raise RuntimeError(f"{target} refused the request: HTTP {e.code} {detail}") from e
            last = f"HTTP {e.code} {detail}"
        except (OSError, ValueError, KeyError, TypeError) as e:
            last = repr(e)
        time.sleep(1.0 * (attempt + 1))
    raise RuntimeError(f"{target} did not answer after {TRIES} tries: {last}")


def _label(value):
    # verl keeps ground_truth as written in the Parquet file (a string in the course's export);
    # numpy scalars and other non-JSON values become their text.
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return value
    return str(value)


def compute_score(data_source, solution_str, ground_truth, extra_info=None, url=None, **kwargs):
    """verl: one item -> 1.0 or 0.0."""
    return score_items([(_label(ground_truth), solution_str)], url)[0]


def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, url=None,
                        **kwargs):
    """verl's batch reward manager: all items in one request -> list of floats."""
    return score_items([(_label(g), s) for g, s in zip(ground_truths, solution_strs)], url)


def _text(completion):
    # conversational: [{"role": "assistant", "content": ...}]; standard: a string
    if isinstance(completion, list):
        return completion[-1].get("content", "") if completion else ""
    return completion


def trl_reward(prompts=None, completions=None, completion_ids=None, url=None, **kwargs):
    """TRL: the dataset's expected_answer column (or ground_truth / solution / answer) as label."""
    for key in ("expected_answer", "ground_truth", "solution", "answer"):
        if key in kwargs:
            labels = kwargs[key]
            break
    else:
        raise KeyError("trl_reward needs a dataset column expected_answer (or ground_truth)")
    return score_items([(_label(lab), _text(c)) for lab, c in zip(labels, completions)], url)
