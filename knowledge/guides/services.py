"""What a guide lists: the live results page's listing for its district and need domains."""

from dataclasses import dataclass

import segno
from werkzeug.datastructures import MultiDict

from knowledge.directory import services as directory
from knowledge.models import Service

# A noticeboard guide of more than a few pages is not read; past this many services the guide
# says how many more there are and sends people to the live listing.
MAX_SERVICES = 40


@dataclass(frozen=True)
class GuideChoice:
    area: str  # a district's code, as the results page's area filter
    needs: tuple[str, ...]  # need domain codes, in the vocabulary's order
    large: bool = False


@dataclass
class Guide:
    choice: GuideChoice
    area_name: str
    need_names: list[str]
    services: list[Service]
    total: int  # in the live listing; more than len(services) when cut at MAX_SERVICES

    @property
    def more(self) -> int:
        return self.total - len(self.services)


def read_choice(args: MultiDict) -> tuple[GuideChoice | None, dict[str, str]]:
    """The choice in the query string, or None and what is wrong with it, by field."""
    vocabulary = directory.facet_vocabulary()
    area = args.get("area", "")
    needs = [code for code in vocabulary["need"] if code in args.getlist("need")]
    problems = {}
    if area not in vocabulary["area"]:
        problems["area"] = "Choose the area the guide is for"
    if not needs:
        problems["need"] = "Choose at least one kind of help"
    if problems:
        return None, problems
    return GuideChoice(area, tuple(needs), large=args.get("large") == "y"), {}


def listing_args(choice: GuideChoice) -> MultiDict:
    """The results page's query string for the same filters: the live listing."""
    return MultiDict([("area", choice.area), *(("need", need) for need in choice.needs)])


def build(choice: GuideChoice) -> Guide:
    vocabulary = directory.facet_vocabulary()
    params = directory.parse_search_params(listing_args(choice))
    page = directory.search_directory(params, per_page=MAX_SERVICES)
    return Guide(
        choice=choice,
        area_name=vocabulary["area"][choice.area],
        need_names=[vocabulary["need"][code] for code in choice.needs],
        services=page.services,
        total=page.result.total,
    )


def choice_from_short(area: str, needs: str) -> GuideChoice | None:
    choice, _ = read_choice(MultiDict([("area", area), *(("need", n) for n in needs.split("+"))]))
    if choice is None or len(choice.needs) != len(set(needs.split("+"))):
        return None
    return choice


def qr_svg(url: str) -> str:
    """The QR code for `url` as inline SVG, made here (no web service sees the link)."""
    return segno.make(url, error="m").svg_inline(scale=3, dark="#212b32", title="")
