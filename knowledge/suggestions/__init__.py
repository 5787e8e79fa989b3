from flask import Blueprint

bp = Blueprint("suggestions", __name__)

from knowledge.suggestions import routes  # noqa: E402,F401  (routes attach themselves to bp)
