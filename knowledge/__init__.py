"""Community Knowledge: the Supporting Other Needs directory and the helpline behind it."""

import logging
from pathlib import Path

from flask import Flask, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from jinja2 import ChainableUndefined, ChoiceLoader, PackageLoader
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from knowledge import logs, mail
from knowledge.access import init_access
from knowledge.config import (
    DEVELOPMENT_PSEUDONYM_KEY,
    DEVELOPMENT_SECRET_KEY,
    Config,
    config_from_environment,
)
from knowledge.domain.pseudonyms import MINIMUM_KEY_LENGTH
from knowledge.extensions import csrf, db, limiter, migrate
from knowledge.security import safe_next, same_site_referrer


def create_app(
    config_class: type[Config] | None = None, instance_path: str | None = None, **overrides
) -> Flask:
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_object(config_class or config_from_environment())
    app.config.update(overrides)
    logs.init_app(app)
    resolve_paths(app)
    register_extensions(app)
    register_templates(app)
    register_blueprints(app)
    register_commands(app)
    register_errorhandlers(app)
    register_security_headers(app)
    refuse_demo_accounts_in_production(app)
    # After the demo-account check: published passwords are the more urgent thing to report.
    mail.init_app(app)
    return app


def resolve_paths(app: Flask) -> None:
    secret = app.config.get("SECRET_KEY")
    if not secret:
        raise RuntimeError("SECRET_KEY must be set (see README: Configuration)")
    if not app.config["DEMO_DATA_ALLOWED"] and (
        len(secret) < 32 or secret == DEVELOPMENT_SECRET_KEY
    ):
        raise RuntimeError(
            "SECRET_KEY is too weak for production: use 32 or more random characters, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    check_pseudonym_key(app)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'knowledge.sqlite'}"
    if not app.config.get("SEARCH_INDEX_PATH"):
        app.config["SEARCH_INDEX_PATH"] = str(instance / "search-index")


def check_pseudonym_key(app: Flask) -> None:
    key = app.config.get("PSEUDONYM_KEY") or ""
    if app.config["DEMO_DATA_ALLOWED"]:
        return
    if len(key) < MINIMUM_KEY_LENGTH or key in (
        DEVELOPMENT_PSEUDONYM_KEY,
        app.config.get("SECRET_KEY"),
    ):
        raise RuntimeError(
            "PSEUDONYM_KEY must be set for production: 32 or more random characters, different "
            "from SECRET_KEY, and kept safe (see README: Configuration)"
        )


def register_extensions(app: Flask) -> None:
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    db.init_app(app)
    # Batch mode lets the same migrations alter tables on SQLite as on PostgreSQL.
    migrate.init_app(
        app, db, directory=str(Path(app.root_path).parent / "migrations"), render_as_batch=True
    )
    csrf.init_app(app)
    limiter.init_app(app)
    # Before any blueprint's own hooks: the access check is the first thing a request meets
    # after the idle sign-out (registered by the accounts blueprint).
    with app.app_context():
        enforce_sqlite_foreign_keys(db.engine)


def enforce_sqlite_foreign_keys(engine) -> None:
    """SQLite ignores foreign keys (and ON DELETE CASCADE) unless asked, per connection."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _foreign_keys_on(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def register_templates(app: Flask) -> None:
    from knowledge import template_helpers

    # The NHS.UK component macros come from the nhsuk-frontend-jinja package, which expects
    # undefined attributes to chain quietly (params.items.text on a missing item).
    app.jinja_loader = ChoiceLoader(
        [app.jinja_loader, PackageLoader("nhsuk_frontend_jinja", "templates")]
    )
    app.jinja_env.undefined = ChainableUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    template_helpers.register(app)


def register_blueprints(app: Flask) -> None:
    from knowledge.accounts import bp as accounts_bp
    from knowledge.admin import bp as admin_bp
    from knowledge.careplan import bp as careplan_bp
    from knowledge.connectors import bp as connectors_bp
    from knowledge.curation import bp as curation_bp
    from knowledge.directory import bp as directory_bp
    from knowledge.guides import bp as guides_bp
    from knowledge.health import bp as health_bp
    from knowledge.helpline import bp as helpline_bp
    from knowledge.oruk import bp as oruk_bp
    from knowledge.pages import bp as pages_bp
    from knowledge.provider import bp as provider_bp
    from knowledge.reports import bp as reports_bp
    from knowledge.shortlist import bp as shortlist_bp
    from knowledge.suggestions import bp as suggestions_bp

    app.register_blueprint(accounts_bp)
    init_access(app)
    app.register_blueprint(directory_bp)
    app.register_blueprint(shortlist_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(curation_bp)
    app.register_blueprint(suggestions_bp)
    app.register_blueprint(provider_bp)
    app.register_blueprint(careplan_bp)
    app.register_blueprint(helpline_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(oruk_bp)
    app.register_blueprint(connectors_bp)
    app.register_blueprint(guides_bp)
    app.register_blueprint(health_bp)


def register_commands(app: Flask) -> None:
    from knowledge.backup import backup_cli
    from knowledge.commands import search_cli, seed_cli, users_cli
    from knowledge.oruk.commands import oruk_cli

    app.cli.add_command(seed_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(oruk_cli)
    app.cli.add_command(backup_cli)


def refuse_demo_accounts_in_production(app: Flask) -> None:
    """Demo accounts have published passwords: a production server must not run with them."""
    if app.config["DEMO_DATA_ALLOWED"]:
        return
    from knowledge.accounts.services import demo_accounts_exist

    with app.app_context():
        try:
            found = demo_accounts_exist()
        except SQLAlchemyError:  # no tables yet: `flask db upgrade` has not run
            db.session.rollback()
            return
        finally:
            db.session.remove()
    if found:
        with app.app_context():
            db.engine.dispose()  # this app will never serve: close the connection the check made
        raise RuntimeError(
            "Enabled demo accounts exist in this database: disable each one "
            "(flask users disable EMAIL) or use KNOWLEDGE_ENV=development."
        )


def register_errorhandlers(app: Flask) -> None:
    from knowledge.oruk.routes import http_error, is_api_path, server_error

    log = logging.getLogger("knowledge.errors")

    def render_csrf_error(error: CSRFError):
        # Usually a form left open until its session ended: say so and let them try again.
        flash("Sorry, that did not work because the page had been open too long. Please try again.")
        return redirect(safe_next(_referrer_path(), url_for("directory.home")))

    def render_http_error(error: HTTPException):
        # The open API answers in JSON, unknown addresses under it included.
        if is_api_path(request.path):
            return http_error(error)
        templates = {403: "errors/403.html", 404: "errors/404.html", 429: "errors/429.html"}
        template = templates.get(error.code, "errors/error.html")
        response = make_response(render_template(template, error=error), error.code)
        if error.code == 429 and error.get_headers():
            response.headers.extend(
                [h for h in error.get_headers() if h[0].lower() == "retry-after"]
            )
        return response

    def render_server_error(error: Exception):
        log.exception("unhandled error", exc_info=error)
        if is_api_path(request.path):
            return server_error()
        return render_template("errors/500.html"), 500

    app.register_error_handler(CSRFError, render_csrf_error)
    app.register_error_handler(HTTPException, render_http_error)
    app.register_error_handler(Exception, render_server_error)


def _referrer_path() -> str | None:
    return same_site_referrer(request)


# No inline script or style and no other origin: every asset is served from here.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def add_security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Permissions-Policy", "geolocation=(self), camera=(), microphone=()"
        )
        if request.is_secure:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        # Pages for signed-in staff may show staff-only details: never keep them in a cache.
        if current_user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response
