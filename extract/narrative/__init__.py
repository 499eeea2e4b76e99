"""The narrative read: outline, claim grammar, claims of every genre, links to the annex tables."""
