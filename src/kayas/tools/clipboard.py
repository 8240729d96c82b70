"""The system clipboard, with a history of what was copied."""
from __future__ import annotations

import time

from kayas.backends import clipboard, clipboard_history
from kayas.errors import KayasError
from kayas.registry import TextOut, tool


def _pasted(args: dict, r: dict) -> str:
    return f"the clipboard holds {r['chars']} characters:\n{r['text']}" if r["text"] else "the clipboard is empty"


def _history(args: dict, rows: list) -> str:
    if not rows:
        return "nothing was copied yet"
    lines = [f"the last {len(rows)} copied text{'s' if len(rows) != 1 else ''}, newest first:"]
    return "\n".join(lines + [f"  {r['copied_at']}  {r['text']}" for r in rows])


@tool(summary="copied {result[chars]} characters to the clipboard", phrase="copy '{text}' to the clipboard")
def copy_text(text: str) -> dict:
    """Put text on the clipboard.

    Args:
        text: The text to copy.
    """
    name = clipboard.copy(text)
    clipboard_history.remember(text, "copy")
    return {"copied": text, "chars": len(text), "backend": name}


@tool(read_only=True, summary=_pasted, phrase="read the clipboard", text=TextOut(lambda r: r["text"], "the clipboard's text"))
def paste_text() -> dict:
    """Read the text on the clipboard."""
    text = clipboard.paste()
    if text:
        clipboard_history.remember(text, "seen")  # copied elsewhere: still part of what the user copied
    return {"text": text, "chars": len(text)}


@tool(read_only=True, summary=_history, phrase="show the last {limit} copied texts",
      text=TextOut(lambda rows: "\n".join(r["text"] for r in rows), "the last {limit} copied texts"))
def get_history(limit: int = 10) -> list:
    """The last copied texts, newest first.

    Args:
        limit: How many entries to return.
    """
    if limit < 1:
        raise KayasError(f"limit must be at least 1, got {limit}")
    rows = clipboard_history.recent(limit)
    return [{"text": t, "source": s, "copied_at": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(a))} for t, s, a in rows]
