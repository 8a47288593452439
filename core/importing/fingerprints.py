"""Duplicate detection keys, so importing the same or an overlapping export adds nothing."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.util import hash_pandas_object

from core.importing.values import per_distinct

MAX_LENGTH = 80
# Hex digits of the content hash after a shared transaction number: number~1a2b3c4d5e6f
_SUFFIX = 12
# Changing the key (or pandas changing its hashing) would let every earlier
# import in again; a test pins a known fingerprint to catch that.
_KEY = "recovery-coach-1"
_HEX = np.array([f"{byte:02x}" for byte in range(256)])
# Digests written out as hex at a time (as numpy text a digest takes 64 bytes)
_HEX_CHUNK = 65_536


def fingerprints(
    rows: pd.DataFrame, layout: str, *, content_keyed_ids: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's key, and which rows share a transaction number with different content.

    The key is the export's own transaction number where it has one, else a content hash.
    The hash covers date, amount, description, counterparty and how many identical rows
    came before in this file: re-reading the file gives the same keys, while two genuine
    identical purchases on one day stay two rows. It is a vectorised 64-bit SipHash, as
    a 100,000-row sheet must stay fast; two different transactions of one household
    colliding is a one in 10^7 chance even at a million rows.

    Rows sharing a number but not their content are different transactions: the first
    (a purchase before its refunds, then the earliest) keeps the bare number, the others
    get the number plus their content hash, so none is taken for a duplicate and a
    re-import gives the same keys. With `content_keyed_ids` (an export that gives a
    purchase and its refunds one number) every numbered key carries its content.
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
    hashed = _hex(digest)
    shared = np.zeros(len(rows), dtype=bool)
    ids = rows["id"].to_numpy(dtype=object)
    has_id = ids != ""
    if not has_id.any():
        return hashed, shared
    lengths = np.array([len(i) for i in ids]) + len(layout)
    has_id &= lengths < MAX_LENGTH
    keys = hashed.copy()
    keys[has_id] = layout + ":" + ids[has_id]
    suffixed = has_id & (lengths + 1 + _SUFFIX < MAX_LENGTH)
    if content_keyed_ids:
        keys[suffixed] = keys[suffixed] + "~" + _tails(same[suffixed])
        keys[has_id & ~suffixed] = hashed[has_id & ~suffixed]
        return keys, _shared(ids, has_id, same)
    shared = _shared(ids, has_id, same)
    if shared.any():
        frame = pd.DataFrame(
            {
                "id": ids,
                "refund": content["cents"].to_numpy() >= 0,
                "day": content["day"].to_numpy(),
                "content": same,
            }
        )[shared]
        first = frame.sort_values(["id", "refund", "day", "content"]).drop_duplicates("id")
        leader = frame["id"].map(dict(zip(first["id"], first["content"], strict=True)))
        follower = np.zeros(len(rows), dtype=bool)
        follower[np.flatnonzero(shared)] = (frame["content"] != leader).to_numpy()
        alone = follower & ~suffixed  # too long for a suffix: the content hash alone
        follower &= suffixed
        keys[follower] = keys[follower] + "~" + _tails(same[follower])
        keys[alone] = hashed[alone]
    return keys, shared


def _shared(ids: np.ndarray, has_id: np.ndarray, same: np.ndarray) -> np.ndarray:
    """Rows whose number another row of the file has, with other content."""
    frame = pd.DataFrame({"id": ids, "content": same})[has_id]
    contents = frame.groupby("id")["content"].transform("nunique")
    shared = np.zeros(len(ids), dtype=bool)
    shared[np.flatnonzero(has_id)] = (contents > 1).to_numpy()
    return shared


def _tails(same: np.ndarray) -> np.ndarray:
    return np.array([text[:_SUFFIX] for text in _hex(same)], dtype=object)


def _hex(digest: np.ndarray) -> np.ndarray:
    """64-bit hashes as 16 hex digits each (object array of str), a chunk at a time: as
    numpy text a digest takes 64 bytes, 64 MB for a million rows at once."""
    hashed = np.empty(len(digest), dtype=object)
    for start in range(0, len(digest), _HEX_CHUNK):
        part = digest[start : start + _HEX_CHUNK].astype(">u8").view(np.uint8).reshape(-1, 8)
        hashed[start : start + len(part)] = _HEX[part].view("<U16").ravel()
    return hashed
