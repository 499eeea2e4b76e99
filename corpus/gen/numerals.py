"""Numbers as a county office types them: Arabic, full-width (IME in full-width mode) or Chinese
numerals; shares rounded half-up or cut at the printed decimals."""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

STYLES = ("arabic", "fullwidth", "chinese")

_DIGITS = "零一二三四五六七八九"
_FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def chinese(n: int, counter: bool = True) -> str:
    """12 -> 十二, 2 -> 两 (before a counter such as 项), 20 -> 二十, 105 -> 一百零五, 230 -> 二百三十."""
    if n < 0 or n >= 10000:
        raise ValueError(f"no Chinese numeral for {n}")
    if n == 2 and counter:
        return "两"
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    out = ""
    zero = False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero:
                out += "零"
            out += _DIGITS[d] + name
            zero = False
        elif out:
            zero = True
    return out


def count(n: int, style: str) -> str:
    """A count before 项/个/件."""
    if style == "chinese":
        return chinese(n)
    if style == "fullwidth":
        return str(n).translate(_FW)
    return str(n)


def plain(n: int, style: str) -> str:
    """A number that is not a count before a counter (an annex number, a month)."""
    if style == "fullwidth":
        return str(n).translate(_FW)
    return str(n)


def share_value(numerator: int, denominator: int, decimals: int, *, cut: bool = False) -> str:
    """numerator/denominator*100 at `decimals`, rounded half-up (or cut), as digits: "2.5", "16.67"."""
    exact = Fraction(100 * numerator, denominator)
    d = Decimal(exact.numerator) / Decimal(exact.denominator)
    q = Decimal(1).scaleb(-decimals)
    return str(d.quantize(q, rounding=ROUND_DOWN if cut else ROUND_HALF_UP))


def percent(value: str, style: str) -> str:
    """"22.3" -> 22.3% / ２２．３％ / 百分之二十二点三."""
    if style == "chinese":
        whole, _, frac = value.partition(".")
        text = "百分之" + chinese(int(whole), counter=False)
        if frac:
            text += "点" + "".join(_DIGITS[int(c)] for c in frac)
        return text
    if style == "fullwidth":
        return (value + "%").translate(_FW)
    return value + "%"


def decimals_of(value: str) -> int:
    return len(value.partition(".")[2])
