"""rules/document.yaml's `marks` and `locators`: the bulletin's fixed marks (document number, annex
heading, page number …), compiled when the rules are loaded, and how a place in it is written
(第3页 / 第5段 / 表2第7行)."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.settings.patterns import BySource

_FIELDS = {"annex": ("annex",), "page": ("page",), "pages": ("first", "last"), "paragraph": ("paragraph",),
           "table_row": ("table", "row"),
           "sheet_row": ("sheet", "row")}


@dataclass(frozen=True)
class Locators:
    """Templates of document.yaml `locators`, each with its named fields."""

    annex: str
    page: str
    pages: str
    paragraph: str
    table_row: str
    sheet_row: str

    def __post_init__(self) -> None:
        for name, fields in _FIELDS.items():
            template = getattr(self, name)
            try:
                template.format(**{f: 1 for f in fields})
            except (KeyError, IndexError, ValueError) as exc:
                raise ValueError(f"{name}: {template!r} must name only {', '.join(fields)} "
                                 f"in braces ({exc!r})") from None

    def at_annex(self, annex: int) -> str:
        return self.annex.format(annex=annex)

    def at_page(self, page: int) -> str:
        return self.page.format(page=page)

    def at_pages(self, first: int, last: int | None) -> str:
        return self.at_page(first) if last in (None, first) else self.pages.format(first=first, last=last)

    def at_paragraph(self, paragraph: int) -> str:
        return self.paragraph.format(paragraph=paragraph)

    def at_table_row(self, table: int, row: int) -> str:
        return self.table_row.format(table=table, row=row)

    def at_sheet_row(self, sheet: str, row: int) -> str:
        return self.sheet_row.format(sheet=sheet, row=row)

    def in_draft(self, locator: str) -> tuple[int] | tuple[int, int] | None:
        """(paragraph,) or (table, row), 1-based, from a draft's locator; None for any other."""
        if m := _pattern(self.paragraph).fullmatch(locator):
            return (int(m.group("paragraph")),)
        if m := _pattern(self.table_row).fullmatch(locator):
            return int(m.group("table")), int(m.group("row"))
        return None


def _pattern(template: str) -> regex.Pattern[str]:
    """A template read back: each {field} a number."""
    pieces = regex.split(r"\{(\w+)\}", template)
    return regex.compile("".join(regex.escape(p) if i % 2 == 0 else f"(?P<{p}>[0-9]+)"
                                 for i, p in enumerate(pieces)))


@dataclass(frozen=True, eq=False)
class DocumentMarks(BySource):
    """The marks every bulletin shares, from document.yaml `marks`."""

    doc_number: regex.Pattern[str]
    annex_heading: regex.Pattern[str]
    annex_file: regex.Pattern[str]
    page_number: regex.Pattern[str]
    filler: regex.Pattern[str]
    place_name: regex.Pattern[str]
    name_separators: regex.Pattern[str]
    number_cell: regex.Pattern[str]
    row_number: regex.Pattern[str]
    total_row: regex.Pattern[str]
