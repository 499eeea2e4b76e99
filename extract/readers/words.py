"""Characters -> words, with pdfplumber's `extract_words` semantics, vectorised with numpy.

pdfplumber's WordExtractor (keep_blank_chars=False, use_text_flow=False), step by step:
1. consecutive characters with the same `upright` flag form a run;
2. a run's characters are clustered into lines: by `top` within `y_tolerance` for upright text,
   by `x0` within `x_tolerance` for rotated text (clusters chain through sorted distinct values);
3. within a line, characters are sorted by x0 (upright) or by (top, bottom) (rotated), ties kept in
   stream order;
4. a whitespace character ends the current word; otherwise a character starts a new word when the
   gap after the previous one exceeds `x_tolerance` (rotated: `y_tolerance`) or its line position
   differs by more than `y_tolerance` (rotated: `x_tolerance`);
5. a word's box is its characters' union, its text their texts (ligatures expanded).

The same words come out as from pdfplumber for the same characters; this module only removes the
per-character Python work, which dominated once pdfium made parsing cheap.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from extract.model import Word

# pdfplumber's ligature expansions (utils/text.py LIGATURES)
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_TABLE = str.maketrans(LIGATURES)
_LIGATURE_CHARS = frozenset(LIGATURES)


@dataclass(frozen=True)
class Chars:
    """A page's characters in content-stream order, in pdfplumber's page coordinates."""

    text: list[str]
    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray
    upright: np.ndarray          # bool

    def __len__(self) -> int:
        return len(self.text)


class WordChars:
    """A word's characters, made into pdfplumber-style dicts only when asked for (rarely)."""

    __slots__ = ("_chars", "_index")

    def __init__(self, chars: Chars, index: np.ndarray):
        self._chars, self._index = chars, index

    def __iter__(self) -> Iterator[dict[str, Any]]:
        c = self._chars
        for i in self._index.tolist():
            yield {"text": c.text[i], "x0": float(c.x0[i]), "x1": float(c.x1[i]),
                   "top": float(c.top[i]), "bottom": float(c.bottom[i])}


def _line_ids(key: np.ndarray, tolerance: float) -> np.ndarray:
    """Cluster ids (in key order) as pdfplumber's cluster_list: chained within `tolerance`."""
    values = np.unique(key)
    starts = np.concatenate(([True], np.diff(values) > tolerance)) if tolerance > 0 else np.ones(len(values), bool)
    cluster_of_value = np.cumsum(starts) - 1
    return cluster_of_value[np.searchsorted(values, key)]


def _run_words(chars: Chars, idx: np.ndarray, upright: bool, x_tol: float, y_tol: float) -> list[Word]:
    x0, x1, top, bottom = chars.x0[idx], chars.x1[idx], chars.top[idx], chars.bottom[idx]
    stream = np.arange(len(idx))
    if upright:
        line = _line_ids(top, y_tol)
        order = np.lexsort((stream, x0, line))
        start, end, across, along_tol, across_tol = x0, x1, top, x_tol, y_tol
    else:
        line = _line_ids(x0, x_tol)
        order = np.lexsort((stream, bottom, top, line))
        start, end, across, along_tol, across_tol = top, bottom, x0, y_tol, x_tol
    line, start, end, across = line[order], start[order], end[order], across[order]
    members = idx[order]
    ordered = [chars.text[i] for i in members.tolist()]
    space = np.char.isspace(np.array(ordered, dtype=str)) if ordered else np.zeros(0, bool)
    new = np.ones(len(order), bool)
    if len(order) > 1:
        # sorted along the line, so pdfplumber's "starts before the previous char" test never fires
        new[1:] = ((line[1:] != line[:-1]) | space[:-1]
                   | (start[1:] > end[:-1] + along_tol) | (np.abs(across[1:] - across[:-1]) > across_tol))
    keep = ~space
    if not keep.any():
        return []
    word = np.cumsum(new)[keep]
    kept = np.flatnonzero(keep)
    members = members[kept]
    firsts = np.flatnonzero(np.concatenate(([True], word[1:] != word[:-1])))
    bounds = np.append(firsts, len(members)).tolist()
    boxes = zip(np.minimum.reduceat(chars.x0[members], firsts).tolist(),
                np.maximum.reduceat(chars.x1[members], firsts).tolist(),
                np.minimum.reduceat(chars.top[members], firsts).tolist(),
                np.maximum.reduceat(chars.bottom[members], firsts).tolist())
    joined = "".join([ordered[k] for k in kept.tolist()])
    single = len(joined) == len(members)     # one code point per character: words are slices
    out = []
    for a, b, (x0w, x1w, topw, bottomw) in zip(bounds[:-1], bounds[1:], boxes):
        ids = members[a:b]
        text = joined[a:b] if single else "".join(chars.text[i] for i in ids.tolist())
        out.append({
            "text": text.translate(_LIGATURE_TABLE) if _LIGATURE_CHARS.intersection(text) else text,
            "x0": x0w, "x1": x1w, "top": topw, "bottom": bottomw, "upright": upright,
            "chars": WordChars(chars, ids),
        })
    return out


def extract_words(chars: Chars, x_tolerance: float, y_tolerance: float) -> list[Word]:
    """Words (dicts with text, x0, x1, top, bottom, upright, chars) in pdfplumber's order."""
    n = len(chars)
    if n == 0:
        return []
    up = chars.upright
    run_starts = np.flatnonzero(np.concatenate(([True], up[1:] != up[:-1])))
    bounds = np.append(run_starts, n)
    words: list[Word] = []
    for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        words.extend(_run_words(chars, np.arange(a, b), bool(up[a]), x_tolerance, y_tolerance))
    return words
