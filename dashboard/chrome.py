"""What Streamlit draws in its own words, put into ours: the file uploader's
instructions and button. Its texts come only in English, so they are hidden with a
style sheet and our catalogue's text shown in their place (the only way Streamlit
allows); no user text ever goes into the style sheet."""

from __future__ import annotations

import json

import streamlit as st

from dashboard.state import tr


def _css_text(text: str) -> str:
    """A CSS string literal: JSON's escaping of quotes and backslashes is CSS's too."""
    return json.dumps(text, ensure_ascii=False)


def phone_friendly() -> None:
    drop = _css_text(tr("nav.upload_drop"))
    button = _css_text(tr("nav.upload_button"))
    st.html(
        f"""<style>
[data-testid="stFileUploaderDropzoneInstructions"] > div > span,
[data-testid="stFileUploaderDropzoneInstructions"] > div > small {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {{ content: {drop}; }}
[data-testid="stFileUploaderDropzone"] button {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button::after {{ content: {button}; font-size: 1rem; }}
</style>"""
    )
