"""Deletes the conversations nobody has touched for N days from the SQL tracker store.

`python -m tools.retention --endpoints endpoints.yml [--days N]` (N from
RETENTION_DAYS, else 30) deletes every event of each conversation whose last
event is older than N days. It finds the store the way Rasa does, from the
endpoints file (SQLite `var/conversations.db`, or PostgreSQL through the
${TRACKER_DB_*} variables in endpoints.postgres.yml), so run it from the
project root like Rasa. It prints counts only, because sender ids identify
people, and exits 0 when the store does not exist yet.

`delete_conversation` removes one conversation now: what a "delete my
conversation" request will call.

Rasa 3.6's SQLTrackerStore keeps one row per event in the table `events`, with
the conversation's `sender_id` and the event's `timestamp` in seconds since the
epoch. On SQLite the deleted rows are also overwritten in the file
(secure_delete); on PostgreSQL they stay on disk until the table is vacuumed.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
import yaml
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs, validate_port
from rasa.shared.exceptions import RasaException
from rasa.shared.utils.io import read_yaml
from rasa.utils.endpoints import EndpointConfig
from sqlalchemy.engine import URL, Connection, Engine

DEFAULT_DAYS = 30
DAY = 24 * 60 * 60
EVENTS = SQLTrackerStore.SQLEvent.__table__
# Rasa's SQL store, and this project's, which only redacts before writing (stores/redacting.py).
SQL_TYPES = {"sql", "stores.redacting.redactingsqltrackerstore"}


class NotSQLStore(ValueError):
    """The endpoints file names a tracker store this tool cannot clean (Redis, Mongo, DynamoDB)."""


def tracker_store_config(endpoints: Path) -> EndpointConfig | None:
    """The file's tracker_store section, read by Rasa's reader (which fills in its ${VARIABLES}), and only it:
    cleaning the store must not need the other sections' variables, such as the action server's token."""
    text = endpoints.read_text(encoding="utf-8")
    document = yaml.compose(text)
    for key, value in document.value if isinstance(document, yaml.MappingNode) else []:
        if key.value == "tracker_store":
            section = read_yaml(text[key.start_mark.index:value.end_mark.index])["tracker_store"]
            return EndpointConfig.from_dict(section) if section else None
    return None


def store_url(endpoints: Path) -> URL | None:
    """The SQL tracker store's address as Rasa builds it from the endpoints file, or None for no store."""
    config = tracker_store_config(endpoints)
    if config is None:
        return None
    if (config.type or "").lower() not in SQL_TYPES:
        raise NotSQLStore(f"{endpoints} names a '{config.type}' tracker store; this tool cleans SQL stores only.")
    settings = {key: config.kwargs.get(key) for key in ("dialect", "db", "username", "password", "query")}
    url = SQLTrackerStore.get_db_url(host=config.url, port=validate_port(config.kwargs.get("port")),
                                     **{key: value for key, value in settings.items() if value is not None})
    return sa.engine.make_url(url)


def open_store(store: str | URL | Engine) -> Engine | None:
    """An engine on the store, or None when it is an SQLite file that does not exist (connecting would create it)."""
    if isinstance(store, Engine):
        return store
    url = sa.engine.make_url(store)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        return None
    return sa.create_engine(url, **create_engine_kwargs(url))


@contextmanager
def deleting(engine: Engine) -> Iterator[Connection | None]:
    """A transaction on the store, or None when it has no events table yet; SQLite overwrites what it deletes."""
    with engine.begin() as connection:
        if not sa.inspect(connection).has_table(EVENTS.name):
            yield None
            return
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA secure_delete = ON")
        yield connection


def delete_older_than(engine: Engine, days: float, now: float | None = None) -> tuple[int, int]:
    """Deletes the conversations whose last event is older than `days`; returns (conversations, events) deleted."""
    cutoff = (time.time() if now is None else now) - days * DAY
    stale = (sa.select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
             .having(sa.func.max(EVENTS.c.timestamp) < cutoff))
    with deleting(engine) as connection:
        if connection is None:
            return 0, 0
        conversations = connection.execute(sa.select(sa.func.count()).select_from(stale.subquery())).scalar_one()
        # The subquery again, not the ids just counted: a conversation resumed meanwhile is kept.
        events = connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id.in_(stale))).rowcount
    return conversations, events


def delete_conversation(store: str | URL | Engine, sender_id: str) -> int:
    """Deletes every event of one conversation now; returns how many there were (0 for no such conversation)."""
    engine = open_store(store)
    if engine is None:
        return 0
    try:
        with deleting(engine) as connection:
            if connection is None:
                return 0
            return connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id == sender_id)).rowcount
    finally:
        if engine is not store:
            engine.dispose()


def positive_days(value: str) -> float:
    days = float(value)
    if not days > 0:
        raise argparse.ArgumentTypeError(f"days must be more than 0, not {value}")
    return days


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoints", type=Path, default=Path("endpoints.yml"), help="Rasa's endpoints file")
    parser.add_argument("--days", type=positive_days, default=os.environ.get("RETENTION_DAYS", str(DEFAULT_DAYS)),
                        help="keep conversations active in the last N days (RETENTION_DAYS, else 30)")
    parser.add_argument("--every-hours", type=float, default=0,
                        help="run again every N hours, until stopped (how scripts/supervise.py runs it)")
    args = parser.parse_args(argv)
    while args.every_hours > 0:
        status = clean(parser, args)
        if status:
            return status
        time.sleep(args.every_hours * 3600)
    return clean(parser, args)


def clean(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """One run: the status main returns."""
    if not args.endpoints.is_file():
        parser.error(f"{args.endpoints} does not exist")
    try:
        url = store_url(args.endpoints)
    except (NotSQLStore, RasaException) as error:  # RasaException: a ${VARIABLE} is not set
        print(error, file=sys.stderr)
        return 2
    engine = None if url is None else open_store(url)
    if engine is None:
        print("No conversation store yet: nothing to delete.")
        return 0
    try:
        conversations, events = delete_older_than(engine, args.days)
    finally:
        engine.dispose()
    print(f"Deleted {conversations} conversations ({events} events) last active more than {args.days:g} days ago.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
