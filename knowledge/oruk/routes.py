"""The open API: read-only, for anyone, under /api/oruk/ (see docs/architecture.md).

Every answer is JSON, errors included; every answer under the stub, whatever its status, may
be read by a page on any other site (CORS `*`: nothing here depends on who asks). Successful
answers carry a strong ETag of their body and may be cached for a few minutes, and a
Last-Modified (see `_last_modified`). The addresses the API gives are under PUBLIC_BASE_URL
when it is set, never the Host a caller sent (knowledge/urls.py).
"""

import hashlib
import json
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import abort, current_app, g, request, session
from werkzeug.exceptions import HTTPException, NotFound

from knowledge.access import public
from knowledge.clock import utc_now
from knowledge.extensions import limiter
from knowledge.oruk import API_PREFIX, bp, documents, schemas
from knowledge.oruk.services import (
    BadParameter,
    Listing,
    Paging,
    find_services,
    find_services_at_locations,
    find_taxonomies,
    find_taxonomy_terms,
    get_service,
    get_service_at_location,
    get_taxonomy,
    get_taxonomy_term,
    last_modified,
    load_services,
    load_services_at_locations,
    read_list_request,
    read_paging,
)
from knowledge.urls import external_url

JSON = "application/json; charset=utf-8"
CACHE_SECONDS = 300
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
STARTED_AT = "oruk_started_at"
# A commit takes its stamp just before it commits (knowledge.models.directory_state): an answer
# read in between still has the stamp before. Last-Modified waits this long past its second.
COMMIT_ALLOWANCE = timedelta(seconds=1)


def _rate_limit() -> str:
    return current_app.config["ORUK_RATE_LIMIT"]


# One allowance per client address for the whole API, not one per endpoint.
limiter.shared_limit(_rate_limit, scope="oruk")(bp)


def _max_per_page() -> int:
    return current_app.config["ORUK_MAX_PER_PAGE"]


@bp.record_once
def _note_the_start(state) -> None:
    # New code may publish the same directory differently: Last-Modified is never earlier.
    with state.app.app_context():
        state.app.extensions[STARTED_AT] = utc_now()


@bp.before_request
def _read_when_the_directory_changed() -> None:
    # First, before the answer's own reads (see services.last_modified).
    g.oruk_last_modified = last_modified(current_app.extensions[STARTED_AT])


# Endpoints -----------------------------------------------------------------------------------


@bp.get("/")
@public
def meta():
    return _json(
        {
            "version": schemas.HSDS_VERSION,
            "profile": schemas.PROFILE,
            "openapi_url": external_url("oruk.openapi"),
        }
    )


@bp.get("/openapi.json")
@public
def openapi():
    # The profile's document as published, told where this copy of the API is.
    document = dict(schemas.openapi_document())
    document["servers"] = [{"url": external_url("oruk.meta").rstrip("/")}]
    return _json(document)


@bp.get("/services")
@public
def services():
    return _list(find_services, load_services, documents.service_document)


@bp.get("/services/<service_id>")
@public
def service(service_id: str):
    found = get_service(service_id)
    if found is None:
        abort(404, description="No published service has that id.")
    return _json(documents.service_document(found))


@bp.get("/service_at_locations")
@public
def service_at_locations():
    return _list(
        find_services_at_locations,
        load_services_at_locations,
        documents.service_at_location_document,
        places=True,
    )


@bp.get("/service_at_locations/<link_id>")
@public
def service_at_location(link_id: str):
    found = get_service_at_location(link_id)
    if found is None:
        abort(404, description="No published service is at a place with that id.")
    return _json(documents.service_at_location_document(found))


@bp.get("/taxonomies")
@public
def taxonomies():
    paging = read_paging(request.args, _max_per_page())
    found, total = find_taxonomies(paging)
    contents = [documents.taxonomy_document(t, with_terms=False) for t in found]
    return _json(_page(contents, total, paging))


@bp.get("/taxonomies/<taxonomy_id>")
@public
def taxonomy(taxonomy_id: str):
    found = get_taxonomy(taxonomy_id)
    if found is None:
        abort(404, description="No taxonomy has that id.")
    return _json(documents.taxonomy_document(found, with_terms=True))


@bp.get("/taxonomy_terms")
@public
def taxonomy_terms():
    paging = read_paging(request.args, _max_per_page())
    found, total = find_taxonomy_terms(paging)
    return _json(_page([documents.taxonomy_term_document(t) for t in found], total, paging))


