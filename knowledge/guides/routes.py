"""Make a printed guide; the short link a printed guide carries."""

from flask import abort, redirect, render_template, request, url_for

from knowledge.access import public
from knowledge.directory import services as directory
from knowledge.guides import bp, services
from knowledge.urls import external_url


@bp.get("/guides")
@public
def guide():
    """With no choice yet: the form. With one: the guide, or the form saying what is missing."""
    vocabulary = directory.facet_vocabulary()
    if not request.args:
        return render_template(
            "guides/choose.html", vocabulary=vocabulary, errors={}, args=request.args
        )
    choice, errors = services.read_choice(request.args)
    if choice is None:
        return render_template(
            "guides/choose.html", vocabulary=vocabulary, errors=errors, args=request.args
        )
    found = services.build(choice)
    short_link = external_url("guides.short_link", area=choice.area, needs="+".join(choice.needs))
    return render_template(
        "guides/guide.html",
        guide=found,
        short_link=short_link,
        short_link_text=short_link.split("://", 1)[-1],
        qr=services.qr_svg(short_link),
        listing_url=url_for(
            "directory.search", **services.listing_args(choice).to_dict(flat=False)
        ),
    )


@bp.get("/g/<area>/<needs>")
@public
def short_link(area: str, needs: str):
    choice = services.choice_from_short(area, needs)
    if choice is None:
        abort(404)
    return redirect(
        url_for("directory.search", **services.listing_args(choice).to_dict(flat=False))
    )
