"""`kayas`: the entry point. Each command group lives in its own module and is added here."""
from __future__ import annotations

import sys

import typer

from kayas.errors import KayasError

app = typer.Typer(
    name="kayas",
    help="A small, fast, private brain for desktop assistants: commands in, tool calls out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _register() -> None:
    from kayas.cli import bench_cmd, brain_cmd, data_cmd, do_cmd, eyes_cmd, listen_cmd, serve_cmd, tools_cmd, train_cmd

    for module in (tools_cmd, do_cmd, data_cmd, train_cmd, brain_cmd, eyes_cmd, serve_cmd, listen_cmd):
        module.register(app)
    from kayas.cli import learn_cmd  # `kayas learn`, `kayas brain use|list`

    learn_cmd.register(app)
    bench = bench_cmd.register(app)
    for engine in (brain_cmd, train_cmd, serve_cmd, listen_cmd):  # `bench plan`, `bench train`, `bench serve`, `bench voice`
        engine.register_bench(bench)


_register()


def main() -> None:
    """Run the CLI; a KayasError becomes one line on stderr and exit code 2."""
    try:
        code = app(standalone_mode=False)  # click returns typer.Exit's code here instead of exiting
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
