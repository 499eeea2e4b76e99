"""Geometry settings: loaded from rules/geometry.yaml, validated with one-line reasons, reachable from a
rules folder, the command line and the Python API."""
from __future__ import annotations

import dataclasses

import pytest
import yaml

import extract
from extract.cli import main
from extract.settings.geometry import Geometry
from extract.settings.rules import default_geometry, load_rules, shipped_rule


def test_the_shipped_file_is_the_default_and_frozen():
    geometry = load_rules().geometry
    assert geometry == default_geometry() == Geometry.from_mapping(shipped_rule("geometry"))
    assert geometry.words.x_tolerance == shipped_rule("geometry")["words"]["x_tolerance"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        geometry.words.x_tolerance = 2  # type: ignore[misc]


def test_a_rules_folder_may_set_a_single_tolerance(tmp_path):
    (tmp_path / "geometry.yaml").write_text("# wider word gaps for our printer\nwords:\n  x_tolerance: 2.5\n",
                                            encoding="utf-8")
    geometry = load_rules(tmp_path).geometry
    assert geometry.words.x_tolerance == 2.5
    assert geometry.replace(words={"x_tolerance": default_geometry().words.x_tolerance}) == default_geometry()


@pytest.mark.parametrize("section, key, value, message", [
    ("words", "x_tolerance", "abc", "geometry.yaml: words.x_tolerance must be a number >= 0, got 'abc'"),
    ("words", "y_tolerance", -1, "geometry.yaml: words.y_tolerance must be a number >= 0, got -1"),
    ("ruling", "max_segments", 2.5, "geometry.yaml: ruling.max_segments must be a whole number >= 1, got 2.5"),
    ("ruling", "snap_tolerance", True, "geometry.yaml: ruling.snap_tolerance must be a number >= 0, got True"),
    ("detect", "min_cols", 0, "geometry.yaml: detect.min_cols must be a whole number >= 1, got 0"),
    ("detect", "narrative_fill", 1.5, "geometry.yaml: detect.narrative_fill must be a number > 0 and <= 1, got 1.5"),
    ("stitch", "top_fraction", float("nan"),
     "geometry.yaml: stitch.top_fraction must be a number >= 0 and <= 1, got nan"),
    ("stitch", "header_limit", 3, "geometry.yaml: unknown setting stitch.header_limit"),
])
def test_a_bad_value_is_a_one_line_error_naming_it(section, key, value, message):
    data = shipped_rule("geometry")
    data[section][key] = value
    with pytest.raises(ValueError) as info:
        Geometry.from_mapping(data)
    assert str(info.value) == message


def test_unknown_section_and_missing_setting():
    data = shipped_rule("geometry")
    with pytest.raises(ValueError, match="unknown section 'table'"):
        Geometry.from_mapping({**data, "table": {}})
    del data["words"]["line_tolerance"]
    with pytest.raises(ValueError, match=r"^geometry.yaml: words.line_tolerance is not set$"):
        Geometry.from_mapping(data)


def test_the_command_line_stops_on_a_bad_geometry_file(tmp_path, mini_pdf, capsys):
    (tmp_path / "geometry.yaml").write_text(yaml.safe_dump({"detect": {"min_rows": "many"}}), encoding="utf-8")
    assert main(["check", str(mini_pdf), "--rules", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "detect.min_rows must be a whole number >= 1" in err and "Traceback" not in err


def test_the_api_takes_a_geometry(mini_pdf):
    normal = extract.read_bulletin(mini_pdf)
    assert normal.status == "ok" and len(normal.indicators)
    # no table has 50 columns: no annex tables, only the narrative is read
    narrow = extract.read_bulletin(mini_pdf, geometry=extract.default_geometry().replace(detect={"min_cols": 50}))
    assert len(narrow.indicators) == 0 and len(narrow.claims) > 0
    with pytest.raises(ValueError, match="detect.min_cols must be a whole number >= 1, got -2"):
        extract.default_geometry().replace(detect={"min_cols": -2})


def test_a_rules_folder_geometry_reaches_the_tables_command(tmp_path, mini_pdf):
    rules = tmp_path / "rules"
    rules.mkdir()
    assert main(["tables", str(mini_pdf), "--out", str(tmp_path / "a")]) == 0
    (rules / "geometry.yaml").write_text("detect:\n  min_cols: 50\n", encoding="utf-8")
    assert main(["tables", str(mini_pdf), "--out", str(tmp_path / "b"), "--rules", str(rules)]) == 0
    assert len(list((tmp_path / "a").glob("table_*.csv"))) > 0
    assert list((tmp_path / "b").glob("table_*.csv")) == []
