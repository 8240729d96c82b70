"""`kayas run COMMAND`: plan a command and run it, asking the turn's questions on a terminal.

Each run stands alone, unless `--continue`: then the brain sees the last turns of the
conversation kept in KAYAS_HOME/conversation.json (a few lines), and this turn joins it.
"""
from __future__ import annotations

from typing import Annotated

import typer

from kayas.cli.brain_options import BrainArgs, brain_options
from kayas.cli.show import EXIT_CODES, DryRunOpt, JsonOpt, VerboseOpt, YesOpt

ForceOpt = Annotated[bool, typer.Option("--force", help="Run a plan the brain is unsure of without asking.")]
ContinueOpt = Annotated[bool, typer.Option("--continue", "-c", help="Go on from the last `kayas run --continue`: \"delete it\", \"again\" refer to it.")]


@brain_options()
def run(
    command: Annotated[str, typer.Argument(help="What to do, in your words.", show_default=False)],
    yes: YesOpt = False,
    dry_run: DryRunOpt = False,
    verbose: VerboseOpt = False,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
    go_on: ContinueOpt = False,
    *,
    brain: BrainArgs,
) -> None:
    """Plan a command and run it: the plan in words, a question before destructive calls, each outcome in words."""
    from kayas.assistant.conversation import FILE, Conversation
    from kayas.cli.show import cli_assistant, loading, run_and_show
    from kayas.command import clean_command
    from kayas.settings import kayas_home

    cleaned = clean_command(command)  # a bad command fails before the model loads; cleaned once
    kept = kayas_home() / FILE
    talk = Conversation.load(kept) if go_on else None
    with loading() as took:
        planner = brain.planner()
    assistant = cli_assistant(planner=planner, conversation=talk)
    code = run_and_show(assistant, cleaned, yes=yes, dry_run=dry_run, as_json=as_json,
                        verbose=verbose, force=force, extra_timings=took)
    if talk is not None:
        try:
            talk.save(kept)
        except OSError as exc:  # a read-only home: the run is done, only the thread is lost
            typer.echo(f"could not keep the conversation in {kept}: {exc.strerror}", err=True)
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command("run", epilog=EXIT_CODES)(run)
