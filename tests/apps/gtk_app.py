"""A small GTK 3 window for the Eyes tests: a labelled entry, buttons, a label that says what happened.

Runs under Debian's /usr/bin/python3 (python3-gi imports only there). Prints "ready" once the
window is shown; exits when the window is closed.

    /usr/bin/python3 tests/apps/gtk_app.py [--title "Kayas Test App"]
"""
import argparse
import sys

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import GLib, Gtk  # noqa: E402


def build(title: str) -> Gtk.Window:
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
    for i, button in enumerate((greet, clear, save, save_as)):
        grid.attach(button, i, 2, 1, 1)
    grid.attach(locked, 0, 4, 1, 1)

    win.connect("destroy", Gtk.main_quit)
    name.grab_focus()
    return win


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--title", default="Kayas Test App")
    win = build(parser.parse_args().title)
    win.show_all()
    win.present()  # with no window manager (Xvfb) this gives the window the X input focus

    def ready() -> bool:
        print("ready", flush=True)
        return False

    GLib.idle_add(ready)
    Gtk.main()


if __name__ == "__main__":
    sys.exit(main())
