"""zhuanbao: Chinese supervision bulletins (督查室 专报/通报) into clean, cross-checked data.

    >>> import extract
    >>> b = extract.read_bulletin("corpus/pdf/fenghuang-2023-13.pdf")
    >>> b.indicators.head()
"""
__version__ = "0.1.0"
__all__ = ["read_bulletin", "Bulletin", "Geometry", "default_geometry", "__version__"]


def __getattr__(name):
    # imported lazily so `zhuanbao --help` does not pay for pandas
    if name in ("read_bulletin", "Bulletin"):
        from extract import api

        return getattr(api, name)
    if name in ("Geometry", "default_geometry"):
        from extract import geometry

        return getattr(geometry, name)
    raise AttributeError(name)
