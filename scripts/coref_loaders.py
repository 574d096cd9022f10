"""coreferee training loader for OntoGUM's CoNLL-U (the OntoNotes-scheme coreference layer of GUM).

OntoGUM marks mentions in the MISC column (``Entity=(3``, ``Entity=3)``, ``Entity=(5(1)``, with
``# global.Entity = GRP``: the bracket carries only the entity's id) and starts each document with
``# newdoc id = ...``. :class:`OntoGUMConlluLoader` is a loader in the style of coreferee 1.5.0's
``LitBankANNLoader``: it rebuilds each document's text from its tokens (``SpaceAfter=No``, a line break
per paragraph), parses it with the spaCy model being trained for, maps every mention to the spaCy tokens
it covers, and marks each mention's head as coreferring with the previous (or else the next) mention of
its entity that coreferee could link (``Mention.true_in_training``).

coreferee's ``TrainingManager`` looks loader classes up by name in ``coreferee.training.loaders`` and
every loader reads the same flat data folder, so :func:`register` adds this class there; a folder with
LitBank's ``.txt``/``.ann`` files and OntoGUM ``.conllu`` files then trains on both with the loader names
``LitBankANNLoader,OntoGUMConlluLoader``. Only ``*.conllu`` files are read.

The parsing half (:func:`read_conllu`, :func:`read_splits`) needs neither spaCy nor coreferee; the
evaluation script uses it too.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

BRACKET = re.compile(r"\(|\)|[^()]+")


@dataclass
class GoldDoc:
    """One OntoGUM document: its rebuilt text, its tokens' character spans, its mentions."""

    doc_id: str
    text: str
    tokens: list[tuple[int, int, str]] = field(default_factory=list)  # (start char, end char, xpos)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)  # (entity id, first token, last token)

    def chains(self) -> dict[str, list[tuple[int, int]]]:
        """Entity id -> its mentions as (start char, end char), in text order."""
        out: dict[str, list[tuple[int, int]]] = {}
        for entity, first, last in self.mentions:
            out.setdefault(entity, []).append((self.tokens[first][0], self.tokens[last][1]))
        for spans in out.values():
            spans.sort()
        return out


def parse_entity(value: str) -> list[tuple[str, str]]:
    """``(5(1)`` -> [("open", "5"), ("open", "1"), ("close", "1")]; ``3)2)`` -> closes of 3 and 2.

    An id is the bracket's first field (``GRP``); anything after a ``-`` (other global.Entity layouts)
    is ignored.
    """
    events: list[tuple[str, str]] = []
    pending_open = False
    parts = BRACKET.findall(value)
    for index, part in enumerate(parts):
        if part == "(":
            pending_open = True
        elif part == ")":
            continue
        else:
            entity = part.split("-")[0]
            if pending_open:
                events.append(("open", entity))
                pending_open = False
            if index + 1 < len(parts) and parts[index + 1] == ")":
                events.append(("close", entity))
    return events


def _misc(column: str) -> dict[str, str]:
    out = {}
    if column != "_":
        for item in column.split("|"):
            key, _, value = item.partition("=")
            out[key] = value
    return out


def read_conllu(path: str | os.PathLike) -> list[GoldDoc]:
    """The documents of one OntoGUM CoNLL-U file (normally one)."""
    docs: list[GoldDoc] = []
    doc: GoldDoc | None = None
    pieces: list[str] = []
    open_mentions: dict[str, list[int]] = {}
    pending_space = ""
    mwt_end = 0  # last word id covered by the current multiword token
    mwt_span: tuple[int, int] | None = None
    mwt_form, mwt_cursor = "", 0
    length = 0  # characters in pieces

    def finish():
        nonlocal pieces
        if doc is not None:
            doc.text = "".join(pieces)
            docs.append(doc)

    with open(path, encoding="utf-8") as lines:
        for raw in lines:
            line = raw.rstrip("\n")
            if line.startswith("# newdoc id"):
                finish()
                doc = GoldDoc(line.split("=", 1)[1].strip(), "")
                pieces, open_mentions, pending_space, mwt_end, length = [], {}, "", 0, 0
                continue
            if line.startswith("# newpar") and not line.startswith("# newpar_"):
                if pieces:
                    pending_space = "\n"
                continue
            if not line:
                mwt_end = 0  # word ids restart in each sentence
                continue
            if line.startswith("#"):
                continue
            if doc is None:
                doc = GoldDoc(Path(path).stem, "")
            cols = line.split("\t")
            ident = cols[0]
            if "." in ident:  # an empty node: no text
                continue
            misc = _misc(cols[9])
            if "-" in ident:  # a multiword token: its surface form carries the text and the spacing
                first, last = (int(n) for n in ident.split("-"))
                start = length + len(pending_space)
                pieces.append(pending_space + cols[1])
                length = start + len(cols[1])
                mwt_span = (start, length)
                mwt_end = last
                mwt_form, mwt_cursor = cols[1], 0
                pending_space = "" if misc.get("SpaceAfter") == "No" else " "
                continue
            word_id = int(ident)
            if word_id <= mwt_end and mwt_span is not None:
                start, end = mwt_span  # its words share the multiword token's characters,
                if mwt_form.startswith(cols[1], mwt_cursor):  # or their own part of them ("NASA" + "'s")
                    start, end = start + mwt_cursor, start + mwt_cursor + len(cols[1])
                    mwt_cursor += len(cols[1])
                if word_id == mwt_end:
                    mwt_end = 0
            else:
                start = length + len(pending_space)
                pieces.append(pending_space + cols[1])
                end = length = start + len(cols[1])
                pending_space = "" if misc.get("SpaceAfter") == "No" else " "
            index = len(doc.tokens)
            doc.tokens.append((start, end, cols[4]))
            for kind, entity in parse_entity(misc.get("Entity", "")):
                if kind == "open":
                    open_mentions.setdefault(entity, []).append(index)
                elif open_mentions.get(entity):
                    doc.mentions.append((entity, open_mentions[entity].pop(), index))
    finish()
    return docs


