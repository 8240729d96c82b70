"""Programs and processes on this machine."""
from __future__ import annotations

from kayas.errors import NotAvailableYet
from kayas.registry import tool


@tool
def start_program(program: str, background: bool = True) -> dict:
    """Launch an application by its plain name (firefox, notepad, chrome, code).

    Args:
        program: The plain program name; it is mapped to the platform's executable.
        background: Start it detached (true) or wait for it to finish (false).
    """
    raise NotAvailableYet("process.start_program")


@tool(destructive=True)
def run_command(command: str) -> dict:
    """Run a shell command and return its exit code and output.

    Args:
        command: The shell command line.
    """
    raise NotAvailableYet("process.run_command")


@tool
def get_system_info() -> dict:
    """CPU, memory and disk figures of this machine."""
    raise NotAvailableYet("process.get_system_info")


@tool(destructive=True)
def kill_process(name: str) -> dict:
    """End every process with this name.

    Args:
        name: The process name, e.g. vlc.
    """
    raise NotAvailableYet("process.kill_process")


@tool
def list_processes() -> list:
    """The running processes."""
    raise NotAvailableYet("process.list_processes")
