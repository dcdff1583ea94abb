"""Signature and secret checks, and the sender hash (no server)."""
from __future__ import annotations

import hashlib
import hmac
from urllib.parse import parse_qsl, urlencode

import pytest
from multidict import MultiDict
from twilio.request_validator import RequestValidator

from channels.privacy import MissingSenderKey, hash_sender, sender_key
from channels.verification import facebook_ok, same_secret, telegram_ok, twilio_ok

KEY = b"k" * 32
URL = "https://bot.example.org/webhooks/twilio/webhook"


def test_the_hash_is_keyed_stable_and_prefixed() -> None:
    hashed = hash_sender("twilio", "whatsapp:+447700900123", KEY)
    assert hashed == hash_sender("twilio", "whatsapp:+447700900123", KEY)
    assert hashed.startswith("twilio-") and len(hashed) == len("twilio-") + 64
    assert "447700900123" not in hashed
    assert hashed != hash_sender("twilio", "whatsapp:+447700900123", b"j" * 32)
    assert hashed != hash_sender("twilio", "whatsapp:+447700900124", KEY)


@pytest.mark.parametrize("value", [None, "", "short"])
def test_a_missing_or_short_key_stops_the_channel(value: str | None) -> None:
    with pytest.raises(MissingSenderKey):
        sender_key(value)


def test_secret_comparison() -> None:
    assert same_secret("abc", "abc")
    assert not same_secret("abd", "abc") and not same_secret(None, "abc") and not same_secret("", "")
    assert telegram_ok("s3cret-token", "s3cret-token") and not telegram_ok("s3cret-token", None)


def facebook_header(body: bytes, secret: str = "app-secret") -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_facebook_signature() -> None:
    body = b'{"object": "page", "entry": []}'
    assert facebook_ok("app-secret", body, facebook_header(body))
    assert not facebook_ok("app-secret", body + b" ", facebook_header(body))
    assert not facebook_ok("app-secret", body, facebook_header(body, "other"))
    assert not facebook_ok("app-secret", body, None)
    sha1 = "sha1=" + hmac.new(b"app-secret", body, hashlib.sha1).hexdigest()
    assert not facebook_ok("app-secret", body, sha1)  # the old header is not accepted


def twilio_form(fields: dict[str, str]) -> MultiDict:
    return MultiDict(parse_qsl(urlencode(fields), keep_blank_values=True))


def test_twilio_signature_covers_url_and_every_field_blank_ones_too() -> None:
    fields = {"From": "whatsapp:+447700900123", "Body": "", "NumMedia": "1"}
    signature = RequestValidator("auth").compute_signature(URL, fields)
    assert twilio_ok("auth", URL, twilio_form(fields), signature)
    assert not twilio_ok("auth", URL, twilio_form({**fields, "Body": "hi"}), signature)
    assert not twilio_ok("auth", URL + "?x=1", twilio_form(fields), signature)
    assert not twilio_ok("other", URL, twilio_form(fields), signature)
    assert not twilio_ok("auth", URL, twilio_form(fields), None)
