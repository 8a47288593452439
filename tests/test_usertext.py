"""User text is shown as written: markdown, LaTeX, links and escapes stay literal."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from core.usertext import WORD_JOINER, first_control, markdown, terminal, without_controls

NAMES = [
    "**never** $pays$ [x](https://example.com)",
    "微粒贷 :red[逾期] :smile: :material/home: <b>粗</b> # 标题 &lt;",
    "`code` _i_ ~~s~~ > quote | a | b | www.example.com a@b.cn http://e.cn",
    r"back\slash \*",
    "1. 列表 - 项",
    "- 列表",
    "+ 列表",
    "# 标题",
    "> 引用",
]


def _rendered(source: str) -> str:
    """The HTML a CommonMark renderer (with GFM tables and strikethrough) makes of it."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(source)


@pytest.mark.parametrize("name", NAMES)
def test_markdown_renders_literally(name):
    escaped = markdown(name)
    html = _rendered(escaped).replace(WORD_JOINER, "")
    expected = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    expected = expected.replace('"', "&quot;")
    assert html == f"<p>{expected}</p>\n"
    # Streamlit's own additions: $…$ is LaTeX, :word a directive (:red[x]) or, with a
    # closing colon, an emoji or icon; none may remain
    assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c == "$")
    assert not re.search(r"(?<!\\):[A-Za-z]|:[\w+/-]+:", escaped)
    # GitHub's autolinks (www.…, a@b.cn, http://…) are broken by an escape too
    assert "www." not in escaped.lower() and not re.search(r"(?<!\\)@", escaped)


def test_ordinary_text_reads_the_same_in_the_source():
    for text in ("¥1,201.00", "Interest rate (APR %): must be 0 to 1000", "年利率（%）", "a.b-c"):
        assert markdown(text) == text


def test_control_characters_are_found_stripped_and_shown():
    name = "微粒贷\x1b[31m\x0b\u202e借"
    assert first_control(name) == 3
    assert first_control("微粒贷 借呗") is None
    assert without_controls("a\t\r\nb\x00c") == "a b c"
    assert terminal(name) == "微粒贷\\x1b[31m\\x0b\\u202e借"
    assert "\n" not in markdown("一行\n# 二行")
