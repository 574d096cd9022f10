"""Machine-readable output for read commands, as sqlite-utils prints rows: a JSON array (``--json``), one
JSON object a line (``--nl``) or CSV with a header (``--csv``)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from typing import Annotated, Any

import typer

AsJson = Annotated[bool, typer.Option("--json", help="Print the results as a JSON array.")]
AsNl = Annotated[bool, typer.Option("--nl", help="Print the results as newline-delimited JSON, one object a line.")]
AsCsv = Annotated[bool, typer.Option("--csv", help="Print the results as CSV with a header row.")]


def wanted(as_json: bool, as_nl: bool, as_csv: bool) -> str | None:
    """The output format asked for (None: text); more than one is a usage mistake."""
    chosen = [name for name, on in (("json", as_json), ("nl", as_nl), ("csv", as_csv)) if on]
    if len(chosen) > 1:
        raise typer.BadParameter(f"give one of --{' or --'.join(chosen)}")
    return chosen[0] if chosen else None


def emit(rows: Iterable[Any], format: str) -> None:
    """Print ``rows`` (dicts or dataclasses) to stdout in ``format`` ("json", "nl" or "csv")."""
    dicts = [asdict(r) if is_dataclass(r) else dict(r) for r in rows]
    if format == "json":
        typer.echo(json.dumps(dicts, ensure_ascii=False, indent=2))
    elif format == "nl":
        for row in dicts:
            typer.echo(json.dumps(row, ensure_ascii=False))
    else:
        fields = list(dict.fromkeys(key for row in dicts for key in row))
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in dicts:
            writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value: Any) -> Any:
    """A CSV cell: a list of plain values joined by "; ", anything nested as JSON text."""
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return "; ".join(map(str, value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value
