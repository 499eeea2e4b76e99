"""A document's blocks -> header (issuer, doc number, title, date), narrative, annex blocks.

Everything before the first "附件N" heading that is followed by a table is the body; the
"附件：1. …" list at the end of the body is narrative, not an annex.
"""
from __future__ import annotations

from collections.abc import Callable

import regex

from extract.chinese.text import alternation, repair_cjk, squash
from extract.model import Annex, Document, Grid, Header, Segmented, TextLine
from extract.settings.document import DocumentMarks
from extract.settings.rules import Rules
from extract.settings.sections import DocumentRules
from extract.tables.stitch import fragment_context, is_page_number, page_furniture

ATTACHED = "·"   # readers/sheet.py locates an annex file's lines as "附件1.xlsx·Sheet1"


def campaign_from_title(title: str, document_rules: DocumentRules) -> str:
    """凤凰县打好经济增长主动仗重要指标监测表(1) -> 打好经济增长主动仗 (words in rules/document.yaml)."""
    annex = document_rules.annex
    text = squash(title)
    text = regex.sub(r"[(（]\d+[)）]$", "", text)
    text = regex.sub(alternation(annex.title_suffixes) + "$", "", text)
    for start in annex.campaign_starts:
        if start in text:
            campaign: str = text[text.index(start):]
            return campaign
    campaign = document_rules.marks.place_name.sub("", text) or text
    return campaign


def parse_header(lines: list[TextLine], document_rules: DocumentRules) -> tuple[Header, int]:
    """Header fields from the first lines; returns the index where the body starts."""
    words, marks = document_rules.header, document_rules.marks
    issuer_end = regex.compile(alternation(words.issuer_endings) + "$")
    title_end = regex.compile(alternation(words.title_endings) + "$")
    title_tail = regex.compile(alternation(words.title_tails))
    body_starts = words.body_starts
    title_max = words.title_max_chars
    addressees_max = words.addressees_max_chars
    addressee_end = regex.compile(alternation(words.addressee_endings) + "$")
    issuer = doc_number = ""
    title_parts: list[str] = []
    i = 0
    limit = min(len(lines), 12)
    while i < limit:
        text = squash(lines[i].text)
        if not text:
            i += 1
            continue
        # the doc number as printed (its own brackets kept): whitespace removed, no NFKC
        printed = regex.sub(r"\s+", "", lines[i].text)
        if not doc_number and (number := marks.doc_number.search(printed)):
            doc_number = number.group(0)
            i += 1
            continue
        if not issuer and not doc_number and issuer_end.search(text) and len(text) <= 20:
            issuer = text
            i += 1
            continue
        if doc_number or issuer or title_parts or _opens_with_title(lines[i:limit], title_end, body_starts, title_max):
            # the title: the first line(s) after the masthead (or of a draft that opens with its
            # title), until it reads as complete
            if len(title_parts) < 3 and not text.startswith(body_starts) and len(text) <= title_max:
                title_parts.append(repair_cjk(lines[i].text).strip())
                i += 1
                if title_end.search(text):
                    # "…工作情况" may wrap before its last word: "专报" alone on the next line
                    if i < len(lines) and title_tail.fullmatch(squash(lines[i].text)):
                        title_parts.append(squash(lines[i].text))
                        i += 1
                    break
                continue
        break
    if title_parts and i < len(lines) and _addressees(squash(lines[i].text), addressees_max, addressee_end,
                                                  marks.name_separators):
        i += 1   # 各乡镇人民政府，县直各单位：the addressees, not the narrative's first words
    return Header(issuer=issuer, doc_number=doc_number, title="".join(title_parts)), i


def _opens_with_title(lines: list[TextLine], title_end: regex.Pattern[str], body_starts: tuple[str, ...],
                      title_max: int) -> bool:
    """A draft with no masthead that opens with its title: its first lines, short and with no
    sentence end in them, run into a title ending (关于……情况的通报) within three lines."""
    texts = [t for line in lines if (t := squash(line.text))][:3]
    for text in texts:
        if text.startswith(body_starts) or len(text) > title_max or regex.search(r"[。；;！？]", text):
            return False
        if title_end.search(text):
            return True
    return False


