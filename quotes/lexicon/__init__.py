"""Every word list, cue lexicon and confidence value the pipeline uses, kept as data in ``en.toml``.

Stages read them once at import: ``words("attribution.speech_verbs")`` gives a frozenset for membership
tests, ``sequence(...)`` a tuple where order matters (alternations, ``str.endswith``), ``value(...)`` a
number or string such as a confidence. The file is part of the extractor version, so editing it
re-extracts stored articles.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

LEXICON_PATH = Path(__file__).with_name("en.toml")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The whole lexicon as nested tables."""
    with LEXICON_PATH.open("rb") as handle:
        return tomllib.load(handle)


def entry(key: str):
    """The value at a dotted ``key`` ("sources.pronouns"); a missing key is a KeyError naming it."""
    node = lexicon()
    for part in key.split("."):
        try:
            node = node[part]
        except (KeyError, TypeError):
            raise KeyError(f"lexicon {LEXICON_PATH.name} has no {key!r}") from None
    return node


def words(key: str) -> frozenset[str]:
    """A word list for membership tests."""
    return frozenset(entry(key))


def sequence(key: str) -> tuple:
    """A list whose order matters, as a tuple."""
    return tuple(entry(key))


def value(key: str) -> float | int | str:
    """One number or string (a confidence, a window size)."""
    return entry(key)
