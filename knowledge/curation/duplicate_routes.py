"""Suspected duplicates: the officer's list, "not duplicates", and merging two entries."""

from flask import abort, flash, redirect, render_template, request, url_for

from knowledge.access import roles_required
from knowledge.curation import bp, duplicates, services, versions
from knowledge.curation.routes import CURATORS
from knowledge.extensions import db
from knowledge.models import Service


def _live_service(service_id: str | None) -> Service:
    service = services.get_service(service_id) if service_id else None
    if service is None or service.merged_into_id is not None:
        abort(404)
    return service


@bp.get("/duplicates")
@roles_required(*CURATORS)
def duplicate_list():
    return render_template(
        "curation/duplicates.html", pairs=duplicates.DuplicateFinder().suspected_pairs()
    )


@bp.post("/duplicates/dismiss")
@roles_required(*CURATORS)
def dismiss_duplicates():
    first = _live_service(request.form.get("first"))
    second = _live_service(request.form.get("second"))
    if first.id == second.id:
        abort(400)
    duplicates.dismiss(first, second)
    db.session.commit()
    flash(f"“{first.name}” and “{second.name}” will not be flagged as duplicates again.")
    return redirect(url_for("curation.duplicate_list"))


@bp.route("/services/<service_id>/merge/<other_id>", methods=["GET", "POST"])
@roles_required(*CURATORS)
def merge_services(service_id: str, other_id: str):
    """Compare two entries side by side; on confirmation keep the first, merge in the second."""
    keep, duplicate = _live_service(service_id), _live_service(other_id)
    if keep.id == duplicate.id:
        abort(404)
    if request.method == "POST":
        duplicates.merge(keep, duplicate)
        flash(
            f"Merged. “{duplicate.name}” is archived and its history kept; "
            "what only it had is now on this entry. Check the result and save any corrections."
        )
        return redirect(url_for("curation.edit_service", service_id=keep.id))
    return render_template(
        "curation/merge.html",
        keep=keep,
        duplicate=duplicate,
        changes=versions.differences(versions.snapshot(keep), versions.snapshot(duplicate)),
    )


@bp.get("/services/<service_id>/similar")
@roles_required(*CURATORS)
def similar_services(service_id: str):
    service = _live_service(service_id)
    matches = duplicates.similar_services(
        duplicates.candidate_for(service), exclude_ids=[service.id]
    )
    return render_template("curation/similar.html", service=service, matches=matches)
