"""The Community Knowledge Service helpline: queries, their needs and outcomes, and the
unmet-needs register."""

from flask import Blueprint

bp = Blueprint("helpline", __name__, url_prefix="/helpline")

# Route modules attach themselves to bp.
from knowledge.helpline import (  # noqa: E402
    query_routes,  # noqa: F401
    unmet_routes,  # noqa: F401
)
