"""Duplicate detection keys, so importing the same or an overlapping export adds nothing."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.util import hash_pandas_object

from core.importing.values import per_distinct

MAX_LENGTH = 80
# Changing the key (or pandas changing its hashing) would let every earlier
# import in again; a test pins a known fingerprint to catch that.
_KEY = "recovery-coach-1"
_HEX = np.array([f"{byte:02x}" for byte in range(256)])
# Digests written out as hex at a time (as numpy text a digest takes 64 bytes)
_HEX_CHUNK = 65_536


def fingerprints(rows: pd.DataFrame, layout: str) -> np.ndarray:
    """The export's own transaction number where it has one, else a content hash.

    The hash covers date, amount, description, counterparty and how many
    identical rows came before in this file: re-reading the file gives the same
    keys, while two genuine identical purchases on one day stay two rows.
    It is a vectorised 64-bit SipHash, as a 100,000-row sheet must stay fast;
    two different transactions of one household colliding is a one in 10^7
    chance even at a million rows.
    """
    content = pd.DataFrame(
        {
            "day": per_distinct(rows["date"], lambda day: day.toordinal() if day else 0, np.int64),
            "cents": rows["amount_cents"].to_numpy(dtype=np.int64),
            "description": pd.Series(rows["description"], dtype=object),
            "counterparty": pd.Series(rows["counterparty"], dtype=object),
        }
    )
    same = hash_pandas_object(content, index=False, hash_key=_KEY, categorize=False).to_numpy()
    occurrence = pd.Series(same).groupby(same).cumcount().to_numpy()
    numbered = pd.DataFrame({"content": same, "occurrence": occurrence})
    digest = hash_pandas_object(numbered, index=False, hash_key=_KEY).to_numpy()
    hashed = np.empty(len(digest), dtype=object)
    for start in range(0, len(digest), _HEX_CHUNK):  # the 64-byte-a-row text a chunk at a time
        part = digest[start : start + _HEX_CHUNK].astype(">u8").view(np.uint8).reshape(-1, 8)
        hashed[start : start + len(part)] = _HEX[part].view("<U16").ravel()
    ids = rows["id"].to_numpy(dtype=object)
    has_id = ids != ""
    if has_id.any():
        has_id &= np.array([len(i) for i in ids]) + len(layout) < MAX_LENGTH
        hashed[has_id] = layout + ":" + ids[has_id]
    return hashed
