"""Need terms and places: one list and one name each, whichever page shows them."""

from sqlalchemy import select

from knowledge.directory import vocabulary
from knowledge.extensions import db
from knowledge.models import Area, AreaKind, Role, TaxonomyTerm
from tests.conftest import parse


def term(code: str) -> TaxonomyTerm:
    return db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.code == code)).one()


def area(code: str) -> Area:
    return db.session.scalars(select(Area).where(Area.code == code)).one()


def test_names(app):
    assert vocabulary.need_label(term("housing")) == "Housing"
    assert vocabulary.need_label(term("debt-advice")) == "Benefits and money: Debt advice"
    assert vocabulary.place_label(area("charnwood-loughborough")) == "Charnwood: Loughborough"
    assert vocabulary.place_label(area("charnwood")) == "Charnwood"
    assert vocabulary.place_label(None) == "Not known"
    assert vocabulary.place_choice(area("charnwood")) == "Charnwood (whole district)"
    assert vocabulary.place_choice(area("llr")).startswith("Anywhere in ")


def test_lists_come_domain_then_sub_terms_and_district_then_neighbourhoods(app):
    terms = vocabulary.need_terms()
    domains = [t for t in terms if t.parent is None]
    assert domains == vocabulary.need_domains()
    assert [t.name for t in domains] == sorted(t.name for t in domains)
    for position, need in enumerate(terms):
        if need.parent is not None:
            assert terms[position - 1] in (need.parent, *need.parent.children)
    places = vocabulary.places()
    assert places[0].kind is AreaKind.REGION
    assert AreaKind.REGION not in {a.kind for a in vocabulary.places(region=False)}
    for position, place in enumerate(places):
        if place.kind is AreaKind.NEIGHBOURHOOD:
            assert place.parent in places[:position]
    assert [a.name for a in vocabulary.districts()] == sorted(
        a.name for a in places if a.kind is AreaKind.DISTRICT
    )


def test_the_care_plan_and_the_helpline_offer_the_same_needs(client, login_as):
    login_as(Role.STAFF, Role.HELPLINE)
    page = parse(client.get("/other-needs"))
    client.post(
        "/other-needs",
        data={
            "csrf_token": page.select_one("input[name=csrf_token]")["value"],
            "kind": "nhs",
            "nhs_number": "9434765919",
        },
    )
    lists = [
        [o.text for o in parse(client.get(path)).select(f"select[name={name}] option")][1:]
        for path, name in (
            ("/other-needs/new", "need_term_id"),
            ("/helpline/ask", "need_term"),
            ("/helpline/unmet/new", "need_term"),
        )
    ]
    assert lists[0] == [vocabulary.need_label(t) for t in vocabulary.need_terms()]
    assert lists[0] == lists[1] == lists[2]
