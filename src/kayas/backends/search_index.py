"""An SQLite FTS5 index of local files, by name, folder and content, kept up to date cheaply.

Each query first brings the index up to date: it walks the roots and compares every
file's (mtime, size) with what the index holds, so only new and changed files are read
again and vanished ones are dropped. Ranking is FTS5's BM25 with a file's name weighing
more than its folder, and its folder more than its content.
"""
from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kayas.errors import KayasError
from kayas.settings import kayas_home, load_section, setting, workspace

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL,
                                  mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(name, folder, content,
                                                   tokenize = 'unicode61 remove_diacritics 2');
"""
WEIGHTS = (10.0, 3.0, 1.0)  # name, folder, content
_HIT_OPEN, _HIT_CLOSE = "\x02", "\x03"


@dataclass
class SearchConfig:
    """config.toml ``[search]``; roots add to the workspace and to KAYAS_SEARCH_ROOTS."""

    roots: list[str] = field(default_factory=list)
    max_content_bytes: int = 1024 * 1024  # read at most this much of each file
    max_files: int = 200_000
    results: int = 20
    skip_dirs: list[str] = field(
        default_factory=lambda: ["node_modules", "__pycache__", "venv", "site-packages", "archive.old"]
    )


@dataclass
class UpdateStats:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0


def configured_roots(cfg: SearchConfig | None = None) -> list[Path]:
    """The workspace, then KAYAS_SEARCH_ROOTS (os.pathsep-separated), then config roots; existing, no repeats."""
    cfg = cfg or load_section("search", SearchConfig)
    raw = [str(workspace())]
    raw += [r for r in (setting("KAYAS_SEARCH_ROOTS") or "").split(os.pathsep) if r.strip()]
    raw += cfg.roots
    roots: list[Path] = []
    for r in raw:
        p = Path(r).expanduser().resolve()
        if p.is_dir() and not any(p.is_relative_to(q) for q in roots):
            roots = [q for q in roots if not q.is_relative_to(p)] + [p]
    return roots


class SearchIndex:
    """The index file (KAYAS_HOME/search.sqlite3) and the two things done with it."""

    def __init__(self, cfg: SearchConfig | None = None, path: Path | None = None) -> None:
        self.cfg = cfg or load_section("search", SearchConfig)
        self.path = path or kayas_home() / "search.sqlite3"
        self.conn = sqlite3.connect(self.path, timeout=30)
        self.conn.executescript(_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def _walk(self, root: Path) -> Iterator[os.DirEntry]:
        """Regular files under root; hidden entries, skipped folders and symlinks left out."""
        skip = set(self.cfg.skip_dirs)
        home = kayas_home().resolve()
        stack = [str(root)]
        while stack:
            try:
                entries = list(os.scandir(stack.pop()))
            except OSError:
                continue  # unreadable folder: index what we can
            for entry in entries:
                if entry.name.startswith(".") or entry.is_symlink():
                    continue
                if entry.is_dir():
                    if entry.name not in skip and Path(entry.path) != home:
                        stack.append(entry.path)
                elif entry.is_file():
                    yield entry

    def _read(self, path: str) -> str:
        try:
            with open(path, "rb") as fh:
                data = fh.read(self.cfg.max_content_bytes)
        except OSError:
            return ""
        if b"\x00" in data[:8192]:
            return ""  # binary: found by name only
        return data.decode("utf-8", errors="ignore")

    def update(self, roots: list[Path]) -> UpdateStats:
        """Bring the index in line with the files under ``roots``; reads only new or changed files."""
        stats = UpdateStats()
        known = {p: (i, m, s) for i, p, m, s in self.conn.execute("SELECT id, path, mtime_ns, size FROM files")}
        seen: set[str] = set()
        with self.conn:
            for root in roots:
                for entry in self._walk(root):
                    if len(seen) >= self.cfg.max_files:
                        break
                    st = entry.stat()
                    seen.add(entry.path)
                    old = known.get(entry.path)
                    if old and (old[1], old[2]) == (st.st_mtime_ns, st.st_size):
                        stats.unchanged += 1
                        continue
                    if old:
                        self.conn.execute("DELETE FROM docs WHERE rowid = ?", (old[0],))
                        self.conn.execute("UPDATE files SET mtime_ns = ?, size = ? WHERE id = ?",
                                          (st.st_mtime_ns, st.st_size, old[0]))
                        row_id, stats.updated = old[0], stats.updated + 1
                    else:
                        cur = self.conn.execute("INSERT INTO files (path, mtime_ns, size) VALUES (?, ?, ?)",
                                                (entry.path, st.st_mtime_ns, st.st_size))
                        row_id, stats.added = cur.lastrowid, stats.added + 1
                    folder = str(Path(entry.path).parent.relative_to(root.parent))
                    self.conn.execute("INSERT INTO docs (rowid, name, folder, content) VALUES (?, ?, ?, ?)",
                                      (row_id, entry.name, folder, self._read(entry.path)))
            for path, (row_id, _, _) in known.items():
                if path not in seen:
                    self.conn.execute("DELETE FROM docs WHERE rowid = ?", (row_id,))
                    self.conn.execute("DELETE FROM files WHERE id = ?", (row_id,))
                    stats.removed += 1
        return stats

    def query(self, text: str, limit: int | None = None) -> list[dict]:
        """Files matching any of the words (prefixes too), best first.

        The score counts which share of the words a file matches, and where: the name
        counts most, then the folder, then the content; BM25 breaks ties.
        """
        words = list(dict.fromkeys(re.findall(r"\w+", text.lower())))[:16]
        if not words:
            raise KayasError("empty search query: give some words to look for")
        hits = {
            column: [self._rows(f'{column} : "{w}"*') for w in words] for column in ("name", "folder", "content")
        }
        rows = self.conn.execute(
            f"SELECT docs.rowid, f.path, docs.name, bm25(docs, {', '.join(map(str, WEIGHTS))}) AS rank, "
            f"snippet(docs, 2, '{_HIT_OPEN}', '{_HIT_CLOSE}', '…', 12) "
            "FROM docs JOIN files f ON f.id = docs.rowid WHERE docs MATCH ? ORDER BY rank LIMIT 500",
            (" OR ".join(f'"{w}"*' for w in words),),
        ).fetchall()
        scored = []
        for row_id, path, name, rank, snippet in rows:
            share = {c: sum(row_id in s for s in sets) / len(words) for c, sets in hits.items()}
            covered = sum(any(row_id in hits[c][i] for c in hits) for i in range(len(words))) / len(words)
            score = 4 * covered + sum(w * share[c] for w, c in zip(WEIGHTS, hits)) / 2
            scored.append((score, -rank, {
                "path": path,
                "name": name,
                "score": round(score, 3),
                "matched": [c for c in hits if share[c] > 0],
                "snippet": snippet.replace(_HIT_OPEN, "**").replace(_HIT_CLOSE, "**") if _HIT_OPEN in snippet else "",
            }))
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        return [item for _, _, item in scored[: limit or self.cfg.results]]

    def _rows(self, match: str) -> set[int]:
        return {r for (r,) in self.conn.execute("SELECT rowid FROM docs WHERE docs MATCH ?", (match,))}


def search(text: str) -> list[dict]:
    """Update the index over the configured roots, then query it."""
    cfg = load_section("search", SearchConfig)
    with contextlib.closing(SearchIndex(cfg)) as index:
        index.update(configured_roots(cfg))
        return index.query(text)
