"""A letter as a Word document (.docx), from its plain text as the user left it.

The first paragraph is the title; paragraphs are separated by a blank line, and a
single line break stays a line break. Chinese text is given a Chinese font, so Word
does not fall back to one without the characters.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from core.coach.contacts import CONTROL

EAST_ASIAN_FONT = "SimSun"


def _paragraphs(text: str) -> list[str]:
    text = CONTROL.sub("", text)  # a Word document cannot hold control codes
    blocks = text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n")
    return [b.strip("\n") for b in blocks if b.strip()]


def letter_docx(text: str) -> bytes:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    paragraphs = _paragraphs(text)
    if paragraphs:
        document.add_heading(paragraphs[0].replace("\n", " "), level=1)
    for block in paragraphs[1:]:
        paragraph = document.add_paragraph()
        for index, line in enumerate(block.split("\n")):
            if index:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
