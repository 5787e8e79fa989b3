"""Several app servers share the per-address sign-in limit when RATELIMIT_STORAGE_URI names a
shared store. (The per-email lock lives in the database, so it is shared anyway.)

Two real app processes on loopback, one database, and a real Redis server started here. With
Redis, attempts spread across both servers count together; with per-process memory, each server
counts alone (the control that shows the test can fail).
"""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.conftest import SuiteDatabase

ROOT = Path(__file__).resolve().parents[2]
FLASK = str(Path(sys.executable).with_name("flask"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:  # refused, reset or timed out while the server starts
            time.sleep(0.1)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def redis_uri(tmp_path_factory):
    server = shutil.which("redis-server")
    assert server, "redis-server is installed by `make test` (Debian package redis-server)"
    port = free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path_factory.mktemp("redis")),
        ],
        stdout=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    client.close()
    process.terminate()
    process.wait(10)


def start_servers(folder: Path, storage_uri: str, stack: ExitStack) -> list[str]:
    env = {
        **os.environ,
        "FLASK_APP": "wsgi",
        "KNOWLEDGE_ENV": "development",
        "DATABASE_URL": SuiteDatabase.url_for(folder),  # SQLite or PostgreSQL, as the run
        "RATELIMIT_STORAGE_URI": storage_uri,
        "SECRET_KEY": "shared-by-both-servers-0123456789abcdef",
        "SIGN_IN_LIMIT_PER_ADDRESS": "4 per minute",
    }
    subprocess.run([FLASK, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    urls = []
    for name in ("a", "b"):
        port = free_port()
        process = subprocess.Popen(
            [FLASK, "run", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env={**env, "SEARCH_INDEX_PATH": str(folder / f"index-{name}")},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        stack.callback(process.wait, 10)
        stack.callback(process.terminate)
        urls.append(f"http://127.0.0.1:{port}")
        wait_for(urls[-1] + "/sign-in")
    return urls


def attempt(base_url: str, email: str) -> int:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    page = opener.open(base_url + "/sign-in").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode(
        {"csrf_token": token, "email": email, "password": "not the right one"}
    )
    try:
        with opener.open(base_url + "/sign-in", form.encode()) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.sqlite_only(
    reason="about the rate-limit store the servers share; the database only holds the account"
)
@pytest.mark.parametrize("shared", [True, False], ids=["redis", "memory"])
def test_sign_in_attempts_are_counted_across_servers_with_a_shared_store(
    tmp_path, redis_uri, shared
):
    with ExitStack() as stack:
        a, b = start_servers(tmp_path, redis_uri if shared else "memory://", stack)
        # A different address each time: only the per-client limit is in play.
        codes = [attempt(url, f"person{n}@example.org") for n, url in enumerate((a, b, a, b))]
        assert codes == [200] * 4
        fifth = attempt(a, "person5@example.org")
    assert fifth == (429 if shared else 200)
