from flask import abort, current_app, render_template, request

from knowledge.clock import local_now
from knowledge.directory import bp, services


@bp.get("/")
def home():
    return render_template(
        "directory/home.html",
        need_domains=services.need_domains(),
        cafes=services.crisis_cafes(),
    )


@bp.get("/search")
def search():
    params = services.parse_search_params(request.args)
    page = services.search_directory(params, current_app.config["RESULTS_PER_PAGE"])
    if params.page > page.result.pages:
        abort(404)
    return render_template(
        "directory/search.html",
        page=page,
        params=params,
        areas=services.area_centres(),
    )


@bp.get("/services/<service_id>")
def service(service_id: str):
    found = services.get_public_service(service_id)
    if found is None:
        abort(404)
    return render_template("directory/service.html", service=found, now=local_now())


@bp.get("/crisis-cafes")
def crisis_cafes():
    return render_template("directory/crisis_cafes.html", cafes=services.crisis_cafes())
