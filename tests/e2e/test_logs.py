"""No message text and no raw sender id in any server's log (tools/privacy_logging.py), checked on the real logs.

The messages go down the paths that used to log text: an ordinary turn, a
typed command, a message too long to read, a crisis, and a checklist asked
for while the action server is down (Rasa, the gateway and the action server
all log that failure).
"""
from __future__ import annotations

import uuid
from pathlib import Path

from tools.local_servers import ActionServer, RasaServer
from tools.log_audit import leaks


def test_the_logs_hold_no_message_and_no_sender(rasa_server: RasaServer, action_server: ActionServer) -> None:
    marker = uuid.uuid4().hex[:8]
    sender = f"log-audit-{marker}"
    sent = [
        f"my snapchat username is quietotter{marker} and he wants 300 pounds",
        f'/inform{{"police_force": "nowhere{marker}"}}',
        f"/greet{{}} everything about kestrelfield{marker} makes me want to die",
        f"he posted it on pinewoodlane{marker} already. " * 200,
    ]
    for text in sent:
        assert rasa_server.say(sender, text)
    action_server.stop()
    try:
        down = f"please make my checklist for harbourview{marker} now"
        assert rasa_server.say(sender, down)
        sent.append(down)
    finally:
        action_server.start()
    logs = {path: Path(path).read_text(errors="replace")
            for path in (rasa_server.log_path, rasa_server.gateway.log_path, action_server.log_path)}
    assert any("Rasa server is up and running" in text for text in logs.values())  # the logs are the real ones
    for path, text in logs.items():
        assert leaks(text, sent) == [], f"message text in {path}"
        assert sender not in text and marker not in text, f"the sender or a message in {path}"
