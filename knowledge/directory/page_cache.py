"""Whole results pages for visitors who are not signed in, kept for the minute they hold true.

Off unless RESULTS_PAGE_CACHE is set: docs/performance.md has the figures with and without it.
A kept page is given only to a request that would render exactly the same HTML, so its key is
everything the page depends on:

- the address: path, query string, and the prefix the app is served under;
- a visitor who is not signed in, with nothing on their shortlist and no message waiting
  (those change the header, the buttons beside each service and the notices);
- the directory version in the database (every committed change to a service, organisation,
  place, term or area moves it; knowledge/models/directory_state.py) and the version this
  process's search index holds, which can trail it for a moment;
- the minute of UK time: "open now" and every "opens at" hold for a whole minute, opening times
  being whole minutes (the search index counts "open now" once a minute for the same reason).

The one thing on the page that is each visitor's own, the CSRF token in the shortlist forms, is
kept as a random marker and filled in for each visitor, who gets a session and token exactly as
an uncached page gives them. Pages that found nothing are never kept: showing one records the
search for the helpline (services.record_if_nothing_found).
"""

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from flask import Flask, current_app, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from knowledge.clock import local_now
from knowledge.directory import services
from knowledge.shortlist.services import shortlist_ids

# Pages kept per process. About 50 KB each: 12 MB per gunicorn worker at most.
PAGES = 256
_EXTENSION = "results_page_cache"


class PageKey(NamedTuple):
    script_root: str
    path: str
    query_string: bytes
    directory_version: services.DirectoryVersion
    search_index_version: int
    minute: datetime

    def at(self, moment: datetime) -> "PageKey":
        """The same page as worked out at `moment` (the versions stay those read before it)."""
        return self._replace(minute=moment.replace(second=0, microsecond=0))


class ResultsPageCache:
    def __init__(self, size: int = PAGES):
        self.size = size
        # In the kept copy in place of the visitor's CSRF token; random, so no page text and no
        # search words can contain it.
        self.token_marker = secrets.token_hex(16)
        self._pages: OrderedDict[PageKey, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: PageKey) -> str | None:
        with self._lock:
            html = self._pages.get(key)
            if html is not None:
                self._pages.move_to_end(key)
            return html

    def put(self, key: PageKey, html: str) -> None:
        with self._lock:
            self._pages[key] = html
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def for_visitor(self, html: str) -> str:
        """The kept page with this visitor's own CSRF token, made as an uncached page makes it
        (only where the page has a form that needs one)."""
        if self.token_marker not in html:
            return html
        return html.replace(self.token_marker, generate_csrf())


def results_page_cache(app: Flask | None = None) -> ResultsPageCache | None:
    """This process's cache, or None when RESULTS_PAGE_CACHE is off."""
    app = app or current_app
    if not app.config.get("RESULTS_PAGE_CACHE"):
        return None
    if _EXTENSION not in app.extensions:
        app.extensions[_EXTENSION] = ResultsPageCache()
    return app.extensions[_EXTENSION]


def page_key(now: datetime) -> PageKey | None:
    """The key of this request's page at `now`, or None if the page is this visitor's own.

    Read before searching: a page worked out afterwards is at least as new as its key says."""
    if current_user.is_authenticated or shortlist_ids() or session.get("_flashes"):
        return None
    version = services.directory_version()
    if version is None:
        return None
    return PageKey(
        request.script_root,
        request.path,
        request.query_string,
        version,
        services.search_index_version(),
        now,
    ).at(now)


@dataclass(frozen=True)
class CachedPage:
    """This request's page in the cache: kept already, or to be rendered and kept."""

    cache: ResultsPageCache
    key: PageKey

    def kept(self) -> str | None:
        html = self.cache.get(self.key)
        return None if html is None else self.cache.for_visitor(html)

    def render(self, template: str, page: services.SearchPage, **context) -> str:
        html = render_template(template, page=page, csrf_token=self._marker, **context)
        if page.result.total:
            self.cache.put(self.key.at(page.now), html)
        return self.cache.for_visitor(html)

    def _marker(self) -> str:
        return self.cache.token_marker


def for_this_request() -> CachedPage | None:
    """None when the cache is off or this visitor's page is their own."""
    cache = results_page_cache()
    key = page_key(local_now()) if cache else None
    return CachedPage(cache, key) if cache and key else None
