"""A county's rules folder is checked at any depth when it is loaded: a misspelt key, a value of the
wrong kind or a pattern that does not compile is one line naming the file and the key, and the run
stops with exit 2 before any bulletin is read."""
from __future__ import annotations

import pytest

from extract.chinese.status import StatusVocabulary
from extract.cli import main
from extract.model import Status
from extract.pipeline import load_settings, process_file
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
    ("document", "locators: {page: '第{pg}页'}\n", "document.yaml locators page: '第{pg}页' must name only page"),
    ("document", "marks: {page_number: '^(\\d+'}\n", "document.yaml marks page_number: not a valid pattern"),
    ("numbers", "numerals: {digit_forms: []}\n", "numbers.yaml numerals digit_forms: must be a mapping"),
    # the typed sections: a whole number, an enum member
    ("history", "max_gap: 1.5\n", "history.yaml max_gap: must be a whole number (not 1.5)"),
    ("tolerances", "percent: {truncated_severity: loud}\n",
     "tolerances.yaml percent truncated_severity: must be one of error, warning, info (not 'loud')"),
    ("review", "shown: [error, fatal]\n", "review.yaml shown item 'fatal': must be one of error, warning, info"),
    ("tolerances", "percent: 5\n", "tolerances.yaml percent: must be a mapping (not 5)"),
    ("columns", "roles: {seq+: 序号}\n", "columns.yaml roles seq+: must be a list of what to append"),
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
    assert rules.status.words["推进迅速"] == ("on_track", "behind")
    assert rules.status.words["完成序时进度"] == load_rules().status.words["完成序时进度"]
    assert rules.columns.roles["seq"][-1] == "序\\s*次"
    assert StatusVocabulary.from_rules(rules).read_cell("推进迅速") == Status.ON_TRACK


def test_a_county_word_that_says_nothing_when_negated_loads_new_or_shipped(tmp_path):
    """`~` (the word says nothing then) is as good in a county's entry as in the shipped ones."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "status.yaml").write_text("words: {未启动: [preparing, ~], 完成: [completed, ~]}\n", encoding="utf-8")
    vocab = StatusVocabulary.from_rules(load_rules(folder))
    assert vocab.read_cell("未启动") == Status.PREPARING
    assert vocab.read_cell("已完成") == Status.COMPLETED


def test_a_countys_own_place_names_are_written_and_read_back(tmp_path, mini_docx):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "document.yaml").write_text("locators: {paragraph: 'P{paragraph}', table_row: 'T{table}R{row}'}\n",
                                          encoding="utf-8")
    rules = load_settings(folder)
    assert [i.locator for i in process_file(mini_docx, rules).indicators][:2] == ["T1R2", "T1R3"]
    assert rules.document.locators.in_draft("T2R7") == (2, 7)
    assert rules.document.locators.in_draft("表2第7行") is None


def test_every_rules_file_is_its_typed_section_at_every_depth():
    """A shipped key without a field, or a field without a shipped key, stops the load: the sections
    and the files cannot drift apart. Each value is of its field's type (mypy reads the fields)."""
    import dataclasses
    import typing

    from extract.settings.rules import SECTIONS, shipped_rule
    from extract.settings.sections import build_section

    rules = load_rules()
    for name, cls in SECTIONS.items():
        shipped = shipped_rule(name)
        section = getattr(rules, name)
        assert isinstance(section, cls)
        assert [f.name for f in dataclasses.fields(section)] == list(shipped)
        with pytest.raises(ValueError, match=f"{name}.yaml: unknown key 'extra'"):
            build_section(cls, {**shipped, "extra": 1}, f"{name}.yaml")
        first = next(iter(shipped))
        with pytest.raises(ValueError, match=f"{name}.yaml: missing key '{first}'"):
            build_section(cls, {k: v for k, v in shipped.items() if k != first}, f"{name}.yaml")
    assert rules.tolerances.percent.slack_points.__class__.__name__ == "Decimal"
    assert rules.document.marks.doc_number.search("凤政督函〔2023〕13号").group("seq") == "13"
    assert typing.get_type_hints(type(rules.claims))["cell_item"] is not str   # compiled at load


def test_the_stages_views_are_built_once_per_rules_object_and_not_shipped_to_workers():
    import pickle

    from extract.narrative.grammar import ClaimGrammar

    rules, other = load_settings(), load_rules()
    grammar = ClaimGrammar.from_rules(rules)
    assert ClaimGrammar.from_rules(rules) is grammar                 # built by load_settings, kept
    assert ClaimGrammar.from_rules(other) is not grammar             # each rules object has its own
    copy = pickle.loads(pickle.dumps(rules))
    assert copy == rules and copy._views == {}                       # a worker builds its own
    assert ClaimGrammar.from_rules(copy).count.pattern == grammar.count.pattern
