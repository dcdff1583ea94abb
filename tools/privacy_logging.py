"""Keeps what people write out of the servers' logs, at every log level.

Rasa quotes messages, slot values, sender ids and whole trackers in its log
lines (a failed custom action, a REST timeout, a message that starts with "/"),
database errors carry the rows they failed to write, and structlog's tracebacks
print local variables. A log file of this assistant must not tell its reader
what a frightened person wrote, so `install()` makes every log line follow
three rules:

- a record from a logger that may quote a conversation (QUOTING_LOGGERS: all of
  Rasa and the SDK but a few audited start-up modules, Sanic's error logger,
  asyncio, socket.io, SQLAlchemy) keeps its level, logger and code location and
  loses its text, and so does any record whose message is not a string (an
  exception, a dict); elsewhere an exception given as an argument is reduced
  to its type;
- a traceback keeps its frames (code, not data) and loses every exception's
  message;
- a warning is logged as its category and where it was raised, never its text.

structlog events keep their event name and a few keys that only Rasa's code
fills; every other value is withheld.

Records are redacted where they are made (logging's record factory), so the
handlers that Rasa, coloredlogs and Sanic add after `install()` cannot miss it;
the same redaction also sits, as a filter, on the handlers that exist at
install time. Losing detail is the accepted cost; leaking text is not.

Importable without Rasa and structlog: the action server installs without them.
"""
from __future__ import annotations

import logging
import re
import sys
import traceback
import warnings
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

try:
    import structlog
except ImportError:  # the action server on its own (requirements/actions.txt)
    structlog = None

ExcInfo = tuple[type[BaseException] | None, BaseException | None, TracebackType | None]
Processor = Callable[[Any, str, Any], Any]

WITHHELD = "[withheld]"

# Loggers, with their children, whose lines may quote a message, a slot, a sender id or a tracker.
QUOTING_LOGGERS = ("rasa", "rasa_sdk", "sanic.error", "asyncio", "socketio", "engineio", "sqlalchemy",
                   "apscheduler", "py.warnings", "root")
# Source files read line by line (Rasa 3.6.21, SDK 3.6.2): they log start-up and health facts, action names,
# request method and path. By file, not logger: rasa/core/run.py logs on the root logger.
AUDITED_SOURCES = ("/rasa/core/run.py", "/rasa/core/utils.py", "/rasa_sdk/endpoint.py")
# structlog keys that only Rasa's code fills (event_info is always a literal sentence there).
SAFE_EVENT_KEYS = frozenset({"event_key", "event_info", "level", "log_level", "logger", "timestamp", "action_name",
                             "stack"})
# Rasa's event names ("rest.message.received.timeout"); a free sentence as the event is withheld.
EVENT_NAME = re.compile(r"\w+(\.\w+)+")


class Redacted(str):
    """Text this module wrote or checked: the record factory and the filter let it through unchanged."""


def quotes_conversations(record: logging.LogRecord) -> bool:
    name = record.name or "root"  # None while logging.makeLogRecord builds a record
    if record.pathname.endswith(AUDITED_SOURCES):
        return False
    return any(name == quoting or name.startswith(quoting + ".") for quoting in QUOTING_LOGGERS)


def where(path: str, line: int) -> str:
    """A code location, from the package down (the rest of the path says nothing)."""
    return f"{path.rpartition('site-packages/')[2]}:{line}"


def describe_exception(exc_info: ExcInfo) -> Redacted:
    """The frames of an exception and its causes, and their types: the messages can quote anything."""
    exception, chain, seen = exc_info[1], [], set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        chain.append(exception)
        exception = exception.__cause__ or (None if exception.__suppress_context__ else exception.__context__)
    blocks = []
    for exception in reversed(chain):
        kind = type(exception)
        name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
        frames = "".join(traceback.format_tb(exception.__traceback__))
        blocks.append(f"Traceback (most recent call last):\n{frames}{name}: {WITHHELD}")
    return Redacted("\n\nThen:\n\n".join(blocks))


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """Applies the three rules to one record, in place; applying them twice changes nothing."""
    if record.exc_info:
        record.exc_text, record.exc_info = describe_exception(record.exc_info), None
    elif record.exc_text and not isinstance(record.exc_text, Redacted):
        record.exc_text = Redacted(f"Traceback {WITHHELD}")
    if isinstance(record.msg, Redacted):
        return record
    if quotes_conversations(record) or not isinstance(record.msg, str):
        record.msg, record.args = Redacted(f"{WITHHELD} {where(record.pathname, record.lineno)}"), ()
    elif isinstance(record.args, tuple):
        record.args = tuple(type(arg).__name__ if isinstance(arg, BaseException) else arg for arg in record.args)
    return record


