"""kayas.config: each setting from the environment, else config.toml, else its default; an
unknown config.toml table is an error naming it; `kayas config` says where each value came from."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kayas import config
from kayas.settings import kayas_home


def write(text: str) -> None:
    (kayas_home() / "config.toml").write_text(text)


def test_the_environment_wins_over_config_toml_which_wins_over_the_default(monkeypatch):
    monkeypatch.delenv("KAYAS_ENGINE", raising=False)
    assert config.resolve("KAYAS_ENGINE") == config.Resolved("KAYAS_ENGINE", "auto", "default")
    write('KAYAS_ENGINE = "torch"\n')
    assert config.resolve("KAYAS_ENGINE") == config.Resolved("KAYAS_ENGINE", "torch", "config.toml")
    monkeypatch.setenv("KAYAS_ENGINE", "llamacpp")
    assert config.resolve("KAYAS_ENGINE") == config.Resolved("KAYAS_ENGINE", "llamacpp", "environment")
    monkeypatch.setenv("KAYAS_ENGINE", "")  # empty counts as unset
    assert config.resolve("KAYAS_ENGINE").source == "config.toml"


def test_the_engine_threads_and_eyes_read_through_it(monkeypatch):
    from kayas.engines.factory import choose
    from kayas.eyes.base import EyesConfig

    for name in ("KAYAS_THREADS", "KAYAS_EYES_MAX_TEXT", "KAYAS_ENGINE"):
        monkeypatch.delenv(name, raising=False)
    write('KAYAS_THREADS = 3\nKAYAS_EYES_MAX_TEXT = 150\nKAYAS_ENGINE = "nonsense"\n')
    assert config.threads() == 3
    assert EyesConfig.from_env().max_text == 150  # config.toml now counts for the eyes too
    with pytest.raises(Exception, match="engine must be one of"):
        choose()


def test_a_misspelt_table_is_an_error_naming_it_and_the_known_ones():
    write('[polcy]\n"filesystem.delete_file" = "deny"\n')
    with pytest.raises(config.UnknownTable) as err:
        config.user_config()
    assert "unknown table [polcy] (did you mean [policy]?)" in str(err.value)
    assert all(f"[{t}]" in str(err.value) for t in config.TABLES)


def test_a_misspelt_policy_table_stops_the_run_instead_of_turning_the_rule_off():
    from kayas.assistant import Assistant
    from kayas.errors import KayasError

    write('[polcy]\n"filesystem.create_file" = "deny"\n')
    with pytest.raises(KayasError, match=r"unknown table \[polcy\]"):
        Assistant().run([{"tool": "filesystem.create_file", "args": {"filename": "a.txt"}}])


def test_kayas_config_prints_each_setting_and_where_it_came_from(tmp_path):
    write('KAYAS_SMTP_HOST = "mail.example.org"\nKAYAS_SMTP_PASSWORD = "hunter2"\n[policy]\nspotify = "deny"\n')
    import os

    env = {**os.environ, "KAYAS_ENGINE": "torch"}
    done = subprocess.run([sys.executable, "-m", "kayas.cli.main", "config", "--json"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    shown = {r["name"]: r for r in json.loads(done.stdout)["settings"]}
    assert (shown["KAYAS_ENGINE"]["value"], shown["KAYAS_ENGINE"]["source"]) == ("torch", "environment")
    assert (shown["KAYAS_SMTP_HOST"]["value"], shown["KAYAS_SMTP_HOST"]["source"]) == ("mail.example.org", "config.toml")
    assert (shown["KAYAS_QUANTIZE"]["value"], shown["KAYAS_QUANTIZE"]["source"]) == ("none", "default")
    assert shown["KAYAS_SMTP_PASSWORD"]["value"] == "(set)" and "hunter2" not in done.stdout
    assert json.loads(done.stdout)["tables"] == ["policy"]
    text = subprocess.run([sys.executable, "-m", "kayas.cli.main", "config"], capture_output=True, text=True, env=env).stdout
    assert "[engine]" in text and "KAYAS_ENGINE" in text and "torch  (environment)" in text
