"""Starts the project's servers on free local ports: the action server, Rasa and the web chat's server.

One helper for every suite that needs running servers (tests/e2e, tests/channels,
tests/web) and for bench/. Each server is a child process started in the
project root, with its output in `<log_dir>/<name>.log`; `start()` returns once
it answers, `stop()` ends it. A server is also a context manager, and
`running()` starts several in order and stops them in reverse whatever happens.

The processes find the project's packages from the project root: Rasa puts its
working directory on sys.path, and the web server runs as `python -m web.server`
(once the project is installed as a package, from anywhere). Their environment
is the caller's plus SERVER_SETTINGS; nothing here sets PYTHONPATH. The action server
and Rasa share ACTION_SERVER_TOKEN, one secret per test session (actions/server.py).
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
MODEL = ROOT / "models" / "assistant.tar.gz"
HOST = "127.0.0.1"
P = TypeVar("P", bound="Process")
# Telemetry off and quieter logs (the action server listens on 127.0.0.1 by default).
SERVER_SETTINGS = {"RASA_TELEMETRY_ENABLED": "false", "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
                   "TF_CPP_MIN_LOG_LEVEL": "2"}
# The tests and benchmarks talk faster than any person, from one address (channels/edge.py, channels/rest.py).
UNLIMITED_RATES = {"SENDER_RATE_PER_MINUTE": "100000", "ADDRESS_RATE_PER_MINUTE": "100000"}
# The action server answers only the caller holding this; endpoints.yml has Rasa send it.
ACTION_SERVER_TOKEN = secrets.token_hex(32)
# The key REST and messaging sender ids are hashed with, so tests can find a conversation in the store.
SENDER_ID_KEY = secrets.token_hex(32)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    """Calls check every second until it is true; connection errors count as not yet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, urllib.error.URLError, ValueError):
            pass
        time.sleep(1)
    raise TimeoutError(f"{what} did not start within {timeout:.0f}s")


def answers_200(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.status == 200


def post_json(url: str, body: dict[str, Any], timeout: float = 60) -> Any:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"null")


class Process:
    """One server process on a free port, its log file, and how to know it is ready."""

    name = "server"
    start_timeout = 30.0

    def __init__(self, log_dir: Path, env: dict[str, str] | None = None, name: str | None = None) -> None:
        """name: this instance's, for its log file, when several of a kind run (tools/scale_set.py)."""
        self.name = name or self.name
        self.port = free_port()
        self.log_path = log_dir / f"{self.name}.log"
        self.env = env or {}
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def command(self) -> list[str]:
        raise NotImplementedError

    def environment(self) -> dict[str, str]:
        """What the process gets on top of the caller's environment and SERVER_SETTINGS."""
        return self.env

    def is_ready(self) -> bool:
        raise NotImplementedError

    def start(self) -> None:
        env = {**os.environ, **SERVER_SETTINGS, **self.environment()}
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(self.command(), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for(self.started, self.start_timeout, self.name)
        except TimeoutError as error:
            self.stop()
            raise TimeoutError(f"{error}; the end of {self.log_path}:\n{self.log_tail()}") from None
        except BaseException:
            self.stop()
            raise

    def log_tail(self, lines: int = 20) -> str:
        """What a CI report needs to tell why a server did not start: its log is gone with the machine."""
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def started(self) -> bool:
        if self.process is None or self.process.poll() is not None:
            raise RuntimeError(f"{self.name} stopped before it was ready: see {self.log_path}")
        return self.is_ready()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self: P) -> P:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class ActionServer(Process):
    name = "actions"
    start_timeout = 90.0

    def command(self) -> list[str]:
        return [str(BIN / "python"), "-m", "actions.server", "--port", str(self.port)]

    def environment(self) -> dict[str, str]:
        return {**self.env, "ACTION_SERVER_TOKEN": ACTION_SERVER_TOKEN}

    def is_ready(self) -> bool:
        return answers_200(f"{self.url}/health")


