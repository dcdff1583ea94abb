"""What the person has told us, reduced to the few facts that change the advice."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

UNDER_18 = "under_18"
ADULT = "adult"
AGE_GROUPS = (UNDER_18, ADULT)
# Where the person is, as far as the advice goes: UK numbers only for the UK.
IN_UK, ABROAD = "uk", "abroad"
# Who is writing: the person it is happening to, or someone helping them (any other role).
VICTIM, HELPER = "self", "helper"


@dataclass(frozen=True)
class Situation:
    age_group: str | None = None  # UNDER_18, ADULT, or None when not told
    force_id: str | None = None
    country_id: str | None = None  # set only for a country outside the UK
    platform_id: str | None = None
    already_paid: bool = False
    images_shared: bool = False
    helping: bool = False  # a parent, friend, relative or professional is writing

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> Situation:
        """Build from the conversation's slots, ignoring values we do not know."""
        age_group = slots.get("age_group")
        return cls(
            age_group=age_group if age_group in AGE_GROUPS else None,
            force_id=slots.get("police_force") or None,
            country_id=slots.get("country") or None,
            platform_id=slots.get("platform") or None,
            already_paid=bool(slots.get("already_paid")),
            images_shared=bool(slots.get("images_shared")),
            helping=slots.get("role") not in (None, VICTIM),
        )

    def facts(self) -> dict[str, Any]:
        """The values that checklist variants are matched against."""
        return {
            "age_group": self.age_group or "unknown",
            "already_paid": self.already_paid,
            "images_shared": self.images_shared,
            "platform": "known" if self.platform_id else "unknown",
            "force": "known" if self.force_id else "unknown",
            "country": "abroad" if self.country_id else "uk",
            "writer": HELPER if self.helping else VICTIM,
        }
