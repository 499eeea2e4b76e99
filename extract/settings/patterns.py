"""A rules text that is a `regex` pattern (tagged `!re` in the shipped files)."""
from __future__ import annotations

import regex


class Pattern(str):
    """A rules text read as a `regex` pattern: a county's value for it must compile, which is checked
    when the rules are loaded, not when a file first needs it. Stages that join patterns into larger
    ones take it as text; a section field typed `regex.Pattern[str]` holds it compiled."""


def checked_pattern(value: object, where: str) -> Pattern:
    """`value` as a Pattern, or a ValueError naming `where`: not a text, or a text that does not compile."""
    if not isinstance(value, str):
        raise ValueError(f"{where}: must be a pattern (not {value!r})")
    try:
        regex.compile(value)
    except regex.error as exc:
        raise ValueError(f"{where}: not a valid pattern ({' '.join(str(exc).split())})") from None
    return Pattern(value)


class BySource:
    """For a frozen dataclass (made with eq=False) with compiled patterns among its fields: equal to
    another of its class when their values are, a compiled pattern by its source and flags (a
    compiled `regex` pattern is equal only to itself, so a pickled copy of the rules would differ)."""

    def _by_source(self) -> tuple[object, ...]:
        return tuple((v.pattern, v.flags) if isinstance(v, regex.Pattern) else v for v in vars(self).values())

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, BySource)
        return self._by_source() == other._by_source()
