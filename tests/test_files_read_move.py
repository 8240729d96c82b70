"""filesystem.read_file, list_files and move_file on real files: paged reads, binary files refused,
listings without Kayas's own trash, moves that never overwrite and that `kayas undo` takes back."""
from __future__ import annotations

import json

import pytest

from cli_runner import run_main
from kayas.backends import file_text, journal
from kayas.errors import KayasError
from kayas.registry import default_registry
from kayas.settings import workspace
from kayas.tools.filesystem import delete_file, list_files, move_file, read_file


def write(name: str, data: str | bytes) -> None:
    path = workspace() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def summary(tool: str, args: dict, result) -> str:
    spec = default_registry().get(tool).summary
    return spec(args, result) if callable(spec) else spec.format(**args, result=result)


def test_read_a_short_file_whole():
    write("shopping.txt", "eggs\nmilk\nbread\n")
    out = read_file("shopping.txt")
    assert (out["text"], out["lines"], out["total_lines"], out["complete"]) == ("eggs\nmilk\nbread", 3, 3, True)
    assert summary("filesystem.read_file", {"filename": "shopping.txt"}, out) == "shopping.txt:\neggs\nmilk\nbread"


def test_a_long_file_gives_its_first_page_and_says_how_to_read_more():
    write("notes/log.txt", "".join(f"line {i}\n" for i in range(1, 1001)))
    out = read_file("notes/log.txt")
    assert out["lines"] == file_text.PAGE_LINES and out["total_lines"] == 1000 and not out["complete"]
    assert out["text"].splitlines()[-1] == f"line {file_text.PAGE_LINES}"
    assert out["more_lines"] == 1000 - file_text.PAGE_LINES
    said = summary("filesystem.read_file", {"filename": "notes/log.txt"}, out)
    assert said.endswith(f"… 900 more lines: open it in its application (\"open notes/log.txt\") or read "
                         f"{workspace() / 'notes/log.txt'}")


def test_one_very_long_line_is_cut_and_said_so():
    write("one.txt", "é" * 50_000)  # two bytes each: the cut may fall inside a character's bytes
    out = read_file("one.txt")
    assert out["text"] == "é" * file_text.PAGE_CHARS and not out["complete"] and out["more_lines"] == 0
    assert "the rest of the line" in summary("filesystem.read_file", {"filename": "one.txt"}, out)


def test_utf8_with_bom_and_an_empty_file():
    write("bom.txt", "\ufeffhello\n".encode())
    assert read_file("bom.txt")["text"] == "hello"
    write("empty.txt", b"")
    out = read_file("empty.txt")
    assert (out["text"], out["total_lines"], out["complete"]) == ("", 0, True)
    assert summary("filesystem.read_file", {"filename": "empty.txt"}, out) == "empty.txt is empty"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"caf\xe9 au lait\n"])
def test_binary_and_non_utf8_files_are_refused_clearly(data):
    write("photo.png", data)
    with pytest.raises(KayasError, match="'photo.png' is (a binary file|not UTF-8 text).*open it in its application"):
        read_file("photo.png")


def test_read_refuses_what_is_not_a_workspace_file(tmp_path):
    (workspace() / "folder").mkdir()
    with pytest.raises(KayasError, match="'folder' is a folder, not a file"):
        read_file("folder")
    with pytest.raises(KayasError, match="no such file in the workspace: 'nope.txt'"):
        read_file("nope.txt")
    with pytest.raises(KayasError, match="'..' is not allowed"):
        read_file("../outside.txt")


def test_list_the_workspace_and_a_folder_without_the_trash():
    write("b.txt", "bb")
    write("A.md", "a")
    write("docs/report.txt", "r")
    write("gone.txt", "x")
    delete_file("gone.txt")  # makes .trash/
    out = list_files()
    assert [e["name"] for e in out["entries"]] == ["docs/", "A.md", "b.txt"]
    assert out["entries"][2]["bytes"] == 2 and out["entries"][0]["bytes"] is None and out["folder"] == ""
    assert summary("filesystem.list_files", {}, out) == "3 in the workspace:\n  docs/\n  A.md\n  b.txt"
    docs = list_files("docs/")
    assert (docs["folder"], [e["name"] for e in docs["entries"]]) == ("docs", ["report.txt"])
    (workspace() / "empty").mkdir()
    assert summary("filesystem.list_files", {"folder": "empty"}, list_files("empty")) == "empty is empty"


