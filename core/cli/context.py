"""What every command needs: the store, the profile, and the user's language."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from sqlalchemy import Engine

from core import settings
from core.db import get_engine
from core.errors import CoachError
from core.i18n import t
from core.importing.errors import ImportRefused
from core.importing.sandbox import FILE_MB, MB
from core.profiles import profile_id
from core.usertext import terminal


def language() -> str:
    return settings.language()


def store() -> tuple[Engine, int]:
    """The engine for DATABASE_URL (migrated on open) and the chosen profile's id."""
    engine = get_engine()
    return engine, profile_id(engine, settings.profile_name())


_REASONS = {
    FileNotFoundError: "cli.reason_missing",
    IsADirectoryError: "cli.reason_directory",
    NotADirectoryError: "cli.reason_missing",
    PermissionError: "cli.reason_permission",
}


class FileProblem(CoachError):
    """A file that cannot be read or written, with the reason in the user's language
    where we know it (the system's own words otherwise)."""

    def __init__(self, key: str, path: Path, exc: OSError) -> None:
        self.reason_key = _REASONS.get(type(exc))
        self.detail = exc.strerror or str(exc)
        super().__init__(key, file=str(path))

    def message(self, lang: str = "en") -> str:
        reason = t(self.reason_key, lang) if self.reason_key else self.detail
        return t(self.key, lang, reason=reason, **self.params)


def read_file(path: Path) -> bytes:
    """A file named to import, read no further than the most the importer takes (the
    dashboard's upload limit): a larger one, or a device such as /dev/zero, is refused."""
    limit = FILE_MB * MB
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as exc:
        raise FileProblem("cli.cannot_read", path, exc) from exc
    if len(data) > limit:
        size = -(-max(_size(path), len(data)) // MB)
        raise ImportRefused("safety.file_too_big", file=path.name, size=size, limit=FILE_MB)
    return data


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def write_file(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise FileProblem("cli.cannot_write", path, exc) from exc


def print_json(payload: object) -> None:
    """One serialised string, one write: json.dump writes piece by piece, each a call
    through the text layer (2 s of 7 for a plan of 1,000 debts)."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def echo_table(rows: list[list[str]], header: list[str]) -> None:
    """A plain aligned table; wide (CJK) characters count double."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    table = [header, *([terminal(cell) for cell in row] for row in rows)]
    sizes = [max(width(r[i]) for r in table) for i in range(len(header))]
    for row in table:
        typer.echo("  ".join(cell + " " * (sizes[i] - width(cell)) for i, cell in enumerate(row)))
