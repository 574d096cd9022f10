"""Frame cues of a direct quotation: the words around the marks that say who speaks.

Takes a parsed article, its text and one quotation mark; gives the :class:`Link` of the cue after the quote
('"...," she said'), before it ('She said: "..."'), a dash credit ('"..." - Jane Doe'), a colon lead-in
closing the paragraph before it, or ``None``. Also reads speaker labels opening a paragraph ("SANDVIK: ...").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from quotes.attribution.colons import can_act, colon_source, comma_source, dashed_name
from quotes.attribution.cues import is_cue
from quotes.attribution.objects import verb_frame
from quotes.attribution.parsed import DASHES, Item, Link, ParsedArticle, title_words
from quotes.attribution.subjects import ISSUED_NOUNS, subject_of
from quotes.lexicon import sequence, value, words
from quotes.model import QuoteMark, Span
from quotes.text.marks import DOUBLE_OPEN, MARK_CHARS
from quotes.text.paragraphs import paragraph_start

MAX_FRAME_TOKENS = 14
ANY_VERB_FRAME_TOKENS = 8  # a clause after a quotation this short credits it with any verb
NEAR_AFTER_SENTENCE = 5  # after a quote ending its sentence, only a cue this close is "near"
COLON_LINE_TOKENS = 6  # "Stated Stone:" on a line of its own
NON_SPEAKER_LABELS = words("attribution.marked.non_speaker_labels")
MIN_CLAIM_WORDS = 3  # the fewest words after a speaker label that make a claim ('Poll: Brenn leads Lind')
SENTENCE_END = (".", "!", "?")
LEAD_IN_ENDS = sequence("attribution.marked.lead_in_ends")
CREDITING_VERBS = words("attribution.marked.crediting_verbs")
RIGHT_FRAME_NEAR = value("confidence.right_frame_near")
RIGHT_FRAME_FAR = value("confidence.right_frame_far")
DASH_CREDIT = value("confidence.dash_credit")
COLON_LEAD_IN = value("confidence.colon_lead_in")
LEFT_FRAME = value("confidence.left_frame")

_CREDIT = re.compile(r"[ \t]*([―—–]|--)[ \t]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3})[ \t]*\.?[ \t]*(?:\n|$)")
# '"…"\n\n-Mara Lind, Oskarvik.', '- Clinton.': a paragraph of its own crediting the quotation before it
_CREDIT_LINE = re.compile(r"[ \t]*\n\s*([―—–-]|--)[ \t]*([A-Z][\w.'’-]*?(?: [A-Z][\w.'’-]*?){0,3})"
                          r"(?:,[^\n]{1,80})?[ \t]*\.?[ \t]*(?:\n|$)")
_COLON_AFTER = re.compile(r"[^.!?,;\n\"“”]{0,80}:(?=\s|$)")  # the rest of the cue's clause, up to a colon ending it
# a label may follow a double opening mark: '"Brenn: Mayor is ...'
_LABEL = re.compile("[" + re.escape(DOUBLE_OPEN + '"') + "]?"
                    + r"((?:[A-Z][\w.'’-]*\s){0,5}[A-Z][\w.'’-]*)(\s+on\s[^:\n]{1,80})?:\s")


def can_speak(head: Token) -> bool:
    """A speaker mention that can be a source: one that can act, or a document ('the report said')."""
    return can_act(head) or head.pos_ != "NOUN" or head.lemma_.lower() in ISSUED_NOUNS


def frame_tokens(parsed: ParsedArticle, text: str, pos: int, forward: bool) -> list[Token]:
    """Tokens outside quotes after (or before) a quote, up to the sentence edge."""
    doc, base = parsed.doc, parsed.base
    out: list[Token] = []
    if forward:
        size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # len(doc.text) without rebuilding it
        span = doc.char_span(pos - base, size, alignment_mode="expand") if pos - base < size else None
        for tok in span or []:
            if "\n" in tok.text or parsed.quoted(tok):
                break
            out.append(tok)
            if tok.text in SENTENCE_END or len(out) > MAX_FRAME_TOKENS * 2:
                break
        return out
    span = doc.char_span(0, max(0, pos - base), alignment_mode="contract")
    for i in range(span.end - 1, -1, -1) if span is not None else ():  # back from the quote, not from the top
        tok = doc[i]
        if "\n" in tok.text or parsed.quoted(tok) or tok.text in SENTENCE_END:
            break
        out.append(tok)
    out.reverse()
    return out


def right_frame_cue(parsed: ParsedArticle, text: str, mark: QuoteMark) -> Link | None:
    """'"...," she said': a cue verb with a speaker after the closing mark, else a dash credit."""
    if mark.continued:
        return None
    credit = _CREDIT.match(text, mark.span.end + 1) or _CREDIT_LINE.match(text, mark.span.end + 1)
    if credit is not None:  # '"…”― Jane Doe' with the dash glued to the mark, or on a line of its own
        return _credit_link(parsed, credit)
    frame = frame_tokens(parsed, text, mark.span.end + 1, forward=True)
    if not frame or frame[0].text in SENTENCE_END:
        return None
    ends_sentence = text[mark.span.start : mark.span.end].rstrip()[-1:] in ".!?"
    limit = NEAR_AFTER_SENTENCE if ends_sentence else MAX_FRAME_TOKENS
    mute = None  # '"…," and donations began to pick up, Gilbert said': a cue whose subject cannot speak waits
    for n, tok in enumerate(frame[: MAX_FRAME_TOKENS * 2]):
        if is_cue(tok) and not _in_speaker_relative(tok):
            if ends_sentence and (_parenthetical_of_next_clause(parsed, tok) or _frames_next(parsed, text, tok)
                                  or _own_content(parsed, tok)):
                return None  # '"…a stranger." The town, he said, has grown', 'He added:': the next sentence's
            near = n < limit
            link = parsed.link_from_cue(tok, "syntax" if near else "pattern",
                                        RIGHT_FRAME_NEAR if near else RIGHT_FRAME_FAR)
            if link is not None and link.mention is None and n > 0:
                link = _name_opening_the_frame(parsed, frame, tok, link)
            if link is not None and link.mention is not None:
                if tok.lemma_.lower() in CREDITING_VERBS or can_speak(link.mention.root):
                    return link
                mute = mute or link
    return mute or dash_credit(parsed, frame) or inverted_credit(parsed, frame) or any_verb_frame(
        parsed, text, mark, frame)


def _parenthetical_of_next_clause(parsed: ParsedArticle, tok: Token) -> bool:
    """A cue (``tok``) set off inside the clause after a quotation that ended its sentence ("The town, he said, has
    grown too fast"): it reports that clause, not the quotation."""
    return tok.dep_ == "parataxis" and tok.head.i > tok.i and not parsed.quoted(tok.head)


def _frames_next(parsed: ParsedArticle, text: str, tok: Token) -> bool:
    """A cue (``tok``) after a quotation that ended its sentence whose clause ends in a colon ('"…up against."
    She went on to say: "…"'): it opens the quotation after it, not the one before."""
    return _COLON_AFTER.match(text, parsed.pos(tok) + len(tok.text)) is not None


def _own_content(parsed: ParsedArticle, tok: Token) -> bool:
    """A cue after a quotation that ended its sentence with a clause of its own ('"…back." He added that the
    rules would change', '… He wants to leave'): that sentence's attribution, not the quotation's."""
    f = verb_frame(parsed, tok)  # a to-infinitive only: not '"…?" Lind asked, shaking his head'
    return any(c.dep_ == "ccomp" and c.i > tok.i for c in f.kids) or f.infinitive is not None and f.infinitive.i > tok.i


def _name_opening_the_frame(parsed: ParsedArticle, frame: list[Token], verb: Token, link: Link) -> Link:
    """'"…," Gene Sperling, a top adviser, said': the parser made the name part of the quotation's clause and
    left the reporting verb without a subject; the proper name opening the frame before the verb is it."""
    names: list[Token] = []  # 'Tulsa police Chief Chuck Jordan': capitalised words, role nouns after the first
    for tok in frame:
        capitalised = tok.pos_ == "PROPN" or tok.is_alpha and tok.text[:1].isupper()
        if tok.i >= verb.i or not (capitalised or names and tok.pos_ == "NOUN"):
            break
        names.append(tok)
    if not names or names[-1].pos_ != "PROPN" or frame[len(names)].text != "," and frame[len(names)].i != verb.i:
        return link
    return Link(verb, link.cue_start, link.cue_end, link.cue_text, parsed.doc[names[0].i : names[-1].i + 1],
                link.via, link.method, link.confidence)


def _in_speaker_relative(verb: Token) -> bool:
    """'"…," Warren, who has not endorsed a candidate, told reporters': a cue in a relative clause on the
    subject of a cue verb describes the speaker; the verb it hangs on reports the quote."""
    holder = verb.head
    return verb.dep_ == "relcl" and holder.dep_ in ("nsubj", "nsubjpass") and is_cue(holder.head)


def any_verb_frame(parsed: ParsedArticle, text: str, mark: QuoteMark, frame: list[Token]) -> Link | None:
    """'"…," Hannity pressed.', '"…," opined the Plain Dealer.': a quotation ending in a comma, question or
    exclamation mark, then a short clause of a subject and a verb outside the cue lexicon."""
    if text[mark.span.start : mark.span.end].rstrip()[-1:] not in (",", "?", "!"):
        return None
    tokens = [t for t in frame if not t.is_space]
    end = next((n for n, t in enumerate(tokens) if t.text in SENTENCE_END or t.text == ","), len(tokens))
    clause = tokens[:end]
    if len(clause) < 2 or clause[0].text[:1].isupper() and clause[0].pos_ == "VERB":
        return None
    verbs = [t for t in clause if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP")]
    if not verbs or verbs[0].i - clause[0].i >= ANY_VERB_FRAME_TOKENS:
        return None
    verb = verbs[0]
    if len(clause) > ANY_VERB_FRAME_TOKENS and not any(  # a longer clause: its subject must be one who speaks
            c.dep_ == "nsubj" and can_speak(c) for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not parsed.quoted(c)), None)
    if subject is None and verb.i == clause[0].i:  # inverted: 'opined the Plain Dealer', 'tweeted another'
        subject = next((t for t in clause[1:] if t.head.i == verb.i and t.pos_ in ("PROPN", "NOUN", "PRON", "ADJ")
                        and t.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "oprd")), None)
    if subject is None or not any(t.i == subject.i for t in clause):
        return None
    start, end_char, cue = parsed.cue_text(verb)
    return Link(verb, start, end_char, cue, parsed.mention_of(subject), None, "pattern", RIGHT_FRAME_FAR)


