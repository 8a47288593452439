"""User text is shown as written: markdown, LaTeX, links and escapes stay literal."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from core.usertext import first_control, markdown, terminal, without_controls

NAMES = [
    "**never** $pays$ [x](https://example.com)",
    "微粒贷 :red[逾期] :smile: <b>粗</b> # 标题",
    "`code` _i_ ~~s~~ > quote | a | b |",
    r"back\slash \*",
    "1. 列表 - 项",
]


def _rendered(source: str) -> str:
    """The HTML a CommonMark renderer (with GFM tables and strikethrough) makes of it."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(source)


@pytest.mark.parametrize("name", NAMES)
def test_markdown_renders_literally(name):
    html = _rendered(markdown(name))
    expected = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    expected = expected.replace('"', "&quot;")
    assert html == f"<p>{expected}</p>\n"
    # Streamlit's own additions: $…$ is LaTeX and :word: an emoji or colour, unless escaped
    escaped = markdown(name)
    assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c in "$:")


def test_control_characters_are_found_stripped_and_shown():
    name = "微粒贷\x1b[31m\x0b\u202e借"
    assert first_control(name) == 3
    assert first_control("微粒贷 借呗") is None
    assert without_controls("a\t\r\nb\x00c") == "a b c"
    assert terminal(name) == "微粒贷\\x1b[31m\\x0b\\u202e借"
    assert "\n" not in markdown("一行\n# 二行")