def test_list_refuses_a_file_a_missing_folder_and_the_outside():
    write("b.txt", "bb")
    with pytest.raises(KayasError, match="'b.txt' is a file, not a folder"):
        list_files("b.txt")
    with pytest.raises(KayasError, match="no such folder in the workspace: 'photos'"):
        list_files("photos")
    with pytest.raises(KayasError, match="absolute paths are not allowed"):
        list_files("/etc")
    with pytest.raises(KayasError, match="in the trash"):
        list_files(".trash")


def test_rename_keeps_the_bytes_and_the_extension_when_none_is_given():
    write("notes.txt", "idea 1\n")
    out = move_file("notes.txt", "ideas")
    assert (out["file"], out["moved_from"]) == ("ideas.txt", "notes.txt")
    assert (workspace() / "ideas.txt").read_text() == "idea 1\n" and not (workspace() / "notes.txt").exists()
    assert summary("filesystem.move_file", {}, out) == "moved notes.txt to ideas.txt (`kayas undo` moves it back)"


def test_move_into_an_existing_folder_or_a_new_one():
    write("report.txt", "r")
    (workspace() / "work").mkdir()
    assert move_file("report.txt", "work")["file"] == "work/report.txt"
    assert move_file("work/report.txt", "2026/q4/")["file"] == "2026/q4/report.txt"
    assert move_file("2026/q4/report.txt", "final.md")["file"] == "final.md"


def test_move_never_overwrites_and_never_leaves_the_workspace(tmp_path):
    write("a.txt", "a")
    write("b.txt", "b")
    with pytest.raises(KayasError, match="'b.txt' already exists in the workspace; not overwriting it"):
        move_file("a.txt", "b.txt")
    with pytest.raises(KayasError, match="'..' is not allowed"):
        move_file("a.txt", "../a.txt")
    with pytest.raises(KayasError, match="in the trash"):
        move_file("a.txt", ".trash/a.txt")
    with pytest.raises(KayasError, match="already called that"):
        move_file("a.txt", "a.txt")
    with pytest.raises(KayasError, match="no such file in the workspace: 'c.txt'"):
        move_file("c.txt", "d.txt")
    with pytest.raises(KayasError, match="'b.txt' is a file, not a folder to move into"):
        move_file("a.txt", "b.txt/")
    with pytest.raises(KayasError, match="^'b.txt' is a file, not a folder$"):
        move_file("a.txt", "b.txt/sub/")  # a folder path through a file
    assert (workspace() / "a.txt").read_text() == "a" and (workspace() / "b.txt").read_text() == "b"


def test_undo_moves_the_file_back_through_the_cli(monkeypatch, capsys):
    write("draft.txt", "text\n")
    plan = json.dumps([{"tool": "filesystem.move_file", "args": {"filename": "draft.txt", "new_name": "done/final.txt"}}])
    code, out, err = run_main(monkeypatch, capsys, ["do", "--yes", plan])
    assert code == 0, out + err
    assert "moved draft.txt to done/final.txt" in out
    assert (workspace() / "done/final.txt").exists() and not (workspace() / "draft.txt").exists()
    code, out, _ = run_main(monkeypatch, capsys, ["undo"])
    assert (code, out) == (0, "✓ moved done/final.txt back to draft.txt\n")
    assert (workspace() / "draft.txt").read_text() == "text\n" and not (workspace() / "done/final.txt").exists()


def test_undo_leaves_a_new_file_at_the_old_name_alone():
    write("a.txt", "first")
    with journal.operation("rename a"):
        move_file("a.txt", "b.txt")
    write("a.txt", "a new one")
    [step] = journal.undo()
    assert not step.done and "a new a.txt exists; the moved copy stays at b.txt" in step.message
    assert (workspace() / "a.txt").read_text() == "a new one" and (workspace() / "b.txt").read_text() == "first"
