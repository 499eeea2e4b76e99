"""Issue 22: a run's choices are one frozen, picklable BatchOptions, checked as it is made, with
the run modes as enums and the defaults in one place (the command line's are the same)."""
from __future__ import annotations

import dataclasses
import pickle

import pytest

from extract.model import Engine, OcrMode, ReadChoice, Reader
from extract.run.options import DEFAULTS, BatchOptions, Executor
from extract.settings.rules import load_rules


def test_texts_naming_a_mode_become_its_enum_and_the_object_is_frozen_and_picklable():
    options = BatchOptions(engine="camelot", reader="pdfplumber", ocr="never", executor="dask", formats=["csv", "xlsx"])
    assert (options.engine, options.reader, options.ocr, options.executor) == (
        Engine.CAMELOT, Reader.PDFPLUMBER, OcrMode.NEVER, Executor.DASK)
    assert options.formats == ("csv", "xlsx")
    assert options.read == ReadChoice(Engine.CAMELOT, Reader.PDFPLUMBER, OcrMode.NEVER)
    assert pickle.loads(pickle.dumps(options)) == options
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.jobs = 2  # type: ignore[misc]


@pytest.mark.parametrize(("given", "said"), [
    ({"engine": "tabula"}, "unknown engine 'tabula' (choose from pdfplumber, camelot)"),
    ({"reader": "x"}, "unknown reader 'x'"),
    ({"ocr": "sometimes"}, "unknown OCR mode 'sometimes'"),
    ({"executor": "ray"}, "unknown executor 'ray' (choose from local, dask)"),
    ({"formats": ("csv", "pdf")}, "unknown format 'pdf'"),
    ({"encoding": "no-such-codec"}, "unknown encoding"),
    ({"jobs": 0}, "jobs 0: must be a whole number >= 1"),
    ({"jobs": 1.5}, "jobs 1.5"),
    ({"timeout": 0}, "timeout 0"),
    ({"timeout": float("inf")}, "timeout inf"),
    ({"timeout": -1}, "timeout -1"),
    ({"memory_mb": -1}, "memory_mb -1"),
    ({"window": 0}, "window 0"),
    ({"scheduler": "tcp://host:8786"}, "--scheduler needs --executor dask"),
])
def test_a_value_no_run_can_use_is_a_one_line_error(given, said):
    with pytest.raises(ValueError, match="^[^\n]*$") as caught:
        BatchOptions(**given)
    assert said in str(caught.value)


def test_the_limits_that_mean_none_are_allowed():
    options = BatchOptions(timeout=None, memory_mb=0, window=None)
    assert (options.timeout, options.memory_mb, options.window) == (None, 0, None)


def test_the_command_lines_defaults_are_the_options_defaults():
    from extract.cli import _options, _parser

    args = _parser().parse_args(["extract", "in", "--out", "out"])
    assert (args.engine, args.reader, args.ocr, args.timeout, args.encoding, args.executor) == (
        DEFAULTS.engine, DEFAULTS.reader, DEFAULTS.ocr, DEFAULTS.timeout, DEFAULTS.encoding, DEFAULTS.executor)
    assert _options(args) == DEFAULTS


def test_the_rules_travel_to_the_workers_small():
    """A worker gets the rules pickled (forkserver, spawn, Dask): some tens of KB, not megabytes."""
    rules = load_rules()
    assert pickle.loads(pickle.dumps(rules)) == rules
    assert len(pickle.dumps(rules)) < 200_000
