"""Issue 24, hardening round 2, items 6 and 7: `check --annotate` and `tables` are bounded like
`check` and `extract` (worker, --timeout, --memory-limit), and linear in their input. Every
hostile file is built here; every failure is one line and exit 2, with no output left behind."""
from __future__ import annotations

import math
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import hostile_pdfs
import pytest
from paths import CORPUS, as_a_terminal_job, checkout_env
from rawpdf import length_cycle_pdf, pdf_from_objects

from extract.chinese.numbers import CountWords
from extract.cli import main
from extract.run.pools import START_METHOD_ENV
from extract.settings.limits import Limits
from extract.settings.rules import load_rules

WORDS = CountWords.from_rules(load_rules())   # the shipped words that tell a numeral that counts


def _one_line_error(err: str, *said: str) -> str:
    assert "Traceback" not in err, err
    [line] = err.strip().splitlines()
    assert line.startswith("zhuanbao: ") and all(s in line for s in said), line
    return line


def _leftovers(folder: Path, *inputs: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p not in inputs)


# --- check --annotate in the worker -----------------------------------------------------------

def _slow(*args, **kwargs):
    time.sleep(30)   # over the test's --timeout; the fix stops it long before
    raise AssertionError("not stopped by the timeout")


def test_annotate_runs_under_the_timeout_and_leaves_nothing(tmp_path, monkeypatch, capsys):
    """Anything in the annotation that runs long (before: the alignment of a long sentence took
    minutes) ends at --timeout: exit 2, one line, no copy and no temporary file."""
    import extract.outputs.annotate_docx as annotate_docx

    source = tmp_path / "draft.docx"
    shutil.copy(CORPUS / "docx" / "yongshun-2024-05.docx", source)   # three findings
    # the worker is forked from this process, so it runs the patched annotation (forced: a thread
    # left by an earlier test would otherwise make the pool start a forkserver, which is not patched)
    monkeypatch.setenv(START_METHOD_ENV, "fork")
    monkeypatch.setattr(annotate_docx, "find_sentence", _slow)
    started = time.monotonic()
    assert main(["check", str(source), "--annotate", str(tmp_path / "out.docx"), "--timeout", "3"]) == 2
    assert time.monotonic() - started < 25
    _one_line_error(capsys.readouterr().err, "draft.docx", "timed out after 3s")
    assert _leftovers(tmp_path, source) == []


def _greedy(*args, **kwargs):
    return bytearray(3 * 2**30)   # address space only (calloc): over the test's --memory-limit


def test_annotate_runs_under_the_memory_limit(tmp_path, monkeypatch, capsys):
    import extract.outputs.annotate_pdf as annotate_pdf

    monkeypatch.setenv(START_METHOD_ENV, "fork")   # the worker must run the patched function
    monkeypatch.setattr(annotate_pdf, "find_sentence", _greedy)
    source = tmp_path / "bulletin.pdf"
    shutil.copy(CORPUS / "pdf" / "jishou-2024-02.pdf", source)   # three findings
    assert main(["check", str(source), "--annotate", str(tmp_path / "out.pdf"), "--memory-limit", "1024"]) == 2
    _one_line_error(capsys.readouterr().err, "bulletin.pdf", "too large for memory")
    assert _leftovers(tmp_path, source) == []


# --- tables in the worker ---------------------------------------------------------------------

def _huge_page_pdf() -> bytes:
    """One 200 x 200 inch page (the largest MediaBox allowed), all of it one image and no text:
    read by OCR, its render alone would take gigabytes."""
    content = b"q 14400 0 0 14400 0 0 cm /Im1 Do Q"
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length 1 >>\nstream\n\x80\nendstream",
    ])


def _tables(args: list[str], wait: float = 120) -> tuple[int, str]:
    """`zhuanbao tables` in a process of its own: before the fix a hostile file ran it until killed."""
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "tables", *args], env=checkout_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=as_a_terminal_job)
    try:
        _, err = proc.communicate(timeout=wait)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    return proc.returncode, err


