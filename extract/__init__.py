"""zhuanbao: Chinese supervision bulletins (督查室 专报/通报) into clean, cross-checked data."""
__version__ = "0.1.0"