class RedactingFilter(logging.Filter):
    """The redaction as a handler filter: a handler sees every record it writes, from any logger below it."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


class _RedactingRecordFactory:
    """Wraps the record factory, so a record is redacted before any handler, old or new, can see it."""

    def __init__(self, make_record: Callable[..., logging.LogRecord]) -> None:
        self.make_record = make_record

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        return redact_record(self.make_record(*args, **kwargs))


def show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                 file: Any = None, line: str | None = None) -> None:
    """Replaces warnings.showwarning: Rasa's warnings quote the messages they could not parse."""
    text = f"{category.__name__} {WITHHELD} {warned_from(filename, lineno)}"
    logging.getLogger("py.warnings").warning(Redacted(text))


def warned_from(filename: str, lineno: int) -> str:
    """Where a warning was raised; Rasa raises most through one helper, so its caller is named instead."""
    stack = traceback.extract_stack()
    for caller, frame in zip(stack, stack[1:], strict=False):
        if (frame.filename, frame.lineno, frame.name) == (filename, lineno, "raise_warning"):
            return where(caller.filename, caller.lineno or 0)
    return where(filename, lineno)


def _exc_info(value: Any) -> ExcInfo | None:
    if isinstance(value, BaseException):
        return type(value), value, value.__traceback__
    if isinstance(value, tuple):
        return value
    if value:  # True: the exception being handled
        return sys.exc_info()
    return None


def redact_event_dict(_logger: Any, _method_name: str, event_dict: Any) -> Any:
    """structlog processor: the traceback without messages or locals, and only event names and safe keys."""
    exc_info = _exc_info(event_dict.pop("exc_info", None))
    if exc_info:
        event_dict["exception"] = describe_exception(exc_info)
    for key, value in list(event_dict.items()):
        safe = (isinstance(value, Redacted)
                or (key == "event" and isinstance(value, str) and EVENT_NAME.fullmatch(value))
                or (key in SAFE_EVENT_KEYS and isinstance(value, (str, int, float))))
        if not safe:
            event_dict[key] = WITHHELD
    return event_dict


class _MarkRedacted:
    """Wraps the renderer: its line, made from a redacted event, passes the record factory as it is."""

    def __init__(self, renderer: Processor) -> None:
        self.renderer = renderer

    def __call__(self, logger: Any, method_name: str, event_dict: Any) -> Any:
        rendered = self.renderer(logger, method_name, event_dict)
        return Redacted(rendered) if isinstance(rendered, str) else rendered


def private_processors(processors: Sequence[Processor]) -> list[Processor]:
    """The given chain with redact_event_dict before anything renders an exception, and the renderer marked."""
    chain = [step.renderer if isinstance(step, _MarkRedacted) else step
             for step in processors if step is not redact_event_dict]
    *steps, renderer = chain or [structlog.processors.KeyValueRenderer()]
    at = next((i for i, step in enumerate(steps) if isinstance(step, structlog.processors.ExceptionRenderer)),
              len(steps))
    return [*steps[:at], redact_event_dict, *steps[at:], _MarkRedacted(renderer)]


class _RedactingConfigure:
    """Wraps structlog.configure: Rasa sets its own processors after the logging config file has run."""

    def __init__(self, configure: Callable[..., None]) -> None:
        self.configure = configure

    def __call__(self, processors: Sequence[Processor] | None = None, **settings: Any) -> None:
        self.configure(processors=None if processors is None else private_processors(processors), **settings)


def install() -> None:
    """Redacts every record made from now on, the current handlers' records, warnings and structlog events.

    Call it before the server starts (and before its first structlog line); calling it again changes nothing.
    """
    if not isinstance(logging.getLogRecordFactory(), _RedactingRecordFactory):
        logging.setLogRecordFactory(_RedactingRecordFactory(logging.getLogRecordFactory()))
    # A filter on a logger would miss its children's records; one on a handler sees them all.
    for name in ("", "rasa", "rasa_sdk", "sanic.root", "sanic.error", "sanic.access"):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(existing, RedactingFilter) for existing in handler.filters):
                handler.addFilter(RedactingFilter())
    warnings.showwarning = show_warning
    if structlog is not None:
        if not isinstance(structlog.configure, _RedactingConfigure):
            structlog.configure = _RedactingConfigure(structlog.configure)
        structlog.configure(processors=structlog.get_config()["processors"])


def installed_filter() -> RedactingFilter:
    """The filter factory for logging.yml (Rasa's --logging-config-file): building the filter installs it all."""
    install()
    return RedactingFilter()
