"""The user's contacts: names that stand for email addresses, kept in KAYAS_HOME/contacts.toml.

    # name = "address"; `kayas contacts add bob bob@example.com` writes these lines
    bob = "bob@example.com"
    "Ann Lee" = "ann@uni.edu"

Names match whatever their case ("Bob" is bob). ``expand`` turns the ``to`` of email.send
(addresses and names, comma-separated) into addresses; a name that is not a contact is
refused with the question to ask, so nothing is ever sent to a guessed address.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from email.utils import formataddr
from pathlib import Path

from kayas.errors import KayasError
from kayas.safe_input import loads_toml
from kayas.settings import config_file

FILE_NAME = "contacts.toml"
_OUTSIDE_QUOTES = r'(?=(?:[^"]*"[^"]*")*[^"]*$)'


class UnknownContact(KayasError):
    """A name in `to` that is not in the contacts: the user has to say the address once."""

    def __init__(self, names: list[str]):
        self.names = names
        if len(names) == 1:
            text = f"I don't know {names[0]}'s address: add it with kayas contacts add {_arg(names[0])} ADDRESS"
        else:
            listed = ", ".join(names[:-1]) + f" and {names[-1]}"
            text = f"I don't know the addresses of {listed}: add each with kayas contacts add NAME ADDRESS"
        super().__init__(text)


def _arg(name: str) -> str:
    return f'"{name}"' if " " in name else name


def path() -> Path:
    """KAYAS_HOME/contacts.toml (looking creates nothing: `kayas doctor` only looks)."""
    return config_file().parent / FILE_NAME


def load() -> dict[str, str]:
    """Every contact, name to address, in the file's order; {} when there is no file."""
    file = path()
    if not file.is_file():
        return {}
    table = loads_toml(file.read_bytes(), str(file))
    bad = [k for k, v in table.items() if not isinstance(v, str)]
    if bad:
        raise KayasError(f"{file}: each contact is name = \"address\"; '{bad[0]}' is not")
    return dict(table)


def _save(contacts: dict[str, str]) -> None:
    """Write the file whole, through a temporary file, so a crash never leaves half of it."""
    lines = ["# Kayas contacts: name = \"address\" (kayas contacts add NAME ADDRESS)"]
    lines += [f"{json.dumps(name, ensure_ascii=False)} = {json.dumps(address, ensure_ascii=False)}"
              for name, address in contacts.items()]
    file = path()
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".contacts-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    os.replace(tmp, file)


def find(name: str, contacts: dict[str, str] | None = None) -> tuple[str, str] | None:
    """(the name as stored, its address) for a name in any case, or None."""
    wanted = " ".join(name.split()).casefold()
    for stored, address in (load() if contacts is None else contacts).items():
        if stored.casefold() == wanted:
            return stored, address
    return None


def check_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise KayasError("a contact needs a name")
    if "@" in cleaned or re.search(r"[,;<>\"]", cleaned):
        raise KayasError(f"'{name}' cannot be a contact's name: no @ , ; < > or quotes (the address comes second)")
    return cleaned


def add(name: str, address: str, replace: bool = False) -> tuple[str, str | None]:
    """Add (or, with ``replace``, change) a contact; returns (its address, the address it had)."""
    from kayas.backends.smtp import parse_addresses

    name = check_name(name)
    parsed = parse_addresses(address, f"{name}'s")
    if len(parsed) != 1:
        raise KayasError("one address per contact")
    normalised = parsed[0][1]
    contacts = load()
    old = find(name, contacts)
    if old and not replace:
        raise KayasError(f"{old[0]} is already a contact ({old[1]}); use --replace to change the address")
    if old:
        del contacts[old[0]]
    contacts[name] = normalised
    _save(contacts)
    return normalised, old[1] if old else None


def remove(name: str) -> str:
    """Remove a contact; returns the address it had."""
    contacts = load()
    found = find(name, contacts)
    if not found:
        known = ", ".join(contacts) or "none yet"
        raise KayasError(f"'{name}' is not a contact (contacts: {known})")
    del contacts[found[0]]
    _save(contacts)
    return found[1]


def expand(to: str) -> str:
    """``to`` with each contact's name replaced by "Name <address>"; addresses pass unchanged.

    A piece without @, < or . that is not a contact is a name Kayas does not know: UnknownContact
    names all of them. (A piece with a dot that is no contact is left to the address check.)"""
    pieces = [p.strip() for p in re.split(r"[,;]" + _OUTSIDE_QUOTES, to) if p.strip()]
    contacts = load() if any("@" not in p for p in pieces) else {}
    out, unknown = [], []
    for piece in pieces:
        found = None if "@" in piece or "<" in piece else find(piece, contacts)
        if found:
            out.append(formataddr(found))
        elif "@" in piece or "<" in piece or "." in piece:  # an address, or a broken one: smtp's check says which
            out.append(piece)
        else:
            unknown.append(" ".join(piece.split()))
    if unknown:
        raise UnknownContact(unknown)
    return ", ".join(out)
