"""Checks that a webhook call really comes from Telegram, Twilio or Facebook.

Rasa's stock connectors accept forged calls (Twilio and Telegram check nothing,
Facebook answers 200 to a bad signature). A forged call could start
conversations in someone else's name or make the bot message any number, so
every connector here refuses a call that fails these checks before Rasa sees it.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from twilio.request_validator import RequestValidator


def same_secret(given: str | None, expected: str) -> bool:
    """Constant-time comparison, so response timing does not leak the secret."""
    return bool(given) and bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def telegram_ok(secret_token: str, header: str | None) -> bool:
    """Telegram sends the `secret_token` given to setWebhook in X-Telegram-Bot-Api-Secret-Token."""
    return same_secret(header, secret_token)


def facebook_ok(app_secret: str, body: bytes, header: str | None) -> bool:
    """X-Hub-Signature-256 is `sha256=` and the HMAC-SHA256 of the raw body keyed with the app secret."""
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return same_secret(header.removeprefix("sha256="), expected)


def twilio_ok(auth_token: str, public_url: str, form: Mapping[str, Any], header: str | None) -> bool:
    """X-Twilio-Signature signs the URL Twilio called plus the form fields, with the auth token.

    The URL is the public one configured in the Twilio console (TWILIO_WEBHOOK_URL),
    not the one this server sees behind a proxy. `form` must keep blank fields
    (Twilio signs them too): a MultiDict from parse_qsl(..., keep_blank_values=True).
    """
    return bool(header) and RequestValidator(auth_token).validate(public_url, form, header)
