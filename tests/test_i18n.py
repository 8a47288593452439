"""Both catalogues must carry the same keys with the same placeholders."""

import string

import pytest

from core.i18n import LANGUAGES, catalogue, month_text, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_exists_in_both_languages():
    zh, en = catalogue("zh"), catalogue("en")
    assert sorted(set(zh) ^ set(en)) == []


def test_placeholders_agree():
    zh, en = catalogue("zh"), catalogue("en")
    assert [k for k in en if k in zh and _fields(zh[k]) != _fields(en[k])] == []


def test_lookup_fills_placeholders_and_refuses_unknown_language():
    assert t("cli.no_transactions", "en").startswith("No transactions")
    with pytest.raises(ValueError, match="unknown language"):
        t("cli.no_transactions", "fr")
    assert set(LANGUAGES) == {"zh", "en"}


def test_months_read_as_people_write_them():
    assert month_text("2027-08", "zh") == "2027年8月"
    assert month_text("2027-08", "en") == "Aug 2027"
    assert month_text("2028-12", "en") == "Dec 2028"
