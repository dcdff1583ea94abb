"""A fix for ruamel.yaml 0.17.21, the version Rasa 3.6 pins, that makes reading the domain quadratic.

`VersionedResolver.resolve` does `resolvers += <the resolvers for any first letter>` on the list it keeps for
the scalar's first letter, so that list grows by one entry for every scalar read. Rasa adds such an any-letter
resolver at import (`${ENV_VAR}` substitution), so reading the 860 KB domain checked thousands of patterns per
word: 4 s a read, 17 s of the model's load (docs/performance.md). PyYAML had the same bug (yaml/pyyaml#67, fixed
by #441). Here `resolve` gets copies of those lists, so nothing grows; what a scalar resolves to is unchanged.

It is imported with the project's NLU components, so every Rasa process that loads or trains this model has it.
"""

from typing import Any

from ruamel.yaml.resolver import VersionedResolver

_RESOLVERS_BY_FIRST_LETTER = VersionedResolver.versioned_resolver


class _ListCopies(dict):
    """The resolvers by first letter, handing out copies so `+=` in `resolve` changes only the copy."""

    def get(self, key: Any, default: Any = None) -> Any:
        found = dict.get(self, key, default)
        return list(found) if isinstance(found, list) else found


def _resolvers_by_first_letter(resolver: VersionedResolver) -> dict:
    return _ListCopies(_RESOLVERS_BY_FIRST_LETTER.fget(resolver))


def apply() -> None:
    """Idempotent: a second call leaves the fix as it is."""
    VersionedResolver.versioned_resolver = property(_resolvers_by_first_letter)


apply()
