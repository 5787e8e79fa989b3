from flask import abort, flash, redirect, render_template, request, url_for

from knowledge.access import public
from knowledge.directory.services import get_public_service
from knowledge.security import safe_next
from knowledge.shortlist import bp, services


@bp.get("")
@public
def show():
    return render_template("shortlist/shortlist.html", services=services.shortlisted_services())


@bp.get("/shared")
@public
def shared():
    return render_template(
        "shortlist/shared.html", services=services.shared_services(request.args.get("ids", ""))
    )


@bp.post("/add")
@public
def add():
    service = get_public_service(request.form.get("service_id", ""))
    if service is None:
        abort(404)
    if services.add_to_shortlist(service):
        # Shown beside the service's own button (the page scrolls there), not at the top.
        flash(service.id, "added-to-shortlist")
    else:
        flash("Your shortlist is full. Remove a service before adding another.")
    return redirect(safe_next(request.form.get("next"), url_for("shortlist.show")))


@bp.post("/remove")
@public
def remove():
    services.remove_from_shortlist(request.form.get("service_id", ""))
    flash("Removed from your shortlist.")
    return redirect(safe_next(request.form.get("next"), url_for("shortlist.show")))


@bp.post("/save-shared")
@public
def save_shared():
    added = services.add_all_to_shortlist(services.shared_services(request.form.get("ids", "")))
    flash(f"{added} service{'' if added == 1 else 's'} saved to your shortlist.")
    return redirect(url_for("shortlist.show"))


@bp.post("/clear")
@public
def clear():
    services.clear_shortlist()
    flash("Your shortlist is empty.")
    return redirect(url_for("shortlist.show"))
