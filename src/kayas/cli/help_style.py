"""One style for `kayas --help` and every command's help, set on the click command tree.

Typer shows every flag with a `<bool>` placeholder and a required argument as `{name}`, an
optional one as `[name]`. Here flags show no placeholder, arguments are upper-case names
(`COMMAND`, `[FILE]`, as click writes them), and the commands are listed in the order people
use them: the everyday ones first.
"""
from __future__ import annotations

from typing import Any

# The everyday commands first, then the front ends, then making and measuring the brain.
ORDER = ("run", "chat", "plan", "do", "undo", "tools", "doctor", "log", "config", "serve", "listen", "eyes",
         "learn", "brain", "train", "eval", "data", "voice", "bench")


def _usage_name(self: Any) -> str:
    name = self.metavar or (self.name or "").upper()
    name = name if self.required else f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


def tidy(command: Any, top: bool = True) -> Any:
    """Fix the help of ``command`` and every command below it, in place; returns it.

    Duck-typed: typer builds its commands on the click it vendors, not on `click` itself.
    """
    for param in command.params:
        if param.param_type_name == "option" and (getattr(param, "is_flag", False) or getattr(param, "count", False)):
            param.metavar = ""  # a flag takes no value: show none
        elif param.param_type_name == "argument":
            param.metavar = param.metavar or (param.name or "").upper()
            if hasattr(param, "_usage_display_name"):  # typer's {name} in the usage line
                param._usage_display_name = _usage_name.__get__(param)
    _flag_help_option(command)
    if isinstance(getattr(command, "commands", None), dict):
        if top:
            known = [n for n in ORDER if n in command.commands]
            rest = [n for n in command.commands if n not in ORDER]
            command.commands = {n: command.commands[n] for n in known + rest}
        for sub in command.commands.values():
            tidy(sub, top=False)
    return command


def _flag_help_option(command: Any) -> None:
    """--help/-h is made per context, outside ``params``: give it no placeholder either."""
    make = command.get_help_option

    def help_option(ctx: Any) -> Any:
        option = make(ctx)
        if option is not None:
            option.metavar = ""
        return option

    command.get_help_option = help_option
