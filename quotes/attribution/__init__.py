"""Stage 3, attribution: who said what, on one parsed article body (no I/O, no database).

Takes the stored text, the spaCy ``Doc`` of its body, its quote marks and body spans; gives the article's
:class:`~quotes.model.Quote` records, each with content span, type, cue and canonical speaker.

The stages, in the order ``assemble`` runs them (PARC's triple: content, cue, source):

- ``parsed``: the parsed article (token/offset helpers, a cue's :class:`Link`); ``subjects``: the speaker
  of a reporting verb (clause subjects, inverted and relative subjects);
- ``cues``: the reporting-cue lexicon and its predicates;
- ``marked``: quotation-marked content typed title, term, direct or partial, with its cue;
  ``frames``: the frame cues around a direct quotation (after, before, dash credits, colons, labels);
- ``reported``: reported speech without marks (complements, parentheticals, objects, according to);
- ``sources``: speaker mentions -> canonical speakers (``names``: name strings, ``register``: the names an
  article has shown, ``descriptions``: "the ministry", "the statement");
- ``assemble``: runs the stages and builds the final quotes (continuations, labels, via, sentence);
- ``evidence``: how each quote's speaker was found, as features; ``confidence``: the fitted logistic
  model that turns them into the quote's confidence (coefficients in ``quotes/lexicon/confidence.json``).
"""
