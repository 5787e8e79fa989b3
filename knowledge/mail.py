"""Sending email: written to files in an outbox folder, or sent through an SMTP server.

MAIL_BACKEND chooses. "outbox" (development and tests) writes each message as an RFC 5322
`.eml` file into MAIL_OUTBOX_PATH, where a person or a test can read exactly what would have
gone out. "smtp" (the production default) hands messages to MAIL_SERVER with the standard
library's smtplib, after STARTTLS when MAIL_USE_TLS is on; if the server does not offer
STARTTLS, nothing is sent rather than sending in clear. The server's certificate is verified
(its name and its issuer) against the system's trusted authorities, or against MAIL_CA_FILE
when the trust's relay has a certificate from its own authority: TLS to a server that has not
proved who it is would hand the password and the providers' links to whoever answered.

    with mail.connection() as send:
        for message in messages:
            send(message)

All the messages of a batch share one SMTP connection.
"""

import itertools
import logging
import os
import smtplib
import ssl
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from uuid import uuid4

from flask import Flask, current_app

from knowledge.clock import utc_now

log = logging.getLogger(__name__)

BACKENDS = ("outbox", "smtp")


class MailError(Exception):
    """A message could not be handed over for delivery."""


def init_app(app: Flask) -> None:
    """Check the mail settings at start-up, so a server that cannot send says so at once."""
    backend = app.config["MAIL_BACKEND"]
    if backend not in BACKENDS:
        raise RuntimeError(f"MAIL_BACKEND={backend!r}: expected outbox or smtp")
    if backend == "smtp":
        missing = [key for key in ("MAIL_SERVER", "MAIL_SENDER") if not app.config.get(key)]
        if missing:
            raise RuntimeError(
                f"MAIL_BACKEND=smtp needs {' and '.join(missing)} (see README: Configuration)"
            )
    ca_file = app.config.get("MAIL_CA_FILE")
    if backend == "smtp" and ca_file and not Path(ca_file).is_file():
        raise RuntimeError(f"MAIL_CA_FILE={ca_file!r} is not a file")
    if not app.config.get("MAIL_OUTBOX_PATH"):
        app.config["MAIL_OUTBOX_PATH"] = str(Path(app.instance_path) / "outbox")
    if backend == "outbox" and not app.config["DEMO_DATA_ALLOWED"]:
        log.warning(
            "MAIL_BACKEND=outbox: email is written to %s, not sent", app.config["MAIL_OUTBOX_PATH"]
        )


def new_message(to: str, subject: str, body: str, reply_to: str | None = None) -> EmailMessage:
    """A plain-text message from MAIL_SENDER. Header values may not contain line breaks: the
    standard library refuses them, so text from the directory cannot add headers."""
    message = EmailMessage(policy=policy.SMTP)
    sender = current_app.config.get("MAIL_SENDER") or "community-knowledge@localhost"
    message["From"] = sender
    message["To"] = to
    if reply_to:
        message["Reply-To"] = reply_to
    message["Subject"] = subject
    message["Date"] = format_datetime(utc_now())
    message["Message-ID"] = make_msgid(domain=_domain(sender))
    message.set_content(body)
    return message


def is_deliverable(address: str | None) -> bool:
    """Whether `address` looks like one email address we could write to."""
    if not address or any(ch.isspace() for ch in address.strip()):
        return False
    try:
        parsed = Address(addr_spec=address.strip())
    except (ValueError, IndexError):
        return False
    return bool(parsed.username) and "." in parsed.domain


@contextmanager
def connection() -> Iterator[Callable[[EmailMessage], None]]:
    """A function that sends one message; raises MailError if a message cannot be handed over.

    With SMTP one connection serves every message sent before the block ends."""
    if current_app.config["MAIL_BACKEND"] == "smtp":
        with _smtp() as server:
            yield lambda message: _send_smtp(server, message)
    else:
        yield _write_to_outbox


def send(message: EmailMessage) -> None:
    with connection() as deliver:
        deliver(message)


def _outbox() -> Path:
    return Path(current_app.config["MAIL_OUTBOX_PATH"])


_SENT = itertools.count()


def _write_to_outbox(message: EmailMessage) -> None:
    """One file per message, named so the folder lists in the order they were sent (by this
    process: the count orders messages sent at the same clock reading, as under a fixed test
    clock). Written to a temporary name first: anything watching the folder never sees half a
    message."""
    folder = _outbox()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{utc_now():%Y%m%dT%H%M%S%fZ}-{next(_SENT):09d}-{uuid4().hex[:8]}.eml"
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(handle, "wb") as file:
        file.write(message.as_bytes(policy=policy.SMTP))
    os.replace(temporary, folder / name)


@contextmanager
def _smtp() -> Iterator[smtplib.SMTP]:
    config = current_app.config
    try:
        server = smtplib.SMTP(
            config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT_SECONDS"]
        )
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(f"could not connect to the mail server: {error}") from error
    try:
        try:
            if config["MAIL_USE_TLS"]:
                server.starttls(context=_tls_context())
            if config.get("MAIL_USERNAME"):
                server.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        except (OSError, smtplib.SMTPException) as error:
            raise MailError(f"the mail server refused the connection: {error}") from error
        yield server
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()


def _tls_context() -> ssl.SSLContext:
    """Certificate and host name checked, as a browser would."""
    return ssl.create_default_context(cafile=current_app.config.get("MAIL_CA_FILE") or None)


def _send_smtp(server: smtplib.SMTP, message: EmailMessage) -> None:
    try:
        server.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(f"the mail server did not accept the message: {error}") from error


def _domain(sender: str) -> str:
    address = sender.rsplit("<", 1)[-1].rstrip(">").strip()
    return address.rpartition("@")[2] or "localhost"
