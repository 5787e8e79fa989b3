from flask import Blueprint

bp = Blueprint("pages", __name__)

from knowledge.pages import routes  # noqa: E402,F401  (routes attach themselves to bp)
