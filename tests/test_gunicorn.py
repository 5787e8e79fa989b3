"""gunicorn.conf.py: its settings as the environment sets them, and a real gunicorn serving the
app with the production configuration, its log lines read back from stderr."""

import json
import os
import runpy
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from knowledge.commands import SEED_FOLDER
from knowledge.directory import seeding
from knowledge.directory.indexing import rebuild_search_index
from knowledge.extensions import db
from tests.conftest import make_app
from tests.factories import create_service
from tests.postgres import free_port

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "gunicorn.conf.py"
GUNICORN = Path(sys.executable).parent / "gunicorn"
SETTINGS_FROM_ENVIRONMENT = (
    "GUNICORN_BIND",
    "GUNICORN_WORKERS",
    "GUNICORN_TIMEOUT",
    "TRUSTED_PROXIES",
    "FORWARDED_ALLOW_IPS",
    "LOG_FORMAT",
    "KNOWLEDGE_ENV",
)
SECRET_WORDS = "zanzibarish quokkaful"


def settings(monkeypatch, **environment: str) -> dict:
    for name in SETTINGS_FROM_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_defaults(monkeypatch):
    config = settings(monkeypatch)
    cores = len(os.sched_getaffinity(0))
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["workers"] == min(2 * cores + 1, 8)
    assert config["worker_class"] == "sync"
    assert config["preload_app"] is False
    assert config["control_socket_disable"] is True
    assert config["accesslog"] is None
    assert config["max_requests"] > 0 and config["max_requests_jitter"] > 0
    assert config["graceful_timeout"] < config["timeout"]


def test_worker_count_is_capped():
    config = runpy.run_path(str(CONFIG))
    assert [config["default_workers"](cores) for cores in (1, 2, 3, 4, 16)] == [3, 5, 7, 8, 8]


def test_settings_from_the_environment(monkeypatch):
    config = settings(
        monkeypatch,
        GUNICORN_BIND="10.0.0.5:8000, unix:/run/knowledge.sock",
        GUNICORN_WORKERS="3",
        GUNICORN_TIMEOUT="90",
    )
    assert config["bind"] == ["10.0.0.5:8000", "unix:/run/knowledge.sock"]
    assert (config["workers"], config["timeout"]) == (3, 90)


def test_forwarded_headers_follow_trusted_proxies(monkeypatch):
    untrusting = settings(monkeypatch)
    assert untrusting["forwarded_allow_ips"] == ""
    assert untrusting["secure_scheme_headers"] == {}
    trusting = settings(monkeypatch, TRUSTED_PROXIES="1", FORWARDED_ALLOW_IPS="10.0.0.9")
    assert trusting["forwarded_allow_ips"] == "10.0.0.9"
    assert "secure_scheme_headers" not in trusting  # gunicorn's own: X-Forwarded-Proto etc.


def test_log_format_follows_the_app(monkeypatch):
    assert "logconfig_dict" in settings(monkeypatch)
    assert "logconfig_dict" not in settings(monkeypatch, KNOWLEDGE_ENV="development")
    assert "logconfig_dict" not in settings(monkeypatch, LOG_FORMAT="text")


# A real server -----------------------------------------------------------------------------


class Served:
    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.base + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """gunicorn started from the repository root as production starts it (it finds
    gunicorn.conf.py itself), two workers, on a database with one service."""
    folder = tmp_path_factory.mktemp("gunicorn")
    app = make_app(folder)
    with app.app_context():
        db.create_all()
        seeding.load_reference_data(SEED_FOLDER)
        create_service(name="Quiet Lanes Walking Group")
        db.session.commit()
        rebuild_search_index()
        database_url = app.config["SQLALCHEMY_DATABASE_URI"]
        db.session.remove()
        db.engine.dispose()
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if k not in SETTINGS_FROM_ENVIRONMENT},
        "KNOWLEDGE_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "PSEUDONYM_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_PATH": str(folder / "index"),
        "MAIL_BACKEND": "outbox",
        "MAIL_OUTBOX_PATH": str(folder / "outbox"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    stderr_path, stdout_path = folder / "stderr", folder / "stdout"
    with stderr_path.open("wb") as stderr, stdout_path.open("wb") as stdout:
        process = subprocess.Popen(
            [str(GUNICORN), "wsgi:app"], cwd=ROOT, env=environment, stdout=stdout, stderr=stderr
        )
    served = Served(port)
    try:
        _wait_until_healthy(served, process)
        responses = {
            "health": served.get("/health", **{"X-Forwarded-Proto": "https"}),
            "search": served.get("/search?q=" + SECRET_WORDS.replace(" ", "+")),
            "walking": served.get("/search?q=walking"),
        }
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    return {
        "responses": responses,
        "exit": process.returncode,
        "stderr": stderr_path.read_text(),
        "stdout": stdout_path.read_text(),
    }


def _wait_until_healthy(served: Served, process: subprocess.Popen) -> None:
    # Workers build the app after the fork: seconds each, longer on a loaded machine.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited with {process.returncode}")
        try:
            if served.get("/health")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("gunicorn did not answer /health within 120 s")


def test_serves_the_app(gunicorn):
    status, headers, body = gunicorn["responses"]["health"]
    assert status == 200
    assert json.loads(body)["status"] == "ok"
    assert headers["Cache-Control"] == "no-store"
    status, _, body = gunicorn["responses"]["walking"]
    assert status == 200 and b"Quiet Lanes Walking Group" in body


def test_takes_no_https_header_from_an_untrusted_client(gunicorn):
    """TRUSTED_PROXIES=0: X-Forwarded-Proto is the client's say-so, so the request stays
    plain HTTP (no HSTS header, which only an HTTPS answer carries)."""
    _, headers, _ = gunicorn["responses"]["health"]
    assert "Strict-Transport-Security" not in headers


def test_stops_cleanly_on_sigterm(gunicorn):
    assert gunicorn["exit"] == 0


def test_every_line_is_json_in_the_apps_shape(gunicorn):
    assert gunicorn["stdout"] == ""
    lines = [json.loads(line) for line in gunicorn["stderr"].splitlines()]
    loggers = {line["logger"] for line in lines}
    assert {"gunicorn.error", "knowledge.requests"} <= loggers
    for line in lines:
        assert list(line)[:4] == ["time", "level", "logger", "message"]
    assert any(line["message"].startswith("Booting worker") for line in lines)


def test_one_access_line_per_request_without_its_query(gunicorn):
    lines = [json.loads(line) for line in gunicorn["stderr"].splitlines()]
    access = [line for line in lines if line["logger"] == "knowledge.requests"]
    # The health checks were successful, so quiet; the two searches were logged, once each.
    assert [(line["method"], line["path"], line["status"]) for line in access] == [
        ("GET", "/search", 200),
        ("GET", "/search", 200),
    ]
    for word in SECRET_WORDS.split():
        assert word not in gunicorn["stderr"]
    assert "127.0.0.1" not in json.dumps(access)
