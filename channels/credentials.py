"""Writes build/credentials.yml: credentials.yml plus each messaging channel whose variables are set.

    python -m channels.credentials           # writes build/credentials.yml, says which channels are on
    python -m channels.credentials --print   # prints it instead

A channel with none of its variables set is left out, so a laptop needs none.
One with only some of them set is an error: better to stop than to start half a
channel. The file holds `${VARIABLE}` references, not values: Rasa fills them in
from the environment when it reads the file, so no secret is written to disk.
Run it, and `rasa run`, with the same environment. See docs/channels.md.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from channels.privacy import MIN_KEY_LENGTH

ROOT = Path(__file__).resolve().parents[1]

# Class path → (setting → variable, required), then (setting → variable, optional).
CHANNELS: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "channels.telegram.VerifiedTelegramInput": (
        {"access_token": "TELEGRAM_TOKEN", "webhook_url": "TELEGRAM_WEBHOOK_URL",
         "secret_token": "TELEGRAM_SECRET_TOKEN"},
        {"api_base": "TELEGRAM_API_BASE"}),
    "channels.twilio.VerifiedTwilioInput": (
        {"account_sid": "TWILIO_ACCOUNT_SID", "auth_token": "TWILIO_AUTH_TOKEN",
         "twilio_number": "TWILIO_NUMBER", "webhook_url": "TWILIO_WEBHOOK_URL"},
        {"api_base": "TWILIO_API_BASE"}),
    "channels.facebook.VerifiedFacebookInput": (
        {"verify": "FACEBOOK_VERIFY", "secret": "FACEBOOK_SECRET",
         "page-access-token": "FACEBOOK_PAGE_ACCESS_TOKEN"},
        {"api_base": "FACEBOOK_API_BASE"}),
    "channels.socketio.GuardedSocketIOInput": ({"origins": "SOCKETIO_ORIGINS"}, {}),
}
# Channels that hash no ids, so need no SENDER_ID_KEY.
KEYLESS = {"channels.socketio.GuardedSocketIOInput"}
KEY_VARIABLE = "SENDER_ID_KEY"
# Variable → (pattern its value must match, what to tell the person deploying).
FORMATS = {
    "TELEGRAM_WEBHOOK_URL": (r"https://\S+", "an https:// URL ending in /webhooks/telegram/webhook"),
    "TELEGRAM_SECRET_TOKEN": (r"[A-Za-z0-9_-]{16,256}", "16 to 256 of A-Z, a-z, 0-9, _ and -"),
    "TWILIO_WEBHOOK_URL": (r"https://\S+", "the https:// URL set in the Twilio console, exactly"),
    "TWILIO_NUMBER": (r"(whatsapp:)?\+\d{6,15}", "whatsapp:+<number> (or +<number> for SMS)"),
    "SOCKETIO_ORIGINS": (r"https?://[^\s/]+(\s+https?://[^\s/]+)*", "space-separated origins such as https://help.example.org"),
}


def problems(environ: dict[str, str]) -> tuple[list[str], list[str]]:
    """The channels to start, and what is wrong with the environment."""
    enabled, errors = [], []
    for path, (required, optional) in CHANNELS.items():
        present = [name for name in [*required.values(), *optional.values()] if environ.get(name)]
        missing = [name for name in required.values() if not environ.get(name)]
        if present and missing:
            errors.append(f"{path.split('.')[1]}: {', '.join(present)} set but {', '.join(missing)} missing")
        elif present:
            enabled.append(path)
    for name, (pattern, expected) in FORMATS.items():
        value = environ.get(name)
        if value and not re.fullmatch(pattern, value):
            errors.append(f"{name} must be {expected}")
    if set(enabled) - KEYLESS and len(environ.get(KEY_VARIABLE, "")) < MIN_KEY_LENGTH:
        errors.append(f"{KEY_VARIABLE} must be at least {MIN_KEY_LENGTH} random characters: "
                      'python3 -c "import secrets; print(secrets.token_hex(32))"')
    return enabled, errors


def render(enabled: list[str], environ: dict[str, str], base: Path = ROOT / "credentials.yml") -> str:
    """credentials.yml followed by one block of ${VARIABLE} references per enabled channel."""
    blocks = [base.read_text().rstrip() + "\n"]
    for path in enabled:
        required, optional = CHANNELS[path]
        settings = {**required, **{key: name for key, name in optional.items() if environ.get(name)},
                    **({} if path in KEYLESS else {"sender_id_key": KEY_VARIABLE})}
        blocks.append(f"{path}:\n" + "".join(f"  {key}: ${{{name}}}\n" for key, name in settings.items()))
    return "\n".join(blocks)


def main(argv: list[str] | None = None, environ: dict[str, str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print", action="store_true", help="print the file instead of writing it")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "credentials.yml")
    args = parser.parse_args(argv)
    environ = dict(os.environ if environ is None else environ)
    enabled, errors = problems(environ)
    if errors:
        print("Cannot write the credentials:\n  " + "\n  ".join(errors), file=sys.stderr)
        return 1
    text = render(enabled, environ)
    if args.print:
        print(text, end="")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    names = ["rest", *(path.split(".")[1] for path in enabled)]
    print(f"{args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}: {', '.join(names)}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
