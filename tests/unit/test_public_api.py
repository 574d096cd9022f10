"""The package's public API: the names a library user imports from ``quotes``."""

import subprocess
import sys

import pytest

import quotes


@pytest.mark.parametrize("name", quotes.__all__)
def test_every_public_name_is_importable(name):
    assert getattr(quotes, name) is not None


def test_every_user_error_is_a_quotes_error():
    from quotes.errors import (
        CheckError,
        DaskError,
        ExportError,
        ExtractionError,
        IdentityError,
        JobError,
        ModelNotFound,
        QuotesError,
        ReviewerError,
        ReviewError,
        StoreError,
        WorkerError,
    )

    for error in (CheckError, DaskError, ExportError, ExtractionError, IdentityError, JobError, ModelNotFound,
                  ReviewerError, ReviewError, StoreError, WorkerError):
        assert issubclass(error, QuotesError)


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        quotes.NoSuchThing  # noqa: B018


def test_importing_the_package_loads_no_spacy():
    code = "import sys, quotes; quotes.Extractor; quotes.open_db; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
