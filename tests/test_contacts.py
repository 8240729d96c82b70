"""Contacts: `kayas contacts add|list|remove` keep KAYAS_HOME/contacts.toml, and email.send takes
their names in `to`, mixed with addresses, through a real aiosmtpd server on loopback; an unknown
name is refused with the question to ask and nothing is sent."""
from __future__ import annotations

import json
from email.utils import getaddresses

import pytest

from cli_runner import run_main
from kayas.backends import contacts
from kayas.backends.contacts import UnknownContact
from kayas.safe_input import loads_toml
from kayas.tools.email import send
from servers.smtp import Mailbox, smtp_server


class Counting(Mailbox):
    """A mailbox that also notes every recipient the server was asked to take."""

    asked: list[str]

    async def handle_RCPT(self, server, session, envelope, address, options):
        self.__dict__.setdefault("asked", []).append(address)
        return await super().handle_RCPT(server, session, envelope, address, options)


def kayas(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    return run_main(monkeypatch, capsys, list(args))


def configure(monkeypatch, port: int) -> None:
    monkeypatch.setenv("KAYAS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KAYAS_SMTP_PORT", str(port))
    monkeypatch.setenv("KAYAS_SMTP_SECURITY", "none")
    monkeypatch.setenv("KAYAS_SMTP_FROM", "Kayas <kayas@example.org>")


def test_add_list_remove_through_the_cli(monkeypatch, capsys):
    code, out, err = kayas(monkeypatch, capsys, "contacts", "add", "bob", "Bob@Example.com")
    assert code == 0, err
    assert out.startswith("bob: Bob@example.com  [")  # the domain is normalised, the local part kept
    assert kayas(monkeypatch, capsys, "contacts", "add", "Ann Lee", "ann@uni.edu")[0] == 0
    code, out, _ = kayas(monkeypatch, capsys, "contacts", "list")
    assert (code, out) == (0, "bob      Bob@example.com\nAnn Lee  ann@uni.edu\n")
    code, out, _ = kayas(monkeypatch, capsys, "contacts", "list", "--json")
    assert json.loads(out) == {"bob": "Bob@example.com", "Ann Lee": "ann@uni.edu"}
    assert loads_toml(contacts.path().read_bytes()) == {"bob": "Bob@example.com", "Ann Lee": "ann@uni.edu"}
    code, out, _ = kayas(monkeypatch, capsys, "contacts", "remove", "BOB")
    assert (code, out) == (0, "removed BOB (Bob@example.com)\n")
    assert contacts.load() == {"Ann Lee": "ann@uni.edu"}


def test_bad_input_is_one_line_and_changes_nothing(monkeypatch, capsys):
    kayas(monkeypatch, capsys, "contacts", "add", "bob", "bob@example.com")
    before = contacts.path().read_bytes()
    for args, said in [
        (("add", "bob", "other@example.com"), "bob is already a contact (bob@example.com); use --replace"),
        (("add", "kim", "not-an-address"), "'not-an-address' is not a valid kim's address"),
        (("add", "kim", "a@x.org, b@x.org"), "one address per contact"),
        (("add", "kim@x.org", "kim@x.org"), "cannot be a contact's name"),
        (("remove", "zed"), "'zed' is not a contact (contacts: bob)"),
    ]:
        code, out, err = kayas(monkeypatch, capsys, "contacts", *args)
        assert code == 2 and err.startswith("error: ") and said in err and err.count("\n") == 1, (args, err)
    assert contacts.path().read_bytes() == before
    code, out, _ = kayas(monkeypatch, capsys, "contacts", "add", "bob", "new@example.com", "--replace")
    assert (code, out.split("  [")[0]) == (0, "bob: new@example.com (was bob@example.com)")


def test_a_broken_contacts_file_is_named():
    contacts.path().parent.mkdir(parents=True, exist_ok=True)
    contacts.path().write_text('bob = 3\n')
    with pytest.raises(Exception, match="each contact is name = \"address\"; 'bob' is not"):
        contacts.load()


def test_email_to_names_and_addresses_arrives(monkeypatch):
    contacts.add("bob", "bob@example.com")
    contacts.add("Ann Lee", "ann@uni.edu")
    contacts.add("J. Doe", "jd@example.com")  # a name with a dot: found as a contact before any address check
    mailbox = Mailbox()
    with smtp_server(mailbox) as server:
        configure(monkeypatch, server.port)
        out = send(to="Bob, kim@uni.edu, ann lee, j. doe", subject="report", body="attached soon")
    [got] = mailbox.received
    assert got.recipients == ["bob@example.com", "kim@uni.edu", "ann@uni.edu", "jd@example.com"]
    assert getaddresses([got.message["To"]]) == [("bob", "bob@example.com"), ("", "kim@uni.edu"),
                                                 ("Ann Lee", "ann@uni.edu"), ("J. Doe", "jd@example.com")]
    assert out["sent_to"] == got.recipients


@pytest.mark.parametrize("to,question", [
    ("bob", "I don't know bob's address: add it with kayas contacts add bob ADDRESS"),
    ("lee@uni.edu, Zed Fox", 'I don\'t know Zed Fox\'s address: add it with kayas contacts add "Zed Fox" ADDRESS'),
    ("bob, kim", "I don't know the addresses of bob and kim: add each with kayas contacts add NAME ADDRESS"),
])
def test_an_unknown_name_is_a_question_and_nothing_is_sent(monkeypatch, to, question):
    contacts.add("Zed", "zed@example.com")  # a contact whose name only starts like one asked for
    mailbox = Counting()
    with smtp_server(mailbox) as server:
        configure(monkeypatch, server.port)
        with pytest.raises(UnknownContact) as refused:
            send(to=to, subject="report", body="b")
    assert str(refused.value) == question
    assert mailbox.received == [] and mailbox.__dict__.get("asked") is None


def test_doctor_says_whether_names_can_be_used():
    from kayas.cli.doctor_cmd import check_contacts

    before = check_contacts()
    assert not before.ready and "kayas contacts add NAME ADDRESS" in before.detail
    assert not contacts.path().exists()  # the doctor only looks
    contacts.add("bob", "bob@example.com")
    assert check_contacts().ready and check_contacts().detail == f"1 in {contacts.path()}"
