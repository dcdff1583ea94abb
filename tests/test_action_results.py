"""The action result check that replaces Rasa's per-call schema check must accept and refuse what Rasa's does."""
from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from nlg.action_results import validate_action_result
from nlg.no_repeat import NoRepeatResponses

GOOD = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "platform", "value": "instagram", "timestamp": None}],
     "responses": [{"text": "Report them on Instagram."}]},
    {"events": [{"event": "slot", "name": "requested_detail", "value": None}]},
]
BAD = [
    {"events": "not a list"},
    {"events": [{"event": "slot"}]},
    {"events": [{"name": "platform", "value": "x"}]},
    {"responses": ["text alone"]},
    {"events": [{"event": "no_such_event"}]},
]


def original_check(result: dict) -> None:
    from jsonschema import validate

    validate(result, RemoteAction.action_response_format_spec())


@pytest.mark.parametrize("result", GOOD)
def test_accepts_what_rasa_accepts(result: dict) -> None:
    original_check(result)
    assert validate_action_result(RemoteAction("action_x", None), result) is True


@pytest.mark.parametrize("result", [*BAD, {"events": [{"event": "slot"}], "responses": "x"}])
def test_refuses_what_rasa_refuses_with_rasas_message(result: dict) -> None:
    # Rasa's own check is jsonschema.validate followed by this sentence (RemoteAction._validate_action_result).
    with pytest.raises(ValidationError) as rasas:
        original_check(result)
    with pytest.raises(ValidationError) as ours:
        validate_action_result(RemoteAction("action_x", None), result)
    assert ours.value.message.startswith(rasas.value.message + ". Failed to validate Action server response")


def test_the_reply_generator_installs_it_in_the_rasa_server() -> None:
    saved = RemoteAction._validate_action_result
    try:
        NoRepeatResponses(EndpointConfig(), None)
        action = RemoteAction("action_x", EndpointConfig("http://localhost:1"))
        assert RemoteAction._validate_action_result is validate_action_result
        with pytest.raises(ValidationError):
            action._validate_action_result({"events": [{"event": "slot"}]})
    finally:
        RemoteAction._validate_action_result = saved
