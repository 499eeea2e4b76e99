"""Variant generator for the sample corpus: new bulletins in other counties' wording, status words
and table layouts, with their truth derived from the structured data they are rendered from.

    python -m corpus.gen                 # write corpus/sources/var-*.yaml and build them (docx, pdf, truth)
    python -m corpus.gen --no-pdf        # sources, docx and truth only
    python -m corpus.gen --seed 7 --out /tmp/x   # another draw, elsewhere

Modules: `numerals` (Arabic, full-width and Chinese numbers and shares), `vocab` (status
vocabularies of the tables and the narrative), `content` (indicator rows), `layouts` (header
layouts), `phrasing` (the statement phrasings, by wording family), `findings` (the expected
findings, from the definitions), `bulletin` (a bulletin from a spec), `rephrase` (the same
narrative worded many ways, for the fuzz test), `scores` (the evaluation per family). Nothing here imports the package `extract`
or reads `rules/`: the corpus must be able to show the tool what it does not know.
"""
