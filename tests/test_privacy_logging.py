"""tools/privacy_logging.py: what a person wrote never reaches a log line; the servers' own news still does."""
from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import rasa.core.run
import rasa_sdk.endpoint
import structlog
from rasa.shared.exceptions import RasaException
from rasa.shared.utils.io import raise_warning
from rasa.utils.endpoints import ClientResponseError
from rasa.utils.log_utils import configure_structlog

from tools import privacy_logging
from tools.log_audit import leaks

ROOT = Path(__file__).resolve().parent.parent
SECRET = "he says he will send my photos to my school friends tonight"
FORMAT = logging.Formatter("%(levelname)s %(name)s - %(message)s")


def assert_private(log: str) -> None:
    assert SECRET not in log
    assert leaks(log, [SECRET]) == []


@pytest.fixture
def log() -> Iterator[io.StringIO]:
    """install(), with every global it changes put back afterwards, and the root logger written to a string."""
    factory, show_warning = logging.getLogRecordFactory(), warnings.showwarning
    configure, structlog_config = structlog.configure, structlog.get_config()
    root = logging.getLogger()
    filters = {handler: list(handler.filters) for handler in root.handlers}
    level = root.level
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(FORMAT)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        privacy_logging.install()
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for existing, kept in filters.items():
            existing.filters[:] = kept
        logging.setLogRecordFactory(factory)
        warnings.showwarning = show_warning
        structlog.configure = configure
        structlog.configure(**structlog_config)


def emit(name: str, level: int, message: object, *args: object, **kwargs: object) -> None:
    logger = logging.getLogger(name)
    saved = logger.level, logger.propagate, logger.disabled
    logger.setLevel(logging.DEBUG)
    logger.propagate, logger.disabled = True, False
    try:
        logger.log(level, message, *args, **kwargs)
    finally:
        logger.level, logger.propagate, logger.disabled = saved


def failed_action_call() -> None:
    """What Rasa's RemoteAction raises when the SDK answers 500 with the request (the tracker) in its body."""
    tracker = {"sender_id": "web-1234", "latest_message": {"text": SECRET}, "slots": {"platform": SECRET}}
    try:
        raise ClientResponseError(500, "Internal Server Error", json.dumps({"request_body": {"tracker": tracker}}))
    except ClientResponseError as error:
        raise RasaException(f"Failed to execute custom action with {tracker}") from error


@pytest.mark.parametrize("name", ["rasa.core.processor", "rasa.core.channels.rest", "rasa.core.actions.action",
                                  "rasa.shared.core.events", "rasa.core.tracker_store", "rasa_sdk.executor",
                                  "sanic.error", "asyncio", "socketio.server", "sqlalchemy.engine", "root"])
@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR])
def test_loggers_that_quote_conversations_lose_their_text(log: io.StringIO, name: str, level: int) -> None:
    emit(name, level, f"Circuit breaker tripped. Stopped predicting more actions for sender '{SECRET}'.")
    emit(name, level, "Received user message '%s' with %s", SECRET, {"text": SECRET})
    lines = log.getvalue().splitlines()
    assert_private(log.getvalue())
    assert len(lines) == 2
    assert all(line.startswith(f"{logging.getLevelName(level)} {name} - [withheld] ") for line in lines)
    assert "test_privacy_logging.py:" in lines[0]


def test_a_traceback_keeps_its_frames_and_loses_every_message(log: io.StringIO) -> None:
    try:
        failed_action_call()
    except RasaException:
        emit("rasa.core.processor", logging.ERROR, "Encountered an exception while running action", exc_info=True)
        emit("channels.rest", logging.ERROR, "A REST message could not be handled (%s).", "RasaException",
             exc_info=True)
    text = log.getvalue()
    assert_private(text)
    assert "web-1234" not in text
    assert text.count("in failed_action_call") == 4  # both exceptions' frames, in both records
    assert text.count("rasa.utils.endpoints.ClientResponseError: [withheld]") == 2
    assert text.count("rasa.shared.exceptions.RasaException: [withheld]") == 2
    assert "ERROR channels.rest - A REST message could not be handled (RasaException)." in text


def test_an_exception_as_the_message_or_an_argument_is_reduced_to_its_type(log: io.StringIO) -> None:
    emit("sanic.root", logging.ERROR, ValueError(SECRET))
    emit("channels.twilio", logging.ERROR, "Could not reach Twilio (%s).", ConnectionError(SECRET))
    emit("channels.rest", logging.INFO, {"text": SECRET})
    assert_private(log.getvalue())
    assert "ERROR channels.twilio - Could not reach Twilio (ConnectionError)." in log.getvalue()