@bp.get("/taxonomy_terms/<term_id>")
@public
def taxonomy_term(term_id: str):
    found = get_taxonomy_term(term_id)
    if found is None:
        abort(404, description="No taxonomy term has that id.")
    return _json(documents.taxonomy_term_document(found))


def _list(
    find: Callable[..., Listing],
    load: Callable[..., list],
    document: Callable[..., dict],
    *,
    places: bool = False,
):
    """A list endpoint: the page found, as minimal items (from the list itself), or loaded
    and made into documents (nested with `full`)."""
    asked = read_list_request(request.args, _max_per_page(), places=places)
    listing = find(asked)
    if asked.minimal:
        contents = [
            {"id": item.id, "last_modified": documents.timestamp(item.last_modified)}
            for item in listing.items
        ]
    else:
        found = load(listing.ids, full=asked.full)
        contents = [document(each, nested=asked.full) for each in found]
    return _json(_page(contents, listing.total, asked.paging))


def _page(contents: list[dict], total: int, paging: Paging | None) -> dict:
    if paging is None:  # everything at once
        return documents.page_document(contents, total=total, page=1, per_page=max(1, total))
    return documents.page_document(
        contents, total=total, page=paging.page, per_page=paging.per_page
    )


# Answers -------------------------------------------------------------------------------------


def _json(document: dict):
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    response = current_app.response_class(body, content_type=JSON)
    response.set_etag(hashlib.sha256(body).hexdigest())
    if (moment := _last_modified(g.oruk_last_modified)) is not None:
        response.last_modified = moment
    response = response.make_conditional(request)
    # make_conditional adds a Date header, and the server (gunicorn, werkzeug) adds its own:
    # HTTP allows one.
    del response.headers["Date"]
    return response


def _last_modified(changed_at: datetime) -> datetime | None:
    """Last-Modified names a whole second. Sent while that second is still running, a change
    later in the same second would leave it unchanged, and a client asking If-Modified-Since
    would be told, wrongly, that nothing had changed: so it is sent only once its second, and
    COMMIT_ALLOWANCE after it, are over. (The stamps are the app servers' clocks, which NTP
    keeps together.)"""
    second_over = changed_at.replace(microsecond=0) + timedelta(seconds=1)
    if utc_now() < second_over + COMMIT_ALLOWANCE:
        return None
    return changed_at


def is_api_path(path: str) -> bool:
    return path == API_PREFIX or path.startswith(API_PREFIX + "/")


def _error(status: int, name: str, message: str, **extra):
    body = {"status": status, "error": name, "message": message, **extra}
    return current_app.response_class(
        json.dumps(body, ensure_ascii=False), status=status, content_type=JSON
    )


@bp.errorhandler(BadParameter)
def bad_parameter(error: BadParameter):
    return _error(400, "Bad Request", error.message, parameter=error.parameter)


def http_error(error: HTTPException):
    """Any HTTP error under the stub, as JSON (the app's error handlers send these here)."""
    message = error.description or error.name
    if isinstance(error, NotFound) and request.url_rule is None:
        message = (
            f"There is no {request.path} in this API. Its endpoints are listed in "
            f"{external_url('oruk.openapi')}"
        )
    response = _error(error.code or 500, error.name, message)
    if error.code == 405:
        response.headers["Allow"] = ALLOWED_METHODS
    if error.code == 429:
        current = limiter.current_limit
        wait = current.reset_at - int(time.time()) if current is not None else 60
        response.headers["Retry-After"] = str(max(1, wait))
    return response


def server_error():
    return _error(500, "Internal Server Error", "Sorry, something went wrong on our side.")


@bp.after_app_request
def _api_headers(response):
    if not is_api_path(request.path):
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response.headers["Access-Control-Max-Age"] = "86400"
        if asked := request.headers.get("Access-Control-Request-Headers"):
            response.headers["Access-Control-Allow-Headers"] = asked
    elif response.status_code in (200, 304):
        # The same for everyone, signed in or not: public, whatever the site's pages say.
        response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    # Nothing here depends on the session, and a cacheable public answer must never carry a
    # session cookie (a shared cache would hand it to the next person): a signed-in person's
    # cookie is left as it was, not refreshed by calls to the API.
    session.modified = False
    return response
