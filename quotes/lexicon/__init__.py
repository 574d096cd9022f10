"""Every word list, cue lexicon and confidence value the pipeline uses, kept as data in ``en.toml``.

Stages read them once at import: ``words("attribution.speech_verbs")`` gives a frozenset for membership
tests, ``sequence(...)`` a tuple where order matters (alternations, ``str.endswith``), ``value(...)`` a
number or string such as a confidence (a :class:`Prior`: a float that remembers its key, so the confidence
model can tell which rule gave it). ``confidence_model()`` gives the fitted coefficients of
``confidence.json`` (written by ``scripts/fit_confidence.py``). Both files are part of the extractor
version, so editing either re-extracts stored articles.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from quotes.errors import ConfidenceModelError

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

LEXICON_PATH = Path(__file__).with_name("en.toml")
CONFIDENCE_MODEL_PATH = Path(__file__).with_name("confidence.json")
DATA_PATHS = (LEXICON_PATH, CONFIDENCE_MODEL_PATH)  # what the extractor version hashes


class Prior(float):
    """A hand-set confidence from the lexicon that knows its key's last part ("right_frame_near"): the
    rule that produced a link or resolution, read by the confidence model as evidence."""

    rule: str

    def __new__(cls, number: float, rule: str) -> Prior:
        made = super().__new__(cls, number)
        made.rule = rule
        return made

    def __reduce__(self):  # pickled for worker processes with its rule
        return (Prior, (float(self), self.rule))


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The whole lexicon as nested tables. Parsing the TOML takes a command's start about 20 ms, so the
    tables are also kept as JSON in the user's cache folder (:func:`cache_dir`), named by the file's hash:
    an edited lexicon is parsed again, and a cache that cannot be read or written is only skipped."""
    data = LEXICON_PATH.read_bytes()
    cached = cache_dir() / f"lexicon-{hashlib.sha1(data).hexdigest()[:16]}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    tables = tomllib.loads(data.decode("utf-8"))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f".{cached.name}.{os.getpid()}")
        partial.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
        partial.replace(cached)
    except OSError:
        pass
    return tables


def cache_dir() -> Path:
    """Where ``quotes`` keeps what it can make again: ``$QUOTES_CACHE_DIR``, else ``$XDG_CACHE_HOME/quotes``,
    else ``~/.cache/quotes``."""
    if os.environ.get("QUOTES_CACHE_DIR"):
        return Path(os.environ["QUOTES_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "quotes"


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
    """One number or string (a confidence, a window size); a float is a :class:`Prior` naming its key."""
    found = entry(key)
    if isinstance(found, float):
        return Prior(found, key.rpartition(".")[2])
    return found


@lru_cache(maxsize=4)
def confidence_model(path: Path = CONFIDENCE_MODEL_PATH) -> dict:
    """The fitted confidence model (``{"weights": {feature: weight}, "bias": b, ...}``); a clear
    :class:`ConfidenceModelError` when the file is missing or broken."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfidenceModelError(f"{path}: confidence coefficients missing; "
                                   "run 'python scripts/fit_confidence.py' to write them") from None
    except (OSError, ValueError) as exc:
        raise ConfidenceModelError(f"{path}: unreadable confidence coefficients ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict) or \
            not isinstance(data.get("bias"), (int, float)):
        raise ConfidenceModelError(f"{path}: confidence coefficients need 'weights' (an object) and 'bias'")
    return data
