"""The person's reading of a layout, remembered: the next file with the same header is read
the same way (and the page says so), so a correction is made once, not every month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from core.importing.errors import ImportRefused
from core.importing.layouts import by_position
from core.importing.preview import ImportPreview, headerless_signature, preview_file
from core.importing.reading import Reading
from core.models import LayoutMemory
from core.versions import writing

MEMORY = LayoutMemory.__table__


def remembered(engine: Engine, profile_id: int, signature: str) -> Reading | None:
    """How this layout was read last time, if the person chose anything for it."""
    if not signature:
        return None
    m = MEMORY.c
    with engine.connect() as conn:
        text = conn.execute(
            sa.select(m.reading).where(m.profile_id == profile_id, m.signature == signature)
        ).scalar()
    return None if text is None else Reading.from_json(text)


def remember_on(conn: Connection, profile_id: int, preview: ImportPreview) -> None:
    """Keep the choices the preview was read with for its layout; none chosen, nothing kept
    (a reading left as detected needs no memory, and an earlier one stays)."""
    reading = preview.reading
    if not reading.chosen or not preview.signature:
        return
    values = {"reading": reading.to_json(), "updated_at": dt.datetime.now(dt.UTC)}
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(MEMORY).values(
        profile_id=profile_id, signature=preview.signature[:64], **values
    )
    conn.execute(
        statement.on_conflict_do_update(index_elements=["profile_id", "signature"], set_=values)
    )


def forget(engine: Engine, profile_id: int, signature: str) -> bool:
    """Read this layout as detected again."""
    m = MEMORY.c
    with writing(engine, profile_id) as conn:
        gone = conn.execute(
            MEMORY.delete().where(m.profile_id == profile_id, m.signature == signature)
        ).rowcount
    return bool(gone)


def preview_remembered(
    engine: Engine, profile_id: int, file_name: str, data: bytes, reading: Reading | None = None
) -> tuple[ImportPreview, bool]:
    """The file read as remembered for its layout in the store: `read_remembering`."""
    return read_remembering(
        file_name, data, reading, lambda signature: remembered(engine, profile_id, signature)
    )


def read_remembering(
    file_name: str,
    data: bytes,
    reading: Reading | None,
    recall: Callable[[str], Reading | None],
    *,
    read: Callable[..., ImportPreview] = preview_file,
    headerless: Callable[[str, bytes, str | None], str] = headerless_signature,
) -> tuple[ImportPreview, bool]:
    """The file read as remembered for its layout (`recall(signature)`), with the person's
    `reading` on top (a choice made now wins over the one remembered); True when the
    memory was used. The dashboard passes its cached `read` and `headerless`."""
    reading = reading or Reading()
    try:
        preview = read(file_name, data, reading=reading)
    except ImportRefused as refused:
        # a file without a header row, read by column position last time
        if refused.key != "import.refused_no_header" or reading.mapping:
            raise
        memory = recall(headerless(file_name, data, reading.encoding))
        if memory is None or not by_position(memory.mapping):
            raise
        if reading.encoding is not None:
            memory = memory.with_(encoding=reading.encoding)
        return read(file_name, data, reading=memory), True
    memory = recall(preview.signature)
    if memory is None or not preview.adjustable:
        return preview, False
    chosen = {f: getattr(reading, f) for f in ("mapping", "statement", "positive", "encoding")}
    merged = memory.with_(**{f: value for f, value in chosen.items() if value is not None})
    if merged == reading:
        return preview, False
    return read(file_name, data, reading=merged), True
