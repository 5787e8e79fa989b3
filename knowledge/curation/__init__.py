from flask import Blueprint

bp = Blueprint("curation", __name__, url_prefix="/curate")

from knowledge.curation import routes  # noqa: E402,F401  (routes attach themselves to bp)
