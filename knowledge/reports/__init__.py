"""Reports for commissioners: unmet needs and helpline activity, every count of people under
disclosure control (knowledge/domain/disclosure.py)."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")

# Route modules attach themselves to bp.
from knowledge.reports import download_routes, routes  # noqa: E402, F401
