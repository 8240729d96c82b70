"""Built-in tools, one module per category: plain typed functions marked `@tool`.

Each module is a `kayas.tools` entry point (listed in kayas/builtin_tools.ini), found by the
registry exactly as a user's plugin is. Their backends are in `kayas.backends`.
"""
from kayas.registry import builtin_tool_modules

BUILTIN_MODULES = list(builtin_tool_modules())  # the entry points, in the contract's order
