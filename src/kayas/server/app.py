"""The routes: each translates one HTTP request into a `Service` call, and errors into JSON.

`create_app` builds the whole ASGI app: the `Guard` (Host, Origin, token) around FastAPI,
the body cap, the console's files at `/` and the API description at `/docs`.
"""
from __future__ import annotations

import logging
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.security import HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from kayas.assistant import PlanOutcome
from kayas.errors import KayasError
from kayas.server.confirmations import ExpiredConfirmation, UnknownConfirmation
from kayas.server.lanes import Busy, TimedOut
from kayas.server.models import (
    Cancelled,
    ErrorBody,
    Health,
    History,
    PlanRequest,
    RunRequest,
    ServerReport,
    ToolInfo,
    UndoReport,
    UndoRequest,
)
from kayas.server.security import Guard
from kayas.server.service import Service

STATIC = Path(str(files("kayas.server") / "static"))
log = logging.getLogger("kayas.server")

# Declares the scheme for /docs ("Authorize"); the Guard enforces it on every route.
bearer = HTTPBearer(auto_error=False, description="The token in KAYAS_HOME/server-token.")

_STATUS = [  # the first class that matches decides the status
    (UnknownConfirmation, 404),
    (ExpiredConfirmation, 410),
    (Busy, 503),
    (TimedOut, 504),
    (KayasError, 400),
]
_ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody} for code in (400, 401, 403, 413, 415, 422, 503, 504)}


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("kayas")
    except Exception:
        return "unknown"


def create_app(service: Service, *, token: str, token_file: Path, names: frozenset[str], port: int) -> Guard:
    """The ASGI app: FastAPI with the routes, wrapped in the Guard."""
    api = FastAPI(
        title="Kayas",
        version=_version(),
        description="Plan and run commands with the Kayas brain. Every route but /health needs "
                    "`Authorization: Bearer <token>`; destructive plans wait for POST /confirm/{id}.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        max_body_size=service.config.max_body_bytes,
    )
    _add_error_handlers(api)
    auth = [Depends(bearer)]

    @api.get("/health", response_model=Health, tags=["status"])
    async def health() -> Health:
        """Is the server up (no token needed)."""
        return Health(status="ok", version=api.version, planner_loaded=service.planner_loaded)

    @api.get("/tools", response_model=list[ToolInfo], dependencies=auth, responses=_ERRORS, tags=["status"])
    async def tools() -> list[ToolInfo]:
        """The registry's tools with their JSON schemas (as `kayas tools --json`, plus destructive and read_only)."""
        return service.tools()

    @api.post("/plan", response_model=PlanOutcome, dependencies=auth, responses=_ERRORS, tags=["brain"])
    async def plan(body: PlanRequest) -> PlanOutcome:
        """The plan for a command, its confidence and timings; nothing runs."""
        return await service.plan(body.command, body.session)

    @api.post("/run", response_model=ServerReport, dependencies=auth, responses=_ERRORS, tags=["brain"])
    async def run(body: RunRequest) -> ServerReport:
        """Plan a command (or take a plan) and run it. A destructive plan, or one the brain is unsure
        of, is not run: the answer holds the plan and a confirmation id for POST /confirm/{id}."""
        return await service.run(body)

    @api.post("/confirm/{confirmation_id}", response_model=ServerReport, dependencies=auth,
              responses={**_ERRORS, 404: {"model": ErrorBody}, 410: {"model": ErrorBody}}, tags=["brain"])
    async def confirm(confirmation_id: str) -> ServerReport:
        """Run the plan that waits under this id; an id works once, until it expires."""
        return await service.confirm(confirmation_id)

    @api.post("/cancel/{confirmation_id}", response_model=Cancelled, dependencies=auth,
              responses={**_ERRORS, 404: {"model": ErrorBody}, 410: {"model": ErrorBody}}, tags=["brain"])
    async def cancel(confirmation_id: str) -> Cancelled:
        """Forget the plan that waits under this id; nothing runs."""
        return service.cancel(confirmation_id)

    @api.post("/undo", response_model=UndoReport, dependencies=auth, responses=_ERRORS, tags=["brain"])
    async def undo(body: UndoRequest | None = None) -> UndoReport:
        """Put back what the last command (or the last `count` commands) deleted."""
        return await service.undo(body.count if body is not None else 1)

    @api.get("/history", response_model=History, dependencies=auth, responses=_ERRORS, tags=["status"])
    async def history(since: int = 0) -> History:
        """What this server planned, ran, confirmed, cancelled and undid since it started (entries after `since`)."""
        return History(entries=service.history.entries(since))

    @api.get("/", include_in_schema=False)
    async def console() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @api.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    @api.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse((STATIC / "docs.html").read_text(encoding="utf-8"))

    api.mount("/console", StaticFiles(directory=STATIC), name="console")
    api.mount("/docs-assets", StaticFiles(directory=_swagger_assets()), name="docs-assets")
    return Guard(api, token=token, token_file=token_file, names=names, port=port,
                 max_body_bytes=service.config.max_body_bytes)


def _swagger_assets() -> str:
    """Swagger UI's files, shipped by fastapi-offline: /docs works without a CDN and under a strict CSP."""
    return str(files("fastapi_offline") / "static")


def _add_error_handlers(api: FastAPI) -> None:
    """Every error is {"error": one line}; never a traceback."""

    @api.exception_handler(KayasError)
    async def kayas_error(request: Request, exc: KayasError) -> JSONResponse:
        status = next(code for cls, code in _STATUS if isinstance(exc, cls))
        headers = {"Retry-After": str(getattr(exc, "retry_after_s", 1))} if status == 503 else None
        return JSONResponse({"error": " ".join(str(exc).splitlines())}, status_code=status, headers=headers)

    @api.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": _first_problem(exc)}, status_code=422)

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = {413: f"the request body is too large (the limit is {api.max_body_size} bytes)", 404: "no such route", 405: "method not allowed"}.get(
            exc.status_code, str(exc.detail))
        if exc.status_code == 400 and isinstance(exc.__cause__, RecursionError):
            message = "the request body is nested too deeply"
        return JSONResponse({"error": message}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @api.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        print(f"kayas serve: internal error on {request.method} {request.url.path}: {type(exc).__name__}: "
              + " ".join(str(exc).splitlines())[:300], file=sys.stderr)
        return JSONResponse({"error": "internal error (the server's log has a line about it)"}, status_code=500)


def _first_problem(exc: RequestValidationError) -> str:
    """One line from pydantic's list: where and what, never the input echoed back."""
    errors = exc.errors()
    if not errors:
        return "invalid request"
    err = errors[0]
    if err.get("type") == "json_invalid":
        return f"the body is not valid JSON: {err.get('ctx', {}).get('error', 'decode error')}"
    where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    if err.get("type") == "missing" and where == "body":
        return "the request needs a JSON body"
    return f"{where}: {msg}"[:300]
