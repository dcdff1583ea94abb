"""Load test over REST: closed-loop simulated users holding whole conversations, against a stock bot too.

Usage, from the project root:
  .venv/bin/python -m bench.load [--users 1,5,10,20,50,100] [--duration 30] [--turns N] [--baseline]
                                 [--training] [--url URL] [--json build/load.json] [--plot build/load.svg]

Without --url it starts the project's action server and Rasa server (with its action
gateway) on free local ports (tools/local_servers.py; the trained model must exist),
measures the cold start (Rasa's process start to its first answer) and the memory
(resident set, each process with its children) of Rasa, the gateway and the action
server. Every user level then runs for --duration seconds: each simulated user holds
one of CONVERSATIONS under a new sender id, sends the next message as soon as the reply
arrives (no think time), and starts another conversation when it ends. A message counts
as an error when the answer is not HTTP 200, is empty, or does not come within --timeout.

--baseline does the same for a stock `rasa init` bot (build/baseline-bot, trained once per
Rasa, Python and TensorFlow version with this venv; the training time measured then is
kept beside the model) with STOCK_CONVERSATIONS, and prints ours/stock ratios.
--training also times this project's full training (`rasa train` with an empty cache,
into build/load-training/, never models/): about 6 minutes on 2 cores.

The load generator runs on the same machine as the servers and takes some of its CPU.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import uuid
from collections import Counter
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import aiohttp

from bench.load_report import (
    LEVEL_COLUMNS,
    RATIO_COLUMNS,
    format_table,
    latency_series,
    ratio,
    ratio_rows,
    summarize,
    svg_plot,
)
from tools.local_servers import (
    BIN,
    HOST,
    ROOT,
    SERVER_SETTINGS,
    ActionServer,
    Process,
    RasaServer,
    post_json,
    running,
)

BUILD = ROOT / "build"
BASELINE_DIR = BUILD / "baseline-bot"
BASELINE_STAMP = BASELINE_DIR / "bench-baseline.json"
REST_PATH = "/webhooks/rest/webhook"

# What people being sextorted, and the people helping them, write: typed as they would type it,
# with the buttons they would press (the payloads are the domain's own).
CONVERSATIONS: list[list[str]] = [
    # A teenager asked for money on Instagram.
    ["hi",
     "someone on insta says they'll send my pics to all my followers unless i pay them £200",
     '/inform{"age_group": "under_18"}',
     "im so scared my parents will find out",
     "should i just pay so it stops",
     "how do i report them on instagram",
     "/request_checklist"],
    # An adult who already paid.
    ["I already paid him £500 and now he's asking for more",
     "I'm 34",
     "will he actually delete the video if I pay again?",
     "how do I contact the police about this",
     "I live in Bradford",
     "thanks"],
    # A parent.
    ["my 15 year old son is being blackmailed over photos he sent to someone online",
     "what should we do first",
     "will he get in trouble with the police for sending them?",
     "we're in Leeds",
     "/request_checklist"],
    # A friend.
    ["my friend is being threatened by someone who has nudes of her",
     "she's 17",
     "she doesn't want to tell anyone, how can I help her?",
     "can the pictures be taken down",
     "ok thank you"],
    # Someone abroad.
    ["a girl on facebook recorded our video call and says she will send it to my family",
     "I live in Spain",
     "who do I report this to here?",
     "should I block her",
     "/request_checklist"],
    # A webcam scam email.
    ["got an email saying they hacked my webcam and want bitcoin or they'll send a video to my contacts",
     "is this real??",
     "what should I do with the email",
     "ok bye"],
    # Ashamed, on Snapchat, pressing the buttons.
    ["hello",
     "i sent pics to someone on snapchat and now they're threatening me",
     "i feel so stupid and ashamed",
     '/inform{"age_group": "adult"}',
     "how do i save the evidence",
     "/request_checklist",
     "can I talk to a real person"],
    # The images are already out.
    ["they posted my pictures on twitter",
     "how do I get them removed",
     "/ask_police",
     "I'm 16 and I live in Wakefield",
     "is this my fault",
     "/request_checklist"],
]

# The stock `rasa init` bot's intents: greet, goodbye, affirm, deny, mood_great, mood_unhappy, bot_challenge.
STOCK_CONVERSATIONS: list[list[str]] = [
    ["hey", "I'm feeling sad", "yes", "bye"],
    ["good morning", "I am amazing", "are you a bot?", "goodbye"],
    ["hello there", "I am disappointed", "no", "am I talking to a human?", "see you later"],
    ["hi", "super stoked", "are you a human?", "cu"],
    ["good evening", "my day was horrible", "not really", "have a nice day"],
    ["hey there", "I am great", "am I talking to a bot?", "bye bye"],
    ["howdy", "I'm so sad", "yes", "are you a human?", "see you around"],
    ["hi", "extremely sad", "no", "bye"],
]

# Also: the CPU time Rasa spent per answered message, how busy the load generator itself was, and
# how busy everything else on the machine was (percent of one core), since they share the machine.
LEVEL_TABLE = [*LEVEL_COLUMNS, ("Rasa CPU ms/msg", "rasa_cpu_ms_per_msg", 0), ("client CPU %", "client_cpu_pct", 0),
               ("other CPU %", "other_cpu_pct", 0)]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- Processes and memory ------------------------------------------------------------------------

def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """pid and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # The parent is the 2nd field after the command, which is in parentheses and may hold spaces.
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def rss_mb(pid: int | None) -> float:
    """The resident memory of a process and its children, in MB (0 for none)."""
    if pid is None:
        return 0.0
    return sum(_status_kb(p, "VmRSS") for p in descendants(pid)) / 1024


