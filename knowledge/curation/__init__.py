from flask import Blueprint

bp = Blueprint("curation", __name__, url_prefix="/curate")

# Route modules attach themselves to bp.
from knowledge.curation import (  # noqa: E402
    duplicate_routes,  # noqa: F401
    feed_routes,  # noqa: F401
    import_routes,  # noqa: F401
    record_routes,  # noqa: F401
    routes,  # noqa: F401
    update_routes,  # noqa: F401
)
