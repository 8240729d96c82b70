"""`kayas`: the entry point. Each command group lives in its own module and is added here."""
from __future__ import annotations

import sys

import typer

from kayas.errors import KayasError

app = typer.Typer(
    name="kayas",
    help="A small, fast, private brain for desktop assistants: commands in, tool calls out.\n\n"
    'Start with: kayas run "create a todo list"  (or kayas chat). Exit codes: 0 done; 1 a call failed or was '
    "refused, or nothing could be done; 2 bad input.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"kayas {version('kayas')}")
        except PackageNotFoundError:  # a source tree that was never installed
            typer.echo("kayas (not installed)")
        raise typer.Exit(0)


@app.callback()
def _root(
    show_version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """A small, fast, private brain for desktop assistants: commands in, tool calls out."""


def _register() -> None:
    from kayas.cli import (
        bench_cmd,
        brain_choice_cmd,
        brain_cmd,
        chat_cmd,
        config_cmd,
        data_cmd,
        do_cmd,
        doctor_cmd,
        eyes_cmd,
        listen_cmd,
        run_cmd,
        serve_cmd,
        tools_cmd,
        train_cmd,
        undo_cmd,
        voice_cmd,
    )

    for module in (brain_cmd, run_cmd, chat_cmd, config_cmd, do_cmd, undo_cmd, tools_cmd, doctor_cmd, data_cmd, train_cmd, eyes_cmd,
                   serve_cmd, listen_cmd, voice_cmd, brain_choice_cmd):
        module.register(app)
    from kayas.cli import contacts_cmd  # `kayas contacts add|list|remove`
    contacts_cmd.register(app)
    from kayas.cli import learn_cmd, log_cmd  # `kayas learn`; `kayas log`: the audit log

    learn_cmd.register(app)
    log_cmd.register(app)
    __import__("kayas.cli.reminders_cmd", fromlist=["register"]).register(app)  # `kayas reminders`
    from kayas.cli import tokens_cmd  # `kayas tokens add|list|revoke`: the HTTP API's tokens per client

    tokens_cmd.register(app)
    bench = bench_cmd.register(app)
    for engine in (brain_cmd, train_cmd, serve_cmd, listen_cmd):  # `bench plan`, `bench train`, `bench serve`, `bench voice`
        engine.register_bench(bench)


_register()


def main() -> None:
    """Run the CLI; a KayasError becomes one line on stderr and exit code 2."""
    from kayas.cli.help_style import tidy

    try:
        code = tidy(typer.main.get_command(app)).main(prog_name="kayas", standalone_mode=False)
        # click returns typer.Exit's code here instead of exiting
        sys.exit(code if isinstance(code, int) else 0)
    except KayasError as exc:
        typer.echo("error: " + " ".join(str(exc).splitlines()), err=True)  # always one line
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # usage errors, from click or the click that typer vendors
        if callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(exc.exit_code)
        raise


if __name__ == "__main__":
    main()
