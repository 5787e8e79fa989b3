from flask import Blueprint

bp = Blueprint("directory", __name__)

from knowledge.directory import routes  # noqa: E402,F401  (routes attach themselves to bp)
