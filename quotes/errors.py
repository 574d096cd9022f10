"""One family of errors: every problem a user can cause (bad input, a missing model, a busy port, an
unknown speaker) is a :class:`QuotesError` whose ``str()`` is one line; the CLI catches only this type.

Anything else that escapes is a bug and is reported as an internal error.
"""

from __future__ import annotations


class QuotesError(Exception):
    """A problem the user can fix, told in one line."""


class ModelNotFound(QuotesError, RuntimeError):
    """No usable spaCy model is installed."""


class CorefUnavailable(QuotesError):
    """coreferee cannot be added to this model (not installed, or no coreferee model for it)."""


class ConfidenceModelError(QuotesError, RuntimeError):
    """The confidence model's coefficients file (quotes/lexicon/confidence.json) is missing or broken."""


class ExtractionError(QuotesError, RuntimeError):
    """The extractor failed on an article (a bug to report); ``str()`` names the article."""


class StoreError(QuotesError):
    """The database cannot be opened or written as asked."""


class IdentityError(QuotesError):
    """A speaker merge or split that cannot be done (unknown speaker, ambiguous name)."""


class JobError(QuotesError):
    """An extraction or evaluation run cannot start (no inputs, unreadable gold file, bad type list)."""


class WorkerError(QuotesError):
    """A local worker process died or failed."""


class DaskError(QuotesError):
    """The Dask scheduler cannot be reached or failed."""


class CheckError(QuotesError):
    """A claim cannot be checked as asked."""


class ExportError(QuotesError):
    """An export cannot be written as asked (bad filter, unwritable file)."""


class ReviewError(QuotesError):
    """A verdict that cannot be recorded."""


class ReviewerError(QuotesError):
    """A reviewer account that cannot be added, listed or removed."""


class ServeError(QuotesError):
    """Datasette cannot be served as asked (busy port, plugin not installed)."""