def inverted_credit(parsed: ParsedArticle, frame: list[Token]) -> Link | None:
    """'"…?" reacted Brenn.': a verb in the past or present, then only a name, closing the sentence; the
    verb needs no place in the cue lexicon."""
    tokens = [t for t in frame if not t.is_space and t.text not in (",",)]
    if len(tokens) < 3 or tokens[0].pos_ != "VERB" or tokens[0].tag_ not in ("VBD", "VBZ") or \
            tokens[-1].text not in SENTENCE_END:
        return None
    names = tokens[1:-1]
    if not 1 <= len(names) <= 4 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in names):
        return None
    verb = tokens[0]
    start = parsed.pos(verb)
    return Link(verb, start, start + len(verb.text), verb.text, parsed.doc[names[0].i : names[-1].i + 1], None,
                "pattern", RIGHT_FRAME_FAR)


def _credit_link(parsed: ParsedArticle, credit: re.Match) -> Link | None:
    name = parsed.doc.char_span(credit.start(2) - parsed.base, credit.end(2) - parsed.base, alignment_mode="expand")
    if name is None:
        return None
    dash = credit.start(1)
    tok = parsed.doc.char_span(dash - parsed.base, credit.end(1) - parsed.base, alignment_mode="expand")
    if tok is None:
        return None
    return Link(tok[0], dash, credit.end(1), credit.group(1), name, None, "pattern", DASH_CREDIT)


