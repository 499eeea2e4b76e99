"""Scanned pages read by OCR into the same Document, and OCR text repaired from the document's own evidence."""
