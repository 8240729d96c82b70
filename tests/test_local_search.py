"""local.search: real files, an SQLite FTS5 index that is updated incrementally, name and content ranking."""
from __future__ import annotations

import contextlib
import os

import pytest

from kayas.backends.search_index import SearchIndex, configured_roots
from kayas.errors import KayasError
from kayas.settings import kayas_home, workspace
from kayas.tools.filesystem import delete_file
from kayas.tools.local import search


def write(path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())


@pytest.fixture
def files():
    ws = workspace()
    write(ws / "lease_agreement_2024.pdf", b"%PDF-1.4\x00\x01binary")
    write(ws / "letters" / "landlord.txt", "Dear landlord, about the lease agreement of the flat.")
    write(ws / "notes.md", "lease lease lease")
    write(ws / "groceries.txt", "eggs milk bread")
    write(ws / ".hidden" / "lease.txt", "hidden")
    return ws


def names(results):
    return [r["name"] for r in results]


def test_name_matches_rank_above_content_matches(files):
    results = search("lease agreement")
    assert names(results) == ["lease_agreement_2024.pdf", "landlord.txt", "notes.md"]
    top, second = results[0], results[1]
    assert top["matched"] == ["name"] and top["path"] == str(files / "lease_agreement_2024.pdf")
    assert second["matched"] == ["content"] and "**lease** **agreement**" in second["snippet"]
    assert top["score"] > second["score"] > results[2]["score"]


def test_prefixes_and_folders_match(files):
    assert names(search("groc"))[0] == "groceries.txt"
    assert names(search("letters")) == ["landlord.txt"]


def test_nothing_matches_and_empty_queries(files):
    assert search("zebra") == []
    with pytest.raises(KayasError, match="empty search query"):
        search("  ?! ")


def test_index_is_updated_incrementally(files):
    roots = configured_roots()
    with contextlib.closing(SearchIndex()) as index:
        first = index.update(roots)
        assert (first.added, first.updated, first.removed) == (4, 0, 0)  # the hidden folder is left out
        again = index.update(roots)
        assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 4)
        write(files / "groceries.txt", "eggs milk bread and a zebra cake")
        os.utime(files / "groceries.txt", ns=(1, 1))  # a new mtime even on a coarse clock
        (files / "notes.md").unlink()
        write(files / "new.txt", "zebra")
        changed = index.update(roots)
        assert (changed.added, changed.updated, changed.removed, changed.unchanged) == (1, 1, 1, 2)
        assert sorted(names(index.query("zebra"))) == ["groceries.txt", "new.txt"]
    assert (kayas_home() / "search.sqlite3").exists()


def test_deleted_files_leave_the_results(files):
    assert "notes.md" in names(search("lease"))
    delete_file("notes.md")  # into the trash, which is not searched
    assert "notes.md" not in names(search("lease"))


def test_extra_roots_from_the_environment_and_config(files, tmp_path, monkeypatch):
    env_root, cfg_root = tmp_path / "env_root", tmp_path / "cfg_root"
    write(env_root / "taxes_2023.txt", "refund")
    write(cfg_root / "deep" / "passport_scan.txt", "travel")
    monkeypatch.setenv("KAYAS_SEARCH_ROOTS", f"{env_root}{os.pathsep}{tmp_path / 'missing'}")
    (kayas_home() / "config.toml").write_text(f'[search]\nroots = ["{cfg_root}"]\n')
    assert configured_roots() == [workspace(), env_root.resolve(), cfg_root.resolve()]
    assert names(search("taxes")) == ["taxes_2023.txt"]
    assert names(search("travel")) == ["passport_scan.txt"]
    monkeypatch.delenv("KAYAS_SEARCH_ROOTS")
    assert search("taxes") == []  # a root that is no longer configured drops out of the index


def test_bad_search_config_names_the_key():
    (kayas_home() / "config.toml").write_text("[search]\nroot = ['x']\n")
    with pytest.raises(KayasError, match="unknown key 'root' in \\[search\\]"):
        search("x")
    (kayas_home() / "config.toml").write_text("[search]\nroots = 'x'\n")
    with pytest.raises(KayasError, match="roots must be a list"):
        search("x")