def cpu_seconds(pid: int | None) -> float:
    """The CPU time (user and system) a process and its children have used so far."""
    if pid is None:
        return 0.0
    total = 0
    for p in descendants(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def machine_busy_seconds() -> float:
    """The CPU time every core of the machine has spent busy since boot (/proc/stat)."""
    fields = [int(n) for n in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle, iowait
    return (sum(fields[:8]) - idle) / CLOCK_TICKS  # user to steal; guest time is already in user


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def pid_of(server: Process | None) -> int | None:
    return server.process.pid if server is not None and server.process is not None else None


def start_timed(server: Process, cwd: Path = ROOT) -> float:
    """Process.start with a finer wait: the seconds from the process start to its first ready answer
    (for Rasa, its first reply over REST)."""
    env = {**os.environ, **SERVER_SETTINGS, **server.environment()}
    started = time.perf_counter()
    with open(server.log_path, "ab") as log:
        server.process = subprocess.Popen(server.command(), cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:
            try:
                if server.started():
                    return time.perf_counter() - started
            except (OSError, urllib.error.URLError, ValueError):
                pass
            if time.perf_counter() - started > server.start_timeout:
                raise TimeoutError(f"{server.name} did not start within {server.start_timeout:.0f}s")
            time.sleep(0.1)
    except BaseException:
        server.stop()
        raise


class StockRasa(Process):
    """The stock `rasa init` bot with the REST channel, from its own project directory."""

    name = "stock-rasa"
    start_timeout = 300.0

    def __init__(self, log_dir: Path, model: Path) -> None:
        super().__init__(log_dir)
        self.model = model
        self.credentials = log_dir / "stock-credentials.yml"
        self.credentials.write_text("rest:\n", encoding="utf-8")

    def command(self) -> list[str]:
        return [str(BIN / "rasa"), "run", "--model", str(self.model), "--credentials", str(self.credentials),
                "--endpoints", str(BASELINE_DIR / "endpoints.yml"), "--interface", HOST, "--port", str(self.port)]

    def is_ready(self) -> bool:
        return post_json(f"{self.url}{REST_PATH}", {"sender": "start-up-check", "message": "hello"}) != []


# --- The stock bot ---------------------------------------------------------------------------------

def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "-"


def baseline_key() -> str:
    """What the stock bot's training depends on: Rasa's version (its init project and defaults),
    Python's and TensorFlow's."""
    parts = f"rasa {_version('rasa')} python {platform.python_version()} tensorflow {_version('tensorflow')}"
    return hashlib.sha256(parts.encode()).hexdigest()[:16]


def prepare_baseline(log_dir: Path) -> dict[str, Any]:
    """The trained stock bot: reused when the stamp matches, otherwise made with `rasa init` and timed.
    Returns the stamp: key, model, training_s (as measured when it trained), trained_at, reused."""
    key = baseline_key()
    if BASELINE_STAMP.exists():
        stamp = json.loads(BASELINE_STAMP.read_text(encoding="utf-8"))
        if stamp.get("key") == key and (BASELINE_DIR / stamp.get("model", "-")).is_file():
            return {**stamp, "reused": True}
    shutil.rmtree(BASELINE_DIR, ignore_errors=True)
    BASELINE_DIR.mkdir(parents=True)  # `rasa init --no-prompt` wants it to exist
    print(f"Training the stock `rasa init` bot in {BASELINE_DIR.relative_to(ROOT)} ...", flush=True)
    log_path = log_dir / "baseline-init.log"
    env = {**os.environ, **SERVER_SETTINGS}
    started = time.perf_counter()
    with open(log_path, "ab") as log:
        done = subprocess.run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(BASELINE_DIR)],
                              cwd=BUILD, env=env, stdout=log, stderr=subprocess.STDOUT)
    training_s = time.perf_counter() - started
    models = sorted((BASELINE_DIR / "models").glob("*.tar.gz"))
    if done.returncode != 0 or not models:
        raise RuntimeError(f"`rasa init` failed (exit {done.returncode}): see {log_path}")
    stamp = {"key": key, "model": str(models[-1].relative_to(BASELINE_DIR)), "training_s": round(training_s, 1),
             "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
             "what": "`rasa init --no-prompt` wall time: the project files, then `rasa train` of the stock bot",
             "rasa": _version("rasa")}
    BASELINE_STAMP.write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    return {**stamp, "reused": False}


def time_project_training(log_dir: Path) -> float:
    """This project's full training, as `make train` runs it, with an empty cache, into build/load-training/."""
    out = BUILD / "load-training"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    env = {**os.environ, **SERVER_SETTINGS, "RASA_CACHE_DIRECTORY": str(out / "cache")}
    print("Training this project's model into build/load-training/ (about 6 minutes) ...", flush=True)
    started = time.perf_counter()
    with open(log_dir / "training.log", "ab") as log:
        done = subprocess.run([str(BIN / "rasa"), "train", "--out", str(out), "--fixed-model-name", "assistant"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"training failed (exit {done.returncode}): see {log_dir / 'training.log'}")
    return elapsed


# --- The simulated users ------------------------------------------------------------------------

async def run_level(url: str, conversations: list[list[str]], users: int, duration: float, turns: int | None,
                    timeout: float, watch: dict[str, int | None]) -> dict[str, Any]:
    """`users` closed-loop users for `duration` seconds; the level's summary, with the peak memory of
    each watched process while it ran."""
    loop = asyncio.get_running_loop()
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    counts = {"conversations": 0}
    peaks = {name: rss_mb(pid) for name, pid in watch.items()}
    deadline = loop.time() + duration

    async def user(session: aiohttp.ClientSession, n: int) -> None:
        i = n
        while loop.time() < deadline:
            script = conversations[i % len(conversations)][:turns]
            i += users
            sender = f"load-{uuid.uuid4().hex}"
            counts["conversations"] += 1
            for text in script:
                if loop.time() >= deadline:
                    return
                started = time.perf_counter()
                try:
                    async with session.post(url, json={"sender": sender, "message": text}) as response:
                        body = await response.read()
                    elapsed_ms = (time.perf_counter() - started) * 1000
                    if response.status != 200:
                        errors[f"HTTP {response.status}"] += 1
                    elif not json.loads(body or b"null"):
                        errors["empty reply"] += 1
                    else:
                        latencies.append(elapsed_ms)
                except asyncio.TimeoutError:
                    errors["timeout"] += 1
                except (aiohttp.ClientError, ValueError) as error:
                    errors[type(error).__name__] += 1

    async def sample_memory() -> None:
        while True:
            await asyncio.sleep(1)
            for name, pid in watch.items():
                peaks[name] = max(peaks[name], rss_mb(pid))

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        sampler = asyncio.create_task(sample_memory())
        cpu_before = {name: cpu_seconds(pid) for name, pid in watch.items()}
        client_before = own_cpu_seconds()
        machine_before = machine_busy_seconds()
        started = time.perf_counter()
        await asyncio.gather(*(user(session, n) for n in range(users)))
        elapsed = time.perf_counter() - started
        client_cpu = own_cpu_seconds() - client_before
        cpu = {name: cpu_seconds(pid) - cpu_before[name] for name, pid in watch.items()}
        machine_busy = machine_busy_seconds() - machine_before
        sampler.cancel()
    for name, pid in watch.items():
        peaks[name] = max(peaks[name], rss_mb(pid))
    level = summarize(users, latencies, sum(errors.values()), elapsed, counts["conversations"])
    level["error_kinds"] = dict(errors)
    level["rss_peak_mb"] = {name: round(mb, 1) for name, mb in peaks.items()}
    level["rss_mb"] = peaks["rasa"] if "rasa" in peaks else float("nan")
    level["cpu_s"] = {name: round(seconds, 2) for name, seconds in cpu.items()}
    level["rasa_cpu_ms_per_msg"] = cpu["rasa"] * 1000 / len(latencies) if "rasa" in cpu and latencies else float("nan")
    level["client_cpu_s"] = round(client_cpu, 2)
    level["client_cpu_pct"] = client_cpu / elapsed * 100 if elapsed > 0 else float("nan")
    # What else kept the machine busy meanwhile (percent of one core): another job on a shared machine
    # makes every latency here longer. Only meaningful when the watched processes are all the servers.
    other = machine_busy - client_cpu - sum(cpu.values())
    level["other_cpu_pct"] = max(0.0, other) / elapsed * 100 if elapsed > 0 and watch else float("nan")
    return level


def warm_up(url: str, conversations: list[list[str]], timeout: float, show: bool = False) -> None:
    """Each conversation once, one message at a time, untimed: the first replies load what loads lazily.
    show: print each message with the start of each reply, to check the conversations make sense."""
    for script in conversations:
        sender = f"warm-up-{uuid.uuid4().hex}"
        for text in script:
            try:
                replies = post_json(url, {"sender": sender, "message": text}, timeout=timeout)
            except (OSError, ValueError) as error:
                replies = [{"text": f"<{type(error).__name__}>"}]
            if show:
                print(f"    > {text}")
                for reply in replies or [{"text": "<no reply>"}]:
                    words = " ".join(str(reply.get("text", reply)).split())
                    print(f"      {words[:110]}")
        if show:
            print()


def run_levels(label: str, url: str, conversations: list[list[str]], args: argparse.Namespace,
               watch: dict[str, int | None]) -> list[dict[str, Any]]:
    warm_up(url, conversations, args.timeout, args.show)
    levels = []
    for users in args.users:
        level = asyncio.run(run_level(url, conversations, users, args.duration, args.turns, args.timeout, watch))
        levels.append(level)
        errors = f" {level['error_kinds']}" if level["errors"] else ""
        print(f"  {label}: {users:3d} users  {level['throughput']:6.1f} msg/s  p50 {level['p50_ms']:6.0f} ms  "
              f"p95 {level['p95_ms']:6.0f} ms  Rasa CPU {level['rasa_cpu_ms_per_msg']:4.0f} ms/msg  "
              f"errors {level['errors']}{errors}", flush=True)
        if level["other_cpu_pct"] > 20:
            print(f"  (warning: other processes used {level['other_cpu_pct']:.0f}% of a core during this level)",
                  flush=True)
    return levels


# --- Running it all -----------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    cpu = "-"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kb = int(line.split()[1])
    return {"cpus": os.cpu_count(), "cpu_model": cpu, "memory_gb": round(memory_kb / 1024 ** 2, 1),
            "os": platform.platform(), "python": platform.python_version(), "rasa": _version("rasa"),
            "tensorflow": _version("tensorflow"), "load": [round(x, 2) for x in os.getloadavg()],
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def rest_url(url: str) -> str:
    url = url.rstrip("/")
    return url if url.endswith(REST_PATH) else url + REST_PATH


def bench_ours(args: argparse.Namespace, log_dir: Path) -> dict[str, Any]:
    if args.url:
        print(f"This project at {args.url}:", flush=True)
        return {"url": args.url, "levels": run_levels("ours", rest_url(args.url), CONVERSATIONS, args, {})}
    print("This project (action server, gateway, Rasa):", flush=True)
    actions = ActionServer(log_dir)
    actions_start = start_timed(actions)
    try:
        rasa = RasaServer(log_dir, actions.url)
        rasa.gateway.start()
        try:
            cold_start = start_timed(rasa)
            memory = {"rasa": rss_mb(pid_of(rasa)), "gateway": rss_mb(pid_of(rasa.gateway)),
                      "actions": rss_mb(pid_of(actions))}
            print(f"  cold start (Rasa process start to first answer): {cold_start:.1f} s; "
                  f"action server start {actions_start:.1f} s", flush=True)
            print("  memory after start: " + ", ".join(f"{k} {v:.0f} MB" for k, v in memory.items()), flush=True)
            watch = {"rasa": pid_of(rasa), "gateway": pid_of(rasa.gateway), "actions": pid_of(actions)}
            levels = run_levels("ours", f"{rasa.url}{REST_PATH}", CONVERSATIONS, args, watch)
            memory_end = {name: rss_mb(pid) for name, pid in watch.items()}
            hwm = _status_kb(pid_of(rasa) or 0, "VmHWM") / 1024
        finally:
            rasa.stop()
    finally:
        actions.stop()
    return {"cold_start_s": cold_start, "action_server_start_s": actions_start, "rss_after_start_mb": memory,
            "rss_end_mb": memory_end, "rasa_rss_high_water_mb": hwm, "levels": levels}


def bench_scale(args: argparse.Namespace, log_dir: Path) -> dict[str, Any]:
    """The same levels through nginx to two Rasa instances and two action servers (tools/scale_set.py)."""
    from tools.scale_set import ScaleSet

    print("This project scaled out (nginx, two Rasa instances, two action servers, PostgreSQL, Redis):", flush=True)
    scale = ScaleSet(log_dir, instances=2)
    with running(*scale.servers()):
        servers = [*scale.rasa, *[r.gateway for r in scale.rasa], *scale.actions, scale.nginx, scale.postgres,
                   scale.redis]
        watch = {server.name: pid_of(server) for server in servers}
        levels = run_levels("scaled", f"{scale.url}{REST_PATH}", CONVERSATIONS, args, watch)
    for level in levels:  # both instances' CPU, per message answered
        rasa_cpu = sum(level["cpu_s"].get(r.name, 0.0) for r in scale.rasa)
        level["rasa_cpu_ms_per_msg"] = rasa_cpu * 1000 / level["messages"] if level.get("messages") else float("nan")
    return {"instances": 2, "levels": levels}


def bench_stock(args: argparse.Namespace, log_dir: Path) -> dict[str, Any]:
    stamp = prepare_baseline(log_dir)
    print(f"Stock `rasa init` bot (training {stamp['training_s']:.0f} s, "
          f"{'trained ' + stamp['trained_at'] if stamp['reused'] else 'trained in this run'}):", flush=True)
    stock = StockRasa(log_dir, BASELINE_DIR / stamp["model"])
    cold_start = start_timed(stock, cwd=BASELINE_DIR)
    try:
        memory = rss_mb(pid_of(stock))
        print(f"  cold start (Rasa process start to first answer): {cold_start:.1f} s; memory {memory:.0f} MB",
              flush=True)
        levels = run_levels("stock", f"{stock.url}{REST_PATH}", STOCK_CONVERSATIONS, args, {"rasa": pid_of(stock)})
        memory_end = rss_mb(pid_of(stock))
        hwm = _status_kb(pid_of(stock) or 0, "VmHWM") / 1024
    finally:
        stock.stop()
    return {"training": stamp, "cold_start_s": cold_start, "rss_after_start_mb": {"rasa": memory},
            "rss_end_mb": {"rasa": memory_end}, "rasa_rss_high_water_mb": hwm, "levels": levels}


def summary_ratios(ours: dict[str, Any], stock: dict[str, Any]) -> dict[str, float]:
    """Ours/stock for what is measured once per bot: cold start and Rasa's memory."""
    def get(result: dict[str, Any], *keys: str) -> float | None:
        for key in keys:
            result = result.get(key) if isinstance(result, dict) else None
        return result  # type: ignore[return-value]
    return {"cold_start": ratio(ours.get("cold_start_s"), stock.get("cold_start_s")),
            "rasa_rss_after_start": ratio(get(ours, "rss_after_start_mb", "rasa"),
                                          get(stock, "rss_after_start_mb", "rasa")),
            "rasa_rss_high_water": ratio(ours.get("rasa_rss_high_water_mb"), stock.get("rasa_rss_high_water_mb"))}


def report(result: dict[str, Any]) -> str:
    lines = ["", "Machine: " + ", ".join(f"{k} {v}" for k, v in result["machine"].items()), ""]
    for bot in ("ours", "scaled", "stock"):
        if bot not in result:
            continue
        data = result[bot]
        lines.append(f"{bot} (duration {result['duration_s']:g} s per level; RSS MB: Rasa's peak during the level)")
        lines.append(format_table(data["levels"], LEVEL_TABLE))
        if "cold_start_s" in data:
            memory = ", ".join(f"{k} {v:.0f}" for k, v in data["rss_after_start_mb"].items())
            lines.append(f"cold start {data['cold_start_s']:.1f} s; RSS after start (MB): {memory}; "
                         f"Rasa's high-water RSS {data['rasa_rss_high_water_mb']:.0f} MB")
        if bot == "stock":
            training = data["training"]
            when = f"cached, trained {training['trained_at']}" if training["reused"] else "trained in this run"
            lines.append(f"stock training (rasa init): {training['training_s']:.0f} s ({when})")
        lines.append("")
    if "ratios" in result:
        lines.append("ours / stock (throughput above 1 is better; latency below 1 is better)")
        lines.append(format_table(result["ratios"]["levels"], RATIO_COLUMNS))
        lines.append("  ".join(f"{k} ×{v:.2f}" for k, v in result["ratios"]["once"].items()))
        lines.append("")
    if "scaled" in result:
        lines.append("two instances / one (throughput above 1 is better; latency below 1 is better)")
        lines.append(format_table(ratio_rows(result["scaled"]["levels"], result["ours"]["levels"]), RATIO_COLUMNS))
        lines.append("")
    if "training_s" in result:
        lines.append(f"this project's full training: {result['training_s']:.0f} s")
    return "\n".join(lines)


def without_nan(value: Any) -> Any:
    """The results with NaN (nothing measured) as null, so the JSON is strict."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {k: without_nan(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nan(v) for v in value]
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--users", default="1,5,10,20,50,100",
                        type=lambda s: [int(n) for n in s.split(",") if n.strip()],
                        help="the user levels, comma-separated (default 1,5,10,20,50,100)")
    parser.add_argument("--duration", type=float, default=30, help="seconds per user level (default 30)")
    parser.add_argument("--turns", type=int, default=None, help="at most this many messages per conversation")
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a reply counts as an error")
    parser.add_argument("--baseline", action="store_true", help="the same for a stock `rasa init` bot, and ratios")
    parser.add_argument("--scale", action="store_true",
                        help="also two Rasa instances and two action servers behind nginx (tools/scale_set.py)")
    parser.add_argument("--training", action="store_true", help="also time this project's full training (~6 min)")
    parser.add_argument("--url", help="a running Rasa server (base URL or REST webhook) instead of starting one")
    parser.add_argument("--show", action="store_true",
                        help="print the warm-up's conversations with the start of each reply")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--plot", type=Path, help="write an SVG plot of p50 and p95 against users here")
    args = parser.parse_args(argv)
    if not args.users or min(args.users) < 1:
        parser.error("--users needs positive numbers")
    if args.turns is not None and args.turns < 1:
        parser.error("--turns needs a positive number")
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    result: dict[str, Any] = {"machine": machine(), "duration_s": args.duration, "users": args.users,
                              "turns": args.turns, "timeout_s": args.timeout}
    BUILD.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="load-", dir=BUILD) as tmp:
        log_dir = Path(tmp)
        try:
            result["ours"] = bench_ours(args, log_dir)
            if args.scale:
                result["scaled"] = bench_scale(args, log_dir)
            if args.baseline:
                result["stock"] = bench_stock(args, log_dir)
                result["ratios"] = {"levels": ratio_rows(result["ours"]["levels"], result["stock"]["levels"]),
                                    "once": summary_ratios(result["ours"], result["stock"])}
            if args.training:
                result["training_s"] = time_project_training(log_dir)
        except BaseException:
            # The servers' logs go with the temporary directory: keep them for the diagnosis.
            kept = BUILD / "load-logs"
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(log_dir, kept)
            print(f"(server logs kept in {kept.relative_to(ROOT)})", file=sys.stderr)
            raise
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(without_nan(result), indent=2, default=str) + "\n", encoding="utf-8")
        print(f"JSON: {args.json}")
    if args.plot:
        args.plot.parent.mkdir(parents=True, exist_ok=True)
        bots = {name: result[name]["levels"] for name in ("ours", "scaled", "stock") if name in result}
        args.plot.write_text(svg_plot(latency_series(bots), "Reply latency against simultaneous users "
                                      f"({result['machine']['cpus']} CPUs)"), encoding="utf-8")
        print(f"plot: {args.plot}")
    return result


if __name__ == "__main__":
    main()
