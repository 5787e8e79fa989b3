"""Care-plan other-needs entries: what staff record for a service user, by pseudonym only."""

from flask import Blueprint

bp = Blueprint("careplan", __name__, url_prefix="/other-needs")


from knowledge.careplan import routes  # noqa: E402,F401  (routes attach themselves to bp)
