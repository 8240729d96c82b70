"""Secrets masked out of what Kayas writes down (the audit log, the journal): one rule for both.

(Moved from kayas.assistant.audit, which re-exports it, so the journal below the assistant can
use it too.)
"""
from __future__ import annotations

import re
from typing import Any

MASK = "***"

_SECRET_NAME = r"password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth|authorization|credentials?|cookie"
_SECRET_KEY = re.compile(rf"(?i)(?:^|[\W_])(?:{_SECRET_NAME})(?:$|[\W_])")  # a key or label that names a secret
_SECRET_TEXT = [  # (pattern, replacement) for secrets inside free text, most specific first
    (re.compile(r"(?i)\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{8,}"), rf"\1 {MASK}"),
    (re.compile(rf"(?i)\b({_SECRET_NAME})(\s*[=:]\s*|\s+is\s+)(\"[^\"]*\"|'[^']*'|(?!\*\*\*)\S+)"), rf"\1\2{MASK}"),
    (re.compile(r"(?i)\b(password|passwd|passphrase)(\s+)(?!\*\*\*|is\b)\S+"), rf"\1\2{MASK}"),  # "my password hunter2"
    (re.compile(r"(://[^/\s:@]+:)[^@\s/]+@"), rf"\1{MASK}@"),  # https://user:password@host
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{8,}"), MASK),  # Slack
    (re.compile(r"\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}"), MASK),  # API keys of the sk-... kind
    (re.compile(r"\bgh[pousr]_[A-Za-z0-9]{20,}"), MASK),  # GitHub
    (re.compile(r"\bAKIA[0-9A-Z]{16}\b"), MASK),  # AWS access key id
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"), MASK),
]
_LABELS = ("field", "selector", "label", "name", "target")  # what says a sibling "text" is typed into a password box
_TYPED = ("text", "value", "content")


def _mask_text(text: str) -> str:
    for pattern, replacement in _SECRET_TEXT:
        text = pattern.sub(replacement, text)
    return text


def mask(value: Any) -> Any:
    """A copy of call arguments with secrets replaced by ***: values of keys that name a secret
    (password, token, api_key, ...), text typed into a field labelled so, and secrets in free
    text (`password=...`, `Bearer ...`, `user:pass@` in URLs, Slack/GitHub/AWS/sk- keys, private keys)."""
    if isinstance(value, dict):
        secret_box = any(isinstance(value.get(k), str) and _SECRET_KEY.search(value[k]) for k in _LABELS)
        out = {}
        for k, v in value.items():
            if (isinstance(k, str) and _SECRET_KEY.search(k)) or (secret_box and k in _TYPED):
                out[k] = MASK
            else:
                out[k] = mask(v)
        return out
    if isinstance(value, list):
        return [mask(v) for v in value]
    if isinstance(value, str):
        return _mask_text(value)
    return value
