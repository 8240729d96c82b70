"""`kayas run COMMAND`: plan a command and run it, asking the turn's questions on a terminal."""
from __future__ import annotations

from typing import Annotated

import typer

from kayas.cli.brain_options import BrainArgs, brain_options
from kayas.cli.show import EXIT_CODES, DryRunOpt, JsonOpt, VerboseOpt, YesOpt

ForceOpt = Annotated[bool, typer.Option("--force", help="Run a plan the brain is unsure of without asking.")]


@brain_options()
def run(
    command: Annotated[str, typer.Argument(help="What to do, in your words.", show_default=False)],
    yes: YesOpt = False,
    dry_run: DryRunOpt = False,
    verbose: VerboseOpt = False,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
    *,
    brain: BrainArgs,
) -> None:
    """Plan a command and run it: the plan in words, a question before destructive calls, each outcome in words."""
    from kayas.cli.show import cli_assistant, loading, run_and_show
    from kayas.command import clean_command

    cleaned = clean_command(command)  # a bad command fails before the model loads; cleaned once
    with loading() as took:
        planner = brain.planner()
    assistant = cli_assistant(planner=planner)
    raise typer.Exit(run_and_show(assistant, cleaned, yes=yes, dry_run=dry_run, as_json=as_json,
                                  verbose=verbose, force=force, extra_timings=took))


def register(app: typer.Typer) -> None:
    app.command("run", epilog=EXIT_CODES)(run)
