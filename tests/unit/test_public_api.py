"""The package's public API: the names a library user imports from ``quotes``."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

import quotes


@pytest.mark.parametrize("name", quotes.__all__)
def test_every_public_name_is_importable(name):
    assert getattr(quotes, name) is not None


def test_every_error_class_of_the_family_is_a_quotes_error():
    from quotes import errors

    family = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert len(family) > 10 and all(issubclass(error, errors.QuotesError) for error in family)


def test_the_error_family_is_defined_in_one_module():
    package = Path(quotes.__file__).parent
    elsewhere = [str(p.relative_to(package)) for p in package.rglob("*.py") if p.name != "errors.py"
                 and re.search(r"^class [A-Za-z]\w*\((QuotesError|\w*Error|Exception)\b", p.read_text("utf-8"), re.M)]
    assert elsewhere == []


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        quotes.NoSuchThing  # noqa: B018


def test_importing_the_package_loads_no_spacy():
    code = "import sys, quotes; quotes.Extractor; quotes.open_db; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
