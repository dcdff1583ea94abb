"""`python -m channels.credentials`: which channels start, and no secret in the file (no server)."""
from __future__ import annotations

from pathlib import Path

import rasa.shared.utils.io

from channels.credentials import main, problems, render

KEY = {"SENDER_ID_KEY": "0123456789abcdef" * 4}
TELEGRAM = {"TELEGRAM_TOKEN": "123456:secret-bot-token", "TELEGRAM_SECRET_TOKEN": "webhook-secret-123456",
            "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook"}


def test_no_variables_means_the_guarded_rest_channel_only() -> None:
    enabled, errors = problems({})
    assert enabled == [] and errors == []
    config = rasa.shared.utils.io.read_yaml(render(enabled, {}))
    assert list(config) == ["channels.rest.GuardedRestInput"]


def test_socketio_only_for_the_origins_named() -> None:
    enabled, errors = problems({"SOCKETIO_ORIGINS": "https://help.example.org"})
    assert enabled == ["channels.socketio.GuardedSocketIOInput"] and errors == []
    assert "origins: ${SOCKETIO_ORIGINS}" in render(enabled, {})
    assert problems({"SOCKETIO_ORIGINS": "*"})[1]


def test_half_a_channel_or_no_key_is_an_error() -> None:
    _, errors = problems({"TELEGRAM_TOKEN": "123:abc", **KEY})
    assert any("TELEGRAM_SECRET_TOKEN" in error for error in errors)
    _, errors = problems(TELEGRAM)
    assert any("SENDER_ID_KEY" in error for error in errors)
    _, errors = problems({**TELEGRAM, **KEY, "TELEGRAM_SECRET_TOKEN": "has spaces in it!!"})
    assert errors


def test_the_file_holds_references_that_rasa_fills_in(tmp_path: Path, monkeypatch) -> None:
    environ = {**TELEGRAM, **KEY, "TELEGRAM_API_BASE": "http://127.0.0.1:9/telegram"}
    out = tmp_path / "credentials.yml"
    assert main(["--out", str(out)], environ) == 0
    text = out.read_text()
    assert "secret-bot-token" not in text and KEY["SENDER_ID_KEY"] not in text
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    loaded = rasa.shared.utils.io.read_config_file(out)
    telegram = loaded["channels.telegram.VerifiedTelegramInput"]
    assert telegram["access_token"] == "123456:secret-bot-token"
    assert telegram["api_base"] == "http://127.0.0.1:9/telegram"
    assert telegram["sender_id_key"] == KEY["SENDER_ID_KEY"]
    assert "channels.rest.GuardedRestInput" in loaded and "socketio" not in str(loaded)
