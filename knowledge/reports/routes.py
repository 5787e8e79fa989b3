"""The commissioners' dashboard."""

from flask import render_template, request

from knowledge.access import roles_required
from knowledge.clock import local_now
from knowledge.models import Role
from knowledge.reports import bp
from knowledge.reports.dashboard import dashboard_page

REPORT_READERS = (Role.COMMISSIONER, Role.HELPLINE, Role.ADMIN)


@bp.get("/")
@roles_required(*REPORT_READERS)
def dashboard():
    page = dashboard_page(request.args, local_now().date())
    return render_template("reports/dashboard.html", page=page)
