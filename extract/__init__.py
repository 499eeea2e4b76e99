"""zhuanbao: Chinese supervision bulletins (督查室 专报/通报) into clean, cross-checked data.

    >>> import extract
    >>> b = extract.read_bulletin("corpus/pdf/fenghuang-2023-13.pdf")
    >>> b.indicators.head()
    >>> h = extract.read_history("out/")          # after `zhuanbao extract … --out out/`
    >>> h.laggards
"""
from typing import Any

__version__ = "0.1.0"
__all__ = ["read_bulletin", "Bulletin", "read_history", "History", "Geometry", "default_geometry", "__version__"]


def __getattr__(name: str) -> Any:
    # imported lazily so `zhuanbao --help` does not pay for pandas
    if name in ("read_bulletin", "Bulletin", "read_history", "History"):
        from extract import api

        return getattr(api, name)
    if name == "Geometry":
        from extract.settings.geometry import Geometry

        return Geometry
    if name == "default_geometry":
        from extract.settings.rules import default_geometry

        return default_geometry
    raise AttributeError(name)
