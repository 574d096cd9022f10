"""Stage 1, text: pure string work on an article's exact text, no spaCy.

Takes the article text; gives character spans into it: ``paragraphs`` (the one definition of a
paragraph), ``marks`` (paired quotation marks), ``body`` (article prose without page clutter, and
the wire credit) and ``dateline`` (the filing place, and the mask that keeps it out of the parse).
"""
