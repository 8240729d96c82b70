"""`kayas undo` takes back the last command, whatever it did to the files, in reverse order, and
says plainly what it cannot take back; `kayas undo --list`. Through the real entry point, on
real files (plans typed with `kayas do`, which goes the same way as `kayas run`)."""
from __future__ import annotations

import json

from cli_runner import run_main
from kayas.settings import workspace


def kayas(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    return run_main(monkeypatch, capsys, list(args))


def do(monkeypatch, capsys, *calls: tuple[str, dict]) -> None:
    plan = json.dumps([{"tool": f"filesystem.{tool}", "args": args} for tool, args in calls])
    code, out, err = kayas(monkeypatch, capsys, "do", "--yes", plan)
    assert code == 0, out + err


def files() -> dict[str, bytes]:
    """Every file of the workspace but the trash, by its path."""
    root = workspace()
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".trash" not in p.relative_to(root).parts}


def test_undo_takes_back_the_last_command_not_the_last_delete(monkeypatch, capsys):
    """The issue's case: a delete, then an archive; undo moves the archived file back, and
    leaves the earlier delete alone."""
    (workspace() / "old.txt").write_text("old")
    (workspace() / "shopping.txt").write_text("eggs\n")
    do(monkeypatch, capsys, ("delete_file", {"filename": "old.txt"}))
    do(monkeypatch, capsys, ("archive_file", {"filename": "shopping.txt"}))
    code, out, _ = kayas(monkeypatch, capsys, "undo")
    assert (code, out) == (0, "✓ moved shopping.txt back out of the archive\n")
    assert files() == {"shopping.txt": b"eggs\n"}  # old.txt stays deleted
    code, out, _ = kayas(monkeypatch, capsys, "undo")
    assert (code, out) == (0, "✓ restored old.txt from the trash\n")
    assert files() == {"old.txt": b"old", "shopping.txt": b"eggs\n"}


def test_one_command_of_every_kind_is_undone_in_reverse_order(monkeypatch, capsys):
    data = b"line one\r\nno newline at the end \xff"
    (workspace() / "keep.bin").write_bytes(data)
    (workspace() / "gone.txt").write_text("bye")
    before = files()
    do(monkeypatch, capsys,
       ("create_file", {"filename": "notes/todo.txt", "content": "buy milk"}),
       ("append_file", {"filename": "notes/todo.txt", "content": "call mum"}),
       ("append_file", {"filename": "keep.bin", "content": "added"}),
       ("archive_file", {"filename": "notes/todo.txt"}),
       ("delete_file", {"filename": "gone.txt"}))
    assert set(files()) == {"keep.bin", "archive/notes/todo.txt"}
    code, out, _ = kayas(monkeypatch, capsys, "undo")
    assert code == 0
    assert out.splitlines() == [
        "✓ restored gone.txt from the trash",
        "✓ moved notes/todo.txt back out of the archive",
        "✓ took the added line out of keep.bin",
        "✓ took the added line out of notes/todo.txt",
        "✓ removed notes/todo.txt, which that command created (it is in the trash now)",
    ]
    assert files() == before  # byte for byte, the appended-to binary file included


def test_a_file_changed_since_is_left_alone_and_said_so(monkeypatch, capsys):
    do(monkeypatch, capsys, ("create_file", {"filename": "todo.txt", "content": "a"}))
    (workspace() / "todo.txt").write_text("a, and my own edit")
    code, out, _ = kayas(monkeypatch, capsys, "undo")
    assert code == 1
    assert out == "✗ could not undo the create of todo.txt: todo.txt was changed since; left as it is\n"
    assert (workspace() / "todo.txt").read_text() == "a, and my own edit"


def test_what_is_outside_the_files_is_named_as_not_undoable(monkeypatch, capsys):
    """A shell command run without the sandbox's copy of the workspace (here: the sandbox off) is not undoable."""
    from kayas.settings import config_file

    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text("[sandbox]\nenabled = false\n")
    plan = json.dumps([{"tool": "filesystem.create_file", "args": {"filename": "a.txt"}},
                       {"tool": "process.run_command", "args": {"command": "true"}}])
    assert kayas(monkeypatch, capsys, "do", "--yes", plan)[0] == 0
    code, out, _ = kayas(monkeypatch, capsys, "undo")
    assert code == 1
    assert out.splitlines() == [
        "✗ cannot take back: ran `true` (that is outside the files Kayas keeps)",
        "✓ removed a.txt, which that command created (it is in the trash now)",
    ]


def test_list_shows_the_commands_newest_first_and_what_was_undone(monkeypatch, capsys):
    do(monkeypatch, capsys, ("create_file", {"filename": "a.txt"}))
    do(monkeypatch, capsys, ("append_file", {"filename": "b.txt", "content": "x"}))
    assert kayas(monkeypatch, capsys, "undo")[0] == 0
    code, out, _ = kayas(monkeypatch, capsys, "undo", "--list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("1. add 'x' to b.txt")
    assert lines[0].endswith("(undone)") and lines[1] == "     appended to b.txt  [undone]"
    assert lines[2].startswith("2. create a.txt") and "(undone)" not in lines[2]
    assert lines[3] == "     created a.txt"
    listed = json.loads(kayas(monkeypatch, capsys, "undo", "--list", "--json")[1])
    assert [op["undone"] for op in listed] == [True, False]
    assert (workspace() / "a.txt").exists()  # --list changes nothing


def test_count_takes_back_several_commands_and_nothing_left_is_exit_2(monkeypatch, capsys):
    do(monkeypatch, capsys, ("create_file", {"filename": "a.txt"}))
    do(monkeypatch, capsys, ("create_file", {"filename": "b.txt"}))
    code, out, _ = kayas(monkeypatch, capsys, "undo", "--count", "2")
    assert code == 0 and len(out.splitlines()) == 2
    assert files() == {}
    code, out, err = kayas(monkeypatch, capsys, "undo")
    assert (code, out, err) == (2, "", "error: nothing to undo: no command has changed anything yet\n")
