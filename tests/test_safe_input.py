"""The one reader of untrusted JSON and TOML, and the inputs that used to end in a traceback."""
from __future__ import annotations

import io
import json
import sys

import pytest

from kayas.cli.main import main
from kayas.safe_input import MAX_DEPTH, InputError, check_value, loads_json, loads_toml
from kayas.settings import kayas_home, load_section, user_config

DEEP = "[" * 10_000 + "]" * 10_000


def kayas(args: list[str], monkeypatch, capsys, stdin: bytes = b"") -> tuple[int, str, str]:
    """The real entry point in this process; stdin as bytes (a real stdin has a .buffer)."""
    monkeypatch.setattr(sys, "argv", ["kayas", *args])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr()
    return done.value.code, out.out, out.err


@pytest.mark.parametrize("text,message", [
    (DEEP, "nested too deeply"),
    ('{"a":' * 5000 + "1" + "}" * 5000, "nested too deeply"),
    ("[" + "1" * 5000 + "]", "a number too large"),
    ("[9223372036854775808]", "a number too large"),
    ("[1e999]", "a number out of range"),
    ("[NaN]", "NaN is not JSON"),
    ("[-Infinity]", "-Infinity is not JSON"),
    ('["a\\u0000b"]', "NUL character"),
    ('["\x00"]', "NUL character"),
    ('["\\ud800"]', "lone surrogate"),
    ("[\"\udcff\"]", "not UTF-8"),  # what Python makes of the byte 0xff on the command line
    (b'["\xff"]', "not UTF-8 text (invalid start byte at byte 2)"),
    (b"[" + b" " * (4 * 1024 * 1024) + b"]", "too large"),
    ("[1,", "not JSON: Expecting value at line 1 column 4"),
])
def test_each_bad_json_input_is_one_line(text, message):
    with pytest.raises(InputError) as exc:
        loads_json(text)
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_nesting_up_to_the_limit_is_read_and_brackets_inside_strings_do_not_count():
    assert loads_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    assert loads_json(json.dumps(["[" * 10_000])) == ["[" * 10_000]
    with pytest.raises(InputError):
        loads_json("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def test_decoded_values_get_the_same_checks():
    deep: list = []
    for _ in range(100_000):  # far past Python's recursion limit: the walk is iterative
        deep = [deep]
    with pytest.raises(InputError, match="nested too deeply"):
        check_value(deep)
    assert check_value({"a": [1, 2.5, "x", None, True]}) == {"a": [1, 2.5, "x", None, True]}


@pytest.mark.parametrize("text,message", [
    ("a = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
    ("[" + ".".join(["a"] * 5000) + "]", "nested too deeply"),
    ("a = 1" + "0" * 5000, "a number too large"),
    ("a = nan", "a number out of range"),
    ("a = inf", "a number out of range"),
    ('a = "x\\u0000"', "NUL character"),
    ("a = 1\x00", "NUL character"),
    (b"a = '\xff'", "not UTF-8"),
    ("a = ", "not valid TOML"),
])
def test_each_bad_toml_input_is_one_line(text, message):
    with pytest.raises(InputError) as exc:
        loads_toml(text)
    assert message in str(exc.value) and "\n" not in str(exc.value)


def test_a_bad_config_file_is_one_line_naming_the_file():
    from kayas.tools.process import ProcessConfig

    (kayas_home() / "config.toml").write_bytes(b"[process]\ncommand_timeout_s = 1" + b"0" * 5000 + b"\n")
    with pytest.raises(InputError, match=r"config\.toml: a number too large"):
        user_config()
    (kayas_home() / "config.toml").write_text("[process]\nfoo = 1\n")
    with pytest.raises(Exception, match=r"unknown key 'foo' in \[process\]"):
        load_section("process", ProcessConfig)


# ---------------------------------------------------------------- the tracebacks issue 19 lists

def test_kayas_do_on_ten_thousand_nested_lists_from_stdin(monkeypatch, capsys):
    code, out, err = kayas(["do", "-"], monkeypatch, capsys, stdin=(DEEP + "\n").encode())
    assert (code, out, err) == (2, "", f"error: nested too deeply (more than {MAX_DEPTH} levels)\n")


@pytest.mark.parametrize("stdin,message", [
    (b"\xff\xfe[]", "error: not UTF-8 text (invalid start byte at byte 0)\n"),
    (b"[" * (5 * 1024 * 1024), "error: too large: over 4,194,304 bytes\n"),
    (b'[{"tool": "local.search", "args": {"query": "a\\u0000"}}]', "error: holds a NUL character in a string\n"),
])
def test_kayas_do_refuses_bad_bytes_on_stdin(stdin, message, monkeypatch, capsys):
    assert kayas(["do", "-"], monkeypatch, capsys, stdin=stdin) == (2, "", message)


def test_markup_in_an_argument_is_shown_as_text(monkeypatch, capsys):
    """A `[/]` in an argument once crashed rich's markup parser when the plan was shown."""
    code, out, err = kayas(["do", '[{"tool": "local.search", "args": {"query": "[/] [bold]x"}}]'], monkeypatch, capsys)
    assert code == 0 and "[/] [bold]x" in out


def test_an_unknown_config_key_names_its_section_on_screen(monkeypatch, capsys):
    (kayas_home() / "config.toml").write_text("[process]\nfoo = 1\n")
    code, out, err = kayas(["do", "--yes", '[{"tool": "process.run_command", "args": {"command": "true"}}]'], monkeypatch, capsys)
    assert "unknown key 'foo' in [process]" in " ".join(out.split())


def test_data_stats_on_a_binary_file(tmp_path, monkeypatch, capsys):
    binary = tmp_path / "some-binary-file"
    binary.write_bytes(bytes(range(256)) * 8)
    code, out, err = kayas(["data", "stats", str(binary), "--tokenizer", "none"], monkeypatch, capsys)
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1 and "not UTF-8" in err


@pytest.mark.parametrize("command", [["data", "stats"], ["eval", "--data"]])
def test_a_jsonl_line_nested_thousands_deep(command, tmp_path, monkeypatch, capsys):
    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"messages": ' + "[" * 5000 + "]" * 5000 + "}\n")
    args = [*command, str(deep)] + (["--tokenizer", "none"] if command[0] == "data" else [])
    code, out, err = kayas(args, monkeypatch, capsys)
    assert (code, out) == (2, "")
    assert err == f"error: {deep}:1: nested too deeply (more than {MAX_DEPTH} levels)\n"


def test_a_plan_nested_thousands_deep_inside_a_data_line(tmp_path, monkeypatch, capsys):
    deep = tmp_path / "deep.jsonl"
    deep.write_text(json.dumps({"messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": DEEP}]}) + "\n")
    code, out, err = kayas(["eval", "--data", str(deep)], monkeypatch, capsys)
    assert code == 2 and "nested too deeply" in err and err.count("\n") == 1


