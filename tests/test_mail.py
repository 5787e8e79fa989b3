"""The mail backend: .eml files in an outbox, or a real SMTP conversation on loopback."""

import base64
import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
from email import message_from_bytes, policy

import pytest

from knowledge import create_app, mail
from knowledge.config import ProductionConfig


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough of RFC 5321 for smtplib: EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        server: SMTPServer = self.server
        envelope: dict = {"from": None, "to": []}
        self.reply("220 test.example.org ESMTP")
        while line := self.rfile.readline():
            verb, _, argument = line.decode().strip().partition(" ")
            verb = verb.upper()
            if verb == "EHLO":
                self.wfile.write(b"250-test.example.org\r\n")
                if server.tls is not None and not server.encrypted:
                    self.wfile.write(b"250-STARTTLS\r\n")
                self.wfile.write(b"250-AUTH PLAIN\r\n250 8BITMIME\r\n")
            elif verb == "STARTTLS" and server.tls is not None:
                self.reply("220 2.0.0 Ready to start TLS")
                try:
                    self.connection = server.tls.wrap_socket(self.connection, server_side=True)
                except (ssl.SSLError, OSError):
                    return  # the client would not trust the certificate: it hangs up
                self.rfile = self.connection.makefile("rb")
                self.wfile = self.connection.makefile("wb", buffering=0)
                server.encrypted = True
            elif verb == "AUTH":
                _, username, password = base64.b64decode(argument.split()[1]).split(b"\0")
                server.logins.append((username.decode(), password.decode()))
                self.reply("235 2.7.0 Authentication successful")
            elif verb == "MAIL":
                envelope = {"from": argument, "to": []}
                self.reply("250 OK")
            elif verb == "RCPT":
                if server.refuse_recipients:
                    self.reply("550 5.1.1 No such user")
                    continue
                envelope["to"].append(argument)
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                server.messages.append((envelope, self.read_data()))
                self.reply("250 OK: queued")
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def finish(self) -> None:
        super().finish()
        if isinstance(self.connection, ssl.SSLSocket):
            # Wrapping took the socket over from the one the server will close.
            self.connection.close()

    def read_data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


class SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SMTPHandler)
        self.messages: list[tuple[dict, bytes]] = []
        self.logins: list[tuple[str, str]] = []
        self.refuse_recipients = False
        self.tls: ssl.SSLContext | None = None  # set: the server offers STARTTLS
        self.encrypted = False


