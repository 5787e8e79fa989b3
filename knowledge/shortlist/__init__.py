from flask import Blueprint

bp = Blueprint("shortlist", __name__, url_prefix="/shortlist")

from knowledge.shortlist import routes  # noqa: E402,F401  (routes attach themselves to bp)