def test_a_device_that_does_not_exist(monkeypatch, capsys):
    code, out, err = kayas(["plan", "create a todo list", "--device", "gpu"], monkeypatch, capsys)
    assert (code, err) == (2, "error: --device must be cpu, cuda, cuda:N or auto, got 'gpu'\n")


def test_a_file_given_as_the_adapter(tmp_path, monkeypatch, capsys):
    file = tmp_path / "adapter.safetensors"
    file.write_bytes(b"x")
    code, out, err = kayas(["plan", "create a todo list", "--adapter", str(file)], monkeypatch, capsys)
    assert code == 2 and "not a file" in err and "folder not found" not in err


def test_a_blank_line_in_plan_file_plans_to_nothing_and_keeps_lines_aligned(tiny_model_dir, tmp_path, monkeypatch, capsys):
    from kayas.testing.stand_ins import make_random_adapter

    adapter = str(make_random_adapter(tmp_path / "adapter", str(tiny_model_dir)))
    (tmp_path / "c.txt").write_text("create a todo list\n\n   \nhello\n")
    code, out, err = kayas(["plan", "--file", str(tmp_path / "c.txt"), "--adapter", adapter, "--max-new-tokens", "24"], monkeypatch, capsys)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    assert lines[1] == lines[2] == "[]"
    code, out, err = kayas(["plan", "--file", str(tmp_path / "c.txt"), "--adapter", adapter, "--max-new-tokens", "24", "--json"],
                           monkeypatch, capsys)
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["command"] for r in rows] == ["create a todo list", "", "   ", "hello"] and rows[1]["plan"] == []
