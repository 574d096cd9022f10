"""Serve the quotes database with Datasette, described by the bundled ``metadata.json``.

``quotes/metadata.json`` is the one copy (the repository root's ``metadata.json`` links to
it). Its database entry is keyed ``quotes``; :func:`metadata_for` re-keys it to the name
Datasette gives another file (the file name without ``.db``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

METADATA_PATH = Path(__file__).with_name("metadata.json")
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001


def metadata_for(db_path: str | Path) -> dict:
    """The bundled metadata with its database entry named after ``db_path``."""
    metadata = json.loads(METADATA_PATH.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    if len(databases) == 1:
        (entry,) = databases.values()
        metadata["databases"] = {Path(db_path).stem: entry}
    return metadata


def datasette_command(db_path: str | Path, metadata_file: str | Path, host: str = DEFAULT_HOST,
                      port: int = DEFAULT_PORT, get: str | None = None) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", str(metadata_file),
               "--host", host, "--port", str(port)]
    if get is not None:
        command += ["--get", get]
    return command


def serve(db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, get: str | None = None) -> int:
    """Run Datasette on the database until it stops; with ``get``, fetch that one path and exit.

    Returns Datasette's exit status.
    """
    with tempfile.TemporaryDirectory(prefix="quotes-serve-") as tmp:
        metadata_file = Path(tmp) / "metadata.json"
        metadata_file.write_text(json.dumps(metadata_for(db_path)), encoding="utf-8")
        try:
            return subprocess.call(datasette_command(db_path, metadata_file, host, port, get))
        except KeyboardInterrupt:
            return 130
