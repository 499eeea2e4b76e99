"""Where a finding's sentence sits in a stretch of document text (a paragraph, a page's characters).

A finding carries its sentence as the claims read it: repaired (no line-wrap spaces) and with
Chinese numerals as digits (十八 -> 18). The text it came from is compared in `squash` form
(NFKC, no whitespace); when the sentence is not there verbatim, the best-aligned stretch is
taken (rapidfuzz), so an annotation lands on the characters a reviewer reads.
"""
from __future__ import annotations

import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from extract.numbers import find_cn_numbers
from extract.text import squash


def _squashed_with_offsets(text: str) -> tuple[str, list[int]]:
    """`squash(text)` and, for each of its characters, the offset of the character it came from."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                chars.append(c)
                offsets.append(i)
    return "".join(chars), offsets


def _with_arabic(stream: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Chinese numerals rewritten as the claims read them (四十项 -> 40项), offsets kept."""
    chars: list[str] = []
    mapped: list[int] = []
    pos = 0
    for hit in find_cn_numbers(stream):
        start, end = hit.span
        chars.append(stream[pos:start])
        mapped.extend(offsets[pos:start])
        chars.append(hit.arabic)
        # the digits stand for the whole numeral: the first for its start, the rest for its end
        mapped.extend([offsets[start]] + [offsets[end - 1]] * (len(hit.arabic) - 1))
        pos = end
    chars.append(stream[pos:])
    mapped.extend(offsets[pos:])
    return "".join(chars), mapped


def find_sentence(sentence: str, text: str, min_score: float) -> tuple[int, int] | None:
    """The span [start, end) of `text` that holds `sentence`, or None when nothing scores min_score."""
    target = squash(sentence)
    printed, printed_offsets = _squashed_with_offsets(text)
    if not target or not printed:
        return None
    arabic, arabic_offsets = _with_arabic(printed, printed_offsets)
    for stream, offsets in ((printed, printed_offsets), (arabic, arabic_offsets)):
        at = stream.find(target)
        if at >= 0:
            return offsets[at], offsets[at + len(target) - 1] + 1
    stream, offsets = arabic, arabic_offsets   # not verbatim: align, numerals read as the claims read them
    if len(stream) > len(target):
        aligned = fuzz.partial_ratio_alignment(target, stream)
        if aligned is None or aligned.score < min_score:
            return None
        pad = len(target) // 4 + 2   # numerals read as digits change the length a little
        lo, hi = max(0, aligned.dest_start - pad), min(len(stream), aligned.dest_end + pad)
    else:
        if fuzz.ratio(target, stream) < min_score:
            return None
        lo, hi = 0, len(stream)
    # the shortest stretch of the window that shares as many characters with the sentence as the
    # whole window does (a longest common subsequence is not unique: "。" may match a later "。")
    start, end = lo, hi
    best = _common(target, stream[start:end])
    if best == 0:
        return None
    while end - 1 > start and _common(target, stream[start:end - 1]) == best:
        end -= 1
    while start + 1 < end and _common(target, stream[start + 1:end]) == best:
        start += 1
    return offsets[start], offsets[end - 1] + 1


def _common(a: str, b: str) -> int:
    """The length of the longest common subsequence of a and b."""
    return (len(a) + len(b) - Indel.distance(a, b)) // 2


def matched_characters(sentence: str, text: str, span: tuple[int, int]) -> list[int]:
    """The offsets in `text[span]` of the characters that align with the sentence exactly (a
    numeral printed in words aligns only in part)."""
    printed, offsets = _squashed_with_offsets(text[span[0]:span[1]])
    stream, offsets = _with_arabic(printed, offsets)
    kept: set[int] = set()
    for op in Indel.opcodes(squash(sentence), stream):
        if op.tag == "equal":
            kept.update(offsets[op.dest_start:op.dest_end])
    return [span[0] + i for i in sorted(kept)]

