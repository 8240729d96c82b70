"""A text file's first page, for reading aloud or on screen; binary files are refused, not dumped.

A file is text when its first 8 KiB hold no NUL byte and its page decodes as UTF-8 (a BOM is
dropped). The page is the first ``PAGE_LINES`` lines, cut at ``PAGE_CHARS`` characters; the
whole file is only streamed to count its lines, never held in memory.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from kayas.errors import KayasError

PAGE_LINES = 100
PAGE_CHARS = 6000
SNIFF_BYTES = 8192


class NotText(KayasError):
    """The file is binary (an image, a PDF, ...): its bytes are not text to read out."""


@dataclass(frozen=True)
class Page:
    text: str
    lines: int  # lines shown (a line cut at PAGE_CHARS counts as shown)
    total_lines: int
    complete: bool  # the page is the whole file


def _count_lines(path: Path) -> int:
    count, last = 0, b"\n"
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")  # a last line without its newline still counts


def first_page(path: Path) -> Page:
    """The first page of a UTF-8 text file, or NotText naming what it seems to be."""
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
        if b"\x00" in head:
            raise NotText(f"'{path.name}' is a binary file, not text; open it in its application instead")
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        text, chunk = "", head
        try:
            while chunk and text.count("\n") <= PAGE_LINES and len(text) <= PAGE_CHARS:
                text += decoder.decode(chunk)
                chunk = fh.read(SNIFF_BYTES)
            if not chunk:
                text += decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise NotText(f"'{path.name}' is not UTF-8 text (a binary file?); open it in its application instead") \
                from None
    complete = not chunk and len(text.splitlines()) <= PAGE_LINES and len(text) <= PAGE_CHARS
    lines = text.splitlines(keepends=True)[:PAGE_LINES]
    page = "".join(lines)
    if len(page) > PAGE_CHARS:
        page = page[:PAGE_CHARS]
        lines = page.splitlines(keepends=True)
    shown = len(lines)
    return Page(page.rstrip("\n"), shown, shown if complete else max(_count_lines(path), shown), complete)
