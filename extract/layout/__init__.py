"""A document's layout: header facts, the narrative, the annex blocks, page furniture."""
