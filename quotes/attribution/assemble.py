"""Assemble the quotes of one article: run the stages, then resolve and attach each quote's speaker.

Takes the stored text, the spaCy ``Doc`` of its body (from character ``base``), its quote marks and body
spans; runs the marked-quote stage (quotes.attribution.marked) and the reported-speech stage
(quotes.attribution.reported), and gives the final :class:`Quote` list: speakers resolved through
quotes.attribution.sources, continuations and speaker labels, intermediaries (via) and sentences, and
each attributed quote's confidence: the evidence of how its speaker was found
(quotes.attribution.evidence) scored by the fitted model (quotes.attribution.confidence).
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from quotes.attribution.attributions import group_attributions
from quotes.attribution.confidence import active_model, confidence_of
from quotes.attribution.content import content_span, cues_over_prepositions
from quotes.attribution.evidence import ArticleEvidence
from quotes.attribution.frames import label_of, labelled_claims
from quotes.attribution.marked import link_mark
from quotes.attribution.parsed import Item, ParsedArticle
from quotes.attribution.reported import reported_speech
from quotes.attribution.sources import Resolution, SpeakerResolver
from quotes.attribution.subjects import relative_subject
from quotes.lexicon import value
from quotes.model import Quote, QuoteMark, Span, Speaker
from quotes.text.dateline import dateline_place
from quotes.text.marks import DOUBLE_OPEN, SINGLE_OPEN
from quotes.text.paragraphs import paragraph_end, paragraph_start, paragraphs

LABEL = value("confidence.label")
CONTINUED_OPENERS = frozenset(("", *DOUBLE_OPEN, '"', *SINGLE_OPEN, "'"))
ATTRIBUTION_FIELDS = ("speaker", "speaker_mention", "speaker_start", "speaker_end", "source_start",
                      "source_end", "cue", "cue_start", "cue_end", "via")


def extract_quotes(text: str, doc: Doc, base: int, marks: list[QuoteMark], body: list[Span],
                   coref=None) -> list[Quote]:
    """Quotes of one article: quotation-marked ones and reported speech, attributed."""
    marks = [m for m in marks if any(b.contains(m.span) or b.overlaps(m.span) for b in body)]
    parsed = ParsedArticle(doc, base, marks)
    items = [link_mark(parsed, text, m) for m in marks if m.level == 0]
    reported = list({(r.start, r.end): r for r in reversed(reported_speech(parsed, items))}.values())
    in_body = [p for p in paragraphs(text) if any(b.contains(p) or b.overlaps(p) for b in body)]
    places = {e.text.lower() for e in doc.ents if e.label_ in ("GPE", "LOC")}
    reported += labelled_claims(text, in_body, [m for m in marks if m.level == 0], places)
    # a clause reported inside another reported clause is part of it, not a quote of its own
    items += [r for r in reported if not any(o is not r and o.start <= r.start and r.end <= o.end
                                              and (o.start, o.end) != (r.start, r.end) for o in reported)]
    items.sort(key=lambda it: it.start)
    return resolve(parsed, text, items, coref)


def resolve(parsed: ParsedArticle, text: str, items: list[Item], coref=None) -> list[Quote]:
    """One :class:`Quote` per item, in order: its linked speaker, else the previous speaker's (a
    continuation), else a speaker label opening the paragraph."""
    resolver = SpeakerResolver(parsed.doc, parsed.base, parsed.quoted, parsed.mention_of, coref,
                               place=dateline_place(text))
    evidence = ArticleEvidence(parsed, text)
    out: list[Quote] = []
    sentence_starts: list[int] = []  # where each quote's sentence starts, in the order of ``out``
    last: tuple[Quote, int] | None = None  # last attributed quote and its paragraph start
    marked: Quote | None = None  # last attributed quotation (direct or partial)
    for item in items:
        quote = Quote(text=text[item.start : item.end], start=item.start, end=item.end, type=item.type)
        sentence_start, quote.sentence = sentence_of(parsed, text, item)
        sentence_starts.append(sentence_start)
        para = paragraph_start(text, item.start)
        linked = item.link is not None and item.link.mention is not None
        # a speaker label is read only where no cue, or only a guess, gives the speaker
        label = label_of(text, para) if item.type in ("direct", "partial", "term") and (
            not linked or is_guess(item.link)) or item.type == "indirect" and item.link is None else None
        if linked and not (label and is_guess(item.link)):
            mention, res = attribute_link(quote, item, resolver, parsed)
            quote.evidence = evidence.for_link(quote, item.link, mention, res)
            relative_mention(quote, item, mention, parsed)
        elif item.inherit and last is not None and can_inherit(text, item, last):
            continue_attribution(quote, _quoted_speaker(last[0], marked), evidence)
        elif label is not None:
            attribute_label(quote, item, label, resolver, text)
            quote.evidence = evidence.for_label(quote, LABEL)
        elif item.type in ("direct",) and len(quote.text.split()) < 4:
            quote.type = "term"
        out.append(quote)
        if quote.speaker is not None and item.type in ("direct", "partial", "indirect"):
            last = (quote, para)
            marked = quote if item.type != "indirect" else marked
    attribute_back(items, out, evidence)
    model = active_model()
    for quote in out:
        quote.confidence = confidence_of(quote, model)
    cues_over_prepositions(text, out)
    for quote in out:  # mention and cue as the article writes them: the parse read its no-break spaces as plain
        if quote.cue_start is not None:
            quote.cue = text[quote.cue_start : quote.cue_end]
        if quote.speaker_start is not None:
            quote.speaker_mention = text[quote.speaker_start : quote.speaker_end]
    reach = 0  # how far the quotes before have reached: fragment, cue, source
    for quote, sentence in zip(out, sentence_starts):
        # a clause before its cue starts no earlier than its sentence, nor over another attribution in it
        quote.content_start, quote.content_end = content_span(text, quote, sentence if reach <= sentence else None)
        if quote.type in ("direct", "partial", "indirect"):  # a term or title is no attribution to stop at
            reach = max(reach, quote.end, *(m for m in (quote.cue_end, quote.source_end) if m is not None))
    group_attributions(text, out, {n for n, item in enumerate(items) if item.mark is not None and item.mark.continues})
    return out


def is_guess(link) -> bool:
    """A link to whoever acts in the clause, with no cue: a speaker label opening the paragraph ("Brenn:
    Mayor Is 'Gambling' ...") says more."""
    return getattr(link.confidence, "rule", None) == "governing_actor"


def attribute_link(quote: Quote, item: Item, resolver: SpeakerResolver,
                   parsed: ParsedArticle) -> tuple[TokenSpan, Resolution]:
    """The speaker, cue and intermediary of the item's link; gives the speaker mention and its resolution."""
    link = item.link
    mention = link.mention
    via = None
    if item.speaker_token is not None:
        via = resolver.resolve(link.mention, parsed.pos(link.mention.root)).speaker
        mention = parsed.mention_of(item.speaker_token)
    # a quotation's words are its speaker's own ("my company"); reported speech names its speaker in the third person
    words = (item.start, item.end) if item.mark is not None else None
    res = resolver.resolve(mention, parsed.pos(mention[0]), quote=words)
    quote.speaker = res.speaker
    raw = mention.text
    quote.speaker_mention = raw.strip()
    quote.speaker_start = parsed.pos(mention[0]) + (len(raw) - len(raw.lstrip()))
    quote.speaker_end = quote.speaker_start + len(quote.speaker_mention)
    quote.source_start, quote.source_end = parsed.source_span(mention, link.cue)
    quote.cue, quote.cue_start, quote.cue_end = link.cue_text, link.cue_start, link.cue_end
    if via is not None:
        quote.via = via.name
    elif link.via is not None:
        quote.via = _via_name(resolver, link.via, parsed)
        if quote.via == quote.speaker_name:
            quote.via = None
    quote.method = link.method if res.method == "name" or res.method == "unnamed" else res.method
    return mention, res


def relative_mention(quote: Quote, item: Item, mention: TokenSpan, parsed: ParsedArticle) -> None:
    """'Mayor Ines Kolby, who called the plan "unfit"': the words that speak are "who" (the mention as
    annotators mark it), the speaker the person it stands for."""
    cue = item.link.cue
    relative = relative_subject(cue) if cue is not None and item.speaker_token is None else None
    if relative is not None and mention.start <= cue.head.i < mention.end and quote.speaker is not None and \
            quote.speaker.resolved:
        quote.speaker_mention, quote.speaker_start = relative.text, parsed.pos(relative)
        quote.speaker_end = quote.speaker_start + len(relative.text)


def attribute_label(quote: Quote, item: Item, label: tuple[str, int], resolver: SpeakerResolver,
                    text: str) -> None:
    """"Brenn: Mayor is 'gambling' with schools" / "SANDVIK: Well, this is not ...": the labelled person."""
    name, label_start = label
    quote.speaker = Speaker(resolver.canonical_person(name, label_start), kind="person")
    quote.speaker_mention, quote.speaker_start = text[label_start : label_start + len(name)], label_start
    quote.speaker_end = label_start + len(name)
    quote.type = "partial" if item.type == "term" else item.type
    quote.method = "label"
    if item.type == "indirect":  # a labelled claim: the label's colon is its cue
        colon = text.find(":", quote.speaker_end, item.start)
        if colon >= 0:
            quote.cue, quote.cue_start, quote.cue_end = ":", colon, colon + 1


def continue_attribution(quote: Quote, source: Quote, evidence: ArticleEvidence) -> None:
    """``quote`` continues ``source``'s words: same speaker, cue and intermediary; its evidence is the
    source's, one hop further."""
    for attr in ATTRIBUTION_FIELDS:
        setattr(quote, attr, getattr(source, attr))
    quote.method = "continuation"
    quote.evidence = evidence.for_continuation(quote, source)


def attribute_back(items: list[Item], quotes: list[Quote], evidence: ArticleEvidence) -> None:
    """A quote running over paragraphs with its cue in the last one: the earlier pieces get that speaker."""
    following: Quote | None = None
    for item, quote in zip(reversed(items), reversed(quotes)):
        if item.mark is None:
            continue
        if item.mark.continued and following is not None and following.speaker is not None and \
                quote.method == "none" and quote.type in ("direct", "term"):
            quote.type = "direct"
            continue_attribution(quote, following, evidence)
        following = quote if item.mark.continues else None


def _quoted_speaker(last: Quote, marked: Quote | None) -> Quote:
    """Whom an unattributed quotation continues: the last attribution, unless that is a clause reported in the
    frame of the quotation before ('"…," Trump assured Jones, after Jones assured him that … "…"')."""
    if last.type == "indirect" and marked is not None and marked.sentence and marked.start < last.start and \
            last.text in marked.sentence:
        return marked
    return last


def can_inherit(text: str, item: Item, last: tuple[Quote, int]) -> bool:
    """An unattributed quotation continues the last speaker's: same paragraph, or the next ones with
    nothing before the opening mark."""
    prev, prev_para = last
    para = paragraph_start(text, item.start)
    if prev.type not in ("direct", "indirect", "partial"):
        return False
    if para == prev_para:
        return True
    between = text[prev.end : item.start]
    return between.count("\n\n") + (between.count("\n") if "\n\n" not in between else 0) <= 2 and (
        item.mark is not None and text[para : item.start].strip() in CONTINUED_OPENERS)


def _via_name(resolver: SpeakerResolver, span, parsed: ParsedArticle) -> str:
    res = resolver.resolve_via(span, parsed.pos(span[0]))
    return res.speaker.name if res.speaker is not None else span.text


def sentence_of(parsed: ParsedArticle, text: str, item: Item) -> tuple[int, str]:
    """The sentence(s) holding the quote, within its paragraph: where they start, and their text."""
    span = parsed.doc.char_span(item.start - parsed.base, item.end - parsed.base, alignment_mode="expand")
    if span is None or not len(span):  # outside the parsed body, or only whitespace between tokens
        return item.start, text[item.start : item.end]
    start = max(span[0].sent.start_char + parsed.base, paragraph_start(text, item.start))
    end = min(span[-1].sent.end_char + parsed.base, paragraph_end(text, item.end))
    sentence = text[start:end]
    return start + len(sentence) - len(sentence.lstrip()), sentence.strip()
