"""Drafts: .docx read from the document structure; old .doc/.wps through LibreOffice."""
from __future__ import annotations

import shutil
import subprocess

import docx
import pytest

from extract.pipeline import process_file
from extract.readers.docx import read_docx
from extract.model import Grid


def test_merged_cells_resolve_to_shared_origins(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    table.cell(1, 0).merge(table.cell(2, 0))       # vertical merge (vMerge)
    table.cell(0, 1).merge(table.cell(0, 2))       # horizontal merge (gridSpan)
    path = tmp_path / "t.docx"
    document.save(str(path))
    [grid] = [b for b in read_docx(path).blocks if isinstance(b, Grid)]
    assert grid.rows[1][0].origin == grid.rows[2][0].origin == (1, 0)
    assert grid.rows[2][0].text == grid.rows[1][0].text
    assert grid.rows[0][1].origin == grid.rows[0][2].origin == (0, 1)
    assert grid.rows[2][1].origin == (2, 1)
    assert grid.row_locators[2] == "表1第3行"


def test_legacy_doc_without_libreoffice_says_how_to_install(tmp_path, monkeypatch, rules):
    path = tmp_path / "draft.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = process_file(path, rules)
    assert result.status == "error" and "LibreOffice" in result.error and "apt-get install" in result.error


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_legacy_doc_through_libreoffice(mini_docx, tmp_path, rules):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(mini_docx)], check=True, capture_output=True, timeout=180)
    doc = tmp_path / "mini-bulletin.doc"
    result = process_file(doc, rules)
    assert result.status == "ok", result.error
    assert len(result.indicators) == 6 and result.header.doc_number == "测政督函〔2024〕1号"
