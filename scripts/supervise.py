"""Keeps the assistant's servers up: starts them, restarts one that stops, stops them all on Ctrl-C or SIGTERM.

scripts/run.sh prepares the settings and the credentials, then runs this (standard
library only). Why: a server that crashed would otherwise stay down until someone
noticed, while people in crisis wrote to it. A restart waits 1 s, then twice as long
each time up to 30 s, so a server that cannot start does not spin; after a minute up
it is back to 1 s.

Each server runs in a session of its own: Ctrl-C (or the terminal closing) reaches only
this supervisor, which stops them in turn, and stopping a server stops whatever it started too.
Before any starts, the umask is 077 and var/ is 0700, the conversation store 0600:
what people told the assistant is for the service user only.
"""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_DELAY, MAX_DELAY, STEADY_UPTIME = 1.0, 30.0, 60.0
STOP_TIMEOUT = 20.0
POLL = 0.2

Service = tuple[str, Sequence[str]]
log = logging.getLogger("supervise")


def services(environ: Mapping[str, str]) -> list[Service]:
    """The action server, its gateway, the web chat's server and Rasa, with the settings run.sh exported."""
    python = ".venv/bin/python"
    return [
        ("actions", [python, "-m", "actions.server", "--port", environ["ACTION_PORT"]]),
        ("gateway", [python, "-m", "gateway.actions"]),
        ("web", [python, "-m", "web.server"]),
        ("rasa", [".venv/bin/rasa", "run", "--model", "models/assistant.tar.gz", "--endpoints",
                  environ["RASA_ENDPOINTS"], "--credentials", "build/credentials.yml", "--interface",
                  environ["RASA_HOST"], "--port", environ["RASA_PORT"], "--cors", environ["WEB_ORIGIN"],
                  "--logging-config-file", "logging.yml"]),
        # Deletes conversations older than RETENTION_DAYS (default 30), now and every 6 hours.
        ("retention", [python, "-m", "tools.retention", "--endpoints", environ["RASA_ENDPOINTS"],
                       "--every-hours", "6"]),
    ]


def protect(state_dir: Path) -> None:
    """Whatever the servers create is private, and so is the conversation store that already exists."""
    os.umask(0o077)
    state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    state_dir.chmod(0o700)
    for path in state_dir.glob("conversations.db*"):  # the database and SQLite's journals beside it
        path.chmod(0o600)


def next_delay(delay: float, uptime: float) -> tuple[float, float]:
    """(the wait before this restart, the wait kept for the next one), given the kept wait and the uptime."""
    wait = FIRST_DELAY if uptime >= STEADY_UPTIME else delay
    return wait, min(wait * 2, MAX_DELAY)


@dataclass
class Child:
    """One server: its process while it runs, else when it is due to start (times are time.monotonic())."""

    name: str
    argv: Sequence[str]
    process: subprocess.Popen | None = None
    started: float = 0.0
    delay: float = FIRST_DELAY  # the wait before the next restart
    due: float = 0.0

    def check(self, now: float) -> None:
        """Starts the child when it is due; schedules a restart when it has exited."""
        if self.process is None:
            if now >= self.due:
                self.process = subprocess.Popen(self.argv, start_new_session=True)
                self.started = now
                log.info("%s started (pid %d)", self.name, self.process.pid)
            return
        code = self.process.poll()
        if code is None:
            return
        self.kill_group(signal.SIGKILL)  # what it started dies with it, and frees the port for the restart
        uptime = now - self.started
        wait, self.delay = next_delay(self.delay, uptime)
        self.process, self.due = None, now + wait
        log.warning("%s exited with code %s after %.0f s; restarting in %.0f s", self.name, code, uptime, wait)

    def kill_group(self, signum: int) -> None:
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signum)
            except ProcessLookupError:
                pass


def stop_all(children: Sequence[Child]) -> None:
    """SIGTERM to every running child (last started first), SIGKILL to what is left after STOP_TIMEOUT."""
    running = [(child, child.process) for child in reversed(children)
               if child.process and child.process.poll() is None]
    for child, _ in running:
        child.kill_group(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    for child, process in running:
        try:
            process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log.warning("%s did not stop within %.0f s: killed", child.name, STOP_TIMEOUT)
        child.kill_group(signal.SIGKILL)
        process.wait()


def supervise(servers: Sequence[Service], state_dir: Path) -> int:
    """Runs the servers until SIGINT, SIGTERM or SIGHUP, then stops them all; returns the exit code."""
    protect(state_dir)
    children = [Child(name, argv) for name, argv in servers]
    requested: list[int] = []
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # SIGHUP: the terminal closed
        signal.signal(signum, lambda received, _frame: requested.append(received))
    try:
        while not requested:
            now = time.monotonic()
            for child in children:
                child.check(now)
            time.sleep(POLL)
    finally:
        stop_all(children)
    log.info("stopped on %s", signal.Signals(requested[0]).name)
    return 0


def main() -> int:
    logging.basicConfig(format="%(asctime)s supervise: %(message)s", level=logging.INFO, stream=sys.stderr)
    os.chdir(ROOT)  # the servers read endpoints.yml and var/ from the project root
    return supervise(services(os.environ), ROOT / "var")


if __name__ == "__main__":
    sys.exit(main())
