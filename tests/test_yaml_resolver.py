"""The ruamel.yaml fix (nlu_components/yaml_resolver.py): reading YAML as Rasa does no longer grows the
resolver lists, and what Rasa reads is unchanged, ${ENV_VAR} substitution included."""

from typing import Any

import pytest
import rasa.shared.utils.io as rasa_io
from ruamel.yaml import YAML
from ruamel.yaml.resolver import VersionedResolver

from nlu_components import yaml_resolver  # applies the fix, as loading the model does


def _resolvers_per_letter_after(text: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Reads `text` with the settings Rasa's read_yaml uses, and counts the resolvers kept per first letter by
    the resolver that did the reading (ruamel makes its own for each load)."""
    used: list[VersionedResolver] = []
    resolve = VersionedResolver.resolve

    def recording(resolver: VersionedResolver, *args: Any) -> Any:
        used.append(resolver)
        return resolve(resolver, *args)

    monkeypatch.setattr(VersionedResolver, "resolve", recording)
    parser = YAML(typ="safe")
    parser.version = (1, 2)
    parser.preserve_quotes = True
    parser.load(text)
    monkeypatch.undo()
    return {key: len(found) for key, found in dict.items(used[-1].versioned_resolver)}


def test_reading_many_words_leaves_the_resolver_lists_as_they_were(monkeypatch: pytest.MonkeyPatch):
    few = _resolvers_per_letter_after("a: true", monkeypatch)
    many = _resolvers_per_letter_after("t: [" + ", ".join(["tea", "nine", "fox"] * 300) + "]", monkeypatch)
    assert many["t"] == few["t"]
    assert many["n"] == few["n"]


def test_reading_stays_the_same_with_the_fix():
    text = "flag: true\nnone: null\nnumber: 12\nwords: them\nfloat: 1.5\ntext: 'true'\n"
    assert rasa_io.read_yaml(text) == {"flag": True, "none": None, "number": 12, "words": "them", "float": 1.5,
                                       "text": "true"}


def test_environment_variables_are_still_filled_in(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RESOLVER_TEST_TOKEN", "s3cret")
    assert rasa_io.read_yaml("token: ${RESOLVER_TEST_TOKEN}\ntimes: [true, trust]") == {
        "token": "s3cret", "times": [True, "trust"]}


def test_applying_twice_keeps_one_fix(monkeypatch: pytest.MonkeyPatch):
    yaml_resolver.apply()
    yaml_resolver.apply()
    test_reading_many_words_leaves_the_resolver_lists_as_they_were(monkeypatch)
