"""tools/retention.py against an SQLite store written by Rasa's own SQLTrackerStore."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from tools.retention import DAY, delete_conversation, delete_older_than, main, open_store, store_url

ROOT = Path(__file__).resolve().parent.parent
# age in days of each conversation's last message
AGES = {"old-conversation": 45, "older-conversation": 400, "recent-conversation": 2, "yesterday-conversation": 1}


def tracker(sender_id: str, days_ago: float) -> DialogueStateTracker:
    """A session with one message, started an hour before its last message `days_ago` days ago."""
    last = time.time() - days_ago * DAY
    return DialogueStateTracker.from_events(sender_id, [
        ActionExecuted("action_session_start", timestamp=last - 3600),
        SessionStarted(timestamp=last - 3600),
        ActionExecuted("action_listen", timestamp=last - 3600),
        UserUttered(f"words only {sender_id} wrote", timestamp=last),
    ])


def stored_ids(db: Path) -> set[str]:
    return set(asyncio.run(SQLTrackerStore(dialect="sqlite", db=str(db)).keys()))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root with the real endpoints.yml and a store holding AGES's conversations, as Rasa wrote them."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "t" * 32)
    (tmp_path / "endpoints.yml").write_text((ROOT / "endpoints.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "var").mkdir()
    store = SQLTrackerStore(dialect="sqlite", db="var/conversations.db")
    for sender_id, days_ago in AGES.items():
        asyncio.run(store.save(tracker(sender_id, days_ago)))
    store.engine.dispose()
    return tmp_path


def test_the_project_store_is_found_as_rasa_finds_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert str(store_url(Path("endpoints.yml"))) == "sqlite:///var/conversations.db"
    for name, value in {"TRACKER_DB_HOST": "db.internal", "TRACKER_DB_PORT": "5433", "TRACKER_DB_NAME": "rasa",
                        "TRACKER_DB_USER": "rasa", "TRACKER_DB_PASSWORD": "secret"}.items():
        monkeypatch.setenv(name, value)
    url = store_url(ROOT / "endpoints.postgres.yml")
    assert (url.drivername, url.host, url.port, url.database, url.username, url.password) == (
        "postgresql", "db.internal", 5433, "rasa", "rasa", "secret")


def test_only_the_tracker_store_section_needs_its_variables(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACTION_SERVER_TOKEN")
    assert str(store_url(Path("endpoints.yml"))) == "sqlite:///var/conversations.db"


def test_old_conversations_go_and_recent_ones_stay(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--endpoints", "endpoints.yml", "--days", "30"]) == 0
    assert stored_ids(project / "var" / "conversations.db") == {"recent-conversation", "yesterday-conversation"}
    report = capsys.readouterr().out
    assert "Deleted 2 conversations (8 events)" in report
    assert "conversation" in report and not any(sender_id in report for sender_id in AGES)


def test_a_conversation_is_kept_while_any_event_is_recent(project: Path) -> None:
    """Its first events are 45 days old, its last one today: it is one conversation, and it stays."""
    store = SQLTrackerStore(dialect="sqlite", db="var/conversations.db")
    resumed = tracker("old-conversation", 45)
    resumed.update(UserUttered("I came back to the checklist", timestamp=time.time()))
    asyncio.run(store.save(resumed))
    assert delete_older_than(store.engine, 30) == (1, 4)
    assert stored_ids(project / "var" / "conversations.db") == {"old-conversation", "recent-conversation",
                                                               "yesterday-conversation"}


def test_the_days_come_from_retention_days(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETENTION_DAYS", "500")
    assert main(["--endpoints", "endpoints.yml"]) == 0
    assert stored_ids(project / "var" / "conversations.db") == set(AGES)
    monkeypatch.setenv("RETENTION_DAYS", "0")
    with pytest.raises(SystemExit):
        main(["--endpoints", "endpoints.yml"])


def test_no_store_yet_is_not_an_error_and_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "endpoints.yml").write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: var/none.db\n",
                                            encoding="utf-8")
    assert main(["--endpoints", "endpoints.yml"]) == 0
    assert not (tmp_path / "var").exists()
    assert delete_conversation("sqlite:///var/none.db", "anyone") == 0
    assert not (tmp_path / "var").exists()


def test_an_empty_database_has_nothing_to_delete(tmp_path: Path) -> None:
    (tmp_path / "empty.db").touch()
    engine = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    assert delete_older_than(engine, 30) == (0, 0)


def test_a_store_that_is_not_sql_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "endpoints.yml").write_text(yaml.safe_dump({"tracker_store": {"type": "redis"}}), encoding="utf-8")
    assert main(["--endpoints", "endpoints.yml"]) == 2


def test_delete_conversation_removes_exactly_one(project: Path) -> None:
    db = project / "var" / "conversations.db"
    assert delete_conversation(f"sqlite:///{db}", "recent-conversation") == 4
    assert stored_ids(db) == set(AGES) - {"recent-conversation"}
    assert delete_conversation(open_store(f"sqlite:///{db}"), "recent-conversation") == 0
    assert b"words only recent-conversation wrote" not in db.read_bytes()
    assert b"words only yesterday-conversation wrote" in db.read_bytes()


def test_the_command_line(project: Path) -> None:
    env = {**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    run = subprocess.run([sys.executable, "-m", "tools.retention", "--endpoints", "endpoints.yml", "--days", "30"],
                         cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "Deleted 2 conversations (8 events) last active more than 30 days ago."
