"""Connector roles (issue 10): who around a team can help someone get to support, by place."""

from flask import Blueprint

bp = Blueprint("connectors", __name__)

from knowledge.connectors import routes  # noqa: E402,F401  (registers the views)
