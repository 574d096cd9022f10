"""Unicode spaces the parser does not know as spaces ('Holt\u00a0said' parses the no-break space as a word of
its own, which breaks the clause), turned into plain spaces before parsing, every offset kept."""

from __future__ import annotations

import re

# the horizontal spaces of Unicode category Zs other than " " (line breaks are left as they are)
_UNICODE_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def plain_spaces(body: str) -> str:
    """``body`` with each no-break, thin, figure or other Unicode space replaced by " " (same length)."""
    return _UNICODE_SPACES.sub(" ", body)
