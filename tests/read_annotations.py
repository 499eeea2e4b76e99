"""Reading annotations back, as a reviewer's software would: Word comments and PDF highlights."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pdfplumber
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader

from extract.chinese.numbers import CountWords, to_arabic_in_text
from extract.chinese.text import repair_cjk, squash
from extract.settings.rules import load_rules

WORDS = CountWords.from_rules(load_rules())   # the shipped words that tell a numeral that counts

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def as_claims_read_it(text: str) -> str:
    """Printed text compared the way a finding's sentence was made: repaired, numerals as digits."""
    return squash(to_arabic_in_text(repair_cjk(text), WORDS))


@dataclass
class Comment:
    id: str
    text: str                 # the comment's own text
    anchored: str             # the document text between its range marks
    where: str                # 第N段 or 表N第M行 of the range start


def _where(body, start) -> str:
    paragraphs = [el for el in body.iterchildren() if el.tag == qn("w:p")]
    tables = [el for el in body.iterchildren() if el.tag == qn("w:tbl")]
    top, row = start, None
    while top.getparent() is not body:
        if top.tag == qn("w:tr") and row is None:
            row = top
        top = top.getparent()
    if top.tag == qn("w:p"):
        return f"第{paragraphs.index(top) + 1}段"
    return f"表{tables.index(top) + 1}第{top.findall(qn('w:tr')).index(row) + 1}行"


def read_comments(path: Path) -> list[Comment]:
    """Every comment of a .docx in id order, with the text its range covers and where it starts."""
    document = docx.Document(str(path))
    texts = {str(c.comment_id): c.text for c in document.comments}
    body = document.element.body
    open_ranges: dict[str, list[str]] = {}
    found: dict[str, Comment] = {}
    for el in body.iter():
        if el.tag == qn("w:commentRangeStart"):
            cid = el.get(qn("w:id"))
            open_ranges[cid] = []
            found[cid] = Comment(cid, texts[cid], "", _where(body, el))
        elif el.tag == qn("w:commentRangeEnd"):
            cid = el.get(qn("w:id"))
            found[cid].anchored = "".join(open_ranges.pop(cid))
        elif el.tag == qn("w:t"):
            for parts in open_ranges.values():
                parts.append(el.text or "")
    assert not open_ranges, "a comment range that never ends"
    return sorted(found.values(), key=lambda c: int(c.id))


def content_tokens(path: Path) -> list[tuple]:
    """The body as (run properties, character) and element tokens, comment markup left out.

    Equal for two documents that differ only in where runs are split and in comments."""
    body = docx.Document(str(path)).element.body
    out: list[tuple] = []

    def walk(el) -> None:
        if el.tag in (qn("w:commentRangeStart"), qn("w:commentRangeEnd")):
            return
        if el.tag == qn("w:r"):
            if el.find(qn("w:commentReference")) is not None:
                return
            rpr = el.find(qn("w:rPr"))
            key = etree.tostring(rpr, method="c14n") if rpr is not None else b""
            for child in el:
                if child.tag == qn("w:t"):
                    out.extend((key, ch) for ch in child.text or "")
                elif child.tag != qn("w:rPr"):
                    out.append((key, etree.tostring(child, method="c14n")))
            return
        out.append((el.tag, tuple(sorted(el.attrib.items())), (el.text or "").strip()))
        for child in el:
            walk(child)
        out.append(("/", el.tag))

    walk(body)
    return out


def other_parts(path: Path) -> dict[str, bytes]:
    """Every package part but the main document and the comments, XML canonicalised."""
    package = docx.Document(str(path)).part.package
    out = {}
    for part in package.iter_parts():
        name = str(part.partname)
        if name in ("/word/document.xml", "/word/comments.xml"):
            continue
        blob = part.blob
        if name.endswith((".xml", ".rels")):
            blob = etree.tostring(etree.fromstring(blob), method="c14n")
        out[name] = blob
    return out


def libreoffice_pdfs(paths: list[Path], out_dir: Path, profile: Path) -> None:
    """LibreOffice prints each .docx to PDF, its comments exported as PDF notes."""
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                    "--outdir", str(out_dir), *map(str, paths)], check=True, capture_output=True, timeout=600)


def pdf_notes(path: Path) -> list[str]:
    """The /Contents of every annotation of a PDF that has one (pypdf: LibreOffice's popups have no
    /Rect, which pdfplumber needs)."""
    notes = []
    for page in PdfReader(str(path)).pages:
        for ref in page.get("/Annots") or []:
            contents = ref.get_object().get("/Contents")
            if contents:
                notes.append(str(contents))
    return notes


@dataclass
class Highlight:
    page: int
    contents: str
    author: str
    covered: str              # the characters whose centres lie inside the highlight's quads


def _in_reading_order(chars: list[dict], tolerance: float = 3.0) -> str:
    """Characters as they read, line by line and left to right: a content stream may draw a line's
    quotation marks (another font) after the rest of it."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: c["top"]):
        if lines and char["top"] - lines[-1][0]["top"] <= tolerance:
            lines[-1].append(char)
        else:
            lines.append([char])
    return "".join(c["text"] for line in lines for c in sorted(line, key=lambda c: c["x0"]))


def read_highlights(path: Path) -> list[Highlight]:
    """Highlight annotations with the page characters their quadrilaterals cover (pdfplumber)."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for annot in page.annots:
                data = annot["data"]
                if getattr(data.get("Subtype"), "name", "") != "Highlight":
                    continue
                points = [float(v) for v in data["QuadPoints"]]
                quads = [points[i:i + 8] for i in range(0, len(points), 8)]

                def inside(char, quads=quads, height=page.height) -> bool:
                    x = (char["x0"] + char["x1"]) / 2
                    y = height - (char["top"] + char["bottom"]) / 2    # PDF space: from the bottom
                    return any(min(q[0::2]) <= x <= max(q[0::2]) and min(q[1::2]) <= y <= max(q[1::2])
                               for q in quads)

                covered = _in_reading_order([c for c in page.chars if inside(c)])
                out.append(Highlight(page.page_number, annot.get("contents") or "", annot.get("title") or "", covered))
    return out


def corrupt_a_cell(source: Path, target: Path) -> None:
    """The reference draft with annex 3 row 2's cell saying 20 done of 87 (20 + 66 is not 87)."""
    document = docx.Document(str(source))
    for t in document.element.body.iter(qn("w:t")):
        if t.text and "共有87项任务清单" in t.text:
            t.text = t.text.replace("已完成年度任务21项", "已完成年度任务20项")
    document.save(str(target))
