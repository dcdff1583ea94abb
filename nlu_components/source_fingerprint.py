"""The source files a custom component is built from, so that changing its code retrains it.

Rasa fingerprints a component by its config and its input data only: an edit
to knowledge/crisis_model.py would leave the cached, stale crisis model in
place. Components add the digest of their own source and of every project
module they import (`fingerprint_addon`), and tools/model_fingerprint.py uses
the same list to decide when `make` must train again.
"""
from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _module_path(name: str) -> Path | None:
    """The file of a module of this project (not of Rasa or the standard library), if there is one."""
    base = ROOT.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@cache
def project_sources(module: str) -> tuple[Path, ...]:
    """The module's own file and every project file it imports, directly or not, sorted."""
    found: set[Path] = set()
    pending = [module]
    while pending:
        path = _module_path(pending.pop())
        if path is None or path in found:
            continue
        found.add(path)
        pending.extend(_imports(path))
    return tuple(sorted(found))


def digest(paths: Iterable[Path]) -> str:
    """One hash over the files' names (relative to the project) and contents."""
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def code_fingerprint(module: str) -> str:
    return digest(project_sources(module))
