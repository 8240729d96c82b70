"""User-facing errors: one line, exit code 2, never a traceback."""


class KayasError(Exception):
    """An error the user caused or can fix; the CLI prints its message and exits 2."""

    exit_code = 2


class NotAvailableYet(KayasError):
    """A tool whose executor is not built yet."""

    def __init__(self, tool_name: str, why: str = "its executor is not built yet"):
        super().__init__(f"not available yet: {tool_name} ({why})")
