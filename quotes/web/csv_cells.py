"""Datasette's own CSV downloads made safe for spreadsheets, as ``quotes export`` makes its files.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by
spreadsheet programs; scraped text can start with one. Such a cell (unless it is a plain number) gets a
leading apostrophe. The CSV arrives in chunks that may end inside a record (even inside a quoted cell
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


class CsvCells:
    """Rewrites a CSV stream record by record: feed it chunks, then call :meth:`end`."""

    def __init__(self):
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
        return _rewrite(complete)

    def end(self) -> str:
        rest, self.pending, self.scanned = self.pending, "", 0
        return _rewrite(rest)


def _rewrite(records: str) -> str:
    if not records:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(records, newline="")):
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