def test_tables_gives_up_on_a_length_cycle_after_the_timeout(tmp_path):
    path = tmp_path / "cycle.pdf"
    path.write_bytes(length_cycle_pdf())
    code, err = _tables([str(path), "--out", str(tmp_path / "out"), "--reader", "pdfplumber", "--timeout", "2"])
    assert code == 2, err
    _one_line_error(err, f"{path}: timed out after 2s")
    assert not (tmp_path / "out").exists()


def test_tables_stays_under_the_memory_limit(tmp_path):
    path = tmp_path / "huge.pdf"
    path.write_bytes(_huge_page_pdf())
    code, err = _tables([str(path), "--out", str(tmp_path / "out"), "--memory-limit", "1024"])
    assert code == 2, err
    _one_line_error(err, str(path))
    assert not (tmp_path / "out").exists()


# --- locating a finding's sentence: linear in the text ---------------------------------------

def _sentence(n: int, seed: int = 1, words: str = "重点工作推进完成指标项目全县乡镇建设改革发展") -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(words) for _ in range(n)) + "。"


def _refuse(*args, **kwargs):
    raise AssertionError("aligned: a long sentence costs its length squared for every character of the text")


def test_a_sentence_with_a_format_character_after_every_character_is_found_verbatim(monkeypatch):
    """Before: not verbatim (the claims strip U+202C, the text kept them), so a 20,000-character
    sentence was aligned (and its span shrunk one character at a time): six minutes."""
    import extract.outputs.locate as locate

    sentence = _sentence(20_000)
    text = "前文。" + "".join(ch + "\u202c" for ch in sentence) + "后文。"
    monkeypatch.setattr(locate.fuzz, "partial_ratio_alignment", _refuse)
    monkeypatch.setattr(locate.Indel, "opcodes", _refuse)
    span = locate.find_sentence(sentence, text, 80, align_max_chars=1000, words=WORDS)
    assert span == (3, len(text) - 4)
    assert [text[i] for i in locate.matched_characters(sentence, text, span, WORDS)] == list(sentence)


def test_only_sentences_up_to_the_limit_are_aligned(monkeypatch):
    import extract.outputs.locate as locate

    long = _sentence(20_000)
    monkeypatch.setattr(locate.fuzz, "partial_ratio_alignment", _refuse)
    assert locate.find_sentence(long, long.replace("重", "轻"), 80, align_max_chars=1000, words=WORDS) is None
    monkeypatch.undo()
    # within the limit: the span is narrowed by bisection, a logarithmic number of alignments
    calls = []
    common = locate._common

    def counted(a: str, b: str) -> int:
        calls.append(len(b))
        return common(a, b)

    monkeypatch.setattr(locate, "_common", counted)
    sentence = _sentence(900, seed=2)
    other = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"   # the text around it shares no character with it
    text = _sentence(3000, 3, other) + sentence.replace("重", "轻") + _sentence(3000, 4, other)
    start, end = locate.find_sentence(sentence, text, 60, align_max_chars=1000, words=WORDS)
    assert abs(start - 3001) <= 5 and abs(end - (3001 + len(sentence))) <= 5
    assert len(calls) <= 2 * math.ceil(math.log2(len(sentence) * 2)) + 3, len(calls)


# --- PDFs that pdfium reads and pypdf cannot rewrite ----------------------------------------

def _finding(page: int = 1, sentence: str = "Hello world"):
    from extract.model import Finding

    return Finding("x.pdf", "percent_mismatch", "error", None, "", "detail", page, sentence=sentence,
                   label="已完成", stated="22.3%", computed="22.2%", basis="4/18")


@pytest.mark.parametrize("build", [hostile_pdfs.kids_loop, hostile_pdfs.length_cycle, hostile_pdfs.deep_array,
                                   hostile_pdfs.self_annots], ids=lambda b: b.__name__)
def test_a_pdf_pypdf_cannot_rewrite_is_one_line_and_no_copy(build, tmp_path, rules):
    from extract.model import BulletinError
    from extract.outputs.annotate_pdf import annotate_pdf

    source = tmp_path / "in.pdf"
    source.write_bytes(build())
    with pytest.raises(BulletinError) as caught:
        annotate_pdf(source, [_finding()], tmp_path / "out.pdf", rules.review, Limits.from_rules(rules), WORDS)
    assert len(str(caught.value).splitlines()) == 1
    assert _leftovers(tmp_path, source) == []


