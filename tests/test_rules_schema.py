"""A county's rules folder is checked at any depth when it is loaded: a misspelt key, a value of the
wrong kind or a pattern that does not compile is one line naming the file and the key, and the run
stops with exit 2 before any bulletin is read."""
from __future__ import annotations

import pytest

from extract.chinese.status import StatusVocabulary
from extract.cli import main
from extract.model import Status
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
