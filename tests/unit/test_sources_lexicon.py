"""Every lexicon key the speaker-source modules read exists in en.toml and is not empty."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import quotes.attribution
from quotes.lexicon import entry

MODULES = ("sources", "names", "register", "descriptions", "pronouns")
READERS = {"words", "sequence", "entry", "value"}
CONFIDENCE_READERS = {"confidence"}


def keys_read() -> list[str]:
    """The literal keys passed to the lexicon readers (and confidence names) in the sources modules."""
    found = []
    folder = Path(quotes.attribution.__file__).parent
    for module in MODULES:
        for node in ast.walk(ast.parse((folder / f"{module}.py").read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
                continue
            arg = node.args[0]
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                continue
            if node.func.id in READERS:
                found.append(arg.value)
            elif node.func.id in CONFIDENCE_READERS:
                found.append(f"sources.confidence.{arg.value}")
    return sorted(set(found))


def test_the_sources_modules_read_the_lexicon():
    assert len(keys_read()) > 30


@pytest.mark.parametrize("key", keys_read())
def test_every_key_read_exists_and_is_not_empty(key):
    assert entry(key) not in ("", [], {}, None)


@pytest.mark.parametrize("name", sorted(entry("sources.confidence")))
def test_every_confidence_is_a_probability(name):
    confidence = entry(f"sources.confidence.{name}")
    assert isinstance(confidence, float) and 0 < confidence <= 1


def test_every_confidence_in_the_table_is_used():
    used = {key.rpartition(".")[2] for key in keys_read() if key.startswith("sources.confidence.")}
    assert used == set(entry("sources.confidence"))
