"""Runs the development conversation set and prints every failure with the replies, for diagnosis.

Usage, from the project root: .venv/bin/python -m bench.conversation_dev [DIR] [--url URL] [--groups a,b]
DIR defaults to bench/dev_conversations/, written blind like tests/data/conversations/
but meant to be read: what it shows is fixed in general ways, and the blind set
in tests/ (never read) says whether the fixes generalise. Without --url it starts
the real action and Rasa servers on free ports (the trained model must exist).
"""
from __future__ import annotations

import argparse
import json
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from tools.conversation_checks import ROOT, flatten, load, run_all, summary
from tools.local_servers import ActionServer, RasaServer

DEV_SET = ROOT / "bench" / "dev_conversations"


def rest_say(url: str):
    def say(sender: str, text: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)
    return say


def evaluate(directory: Path, say, groups: set[str]) -> None:
    probes, forbid_everywhere = load(directory)
    # Grouped as run_all groups them, so that the transcripts (in the order sent) line up with the results.
    probes = sorted((p for p in probes if not groups or p["group"] in groups), key=lambda p: p["group"])
    transcript: dict[str, list[tuple[str, str]]] = {}

    def recording_say(sender: str, text: str) -> str:
        reply = flatten(say(sender, text))
        transcript.setdefault(sender, []).append((text, reply))
        return reply

    by_group = run_all(probes, recording_say, forbid_everywhere)
    conversations = iter(transcript.values())
    for results in by_group.values():
        for result in results:
            turns = next(conversations)
            if result.passed:
                continue
            print(f"\n=== {result.probe['id']} [{result.probe['group']}]: {'; '.join(result.failed)}")
            for text, reply in turns:
                print(f"  > {text}\n    " + reply.replace("\n", "\n    "))
    print("\n" + summary(by_group)[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", nargs="?", type=Path, default=DEV_SET)
    parser.add_argument("--url")
    parser.add_argument("--groups", default="")
    args = parser.parse_args()
    groups = {g for g in args.groups.split(",") if g}
    if args.url:
        evaluate(args.directory, rest_say(args.url), groups)
        return
    with tempfile.TemporaryDirectory() as tmp, ActionServer(Path(tmp)) as actions, \
            RasaServer(Path(tmp), actions.url) as rasa:
        evaluate(args.directory, rasa.say, groups)


if __name__ == "__main__":
    main()