@pytest.mark.parametrize("name, source, line", [
    ("root", rasa.core.run.__file__, "Starting Rasa server on http://127.0.0.1:5005"),  # rasa.core.run logs on root
    ("root", rasa.core.run.__file__, "Rasa server is up and running."),
    ("rasa_sdk.endpoint", rasa_sdk.endpoint.__file__, "Starting action endpoint server..."),
    ("rasa_sdk.endpoint", rasa_sdk.endpoint.__file__, "Action endpoint is up and running on http://127.0.0.1:5055"),
    ("actions.server", __file__, "Action server on http://127.0.0.1:5055"),
    ("sanic.root", __file__, "Goin' Fast @ http://127.0.0.1:5055"),
    ("channels.telegram", __file__, "Telegram webhook registered."),
])
def test_operational_lines_pass_unchanged(log: io.StringIO, name: str, source: str, line: str) -> None:
    """Made as their modules make them: the record factory sees the logger and the source file."""
    record = logging.getLogger(name).makeRecord(name, logging.INFO, source, 1, line, (), None)
    logging.getLogger().handle(record)
    assert log.getvalue() == f"INFO {name} - {line}\n"


def test_structlog_events_keep_their_name_and_lose_their_values(log: io.StringIO) -> None:
    """Rasa configures structlog itself, after the logging config file has installed the redaction."""
    configure_structlog(logging.DEBUG)
    structlogger = structlog.get_logger()
    structlogger.error("rest.message.received.timeout", text=SECRET)
    structlogger.warning("message.parsing.failed", user_text=f"/{SECRET}")
    structlogger.debug("processor.message.parse", parse_data_text=SECRET, parse_data_entities=[{"value": SECRET}])
    structlogger.info(f"A free sentence about {SECRET}")
    structlogger.info("brief.keys", text=SECRET, message=SECRET, tracker={"events": [SECRET]}, user_message=SECRET,
                      sender_id=SECRET, slots={"platform": SECRET}, events=[SECRET], metadata={"note": SECRET},
                      exception=SECRET, count=7, event_info="The specified slot name does not exist.")
    try:
        failed_action_call()
    except RasaException:
        structlogger.exception("rest.message.received.failure", text=SECRET)
    text = log.getvalue()
    assert_private(text)
    for event in ("rest.message.received.timeout", "message.parsing.failed", "processor.message.parse",
                  "brief.keys", "The specified slot name does not exist.", "rest.message.received.failure",
                  "rasa.shared.exceptions.RasaException: [withheld]"):
        assert event in text
    assert text.count("[withheld]") >= 15


def test_structlog_tracebacks_show_no_local_variables(log: io.StringIO) -> None:
    for renderer in (structlog.processors.JSONRenderer(), structlog.dev.ConsoleRenderer(colors=False)):
        output = io.StringIO()
        structlog.configure(processors=[structlog.dev.set_exc_info, structlog.processors.dict_tracebacks, renderer],
                            logger_factory=structlog.PrintLoggerFactory(output), cache_logger_on_first_use=False)
        try:
            failed_action_call()
        except RasaException:
            structlog.get_logger().exception("action.failed")
        assert_private(output.getvalue())
        assert "in failed_action_call" in output.getvalue()


def test_warnings_name_their_category_and_caller_only(log: io.StringIO) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        privacy_logging.install()
        raise_warning(f"Failed to parse arguments in line '/{SECRET}'. Failed to interpret some parts.")
    assert_private(log.getvalue())
    assert log.getvalue().startswith("WARNING py.warnings - UserWarning [withheld] ")
    assert "test_privacy_logging.py:" in log.getvalue()


def test_a_record_that_skipped_the_factory_is_redacted_by_the_handler_filter(log: io.StringIO) -> None:
    try:
        failed_action_call()
    except RasaException:
        record = logging.makeLogRecord({"name": "rasa.core.processor", "levelno": logging.ERROR,
                                        "levelname": "ERROR", "msg": f"Tracker: {SECRET}", "exc_info": sys.exc_info()})
    for handler in logging.getLogger().handlers:
        if any(isinstance(existing, privacy_logging.RedactingFilter) for existing in handler.filters):
            handler.handle(record)
    assert_private(log.getvalue())
    assert "ERROR rasa.core.processor - [withheld]" in log.getvalue()


def test_install_twice_changes_nothing_more(log: io.StringIO) -> None:
    configure_structlog(logging.INFO)
    privacy_logging.install()
    privacy_logging.install()
    factory = logging.getLogRecordFactory()
    assert not isinstance(factory.make_record, type(factory))
    assert structlog.get_config()["processors"].count(privacy_logging.redact_event_dict) == 1
    assert sum(isinstance(existing, privacy_logging.RedactingFilter)
               for existing in logging.getLogger().handlers[-1].filters) == 1


@pytest.mark.parametrize("reader", ["rasa.utils.common.configure_logging_from_file",
                                    "rasa_sdk.utils.configure_logging_from_input_file"])
def test_logging_yml_applies_from_any_directory(tmp_path: Path, reader: str) -> None:
    """Rasa (and the SDK) ignore a logging config that fails to apply, so prove that ours applies, as the
    servers read it: before Rasa puts the working directory on the import path."""
    module, _, function = reader.rpartition(".")
    script = (f"import logging, {module}; {reader}({str(ROOT / 'logging.yml')!r}); logging.basicConfig(); "
              f"logging.getLogger('rasa.core.processor').error({SECRET!r}); "
              f"logging.getLogger('channels.telegram').error('Telegram webhook registered.')")
    run = subprocess.run([sys.executable, "-W", "ignore", "-c", script], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert_private(run.stderr)
    assert "[withheld]" in run.stderr and "Telegram webhook registered." in run.stderr
