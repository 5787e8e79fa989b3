from flask import Blueprint

bp = Blueprint("directory", __name__)


@bp.record_once
def _start_search(state) -> None:
    from knowledge.directory.indexing import init_search

    init_search(state.app)


@bp.app_context_processor
def _directory_helpers() -> dict:
    from knowledge.clock import local_now
    from knowledge.directory.services import getting_started, opening_status, opening_times

    return {
        "opening_status": opening_status,
        "opening_times": opening_times,
        "getting_started": getting_started,
        "today": lambda: local_now().date(),
    }


from knowledge.directory import routes  # noqa: E402,F401  (routes attach themselves to bp)
