"""Paid "quick fix" services for people in debt: the words that name them.

征信修复 (paid credit-report repair) is a scam by the central bank's own account, and
paid "debt optimisation" or "anti-collection" agents make a debt worse. A
transaction or debt whose text names one brings up the scam warning.
"""

from __future__ import annotations

import re
import unicodedata

TERMS: tuple[str, ...] = (
    "征信修复",
    "修复征信",
    "征信洗白",
    "洗白征信",
    "征信优化",
    "债务优化",
    "债务重组",
    "停息挂账",
    "反催收",
    "代理维权",
    "维权代理",
    "逾期协商代办",
    "协商还款代办",
    "credit repair",
    "credit fix",
    "debt relief",
    "debt settlement",
    "debt optimisation",
    "debt optimization",
    "anti-collection",
)
_SPACES = re.compile(r"\s+")


def _folded(text: str) -> str:
    """Full-width letters, case and runs of spaces folded, so '征信 修复' still matches."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold())


def quick_fix_term(text: str) -> str | None:
    """The first quick-fix term found in `text`, or None. Chinese terms are found with
    spaces taken out (征信 修复); English ones keep theirs (credit repair)."""
    folded = _folded(text)
    squeezed = folded.replace(" ", "")
    for term in TERMS:
        needle = _folded(term)
        if needle in (folded if term.isascii() else squeezed):
            return term
    return None
