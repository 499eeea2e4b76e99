"""A draft (.docx) given back with its findings as Word comments (python-docx's comments API).

Each comment is anchored on the finding's sentence in the paragraph its locator names (第13段),
or on the whole table cell for a finding about a cell (表3第7行). Runs are split at the
sentence's ends when it starts or stops inside a run; the copy keeps every run's properties, so
text, tables, styles and sections are as they were. The original file is only read.
"""
from __future__ import annotations

import copy
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from rapidfuzz import fuzz

from extract.chinese.numbers import CountWords
from extract.chinese.text import squash
from extract.model import Annotated, BulletinError, Finding
from extract.outputs.export import write_atomic
from extract.outputs.locate import find_sentence
from extract.outputs.messages import message, shown
from extract.settings.document import Locators
from extract.settings.limits import Limits
from extract.settings.sections import Anchor, ReviewRules

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _texts(elements: list[Any]) -> tuple[str, list[tuple[int, Any]]]:
    """The text of w:t elements in document order, and where each one starts in it."""
    starts: list[tuple[int, Any]] = []
    text = ""
    for element in elements:
        for t in element.iter(qn("w:t")):
            if t.text:
                starts.append((len(text), t))
                text += t.text
    return text, starts


def _at(starts: list[tuple[int, Any]], offset: int) -> tuple[Any, int]:
    """The w:t holding character `offset`, and the offset inside it."""
    start, t = next((s, t) for s, t in reversed(starts) if s <= offset)
    return t, offset - start


def _set_text(t: Any, text: str) -> None:
    t.text = text
    t.set(_XML_SPACE, "preserve")


def _split_run(t: Any, k: int) -> tuple[Any, Any]:
    """Cut the run holding w:t `t` before its k-th character: (left run, right run).

    The right run is a copy of the run (same w:rPr) holding what follows; either part is None
    when it would hold nothing."""
    run = t.getparent()
    children = list(run)
    i = children.index(t)
    content = [c for c in children if c.tag != qn("w:rPr")]
    before = content.index(t) > 0 or k > 0
    after = content.index(t) < len(content) - 1 or k < len(t.text)
    if not before:
        return None, run
    if not after:
        return run, None
    right = copy.deepcopy(run)
    right_children = list(right)
    for child in children[i + 1:]:
        run.remove(child)
    for child in right_children[:i]:
        if child.tag != qn("w:rPr"):
            right.remove(child)
    text = t.text
    _set_text(t, text[:k])
    _set_text(right_children[i], text[k:])
    if not text[:k]:
        run.remove(t)
    if not text[k:]:
        right.remove(right_children[i])
    run.addnext(right)
    return run, right


def _runs_for_span(starts: list[tuple[int, Any]], begin: int, end: int) -> tuple[Any, Any]:
    """Split runs so that characters [begin, end) are whole runs; their first and last w:r."""
    t_end, k_end = _at(starts, end - 1)
    last, _ = _split_run(t_end, k_end + 1)         # the end first: the start's w:t keeps its offsets
    t_begin, k_begin = _at(starts, begin)
    left, first = _split_run(t_begin, k_begin)
    if left is not None and left is last:   # both ends in one run: the end is now in its right part
        last = first
    return first, last


