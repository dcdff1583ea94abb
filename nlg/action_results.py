"""Checks an action server's answer exactly as Rasa does, with the schema compiled once instead of at every call.

Rasa 3.6 checks each custom action's result with `jsonschema.validate`, which first
checks the schema itself against the JSON Schema meta-schema. That took about 40 ms
of Rasa's CPU per action call here, more than the rest of the message together
(bench/profile_message.py, issue 13). The result is still checked against the same
schema, and a bad one raises the same error with the same message.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _result_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_action: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result, with the validator built once."""
    # As jsonschema.validate chooses the error it raises: the best match among all of them.
    error = exceptions.best_match(_result_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    """Makes every RemoteAction in this process use the compiled check (the Rasa server loads it with its NLG)."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
