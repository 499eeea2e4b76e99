"""The lexical layer: text repair, numbers and Chinese numerals, status meanings, periods."""
