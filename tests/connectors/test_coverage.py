"""Who covers a place: a practice, a neighbourhood or a district (connectors/coverage.py)."""

from sqlalchemy import select

from knowledge.connectors.coverage import PART, Place, covering, find_place
from knowledge.extensions import db
from knowledge.models import Area, Organisation, PublicationState
from knowledge.models.connectors import ConnectorRole, GpPractice, RoleType


def area(code: str) -> Area:
    return db.session.scalar(select(Area).where(Area.code == code))


def practice(code: str, name: str, neighbourhood: str) -> GpPractice:
    found = GpPractice(code=code, name=name, neighbourhood=area(neighbourhood))
    db.session.add(found)
    return found


def role(
    title: str,
    role_type: RoleType,
    areas=(),
    practices=(),
    publication=PublicationState.PUBLISHED,
    public=False,
) -> ConnectorRole:
    organisation = db.session.scalar(select(Organisation)) or Organisation(name="Test Trust")
    made = ConnectorRole(
        title=title,
        role_type=role_type,
        organisation=organisation,
        email="team@example.org",
        publication=publication,
        public=public,
        areas=[area(code) for code in areas],
        practices=list(practices),
    )
    db.session.add(made)
    return made


def titles(groups) -> dict[str, list[str]]:
    return {g.role_type.value: [m.role.title for m in g.matches] for g in groups}


def melton_world():
    """Two practices in Melton Mowbray, one in rural Melton, one in Oakham, and roles recorded
    at every level."""
    wilton = practice("ZZ9001", "Wilton Road Surgery", "melton-mowbray")
    egerton = practice("ZZ9002", "Egerton Lodge", "melton-mowbray")
    asfordby = practice("ZZ9003", "Asfordby Hill", "melton-rural")
    oakham = practice("ZZ9004", "Oakham Market", "rutland-oakham")
    role("Link worker, Melton Mowbray PCN", RoleType.LINK_WORKER, practices=[wilton, egerton])
    role("Link worker, Rural Melton PCN", RoleType.LINK_WORKER, practices=[asfordby])
    role("Link worker, Rutland PCN", RoleType.LINK_WORKER, practices=[oakham])
    role("Coordinator, Melton", RoleType.LOCAL_AREA_COORDINATOR, areas=["melton"], public=True)
    role("Coordinator, Rutland", RoleType.LOCAL_AREA_COORDINATOR, areas=["rutland"])
    role("Befrienders, everywhere", RoleType.BEFRIENDER, areas=["llr"], public=True)
    role("Rural outreach", RoleType.VCS_WORKER, areas=["melton-rural", "rutland"])
    role("Peer worker, Melton", RoleType.PEER_SUPPORT, areas=["melton"])
    role(
        "Draft coordinator",
        RoleType.LOCAL_AREA_COORDINATOR,
        areas=["melton"],
        publication=PublicationState.DRAFT,
    )
    role(
        "Old link worker",
        RoleType.LINK_WORKER,
        practices=[wilton],
        publication=PublicationState.ARCHIVED,
    )
    db.session.commit()


def test_a_practice_gets_its_link_worker_and_everyone_covering_where_it_is(app):
    melton_world()
    place = find_place("practice:ZZ9001")
    assert place is not None and place.name == "Wilton Road Surgery"
    assert titles(covering(place)) == {
        # In the order staff read them: link workers, coordinators, peers, befrienders, VCS.
        "social-prescribing-link-worker": ["Link worker, Melton Mowbray PCN"],
        "local-area-coordinator": ["Coordinator, Melton"],
        "peer-support-worker": ["Peer worker, Melton"],
        "volunteer-befriender": ["Befrienders, everywhere"],
    }
    assert [g.role_type for g in covering(place)] == [
        RoleType.LINK_WORKER,
        RoleType.LOCAL_AREA_COORDINATOR,
        RoleType.PEER_SUPPORT,
        RoleType.BEFRIENDER,
    ]
    # Another practice in the same district does not get Wilton Road's link worker.
    assert titles(covering(find_place("practice:ZZ9003")))["social-prescribing-link-worker"] == [
        "Link worker, Rural Melton PCN"
    ]
    assert titles(covering(find_place("practice:ZZ9003")))["targeted-vcs-worker"] == [
        "Rural outreach"
    ]


def test_a_neighbourhood_gets_the_link_workers_of_its_practices_saying_for_whom(app):
    melton_world()
    groups = covering(find_place("area:melton-mowbray"))
    assert titles(groups)["social-prescribing-link-worker"] == ["Link worker, Melton Mowbray PCN"]
    [match] = groups[0].matches
    assert match.level == PART
    assert match.covers == ["patients of Egerton Lodge and Wilton Road Surgery"]
    assert "targeted-vcs-worker" not in titles(groups)  # rural Melton only


def test_a_district_gets_everything_inside_it_whole_place_roles_first(app):
    melton_world()
    groups = titles(covering(find_place("area:melton")))
    assert groups["social-prescribing-link-worker"] == [
        "Link worker, Melton Mowbray PCN",
        "Link worker, Rural Melton PCN",
    ]
    assert groups["local-area-coordinator"] == ["Coordinator, Melton"]
    assert groups["targeted-vcs-worker"] == ["Rural outreach"]
    outreach = covering(find_place("area:melton"))[-1].matches[0]
    assert outreach.covers == ["Rural Melton"]  # not Rutland, which is elsewhere
    assert "Link worker, Rutland PCN" not in str(groups) and "Coordinator, Rutland" not in str(
        groups
    )


def test_drafts_and_archived_roles_are_never_found(app):
    melton_world()
    everything = str(titles(covering(find_place("area:llr"))))
    assert "Draft coordinator" not in everything and "Old link worker" not in everything
    assert "Link worker, Rutland PCN" in everything


def test_the_public_sees_only_the_roles_marked_public(app):
    melton_world()
    assert titles(covering(find_place("practice:ZZ9001"), public_only=True)) == {
        "local-area-coordinator": ["Coordinator, Melton"],
        "volunteer-befriender": ["Befrienders, everywhere"],
    }


def test_unknown_places_are_none(app):
    melton_world()
    assert find_place("practice:NOPE") is None
    assert find_place("area:atlantis") is None
    assert find_place("melton") is None
    assert find_place("") is None
    assert Place(area=area("melton")).key == "area:melton"
