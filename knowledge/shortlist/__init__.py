from flask import Blueprint

bp = Blueprint("shortlist", __name__, url_prefix="/shortlist")


@bp.app_context_processor
def _shortlist_helpers() -> dict:
    from knowledge.shortlist.services import shortlist_ids

    return {"shortlist_ids": shortlist_ids}


from knowledge.shortlist import routes  # noqa: E402,F401  (routes attach themselves to bp)
