"""The accessibility bus, spoken to with jeepney (pure Python D-Bus): one connection, pipelined calls.

The session bus's ``org.a11y.Bus.GetAddress`` names the accessibility bus; every AT-SPI
request goes there. Requests are sent in batches and their replies collected together, so
reading a whole level of a tree costs one round trip, not one per control.
"""
from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kayas.eyes.base import EyesError

PROPERTIES = "org.freedesktop.DBus.Properties"
ENABLE_HINT = (
    "install at-spi2-core, turn accessibility on "
    "(`gsettings set org.gnome.desktop.interface toolkit-accessibility true`) and make sure NO_AT_BRIDGE is not set"
)


@dataclass(frozen=True)
class Request:
    """One D-Bus method call on the accessibility bus."""

    bus: str
    path: str
    interface: str
    method: str
    signature: str | None = None
    body: tuple = ()


def prop(bus: str, path: str, interface: str, name: str) -> Request:
    """A property read, as the Properties.Get call it is."""
    return Request(bus, path, PROPERTIES, "Get", "ss", (interface, name))


def get_all(bus: str, path: str, interface: str) -> Request:
    """Every property of an interface in one call (a dict of name -> value)."""
    return Request(bus, path, PROPERTIES, "GetAll", "s", (interface,))


class CallFailed(Exception):
    """One request got a D-Bus error reply (e.g. the object is gone); kept per request in a batch."""

    def __init__(self, request: Request, name: str, message: str):
        super().__init__(f"{request.interface}.{request.method} on {request.bus}{request.path}: {name}: {message}")
        self.request = request
        self.name = name


class NoReply(EyesError):
    """An application did not answer in time."""

    def __init__(self, buses: set[str], timeout: float):
        super().__init__(f"no answer within {timeout:g}s from {', '.join(sorted(buses))}")
        self.buses = buses
        self.timeout = timeout


class Transport(Protocol):
    def call_many(self, requests: Sequence[Request]) -> list[Any]:
        """Each reply's body (a property read gives its value), or a CallFailed, in request order."""
        ...


def check_desktop() -> None:
    """A clear error before any D-Bus work when there is no desktop to look at."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise EyesError(
            "no display: DISPLAY and WAYLAND_DISPLAY are unset; the Eyes read windows of a desktop session "
            "(run inside one, or under Xvfb: `xvfb-run -a dbus-run-session -- kayas ...`)"
        )
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and not os.path.exists(f"/run/user/{os.getuid()}/bus"):
        raise EyesError(
            "no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is unset; run inside a desktop session "
            "or start one with `dbus-run-session -- kayas ...`"
        )


class JeepneyTransport:
    """A blocking jeepney connection to the accessibility bus, opened once and reused."""

    def __init__(self, timeout: float = 5.0):
        from jeepney.io.blocking import open_dbus_connection

        check_desktop()
        self.timeout = timeout
        self.address = self._a11y_address()
        try:
            self._conn = open_dbus_connection(self.address)
        except (OSError, ValueError) as exc:
            raise EyesError(
                f"cannot connect to the accessibility bus at {self.address}: {exc}; {ENABLE_HINT}") from None

    def _a11y_address(self) -> str:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        try:
            with open_dbus_connection(bus="SESSION") as session:
                bus = DBusAddress("/org/a11y/bus", bus_name="org.a11y.Bus", interface="org.a11y.Bus")
                reply = session.send_and_get_reply(new_method_call(bus, "GetAddress"), timeout=self.timeout)
        except (OSError, KeyError, ValueError) as exc:
            raise EyesError(f"cannot reach the D-Bus session bus: {exc}; run inside a desktop session") from None
        except TimeoutError:
            raise EyesError(f"the D-Bus session bus did not answer within {self.timeout:g}s") from None
        if reply.header.message_type.name == "error" or not reply.body or not reply.body[0]:
            why = reply.body[0] if reply.body else "no address"
            raise EyesError(f"no accessibility bus ({why}); {ENABLE_HINT}")
        return str(reply.body[0])

    def call_many(self, requests: Sequence[Request]) -> list[Any]:
        from jeepney import DBusAddress, HeaderFields, MessageType, new_method_call

        if not requests:
            return []
        pending: dict[int, int] = {}
        for i, r in enumerate(requests):
            msg = new_method_call(DBusAddress(r.path, bus_name=r.bus, interface=r.interface), r.method,
                                  r.signature, r.body)
            serial = next(self._conn.outgoing_serial)
            self._conn.send(msg, serial=serial)
            pending[serial] = i
        results: list[Any] = [None] * len(requests)
        deadline = time.monotonic() + self.timeout
        while pending:
            remaining = deadline - time.monotonic()
            try:
                if remaining <= 0:
                    raise TimeoutError
                msg = self._conn.receive(timeout=remaining)
            except TimeoutError:
                self.close()  # late replies would be read as answers to the next batch
                raise NoReply({requests[i].bus for i in pending.values()}, self.timeout) from None
            serial = msg.header.fields.get(HeaderFields.reply_serial)
            if serial not in pending:
                continue  # a signal, or a reply to an earlier batch that timed out
            i = pending.pop(serial)
            if msg.header.message_type == MessageType.error:
                name = msg.header.fields.get(HeaderFields.error_name, "error")
                text = msg.body[0] if msg.body else ""
                results[i] = CallFailed(requests[i], name, str(text))
            elif requests[i].interface == PROPERTIES and requests[i].method == "Get":
                results[i] = msg.body[0][1]  # the variant's value
            elif requests[i].interface == PROPERTIES and requests[i].method == "GetAll":
                results[i] = {k: v[1] for k, v in msg.body[0].items()}
            else:
                results[i] = msg.body
        return results

    def close(self) -> None:
        try:
            self._conn.close()
        except OSError:
            pass
        self.closed = True

    closed = False
