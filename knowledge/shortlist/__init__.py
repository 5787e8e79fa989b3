from flask import Blueprint

bp = Blueprint("shortlist", __name__, url_prefix="/shortlist")


@bp.app_context_processor
def _shortlist_helpers() -> dict:
    from flask import get_flashed_messages

    from knowledge.shortlist.services import shortlist_ids

    def just_added_to_shortlist() -> list[str]:
        return get_flashed_messages(category_filter=["added-to-shortlist"])

    return {"shortlist_ids": shortlist_ids, "just_added_to_shortlist": just_added_to_shortlist}


from knowledge.shortlist import routes  # noqa: E402,F401  (routes attach themselves to bp)
