"""The model is trained again whenever anything it is built from changes."""
from __future__ import annotations

from pathlib import Path

from nlu_components.source_fingerprint import ROOT, digest, project_sources
from tools.model_fingerprint import custom_components, model_inputs


def relative(paths: list[Path] | tuple[Path, ...]) -> set[str]:
    return {str(path.relative_to(ROOT)) for path in paths}


def test_every_kind_of_input_is_covered() -> None:
    inputs = relative(model_inputs())
    for needed in ("config.yml", "domain.yml", "data/rules/safety.yml", "content/services.yml",
                   "nlu_components/second_opinion.py", "knowledge/crisis_model.py", "knowledge/places.py"):
        assert needed in inputs


def test_the_components_are_read_from_the_config() -> None:
    assert {"nlu_components.details", "nlu_components.safety_net", "nlu_components.second_opinion"} <= set(
        custom_components())


def test_a_component_depends_on_what_it_imports_and_nothing_else() -> None:
    sources = relative(project_sources("nlu_components.second_opinion"))
    assert "knowledge/crisis_model.py" in sources and "knowledge/places.py" not in sources


def test_changing_a_file_changes_the_hash(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("nlu_components.source_fingerprint.ROOT", tmp_path)
    code = tmp_path / "crisis_model.py"
    code.write_text("THRESHOLD = 0.4\n")
    before = digest([code])
    code.write_text("THRESHOLD = 0.5\n")
    assert digest([code]) != before
