"""The contact log's exports are evidence: sorted, flags spelled out, every version kept,
and user text never turned into a formula or markup. Letters as Word documents."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO

import docx
import pytest
from openpyxl import load_workbook

from core.coach.contacts import ContactRecord
from core.coach.documents import letter_docx
from core.coach.exports import log_page, log_workbook
from core.i18n import t

TODAY = dt.date(2026, 10, 13)
NASTY = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x","y")']


def version(entry: int, number: int, when: str, **kw) -> ContactRecord:
    return ContactRecord(
        when=dt.datetime.fromisoformat(when),
        kind=kw.pop("kind", "visit"),
        entry=entry,
        version=number,
        recorded_at=dt.datetime(2026, 10, 12, 9, 0, tzinfo=dt.UTC),
        **kw,
    )


def log() -> list[ContactRecord]:
    return [
        version(1, 1, "2026-10-10 22:30", place="家门口", said="说要来", flags=("threats",)),
        version(1, 2, "2026-10-10 22:30", place="家门口", said="说要叫人来", flags=("threats",)),
        version(2, 1, "2026-10-09 14:00", kind="call", company="某某资产"),
    ]


def sheets(data: bytes):
    book = load_workbook(BytesIO(data))
    return [list(sheet.iter_rows()) for sheet in book.worksheets]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_is_sorted_by_time_and_spells_the_flags_out(lang):
    current, history = sheets(log_workbook(log(), lang))
    header = [c.value for c in current[0]]
    assert header[0] == t("contacts.col_entry", lang)
    rows = [[c.value for c in row] for row in current[1:]]
    assert [r[0] for r in rows] == [2, 1]  # by time, each contact once
    assert rows[1][1] == 2  # its latest version
    assert rows[1][2] == dt.datetime(2026, 10, 10, 22, 30)
    said = header.index(t("contacts.col_said", lang))
    assert rows[1][said] == "说要叫人来"
    flags = header.index(t("contacts.col_flags", lang))
    time_flags = header.index(t("contacts.col_time_flags", lang))
    assert rows[1][flags] == t("contacts.flag_threats", lang)
    assert rows[1][time_flags] == t("contacts.flag_night", lang)
    assert rows[0][time_flags] is None  # nothing found at 14:00
    old = [[c.value for c in row] for row in history[1:]]
    assert [(r[0], r[1]) for r in old] == [(1, 1), (1, 2), (2, 1)]
    assert "说要来" in old[0]


@pytest.mark.parametrize("text", NASTY)
def test_text_that_looks_like_a_formula_stays_text(text):
    record = version(
        1, 1, "2026-10-10 12:00", place=text, collector=text, company=text, said=text,
        id_number=text, phone=text, witness_name=text, follow_up=text,
    )  # fmt: skip
    data = log_workbook([record], "en")
    for rows in sheets(data):
        cells = [c for c in rows[1] if c.value == text]
        assert len(cells) == 8
        assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name)
                assert b"<f " not in archive.read(name)


def test_the_printable_page_escapes_user_text():
    record = version(
        1, 1, "2026-10-10 12:00",
        place="<script>alert(1)</script>", said='"><img src=x onerror=alert(1)>\n第二行',
        collector="A & B",
    )  # fmt: skip
    page = log_page([record], "zh", TODAY)
    assert "<script>" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;<br>第二行" in page
    assert "A &amp; B" in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_printable_page_lists_by_time_with_flags_and_every_version(lang):
    page = log_page(log(), lang, TODAY)
    assert page.startswith("<!DOCTYPE html>")
    assert t("contacts.print_title", lang) in page
    assert page.index("2026-10-09 14:00") < page.index("2026-10-10 22:30")
    assert t("contacts.flag_night", lang) in page
    assert t("contacts.print_history", lang) in page
    assert "说要来" in page  # the corrected text is still shown
    assert "2026-10-13" in page


def test_an_empty_log_page_says_so():
    assert t("contacts.empty", "en") in log_page([], "en", TODAY)


def test_a_letter_becomes_a_word_document_with_title_paragraphs_and_line_breaks():
    text = "还款协商申请\n\n致：微众银行\n日期：2026-10-13\n\n=1+1 不是公式\x07。\n"
    document = docx.Document(BytesIO(letter_docx(text)))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert paragraphs[0].text == "还款协商申请"
    assert paragraphs[0].style.name == "Heading 1"
    assert paragraphs[1].text == "致：微众银行\n日期：2026-10-13"
    assert paragraphs[2].text == "=1+1 不是公式。"
