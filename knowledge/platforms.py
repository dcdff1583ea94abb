"""How to report an account on the app where it happened: the facts, for the domain's replies."""
from __future__ import annotations

import re
from typing import Any

from knowledge.content import load_content, platform

# Offered as buttons when we don't know the app yet: where most reports start.
COMMON_PLATFORMS = ("instagram", "snapchat", "facebook", "whatsapp", "tiktok")
UNKNOWN = "other"


# Right before an app's name, the word that takes it back: "Instagram not Snapchat", "it wasn't snap, it was insta".
_DENIED_BEFORE = re.compile(r"\b(?:not|wasn'?t|isn'?t|weren'?t|never)\s+(?:on\s+|through\s+|via\s+|in\s+)?(?:the\s+)?$",
                            re.IGNORECASE)


def denied_platforms(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Which of the apps named (their spans) the message takes back, as a correction of another app it names.

    Only when another app is named too: "I'm not on Snapchat any more" alone says nothing about where it happened.
    """
    text = text.replace("\u2019", "'")
    denied = {i for i, (start, _) in enumerate(spans) if _DENIED_BEFORE.search(text[max(0, start - 20):start])}
    return denied if len(denied) < len(spans) else set()


def known_platform(platform_id: str | None) -> bool:
    return bool(platform_id) and platform_id != UNKNOWN and platform_id in load_content()["platforms"]


def platform_routes(platform_id: str) -> dict[str, Any]:
    """The in-app steps, then the platform's own form and help page where we have them."""
    entry = platform(platform_id)
    return {
        "platform_name": entry["name"],
        "platform_in_app": entry.get("in_app", ""),
        "platform_support_form": entry.get("support_form"),
        "platform_support_form_how": entry.get("support_form_how", ""),
        "platform_help_page": entry.get("report_url"),
    }


def privacy_steps(platform_id: str | None) -> str | None:
    """The app's own setting that hides who the person knows, where its help page was read (content/platforms.yml)."""
    return platform(platform_id).get("privacy") if known_platform(platform_id) else None


def platform_choices() -> list[tuple[str, str]]:
    """(platform id, name) pairs for the quick-reply buttons."""
    return [(pid, platform(pid)["name"]) for pid in COMMON_PLATFORMS]
