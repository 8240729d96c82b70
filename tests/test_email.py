"""email.send through a real aiosmtpd server on loopback: plain, STARTTLS, SSL, login, refusals."""
from __future__ import annotations

import ssl

import pytest

from kayas.settings import MissingSettings
from kayas.tools.email import EmailError, SmtpConfig, send
from servers.smtp import Accounts, Mailbox, smtp_server
from servers.tls import self_signed

PASSWORD = "s3cret-Pa55"


@pytest.fixture
def mailbox():
    return Mailbox()


def configure(monkeypatch, port: int, security: str = "none", **extra: str) -> None:
    monkeypatch.setenv("KAYAS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KAYAS_SMTP_PORT", str(port))
    monkeypatch.setenv("KAYAS_SMTP_SECURITY", security)
    monkeypatch.setenv("KAYAS_SMTP_FROM", "Kayas <kayas@example.org>")
    for key, value in extra.items():
        monkeypatch.setenv(f"KAYAS_SMTP_{key.upper()}", value)


@pytest.fixture
def tls(tmp_path):
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context


def test_message_arrives_with_headers_and_body(mailbox, monkeypatch):
    with smtp_server(mailbox) as server:
        configure(monkeypatch, server.port)
        out = send(to="lee@uni.edu", subject="slides", body="slides are up\nsee you")
    [got] = mailbox.received
    assert got.sender == "kayas@example.org" and got.recipients == ["lee@uni.edu"]
    msg = got.message
    assert (msg["From"], msg["To"], msg["Subject"]) == ("Kayas <kayas@example.org>", "lee@uni.edu", "slides")
    assert msg["Message-ID"] == out["message_id"] and msg["Message-ID"].endswith("@example.org>")
    assert msg["Date"]
    assert msg.get_payload(decode=True).decode().replace("\r\n", "\n") == "slides are up\nsee you\n"
    assert out["sent_to"] == ["lee@uni.edu"] and out["refused"] == {}


def test_several_recipients_and_a_display_name(mailbox, monkeypatch):
    with smtp_server(mailbox) as server:
        configure(monkeypatch, server.port)
        out = send(to="lee@uni.edu, Kim Park <kim@uni.edu>,ann@uni.edu", subject="hi", body="b")
    [got] = mailbox.received
    assert got.recipients == ["lee@uni.edu", "kim@uni.edu", "ann@uni.edu"]
    assert got.message["To"] == "lee@uni.edu, Kim Park <kim@uni.edu>, ann@uni.edu"
    assert out["sent_to"] == got.recipients


def test_login_over_starttls_with_a_private_ca(mailbox, monkeypatch, tls):
    cert, context = tls
    auth = dict(authenticator=Accounts({"kayas": PASSWORD}), auth_required=True, tls_context=context,
                require_starttls=True)
    with smtp_server(mailbox, **auth) as server:
        configure(monkeypatch, server.port, "starttls", user="kayas", password=PASSWORD, cafile=str(cert))
        send(to="lee@uni.edu", subject="over tls", body="b")
        assert mailbox.received[0].message["Subject"] == "over tls"
        monkeypatch.delenv("KAYAS_SMTP_CAFILE")  # the self-signed certificate is not trusted by default
        with pytest.raises(EmailError, match=r"email not sent: TLS with 127.0.0.1:\d+ failed: CERTIFICATE_VERIFY_FAILED"):
            send(to="lee@uni.edu", subject="x", body="b")


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_over_ssl(mailbox, monkeypatch, tls):
    cert, context = tls
    # aiosmtpd does not count implicit TLS as TLS for AUTH, hence auth_require_tls=False
    with smtp_server(mailbox, ssl_context=context, authenticator=Accounts({"kayas": PASSWORD}),
                     auth_required=True, auth_require_tls=False) as server:
        configure(monkeypatch, server.port, "ssl", user="kayas", password=PASSWORD, cafile=str(cert))
        send(to="lee@uni.edu", subject="over ssl", body="b")
    assert mailbox.received[0].message["Subject"] == "over ssl"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_wrong_password_is_refused_and_never_shown(mailbox, monkeypatch, capsys):
    with smtp_server(mailbox, authenticator=Accounts({"kayas": "other"}), auth_required=True,
                     auth_require_tls=False) as server:
        configure(monkeypatch, server.port, user="kayas", password=PASSWORD)
        with pytest.raises(EmailError, match=r"refused the login for kayas: 535") as err:
            send(to="lee@uni.edu", subject="x", body="b")
    assert PASSWORD not in str(err.value)
    assert PASSWORD not in repr(SmtpConfig.from_settings())
    shown = capsys.readouterr()  # read once: a second read is empty
    assert PASSWORD not in shown.out and PASSWORD not in shown.err
    assert mailbox.received == []


