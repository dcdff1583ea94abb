"""Open-loop load: messages arrive at a set rate whatever the replies, as people's messages do.

    .venv/bin/python -m bench.open_load [--rates 5,10,15,20,25] [--duration 30] [--target-ms 300] [--url URL]

bench/load.py holds users who send their next message the moment an answer
comes, which shows where a server saturates. Capacity planning needs the
other question: at what message rate does the p95 stay under the target?
Here messages arrive at random (Poisson) at each offered rate; each is the
next turn of a conversation that is waiting for its turn (bench.load's
scripted conversations), or the first of a new one, so no conversation has
two messages in flight. Without --url it starts one action server, its
gateway and one Rasa instance, as bench.load does.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import tempfile
import time
import uuid
from collections import Counter, deque
from pathlib import Path
from typing import Any

import aiohttp

from bench.load import BUILD, CONVERSATIONS, REST_PATH, rest_url, warm_up
from bench.load_report import format_table, summarize
from tools.local_servers import ActionServer, RasaServer, running

COLUMNS = [("offered/s", "offered_rate", 1), ("msgs", "messages", 0), ("errors", "errors", 0),
           ("msg/s", "throughput", 1), ("p50 ms", "p50_ms", 0), ("p95 ms", "p95_ms", 0), ("p99 ms", "p99_ms", 0)]


async def offer(url: str, rate: float, duration: float, timeout: float, seed: int) -> dict[str, Any]:
    """Messages at `rate` a second for `duration` seconds; the summary of the answers."""
    loop = asyncio.get_running_loop()
    draw = random.Random(seed)
    waiting: deque[tuple[str, list[str], int]] = deque()
    scripts = itertools.cycle(CONVERSATIONS)
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    conversations = 0

    async def send(session: aiohttp.ClientSession, sender: str, script: list[str], turn: int) -> None:
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": script[turn]}) as response:
                body = await response.read()
            if response.status != 200 or not json.loads(body or b"null"):
                errors[f"HTTP {response.status}" if response.status != 200 else "empty reply"] += 1
            else:
                latencies.append((time.perf_counter() - started) * 1000)
        except (asyncio.TimeoutError, aiohttp.ClientError, ValueError) as error:
            errors[type(error).__name__] += 1
        if turn + 1 < len(script):
            waiting.append((sender, script, turn + 1))

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                     timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        tasks = []
        started = due = loop.time()
        while True:
            due += draw.expovariate(rate)
            if due - started > duration:
                break
            await asyncio.sleep(max(0.0, due - loop.time()))
            if waiting:
                sender, script, turn = waiting.popleft()
            else:
                sender, script, turn = f"open-{uuid.uuid4().hex}", next(scripts), 0
                conversations += 1
            tasks.append(asyncio.create_task(send(session, sender, script, turn)))
        await asyncio.gather(*tasks)
        elapsed = loop.time() - started
    level = summarize(0, latencies, sum(errors.values()), elapsed, conversations)
    return {**level, "offered_rate": rate, "error_kinds": dict(errors)}


def highest_rate_within(levels: list[dict[str, Any]], target_ms: float) -> float | None:
    """The highest offered rate whose p95 is within the target, with every lower rate within it too."""
    best = None
    for level in sorted(levels, key=lambda lv: lv["offered_rate"]):
        if level["errors"] or not level["p95_ms"] <= target_ms:
            break
        best = level["offered_rate"]
    return best


def measure(url: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    warm_up(url, CONVERSATIONS, args.timeout)
    levels = []
    for n, rate in enumerate(args.rates):
        level = asyncio.run(offer(url, rate, args.duration, args.timeout, seed=n))
        levels.append(level)
        print(f"  offered {rate:5.1f}/s  answered {level['throughput']:5.1f}/s  p50 {level['p50_ms']:6.0f} ms  "
              f"p95 {level['p95_ms']:6.0f} ms  errors {level['errors']}", flush=True)
    return levels


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rates", default="5,10,15,20,25", type=lambda s: [float(n) for n in s.split(",")])
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--target-ms", type=float, default=300)
    parser.add_argument("--url", help="a running Rasa server (base URL or REST webhook) instead of starting one")
    args = parser.parse_args(argv)
    if args.url:
        levels = measure(rest_url(args.url), args)
    else:
        BUILD.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="open-load-", dir=BUILD) as tmp:
            actions = ActionServer(Path(tmp))
            rasa = RasaServer(Path(tmp), actions.url)
            with running(actions, rasa):
                levels = measure(f"{rasa.url}{REST_PATH}", args)
    print("\n" + format_table(levels, COLUMNS))
    best = highest_rate_within(levels, args.target_ms)
    print(f"\nhighest offered rate with p95 within {args.target_ms:.0f} ms: "
          + (f"{best:g} messages a second" if best is not None else "none of those offered"))


if __name__ == "__main__":
    main()
