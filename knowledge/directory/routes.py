from flask import abort, current_app, redirect, render_template, request, url_for

from knowledge.access import public
from knowledge.directory import bp, page_cache, services
from knowledge.security import same_site_referrer


@bp.get("/")
@public
def home():
    return render_template(
        "directory/home.html",
        need_domains=services.need_domains(),
        cafes=services.crisis_cafes(),
    )


@bp.get("/search")
@public
def search():
    params = services.parse_search_params(request.args)
    # Off unless RESULTS_PAGE_CACHE is set; never for a visitor whose page is their own.
    cached = page_cache.for_this_request()
    if cached and (kept := cached.kept()) is not None:
        return kept
    page = services.search_directory(params, current_app.config["RESULTS_PER_PAGE"])
    if params.page > page.result.pages:
        abort(404)
    services.record_if_nothing_found(page)
    if cached:
        return cached.render(
            "directory/search.html", page, params=params, areas=services.area_centres()
        )
    return render_template(
        "directory/search.html",
        page=page,
        params=params,
        areas=services.area_centres(),
    )


@bp.get("/services/<service_id>")
@public
def service(service_id: str):
    found = services.get_public_service(service_id)
    if found is None:
        merged = services.merged_into(service_id)
        if merged is None:
            abort(404)
        # An entry merged into another as a duplicate: bookmarks and printed links still work.
        return redirect(url_for("directory.service", service_id=merged.id), 301)
    # Back to the results the person came from, if they came from a search.
    referrer = same_site_referrer(request)
    back = referrer if referrer and referrer.startswith("/search") else url_for("directory.search")
    return render_template("directory/service.html", service=found, back=back)


@bp.get("/crisis-cafes")
@public
def crisis_cafes():
    return render_template("directory/crisis_cafes.html", cafes=services.crisis_cafes())
