"""Filesystem executors on real files: inside the workspace only, never clobbering, recoverable deletes."""
from __future__ import annotations

import os

import pytest

from kayas.backends import trash
from kayas.errors import KayasError
from kayas.settings import workspace
from kayas.tools.filesystem import append_file, archive_file, create_file, delete_file


@pytest.fixture
def outside(tmp_path):
    """A folder beside the workspace with a file in it, and symlinks into it from the workspace."""
    out = tmp_path / "outside"
    out.mkdir()
    (out / "secret.txt").write_text("do not touch")
    ws = workspace()
    (ws / "link_dir").symlink_to(out, target_is_directory=True)
    (ws / "link_file.txt").symlink_to(out / "secret.txt")
    (ws / "dangling.txt").symlink_to(out / "new.txt")
    return out


def snapshot(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "name,message",
    [
        ("../x.txt", "'..' is not allowed in file names: '../x.txt' (it would leave the workspace)"),
        ("a/../../x.txt", "'..' is not allowed in file names"),
        ("..\\x.txt", "'..' is not allowed in file names"),
        ("/etc/passwd", "absolute paths are not allowed: '/etc/passwd'"),
        ("C:\\Windows\\x.txt", "absolute paths are not allowed"),
        ("~/x.txt", "'~' paths are not allowed"),
        ("", "empty file name"),
        ("a\x00b", "NUL character"),
        (".", "is the workspace itself"),
        (".trash/x", "is in the trash; use `kayas undo`"),
        ("link_dir/x.txt", "'link_dir/x.txt' leads outside the workspace (through a symlink)"),
        ("link_file.txt", "'link_file.txt' leads outside the workspace (through a symlink)"),
        ("dangling.txt", "'dangling.txt' leads outside the workspace (through a symlink)"),
    ],
)
@pytest.mark.parametrize("action", ["create", "append", "delete", "archive"])
def test_paths_leaving_the_workspace_are_refused_and_nothing_changes(outside, name, message, action):
    before = snapshot(outside)
    run = {
        "create": lambda: create_file(name, "x"),
        "append": lambda: append_file(name, "x"),
        "delete": lambda: delete_file(name),
        "archive": lambda: archive_file(name),
    }[action]
    with pytest.raises(KayasError, match=None) as info:
        run()
    assert message in str(info.value)
    assert snapshot(outside) == before
    assert not (outside / "new.txt").exists() and not (outside / "x.txt").exists()


def test_create_writes_the_content_in_subfolders_and_refuses_to_clobber():
    info = create_file("notes/q3_notes.md", "# Q3\n")
    assert info["file"] == "notes/q3_notes.md" and info["bytes"] == 5
    assert (workspace() / "notes" / "q3_notes.md").read_text() == "# Q3\n"
    with pytest.raises(KayasError, match="'notes/q3_notes.md' already exists in the workspace; not overwriting it"):
        create_file("notes/q3_notes.md", "other")
    assert (workspace() / "notes" / "q3_notes.md").read_text() == "# Q3\n"


def test_append_adds_a_new_line_and_creates_missing_files():
    assert append_file("errands.txt", "buy milk")["created"] is True
    (workspace() / "errands.txt").write_bytes((workspace() / "errands.txt").read_bytes() + b"no newline")
    append_file("errands.txt", "buy eggs")
    assert (workspace() / "errands.txt").read_text() == "buy milk\nno newline\nbuy eggs\n"


def test_append_to_a_folder_is_refused():
    (workspace() / "folder").mkdir()
    with pytest.raises(KayasError, match="'folder' is a folder, not a file"):
        append_file("folder", "x")


def test_delete_then_undo_restores_byte_for_byte():
    data = bytes(range(256)) * 1000 + "ünïcode\r\n".encode()
    path = workspace() / "docs" / "report.bin"
    path.parent.mkdir()
    path.write_bytes(data)
    os.chmod(path, 0o640)
    result = delete_file("docs/report.bin")
    assert result["trashed"] and not path.exists()
    assert trash.undo() == ["docs/report.bin"]
    assert path.read_bytes() == data
    assert (path.stat().st_mode & 0o777) == 0o640
    with pytest.raises(KayasError, match="nothing to undo"):
        trash.undo()


def test_undo_restores_every_file_of_the_last_operation_only():
    for name in ("a.txt", "b.txt", "c.txt"):
        (workspace() / name).write_text(name)
    delete_file("a.txt")  # its own operation
    with trash.operation():
        delete_file("b.txt")
        delete_file("c.txt")
    assert sorted(trash.undo()) == ["b.txt", "c.txt"]
    assert not (workspace() / "a.txt").exists()
    assert trash.undo() == ["a.txt"]
    assert (workspace() / "a.txt").read_text() == "a.txt"


def test_undo_never_overwrites_a_new_file_with_the_same_name():
    (workspace() / "a.txt").write_text("old")
    delete_file("a.txt")
    (workspace() / "a.txt").write_text("new")
    with pytest.raises(KayasError, match="cannot restore 'a.txt': a file with that name exists again"):
        trash.undo()
    assert (workspace() / "a.txt").read_text() == "new"


def test_undo_refuses_a_trashed_copy_that_was_changed():
    (workspace() / "a.txt").write_text("old")
    entry = trash.move_to_trash(workspace() / "a.txt")
    (trash.trash_dir() / "files" / entry.stored).write_text("tampered")
    with pytest.raises(KayasError, match="the trashed copy was changed"):
        trash.undo()


def test_delete_missing_file_or_folder_is_an_error():
    with pytest.raises(KayasError, match="no such file in the workspace: 'ghost.txt'"):
        delete_file("ghost.txt")
    (workspace() / "dir").mkdir()
    with pytest.raises(KayasError, match="'dir' is a folder, not a file"):
        delete_file("dir")


def test_archive_moves_into_archive_and_keeps_both_on_a_clash():
    (workspace() / "notes").mkdir()
    (workspace() / "notes" / "old.txt").write_text("1")
    assert archive_file("notes/old.txt")["file"] == "archive/notes/old.txt"
    (workspace() / "notes" / "old.txt").write_text("2")
    assert archive_file("notes/old.txt")["file"] == "archive/notes/old (2).txt"
    assert (workspace() / "archive" / "notes" / "old.txt").read_text() == "1"
    assert (workspace() / "archive" / "notes" / "old (2).txt").read_text() == "2"
    with pytest.raises(KayasError, match="already in the archive"):
        archive_file("archive/notes/old.txt")
