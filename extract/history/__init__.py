"""One indicator across a county's bulletins."""
