"""A county's rules folder is checked at any depth when it is loaded: a misspelt key, a value of the
wrong kind or a pattern that does not compile is one line naming the file and the key, and the run
stops with exit 2 before any bulletin is read."""
from __future__ import annotations

import pytest

from extract.chinese.status import StatusVocabulary
from extract.cli import main
from extract.model import Status
from extract.pipeline import load_settings, process_file
from extract.settings.document import document_marks
from extract.settings.rules import load_rules

# (file, a county's text, what the one line must say)
_BAD = [
    ("claims", "parts: {inclde: [工作进展]}\n", "claims.yaml parts: unknown key 'inclde'"),
    ("tolerances", "percent: {slack_points: abc}\n", "tolerances.yaml percent slack_points: must be a number"),
    ("claims", "count: '(?P<count>[0-9]+'\n", "claims.yaml count: not a valid pattern (missing )"),
    ("columns", "roles: {seq: ['序号(']}\n", "columns.yaml roles seq item '序号(': not a valid pattern"),
    ("columns", "content: {placeholder: [无]}\n", "columns.yaml content placeholder: must be a pattern"),
    ("ocr", "repair: {punctuation: [{pattern: '[,', replace: '，'}]}\n",
     "ocr.yaml repair punctuation item {'pattern': '[,', 'replace': '，'} pattern: not a valid pattern"),
    ("ocr", "repair: {punctuation: [{patern: ',', replace: '，'}]}\n", "ocr.yaml repair punctuation item"),
    ("periods", "patterns: [{kind: month}]\n", "periods.yaml patterns item {'kind': 'month'}: missing key 'regex'"),
    ("history", "mask: [{pattern: '[0-9', replace: '#'}]\n", "history.yaml mask item"),
    ("status", "words: {推进迅速: on_track}\n", "status.yaml words 推进迅速: must be a list"),
    ("claims", "stop: !re '附件('\n", "claims.yaml line 1: not a valid pattern"),
    ("status", "words: {推进迅速: [on_track]}\n", "status.yaml: words 推进迅速: must be [status when affirmed"),
    ("status", "words: {推进迅速: [fast, behind]}\n", "status.yaml: words 推进迅速: must be [status when affirmed"),
    ("document", "locators: {page: '第{pg}页'}\n", "document.yaml: locators page: '第{pg}页' must name only page"),
    ("document", "marks: {page_number: '^(\\d+'}\n", "document.yaml marks page_number: not a valid pattern"),
    ("numbers", "numerals: {digit_forms: []}\n", "numbers.yaml numerals digit_forms: must be a mapping"),
]


@pytest.mark.parametrize("command", ["extract", "check"])
@pytest.mark.parametrize(("name", "text", "said"), _BAD, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(_BAD)])
def test_a_bad_county_rule_at_any_depth_stops_the_run_before_any_file_is_read(name, text, said, command, mini_pdf,
                                                                              tmp_path, capsys):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    to = ["--out", str(out), "--no-cache"] if command == "extract" else []
    assert main([command, str(mini_pdf), *to, "--rules", str(folder)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert said in line, line
    assert f"{name}.yaml" in line and "Traceback" not in line
    assert not out.exists() or not any(out.iterdir())


def test_a_county_adds_words_to_a_vocabulary_and_patterns_of_its_own(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "status.yaml").write_text("words: {推进迅速: [on_track, behind]}\n", encoding="utf-8")
    (folder / "columns.yaml").write_text("roles: {'seq+': ['序\\s*次']}\n", encoding="utf-8")
    rules = load_rules(folder)
    assert rules.status["words"]["推进迅速"] == ["on_track", "behind"]
    assert rules.status["words"]["完成序时进度"] == load_rules().status["words"]["完成序时进度"]
    assert rules.columns["roles"]["seq"][-1] == "序\\s*次"
    assert StatusVocabulary.from_rules(rules.status).read_cell("推进迅速") == Status.ON_TRACK


def test_a_county_word_that_says_nothing_when_negated_loads_new_or_shipped(tmp_path):
    """`~` (the word says nothing then) is as good in a county's entry as in the shipped ones."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "status.yaml").write_text("words: {未启动: [preparing, ~], 完成: [completed, ~]}\n", encoding="utf-8")
    vocab = StatusVocabulary.from_rules(load_rules(folder).status)
    assert vocab.read_cell("未启动") == Status.PREPARING
    assert vocab.read_cell("已完成") == Status.COMPLETED


def test_a_countys_own_place_names_are_written_and_read_back(tmp_path, mini_docx):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "document.yaml").write_text("locators: {paragraph: 'P{paragraph}', table_row: 'T{table}R{row}'}\n",
                                          encoding="utf-8")
    rules = load_settings(folder)
    assert [i.locator for i in process_file(mini_docx, rules).indicators][:2] == ["T1R2", "T1R3"]
    assert document_marks(rules.document).locators.in_draft("T2R7") == (2, 7)
    assert document_marks(rules.document).locators.in_draft("表2第7行") is None
