"""The model's domain read as written (nlu_components/written_domain.py): the same domain Rasa's own load gives,
without the second schema check."""

from pathlib import Path

import pytest
import rasa.shared.utils.validation
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.graph_components.providers.domain_provider import DomainProvider
from rasa.shared.core.domain import Domain

from nlu_components import written_domain

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def project_domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def _stored(tmp_path: Path, domain: Domain) -> tuple[LocalModelStorage, Resource]:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("domain_provider")
    with storage.write_to(resource) as directory:
        domain.persist(directory / written_domain.WRITTEN_DOMAIN)
    return storage, resource


def _load(storage: LocalModelStorage, resource: Resource) -> Domain:
    context = ExecutionContext(GraphSchema({}), "test")
    return DomainProvider.load({}, storage, resource, context).provide_inference()


def test_the_written_domain_is_the_domain_rasa_loads(tmp_path: Path, project_domain: Domain):
    storage, resource = _stored(tmp_path, project_domain)
    with storage.read_from(resource) as directory:
        rasa_way = Domain.from_path(directory)
    loaded = _load(storage, resource)
    assert loaded.fingerprint() == rasa_way.fingerprint()
    assert loaded.responses == rasa_way.responses
    assert [slot.persistence_info() for slot in loaded.slots] == [slot.persistence_info() for slot in rasa_way.slots]


def test_loading_does_not_check_the_schema_again(tmp_path: Path, project_domain: Domain,
                                                 monkeypatch: pytest.MonkeyPatch):
    storage, resource = _stored(tmp_path, project_domain)

    def refuse(*_: object) -> None:
        raise AssertionError("the schema was checked again")

    monkeypatch.setattr(rasa.shared.utils.validation, "validate_yaml_schema", refuse)
    assert _load(storage, resource).responses == project_domain.responses


def test_a_store_without_the_written_file_is_loaded_the_rasa_way(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("domain_provider")
    with storage.write_to(resource) as directory:
        (directory / "other.yml").write_text("version: '3.1'\nintents:\n  - greet\n", encoding="utf-8")
    with storage.read_from(resource) as directory:
        rasa_way = Domain.from_path(directory)
    loaded = _load(storage, resource)
    assert "greet" in loaded.intents
    assert loaded.fingerprint() == rasa_way.fingerprint()
