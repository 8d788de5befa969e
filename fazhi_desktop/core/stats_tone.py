"""Which headline figures of the 统计 page are bad news (issue 17.4): only those are set in alarm
red; the rest in the page's plain colour, a fall in petitions in green. A clerk reading a page of
red numbers stops seeing the one that matters.

Bad news: a rate (办结率, 满意率, 调解成功率) below RATE_ALARM, or a rise in petitions (信访总量,
五级信访总量) year on year. No figure (—) is no news.
"""
from __future__ import annotations

from typing import Iterable, Optional

BAD, GOOD, PLAIN = "bad", "good", "plain"
RATE_ALARM = 90.0  # per cent; below it a rate is worth a second look


def rate_tone(rates: Iterable[Optional[float]]) -> str:
    """BAD when any of the rates shown is below RATE_ALARM, else PLAIN."""
    known = [r for r in rates if r is not None]
    return BAD if any(r < RATE_ALARM for r in known) else PLAIN


def change_tone(change: Optional[float]) -> str:
    """Petitions: up is BAD, down is GOOD, flat or unknown PLAIN."""
    if change is None or change == 0:
        return PLAIN
    return BAD if change > 0 else GOOD


def card_tones(figures: dict) -> dict:
    """card name -> tone, for the cards of the 统计 page."""
    both, p, s = figures["items_combined"], figures["proposal"], figures["suggestion"]
    pet = figures["petition"]
    return {
        "items": rate_tone([both["completion_rate"]]),
        "satisfaction": rate_tone([s["satisfaction_rate"], p["satisfaction_rate"]]),
        "mediation": rate_tone([figures["mediation"]["success_rate"]]),
        "petition": change_tone(pet["yoy"]["channel_total"]),
        "levels": change_tone(pet["yoy"]["level_total"]),
    }