def read_splits(path: str | os.PathLike) -> dict[str, str]:
    """GUM's ``splits.md``: document id -> train / dev / test / test2."""
    splits: dict[str, str] = {}
    section = None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif line.strip().startswith("* ") and section:
            splits[line.strip()[2:].strip()] = section
    return splits


def align(doc, gold: GoldDoc):
    """For each gold token, the indexes of the spaCy tokens overlapping its characters."""
    import bisect

    starts = [token.idx for token in doc]
    lookup = []
    for start, end, _ in gold.tokens:
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        hits = []
        for i in range(first, len(doc)):
            token = doc[i]
            if token.idx >= end:
                break
            if token.idx + len(token.text) > start and not token.is_space:
                hits.append(i)
        lookup.append(hits)
    return lookup


def mention_spans(doc, gold: GoldDoc) -> dict[str, list]:
    """Entity id -> the spaCy spans of its mentions (mentions that map to no token are dropped)."""
    lookup = align(doc, gold)
    chains: dict[str, list] = {}
    for entity, first, last in gold.mentions:
        if not lookup[first] or not lookup[last]:
            continue
        chains.setdefault(entity, []).append(doc[lookup[first][0] : lookup[last][-1] + 1])
    return chains


def mark_training_links(doc, chains: dict[str, list], rules_analyzer) -> None:
    """Mark coreferee's candidate mentions that the gold chains link, as ``LitBankANNLoader`` does:
    each mention whose head coreferee treats as a noun or an anaphor is marked true among the
    potential referreds of the previous such mention of its entity, or else of the next one."""
    from coreferee.data_model import Mention

    for span_list in chains.values():
        spans = sorted(
            {(s.start, s.end): s for s in span_list
             if rules_analyzer.is_independent_noun(s.root) or rules_analyzer.is_potential_anaphor(s.root)}.values(),
            key=lambda span: span.start,
        )
        for index, span in enumerate(spans):
            include_dependent_siblings = (
                len(span.root._.coref_chains.temp_dependent_siblings) > 0
                and span.root._.coref_chains.temp_dependent_siblings[-1].i < span.end
            )
            working_referent = Mention(span.root, include_dependent_siblings)
            marked = False
            if index > 0:
                previous = spans[index - 1]
                for mention in getattr(previous.root._.coref_chains, "temp_potential_referreds", ()):
                    if mention == working_referent:
                        mention.true_in_training = True
                        marked = True
            if not marked and index < len(spans) - 1:
                following = spans[index + 1]
                for mention in getattr(following.root._.coref_chains, "temp_potential_referreds", ()):
                    if mention == working_referent:
                        mention.true_in_training = True


def load_gold(paths, nlp, rules_analyzer=None, quiet=False):
    """Parse the CoNLL-U files with ``nlp``: [(GoldDoc, spaCy Doc)], each Doc initialised and marked
    for coreferee training when ``rules_analyzer`` is given."""
    golds = [gold for path in paths for gold in read_conllu(path)]
    out = []
    for index, (gold, doc) in enumerate(zip(golds, nlp.pipe(gold.text for gold in golds))):
        if index % 10 == 0 and not quiet:
            print("Loaded", index, "OntoGUM documents")
        if rules_analyzer is not None:
            rules_analyzer.initialize(doc)
            mark_training_links(doc, mention_spans(doc, gold), rules_analyzer)
        out.append((gold, doc))
    return out


def _generic_loader():
    try:
        from coreferee.training.loaders import GenericLoader
    except ImportError:  # the parsing helpers work without coreferee
        return object
    return GenericLoader


class OntoGUMConlluLoader(_generic_loader()):
    """coreferee training loader for OntoGUM CoNLL-U files (``*.conllu``) in a flat folder."""

    def load(self, directory_name, nlp, rules_analyzer):
        paths = sorted(e.path for e in os.scandir(directory_name) if e.name.endswith(".conllu"))
        if paths:
            print("Loading", len(paths), "OntoGUM CoNLL-U files from", directory_name)
        return [doc for _, doc in load_gold(paths, nlp, rules_analyzer)]


def register() -> None:
    """Make ``OntoGUMConlluLoader`` a loader name coreferee's TrainingManager can look up."""
    from coreferee.training import loaders

    loaders.OntoGUMConlluLoader = OntoGUMConlluLoader