class ActionGateway(Process):
    """Rasa's way to the action server (gateway.actions): its answer, or the plain one within the time limit."""

    name = "gateway"

    def __init__(self, log_dir: Path, action_urls: str | Sequence[str], name: str | None = None) -> None:
        """action_urls: one action server, or several taken in turn."""
        super().__init__(log_dir, name=name)
        self.action_urls = [action_urls] if isinstance(action_urls, str) else list(action_urls)

    def command(self) -> list[str]:
        return [str(BIN / "python"), "-m", "gateway.actions"]

    def environment(self) -> dict[str, str]:
        upstreams = ",".join(f"{url}/webhook" for url in self.action_urls)
        return {"ACTION_GATEWAY_PORT": str(self.port), "ACTION_UPSTREAM_URLS": upstreams,
                "ACTION_SERVER_TOKEN": ACTION_SERVER_TOKEN}

    def is_ready(self) -> bool:
        return answers_200(f"{self.url}/health")


class RasaServer(Process):
    """The trained model behind the REST channel (and any channel in `credentials`), with a SQLite tracker store.

    Its action gateway starts before it and stops after it, as in a deployment, where each Rasa
    instance has one beside it.
    """

    name = "rasa"
    start_timeout = 300.0

    def __init__(self, log_dir: Path, action_url: str | Sequence[str], credentials: Path | None = None,
                 env: dict[str, str] | None = None, cors: list[str] | None = None, db: Path | None = None,
                 stores: dict[str, Any] | None = None, name: str | None = None) -> None:
        """cors: the web origins allowed to call the REST channel from a browser (Rasa's --cors);
        db: the SQLite conversation store (default: a new one in log_dir), another server's to restart it;
        stores: endpoints.yml sections to use instead (tracker_store, lock_store), as several instances share."""
        super().__init__(log_dir, env, name)
        self.credentials = credentials or ROOT / "credentials.yml"
        self.cors = cors or []
        self.db = db or log_dir / "conversations.db"
        # The project's endpoints.yml (the reply generator with it), with this server's
        # action server and conversation store.
        endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
        suffix = self.name[len(RasaServer.name):]
        self.gateway = ActionGateway(log_dir, action_url, name=f"gateway{suffix}")
        endpoints["action_endpoint"]["url"] = f"{self.gateway.url}/webhook"
        endpoints["tracker_store"]["db"] = str(self.db)
        endpoints.update(stores or {})
        self.endpoints = log_dir / f"endpoints{suffix}.yml"
        self.endpoints.write_text(yaml.safe_dump(endpoints), encoding="utf-8")

    def command(self) -> list[str]:
        return [str(BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints", str(self.endpoints),
                "--credentials", str(self.credentials), "--interface", HOST, "--port", str(self.port),
                "--logging-config-file", str(ROOT / "logging.yml"), *(["--cors", *self.cors] if self.cors else [])]

    def environment(self) -> dict[str, str]:
        return {"SENDER_ID_KEY": SENDER_ID_KEY, **UNLIMITED_RATES, **self.env,
                "ACTION_SERVER_TOKEN": ACTION_SERVER_TOKEN}

    def start(self) -> None:
        self.gateway.start()
        super().start()

    def stop(self) -> None:
        super().stop()
        self.gateway.stop()

    def is_ready(self) -> bool:
        return self.say("start-up-check", "hello") != []

    def say(self, sender: str, text: str) -> list[dict[str, Any]]:
        return post_json(f"{self.url}/webhooks/rest/webhook", {"sender": sender, "message": text})


class WebServer(Process):
    """The website chat's server (web/server.py), its page allowed to talk to `rasa_url` (settable until start)."""

    name = "web"

    def __init__(self, log_dir: Path, rasa_url: str = f"http://{HOST}:5005", frame_ancestors: str = "'self'",
                 exit_url: str | None = None) -> None:
        super().__init__(log_dir)
        self.rasa_url, self.frame_ancestors, self.exit_url = rasa_url, frame_ancestors, exit_url

    def environment(self) -> dict[str, str]:
        return {"WEB_HOST": HOST, "WEB_PORT": str(self.port), "RASA_URL": self.rasa_url, "WEB_ORIGIN": self.url,
                "FRAME_ANCESTORS": self.frame_ancestors, **({"EXIT_URL": self.exit_url} if self.exit_url else {})}

    def command(self) -> list[str]:
        return [str(BIN / "python"), "-m", "web.server"]

    def is_ready(self) -> bool:
        return answers_200(f"{self.url}/")


class Server(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


@contextmanager
def running(*servers: Server) -> Iterator[None]:
    """Starts the servers in order; stops the ones that started, in reverse, however the block ends."""
    started: list[Server] = []
    try:
        for server in servers:
            server.start()
            started.append(server)
        yield
    finally:
        for server in reversed(started):
            server.stop()
