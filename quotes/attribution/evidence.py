"""The evidence of how a quote's speaker was found, kept for the confidence model.

Takes the parsed article and, per attributed quote, its link (cue and speaker mention), the mention's
:class:`Resolution` or the quote it continues; gives a flat ``dict`` of categorical strings and numbers
(``Quote.evidence``, never part of the JSON output): which rule linked the cue (the key of its lexicon
prior, "right_frame_near"), which rule resolved the mention ("pronoun_near"), the priors themselves,
distances in words, what the mention is, how many other people and organisations could have said it,
continuation depth, quote length and paragraph position. Only what the parse already holds: no
second parse. :mod:`quotes.attribution.confidence` turns it into the quote's confidence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

from spacy.tokens import Span as TokenSpan

from quotes.attribution.cues import is_cue
from quotes.attribution.names import ORG_NOUNS, TITLE_WORDS
from quotes.attribution.parsed import Link, ParsedArticle
from quotes.attribution.register import Resolution
from quotes.lexicon import value, words
from quotes.model import Quote
from quotes.text.paragraphs import paragraphs

Evidence = dict[str, float | str]
RIVAL_LABELS = ("PERSON", "ORG")
CONTINUATION_FACTOR = value("confidence.continuation_factor")
FIRST_PERSON = words("pronouns.first_person")
SECOND_PERSON = words("pronouns.second_person")


def rule_of(prior: float, default: str) -> str:
    """The lexicon key a hand-set prior came from ("right_frame_near"), else ``default``."""
    return getattr(prior, "rule", default)


class ArticleEvidence:
    """Per-article lookups (paragraph starts, candidate speakers) computed once, read per quote."""

    def __init__(self, parsed: ParsedArticle, text: str):
        self.text = text
        self.base = parsed.base
        self.paragraph_starts = [p.start for p in paragraphs(text)]
        rivals = sorted((e.start_char + parsed.base, e.end_char + parsed.base, e.text)
                        for e in parsed.doc.ents if e.label_ in RIVAL_LABELS)
        self.rivals = rivals
        self.rival_starts = [r[0] for r in rivals]
        self.speakers: Counter[str] = Counter()  # quotes attributed so far, per speaker name
        self._sentence_cues: dict[int, int] = {}  # sentence start token -> cue tokens in it, counted once

    def cues_in(self, sent) -> int:
        """How many cue tokens the sentence holds (counted once per sentence, not once per quote)."""
        if sent.start not in self._sentence_cues:
            self._sentence_cues[sent.start] = sum(1 for t in sent if is_cue(t))
        return self._sentence_cues[sent.start]

    def paragraph_index(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    def _rivals_in(self, start: int, end: int, quote: Quote, mention: tuple[int, int]) -> int:
        """Distinct PERSON/ORG names in ``[start, end)`` outside the quote and the speaker mention."""
        names = set()
        for r_start, r_end, name in self.rivals[bisect_left(self.rival_starts, start):]:
            if r_start >= end:
                break
            if quote.start <= r_start < quote.end or (r_start < mention[1] and mention[0] < r_end):
                continue
            names.add(name)
        return len(names)

    def base_evidence(self, quote: Quote) -> Evidence:
        """What every quote has, however it was attributed: type, length, paragraph position, how often
        its speaker was attributed before and among how many speakers."""
        para = self.paragraph_index(quote.start)
        return {"type": quote.type, "quote_words": len(quote.text.split()), "paragraph_index": para,
                "paragraph_share": para / max(1, len(self.paragraph_starts) - 1),
                "seen_before": self.speakers[quote.speaker_name or ""], "speakers_before": len(self.speakers)}

    def _note(self, quote: Quote, ev: Evidence) -> Evidence:
        if quote.speaker is not None:
            self.speakers[quote.speaker.name] += 1
        return ev

    def for_link(self, quote: Quote, link: Link, mention: TokenSpan, res: Resolution) -> Evidence:
        """A quote attributed through its link: the cue, the mention and its resolution."""
        ev = self.base_evidence(quote)
        root = mention.root
        cue_start, cue_end = link.cue_start, link.cue_end
        if cue_end <= quote.start:
            side, gap = "before", self._words(cue_end, quote.start)
        elif cue_start >= quote.end:
            side, gap = "after", self._words(quote.end, cue_start)
        else:
            side, gap = "inside", 0
        m_start, m_end = quote.speaker_start or 0, quote.speaker_end or 0
        sent = link.cue.sent
        sent_start, sent_end = sent.start_char + self.base, sent.end_char + self.base
        para = self.paragraph_index(quote.start)
        para_end = self.paragraph_starts[para + 1] if para + 1 < len(self.paragraph_starts) else len(self.text)
        ent = next((t.ent_type_ for t in mention if t.ent_type_), "none")  # not mention.ents: it walks all of doc.ents
        ev.update({
            "path": "link",
            "link": rule_of(link.confidence, link.method),
            "resolution": rule_of(res.confidence, res.method),
            "link_prior": float(link.confidence),
            "resolution_prior": float(res.confidence),
            # the hand-set confidence of before the model: the product, or for a pronoun or description the lower
            "prior": float(link.confidence * res.confidence if res.method == "name"
                           else min(link.confidence, res.confidence)),
            "cue_side": side,
            "cue_gap": gap,
            "mention_cue_gap": abs(root.i - link.cue.i),
            "mention_pos": root.pos_ if root.pos_ in ("PRON", "PROPN", "NOUN") else "other",
            "mention_dep": root.dep_ if root.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj", "compound") else "other",
            "mention_governed": float(root.head.i == link.cue.i),
            "mention_entity": ent if ent in ("PERSON", "ORG", "GPE", "NORP", "none") else "other",
            "mention_words": len(mention),
            "mention_in_quote": float(quote.start <= m_start < quote.end),
            "speaker_kind": quote.speaker.kind if quote.speaker is not None else "none",
            "speaker_resolved": float(quote.speaker is not None and quote.speaker.resolved),
            "via": float(quote.via is not None),
            "rivals_sentence": self._rivals_in(sent_start, sent_end, quote, (m_start, m_end)),
            "rivals_paragraph": self._rivals_in(self.paragraph_starts[para] if self.paragraph_starts else 0,
                                                para_end, quote, (m_start, m_end)),
            "mention_person": _person(root.lower_) if root.pos_ == "PRON" else "none",
            "head_class": "org_noun" if root.lower_ in ORG_NOUNS else "title" if root.lower_ in TITLE_WORDS else "none",
            "cues_sentence": self.cues_in(sent) - is_cue(link.cue),
        })
        return self._note(quote, ev)

    def for_continuation(self, quote: Quote, source: Quote) -> Evidence:
        """A quote continuing ``source``: the source's evidence, one hop further, its own shape."""
        ev = dict(source.evidence or {"path": "none"})
        ev.update(self.base_evidence(quote))
        ev["hops"] = float(ev.get("hops", 0)) + 1
        ev["continued_from"] = str(source.evidence.get("path", "none")) if source.evidence else "none"
        ev["path"] = "continuation"
        ev["prior"] = float(ev.get("prior", 0.0)) * CONTINUATION_FACTOR
        ev["paragraph_gap"] = abs(ev["paragraph_index"] - self.paragraph_index(source.start))
        return self._note(quote, ev)

    def for_label(self, quote: Quote, prior: float) -> Evidence:
        """A quote credited to a speaker label opening its paragraph."""
        ev = self.base_evidence(quote)
        ev.update({"path": "label", "link": rule_of(prior, "label"), "resolution": "label",
                   "link_prior": float(prior), "resolution_prior": float(prior), "prior": float(prior),
                   "mention_pos": "PROPN",
                   "speaker_kind": "person", "speaker_resolved": 1.0})
        return self._note(quote, ev)

    def _words(self, start: int, end: int) -> int:
        return len(self.text[start:end].split())


def _person(pronoun: str) -> str:
    return "first" if pronoun in FIRST_PERSON else "second" if pronoun in SECOND_PERSON else "third"
