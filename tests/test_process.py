"""Process executors with real processes: programs started from PATH, commands, killing by name."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from kayas.backends.programs import resolve_program
from kayas.errors import KayasError
from kayas.settings import kayas_home, workspace
from kayas.tools.process import get_system_info, kill_process, list_processes, run_command, start_program

SLEEPER = f"""#!{sys.executable}
import os, sys, time
open(os.environ["KAYAS_TEST_PIDS"], "a").write(f"{{os.path.basename(sys.argv[0])}} {{os.getpid()}}\\n")
time.sleep(float(os.environ.get("KAYAS_TEST_SLEEP", "60")))
"""


@pytest.fixture
def bin_dir(tmp_path, monkeypatch):
    """A folder first on PATH whose programs log their pid, then sleep."""
    folder = tmp_path / "bin"
    folder.mkdir()
    pids = tmp_path / "pids.txt"
    monkeypatch.setenv("KAYAS_TEST_PIDS", str(pids))
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    yield folder, pids
    for line in pids.read_text().splitlines() if pids.exists() else []:
        try:
            psutil.Process(int(line.split()[1])).kill()
        except psutil.NoSuchProcess:
            pass


def install(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(SLEEPER)
    path.chmod(0o755)
    return path


def wait_for_pids(pids: Path, count: int) -> list[tuple[str, int]]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = pids.read_text().splitlines() if pids.exists() else []
        if len(lines) >= count:
            return [(n, int(p)) for n, p in (line.split() for line in lines)]
        time.sleep(0.05)
    raise AssertionError(f"{count} programs did not start")


def test_plain_names_map_to_the_platforms_executable(bin_dir):
    folder, pids = bin_dir
    install(folder, "gedit")
    result = start_program("notepad")
    assert result["executable"] == str(folder / "gedit") and result["background"] is True
    [(name, pid)] = wait_for_pids(pids, 1)
    assert name == "gedit" and pid == result["pid"]
    assert psutil.Process(pid).cwd() == str(workspace())


def test_aliases_and_exe_suffix(bin_dir):
    folder, _ = bin_dir
    install(folder, "code")
    assert resolve_program("Visual Studio Code") == [str(folder / "code")]
    assert resolve_program("code.exe") == [str(folder / "code")]


def test_foreground_waits_for_the_program(bin_dir, monkeypatch):
    folder, pids = bin_dir
    install(folder, "kysleeper")
    monkeypatch.setenv("KAYAS_TEST_SLEEP", "0.3")
    result = start_program("kysleeper", background=False)
    assert result["exit_code"] == 0 and result["seconds"] >= 0.3


def test_missing_program_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(KayasError, match=r"program 'calculator' is not installed \(looked for: gnome-calculator, kcalc"):
        start_program("calculator")
    with pytest.raises(KayasError, match="program 'nosuchthing' is not installed"):
        start_program("nosuchthing")


@pytest.mark.parametrize("program", ["rm -rf /", "../bin/sh", "/bin/sh", "a;b", ""])
def test_program_must_be_a_plain_name(program):
    with pytest.raises(KayasError, match="program must be a plain name"):
        start_program(program)


def test_harmful_programs_are_not_started_without_arguments():
    with pytest.raises(KayasError, match="use process.run_command, which asks first"):
        start_program("shutdown")


def test_run_command_returns_exit_code_and_both_outputs():
    result = run_command("echo out; echo err >&2; pwd; exit 3")
    assert result["exit_code"] == 3
    assert result["stdout"] == f"out\n{workspace()}\n"
    assert result["stderr"] == "err\n"
    assert result["timed_out"] is False and result["truncated"] is False


def test_run_command_caps_output_and_times_out(tmp_path):
    (kayas_home() / "config.toml").write_text("[process]\ncommand_timeout_s = 1.0\noutput_cap_bytes = 1000\n")
    big = run_command("head -c 200000 /dev/zero | tr '\\0' x")
    assert big["exit_code"] == 0 and big["truncated"] is True and big["stdout"] == "x" * 1000
    marker = tmp_path / "still-running"
    started = time.monotonic()
    slow = run_command(f"(sleep 2; touch {marker}) & sleep 30")
    assert slow["timed_out"] is True and slow["exit_code"] is None
    assert time.monotonic() - started < 4
    time.sleep(2.5)
    assert not marker.exists()  # the whole process group ended, the background child too


def test_unknown_config_key_is_named():
    (kayas_home() / "config.toml").write_text("[process]\ntimeout = 3\n")
    with pytest.raises(KayasError, match="unknown key 'timeout' in \\[process\\]"):
        run_command("true")


def test_kill_process_ends_every_process_with_that_name_and_counts(bin_dir):
    folder, pids = bin_dir
    install(folder, "kysleeper")
    install(folder, "kyother")
    procs = [subprocess.Popen([str(folder / n)]) for n in ("kysleeper", "kysleeper", "kyother")]
    wait_for_pids(pids, 3)
    result = kill_process("kysleeper")
    assert result["matched"] == 2 and result["ended"] == 2
    assert sorted(result["pids"]) == sorted(p.pid for p in procs[:2])
    assert [p.wait(timeout=5) is not None for p in procs[:2]] == [True, True]
    assert procs[2].poll() is None  # another name: left alone
    assert kill_process("kysleeper")["ended"] == 0


def test_list_processes_and_system_info_are_data():
    rows = list_processes()
    me = next(r for r in rows if r["pid"] == os.getpid())
    assert me["memory_mb"] > 0 and me["name"]
    info = get_system_info()
    assert info["cpu"]["logical_cores"] >= 1
    assert 0 < info["memory"]["available_gb"] <= info["memory"]["total_gb"]
    assert info["disk"]["workspace"]["path"] == str(workspace())
