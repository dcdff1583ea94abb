"""scripts/supervise.py with stand-in servers (python -c): restarts, a clean stop, private files."""
from __future__ import annotations

import importlib.util
import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "supervise.py"
# The supervisor as run.sh runs it, but with these children and this state directory.
DRIVER = (
    "import json, logging, sys\n"
    "from pathlib import Path\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from supervise import supervise\n"
    "logging.basicConfig(level=logging.INFO)\n"
    "sys.exit(supervise(json.loads(sys.argv[2]), Path(sys.argv[3])))\n"
)
SLEEP_FOREVER = "import time; time.sleep(600)"


def load_module() -> ModuleType:
    """scripts/ is not a package: the script is loaded from its path (registered first, as dataclasses need)."""
    spec = importlib.util.spec_from_file_location("supervise", SCRIPT)
    assert spec and spec.loader
    module = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    return module


def child(code: str, *args: str | Path) -> list[str]:
    return [sys.executable, "-c", code, *map(str, args)]


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie (a container's init may never reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def wait_until(check: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen]]:
    """Starts a supervisor of these children over tmp_path/var; kills it and its children if a test leaves them."""
    started: list[subprocess.Popen] = []

    def run(*children: tuple[str, list[str]]) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(SCRIPT.parent), json.dumps(children), str(tmp_path / "var")],
            stderr=subprocess.PIPE, text=True)
        started.append(process)
        return process

    yield run
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def pids_in(path: Path) -> list[int]:
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def test_the_backoff_doubles_to_30_seconds_and_starts_again_after_a_minute_up() -> None:
    next_delay = load_module().next_delay
    delay, waits = 1.0, []
    for _ in range(7):
        wait, delay = next_delay(delay, uptime=2)
        waits.append(wait)
    assert waits == [1, 2, 4, 8, 16, 30, 30]
    assert next_delay(delay, uptime=61) == (1, 2)


def test_the_servers_are_run_shs_with_its_settings() -> None:
    env = {"ACTION_PORT": "5056", "RASA_ENDPOINTS": "endpoints.yml", "RASA_HOST": "127.0.0.1",
           "RASA_PORT": "5005", "WEB_ORIGIN": "http://localhost:8080"}
    names = {name: argv for name, argv in load_module().services(env)}
    assert list(names) == ["actions", "gateway", "web", "rasa", "retention"]
    assert names["actions"][1:] == ["-m", "actions.server", "--port", "5056"]
    assert names["gateway"][1:] == ["-m", "gateway.actions"]
    assert "endpoints.yml" in names["rasa"] and names["rasa"][-2:] == ["--logging-config-file", "logging.yml"]
    assert names["retention"][-2:] == ["--every-hours", "6"]


def test_a_child_that_exits_is_restarted_after_a_pause_and_the_log_says_so(start, tmp_path: Path) -> None:
    record = tmp_path / "starts"
    supervisor = start(("flaky", child("import os, sys; open(sys.argv[1], 'a').write(f'{os.getpid()}\\n'); "
                                       "sys.exit(3)", record)))
    wait_until(lambda: len(pids_in(record)) >= 3)  # 1 s, then 2 s later
    supervisor.send_signal(signal.SIGTERM)
    assert supervisor.wait(timeout=30) == 0
    log = supervisor.stderr.read()
    assert "flaky exited with code 3" in log and "restarting in 1 s" in log and "restarting in 2 s" in log
    assert len(set(pids_in(record))) >= 3


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_stops_every_child_and_what_they_started(start, tmp_path: Path, signum: int) -> None:
    first, second, grandchild = tmp_path / "first", tmp_path / "second", tmp_path / "grandchild"
    record_pid = "import os, sys; open(sys.argv[1], 'w').write(str(os.getpid()))"
    spawns = ("import subprocess, sys, time; "
              f"p = subprocess.Popen([sys.executable, '-c', {SLEEP_FOREVER!r}]); "
              "open(sys.argv[1], 'w').write(str(p.pid)); time.sleep(600)")
    supervisor = start(("first", child(f"{record_pid}; {SLEEP_FOREVER}", first)),
                       ("second", child(f"{record_pid}; {SLEEP_FOREVER}", second)),
                       ("spawner", child(spawns, grandchild)))
    wait_until(lambda: all(path.exists() and path.read_text() for path in (first, second, grandchild)))
    pids = [int(path.read_text()) for path in (first, second, grandchild)]
    assert all(alive(pid) for pid in pids)
    supervisor.send_signal(signum)
    assert supervisor.wait(timeout=30) == 0
    wait_until(lambda: not any(alive(pid) for pid in pids), timeout=5)
    assert "restarting" not in supervisor.stderr.read()


def test_the_state_directory_and_everything_the_children_write_are_private(start, tmp_path: Path) -> None:
    state = tmp_path / "var"
    state.mkdir(mode=0o755)
    (state / "conversations.db").write_text("")
    (state / "conversations.db").chmod(0o644)
    written = state / "written"
    supervisor = start(("writer", child("import os, sys; open(sys.argv[1], 'w').write(oct(os.umask(0))); "
                                        f"{SLEEP_FOREVER}", written)))
    wait_until(lambda: written.exists() and written.read_text() != "")
    supervisor.send_signal(signal.SIGTERM)
    assert supervisor.wait(timeout=30) == 0
    assert written.read_text() == "0o77"
    assert oct(state.stat().st_mode & 0o777) == "0o700"
    assert oct((state / "conversations.db").stat().st_mode & 0o777) == "0o600"
    assert oct(written.stat().st_mode & 0o777) == "0o600"