@pytest.fixture
def smtp_server(app, monkeypatch):
    server = SMTPServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for key, value in {
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": server.server_address[1],
        "MAIL_USE_TLS": False,
        "MAIL_USERNAME": None,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def self_signed(tmp_path_factory):
    """A certificate for 127.0.0.1 that no authority signed: what an impostor would have.
    Made with the openssl command, as the test environment has no Python library for it."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_server(smtp_server, self_signed, app, monkeypatch):
    """The loopback server offering STARTTLS with the self-signed certificate."""
    cert, key = self_signed
    smtp_server.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    smtp_server.tls.load_cert_chain(cert, key)
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", True)
    return smtp_server


def read_outbox(folder) -> list:
    return [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(folder.glob("*.eml"))
    ]


def body(message) -> str:
    """The text as the reader sees it (on the wire and in the file, lines end CRLF)."""
    return message.get_content().replace("\r\n", "\n")


def test_the_outbox_holds_each_message_as_an_eml_file(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_PATH", str(tmp_path / "outbox"))
    mail.send(mail.new_message("provider@example.org", "Please check", "Hello,\n\nThe link."))
    mail.send(mail.new_message("other@example.org", "Café times", "Ça va ?", reply_to="ck@x.org"))
    first, second = read_outbox(tmp_path / "outbox")
    assert first["To"] == "provider@example.org" and first["Subject"] == "Please check"
    assert first["From"] == "Community Knowledge <knowledge@example.org>"
    assert first["Message-ID"] and first["Date"]
    assert body(first) == "Hello,\n\nThe link.\n"
    assert (second["Subject"], second["Reply-To"]) == ("Café times", "ck@x.org")
    assert body(second) == "Ça va ?\n"
    # RFC 5322 line endings, and nothing half-written left behind.
    assert b"\r\n" in next((tmp_path / "outbox").glob("*.eml")).read_bytes()
    assert list((tmp_path / "outbox").glob("*.tmp")) == []


def test_a_line_break_cannot_smuggle_in_a_header(app):
    with pytest.raises(ValueError):
        mail.new_message("provider@example.org", "Hello\nBcc: everyone@example.org", "Body")


def test_smtp_sends_over_one_connection_and_logs_in(app, smtp_server, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "knowledge")
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", "relay password")
    with mail.connection() as send:
        send(mail.new_message("one@example.org", "First", "Hello one"))
        send(mail.new_message("two@example.org", "Second", "Hello two\n.leading dot"))
    assert smtp_server.logins == [("knowledge", "relay password")]
    (first, _), (second, data) = smtp_server.messages
    assert first["to"] == ["TO:<one@example.org>"] and second["to"] == ["TO:<two@example.org>"]
    assert "<knowledge@example.org>" in first["from"]
    parsed = message_from_bytes(data, policy=policy.default)
    assert parsed["Subject"] == "Second" and ".leading dot" in body(parsed)


def test_a_refused_message_is_a_mail_error(app, smtp_server):
    smtp_server.refuse_recipients = True
    with pytest.raises(mail.MailError, match="did not accept"), mail.connection() as send:
        send(mail.new_message("nobody@example.org", "Hello", "Body"))


def test_no_starttls_means_nothing_is_sent_in_clear(app, smtp_server, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", True)
    with pytest.raises(mail.MailError, match="refused the connection"):
        mail.send(mail.new_message("one@example.org", "First", "Hello"))
    assert smtp_server.messages == []


def test_a_server_whose_certificate_nobody_vouches_for_gets_nothing(app, tls_server, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "knowledge")
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", "relay password")
    with pytest.raises(mail.MailError, match="CERTIFICATE_VERIFY_FAILED"):
        mail.send(mail.new_message("one@example.org", "First", "Hello"))
    assert tls_server.messages == [] and tls_server.logins == []


def test_the_trusts_own_authority_can_be_trusted_with_mail_ca_file(
    app, tls_server, self_signed, monkeypatch
):
    # A self-signed certificate is its own authority: trusting it stands for the trust's CA.
    monkeypatch.setitem(app.config, "MAIL_CA_FILE", str(self_signed[0]))
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "knowledge")
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", "relay password")
    mail.send(mail.new_message("one@example.org", "First", "Hello"))
    assert tls_server.encrypted and tls_server.logins == [("knowledge", "relay password")]
    [(envelope, _)] = tls_server.messages
    assert envelope["to"] == ["TO:<one@example.org>"]


def test_the_certificate_must_name_the_server(app, tls_server, self_signed, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_CA_FILE", str(self_signed[0]))
    monkeypatch.setitem(app.config, "MAIL_SERVER", "localhost")  # the certificate says 127.0.0.1
    with pytest.raises(mail.MailError, match="refused the connection"):
        mail.send(mail.new_message("one@example.org", "First", "Hello"))
    assert tls_server.messages == []


def test_an_unreachable_server_is_a_mail_error(app, monkeypatch):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    with pytest.raises(mail.MailError, match="could not connect"):
        mail.send(mail.new_message("one@example.org", "First", "Hello"))


@pytest.mark.parametrize(
    ("address", "deliverable"),
    [
        ("provider@example.org", True),
        (" provider@example.org ", True),
        ("provider@localhost", False),
        ("not an email", False),
        ("two@example.org, three@example.org", False),
        ("", False),
        (None, False),
    ],
)
def test_deliverable_addresses(address, deliverable):
    assert mail.is_deliverable(address) is deliverable


def production(tmp_path, **settings) -> type[ProductionConfig]:
    defaults = {
        "SECRET_KEY": "a-real-secret-for-this-test-only-0123456789",
        "PSEUDONYM_KEY": "a-real-pseudonym-key-for-this-test-0123456789",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite'}",
        "SEARCH_INDEX_PATH": str(tmp_path / "index"),
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": None,
        "MAIL_SENDER": None,
    }
    return type("Production", (ProductionConfig,), {**defaults, **settings})


def test_production_sends_by_smtp_and_refuses_to_start_without_a_server(tmp_path):
    with pytest.raises(RuntimeError, match="MAIL_SERVER and MAIL_SENDER"):
        create_app(production(tmp_path), instance_path=str(tmp_path))
    app = create_app(
        production(tmp_path, MAIL_SERVER="smtp.example.org", MAIL_SENDER="ck@example.org"),
        instance_path=str(tmp_path),
    )
    assert app.config["MAIL_BACKEND"] == "smtp"


def test_production_refuses_to_start_with_a_missing_ca_file(tmp_path):
    settings = {"MAIL_SERVER": "smtp.example.org", "MAIL_SENDER": "ck@example.org"}
    with pytest.raises(RuntimeError, match="MAIL_CA_FILE"):
        create_app(
            production(tmp_path, MAIL_CA_FILE=str(tmp_path / "missing.pem"), **settings),
            instance_path=str(tmp_path),
        )


def test_production_may_choose_the_outbox_explicitly(tmp_path):
    app = create_app(production(tmp_path, MAIL_BACKEND="outbox"), instance_path=str(tmp_path))
    assert app.config["MAIL_OUTBOX_PATH"] == str(tmp_path / "outbox")


def test_an_unknown_backend_is_refused(tmp_path):
    with pytest.raises(RuntimeError, match="expected outbox or smtp"):
        create_app(production(tmp_path, MAIL_BACKEND="pigeon"), instance_path=str(tmp_path))
