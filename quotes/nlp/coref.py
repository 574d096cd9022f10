"""Pronoun antecedents from coreferee, run only on the few sentences a speaker needs.

coreferee over a whole article costs several times the parse itself; a speaker pronoun
only needs the sentences just before it, so each lookup runs coreferee on a small window: those
sentences of the article's own parse (``Span.as_doc`` keeps tags, lemmas, morphology, entities and
dependencies), not a new parse of their text.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from quotes.errors import CorefUnavailable, ModelNotFound
from quotes.nlp.loader import load

WINDOW_SENTENCES = 3
ANSWERS = "quotes.coref.answers"  # Doc.user_data key: pronoun token index -> antecedent offset


def coref_pipeline(model_name: str) -> Language | None:
    """The model's pipeline with coreferee added, or None when coreferee cannot serve it."""
    try:
        return load(model_name, coref=True)
    except (CorefUnavailable, ModelNotFound):
        return None


class CorefLookup:
    """Finds the antecedent of a pronoun mention in the parsed article body."""

    def __init__(self, nlp: Language | None):
        self.nlp = nlp
        self._coreferee = nlp.get_pipe("coreferee") if nlp is not None else None

    @staticmethod
    def window(mention: Span) -> Span:
        """The sentences coreferee reads for a pronoun: its own and up to ``WINDOW_SENTENCES`` before."""
        doc = mention.doc
        sent = mention.root.sent
        first = sent
        for _ in range(WINDOW_SENTENCES):
            if first.start == 0:
                break
            first = doc[first.start - 1].sent
        return doc[first.start : sent.end]

    def antecedent(self, mention: Span) -> int | None:
        """Character offset (in ``mention.doc``) of the pronoun's most specific antecedent; asked once per
        pronoun of an article (a split quote's two parts share their speaker's pronoun)."""
        if self.nlp is None:
            return None
        answers = mention.doc.user_data.setdefault(ANSWERS, {})  # on the article itself: no shared state
        if mention.root.i not in answers:
            answers[mention.root.i] = self._antecedent(mention)
        return answers[mention.root.i]

    def _antecedent(self, mention: Span) -> int | None:
        window = self.window(mention)
        start_char = window.start_char
        wdoc = self._coreferee(window.as_doc())
        offset = mention.root.idx - start_char
        target = next((t for t in wdoc if t.idx == offset), None)
        chains = wdoc._.coref_chains
        if target is None or chains is None:
            return None
        resolved = chains.resolve(target)
        if not resolved:
            return None
        return resolved[0].idx + start_char
