from flask import Blueprint

bp = Blueprint("accounts", __name__)


@bp.record_once
def _start_sign_in(state) -> None:
    from knowledge.accounts.services import init_sign_in

    init_sign_in(state.app)


from knowledge.accounts import routes  # noqa: E402,F401  (routes attach themselves to bp)
