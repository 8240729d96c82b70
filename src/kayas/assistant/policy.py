"""What each tool may do without asking: `allow`, `confirm` or `deny`, from config.toml `[policy]`.

    [policy]
    "filesystem.delete_file" = "allow"   # a tool (quoted, or as a dotted key: filesystem.delete_file = ...)
    spotify = "deny"                      # a category: every spotify.* tool
    destructive = "confirm"               # every destructive tool (the default)
    read_only = "allow"                   # every read-only tool
    "*" = "confirm"                       # everything else

The most specific rule wins: tool, then category, then `destructive` / `read_only`, then `*`.
Without a rule, destructive tools are confirmed and the rest allowed (Kayas's behaviour before
policies). The router applies the decision for every front end; a denied call is refused with
the rule that denied it, even with --yes. `process.run_command` where no sandbox works follows
`[sandbox] when_unavailable`: "refuse" denies it, "confirm" asks even where the policy allows.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from kayas.errors import KayasError
from kayas.registry import Registry, Tool, default_registry
from kayas.settings import config_file, user_config

Action = Literal["allow", "confirm", "deny"]
ACTIONS: tuple[Action, ...] = ("allow", "confirm", "deny")
KINDS = ("destructive", "read_only")
SANDBOXED_TOOL = "process.run_command"


class PolicyError(KayasError):
    """config.toml's [policy] table names something that is not a tool, a category or a kind."""


@dataclass(frozen=True)
class Decision:
    """What the policy says about one tool, and the rule that says it (in config.toml's words)."""

    action: Action
    rule: str

    def as_json(self) -> dict[str, str]:
        return {"action": self.action, "rule": self.rule}


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """`filesystem.delete_file = "allow"` (a dotted key: nested tables) and the quoted key read alike."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


class Policy:
    """Rules by tool, category, kind and `*`; `decide(tool)` says which applies."""

    def __init__(self, rules: dict[str, Action] | None = None, registry: Registry | None = None) -> None:
        self.registry = registry or default_registry()
        self.rules: dict[str, Action] = {}
        categories = {t.category for t in self.registry}
        for key, value in (rules or {}).items():
            if key not in self.registry and key not in categories and key not in KINDS and key != "*":
                close = self.registry.suggest(key)
                hint = f" (did you mean '{close}'?)" if close else ""
                raise PolicyError(f"{config_file()}: unknown key '{key}' in [policy]{hint}: a tool, a category "
                                  f"({', '.join(sorted(categories))}), destructive, read_only or *")
            if value not in ACTIONS:
                raise PolicyError(f"{config_file()}: [policy] {key} must be allow, confirm or deny, got {value!r}")
            self.rules[key] = value

    @classmethod
    def load(cls, registry: Registry | None = None) -> Policy:
        """The policy of config.toml's [policy] table (none: Kayas's defaults)."""
        table = user_config().get("policy", {})
        if not isinstance(table, dict):
            raise PolicyError(f"{config_file()}: [policy] must be a table")
        return cls(_flatten(table), registry)

    def decide(self, tool: Tool | str) -> Decision:
        """The action for a tool and the rule it comes from."""
        t = self.registry.get(tool) if isinstance(tool, str) else tool
        kinds = [k for k in KINDS if getattr(t, k)]
        for key in (t.name, t.category, *kinds, "*"):
            if key in self.rules:
                return Decision(self.rules[key], f"[policy] {_key(key)} = {self.rules[key]}")
        if t.destructive:
            return Decision("confirm", "default: destructive tools are confirmed")
        return Decision("allow", "default: allowed")

    def decide_call(self, tool: Tool, args: dict[str, Any] | None = None) -> Decision:
        """`decide`, with the call's own say (the tool's ``asks``: an unknown program, a new site)
        and the sandbox's for run_command where no sandbox works."""
        decision = self.decide(tool)
        if decision.action == "allow" and tool.asks is not None and args is not None:
            why = tool.asks(args)
            if why:
                return Decision("confirm", why)
        if tool.name != SANDBOXED_TOOL or decision.action == "deny":
            return decision
        from kayas.backends.sandbox import SandboxConfig, unavailable_reason

        box = SandboxConfig.load()
        why_not = unavailable_reason() if box.enabled else None
        if why_not is None:
            return decision
        if box.when_unavailable == "refuse":
            return Decision("deny", f"[sandbox] when_unavailable = refuse ({why_not})")
        if decision.action == "allow":
            return Decision("confirm", f"[sandbox] when_unavailable = confirm ({why_not})")
        return decision


def _key(key: str) -> str:
    return key if key.replace("_", "").isalnum() else f'"{key}"'
