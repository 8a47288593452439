"""What Streamlit draws its own way, put right for our users: the file uploader's button
and size limit come only in English, so a style sheet hides them and shows our
catalogue's text in their place (the one way Streamlit allows); on a phone, a table's
tool strip (which floats over the line above it, with nothing to point with) is hidden.
No user text ever goes in the style sheet."""

from __future__ import annotations

import json

import streamlit as st

from dashboard.state import tr

_UPLOAD_BUTTON = (
    '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] '
    '[data-testid="stMarkdownContainer"]'
)
_UPLOAD_LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"]'


def _css_text(text: str) -> str:
    """A CSS string literal: JSON's escaping of quotes and backslashes is CSS's too."""
    return json.dumps(text, ensure_ascii=False)


def in_our_words() -> None:
    button = _css_text(tr("nav.upload_button"))
    limit = _css_text(tr("nav.upload_limit", mb=st.get_option("server.maxUploadSize")))
    st.html(
        f"""<style>
{_UPLOAD_BUTTON} p {{ display: none; }}
{_UPLOAD_BUTTON}::after {{ content: {button}; }}
{_UPLOAD_LIMIT} span {{ display: none; }}
{_UPLOAD_LIMIT} > div::after {{ content: {limit}; font-size: 0.875rem; }}
@media (max-width: 640px) {{ [data-testid="stElementToolbar"] {{ display: none; }} }}
</style>"""
    )
