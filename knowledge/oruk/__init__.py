"""The open Open Referral UK 3.0 API (routes.py), the documents it publishes (documents.py),
the questions it answers (services.py) and the ORUK contract it is checked against
(schemas.py); and the feed import (feeds*.py), whose upload pages are the curation
blueprint's."""

from flask import Blueprint

# The curation package first, whoever imports what: its routes import the feed modules here,
# which import its own modules. Entered from a feed module instead, the two packages would
# each find the other half-loaded (tests/oruk/test_schemas.py imports each module alone).
import knowledge.curation  # noqa: F401

API_PREFIX = "/api/oruk"

bp = Blueprint("oruk", __name__, url_prefix=API_PREFIX)

from knowledge.oruk import routes  # noqa: E402,F401  (routes attach themselves to bp)
