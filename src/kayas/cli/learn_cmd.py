"""`kayas learn`: teach the brain the tools it does not know (which brain is the default: brain_choice_cmd)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from kayas.errors import KayasError


def _from(adapter: str | None):
    from kayas.brain.loader import find_adapter
    from kayas.formats.adapter import AdapterInfo

    return AdapterInfo.read(find_adapter(adapter))


def _undo() -> None:
    """The default brain goes back to the one it was taught from (a taught brain, or the shipped one)."""
    from pathlib import Path

    from kayas.brain import choice
    from kayas.formats.adapter import AdapterInfo

    name = choice.current()
    if name == choice.SHIPPED:
        raise KayasError("nothing to undo: the default brain is the shipped one")
    back = Path(AdapterInfo.read(choice.brain_path(name)).learned_from or ".")
    earlier = back.name if back.parent == choice.brains_dir().resolve() and back.name in choice.names() else choice.SHIPPED
    choice.use(earlier)
    typer.echo(f"the default brain is {earlier} again; {name} stays in {choice.brains_dir()} (kayas brain use {name})")


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class _Bar:
    """The progress of a learning run: a rich bar on a terminal, else one line a check; both say the time left.

    The time left is the learner's own estimate (steps still planned at this machine's pace so far,
    checks included), not the bar's guess from the last few steps.
    """

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("[bold]learn"), BarColumn(), MofNCompleteColumn(), TextColumn("loss {task.fields[loss]:.3f}"),
            TextColumn("new {task.fields[exact]} old {task.fields[old]}"), TimeElapsedColumn(),
            TextColumn("{task.fields[left]} left"),
        )
        self.live = self.progress.console.is_terminal
        self.task: Any = None
        self.total = 0

    def _print(self, text: str) -> None:
        if self.live:
            self.progress.console.print(text)
        else:
            typer.echo(text)

    def __call__(self, event: str, fields: dict[str, Any]) -> None:
        if event == "start":
            self.total = fields["total"]
            if self.live:
                self.progress.start()
            self.task = self.progress.add_task("learn", total=fields["total"], loss=float("nan"), exact=_pct(fields["exact"]),
                                               old=_pct(fields["old_exact"]), left="?")
            self._print(f"{fields['examples']} examples; at the start: new commands {_pct(fields['exact'])} exact, "
                        f"{fields['check']} old ones {_pct(fields['old_exact'])}; budget {fields['budget_s'] / 60:.0f} min "
                        "(Ctrl-C stops, keeping the best so far)")
        elif event == "step":
            self.total = fields["total"]
            self.progress.update(self.task, completed=fields["step"], total=fields["total"], loss=fields["loss"],
                                 left=_clock(fields["left_s"]))
        elif event == "eval":
            self.progress.update(self.task, exact=_pct(fields["exact"]), old=_pct(fields["old_exact"]))
            if not self.live:  # a log, not a terminal: one line a check
                self._print(f"step {fields['step']}/{fields['total']}  loss {fields['loss']:.3f}  new {_pct(fields['exact'])} "
                            f"old {_pct(fields['old_exact'])} exact{' (best so far)' if fields['kept'] else ''}  "
                            f"{_clock(fields['left_s'])} left")
        elif event == "note":
            self._print(fields["text"])

    def stop(self) -> None:
        if self.live:
            self.progress.stop()


def _pct(x: float) -> str:
    return "-" if x != x else f"{x:.0%}"


def _inherit_calibration(parent: Path, child: Path) -> None:
    """The taught brain keeps its parent's confidence calibration and threshold, so the gate stays on.

    An approximation: the calibration maps the model's own decision probabilities, which a short lesson on
    the top layers moves little; `kayas eval --calibrate --adapter CHILD` fits one of its own."""
    from kayas.brain.confidence import CALIBRATION_FILE

    source = parent / CALIBRATION_FILE
    if source.is_file():
        record = json.loads(source.read_text(encoding="utf-8"))
        record["fitted_on"] = f"inherited from {parent} ({record.get('fitted_on', '')})"
        (child / CALIBRATION_FILE).write_text(json.dumps(record, indent=2), encoding="utf-8")


def register(app: typer.Typer) -> None:
    @app.command("learn")
    def learn(
        name: Annotated[str, typer.Option("--name", help="The new brain's name in KAYAS_HOME/brains (default: learned-DATE).")] = "",
        undo: Annotated[bool, typer.Option("--undo", help="Go back to the brain the default one was taught from.")] = False,
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be taught, and the data's figures; train nothing.")] = False,
        minutes: Annotated[float, typer.Option("--minutes", min=0.1, help="Time budget of the training steps.")] = 11.0,
        examples: Annotated[int, typer.Option("--examples", min=10, help="Examples of the new tools.")] = 360,
        replay: Annotated[int, typer.Option("--replay", min=0, help="Examples replayed from the data the brain knows.")] = 420,
        epochs: Annotated[float, typer.Option("--epochs", min=0.01, help="Passes over the mix, if the budget allows.")] = 2.0,
        lr: Annotated[float, typer.Option("--lr", min=1e-6, help="Peak learning rate.")] = 1e-3,
        layers: Annotated[int, typer.Option("--layers", min=0, help="Train the LoRA of the top N layers only (0: all; fewer is faster).")] = 16,
        pool: Annotated[int, typer.Option("--pool", min=100, help="Size of the generator run the examples are drawn from.")] = 4000,
        micro_batch: Annotated[int, typer.Option("--micro-batch", min=1, help="Examples per forward pass (of the batch of 8): fewer, less memory.")] = 4,
        check: Annotated[int, typer.Option("--check", min=0, help="Old commands, not trained on, scored by exact match at each check.")] = 40,
        tolerance: Annotated[float, typer.Option("--tolerance", min=0.0, max=1.0, help="How far their exact match may fall (0.05: 5 points) before the run stops.")] = 0.0,
        eval_every: Annotated[int, typer.Option("--eval-every", min=1, help="Steps between checks.")] = 8,
        seed: Annotated[int, typer.Option("--seed")] = 0,
        adapter: Annotated[str | None, typer.Option("--from", help="The brain to teach (default: the default brain).")] = None,
        model: Annotated[str | None, typer.Option("--model", help="Base model (default: the brain's base_model).")] = None,
    ) -> None:
        """Teach the brain the installed tools it does not know yet (CPU, minutes); the result becomes the default brain."""
        if undo:
            _undo()
            return
        import importlib.util
        from datetime import UTC, datetime

        from kayas.brain import choice

        missing = [m for m in ("torch", "peft") if importlib.util.find_spec(m) is None]
        if missing and not dry_run:
            raise KayasError(f"kayas learn trains with {' and '.join(missing)}: pip install 'kayas[train]' (or make install-all)")
        from kayas.cli.brain_options import quiet
        from kayas.data.lesson import MixConfig, lesson, mix
        from kayas.registry import default_registry

        quiet()
        target = choice.brain_path(name or "learned-" + datetime.now(UTC).strftime("%Y%m%d-%H%M%S"))
        if target.exists():
            raise KayasError(f"a brain named '{target.name}' exists already in {target.parent}: pick another --name")
        info = _from(adapter)
        registry = default_registry()
        todo = lesson(info, registry)
        data = mix(todo, registry, MixConfig(new_examples=examples, replay_examples=replay, replay_pool=pool,
                                                check_old=check, seed=seed))
        typer.echo(f"teaching {', '.join(todo.new)} to the brain in {info.path}"
                   + (f"; dropping {', '.join(todo.gone)} (not installed any more)" if todo.gone else ""))
        c = data.counts
        typer.echo(f"data: {c['new']} examples of the new tools, {c['replay']} replayed ({c['replay_near_miss']} near misses, "
                   f"{c['replay_out_of_scope']} out of scope, {c['replay_no_tool']} [] in all), {c['val']} val, {c['check']} old to check"
                   + (f"; no-tool sets taken over: {', '.join(data.dropped_sets)}" if data.dropped_sets else ""))
        if c["left_out_contradicting"]:
            typer.echo(f"left out: {c['left_out_contradicting']} replayed [] examples that say the new tools' words "
                       f"({', '.join(data.own_words[:8])})")
        if dry_run:
            return
        from kayas.train.learn import LearnConfig, Lessons
        from kayas.train.learn import learn as run

        lessons = Lessons(data.train, data.val, registry.names(), list(todo.new), list(todo.gone), data.counts, data.check)
        bar = _Bar()
        try:
            outcome = run(info, lessons, target, LearnConfig(
                minutes=minutes, epochs=epochs, learning_rate=lr, train_layers=layers, micro_batch=micro_batch, eval_every=eval_every,
                forget_tolerance=tolerance, seed=seed), progress=bar, model_name=model)
        finally:
            bar.stop()
        m = outcome.metrics
        if outcome.path is None:
            typer.echo(f"{outcome.stopped} after {m['steps_done']} steps: no adapter better than the start that keeps the old "
                       "commands; nothing written, the default brain is unchanged")
            raise typer.Exit(1)
        _inherit_calibration(info.path, outcome.path)
        choice.use(outcome.path.name)
        typer.echo(f"{outcome.stopped}: {m['steps_done']} steps; kept step {m['best_step']}: new commands {_pct(m['best_exact'])} "
                   f"exact (val loss {m['best_val_loss']:.4f}), old ones {_pct(m['best_old_exact'])} (start {_pct(m['start_old_exact'])}); "
                   f"{m['train_time_s']:.0f} s training, {m['wall_time_s']:.0f} s in all, peak memory {m['peak_rss_mb']['end']:.0f} MB")
        typer.echo(f"the default brain is now {outcome.path.name} ({outcome.path}); kayas learn --undo goes back")
