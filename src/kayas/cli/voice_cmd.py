"""`kayas voice build`: the recogniser's Kayas model (language model, dictionary, yes/no grammar)."""
from __future__ import annotations

import json
from typing import Annotated

import typer

voice_app = typer.Typer(name="voice", help="The voice front end's model: build it, see it.", no_args_is_help=True)


@voice_app.command("build")
def build(
    data: Annotated[str | None, typer.Option("--data", help="A generated train.jsonl (default: generate the commands in memory).")] = None,
    lam: Annotated[float, typer.Option("--lam", help="Weight of the domain model against pocketsphinx's general one.")] = 0.9,
    background: Annotated[int, typer.Option("--background", help="Most frequent general words added to the vocabulary.")] = 5000,
) -> None:
    """Rebuild the recogniser's Kayas model (language model, dictionary, yes/no grammar) under KAYAS_HOME/voice."""
    from kayas.errors import KayasError
    from kayas.voice.model import BuildConfig, model_dir
    from kayas.voice.model import build as build_model

    if not 0.0 < lam <= 1.0:
        raise KayasError("--lam must be in (0, 1]")
    built = build_model(BuildConfig(lam=lam, background=max(0, background), data=data or ""),
                        progress=lambda m: typer.echo(m, err=True))
    typer.echo(json.dumps({"dir": str(model_dir()), **built.meta}))


def register(app: typer.Typer) -> None:
    app.add_typer(voice_app)
