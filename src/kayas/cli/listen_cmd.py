"""`kayas listen`: commands by voice (the recogniser's model: voice_cmd)."""
from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from kayas.cli.brain_options import BrainArgs, brain_options


class StatusLine:
    """One live line on stderr (a terminal), or one line per state (a pipe or a log)."""

    LABELS = {"waiting": "waiting for the wake word", "listening": "listening", "heard": "heard", "plan": "plan",
              "asking": "asking", "result": "result", "model": "voice model"}

    def __init__(self, quiet: bool = False):
        self.live = sys.stderr.isatty()
        self.quiet = quiet

    def __call__(self, state: str, text: str) -> None:
        if self.quiet:
            return
        line = f"{self.LABELS.get(state, state)}: {text}" if text else self.LABELS.get(state, state)
        if self.live and state in ("waiting", "listening"):
            sys.stderr.write("\r\033[K" + line)
        else:
            sys.stderr.write(("\r\033[K" if self.live else "") + line + "\n")
        sys.stderr.flush()


def _assistant(brain: BrainArgs):
    from kayas.assistant import Assistant
    from kayas.assistant.conversation import Conversation

    return Assistant(planner_factory=brain.planner, front_end="voice", refusal_hint="say yes when asked to allow it",
                     conversation=Conversation())  # "delete it", "again": the brain reads the last turns


def register(app: typer.Typer) -> None:
    @app.command("listen")
    @brain_options()
    def listen(
        file: Annotated[str | None, typer.Option("--file", "-f", help="A 16 kHz mono 16-bit WAV, or - for raw PCM on stdin (default: the microphone).")] = None,
        wake: Annotated[bool | None, typer.Option("--wake/--no-wake", help="Wait for the wake phrase first (default: yes on the microphone, no on a file).")] = None,
        once: Annotated[bool, typer.Option("--once", help="Stop after one command.")] = False,
        reply: Annotated[bool | None, typer.Option("--reply/--no-reply", help="Speak the reply (default: reply in config.toml, on).")] = None,
        yes: Annotated[bool, typer.Option("--yes", "-y", help="Run destructive calls without asking.")] = False,
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would run; run nothing.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object a command on stdout.")] = False,
        rebuild_lm: Annotated[bool, typer.Option("--rebuild-lm", help="Rebuild the voice model first.")] = False,
        *,
        brain: BrainArgs,
    ) -> None:
        """Commands by voice: wake phrase, command, plan, run, spoken reply. Offline."""
        from dataclasses import replace

        from kayas.voice import factory
        from kayas.voice import model as voice_model
        from kayas.voice.base import VoiceConfig
        from kayas.voice.pipeline import Listener
        from kayas.voice.segmenter import Segmenter

        cfg = VoiceConfig.load()
        if reply is not None:
            cfg = replace(cfg, reply=reply)
        status = StatusLine()
        source = factory.make_source(file, cfg.device)  # a bad file or no microphone fails before anything loads
        built = voice_model.build(progress=lambda m: status("model", m)) if rebuild_lm else voice_model.ensure(lambda m: status("model", m))
        use_wake = wake if wake is not None else file is None
        assistant = _assistant(brain)
        status("model", "loading the brain")
        _ = assistant.planner  # load it now, not after the first command (the wait would count as latency)
        listener = Listener(
            source, factory.make_stt(built), Segmenter(factory.make_vad(cfg), cfg.end_silence_s, cfg.max_command_s),
            assistant, factory.make_tts(cfg), cfg,
            wake=factory.make_wake(cfg, built) if use_wake else None, status=status, assume_yes=yes, dry_run=dry_run,
        )
        try:
            turns = listener.run(max_turns=1 if once else None)
        except KeyboardInterrupt:
            turns = []
        finally:
            source.close()
        for t in turns:
            if as_json:
                typer.echo(json.dumps({"heard": t.heard, "command": t.command, "answers": t.answers, "reply": t.reply,
                                       "interrupted": t.interrupted, "timings": t.timings, "report": t.report.model_dump(mode="json") if t.report else None},
                                      ensure_ascii=False))
            else:
                typer.echo(f"{t.command or '(nothing heard)'}\t{t.reply}")
        if not turns:
            typer.echo("error: no command was heard", err=True)
            raise typer.Exit(1)
        raise typer.Exit(max((t.report.exit_code if t.report else 1) for t in turns))


def register_bench(bench: typer.Typer) -> None:
    """`kayas bench voice`, added to the bench group that `kayas.cli.main` hands in."""

    @bench.command("voice")
    @brain_options(max_new_tokens=False)
    def bench_voice(
        data: Annotated[list[str] | None, typer.Option("--data", help="Labelled commands, repeat for several sets (default: both hand-written sets).")] = None,
        voices: Annotated[str, typer.Option("--voices", help="espeak-ng voices, comma-separated.")] = "en-us,en-gb,en-us+f2",
        speeds: Annotated[str, typer.Option("--speeds", help="Words per minute, comma-separated.")] = "150,190",
        conditions: Annotated[str, typer.Option("--conditions", help="clean, noise 20 dB, noise 10 dB, reverb (comma-separated).")] = "clean,noise 20 dB,noise 10 dB,reverb",
        limit: Annotated[int | None, typer.Option("--limit", help="Only the first N commands of the sets.")] = None,
        every: Annotated[int, typer.Option("--every", help="Only every K-th command (a fixed subset across both sets).")] = 1,
        general: Annotated[int, typer.Option("--general", help="Takes per condition also decoded with the general model (slow).")] = 60,
        plans: Annotated[int, typer.Option("--plans", help="Random takes per condition planned by the brain (0: no brain).")] = 60,
        wake: Annotated[int, typer.Option("--wake", help="Spoken wake phrases to try.")] = 200,
        fa_minutes: Annotated[float, typer.Option("--fa-minutes", help="Minutes of speech without the wake phrase.")] = 30.0,
        out: Annotated[str | None, typer.Option("--out", help="Also write the JSON report here.")] = None,
        *,
        brain: BrainArgs,
    ) -> None:
        """Word error rate (domain vs general model), plans from speech, the wake phrase, latency: one JSON report."""
        from kayas.bench.voice import as_json, read_sets, run_bench

        examples = read_sets(data or ["tests/data/handwritten.jsonl", "tests/data/handwritten_b.jsonl"])[:: max(1, every)][: limit if limit and limit > 0 else None]
        planner = brain.planner() if plans > 0 else None
        rep = run_bench(examples, [v for v in voices.split(",") if v], [int(s) for s in speeds.split(",") if s],
                        [c.strip() for c in conditions.split(",") if c.strip()], general, plans, wake, fa_minutes,
                        planner=planner, progress=lambda m: typer.echo(m, err=True))
        text = as_json(rep)
        if out:
            from pathlib import Path

            Path(out).write_text(text + "\n", encoding="utf-8")
        typer.echo(text)
