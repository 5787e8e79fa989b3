"""Need terms and places as the care plan and the helpline list and name them.

One list and one label each, so a need or a place reads the same in an other-needs entry, a
question to the helpline and the unmet-needs register ("Housing: Homelessness", "Charnwood:
Loughborough"), and every form offers the same choices in the same order. Places stop at
neighbourhoods: nothing here is finer than reports may go.
"""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from knowledge.extensions import db
from knowledge.models import Area, AreaKind, Taxonomy, TaxonomyTerm

NEED_DOMAIN = "need-domain"


def need_terms() -> list[TaxonomyTerm]:
    """Each need domain followed by its sub-terms, domains by name: one list, so one select
    works without JavaScript ("Housing", "Housing: Homelessness", …)."""
    terms = db.session.scalars(
        select(TaxonomyTerm)
        .join(Taxonomy)
        .where(Taxonomy.code == NEED_DOMAIN)
        .options(selectinload(TaxonomyTerm.parent))
    ).all()
    return sorted(terms, key=lambda t: (t.top.name, t.parent is not None, t.name))


def need_domains() -> list[TaxonomyTerm]:
    return [term for term in need_terms() if term.parent is None]


def need_label(term: TaxonomyTerm) -> str:
    """ "Housing" for a domain, "Housing: Homelessness" for a sub-term."""
    return term.name if term.parent is None else f"{term.top.name}: {term.name}"


def places(*, region: bool = True) -> list[Area]:
    """The region (unless `region` is False), then each district followed by its
    neighbourhoods, all by name."""
    areas = db.session.scalars(select(Area).options(selectinload(Area.children))).all()
    ordered = [a for a in areas if a.kind is AreaKind.REGION] if region else []
    for district in sorted((a for a in areas if a.kind is AreaKind.DISTRICT), key=_name):
        ordered.append(district)
        ordered.extend(
            sorted((a for a in district.children if a.kind is AreaKind.NEIGHBOURHOOD), key=_name)
        )
    return ordered


def districts() -> list[Area]:
    return [a for a in places(region=False) if a.kind is AreaKind.DISTRICT]


def place_label(area: Area | None) -> str:
    """A place as pages name it: "Charnwood: Loughborough" for a neighbourhood."""
    if area is None:
        return "Not known"
    if area.kind is AreaKind.NEIGHBOURHOOD and area.parent is not None:
        return f"{area.parent.name}: {area.name}"
    return area.name


def place_choice(area: Area) -> str:
    """A place as a list to choose from names it, saying how wide the wider ones are."""
    if area.kind is AreaKind.REGION:
        return f"Anywhere in {area.name}"
    if area.kind is AreaKind.DISTRICT:
        return f"{area.name} (whole district)"
    return place_label(area)


def _name(area: Area) -> str:
    return area.name
