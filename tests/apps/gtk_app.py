"""A small GTK 3 window for the Eyes tests: a labelled entry, buttons, a label that says what happened.

Runs under Debian's /usr/bin/python3 (python3-gi imports only there). Prints "ready" once the
window is shown; exits when the window is closed.

    /usr/bin/python3 tests/apps/gtk_app.py [--title "Kayas Test App"] [--show-after 2] [--enable-after 1]
"""
import argparse
import sys

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import GLib, Gtk  # noqa: E402


def build(title: str, enable_after: float = 0.0) -> Gtk.Window:
    win = Gtk.Window(title=title)
    win.set_default_size(360, 200)
    grid = Gtk.Grid(column_spacing=6, row_spacing=6, margin=12)
    win.add(grid)

    name_label = Gtk.Label(label="_Name:", use_underline=True, xalign=1)
    name = Gtk.Entry(placeholder_text="Your name")
    name_label.set_mnemonic_widget(name)
    email_label = Gtk.Label(label="E-mail:", xalign=1)
    email = Gtk.Entry(placeholder_text="you@example.org")
    email_label.set_mnemonic_widget(email)
    grid.attach(name_label, 0, 0, 1, 1)
    grid.attach(name, 1, 0, 3, 1)
    grid.attach(email_label, 0, 1, 1, 1)
    grid.attach(email, 1, 1, 3, 1)

    status = Gtk.Label(label="Ready")
    status.get_accessible().set_description("status")
    grid.attach(status, 0, 3, 4, 1)

    def say(text: str) -> None:
        status.set_text(text)
        print(f"status: {text}", flush=True)

    greet = Gtk.Button.new_with_mnemonic("_Greet")
    greet.connect("clicked", lambda _b: say(f"Hello, {name.get_text() or 'nobody'}!"))
    clear = Gtk.Button(label="Clear")
    clear.connect("clicked", lambda _b: (name.set_text(""), email.set_text(""), say("Cleared")))
    save = Gtk.Button(label="Save")
    save.connect("clicked", lambda _b: say("Saved"))
    save_as = Gtk.Button(label="Save As…")
    save_as.connect("clicked", lambda _b: say("Saved as"))
    locked = Gtk.Button(label="Locked")
    locked.set_sensitive(False)
    if enable_after > 0:  # "Later" is disabled until this long after the window is shown
        later = Gtk.Button(label="Later")
        later.set_sensitive(False)
        later.connect("clicked", lambda _b: say("Later clicked"))
        grid.attach(later, 1, 4, 1, 1)
        win.connect("map", lambda _w: GLib.timeout_add(int(enable_after * 1000), lambda: later.set_sensitive(True) or False))
    for i, button in enumerate((greet, clear, save, save_as)):
        grid.attach(button, i, 2, 1, 1)
    grid.attach(locked, 0, 4, 1, 1)

    win.connect("destroy", Gtk.main_quit)
    name.grab_focus()
    return win


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--title", default="Kayas Test App")
    parser.add_argument("--show-after", type=float, default=0.0, help="Open the window this many seconds after starting.")
    parser.add_argument("--enable-after", type=float, default=0.0, help="Add a 'Later' button, enabled this long after the window shows.")
    args = parser.parse_args()
    win = build(args.title, args.enable_after)

    def ready() -> bool:
        print("ready", flush=True)
        return False

    def show() -> bool:
        win.show_all()
        win.present()  # with no window manager (Xvfb) this gives the window the X input focus
        GLib.idle_add(ready)
        return False

    if args.show_after > 0:
        print("started", flush=True)  # the process is up; its window comes later
        GLib.timeout_add(int(args.show_after * 1000), show)
    else:
        show()
    Gtk.main()


if __name__ == "__main__":
    sys.exit(main())
