"""A local fake of Telegram's, Twilio's and Facebook's APIs, and webhook calls shaped as they send them.

The fake runs on 127.0.0.1 in the test process and records every request the
bot makes (sendMessage, setWebhook, Messages.json, /me/messages, and any attempt
to fetch a media URL), so tests assert on what a person would have received.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import random
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from twilio.request_validator import RequestValidator

from tools.local_servers import free_port

TELEGRAM_TOKEN = "123456:fake-telegram-token"
TELEGRAM_SECRET = "fake-webhook-secret-0123456789"
TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "fake-twilio-auth-token"
TWILIO_NUMBER = "whatsapp:+14155238886"
TWILIO_URL = "https://bot.example.org/webhooks/twilio/webhook"  # the public URL, as behind a proxy
FACEBOOK_VERIFY = "fake-verify-token"
FACEBOOK_SECRET = "fake-app-secret"
FACEBOOK_PAGE = "104729128123456"
SENDER_ID_KEY = "fake-sender-id-key-0123456789abcdef"


@dataclass
class Call:
    method: str
    path: str
    data: Any
    query: dict[str, str] = field(default_factory=dict)


class FakePlatforms:
    """One HTTP server playing the three platforms' APIs, under /telegram, /twilio and /graph."""

    def __init__(self) -> None:
        self.port = free_port()
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._ready = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        """The variables a deployment sets, pointing the API bases here."""
        return {
            "TELEGRAM_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
            "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
            "TELEGRAM_API_BASE": f"{self.url}/telegram",
            "TWILIO_ACCOUNT_SID": TWILIO_SID, "TWILIO_AUTH_TOKEN": TWILIO_TOKEN, "TWILIO_NUMBER": TWILIO_NUMBER,
            "TWILIO_WEBHOOK_URL": TWILIO_URL, "TWILIO_API_BASE": f"{self.url}/twilio",
            "FACEBOOK_VERIFY": FACEBOOK_VERIFY, "FACEBOOK_SECRET": FACEBOOK_SECRET,
            "FACEBOOK_PAGE_ACCESS_TOKEN": "fake-page-token", "FACEBOOK_API_BASE": f"{self.url}/graph/v21.0",
            "SENDER_ID_KEY": SENDER_ID_KEY,
        }

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(10):
            raise TimeoutError("the fake platform server did not start")

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        self._loop.run_until_complete(runner.setup())
        self._loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(runner.cleanup())

    async def _handle(self, request: web.Request) -> web.Response:
        if request.content_type == "application/json":
            data: Any = json.loads(await request.read() or b"null")
        elif request.method == "POST":
            data = {key: str(value) for key, value in (await request.post()).items()}
        else:
            data = {}
        call = Call(request.method, request.path, data, dict(request.query))
        with self._lock:
            self.calls.append(call)
        number = next(self._ids)
        if request.path.startswith("/telegram/bot"):
            return web.json_response({"ok": True, "result": _telegram_result(call, number)})
        if request.path.startswith("/twilio/") and request.path.endswith("/Messages.json"):
            return web.json_response({"sid": f"SM{number:032d}", "status": "queued", "to": data.get("To"),
                                      "from": data.get("From"), "body": data.get("Body")}, status=201)
        if request.path.startswith("/graph/") and request.path.endswith("/me/messages"):
            return web.json_response({"recipient_id": data["recipient"]["id"], "message_id": f"m_{number}"})
        return web.Response(body=b"\xff\xd8 not really an image", content_type="image/jpeg")

    def recorded(self, path_part: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if path_part in call.path]

    def telegram(self, chat_id: int) -> list[dict[str, Any]]:
        """Messages sent to a chat: text and inline keyboard as [(title, callback data)]."""
        sent = []
        for call in self.recorded("/sendMessage"):
            if call.data.get("chat_id") == str(chat_id):
                markup = json.loads(call.data.get("reply_markup") or "{}")
                buttons = [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]
                sent.append({"text": call.data["text"], "buttons": buttons})
        return sent

    def twilio(self, to: str) -> list[str]:
        """Message bodies sent to a WhatsApp number."""
        return [call.data["Body"] for call in self.recorded("/Messages.json") if call.data.get("To") == to]

    def messenger(self, psid: str) -> list[dict[str, Any]]:
        """The `message` objects sent to a page-scoped id."""
        return [call.data["message"] for call in self.recorded("/me/messages")
                if call.data["recipient"]["id"] == psid and "message" in call.data]