def test_refused_recipients(mailbox, monkeypatch):
    with smtp_server(mailbox) as server:
        configure(monkeypatch, server.port)
        out = send(to="lee@uni.edu, nobody@uni.edu", subject="x", body="b")
        assert out["sent_to"] == ["lee@uni.edu"]
        assert out["refused"] == {"nobody@uni.edu": "550 5.1.1 <nobody@uni.edu>: no such mailbox here"}
        with pytest.raises(EmailError, match=r"refused every recipient: nobody@uni.edu \(550 5.1.1"):
            send(to="nobody@uni.edu", subject="x", body="b")
    assert [r.recipients for r in mailbox.received] == [["lee@uni.edu"]]


@pytest.mark.parametrize("to", ["lee@", "lee uni.edu", "", " , ", "a@b.org, kim@", "Kim <kim>", "x@mail.local"])
def test_addresses_are_validated_before_connecting(monkeypatch, to):
    configure(monkeypatch, 9)  # nothing listens there: validation must fail first
    with pytest.raises(EmailError, match="not a valid recipient address|no recipient address"):
        send(to=to, subject="x", body="b")


def test_missing_configuration_names_the_variables(monkeypatch):
    for key in ("HOST", "FROM", "USER", "PASSWORD", "PORT", "SECURITY"):
        monkeypatch.delenv(f"KAYAS_SMTP_{key}", raising=False)
    with pytest.raises(MissingSettings, match=r"email is not configured: set KAYAS_SMTP_HOST, KAYAS_SMTP_FROM in"):
        send(to="lee@uni.edu", subject="x", body="b")
    monkeypatch.setenv("KAYAS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KAYAS_SMTP_USER", "me@uni.edu")  # doubles as the sender
    with pytest.raises(MissingSettings, match=r"set KAYAS_SMTP_PASSWORD"):
        send(to="lee@uni.edu", subject="x", body="b")


def test_config_toml_in_kayas_home(mailbox, tmp_path, monkeypatch):
    for key in ("HOST", "FROM", "USER", "PASSWORD", "PORT", "SECURITY"):
        monkeypatch.delenv(f"KAYAS_SMTP_{key}", raising=False)
    with smtp_server(mailbox) as server:
        (tmp_path / "home").mkdir(exist_ok=True)
        (tmp_path / "home" / "config.toml").write_text(
            f'KAYAS_SMTP_HOST = "127.0.0.1"\nKAYAS_SMTP_PORT = {server.port}\n'
            'KAYAS_SMTP_SECURITY = "none"\nKAYAS_SMTP_FROM = "me@uni.edu"\n'
        )
        send(to="lee@uni.edu", subject="from toml", body="b")
    assert mailbox.received[0].sender == "me@uni.edu"


def test_unreachable_server(monkeypatch):
    configure(monkeypatch, 9)
    with pytest.raises(EmailError, match=r"cannot reach the SMTP server at 127.0.0.1:9: Connection refused"):
        send(to="lee@uni.edu", subject="x", body="b")


def test_wrong_security_mode_is_named(monkeypatch):
    configure(monkeypatch, 25, "tls")
    with pytest.raises(EmailError, match="KAYAS_SMTP_SECURITY must be one of none, starttls, ssl, got 'tls'"):
        send(to="lee@uni.edu", subject="x", body="b")
