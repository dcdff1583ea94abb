"""A trained model's domain is read as written, not validated against the schema a second time.

Rasa's DomainProvider loads the domain it wrote into the model with `Domain.from_path`, which checks it against
the domain schema again: a parse with ruamel's pure-Python round-trip reader (kept for line numbers in error
messages), 3.9 s of the model's 7 s load for our 860 KB domain. The domain was checked when the model was trained
from domain.yml, and Rasa wrote this copy itself. Read with the safe parser Rasa uses for the rest, it is the same
domain (same fingerprint: tests/test_written_domain.py) in 0.4 s.

Also skipped: the check of the file's training-data format version, which Rasa wrote itself with this version.

It is imported with the project's NLU components, which Rasa imports before it loads the model's graph.
"""

from pathlib import Path
from typing import Any

import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.graph_components.providers.domain_provider import DomainProvider
from rasa.shared.core.domain import Domain

# The file DomainProvider._persist writes.
WRITTEN_DOMAIN = "domain.yml"
_VALIDATING_LOAD = DomainProvider.load.__func__


def _load_written_domain(cls: type[DomainProvider], config: dict[str, Any], model_storage: ModelStorage,
                         resource: Resource, execution_context: ExecutionContext, **kwargs: Any) -> DomainProvider:
    with model_storage.read_from(resource) as directory:
        written = Path(directory) / WRITTEN_DOMAIN
        domain = Domain.from_dict(rasa.shared.utils.io.read_yaml_file(written)) if written.is_file() else None
    if domain is None:  # no domain.yml in the resource: Rasa's own way
        return _VALIDATING_LOAD(cls, config, model_storage, resource, execution_context, **kwargs)
    return cls(model_storage, resource, domain)


def apply() -> None:
    """Idempotent."""
    DomainProvider.load = classmethod(_load_written_domain)


apply()
