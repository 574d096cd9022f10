"""The ``quotes`` command line: a thin layer over the library (:mod:`quotes.run`, :mod:`quotes.store`,
:mod:`quotes.factcheck`, :mod:`quotes.web`). Each command is one library call plus printing; every
expected problem ends in a one-line error and a non-zero exit.

``app`` holds the commands; each module below registers its own, in the order ``quotes --help`` lists them.
"""

from quotes.cli import extract, lookup, speakers, admin  # noqa: F401, I001  (registers the commands, in this order)
from quotes.cli.app import app

__all__ = ["app"]
