"""The package's layout rules, checked on the source: stages import only downwards, never in a cycle."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "quotes"
MAX_LINES = 350


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """Every module this file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from quotes.store import speakers" depends on the submodule, not on the package's re-exports
            submodules = {f"{node.module}.{a.name}" for a in node.names} & set(MODULES)
            found |= submodules or {node.module}
    return found


def _internal(name: str) -> set[str]:
    return {m for m in _imports(MODULES[name]) if m in MODULES and m != name}


def _cycle_from(start: str) -> list[str] | None:
    stack, seen = [(start, [start])], set()
    while stack:
        name, path = stack.pop()
        for nxt in _internal(name):
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def _in(prefix: str) -> list[str]:
    return [m for m in MODULES if m == prefix or m.startswith(prefix + ".")]


@pytest.mark.parametrize("name", [m for m in MODULES if m != "quotes"])
def test_no_module_imports_itself_back(name):
    cycle = _cycle_from(name)
    assert cycle is None, " -> ".join(cycle)


@pytest.mark.parametrize("name", _in("quotes.store"))
def test_storage_never_imports_nlp(name):
    banned = ("spacy", "coreferee", "quotes.nlp", "quotes.attribution", "quotes.extractor")
    assert not [m for m in _imports(MODULES[name]) if m.startswith(banned)]


@pytest.mark.parametrize("name", _in("quotes.attribution") + _in("quotes.text") + _in("quotes.nlp"))
def test_extraction_stages_never_touch_the_database(name):
    banned = ("sqlite3", "sqlite_utils", "quotes.store", "quotes.factcheck", "quotes.web", "datasette")
    assert not [m for m in _imports(MODULES[name]) if m.startswith(banned)]


@pytest.mark.parametrize("name", _in("quotes.text"))
def test_text_stages_are_pure_string_work(name):
    assert not [m for m in _imports(MODULES[name]) if m.startswith(("spacy", "quotes.nlp", "quotes.attribution"))]


@pytest.mark.parametrize("name", list(MODULES))
def test_modules_stay_short(name):
    assert len(MODULES[name].read_text(encoding="utf-8").splitlines()) <= MAX_LINES


@pytest.mark.parametrize("package", ["quotes.text", "quotes.nlp", "quotes.attribution", "quotes.store",
                                     "quotes.factcheck", "quotes.run", "quotes.web"])
def test_every_stage_module_says_what_it_does(package):
    undocumented = [m for m in _in(package) if ast.get_docstring(ast.parse(MODULES[m].read_text("utf-8"))) is None]
    assert not undocumented
