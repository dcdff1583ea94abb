"""Prints the sentence encoder's milliseconds per message, its load time and the process's memory after load.

Usage, from the project root: .venv/bin/python -m bench.encoder_speed [--module FILE] [ROUNDS]
Short (5 words), medium (25) and long (60) messages, one at a time as Rasa sends
them and in batches of 32 as training does; each figure is the median of ROUNDS
(default 5) after a warm-up. --module loads SentenceEncoder from another copy of
sentence_encoder.py, to compare versions one process each (load time and memory
need a fresh process), e.g. the TensorFlow one this replaced (issue 13):
  git show 64959bf:nlu_components/sentence_encoder.py > /tmp/tf_encoder.py
  .venv/bin/python -m bench.encoder_speed --module /tmp/tf_encoder.py
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PASSAGE = (
    "someone I met online last week asked me for pictures and now he says he will send them to "
    "everyone I follow unless I pay him two hundred pounds by tonight, I am so scared and I do not "
    "know whether to tell my parents or the police or just pay him so that it stops, he keeps "
    "messaging me on every app and my phone will not stop buzzing, what should I do first"
).split()
LENGTHS = {"short": 5, "medium": 25, "long": 60}
BATCH = 32


def messages(words: int) -> list[str]:
    """BATCH different messages of `words` words each, windows onto PASSAGE."""
    cycle = PASSAGE * (words // len(PASSAGE) + 2)
    return [" ".join(cycle[start : start + words]) for start in range(BATCH)]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def load(module_file: str | None) -> Any:
    """A SentenceEncoder, from this project's module or from the file given."""
    if module_file is None:
        module = importlib.import_module("nlu_components.sentence_encoder")
    else:
        spec = importlib.util.spec_from_file_location("compared_sentence_encoder", module_file)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module.SentenceEncoder()


def one_at_a_time(encoder: Any, texts: list[str]) -> None:
    for text in texts:
        encoder.encode([text])


def batched(encoder: Any, texts: list[str]) -> None:
    encoder.encode(texts)


def median_ms_per_message(run: Callable[[Any, list[str]], None], encoder: Any, texts: list[str], rounds: int) -> float:
    run(encoder, texts)
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        run(encoder, texts)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000 / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", help="a sentence_encoder.py to load SentenceEncoder from")
    parser.add_argument("rounds", nargs="?", type=int, default=5)
    arguments = parser.parse_args()
    started = time.perf_counter()
    encoder = load(arguments.module)
    print(f"load {time.perf_counter() - started:.2f} s (imports included), RSS after load {rss_mb():.0f} MB")
    print(f"{'ms per message':<16}{'one at a time':>15}{f'batches of {BATCH}':>15}")
    for name, words in LENGTHS.items():
        alone, together = (
            median_ms_per_message(run, encoder, messages(words), arguments.rounds) for run in (one_at_a_time, batched)
        )
        print(f"{f'{name} ({words} words)':<16}{alone:>15.2f}{together:>15.2f}")


if __name__ == "__main__":
    main()
