"""The reporting-verb lexicon: which words and phrases introduce speech."""

from __future__ import annotations

# Verbs that introduce a quotation or reported clause (lemmas).
CORE_VERBS = {
    "say", "tell", "add", "warn", "caution", "note", "argue", "claim", "write", "state", "explain",
    "announce", "declare", "report", "reply", "respond", "ask", "stress", "emphasise", "emphasize",
    "insist", "admit", "acknowledge", "confirm", "deny", "tweet", "post", "comment", "remark",
    "recall", "complain", "concede", "predict", "suggest", "maintain", "contend", "assert", "allege",
    "vow", "pledge", "promise", "urge", "describe", "call", "dub", "term", "label", "thank", "praise",
    "condemn", "criticise", "criticize", "accuse", "quote", "cite", "reiterate", "repeat", "testify",
    "estimate", "forecast", "observe", "point", "joke", "shout", "whisper", "exclaim", "agree",
    "conclude", "disclose", "reveal", "indicate", "mention", "lament", "boast", "counter", "retort",
    "plead", "demand", "inform", "assure", "signal", "hint", "brief", "answer", "begin",
    "continue", "put", "attack", "scold", "slam", "blast", "mock", "hail", "tout", "decry", "liken", "compare", "scream", "chant", "quip", "muse", "recount", "recommend", "propose", "find", "show", "believe",
    "think", "feel", "hope", "fear", "know", "learn", "rule", "order", "dismiss", "defend", "question",
    "challenge", "welcome", "underline", "highlight", "apologise", "apologize", "concur", "advise", "read",
}
# Verbs whose clause complement is reported speech in the strict sense (gold's required cues).
SPEECH_VERBS = {
    "say", "tell", "add", "warn", "caution", "note", "argue", "claim", "write", "state", "explain",
    "announce", "declare", "report", "reply", "respond", "stress", "emphasise", "emphasize", "insist",
    "admit", "acknowledge", "confirm", "deny", "tweet", "post", "comment", "remark", "recall",
    "complain", "concede", "predict", "suggest", "maintain", "contend", "assert", "allege", "reiterate",
    "testify", "estimate", "forecast", "observe", "disclose", "reveal", "indicate", "mention", "inform",
    "assure", "ask", "quote", "conclude", "underline", "highlight", "point", "learn", "find", "show", "believe", "think",
    "hope", "fear", "promise", "vow", "pledge", "signal", "hint", "brief", "read",
}
# Verbs that take a quoted name or label as object: called it "aggression".
NAMING_VERBS = {"call", "describe", "dub", "term", "label", "brand", "characterise", "characterize"}
# Phrasal cues written as text.
ACCORDING_TO = ("according", "to")
# Nouns that mark a document or event carrying a statement.
STATEMENT_NOUNS = {
    "statement", "filing", "readout", "report", "release", "letter", "post", "interview", "briefing",
    "conference", "estimates", "document", "documents", "minutes", "memo", "email", "tweet", "speech",
}
# Nouns whose possessor is the speaker: "Trump's claim that there were "thousands of shootings"".
CLAIM_NOUNS = {
    "claim", "statement", "remarks", "comments", "words", "assertion", "warning", "promise", "pledge",
    "tweet", "comment", "argument", "accusation", "charge", "description", "call", "vow", "message",
}
REPORTER_OBJECTS = {"reporters", "journalists", "media", "press", "lawmakers", "parliament", "audience"}


def is_cue_lemma(lemma: str) -> bool:
    return lemma.lower() in CORE_VERBS


def is_speech_lemma(lemma: str) -> bool:
    return lemma.lower() in SPEECH_VERBS
