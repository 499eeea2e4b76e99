"""Text repair for the damage PDF extraction does to Chinese bulletin text.

PDF text extraction wraps lines where the printed cell wrapped, inserts spaces
where glyph runs were positioned separately ("风 凰县", "22. 3%"), and keeps
full-width digits that some bulletin templates use ("２２.３％"). Everything
here repairs only that damage: the document's own characters, including its
full-width CJK punctuation (，；：（）“”、。), are kept as printed.

Texts are *compared* in `squash` form (NFKC, no whitespace), so a repair may
change whitespace and full-width ASCII only; it must never change what
`squash` sees. The tests hold the module to that.
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

import regex

from extract.model import Document, Grid, GridCell, TextLine
from extract.settings.rules import Rules

if TYPE_CHECKING:
    import opencc

# Punctuation from the General Punctuation block that Chinese text uses as
# full-width marks: curly quotes, em dash, ellipsis, middle dot. A space next
# to one of these is extraction damage just as next to "，".
_CJK_USED_PUNCT = frozenset("“”‘’—…·•")

_CJK_CHAR = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Bopomofo}"
    r"\u3000-\u303f"  # CJK symbols and punctuation: 、。「」〇 …
    r"\uff00-\uffef"  # half-/full-width forms: ，；：（）！？
    r"\ufe30-\ufe4f"  # CJK compatibility forms (vertical punctuation)
    r"\u3200-\u33ff"  # enclosed CJK, CJK compatibility
    r"\u2460-\u24ff"  # enclosed alphanumerics: ①②③, common as item marks
    r"]"
)

# Only these full-width characters become ASCII: digits, Latin letters, % and
# the full stop used as a decimal point. Full-width punctuation stays as printed.
_FULLWIDTH_TO_ASCII = {
    **{cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)},  # ０-９
    **{cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)},  # Ａ-Ｚ
    **{cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)},  # ａ-ｚ
    0xFF05: ord("%"),  # ％
    0xFF0E: ord("."),  # ．
}

# "22. 3%", "2. 8 %", "22 .3%": a decimal point cut away from its digits. Only
# repaired before a percent sign: elsewhere "1. 2023年…" is an item number
# followed by a year, not a decimal.
_BROKEN_DECIMAL = regex.compile(r"(?<=[0-9])\s*\.\s*(?=[0-9][0-9\s]*%)")
_SPACE_BEFORE_PERCENT = regex.compile(r"(?<=[0-9])\s+(?=%)")
_WHITESPACE = regex.compile(r"\s+")

# Readers write a cell's line breaks as "\n" where a line wrapped and as U+2029 (PARAGRAPH
# SEPARATOR) where the writer broke it by hand; repairs join both, a units cell splits at the latter.
HARD_BREAK = "\u2029"

# Characters that must never reach an output or a terminal: ANSI/VT escape sequences (whole:
# stripping only ESC would leave "[31m"), C0 and C1 control characters except tab and newline,
# DEL, and the bidi embeddings/overrides/isolates that make text display in another order than
# it reads (U+202A-202E, U+2066-2069). A carriage return is a line break, so it becomes one.
_CONTROLS = regex.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"                    # CSI: colours, cursor moves
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"        # OSC: window titles, hyperlinks
    r"|\x1b[@-Z\\-_]?"                            # other escapes, or a lone ESC
    r"|[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
_CARRIAGE_RETURN = regex.compile(r"\r\n?")



def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of `words`, longer words tried first (人次 before 人)."""
    return "(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def strip_controls(s: str) -> str:
    """`s` without control characters, escape sequences and bidi overrides; tab and newline kept."""
    if s.isprintable():  # the common case: nothing to do (tab and newline are not printable)
        return s
    clean: str = _CONTROLS.sub("", _CARRIAGE_RETURN.sub("\n", s))
    return clean


def strip_document_controls(document: Document) -> Document:
    """The document with `strip_controls` applied to every text line and table cell, so nothing
    a reader returns can put a control character into an output or onto a terminal."""

    def cell(c: GridCell) -> GridCell:
        clean = strip_controls(c.text)
        return c if clean == c.text else dataclasses.replace(c, text=clean)

    def rows(grid_rows: list[list[GridCell]]) -> list[list[GridCell]]:
        # positions of one merged cell share one GridCell: keep them shared
        done: dict[int, GridCell] = {}
        return [[done.setdefault(id(c), cell(c)) for c in row] for row in grid_rows]

    blocks: list[TextLine | Grid] = []
    for block in document.blocks:
        if isinstance(block, TextLine):
            clean = strip_controls(block.text)
            blocks.append(block if clean == block.text else dataclasses.replace(block, text=clean))
        else:
            blocks.append(dataclasses.replace(block, rows=rows(block.rows), header=rows(block.header)))
    return dataclasses.replace(document, blocks=blocks)


