"""gunicorn settings for Community Knowledge. From the repository root:

    .venv/bin/gunicorn wsgi:app        # gunicorn reads ./gunicorn.conf.py by itself

Each setting can be changed from the environment, as below; docs/operations.md says when to.

This file runs in gunicorn's master process, which only watches the workers: it imports
nothing of the app (see preload_app) and starts no threads.
"""

import json
import logging
import os
from datetime import UTC, datetime

# Largest default worker count: see default_workers().
MAX_DEFAULT_WORKERS = 8


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def usable_cores() -> int:
    """The cores this process may run on (a container's or taskset's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers(cores: int) -> int:
    """2 × cores + 1, gunicorn's rule for sync workers (while one waits on the database another
    computes), at most MAX_DEFAULT_WORKERS: each worker holds its own copy of the search
    index's facts and the compiled templates (docs/operations.md has the measured size), and
    beyond that more workers only queue for the same cores."""
    return min(2 * cores + 1, MAX_DEFAULT_WORKERS)


# Where and how many -----------------------------------------------------------------------

# Loopback by default: the reverse proxy (TLS, the public address) is in front on the same
# server. Several addresses may be given, separated by commas; unix:/path for a socket.
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")]
workers = _int("GUNICORN_WORKERS", default_workers(usable_cores()))
# One request at a time per process: the search index's searcher is used under a lock and the
# app is written for it (docs/architecture.md, Concurrency).
worker_class = "sync"
threads = 1

# No control socket (gunicorn 25.1+, for `gunicornc`): it runs a thread in the master, and
# every instance run by one user would want the same path. Signals do the same jobs.
control_socket_disable = True

# Not preloaded: each worker imports and builds the app itself after the fork. Preloading would
# share memory between workers, but the master would then hold the app's database pool and
# search index (both must not cross a fork), and a HUP would restart workers with the old code.
# The workers of one server do share their search index folder (SEARCH_INDEX_PATH) on disk.
preload_app = False

# Timing --------------------------------------------------------------------------------------

# A worker silent this long is killed and replaced. The slowest real requests are a 10 MB CSV
# or feed import's dry run (seconds; docs/performance.md); a minute leaves room on a busy server.
timeout = _int("GUNICORN_TIMEOUT", 60)
# On a stop or reload, requests under way get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Replace each worker after about this many requests, so slow growth in a process (caches,
# fragmentation) never adds up; the jitter keeps the workers from all restarting together.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# The workers' heartbeat files: in memory, so a slow disk never gets a healthy worker killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Proxies -------------------------------------------------------------------------------------

# The app trusts X-Forwarded-For/-Proto/-Host from TRUSTED_PROXIES hops (werkzeug's ProxyFix,
# knowledge/__init__.py). gunicorn follows the same decision: with no trusted proxy it takes no
# HTTPS header from anyone (not even over a unix socket, which gunicorn would otherwise trust);
# with one, only from FORWARDED_ALLOW_IPS (gunicorn's own variable: loopback by default).
if _int("TRUSTED_PROXIES", 0) > 0:
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
else:
    forwarded_allow_ips = ""
    secure_scheme_headers: dict[str, str] = {}

# Logs ----------------------------------------------------------------------------------------

# The app writes one access line per request itself (knowledge/logs.py: request id, path
# without its query string, status, time taken; no client address), so gunicorn writes none:
# its own lines (starting, stopping, a worker timed out) go to stderr, in the app's format.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
proc_name = "community-knowledge"


class JsonLines(logging.Formatter):
    """gunicorn's lines in the app's JSON shape (knowledge/logs.py's JsonFormatter: time,
    level, logger, message, exception). Written out here so the master imports no app code;
    tests/test_gunicorn.py checks that both kinds of line share their fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


_development = os.environ.get("KNOWLEDGE_ENV") == "development"
if os.environ.get("LOG_FORMAT", "text" if _development else "json") == "json":
    logconfig_dict = {
        "formatters": {"json": {"()": JsonLines}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        # The root logger is left to the app, which installs its own handler in each worker.
        "root": {"level": "WARNING", "handlers": []},
        "loggers": {
            "gunicorn.error": {
                "level": loglevel.upper(),
                "handlers": ["stderr"],
                "propagate": False,
            },
            "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        },
    }
