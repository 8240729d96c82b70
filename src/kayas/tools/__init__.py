"""Built-in tools, one module per category. Each module is also a `kayas.tools` entry point."""

BUILTIN_MODULES = [
    "kayas.tools.filesystem",
    "kayas.tools.browser",
    "kayas.tools.email",
    "kayas.tools.process",
    "kayas.tools.clipboard",
    "kayas.tools.uia",
    "kayas.tools.spotify",
    "kayas.tools.slack",
    "kayas.tools.local",
]
