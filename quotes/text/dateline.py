"""Datelines ("LENMARK, Norway, March 2 (NPA) —"): the place an article is filed from, and the mask that
keeps a dateline from being parsed as the subject of the first sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.lexicon import sequence, words

_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z .'’-]{2,40}?)"
    r"(?:,\s*(?P<region>[A-Z][\w.'’ -]{1,30}?))?"
    rf"(?:,?\s*(?:{'|'.join(sequence('text.dateline.months'))})\.?\s+\d{{1,2}})?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s",
    re.MULTILINE,
)


MONTHS = words("text.dateline.months")


@dataclass(frozen=True)
class Place:
    city: str  # "Lenmark"
    region: str | None = None  # "Norway", "Ont.", or None


def dateline_place(text: str) -> Place | None:
    """The city (and country or region, when given) of the first dateline in ``text``."""
    for match in _DATELINE.finditer(text[:3000]):
        city = match.group("city").strip()
        if len(city) < 3 or not city.replace(" ", "").replace(".", "").isalpha():
            continue
        region = match.group("region")
        if region and (region.split()[0].rstrip(".") in MONTHS or region[0].isdigit()):
            region = None
        return Place(city.title(), region.strip() if region else None)
    return None


_LEADING_DATELINE = re.compile(r"^(By [^|\n]{1,60}\|[^\n]{0,80}?\|[^\n]*?\d{4}\s+"
                               r"|[A-Z][A-Z .'’-]{2,40}(,\s*[A-Z][\w .]{1,30}?)*"
                               r"(,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s)")


def mask_dateline(body: str) -> str:
    """Blank out a leading dateline ("TOKYO, Sept 12 (Wire) — ") so it is not parsed as a subject."""
    match = _LEADING_DATELINE.match(body)
    if not match:
        return body
    return " " * match.end() + body[match.end() :]
