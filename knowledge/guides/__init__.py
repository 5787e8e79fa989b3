"""Printed guides for community venues (issue 10): a district and some need domains on A4, with
the urgent-help numbers, the date, and a short link and QR code back to the live listing."""

from flask import Blueprint

bp = Blueprint("guides", __name__)

from knowledge.guides import routes  # noqa: E402,F401  (registers the views)
