"""The blind conversation set (tests/data/conversations/) and how a conversation is judged.

The files use the format of the shared behaviour probes (../shared/tools/probe.py):
each probe is a conversation, each turn says something and may carry
`expect_all`, `expect_any`, `expect_n`, `forbid` and `nonempty`, matched as
case-insensitive regular expressions against the bot's whole reply (texts,
button titles and payloads). `_common.yml` holds `forbid_everywhere`.
Used by tests/e2e/test_conversation_eval.py, tests/test_conversation_set.py and
bench/conversation_dev.py (the development set, bench/dev_conversations/).
"""
from __future__ import annotations

import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONVERSATIONS = ROOT / "tests" / "data" / "conversations"
CHECK_KEYS = ("expect_all", "expect_any", "expect_n", "forbid")


def load(directory: Path = CONVERSATIONS) -> tuple[list[dict[str, Any]], list[str]]:
    """(conversations, patterns forbidden in every reply)."""
    probes, forbid_everywhere = [], []
    for path in sorted(directory.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        forbid_everywhere += document.get("forbid_everywhere") or []
        probes += document.get("probes") or []
    for turn in (t for probe in probes for t in probe["turns"]):
        for key in ("expect_all", "expect_any", "forbid"):
            if key in turn:
                turn[key] = _flat(turn[key])
        if "expect_n" in turn:
            turn["expect_n"]["of"] = _flat(turn["expect_n"]["of"])
    return probes, forbid_everywhere


def _flat(patterns: list[Any]) -> list[str]:
    """Patterns with YAML anchors spliced in: `[*fallbacks, "rephrase"]` nests a list in the list."""
    return [p for item in patterns for p in (_flat(item) if isinstance(item, list) else [item])]


def user_turns(probes: Iterable[dict[str, Any]]) -> list[str]:
    return [turn["say"] for probe in probes for turn in probe["turns"]]


def flatten(messages: list[dict[str, Any]]) -> str:
    """A reply as one text: what the person reads and the buttons they can press."""
    parts = []
    for message in messages:
        if message.get("text"):
            parts.append(str(message["text"]))
        parts += [f"[{b.get('title', '')}]({b.get('payload', '')})" for b in message.get("buttons") or []]
        for key in ("image", "attachment", "custom", "elements", "quick_replies"):
            if message.get(key):
                parts.append(json.dumps(message[key], ensure_ascii=False))
    return "\n".join(parts)


def _found(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE | re.MULTILINE) is not None


def problems(turn: dict[str, Any], reply: str, forbid_everywhere: Iterable[str] = ()) -> list[str]:
    """What is wrong with one reply, by the turn's checks; empty when it passes."""
    found = [f"missing /{p}/" for p in turn.get("expect_all", []) if not _found(p, reply)]
    anys = turn.get("expect_any", [])
    if anys and not any(_found(p, reply) for p in anys):
        found.append(f"none of {anys}")
    wanted = turn.get("expect_n")
    if wanted:
        hits = sum(_found(p, reply) for p in wanted["of"])
        if hits < wanted["n"]:
            found.append(f"only {hits} of {wanted['n']} from {wanted['of']}")
    found += [f"forbidden /{p}/" for p in [*turn.get("forbid", []), *forbid_everywhere] if _found(p, reply)]
    if turn.get("nonempty") and not reply.strip():
        found.append("empty reply")
    return found


@dataclass
class Result:
    """One conversation: which of its checked turns failed, and why."""

    probe: dict[str, Any]
    checked: int = 0
    checks_failed: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failed


def run(probe: dict[str, Any], say: Callable[[str], str], forbid_everywhere: Iterable[str]) -> Result:
    """Holds one conversation through `say` (a fresh conversation each time) and judges every turn."""
    result = Result(probe)
    replies = []
    for number, turn in enumerate(probe["turns"], 1):
        reply = say(turn["say"])
        replies.append(reply)
        wrong = problems(turn, reply, forbid_everywhere)
        if any(key in turn for key in CHECK_KEYS):
            result.checked += 1
            result.checks_failed += bool(wrong)
        result.failed += [f"turn {number}: {p}" for p in wrong]
    whole = {"expect_all": probe.get("expect_in_conversation", []), "forbid": probe.get("forbid", [])}
    result.failed += [f"conversation: {p}" for p in problems(whole, "\n".join(replies))]
    return result


def run_all(probes: list[dict[str, Any]], say: Callable[[str, str], str],
            forbid_everywhere: Iterable[str]) -> dict[str, list[Result]]:
    """Every conversation under a sender of its own (`say(sender, text)`), grouped by category."""
    by_group: dict[str, list[Result]] = defaultdict(list)
    for probe in probes:
        sender = f"eval-{uuid.uuid4()}"
        by_group[probe["group"]].append(run(probe, lambda text, s=sender: say(s, text), forbid_everywhere))
    return by_group


def summary(by_group: dict[str, list[Result]]) -> tuple[str, float]:
    """The pass rate per category as a table, and the share of all checks passed."""
    lines, checked, passed = [], 0, 0
    for group, results in sorted(by_group.items()):
        group_checked = sum(r.checked for r in results)
        group_passed = group_checked - sum(r.checks_failed for r in results)
        conversations = sum(r.passed for r in results)
        checked, passed = checked + group_checked, passed + group_passed
        lines.append(f"{group:<18} checks {group_passed:>3}/{group_checked:<3} {group_passed / group_checked:6.1%}"
                     f"   conversations {conversations:>3}/{len(results):<3}")
    lines.append(f"{'all':<18} checks {passed:>3}/{checked:<3} {passed / checked:6.1%}")
    return "\n".join(lines), passed / checked
