"""What the document says against itself: its arithmetic and its tables."""
