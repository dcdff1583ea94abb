"""How to report an account on the app where it happened."""
from __future__ import annotations

from knowledge.content import load_content, platform, service

# Offered as buttons when we don't know the app yet: where most reports start.
COMMON_PLATFORMS = ("instagram", "snapchat", "facebook", "whatsapp", "tiktok")


def reporting_routes(platform_id: str) -> str:
    """The in-app steps, then the platform's own form and help page, where we have them."""
    entry = platform(platform_id)
    parts = [entry.get("in_app", "")]
    if entry.get("support_form"):
        parts.append(f"Or use their support form: {entry['support_form']}. {entry['support_form_how']}")
    if entry.get("report_url"):
        parts.append(f"{entry['name']}'s help page: {entry['report_url']}")
    return " ".join(part for part in parts if part)


def platform_advice(platform_id: str | None) -> str:
    """Where and how to report, for one app, or in general when unknown."""
    if platform_id and platform_id in load_content()["platforms"]:
        return f"To report them on {platform(platform_id)['name']}: {reporting_routes(platform_id)}"
    helper = service("report_harmful_content")
    return (
        f"{platform('other')['in_app']} If the site doesn't act, {helper['name']} can help "
        f"anyone in the UK aged 13 or over: {helper['url']}"
    )


def platform_choices() -> list[tuple[str, str]]:
    """(platform id, name) pairs for the quick-reply buttons."""
    return [(pid, platform(pid)["name"]) for pid in COMMON_PLATFORMS]
