"""What people and programs get: tables, the terminal and HTML reports, annotated drafts."""
