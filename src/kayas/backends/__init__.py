"""What the tools stand on, one module per backend: the tool functions in `kayas.tools` stay
thin and these do the work.

paths (file names -> workspace paths), trash (recoverable deletion), programs (plain names
-> executables), search_index (SQLite FTS5), clipboard (the system clipboard) and
clipboard_history, smtp (email), browser (one Playwright Chromium per run). The Eyes, with
several backends of their own, are `kayas.eyes`.
"""
