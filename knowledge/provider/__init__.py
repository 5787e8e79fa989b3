"""Pages for providers answering an update request: public, reached only by the emailed link."""

from flask import Blueprint

bp = Blueprint("provider", __name__, url_prefix="/update")

from knowledge.provider import routes  # noqa: E402,F401  (routes attach themselves to bp)