def dash_credit(parsed: ParsedArticle, frame: list[Token]) -> Link | None:
    """'"…" ― Jane Doe': a name credited after a dash, with no verb."""
    tokens = [t for t in frame if not t.is_space]
    if len(tokens) >= 2 and tokens[0].text in DASHES and tokens[1].pos_ == "PROPN":
        names = [tokens[1]]
        for tok in tokens[2:]:
            if tok.pos_ != "PROPN":
                break
            names.append(tok)
        mention = parsed.doc[names[0].i : names[-1].i + 1]
        start = parsed.pos(tokens[0])
        return Link(tokens[0], start, start + len(tokens[0].text), tokens[0].text, mention, None, "pattern",
                    DASH_CREDIT)
    return None


def colon_lead_in(parsed: ParsedArticle, text: str, mark: QuoteMark) -> Link | None:
    """'Sanders made the following comment:' closing the paragraph before a quotation."""
    para_start = paragraph_start(text, mark.span.start)
    if text[para_start : mark.span.start - 1].strip():
        return None
    prev_end = para_start - 1
    while prev_end > 0 and text[prev_end - 1].isspace():
        prev_end -= 1
    if prev_end <= 0 or text[prev_end - 1] != ":":
        return None
    frame = frame_tokens(parsed, text, prev_end, forward=False)
    for tok in reversed(frame):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "ROOT":
            subject = subject_of(tok, parsed)
            if subject is not None:
                link = parsed.link_from_cue(tok, "pattern", COLON_LEAD_IN)
                if link is not None and link.mention is not None:
                    return link
    if len(frame) <= COLON_LINE_TOKENS:
        return colon_source(parsed, frame)
    return None


