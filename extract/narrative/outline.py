"""The narrative's outline: wrapped lines -> paragraphs -> parts (一、), sections ((一)), items (1.)
-> sentences, each sentence with the page/locator of the line where it starts.

Wording (heading markers, which parts carry claims, sentence ends) is in rules/claims.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extract.chinese.numbers import CountWords, to_arabic_in_text
from extract.chinese.text import repair_cjk, squash
from extract.model import SectionKey, TextLine
from extract.settings.rules import Rules


@lru_cache(maxsize=128)
def rx(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


@dataclass
class Sentence:
    text: str            # repaired, Chinese numerals made Arabic: what patterns read
    raw: str             # repaired only: where names are cut from (一户一表 stays)
    page: int | None
    locator: str
    confidence: float | None = None   # the lowest OCR score of its lines; None: a text layer


@dataclass
class Section:
    key: SectionKey               # "(一)", "(六)1"
    heading: str                  # "打好经济增长主动仗" / "省定十大重点民生实事项目"
    campaign_heading: str         # the section's (not the item's) heading
    sentences: list[Sentence] = field(default_factory=list)
    page: int | None = None
    locator: str = ""
    # read as statements of any genre (each total with the counts after it), not as a campaign
    # section of a progress part: text outside (一) sections, and parts that are neither progress
    # nor problems/plans (二、工作要求)
    genre: bool = False

    @property
    def parent(self) -> SectionKey:
        return self.key.parent

    @property
    def is_item(self) -> bool:
        return self.key.is_item


@dataclass
class _Para:
    kind: str                     # part | section | item | text
    marker: str                   # "一、" "(一)" "1."
    lines: list[tuple[str, int | None, str]]   # (repaired text, page, locator), marker removed


def _paragraphs(narrative: list[TextLine], rules: Rules) -> list[_Para]:
    cfg = rules.claims
    heads = cfg.headings
    bullet = rx(cfg.bullet)
    stop = rx(cfg.stop)
    markers = [("part", rx(heads.part)), ("section", rx(heads.section)), ("item", rx(heads.item))]
    paras: list[_Para] = []
    for line in narrative:
        text = repair_cjk(bullet.sub("", line.text)).strip()
        if not text:
            continue
        if stop.match(text):
            break
        for kind, marker in markers:
            m = marker.match(text)
            if m:
                body = text[m.end():].strip()
                paras.append(_Para(kind, squash(m.group()), [(body, line.page, line.locator)] if body else []))
                if not body:
                    paras[-1].lines.append(("", line.page, line.locator))
                break
        else:
            if not paras:
                paras.append(_Para("text", "", []))
            paras[-1].lines.append((text, line.page, line.locator))
    return paras


def _split_heading(para: _Para, rules: Rules) -> tuple[str, list[tuple[str, int | None, str]]]:
    """The heading of a section/item paragraph and the lines of its body.

    A heading ends at the first punctuation ("打好经济增长主动仗。共有…" -> 打好经济增长主动仗).
    A short first line with no punctuation is a heading on its own line; the body starts after it.
    """
    cfg = rules.claims
    lines = [entry for entry in para.lines if entry[0]]
    if not lines:
        return "", []
    first = lines[0][0]
    punct = rx(r"[。；;，,：:！？!?]")
    m = punct.search(first)
    max_chars = cfg.heading_only_max_chars
    if m is None and len(lines) > 1 and len(first) <= max_chars:
        return first, lines[1:]
    joined = "".join(text for text, _, _ in lines)
    m = punct.search(joined)
    heading = joined[: m.start()] if m else joined
    return heading.strip(), lines


def _sentences(lines: list[tuple[str, int | None, str]], rules: Rules,
               confidence_of: dict[str, float] | None = None) -> list[Sentence]:
    """Join wrapped lines (no separator: CJK text) and split into sentences with their pages (and
    the lowest OCR score of the lines they come from, by locator)."""
    cfg = rules.claims
    end = rx(cfg.sentence_end)
    words = CountWords.from_rules(rules)
    text, starts = "", []
    for line_text, page, locator in lines:
        starts.append((len(text), page, locator))
        text += line_text

    def where(offset: int) -> tuple[int | None, str]:
        page, locator = None, ""
        for start, p, loc in starts:
            if start <= offset:
                page, locator = p, loc
            else:
                break
        return page, locator

    out: list[Sentence] = []
    pos = 0
    bounds = [m.end() for m in end.finditer(text)] + [len(text)]
    for stop in bounds:
        chunk = text[pos:stop]
        lead = len(chunk) - len(chunk.lstrip())
        raw = repair_cjk(chunk).strip()
        if raw:
            page, locator = where(pos + lead)
            ends = [start for start, _, _ in starts[1:]] + [len(text)]
            scores = [(confidence_of or {})[loc] for (start, _, loc), end in zip(starts, ends)
                      if start < stop and end > pos and loc in (confidence_of or {})]
            out.append(Sentence(to_arabic_in_text(raw, words), raw, page, locator, min(scores) if scores else None))
        pos = stop
    return out


def _part_reading(title: str, rules: Rules) -> str | None:
    """How a 一、 part is read: "progress" (its (一) sections are campaign sections), "other" (read
    as statements of any genre: 一、总体情况 of a 常务会议 bulletin, 二、工作要求), or None: not
    read (下步打算: plans state no progress)."""
    spec = rules.claims.parts
    t = squash(title)
    if any(word in t for word in spec.exclude):
        return None
    return "progress" if any(word in t for word in spec.include) else "other"


def outline(narrative: list[TextLine], rules: Rules) -> list[Section]:
    """The sections (and items) of the narrative, with their sentences.

    Campaign sections are the (一) sections of a progress part (or of a narrative without parts);
    everything else that is read (the opening paragraphs, a part's own text, the sections of a part
    that is neither progress nor problems) is a genre section, keyed by where it stands: 导语, 一、,
    二、(一), 二、(一)1."""
    paras = _paragraphs(narrative, rules)
    confidence_of = {line.locator: line.confidence for line in narrative if line.confidence is not None}
    preamble = SectionKey(rules.claims.preamble_key)
    reading: str | None = "progress"     # before any part, and in a narrative without parts
    part_marker = ""
    sections: list[Section] = []
    current: Section | None = None      # the current (X) section
    item: Section | None = None         # the current item inside it
    loose: Section | None = None        # a genre section for text outside any (X) section

    def genre_key(marker: str) -> SectionKey:
        return SectionKey(f"{part_marker}{marker}") if part_marker else SectionKey(marker)

    for para in paras:
        if para.kind == "part":
            # the part's title alone decides (its body may well mention 问题)
            heading, body = _split_heading(para, rules)
            reading = _part_reading(heading, rules)
            part_marker = para.marker
            current = item = loose = None
            if reading is not None:
                first = next((entry for entry in para.lines if entry[0]), ("", None, ""))
                loose = Section(SectionKey(para.marker), heading, heading, page=first[1], locator=first[2],
                                genre=True)
                # 一、总体情况。确定事项22件……: the title line may carry the part's first sentences
                loose.sentences = _sentences(body, rules, confidence_of)
                sections.append(loose)
            continue
        if reading is None:
            continue
        genre = reading == "other"
        if para.kind == "section":
            heading, body = _split_heading(para, rules)
            first = next((entry for entry in para.lines if entry[0]), ("", None, ""))
            key = genre_key(para.marker) if genre else SectionKey(para.marker)
            current = Section(key, heading, heading, page=first[1], locator=first[2], genre=genre)
            current.sentences = _sentences(body, rules, confidence_of)
            sections.append(current)
            item = None
        elif para.kind == "item" and current is not None:
            heading, body = _split_heading(para, rules)
            first = next((entry for entry in para.lines if entry[0]), ("", None, ""))
            number = int(regex.sub(r"\D", "", para.marker))
            item = Section(SectionKey.of(current.key, number), heading, current.campaign_heading,
                           page=first[1], locator=first[2], genre=current.genre)
            item.sentences = _sentences(body, rules, confidence_of)
            sections.append(item)
        elif current is not None:
            target = item if item is not None else current
            target.sentences.extend(_sentences(para.lines, rules, confidence_of))
        else:
            if loose is None:
                first = next((entry for entry in para.lines if entry[0]), ("", None, ""))
                loose = Section(preamble if not part_marker else SectionKey(part_marker), "", "",
                                page=first[1], locator=first[2], genre=True)
                sections.append(loose)
            loose.sentences.extend(_sentences(para.lines, rules, confidence_of))
    return [s for s in sections if s.sentences or not s.genre]
