"""Prints how long the servers take to start, the reply latency over REST, and Rasa's memory.

Usage, from the project root: .venv/bin/python -m bench.startup_and_latency [MESSAGES]
Starts the real action server and Rasa server on free local ports (the trained
model must exist), sends MESSAGES single-user messages, and stops both.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from tools.local_servers import ActionServer, RasaServer

MESSAGES = [
    "someone is threatening to post my nudes unless I pay",
    "should I pay them",
    "I live in Leeds",
    "how do I contact the police",
    "can I have the checklist",
]


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with ActionServer(Path(tmp)) as actions:
            print(f"action server start-up: {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            with RasaServer(Path(tmp), actions.url) as rasa:
                print(f"Rasa server start-up (to first reply): {time.perf_counter() - started:.1f} s")
                timings, by_message = [], {message: [] for message in MESSAGES}
                for n in range(count):
                    t0 = time.perf_counter()
                    rasa.say(f"bench-{n // len(MESSAGES)}", MESSAGES[n % len(MESSAGES)])
                    timings.append((time.perf_counter() - t0) * 1000)
                    by_message[MESSAGES[n % len(MESSAGES)]].append(timings[-1])
                for message, times in by_message.items():
                    print(f"  p50 {statistics.median(times):4.0f} ms  {message!r}")
                timings.sort()
                p95 = timings[int(0.95 * (len(timings) - 1))]
                print(f"reply latency over {count} messages: p50 {statistics.median(timings):.0f} ms, "
                      f"p95 {p95:.0f} ms")
                print(f"Rasa server memory (RSS): {resident_mb(rasa.process.pid):.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