def _whole(element: Any) -> tuple[Any, Any] | None:
    """The first and last run with text inside an element (a paragraph, a cell)."""
    runs = [r for r in element.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    return (runs[0], runs[-1]) if runs else None


def _table_rows(table: Any) -> list[list[Any]]:
    """The cells each row of a table shows, a vertically merged one resolved to the cell it continues."""
    grid: list[dict[int, Any]] = []
    for tr in table.findall(qn("w:tr")):
        row: dict[int, Any] = {}
        col = 0
        tr_pr = tr.find(qn("w:trPr"))
        before = tr_pr.find(qn("w:gridBefore")) if tr_pr is not None else None
        col += int(before.get(qn("w:val"), "0")) if before is not None else 0
        for tc in tr.findall(qn("w:tc")):
            tc_pr = tc.find(qn("w:tcPr"))
            span_el = tc_pr.find(qn("w:gridSpan")) if tc_pr is not None else None
            vmerge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            continues = vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"
            row[col] = grid[-1].get(col, tc) if continues and grid else tc
            col += int(span_el.get(qn("w:val"), "1")) if span_el is not None else 1
        grid.append(row)
    return [list(dict.fromkeys(row.values())) for row in grid]


def _cell_of(rows: list[list[Any]], row_no: int, sentence: str) -> Any | None:
    """The cell of the row whose text is the finding's sentence (the best match)."""
    target = squash(sentence)
    best, best_score = None, 0.0
    for tc in rows[row_no - 1] if 0 < row_no <= len(rows) else []:
        text = squash(_texts([tc])[0])
        score = fuzz.ratio(target, text) if text else 0.0
        if score > best_score:
            best, best_score = tc, score
    return best


def _anchor(finding: Finding, paragraphs: list[Any], tables: list[Any], rows: dict[int, list[list[Any]]],
            anchor: Anchor, limits: Limits, words: CountWords,
            locators: Locators) -> tuple[tuple[Any, Any] | None, bool]:
    """(first run, last run) for the comment, and whether they hold the sentence (or its cell).
    `rows` keeps each table's rows once read (a table's findings must not each read the table)."""
    where = locators.in_draft(finding.locator or "")
    if where is not None and len(where) == 2:
        table_no, row_no = where
        if 0 < table_no <= len(tables):
            if table_no not in rows:
                rows[table_no] = _table_rows(tables[table_no - 1])
            cell = _cell_of(rows[table_no], row_no, finding.sentence)
            if cell is not None and (runs := _whole(cell)) is not None:
                return runs, True
        return None, False
    if where is None or not 0 < where[0] <= len(paragraphs):
        return None, False
    index = where[0] - 1
    stretch = paragraphs[index:index + anchor.max_paragraphs]
    text, starts = _texts(stretch)
    span = find_sentence(finding.sentence, text, anchor.min_score,
                         align_max_chars=limits.annotate_align_max_chars, words=words) if finding.sentence else None
    if span is not None:
        return _runs_for_span(starts, *span), True
    return _whole(paragraphs[index]), False


def annotate_docx(source: Path, findings: list[Finding], target: Path, review: ReviewRules,
                  limits: Limits, words: CountWords, locators: Locators) -> Annotated:
    """Write `target`: a copy of the draft `source` with one comment per shown finding."""
    document = _open(source, limits)
    body = document.element.body
    paragraphs = [el for el in body.iterchildren() if el.tag == qn("w:p")]
    tables = [el for el in body.iterchildren() if el.tag == qn("w:tbl")]
    title = next((runs for p in paragraphs if (runs := _whole(p)) is not None), None)
    done = Annotated(str(target))
    rows: dict[int, list[list[Any]]] = {}
    comments = _Comments(document, review.author, review.initials)
    for finding in shown(findings, review):
        runs, exact = _anchor(finding, paragraphs, tables, rows, review.anchor, limits, words, locators)
        if not exact:
            done.approximate.append(finding)
        text = message(finding, review)
        if runs is None:   # nowhere to put it: on the first text of the draft, saying where it belongs
            runs = title
            text += f"（{finding.locator or finding.section}）"
        if runs is None:
            raise BulletinError(f"{source.name}: the draft has no text to attach a comment to")
        comments.add(*runs, text)
        done.marks += 1
    write_atomic(target, document.save)
    return done


def _open(source: Path, limits: Limits) -> Any:
    """The draft as python-docx reads it, which is every part of the package, media included: over
    docx.package_max_mb (rules/limits.yaml) inflated is refused before, and a part it cannot parse
    (a malformed styles.xml the reader never needed) is one line."""
    try:
        with zipfile.ZipFile(source) as package:
            # the declared sizes bound what zipfile inflates (it stops there and checks the CRC)
            size = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise BulletinError(f"cannot reopen the draft to annotate it: {type(exc).__name__}") from None
    if size > limits.docx_package_max_bytes:
        raise BulletinError(f"the draft inflates to {size / 2**20:.0f} MiB, too much to copy with its comments "
                            f"(limit {limits.docx_package_max_bytes / 2**20:g} MiB, docx.package_max_mb)")
    try:
        return docx.Document(str(source))
    except MemoryError:
        raise
    except Exception as exc:   # python-docx parses parts the reader never reads
        raise BulletinError(f"cannot open the draft to annotate it ({type(exc).__name__}: {str(exc)[:120]})") from None


class _Comments:
    """Word comments added in time linear in their number: python-docx's add_comment reads every
    comment's id to find a free one for each new comment (quadratic), so ids are counted here and
    each w:comment is built as python-docx builds it."""

    def __init__(self, document: Any, author: str, initials: str):
        self.document = document
        self.element = document.comments._comments_elm   # creates the comments part when there is none
        self.next_id = max((int(i) for i in self.element.xpath("./w:comment/@w:id")), default=-1) + 1
        self.author, self.initials = author, initials
        self.date = datetime.now(UTC).replace(microsecond=0)

    def add(self, first: Any, last: Any, text: str) -> None:
        comment = parse_xml(
            f'<w:comment {nsdecls("w")} w:id="{self.next_id}" w:author="">'
            '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r></w:p></w:comment>')
        comment.author, comment.initials, comment.date = self.author, self.initials, self.date
        self.element.append(comment)
        Paragraph(comment.find(qn("w:p")), self.document).add_run(text)
        Run(first, self.document).mark_comment_range(Run(last, self.document), self.next_id)
        self.next_id += 1