def _addressees(text: str, max_chars: int, name_end: regex.Pattern[str], separators: regex.Pattern[str]) -> bool:
    """The line after the title that names whom the bulletin is sent to: names ending with a colon."""
    if not 0 < len(text) <= max_chars or text[-1] not in "：:":
        return False
    names = [n for n in separators.split(text[:-1]) if n]
    return bool(names) and all(name_end.search(n) for n in names)


def annex_heading_number(text: str, marks: DocumentMarks) -> int | None:
    """N of an annex heading line "附件N：…"; None for any other line."""
    m = marks.annex_heading.match(squash(text))
    return int(m.group(1)) if m else None


def _annex_heading(block: TextLine | Grid, marks: DocumentMarks) -> regex.Match[str] | None:
    if not isinstance(block, TextLine):
        return None
    return marks.annex_heading.match(squash(block.text))


def segment(document: Document, rules: Rules) -> Segmented:
    """The document's header, narrative and annexes. A line that is only a written date
    (periods.yaml `date`) near the end of the body is the bulletin's date."""
    document_rules, stitch = rules.document, rules.geometry.stitch
    marks = document_rules.marks
    blocks = [b for b in document.blocks if not (isinstance(b, TextLine) and is_page_number(b.text, marks))]
    # annex headings: "附件N" lines followed (before the next heading) by a table
    starts: list[int] = []
    for i, block in enumerate(blocks):
        if _annex_heading(block, marks):
            nxt = next((j for j in range(i + 1, len(blocks))
                        if _annex_heading(blocks[j], marks) or isinstance(blocks[j], Grid)), None)
            if nxt is not None and isinstance(blocks[nxt], Grid):
                starts.append(i)
    body_end = starts[0] if starts else len(blocks)
    body_lines = [b for b in blocks[:body_end] if isinstance(b, TextLine)]
    header, body_start = parse_header(body_lines, document_rules)
    narrative = body_lines[body_start:]
    written = ""
    for line in narrative[-6:]:
        if regex.fullmatch(rules.periods.date, squash(line.text)):
            written = squash(line.text)
    if written:
        header = Header(header.issuer, header.doc_number, header.title, written)
    grids = [b for b in document.blocks if isinstance(b, Grid)]
    context = dict(zip(map(id, grids), fragment_context(document, stitch, marks)))
    furniture = page_furniture(document, stitch, marks)
    annexes = [_annex(blocks[s:e], document_rules, marks, context, furniture)
               for s, e in zip(starts, starts[1:] + [len(blocks)])]
    return Segmented(header=header, narrative=narrative, annexes=annexes)


def _annex(blocks: list[TextLine | Grid], document_rules: DocumentRules, marks: DocumentMarks,
           context: dict[int, tuple[bool, bool]], furniture: Callable[[str], bool]) -> Annex:
    """An annex from its heading and the blocks up to the next one; `context` is each fragment's
    text above/below (`fragment_context`), and running headers/footers are neither title nor caption."""
    heading = blocks[0]
    match = _annex_heading(heading, marks)
    assert isinstance(heading, TextLine) and match is not None   # blocks start at an annex heading
    annex = Annex(no=int(match.group(1)), title="", campaign="", page=heading.page, locator=heading.locator,
                  attached=ATTACHED in heading.locator)
    title_parts = [match.group(2)] if match.group(2) else []
    title_end = regex.compile(alternation(document_rules.annex.title_suffixes) + "$")
    title_done = False
    for block in blocks[1:]:
        if isinstance(block, Grid):
            annex.fragments.append(block)
            annex.text_around.append(context[id(block)])
            continue
        if furniture(block.text):
            continue
        text = squash(block.text)
        if marks.filler.search(text):   # 填报单位/填报人: neither title nor caption, and the title ends here
            title_done = True
            continue
        # the title ends at the 填报单位 line or with a table-title word (监测表): a line after it,
        # before the first table, names that table (省重点民生实事项目)
        title_done = title_done or bool(title_parts and title_end.search(squash("".join(title_parts))))
        if not annex.fragments and not title_done:
            title_parts.append(repair_cjk(block.text).strip())
        elif not annex.fragments:
            annex.captions.append((0, repair_cjk(block.text).strip()))
        else:
            # text between two tables of one annex names the next sub-table
            annex.captions.append((len(annex.fragments), repair_cjk(block.text).strip()))
    annex.title = "".join(title_parts)
    annex.campaign = campaign_from_title(annex.title, document_rules)
    return annex