def test_pages_sharing_one_annots_array_get_a_mark_on_their_own_page_only(tmp_path, rules):
    from pypdf import PdfReader

    from extract.outputs.annotate_pdf import annotate_pdf

    source = tmp_path / "in.pdf"
    source.write_bytes(hostile_pdfs.shared_annots(pages=3))
    annotate_pdf(source, [_finding(page=2)], tmp_path / "out.pdf", rules.review, Limits.from_rules(rules), WORDS)
    pages = PdfReader(str(tmp_path / "out.pdf")).pages
    assert [len(page["/Annots"].get_object()) for page in pages] == [0, 2, 0]   # a highlight and its popup


def test_an_encrypted_pdf_is_refused_not_written_unencrypted(tmp_path, capsys):
    """Print-only permissions and an empty user password: pdfium and the check read it; the copy
    would have lost its encryption without a word."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import UserAccessPermissions

    source = tmp_path / "locked.pdf"
    writer = PdfWriter(clone_from=PdfReader(str(CORPUS / "pdf" / "jishou-2024-02.pdf")))
    writer.encrypt(user_password="", owner_password="owner", permissions_flag=UserAccessPermissions.PRINT,
                   algorithm="AES-128")
    writer.write(source)
    assert main(["check", str(source), "--annotate", str(tmp_path / "out.pdf")]) == 2
    _one_line_error(capsys.readouterr().err, "locked.pdf", "encrypted PDF")
    assert _leftovers(tmp_path, source) == []


# --- drafts: python-docx reads every part, and its comments were quadratic -------------------

DRAFT = CORPUS / "docx" / "yongshun-2024-05.docx"   # three findings


def test_a_draft_whose_media_inflates_past_the_package_limit_is_not_copied(tmp_path, capsys):
    from test_bad_input import _with_media

    source = tmp_path / "media.docx"
    _with_media(DRAFT, source, bytes(64 * 2**20), corrupt=False)   # 64 MiB of zeros in 64 KB
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "limits.yaml").write_text("docx: {package_max_mb: 32}\n", encoding="utf-8")
    assert main(["check", str(source), "--annotate", str(tmp_path / "out.docx"), "--rules", str(rules)]) == 2
    _one_line_error(capsys.readouterr().err, "media.docx", "inflates to 65 MiB", "limit 32 MiB")
    assert _leftovers(tmp_path, source, rules) == []


def test_a_malformed_part_the_reader_never_needed_is_one_line(tmp_path, capsys):
    from test_bad_input import _repack

    source = tmp_path / "styles.docx"
    _repack(DRAFT, source, replace={"word/styles.xml": b"<w:styles xmlns:w='x'><w:style"})
    assert main(["check", str(source), "--annotate", str(tmp_path / "out.docx")]) == 2
    _one_line_error(capsys.readouterr().err, "styles.docx", "cannot open the draft to annotate it (XMLSyntaxError")
    assert _leftovers(tmp_path, source) == []


def test_comments_are_added_in_linear_time(tmp_path, rules, monkeypatch):
    """Counted, not timed: python-docx read every comment's id for each new comment."""
    from docx.oxml.comments import CT_Comments

    from extract.outputs.annotate_docx import annotate_docx
    from extract.pipeline import process_file

    findings = process_file(DRAFT, rules).findings * 1000
    visited = []
    real = CT_Comments.xpath

    def counted(self, path, *args, **kwargs):
        found = real(self, path, *args, **kwargs)
        visited.append(len(found))
        return found

    monkeypatch.setattr(CT_Comments, "xpath", counted)
    written = annotate_docx(DRAFT, findings, tmp_path / "out.docx", rules.review, Limits.from_rules(rules), WORDS,
                            rules.document.locators)
    assert written.marks == len(findings) == 3000
    assert sum(visited) <= len(findings), sum(visited)
