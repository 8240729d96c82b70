"""`kayas chat`: type commands one after another, with line editing and a history.

Each line goes to the brain, and its plan is shown once, in words; with `--execute` it then
runs, as `kayas run` would. Chat answers a few words itself instead of sending them to the
brain: help or ?, /tools, /undo, quit or exit (or Ctrl-D), and the assistant's own words
("undo that", "what can you do", "never mind": kayas.assistant.conversation.own_words). The
brain sees the chat's last turns, so "delete it" or "again" refer back (docs/conversation.md).
Line editing and the history (Up, Down, Ctrl-R) are readline's; the history is kept in
KAYAS_HOME/chat_history.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import click
import typer

from kayas.cli.brain_options import BrainArgs, brain_options
from kayas.settings import kayas_home

HISTORY_FILE = "chat_history"
HISTORY_LENGTH = 1000

HELP = """Type what you want done, in your words, e.g.  create a todo list
Chat's own commands:
  help, ?     this help
  /tools      the tools the brain may call
  /undo       take back the last command's file changes (or say: undo that)
  /new        forget the conversation: the next command refers to nothing before it
  quit, exit  leave (or Ctrl-D)
Up and Down go through earlier lines; Ctrl-R searches them."""


def _start_history() -> Path | None:
    """Line editing and a history kept across sessions (None where readline is missing, e.g. Windows)."""
    try:
        import readline
    except ImportError:
        return None
    path = kayas_home() / HISTORY_FILE
    try:
        readline.read_history_file(path)
    except (FileNotFoundError, OSError):
        pass
    readline.set_history_length(HISTORY_LENGTH)
    return path


def _save_history(path: Path | None) -> None:
    if path is None:
        return
    import readline

    try:
        readline.write_history_file(path)
    except OSError as exc:  # a read-only home: say so, lose nothing else
        typer.echo(f"could not save the chat history to {path}: {exc}", err=True)


def banner(execute: bool, yes: bool) -> str:
    if execute:
        how = "I show each plan and run it" + ("; destructive calls without asking (--yes)." if yes else ", asking before destructive calls.")
    else:
        how = "I show each plan but run nothing (start `kayas chat --execute` to run them)."
    return f"kayas chat: type a command. {how}\nhelp or ? for help, quit or Ctrl-D to leave."


def _tools_text() -> str:
    from kayas.registry import default_registry

    return "\n".join(f"  {t.name:<28} {t.description}" for t in default_registry())


def _undo_text() -> str:
    from kayas.backends import journal
    from kayas.errors import KayasError

    try:
        steps = journal.undo(1)
    except KayasError as exc:
        return str(exc)
    return "\n".join(("✓ " if s.done else "✗ ") + s.message for s in steps)


def _own_command(line: str) -> str | None:
    """Chat's answer to one of its own words, or None: the line is for the brain."""
    from kayas.assistant.conversation import own_words

    word = line.strip().lower()
    own = own_words(line)
    if word in ("help", "?", "/help", "/?") or own == "help":
        return HELP
    if word == "/tools":
        return _tools_text()
    if word == "/undo" or own == "undo":
        return _undo_text()
    if own == "cancel":
        return "OK, I did nothing."
    if word.startswith("/"):
        return f"unknown chat command {word.split()[0]}; type help for the list"
    return None


def _show_plan_only(assistant, line: str) -> None:
    """The turn's plan, or its question, or why there is nothing to do; nothing runs."""
    from kayas.cli.show import echo_lines, note, plan_lines

    turn = assistant.start(line, dry_run=True)
    outcome = turn.outcome
    if turn.report is not None:  # an empty plan: its sentence
        typer.echo(turn.report.message)
    elif turn.question is not None:  # only "Did you mean ...?" in a dry run
        typer.echo(click.style(turn.question.text, fg="yellow"))
    else:
        echo_lines(plan_lines(outcome.calls, assistant.registry))
    confidence = f", confidence {outcome.confidence:.2f}" if outcome.confidence is not None else ""
    note(f"planned in {outcome.timings['plan_ms'] / 1000:.1f} s{confidence}")


def register(app: typer.Typer) -> None:
    @app.command("chat")
    @brain_options()
    def chat(
        execute: Annotated[bool, typer.Option("--execute", "-x", help="Run each plan after showing it (default: only show it).")] = False,
        yes: Annotated[bool, typer.Option("--yes", "-y", help="With --execute: run destructive calls without asking.")] = False,
        *,
        brain: BrainArgs,
    ) -> None:
        """Type commands one after another and see each plan (run it too with --execute); line editing and history."""
        from kayas.assistant.conversation import Conversation
        from kayas.cli.show import cli_assistant, loading, run_and_show
        from kayas.errors import KayasError

        with loading():
            assistant = cli_assistant(planner=brain.planner(), conversation=Conversation())
        history = _start_history()
        typer.echo(banner(execute, yes))
        try:
            while True:
                try:
                    line = input("kayas> ")
                except EOFError:
                    typer.echo()
                    break
                except KeyboardInterrupt:  # Ctrl-C drops the line being typed, as a shell does
                    typer.echo()
                    continue
                if not line.strip():
                    continue
                if line.strip().lower() in ("quit", "exit", "/quit", "/exit"):
                    break
                if line.strip().lower() == "/new":
                    assert assistant.conversation is not None
                    assistant.conversation.clear()
                    typer.echo("A new conversation: nothing said before counts.")
                    continue
                own = _own_command(line)
                if own is not None:
                    typer.echo(own)
                    continue
                try:
                    if execute:
                        run_and_show(assistant, line, yes=yes, dry_run=False, as_json=False)
                    else:
                        _show_plan_only(assistant, line)
                except KayasError as exc:  # a bad line: say so, keep chatting
                    typer.echo(click.style(f"error: {' '.join(str(exc).splitlines())}", fg="red"))
        finally:
            _save_history(history)
