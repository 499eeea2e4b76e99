"""Where a finding's sentence sits in a stretch of document text (a paragraph, a page's characters).

A finding carries its sentence as the claims read it: repaired (no line-wrap spaces) and with
Chinese numerals as digits (十八 -> 18). The text it came from is compared in `squash` form
(NFKC, no whitespace); when the sentence is not there verbatim, the best-aligned stretch is
taken (rapidfuzz), so an annotation lands on the characters a reviewer reads.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from extract.chinese.numbers import CountWords, find_cn_numbers
from extract.chinese.text import squash, strip_controls


def _squashed_with_offsets(text: str) -> tuple[str, list[int]]:
    """`squash(text)` and, for each of its characters, the offset of the character it came from.
    Control characters and bidi marks are left out too: the readers strip them from the sentences
    a finding carries, so a text strewn with them (U+202C after every character) still matches."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if not ch.isprintable() and not strip_controls(ch):
            continue
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                chars.append(c)
                offsets.append(i)
    return "".join(chars), offsets


def _with_arabic(stream: str, offsets: list[int], words: CountWords) -> tuple[str, list[int]]:
    """Chinese numerals rewritten as the claims read them (四十项 -> 40项), offsets kept."""
    chars: list[str] = []
    mapped: list[int] = []
    pos = 0
    for hit in find_cn_numbers(stream, words):
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


def find_sentence(sentence: str, text: str, min_score: float, *, align_max_chars: int,
                  words: CountWords) -> tuple[int, int] | None:
    """The span [start, end) of `text` that holds `sentence`, or None when nothing scores min_score.
    A sentence longer than `align_max_chars` (rules/limits.yaml) is only found verbatim."""
    target = squash(sentence)
    printed, printed_offsets = _squashed_with_offsets(text)
    if not target or not printed:
        return None
    arabic, arabic_offsets = _with_arabic(printed, printed_offsets, words)
    for stream, offsets in ((printed, printed_offsets), (arabic, arabic_offsets)):
        at = stream.find(target)
        if at >= 0:
            return offsets[at], offsets[at + len(target) - 1] + 1
    if len(target) > align_max_chars:
        return None
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
    # whole window does (a longest common subsequence is not unique: "。" may match a later "。").
    # The common length only grows with the end and shrinks with the start, so both ends are found
    # by bisection: a logarithmic number of alignments, not one per character of the window
    best = _common(target, stream[lo:hi])
    if best == 0:
        return None
    end = _first(lo + 1, hi, lambda e: _common(target, stream[lo:e]) == best)
    start = _first(lo, end - 1, lambda s: _common(target, stream[s + 1:end]) < best)
    return offsets[start], offsets[end - 1] + 1


def _first(low: int, high: int, holds: Callable[[int], bool]) -> int:
    """The least n in [low, high] for which `holds` (monotone: false, then true), high if none before."""
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _common(a: str, b: str) -> int:
    """The length of the longest common subsequence of a and b."""
    return (len(a) + len(b) - Indel.distance(a, b)) // 2


def matched_characters(sentence: str, text: str, span: tuple[int, int], words: CountWords) -> list[int]:
    """The offsets in `text[span]` of the characters that align with the sentence exactly (a
    numeral printed in words aligns only in part)."""
    printed, offsets = _squashed_with_offsets(text[span[0]:span[1]])
    stream, offsets = _with_arabic(printed, offsets, words)
    if stream == squash(sentence):   # found verbatim: no alignment to compute
        return [span[0] + i for i in sorted(set(offsets))]
    kept: set[int] = set()
    for op in Indel.opcodes(squash(sentence), stream):
        if op.tag == "equal":
            kept.update(offsets[op.dest_start:op.dest_end])
    return [span[0] + i for i in sorted(kept)]

