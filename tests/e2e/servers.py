"""Starts the real action server and Rasa server on free local ports for the end-to-end tests."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
MODEL = ROOT / "models" / "assistant.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false",
               SQLALCHEMY_SILENCE_UBER_WARNING="1", TF_CPP_MIN_LOG_LEVEL="2", SANIC_HOST="127.0.0.1")
    return env


def wait_for(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, urllib.error.URLError, ValueError):
            pass
        time.sleep(1)
    raise TimeoutError(f"{what} did not start within {timeout:.0f}s")


def post_json(url: str, body: dict[str, Any], timeout: float = 60) -> Any:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"null")


class Process:
    """One server process, its log file, and how to know it is ready."""

    def __init__(self, name: str, command: list[str], log_dir: Path, env: dict[str, str] | None = None) -> None:
        self.name, self.command, self.log_path = name, command, log_dir / f"{name}.log"
        self.env = env or {}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.command, cwd=ROOT, env={**server_env(), **self.env},
                                        stdout=log, stderr=subprocess.STDOUT)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None


class ActionServer(Process):
    def __init__(self, log_dir: Path) -> None:
        self.port = free_port()
        super().__init__("actions", [str(BIN / "rasa"), "run", "actions", "--actions", "actions",
                                     "--port", str(self.port)], log_dir)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        super().start()
        wait_for(lambda: urllib.request.urlopen(f"{self.url}/health", timeout=2).status == 200, 90, "action server")


class RasaServer(Process):
    def __init__(self, log_dir: Path, action_url: str, credentials: Path | None = None,
                 env: dict[str, str] | None = None, cors: list[str] | None = None) -> None:
        """cors: the web origins allowed to call the REST channel from a browser (Rasa's --cors)."""
        self.port = free_port()
        self.db = log_dir / "conversations.db"
        endpoints = log_dir / "endpoints.yml"
        endpoints.write_text(
            f'action_endpoint:\n  url: "{action_url}/webhook"\n'
            f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{self.db}"\n'
        )
        super().__init__("rasa", [str(BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints", str(endpoints),
                                  "--credentials", str(credentials or ROOT / "credentials.yml"),
                                  "--interface", "127.0.0.1", "--port", str(self.port),
                                  *(["--cors", *cors] if cors else [])], log_dir, env)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        super().start()
        wait_for(lambda: self.say("start-up check", "hello") != [], 300, "Rasa server")

    def say(self, sender: str, text: str) -> list[dict[str, Any]]:
        return post_json(f"{self.url}/webhooks/rest/webhook", {"sender": sender, "message": text})