def left_frame_cue(parsed: ParsedArticle, text: str, mark: QuoteMark) -> Link | None:
    """'She said: "..."': a cue verb with a speaker before the opening mark, else who a colon names."""
    before = text[paragraph_start(text, mark.span.start) : mark.span.start - 1].rstrip()
    if before.endswith(".") and len(before) > 1:
        return _empty_speech_act(parsed, text, mark)
    if not before.endswith(LEAD_IN_ENDS):
        return None
    frame = frame_tokens(parsed, text, mark.span.start - 1, forward=False)
    if before.endswith(":") and (dashed := dashed_name(parsed, frame)) is not None:
        return dashed
    for tok in reversed(frame):
        if is_cue(tok):
            link = parsed.link_from_cue(tok, "syntax", LEFT_FRAME)
            if link is not None and link.mention is not None:
                return link
    if before.endswith(":") and label_of(text, paragraph_start(text, mark.span.start)) is None:
        return colon_source(parsed, frame)
    if before.endswith((",", *DASHES)) and _sentence_like(text[mark.span.start : mark.span.end]):
        return comma_source(parsed, frame)  # 'Brenn issued a statement, "…."', 'Brenn embraced it — "…."'
    return None


def _sentence_like(content: str) -> bool:
    """A quotation that is a sentence of its own: capitalised, several words, not a title, ending in . ! or ?
    ('"Last night the levy held."', not '"a retired fisherman."', '"Marta."' or '"Harbour First for Every Ward."')."""
    stripped = content.strip()
    return stripped.lstrip("[(")[:1].isupper() and stripped[-1:] in SENTENCE_END and not title_words(stripped) \
        and len(stripped.split()) > MIN_CLAIM_WORDS