def _telegram_result(call: Call, number: int) -> Any:
    method = call.path.rsplit("/", 1)[-1]
    if method == "sendMessage":
        return {"message_id": number, "date": int(time.time()), "text": call.data.get("text"),
                "chat": {"id": int(call.data["chat_id"]), "type": "private"}}
    if method == "getMe":
        return {"id": 123456, "is_bot": True, "first_name": "Helper", "username": "fake_helper_bot"}
    return True


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    """POSTs and returns the status and body, error statuses included."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def telegram_update(chat_id: int, text: str | None = None, **fields: Any) -> dict[str, Any]:
    """An update as Telegram sends it for a message in a private chat."""
    person = {"id": chat_id, "is_bot": False, "first_name": "Sam", "language_code": "en"}
    message = {"message_id": random.randint(1, 10**6), "from": person, "date": int(time.time()),
               "chat": {"id": chat_id, "first_name": "Sam", "type": "private"}, **fields}
    if text is not None:
        message["text"] = text
    return {"update_id": random.randint(1, 10**9), "message": message}


def telegram_button(chat_id: int, data: str) -> dict[str, Any]:
    """The update Telegram sends when an inline keyboard button is tapped."""
    message = telegram_update(chat_id, "(the bot's message)")["message"]
    message["from"] = {"id": 123456, "is_bot": True, "first_name": "Helper", "username": "fake_helper_bot"}
    return {"update_id": random.randint(1, 10**9), "callback_query": {
        "id": str(random.randint(1, 10**12)), "from": {"id": chat_id, "is_bot": False, "first_name": "Sam"},
        "message": message, "chat_instance": "-8301234567", "data": data}}


def post_telegram(server: str, update: dict[str, Any], secret: str | None = TELEGRAM_SECRET) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    return post(f"{server}/webhooks/telegram/webhook", json.dumps(update).encode(), headers)[0]


def twilio_fields(phone: str, body: str, **extra: str) -> dict[str, str]:
    """The form fields Twilio posts for an incoming WhatsApp message."""
    sid = f"SM{random.getrandbits(128):032x}"
    return {"SmsMessageSid": sid, "NumMedia": "0", "ProfileName": "Sam Example", "MessageType": "text",
            "SmsSid": sid, "WaId": phone.removeprefix("whatsapp:+"), "SmsStatus": "received", "Body": body,
            "To": TWILIO_NUMBER, "NumSegments": "1", "ReferralNumMedia": "0", "MessageSid": sid,
            "AccountSid": TWILIO_SID, "From": phone, "ApiVersion": "2010-04-01", **extra}


def post_twilio(server: str, fields: dict[str, str], signed_fields: dict[str, str] | None = None,
                sign: bool = True, auth_token: str = TWILIO_TOKEN) -> int:
    """Posts the form; signed as Twilio does (over `signed_fields` if given, to forge a tampered call)."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if sign:
        signature = RequestValidator(auth_token).compute_signature(TWILIO_URL, signed_fields or fields)
        headers["X-Twilio-Signature"] = signature
    return post(f"{server}/webhooks/twilio/webhook", urlencode(fields).encode(), headers)[0]


def messenger_event(psid: str, **event: Any) -> dict[str, Any]:
    return {"sender": {"id": psid}, "recipient": {"id": FACEBOOK_PAGE}, "timestamp": int(time.time() * 1000),
            **event}


def messenger_text(psid: str, text: str, quick_reply: str | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"mid": f"m_{random.getrandbits(64):x}", "text": text}
    if quick_reply:
        message["quick_reply"] = {"payload": quick_reply}
    return messenger_event(psid, message=message)


def post_facebook(server: str, events: list[dict[str, Any]], secret: str | None = FACEBOOK_SECRET,
                  tamper: bool = False) -> int:
    """A page webhook call signed with X-Hub-Signature-256 (over the body before tampering, if asked)."""
    body = json.dumps({"object": "page", "entry": [
        {"id": FACEBOOK_PAGE, "time": int(time.time() * 1000), "messaging": events}]}).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Hub-Signature-256"] = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if tamper:
        body = body.replace(b'"text": "', b'"text": "tampered ')
    return post(f"{server}/webhooks/facebook/webhook", body, headers)[0]
