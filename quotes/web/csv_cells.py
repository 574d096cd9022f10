"""Datasette's own CSV downloads made safe for spreadsheets, as ``quotes export`` makes its files.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by
spreadsheet programs; scraped text can start with one. Such a cell (unless it is a plain number) gets a
leading apostrophe. With labels (``_labels=on``, which the tables' CSV links carry), Datasette heads a
foreign key's label column ``speaker_id_label``: the heading becomes ``speaker`` (``article`` for the
headline of ``article_id``). The CSV arrives in chunks that may end inside a record (even inside a quoted cell
holding a newline): :class:`CsvCells` rewrites whole records only and keeps the rest for the next chunk.
"""

from __future__ import annotations

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """``value`` as a spreadsheet shows it as text."""
    if value[:1] in FORMULA_STARTS:
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


LABEL_SUFFIX = "_id_label"


def readable_headings(headings: list[str]) -> list[str]:
    """Datasette's ``X_id_label`` headings as ``X`` (where no other column is called that)."""
    taken = set(headings)
    out = []
    for heading in headings:
        plain = heading[:-len(LABEL_SUFFIX)] if heading.endswith(LABEL_SUFFIX) else ""
        out.append(plain if plain and plain not in taken else heading)
    return out


class CsvCells:
    """Rewrites a CSV stream record by record: feed it chunks, then call :meth:`end`. With ``header``
    the first record is the headings (:func:`readable_headings`)."""

    def __init__(self, header: bool = False):
        self.header = header
        self.pending = ""
        self.in_quotes = False
        self.scanned = 0  # how far ``pending`` has been scanned for the end of a record

    def feed(self, chunk: str) -> str:
        self.pending += chunk
        done = 0
        i = self.scanned
        while i < len(self.pending):
            ch = self.pending[i]
            if ch == '"':
                self.in_quotes = not self.in_quotes
            elif ch == "\n" and not self.in_quotes:
                done = i + 1
            i += 1
        complete, self.pending = self.pending[:done], self.pending[done:]
        self.scanned = len(self.pending)
        return self._rewrite(complete)

    def end(self) -> str:
        rest, self.pending, self.scanned = self.pending, "", 0
        return self._rewrite(rest)

    def _rewrite(self, records: str) -> str:
        if not records:
            return ""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for row in csv.reader(io.StringIO(records, newline="")):
            if self.header:
                row, self.header = readable_headings(row), False
            writer.writerow([safe_cell(cell) for cell in row])
        return out.getvalue()