def _empty_speech_act(parsed: ParsedArticle, text: str, mark: QuoteMark) -> Link | None:
    """'Mara Lind, the party's spokeswoman, said in a statement. "…"': the sentence just before the
    quotation is a speech verb that says nothing yet (no clause or object), so the quotation is what it said."""
    span = parsed.doc.char_span(0, max(0, mark.span.start - 1 - parsed.base), alignment_mode="contract")
    if span is None or not len(span):
        return None
    last = span[-1]
    while last.i > 0 and (last.is_space or last.text in MARK_CHARS):
        last = parsed.doc[last.i - 1]
    if last.text != ".":
        return None
    sent = last.sent
    root = sent.root
    if not is_cue(root) or parsed.quoted(root) or any(
            c.dep_ in ("ccomp", "dobj", "xcomp", "attr") for c in root.children):
        return None
    link = parsed.link_from_cue(root, "syntax", LEFT_FRAME)
    return link if link is not None and link.mention is not None else None


def label_of(text: str, para: int) -> tuple[str, int] | None:
    """A speaker label opening the paragraph ("SANDVIK: ..." in a transcript, "Brenn: ..." in a headline),
    accepted when the name is used elsewhere in the article: the name and where it starts."""
    found = _accepted_label(text, para)
    return (found[0], found[1].start(1)) if found is not None else None


def _accepted_label(text: str, para: int) -> tuple[str, re.Match] | None:
    """:func:`label_of`'s name, with the label's match (where the words after it start)."""
    match = _LABEL.match(text, para)
    if match is None:
        return None
    label = match.group(1)
    if match.group(2) and (para != 0 and text[:para].strip()):
        return None  # "Gillibrand on the transcripts: '...'" only as a headline
    names = label.split()
    if len(names[-1]) < 2:
        return None  # "Q:" and "A:" in interviews
    if label.isupper():
        names = [w.capitalize() for w in names]
    elif para != 0 and text[:para].strip():
        return None  # mixed case labels only in the headline
    rest = text[:para] + text[match.end() :]
    if not re.search(r"\b" + re.escape(names[-1]) + r"\b", rest):
        return None
    return " ".join(names), match


def labelled_claims(text: str, paragraphs: list[Span], marks: list[QuoteMark], places: set[str]) -> list[Item]:
    """'Brenn: The harbour levy will stay' (a headline), 'SANDVIK: Well, I think …' (a transcript): a paragraph
    that a speaker label opens and no quotation mark enters is what the labelled person said, an ``indirect``
    item with no cue for the label to attribute; not a place's label (``places``, lower case), a capitalised
    one opening the article (a dateline 'OSKARVIK: …') or an editor's ('UPDATE: …')."""
    items = []
    for para in paragraphs:
        found = _accepted_label(text, para.start)
        if found is None or found[0].startswith("The ") or found[0].lower() in places | NON_SPEAKER_LABELS or any(
                m.span.overlaps(para) for m in marks):
            continue  # 'The Latest: …': a column's name, not a speaker
        if (match := found[1]).group(1).isupper() and not text[: para.start].strip():
            continue  # 'OSKARVIK: The council …' opening the article: a dateline
        start = match.end()
        end = para.start + len(text[para.start : para.end].rstrip(" .\n\t\xa0"))
        if len(text[start:end].split()) >= MIN_CLAIM_WORDS and not text[start:end].endswith("?"):
            items.append(Item(start, end, "indirect", None))
    return items


def cue_follows_quote(parsed: ParsedArticle, text: str, link: Link, end: int) -> bool:
    """The cue after a quotation, or its speaker, comes right after the closing mark ('…," Kolby said',
    '…" — Lind, 54, said'), not after other words ('…" - at which point the crowd chanted')."""
    first = link.cue_start if link.mention is None else min(link.cue_start, parsed.pos(link.mention[0]))
    return not text[end + 1 : first].strip(" ,.;\u00a0\u2019\u201d'\"\u2014\u2013-")


def cue_opens_quote(text: str, link: Link, start: int) -> bool:
    """The cue before a quotation opens it: 'He said, "…"'."""
    return text[link.cue_end : start - 1].strip() in ("", ",", ":")
