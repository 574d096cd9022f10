"""The parsed article every attribution stage works on, and the links and items they give.

Takes one spaCy ``Doc`` of the article body (which starts at character ``base`` of the stored text) and
the quote marks found in the text; gives token/offset helpers and a reporting verb's :class:`Link` (cue,
speaker mention, intermediary), its speaker found by :mod:`quotes.attribution.subjects`. Every offset is
into the stored text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotes.attribution.cues import (
    PHRASAL_CUES,
    REPORTER_OBJECTS,
    STATEMENT_NOUNS,
    is_cue,
    next_is_to,
)
from quotes.attribution.subjects import relative_subject, subject_of
from quotes.lexicon import value, words
from quotes.model import QuoteMark
from quotes.text.marks import MARK_CHARS

DASHES = words("attribution.marked.credit_dashes")
MINOR_WORDS = words("attribution.marked.minor_words")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
SPACED_DASHES = ("-", "–")  # a dash only with a space on each side ('Ocasio-Cortez', '2015–16' hold none)

VERB_GROUP_DEPS = words("attribution.cues.verb_group_deps")

# Any one-character token counts as a mark's own token too, so these are exactly the old mark set.
OPEN_HEADS = words("attribution.parsed.open_heads")
MENTION_PREPOSITIONS = words("attribution.parsed.mention_prepositions")
RELEASE_PREPOSITIONS = words("attribution.parsed.release_prepositions")
SET_OFF_PREPOSITIONS = words("attribution.parsed.set_off_prepositions")
CUE_DEFAULT = value("confidence.cue_default")
CUT_DEPS = {"relcl", "acl", "appos", "advcl", "punct", "parataxis"}


@dataclass
class Link:
    """A cue token with its speaker mention and intermediary, as found in the text."""

    cue: Token
    cue_start: int
    cue_end: int
    cue_text: str
    mention: Span | None
    via: Span | None
    method: str
    confidence: float


@dataclass
class Item:
    """A quote found by a stage, before its speaker is resolved: a span of the text, its type, its link."""

    start: int
    end: int
    type: str
    link: Link | None
    mark: QuoteMark | None = None
    speaker_token: Token | None = None
    inherit: bool = False


class ParsedArticle:
    """A parsed article body plus the quote marks found in it."""

    def __init__(self, doc: Doc, base: int, marks: list[QuoteMark]):
        self.doc = doc
        self.base = base
        self.marks = marks
        # For every token: the index of the top-level mark whose span (marks included) holds it.
        self.mark_of: list[int] = [-1] * len(doc)
        self._per_sentence: dict[tuple[str, int], list[Token]] = {}  # a sentence may hold thousands of quotes
        self._person_words: set[str] | None = None
        # Marks and tokens are both in text order: one pass with a pointer, not tokens x marks.
        level0 = [(i, m) for i, m in enumerate(marks) if m.level == 0]
        first = 0  # level0[:first] end before the current token
        starts, lengths = doc.to_array("IDX").tolist(), doc.to_array("LENGTH").tolist()  # no Token objects
        for i, (start, length) in enumerate(zip(starts, lengths)):
            pos = start + base
            while first < len(level0) and level0[first][1].span.end + 1 <= pos:
                first += 1
            for j in range(first, len(level0)):
                index, mark = level0[j]
                if mark.span.start - 1 > pos:
                    break
                if pos < mark.span.end + 1:
                    if mark.span.start <= pos < mark.span.end or length == 1:  # a mark, or one character
                        self.mark_of[i] = index
                    break

    def pos(self, tok: Token) -> int:
        return tok.idx + self.base

    def sentence_cues(self, sent: Span, usable: Callable[[Token], bool]) -> list[Token]:
        """The cue tokens of a sentence that ``usable`` accepts, found once per sentence (a sentence may
        hold thousands of quotation marks)."""
        return self._once_per_sentence("cues", sent, lambda t: is_cue(t) and usable(t))

    def _once_per_sentence(self, kind: str, sent: Span, keep: Callable[[Token], bool]) -> list[Token]:
        """The tokens of ``sent`` that ``keep`` accepts, computed once per (kind, sentence)."""
        key = (kind, sent.start)
        if key not in self._per_sentence:
            self._per_sentence[key] = [t for t in sent if keep(t)]
        return self._per_sentence[key]

    def quoted(self, tok: Token) -> bool:
        return self.mark_of[tok.i] >= 0

    def person_word(self, tok: Token) -> bool:
        """``tok``'s text is a word of a person's name the article writes elsewhere ('Will' of 'George Will'),
        however the tagger read it here."""
        if self._person_words is None:
            self._person_words = {t.text for ent in self.doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                                  for t in ent if t.text[:1].isupper() and t.is_alpha}
        return tok.text in self._person_words

    def tokens_in(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start - self.base, end - self.base, alignment_mode="expand")
        return list(span) if span is not None else []

    # -- links --------------------------------------------------------------
    def link_from_cue(self, verb: Token, method: str = "syntax", confidence: float = CUE_DEFAULT) -> Link | None:
        """The speaker and intermediary of a reporting verb (or of 'according to')."""
        if verb.lower_ == "according":
            obj = _according_object(verb)
            if obj is None:
                return None
            mention = self.mention_of(obj)
            return Link(verb, self.pos(verb), self.pos(verb) + len("according to") if next_is_to(verb)
                        else self.pos(verb) + len(verb.text), "according to", mention, None, method, confidence)
        subject = subject_of(verb, self)
        mention = self.mention_of(subject) if subject is not None else None
        via = self._via_of(verb)
        start, end, text = self.cue_text(verb)
        return Link(verb, start, end, text, mention, via, method, confidence)

    def mention_of(self, head: Token) -> Span:
        """The speaker noun phrase of ``head``, without appositions or relative clauses."""
        if head.dep_ == "poss" or head.tag_ == "POS":
            head = head.head
        excluded: set[int] = set()
        for child in head.children:
            if child.dep_ in CUT_DEPS and not inside_word(child) or (
                    child.dep_ == "amod" and child.i > head.i and head.lower_ not in OPEN_HEADS) or (
                    child.dep_ == "prep" and child.i > head.i and child.lower_ not in MENTION_PREPOSITIONS):
                excluded.update(t.i for t in child.subtree)
        kept = {t.i for t in head.subtree} - excluded
        start = end = head.i
        while start - 1 in kept and not self.quoted(self.doc[start - 1]):
            start -= 1
        while end + 1 in kept and not self.quoted(self.doc[end + 1]) and self.doc[end + 1].text != ",":
            end += 1
        while end > start and (self.doc[end].is_punct or self.doc[end].is_space):  # 'he\xa0said'
            end -= 1
        while start < end and self.doc[start].is_space:
            start += 1
        return self.doc[start : end + 1]

    def source_span(self, mention: Span, verb: Token | None = None) -> tuple[int, int]:
        """The source as PARC/PolNeAR annotate it (character offsets): the whole noun phrase of the speaker
        mention, its appositions and relative clauses included with the comma that closes them ("Robert
        Egge, executive director of the group,"), not a participle set off after it ("Rubio, speaking at a
        rally,"), within its paragraph and outside quotation marks. A
        relative pronoun subject of the cue ``verb`` is the source itself ("…, who said")."""
        head = mention.root
        if verb is not None and head.left_edge.i <= verb.i <= head.right_edge.i:
            relative = relative_subject(verb)
            return self._char_span(relative, relative) if relative is not None else self._char_span(
                mention[0], mention[-1])
        first, last = mention[0].i, mention[-1].i
        left, right = head.left_edge.i, head.right_edge.i
        for child in head.children:  # train: 129 set-off participles after the source, 2 inside it
            if (child.dep_ == "acl" and child.tag_ == "VBG" or self._set_off_preposition(child)) and \
                    child.left_edge.i > last and self.doc[child.left_edge.i - 1].text == ",":
                right = min(right, child.left_edge.i - 2)
        while first > left and not self._breaks(self.doc[first - 1]) and not is_dash(self.doc[first - 1]):
            first -= 1  # not over a dash before the name ('… problematic - Harbor Research: "…"')
        while last < right and not self._breaks(self.doc[last + 1]):
            last += 1
        while last > first and (self.doc[last].is_space or self.doc[last].text in ("-", "—", "(") or
                                self.doc[last].text == "," and not any(t.text == "," for t in self.doc[first:last])):
            last -= 1  # a comma only closes an apposition ('Kolby, in an interview, said': 'Kolby')
        if last + 1 < len(self.doc) and self.doc[last + 1].text == "," and self.doc[last].text != "," and \
                any(t.text == "," for t in self.doc[first : last + 1]):
            last += 1  # the comma closing an apposition ('Egge, director of the group,'), not a modifier's
        while first < last and (self.doc[first].is_punct or self.doc[first].is_space):
            first += 1
        return self._char_span(self.doc[first], self.doc[last])

    def _set_off_preposition(self, child: Token) -> bool:
        """``child`` is a phrase such as ", in Kentucky," set off by commas on both sides."""
        after = child.right_edge.i + 1
        return child.dep_ == "prep" and child.lower_ in SET_OFF_PREPOSITIONS and after < len(self.doc) and \
            self.doc[after].text == ","

    def _char_span(self, first: Token, last: Token) -> tuple[int, int]:
        """Character offsets from ``first`` to ``last``, after any line break inside (a dateline's time)."""
        breaks = [t.i for t in self.doc[first.i : last.i + 1] if "\n" in t.text]
        if breaks and breaks[-1] < last.i:
            first = self.doc[breaks[-1] + 1]
        return self.pos(first), self.pos(last) + len(last.text)

    def _breaks(self, tok: Token) -> bool:
        """A token a source span never crosses: a quotation mark or quoted word, a paragraph break."""
        return self.quoted(tok) or tok.text in MARK_CHARS or "\n" in tok.text

    def cue_text(self, verb: Token) -> tuple[int, int, str]:
        """Compact cue: 'said', 'told reporters', 'was quoted as saying', 'pointed out'."""
        parts = [verb]
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass") and child.i < verb.i and child.lemma_ == "be":
                parts.append(child)
            elif child.dep_ == "prt" or child.dep_ == "advmod" and \
                    f"{verb.lemma_.lower()} {child.lower_}" in PHRASAL_CUES:
                parts.append(child)  # 'pointed out', 'shot back'
            elif verb.lemma_ == "tell" and child.dep_ in ("dobj", "dative") and child.i == verb.i + 1:
                parts.append(child)
            elif verb.lemma_ == "tell" and child.dep_ in ("dobj", "dative") and child.lower_ in REPORTER_OBJECTS:
                parts.append(child)
            elif verb.lemma_ == "quote" and child.dep_ in ("prep", "advcl") and child.lower_ == "as":
                parts.extend(t for t in child.subtree if t.lemma_ in ("as", "say"))
            elif verb.lemma_ == "quote" and child.dep_ == "advcl" and child.lemma_ == "say":
                parts.extend(t for t in child.subtree if t.lemma_ in ("as", "say") and t.i <= child.i)
            elif child.dep_ == "prep" and child.lower_ == "in" and child.i == verb.i + 1:
                objs = [c for c in child.children if c.dep_ == "pobj" and c.lower_ in STATEMENT_NOUNS]
                if objs:
                    parts.extend(self.doc[child.i : objs[0].i + 1])
        parts.sort(key=lambda t: t.i)
        if parts[-1].i - parts[0].i > 6:
            parts = [verb]
        first, last = self._verb_group_start(verb, parts[0]), parts[-1]
        if last.i + 1 < len(self.doc) and self.doc[last.i + 1].text == ":" and not self.quoted(self.doc[last.i + 1]):
            last = self.doc[last.i + 1]  # 'said:'
        start, end = self.pos(first), self.pos(last) + len(last.text)
        return start, end, self.doc[first.i : last.i + 1].text  # not doc.text: that rebuilds the whole text

    def _verb_group_start(self, verb: Token, first: Token) -> Token:
        """The first word of the verb group ending at ``first``: the verb's auxiliaries, negation and adverbs
        right before it ('has also said', 'did not deny', 'to call')."""
        while first.i > verb.sent.start:
            before = self.doc[first.i - 1]
            if before.head.i != verb.i or before.dep_ not in VERB_GROUP_DEPS or self.quoted(before) or \
                    before.tag_ == "WRB" or before.text[:1].isupper() and self.person_word(before):
                break  # 'when asked': the wh-adverb is the clause's, not the cue's; 'Early said' (Tomas Early): a name
            first = before
        return first

    def _via_of(self, verb: Token) -> Span | None:
        """'according to X' in the same clause, or 'quoted by X', when the verb has its own speaker."""
        for child in verb.children:
            if child.dep_ == "agent" and verb.lemma_ == "quote":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return self.mention_of(objs[0])
        sent = verb.sent
        for tok in self._once_per_sentence("according", sent, lambda t: t.lower_ == "according" and next_is_to(t)):
            if not self.quoted(tok):
                obj = _according_object(tok)
                if obj is not None:
                    return self.via_phrase(obj)
        return None

    def via_phrase(self, obj: Token) -> Span:
        """'a readout released by the U.S. State Department' -> the organisation that released it."""
        if obj.lower_ in STATEMENT_NOUNS:
            for tok in obj.subtree:
                if tok.dep_ == "pobj" and tok.head.lower_ in RELEASE_PREPOSITIONS and tok.i > obj.i:
                    return self.mention_of(tok)
        return self.mention_of(obj)


def is_dash(tok: Token) -> bool:
    """A dash between words ('agree - Dara Shaw', 'agree—Dara Shaw'), not a hyphen inside one."""
    if tok.text not in DASHES:
        return False
    spaced = bool(tok.whitespace_) and (tok.i == 0 or bool(tok.doc[tok.i - 1].whitespace_))
    return spaced or tok.text not in SPACED_DASHES


def inside_word(tok: Token) -> bool:
    """A hyphen with no space on either side: part of the word around it ('Ban Ki-moon')."""
    return tok.text == "-" and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and not tok.whitespace_


def _according_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    if next_is_to(tok):
        nxt = tok.doc[tok.i + 1]
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def title_words(content: str) -> bool:
    """Every word of ``content`` capitalised but the minor ones ('Pride and Prejudice', 'Harbour First for Every
    Ward'), two words or more."""
    found = _WORDS.findall(content)
    return len(found) >= 2 and all(w[0].isupper() or w in MINOR_WORDS for w in found)
