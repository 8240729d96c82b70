"""Issue 25's attacks on the file tools and `kayas undo`, each a test: the attack must fail and a
sentinel tree outside the workspace (and Kayas's own trash log) stay byte-identical.

The attacker is anything that can write the workspace between two Kayas calls (a sandboxed
`process.run_command`): it plants links, hard links and forged trash logs there.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from kayas.backends import journal, trash
from kayas.errors import KayasError
from kayas.settings import kayas_home, workspace
from kayas.tools.filesystem import append_file, archive_file, create_file, delete_file


def tree(folder: Path) -> dict[str, object]:
    """Every path under ``folder`` with its bytes, mode and symlink target."""
    out: dict[str, object] = {}
    for p in sorted(folder.rglob("*")):
        st = p.lstat()
        body = os.readlink(p) if p.is_symlink() else (p.read_bytes() if p.is_file() else None)
        out[str(p.relative_to(folder))] = (st.st_mode, body)
    return out


@pytest.fixture
def outside(tmp_path):
    """A sentinel tree beside the workspace; it must not change in any test here."""
    out = tmp_path / "outside"
    (out / "sub").mkdir(parents=True)
    (out / "keep.txt").write_text("a\nb\n")
    (out / "sub" / "data.bin").write_bytes(bytes(range(256)))
    before = tree(out)
    yield out
    assert tree(out) == before, "a file outside the workspace changed"


def undo_messages() -> list[tuple[bool, str]]:
    return [(s.done, s.message) for s in journal.undo()]


def test_a_planted_trash_link_gets_nothing_the_trash_is_in_kayas_home(outside):
    ws = workspace()
    (ws / ".trash").symlink_to(outside, target_is_directory=True)  # planted before the first delete
    (ws / "a.txt").write_text("mine")
    with journal.operation("delete a.txt"):
        delete_file("a.txt")
    assert not (ws / "a.txt").exists()
    assert trash.trash_dir().is_relative_to(kayas_home()) and not trash.trash_dir().is_relative_to(ws)
    assert undo_messages() == [(True, "restored a.txt from the trash")]
    assert (ws / "a.txt").read_text() == "mine"


def test_a_forged_trash_log_with_a_trigger_is_never_read(outside):
    """The old trash log lived in the workspace: a trigger rewrote each new row's `original` to a
    path outside, so undo "restored" the deleted bytes there."""
    ws = workspace()
    (ws / ".trash" / "files").mkdir(parents=True)
    conn = sqlite3.connect(ws / ".trash" / "log.sqlite3")
    conn.execute("CREATE TABLE deleted (id INTEGER PRIMARY KEY AUTOINCREMENT, operation TEXT NOT NULL, original TEXT NOT NULL,"
                 " stored TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, deleted_at REAL NOT NULL, restored_at REAL)")
    conn.execute(f"CREATE TRIGGER redirect AFTER INSERT ON deleted BEGIN UPDATE deleted SET original = "
                 f"'../{outside.name}/pwned.txt' WHERE id = NEW.id; END")
    conn.commit()
    conn.close()
    (ws / "report.txt").write_text("the report")
    with journal.operation("delete report.txt"):
        delete_file("report.txt")
    assert undo_messages() == [(True, "restored report.txt from the trash")]
    assert (ws / "report.txt").read_text() == "the report"
    assert not (outside / "pwned.txt").exists()


def test_a_forged_journal_row_cannot_name_a_path_outside(outside):
    (workspace() / "x.txt").write_text("x")
    with journal.operation("forged"):
        journal.record("create", f"../{outside.name}/keep.txt", bytes=4, sha256=hashlib.sha256(b"a\nb\n").hexdigest())
        journal.record("archive", "x.txt", **{"from": f"../{outside.name}/moved.txt", "to": "x.txt"})
    steps = undo_messages()
    assert [done for done, _ in steps] == [False, False]
    assert all("'..' is not allowed" in message for _, message in steps)
    assert (workspace() / "x.txt").read_text() == "x"


@pytest.mark.parametrize("tool", ["delete", "archive"])
def test_undo_never_follows_a_folder_swapped_for_a_link(outside, tool):
    ws = workspace()
    (ws / "sub").mkdir()
    (ws / "sub" / "report.txt").write_text("quarterly")
    with journal.operation(f"{tool} sub/report.txt"):
        (delete_file if tool == "delete" else archive_file)("sub/report.txt")
    (ws / "sub").rmdir()
    (ws / "sub").symlink_to(outside, target_is_directory=True)  # swapped in after the change
    steps = undo_messages()
    assert len(steps) == 1 and not steps[0][0]
    assert "symlink" in steps[0][1]
    assert not (outside / "report.txt").exists()
    (ws / "sub").unlink()  # the link gone, the same undo is tried again and works (a failed step is not marked undone)
    assert [done for done, _ in undo_messages()] == [True]
    assert (ws / "sub" / "report.txt").read_text() == "quarterly"


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_undo_of_an_append_never_truncates_a_file_that_became_a_link(outside, link):
    ws = workspace()
    (ws / "notes.txt").write_text("a\n")
    with journal.operation("append b"):
        append_file("notes.txt", "b")  # now "a\nb\n": the same bytes as outside/keep.txt
    (ws / "notes.txt").unlink()
    if link == "symlink":
        (ws / "notes.txt").symlink_to(outside / "keep.txt")
    else:
        os.link(outside / "keep.txt", ws / "notes.txt")
    steps = undo_messages()
    assert len(steps) == 1 and not steps[0][0], steps
    assert ("symlink" if link == "symlink" else "hard link") in steps[0][1]


def test_a_planted_hard_link_is_refused_by_every_file_tool(outside):
    ws = workspace()
    os.link(outside / "keep.txt", ws / "planted.txt")
    for run in (lambda: append_file("planted.txt", "x"), lambda: archive_file("planted.txt"),
                lambda: delete_file("planted.txt"), lambda: create_file("planted.txt", "x")):
        with pytest.raises(KayasError):
            run()
    assert (ws / "planted.txt").read_text() == "a\nb\n"


def test_a_symlink_into_the_trash_cannot_reach_its_log(outside):
    ws = workspace()
    (ws / "a.txt").write_text("a")
    delete_file("a.txt")
    log = trash.trash_dir() / "log.sqlite3"
    before = log.read_bytes()
    (ws / ".trash").mkdir()
    (ws / ".trash" / "log.sqlite3").write_bytes(b"legacy log")
    (ws / "alias.txt").symlink_to(log)
    (ws / "alias2.txt").symlink_to(ws / ".trash" / "log.sqlite3")
    for name in ("alias.txt", "alias2.txt"):
        with pytest.raises(KayasError, match="symlink"):
            append_file(name, "corrupt")
    assert log.read_bytes() == before and (ws / ".trash" / "log.sqlite3").read_bytes() == b"legacy log"


def test_symlinks_are_not_followed_even_inside_the_workspace(outside):
    ws = workspace()
    (ws / "real.txt").write_text("a\n")
    (ws / "alias.txt").symlink_to(ws / "real.txt")  # fine today, pointed outside tomorrow
    with pytest.raises(KayasError, match="'alias.txt' goes through a symlink"):
        append_file("alias.txt", "b")
    assert (ws / "real.txt").read_text() == "a\n"


def test_kayas_state_is_private():
    (workspace() / "a.txt").write_text("a")
    delete_file("a.txt")
    for path in (kayas_home() / "journal.sqlite3", trash.trash_dir() / "log.sqlite3"):
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert trash.trash_dir().stat().st_mode & 0o777 == 0o700


def test_a_long_name_can_be_created_deleted_and_undone():
    for length in (224, 240, 255):
        name = "n" * (length - 4) + ".txt"
        with journal.operation("create"):
            create_file(name, "x")
        with journal.operation("delete"):
            delete_file(name)
        assert undo_messages() == [(True, f"restored {name} from the trash")]
        assert undo_messages() == [(True, f"removed {name}, which that command created (it is in the trash now)")]
        assert not (workspace() / name).exists()


def test_a_bearer_token_is_masked_in_the_journal():
    with journal.operation("post with Authorization: Bearer abcdefghijklmnop1234"):
        journal.record_other("slack.post_message", "posted with token xoxb-1234567890-abcdefghij")
    raw = (kayas_home() / "journal.sqlite3").read_bytes()
    assert b"abcdefghijklmnop1234" not in raw and b"xoxb-1234567890" not in raw


def test_a_corrupt_journal_stops_an_append_before_it_writes():
    (workspace() / "notes.txt").write_text("a\n")
    (kayas_home() / "journal.sqlite3").write_bytes(b"not a database" * 100)
    with pytest.raises(KayasError, match="journal"):
        append_file("notes.txt", "b")
    assert (workspace() / "notes.txt").read_text() == "a\n"
    with pytest.raises(KayasError, match="cannot be used"):
        journal.undo()


def test_a_corrupt_trash_log_is_one_line_not_a_traceback():
    (workspace() / "a.txt").write_text("a")
    with journal.operation("delete"):
        delete_file("a.txt")
    (trash.trash_dir() / "log.sqlite3").write_bytes(b"garbage" * 100)
    steps = journal.undo()
    assert len(steps) == 1 and not steps[0].done and "cannot be used" in steps[0].message


def test_a_journal_row_with_a_bad_detail_is_a_failed_step_not_a_crash():
    with journal.operation("odd"):
        journal.record("append", "x.txt")
    conn = sqlite3.connect(kayas_home() / "journal.sqlite3")
    conn.execute("INSERT INTO changes (operation, command, kind, file, detail, at) VALUES ('z','c','create','y.txt','{not json',1)")
    conn.commit()
    conn.close()
    assert all(not s.done for s in journal.undo())
    assert json.dumps([s.__dict__ for s in journal.undo()])  # still a plain answer, tried again
