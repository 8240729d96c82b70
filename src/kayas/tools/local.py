"""Local search over the workspace and configured folders."""
from __future__ import annotations

from kayas.backends import search_index
from kayas.registry import TextOut, tool


def _found(args: dict, hits: list) -> str:
    if not hits:
        return f"no local file matches \"{args['query']}\""
    count = "1 file matches" if len(hits) == 1 else f"{len(hits)} files match"
    lines = [f"{count} \"{args['query']}\", best first:"]
    lines += [f"  {h['path']}" + (f"  ({h['snippet']})" if h.get("snippet") else "") for h in hits]
    return "\n".join(lines)


@tool(read_only=True, summary=_found, phrase="search your files for '{query}'",
      text=TextOut(lambda hits: "\n".join(h["path"] for h in hits), "the files matching '{query}'"))
def search(query: str) -> list:
    """Find local files by name and content, best matches first.

    Args:
        query: The words to look for in file names and contents.
    """
    return search_index.search(query)
