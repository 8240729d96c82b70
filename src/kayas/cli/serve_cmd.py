"""`kayas serve`: the HTTP API and web console; `kayas bench serve`: its load test."""
from __future__ import annotations

from typing import Annotated

import typer

from kayas.cli.brain_options import BrainArgs, brain_options
from kayas.errors import KayasError

HostOpt = Annotated[str | None, typer.Option("--host", help="Address to listen on (default 127.0.0.1: this machine only).")]
PortOpt = Annotated[int | None, typer.Option("--port", "-p", help="Port (default 8765; 0: any free port).")]
AllowHostOpt = Annotated[list[str] | None, typer.Option("--allow-host", help="Another name the Host header may carry (repeatable).")]
QueueOpt = Annotated[int | None, typer.Option("--queue-size", help="Requests that may wait for the planner (default 32); more get 503.")]


def _echo(text: str = "", err: bool = False) -> None:
    typer.echo(text, err=err)


def register(app: typer.Typer) -> None:
    @app.command("serve")
    @brain_options()
    def serve(
        host: HostOpt = None,
        port: PortOpt = None,
        allow_host: AllowHostOpt = None,
        new_token: Annotated[bool, typer.Option("--new-token", help="Replace the token (the old one stops working).")] = False,
        console_url: Annotated[bool, typer.Option("--console-url", help="Print the console's link with the token, and exit.")] = False,
        queue_size: QueueOpt = None,
        plan_timeout: Annotated[float | None, typer.Option("--plan-timeout", help="Seconds a request may wait for its plan (default 60); past it 504.")] = None,
        *,
        brain: BrainArgs,
    ) -> None:
        """Serve the HTTP API and the web console on this machine until Ctrl-C."""
        from kayas.server.config import ServerConfig
        from kayas.server.runner import Prepared, prepare, url_of
        from kayas.server.runner import serve as run_server
        from kayas.server.security import load_or_create_token
        from kayas.server.service import http_assistant

        config = ServerConfig.load(host=host, port=port, allow_hosts=allow_host or None,
                                   queue_size=queue_size, plan_timeout_s=plan_timeout)
        if not 0 <= config.port <= 65535:
            raise KayasError(f"--port must be from 0 to 65535, got {config.port}")
        if console_url:
            token = load_or_create_token(rotate=new_token)
            _echo(f"{url_of(config.host, config.port)}/#token={token.value}")
            return
        if not config.loopback:
            _echo(f"warning: listening on {config.host}, not only on this machine: whoever reaches this port and has "
                  "the token can run commands, and plain HTTP is not encrypted", err=True)
        assistant = http_assistant(planner_factory=brain.planner)
        prepared = prepare(assistant, config, rotate_token=new_token)  # token and port first: fail before the model loads
        try:
            _echo("kayas serve: loading the brain...", err=True)
            seconds = prepared.service.load_planner()  # once, now: the first request does not pay for it
        except BaseException:
            prepared.sock.close()
            raise

        def ready(p: Prepared) -> None:
            _echo(f"kayas serve: brain loaded in {seconds:.1f} s", err=True)
            _echo(f"listening on {p.url} (API docs: {p.url}/docs)")
            _echo(f"token: {p.token.path}")
            if p.token.created:
                _echo(f"  new token, shown this once: {p.token.value}")
                _echo(f"console: {p.url}/#token={p.token.value}")
            else:
                _echo(f"console: {p.url}/ (paste the token once per tab, or open the link of `kayas serve --console-url`)")
            _echo("Ctrl-C stops.", err=True)

        run_server(prepared, on_ready=ready)
        _echo("kayas serve: stopped", err=True)


def register_bench(bench: typer.Typer) -> None:
    """`kayas bench serve`, added to the bench group that `kayas.cli.main` hands in."""

    @bench.command("serve")
    @brain_options()
    def bench_serve(
        requests: Annotated[int, typer.Option("--requests", "-n", help="/plan requests in the load phase.")] = 500,
        clients: Annotated[int, typer.Option("--clients", "-c", help="Clients sending them at once.")] = 20,
        inprocess: Annotated[int, typer.Option("--inprocess", help="Commands timed in pairs (in-process, then one client), and in-process plans spread over the load.")] = 32,
        data: Annotated[str | None, typer.Option("--data", help="Commands from a training-format JSONL (default: the built-in list).")] = None,
        queue_size: QueueOpt = None,
        max_seconds: Annotated[float, typer.Option("--max-seconds", help="The load phase stops here, whatever is left.")] = 1800.0,
        as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
        *,
        brain: BrainArgs,
    ) -> None:
        """Load-test `kayas serve` on loopback: N /plan requests from C clients, against the in-process planner."""
        from kayas.bench.server import BenchOptions, print_figures, run_bench

        if min(requests, clients, inprocess) < 1 or max_seconds <= 0:
            raise KayasError("--requests, --clients, --inprocess and --max-seconds must be positive")
        options = BenchOptions(requests=requests, clients=clients, inprocess=inprocess, data=data, queue_size=queue_size,
                               max_seconds=max_seconds, adapter=brain.adapter, model=brain.model, device=brain.device,
                               quantize=brain.quantize, max_new_tokens=brain.max_new_tokens)
        figures = run_bench(options, planner=brain.planner)
        print_figures(figures, as_json=as_json)