def nfkc(s: str) -> str:
    """Unicode NFKC: full-width forms to ASCII, compatibility characters folded."""
    return unicodedata.normalize("NFKC", s)


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s.json")


@functools.lru_cache(maxsize=1 << 14)
def simplified(s: str) -> str:
    """Traditional characters as simplified ones (OpenCC t2s: 辦結 -> 办结, 佔 -> 占, 項 -> 项), so a
    bulletin in 繁體 is read by the same words; simplified text comes back unchanged."""
    if not s or s.isascii():
        return s
    converted: str = _t2s().convert(s)
    return converted


# squash and repair_cell are pure and see the same cell texts several times per bulletin (column
# profiles, records, checks): memoised, bounded
@functools.lru_cache(maxsize=1 << 16)
def squash(s: str) -> str:
    """The form in which texts are compared: NFKC, simplified characters, all whitespace removed."""
    squashed: str = _WHITESPACE.sub("", simplified(nfkc(s)))
    return squashed


def is_cjk(ch: str) -> bool:
    """True for a CJK character: Han, kana, hangul, CJK or full-width punctuation."""
    return len(ch) == 1 and _CJK_CHAR.match(ch) is not None


def _binds_tightly(ch: str) -> bool:
    """Whether whitespace next to `ch` is extraction damage (CJK text has no spaces)."""
    return is_cjk(ch) or ch in _CJK_USED_PUNCT


def fullwidth_to_ascii(s: str) -> str:
    """Full-width digits, Latin letters, ％ and ． to ASCII; all else untouched."""
    return s.translate(_FULLWIDTH_TO_ASCII)


_NUMBER_CHARS = frozenset("0123456789.")
_NUMBER_TAIL = frozenset("0123456789.%")


def _repair_space(m: regex.Match[str]) -> str:
    """Decide what one whitespace run between two characters becomes."""
    text, start, end = m.string, m.start(), m.end()
    if start == 0 or end == len(text):
        return ""  # leading/trailing whitespace of a cell carries nothing
    if _binds_tightly(text[start - 1]) or _binds_tightly(text[end]):
        return ""
    run = m.group()
    wrapped = "\n" in run or "\r" in run or HARD_BREAK in run
    # A number too long for a narrow cell is broken mid-word ("100.0\n0%"): rejoin it.
    if wrapped and text[start - 1] in _NUMBER_CHARS and text[end] in _NUMBER_TAIL:
        left = regex.search(r"[\d.]*$", text[:start]).group()
        right = regex.match(r"[\d.%]*", text[end:]).group()
        # "105.6|7%" and "10|0%" are one number; "2021|2022" are two
        if "." in left or (right.endswith("%") and len(right) <= 3):
            return ""
    # Between two Latin/digit tokens a space is real; a wrap break is a space.
    return " " if wrapped else run


def repair_cjk(s: str) -> str:
    """Join a cell's wrapped lines into one and remove spaces inside CJK text.

    Whitespace next to a CJK character or CJK punctuation goes ("风 凰县",
    "指标 40 项", "房\\n地产"); between two Latin/digit tokens a space stays and a
    line break becomes one space. Broken percentages ("22. 3%") are rejoined
    and full-width digits/letters/％/． become ASCII; control characters go (`strip_controls`).
    """
    s = fullwidth_to_ascii(strip_controls(s))
    s = _BROKEN_DECIMAL.sub(".", s)
    s = _SPACE_BEFORE_PERCENT.sub("", s)
    repaired: str = _WHITESPACE.sub(_repair_space, s)
    return repaired


def cell_item(rules: Rules) -> regex.Pattern[str]:
    """A line of a cell that starts a new listed item ("2." "2、" "（二）" "(2)" "二是" "②"):
    claims.yaml `cell_item`, compiled when the rules are loaded."""
    return rules.claims.cell_item


def starts_item(line: str, item: regex.Pattern[str]) -> bool:
    """Whether a line begins with an item number ("2." "2、" "（二）" "二是"): `item` is `cell_item(rules)`."""
    return item.match(fullwidth_to_ascii(line)) is not None


@functools.lru_cache(maxsize=1 << 15)
def repair_cell(s: str, item: regex.Pattern[str] | None = None) -> str:
    """Repair a table cell's text; with `item` (the run's `cell_item(rules)`) keep the breaks
    between listed items.

    Without `item` this is `repair_cjk`. With it a line break stays where the next line starts with
    an item number, because cells list items one per line ("1.…\\n2.…", "一是…\\n二是…"); every
    other break is a wrap and is joined.
    """
    if item is None:
        return repair_cjk(s)
    items: list[list[str]] = []
    for line in s.splitlines():
        if not line.strip():
            continue
        if items and not starts_item(line, item):
            items[-1].append(line)
        else:
            items.append([line])
    return "\n".join(r for r in (repair_cjk("\n".join(lines)) for lines in items) if r)
