"""Logs: one line per event on stderr, JSON in production, with the request it belongs to.

Every line says when, how bad, which logger and what happened; a line written while a request
is handled also carries the request id, the method and the path. Each request ends with one
access line (logger `knowledge.requests`) adding the status and the time taken.

What never goes in, because these logs are kept and shipped further than the database's
personal data: names, email addresses, client IP addresses (the proxy in front already logs
those, under the trust's own retention), form data, query strings (a search says a lot about
the person typing it) and secret parts of a path (a provider's update-link token). SQL
parameters are hidden from database errors too (`hide_parameters` in knowledge/config.py).
"""

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime
from typing import TextIO

from flask import Flask, Response, current_app, has_request_context, request
from flask.logging import default_handler

FORMATS = ("json", "text")
REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy's request id may look like (nginx's $request_id is 32 hex digits; others send a
# UUID): anything else, or anything from a client when no proxy is trusted, is replaced.
_PROXY_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
# Path arguments that are secrets: the path is logged as its pattern ("/update/<token>").
SECRET_PATH_ARGUMENTS = frozenset({"token"})
# Request facts a line may carry, in the order they are written.
CONTEXT_FIELDS = ("request_id", "method", "path", "status", "duration_ms")

_REQUEST_ID_KEY = "knowledge.request_id"
_STARTED_KEY = "knowledge.request_started"

access_log = logging.getLogger("knowledge.requests")


def init_app(app: Flask) -> None:
    """Call first in the factory: the access line's clock then starts before any other hook,
    and lines written while the app starts are already in the chosen format."""
    log_format = app.config.get("LOG_FORMAT")
    if log_format is not None:  # None: leave logging alone (pytest captures it)
        if log_format not in FORMATS:
            raise RuntimeError(f"LOG_FORMAT={log_format!r}: expected json or text")
        install_handler(log_format, level=app.config.get("LOG_LEVEL", "INFO"))
        app.logger.removeHandler(default_handler)
    app.before_request(_start_request)
    # Registered first, so it runs last of the after-request hooks and sees the final status.
    app.after_request(_log_request)


def install_handler(
    log_format: str, level: str | int = "INFO", stream: TextIO | None = None
) -> logging.Handler:
    """Send every logger's lines to `stream` (stderr) in `log_format`, replacing the handler
    an earlier call installed, so making several apps in one process does not double lines."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "knowledge_handler", False)]:
        root.removeHandler(old)
    handler = logging.StreamHandler(stream)
    handler.knowledge_handler = True  # type: ignore[attr-defined]
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(RequestContext())
    root.addHandler(handler)
    root.setLevel(level)
    # `flask run` logs its own line per request, with the client's address and the query
    # string: the access line above replaces it.
    logging.getLogger("werkzeug").addFilter(_drop_development_server_request_lines)
    return handler


def remove_handler(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)


# Formats ----------------------------------------------------------------------------------


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, then the request fields
    the line has, then any exception as text. Newlines inside are escaped, so one event is
    always one line for whatever collects the logs."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": utc_time(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in CONTEXT_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """For a developer's terminal: the same facts, readable."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s%(context)s")

    def format(self, record: logging.LogRecord) -> str:
        facts = [
            f"{field}={getattr(record, field)}"
            for field in CONTEXT_FIELDS
            if getattr(record, field, None) is not None
        ]
        record.context = f" [{' '.join(facts)}]" if facts else ""
        return super().format(record)


def utc_time(created: float) -> str:
    return datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")


class RequestContext(logging.Filter):
    """Adds the request id, method and path to every line written while a request is handled,
    whichever logger wrote it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context() and getattr(record, "request_id", None) is None:
            record.request_id = request_id()
            record.method = request.method
            record.path = loggable_path()
        return True


def _drop_development_server_request_lines(record: logging.LogRecord) -> bool:
    # werkzeug writes them as "<address> - - [<date>] <request line> <status> <size>".
    return not re.match(r"\S+ - - \[", str(record.msg))


# Requests ---------------------------------------------------------------------------------


def request_id() -> str:
    """This request's id: the trusted proxy's X-Request-ID, so a line here can be matched with
    the proxy's own log, or a new random one. Kept in the WSGI environ, which is per request."""
    environ = request.environ
    if _REQUEST_ID_KEY not in environ:
        environ[_REQUEST_ID_KEY] = _proxy_request_id() or uuid.uuid4().hex
    return environ[_REQUEST_ID_KEY]


def _proxy_request_id() -> str | None:
    if not current_app.config.get("TRUSTED_PROXIES"):
        return None  # from the client itself: it could make its requests look like others'
    value = request.headers.get(REQUEST_ID_HEADER, "")
    return value if _PROXY_REQUEST_ID.fullmatch(value) else None


def loggable_path() -> str:
    """The path without its query string, and as its pattern when part of it is a secret."""
    rule = request.url_rule
    if rule is not None and SECRET_PATH_ARGUMENTS & rule.arguments:
        return request.script_root + rule.rule
    return request.path


def quiet_when_successful(view):
    """Log this view's successful requests at DEBUG: a load balancer asks every few seconds."""
    view.quiet_access_log = True
    return view


def _start_request() -> None:
    request.environ[_STARTED_KEY] = time.perf_counter()
    request_id()


def _log_request(response: Response) -> Response:
    started = request.environ.get(_STARTED_KEY)
    duration_ms = None if started is None else round((time.perf_counter() - started) * 1000, 1)
    level = logging.INFO
    if response.status_code >= 500:
        level = logging.WARNING
    elif response.status_code < 400 and _is_quiet(request.endpoint):
        level = logging.DEBUG
    access_log.log(
        level, "request", extra={"status": response.status_code, "duration_ms": duration_ms}
    )
    response.headers[REQUEST_ID_HEADER] = request_id()
    return response


def _is_quiet(endpoint: str | None) -> bool:
    view = current_app.view_functions.get(endpoint) if endpoint else None
    return getattr(view, "quiet_access_log", False)
