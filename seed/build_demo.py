#!/usr/bin/env python3
"""Build seed/demo_directory.json: fictional demo data for Community Knowledge.

Run from the repository root:  python3 seed/build_demo.py

Everything here is invented for demonstration. Organisation and group names,
people, street names and postcodes are fictional; phone numbers come only from
Ofcom's ranges reserved for drama (0116 496 0xxx, 01632 960xxx, 0808 157 0xxx,
07700 900xxx) and every email address and website is at example.org.

The script is deterministic: it uses only the standard library, ids come from
uuid5 on fixed URLs, and every "random" choice comes from random.Random seeded
with a fixed string, so reruns write byte-identical JSON.
"""

import json
import math
import random
import re
import uuid
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "demo_directory.json"
AREAS = json.loads((HERE / "areas.json").read_text(encoding="utf-8"))
TAXONOMY = json.loads((HERE / "taxonomy.json").read_text(encoding="utf-8"))

ASSURER = "Community Knowledge Officer"
TODAY = date(2026, 11, 22)  # fixed "now" for the demo data, never date.today()


def uid(kind, slug):
    """Stable UUID for an entity, so reruns give the same ids."""
    return str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"https://example.org/community-knowledge/{kind}/{slug}")
    )


def rng(*parts):
    """A seeded random generator for one decision, independent of processing order."""
    return random.Random("|".join(str(p) for p in parts))


# ---------------------------------------------------------------------------
# Geography
# ---------------------------------------------------------------------------
DISTRICTS = {d["code"]: d for d in AREAS["districts"]}
HOODS = {}
for _d in AREAS["districts"]:
    for _n in _d["neighbourhoods"]:
        HOODS[_n["code"]] = dict(_n, district=_d["code"])
LEICS_DISTRICTS = [c for c in DISTRICTS if c not in ("leicester", "rutland")]

# Real places, each in its neighbourhood, with the right postcode outward code
# and an approximate centre. Venues are placed near the place but never more
# than 1.9 km from their neighbourhood's centre in areas.json.
# locality: (neighbourhood, city/town for the address, outward code, lat, lon)
PLACES = {
    "Leicester": ("leicester-central", "Leicester", "LE1", 52.6355, -1.1330),
    "Highfields": ("leicester-central", "Leicester", "LE2", 52.6310, -1.1170),
    "St Matthews": ("leicester-central", "Leicester", "LE1", 52.6390, -1.1220),
    "Clarendon Park": ("leicester-south", "Leicester", "LE2", 52.6150, -1.1230),
    "Aylestone": ("leicester-south", "Leicester", "LE2", 52.6030, -1.1500),
    "Saffron": ("leicester-south", "Leicester", "LE2", 52.6050, -1.1350),
    "Knighton": ("leicester-south", "Leicester", "LE2", 52.6100, -1.1180),
    "Beaumont Leys": ("leicester-north-west", "Leicester", "LE4", 52.6680, -1.1700),
    "Stocking Farm": ("leicester-north-west", "Leicester", "LE4", 52.6620, -1.1550),
    "Belgrave": ("leicester-north-east", "Leicester", "LE4", 52.6520, -1.1220),
    "Rushey Mead": ("leicester-north-east", "Leicester", "LE4", 52.6650, -1.1100),
    "Evington": ("leicester-east", "Leicester", "LE5", 52.6270, -1.0800),
    "Humberstone": ("leicester-east", "Leicester", "LE5", 52.6400, -1.0850),
    "Spinney Hills": ("leicester-east", "Leicester", "LE5", 52.6300, -1.1020),
    "Braunstone": ("leicester-west", "Leicester", "LE3", 52.6270, -1.1850),
    "New Parks": ("leicester-west", "Leicester", "LE3", 52.6400, -1.1800),
    "Westcotes": ("leicester-west", "Leicester", "LE3", 52.6280, -1.1600),
    "Glenfield": ("blaby-glenfield", "Glenfield", "LE3", 52.6430, -1.2030),
    "Braunstone Town": ("blaby-glenfield", "Braunstone Town", "LE3", 52.6180, -1.1900),
    "Narborough": ("blaby-narborough", "Narborough", "LE19", 52.5720, -1.2030),
    "Enderby": ("blaby-narborough", "Enderby", "LE19", 52.5900, -1.2100),
    "Blaby": ("blaby-narborough", "Blaby", "LE8", 52.5760, -1.1650),
    "Loughborough": ("charnwood-loughborough", "Loughborough", "LE11", 52.7720, -1.2060),
    "Shepshed": ("charnwood-north", "Shepshed", "LE12", 52.7680, -1.2940),
    "Syston": ("charnwood-soar-valley", "Syston", "LE7", 52.7000, -1.0770),
    "Birstall": ("charnwood-birstall", "Birstall", "LE4", 52.6750, -1.1250),
    "Market Harborough": (
        "harborough-market-harborough",
        "Market Harborough",
        "LE16",
        52.4780,
        -0.9210,
    ),
    "Lutterworth": ("harborough-lutterworth", "Lutterworth", "LE17", 52.4550, -1.2000),
    "Hinckley": ("hinckley-hinckley", "Hinckley", "LE10", 52.5410, -1.3730),
    "Burbage": ("hinckley-hinckley", "Burbage", "LE10", 52.5280, -1.3500),
    "Earl Shilton": ("hinckley-bosworth", "Earl Shilton", "LE9", 52.5770, -1.3140),
    "Market Bosworth": ("hinckley-bosworth", "Market Bosworth", "CV13", 52.6230, -1.4010),
    "Melton Mowbray": ("melton-mowbray", "Melton Mowbray", "LE13", 52.7660, -0.8870),
    "Asfordby": ("melton-rural", "Asfordby", "LE14", 52.7630, -0.9500),
    "Long Clawson": ("melton-rural", "Long Clawson", "LE14", 52.8330, -0.9300),
    "Coalville": ("nwl-coalville", "Coalville", "LE67", 52.7230, -1.3700),
    "Whitwick": ("nwl-coalville", "Whitwick", "LE67", 52.7420, -1.3550),
    "Ashby-de-la-Zouch": ("nwl-ashby", "Ashby-de-la-Zouch", "LE65", 52.7460, -1.4760),
    "Measham": ("nwl-ashby", "Measham", "DE12", 52.7060, -1.5090),
    "Castle Donington": ("nwl-castle-donington", "Castle Donington", "DE74", 52.8430, -1.3390),
    "Kegworth": ("nwl-castle-donington", "Kegworth", "DE74", 52.8340, -1.2770),
    "Oadby": ("oadby", "Oadby", "LE2", 52.6010, -1.0790),
    "Wigston": ("wigston", "Wigston", "LE18", 52.5850, -1.1040),
    "South Wigston": ("wigston", "South Wigston", "LE18", 52.5750, -1.1250),
    "Oakham": ("rutland-oakham", "Oakham", "LE15", 52.6700, -0.7280),
    "Uppingham": ("rutland-uppingham", "Uppingham", "LE15", 52.5870, -0.7220),
}
STATION_TOWNS = {
    "Leicester",
    "Loughborough",
    "Hinckley",
    "Market Harborough",
    "Melton Mowbray",
    "Oakham",
    "Narborough",
    "Syston",
    "South Wigston",
}

KM_PER_DEG_LAT = 111.2


def km_between(lat1, lon1, lat2, lon2):
    dy = (lat2 - lat1) * KM_PER_DEG_LAT
    dx = (lon2 - lon1) * KM_PER_DEG_LAT * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)


def place_coords(key, locality):
    """Coordinates near the locality, within 1.9 km of the neighbourhood centre."""
    hood_code, _city, _out, plat, plon = PLACES[locality]
    hood = HOODS[hood_code]
    r = rng("coords", key)
    cos = math.cos(math.radians(plat))
    # jitter of up to ~0.45 km around the place
    ang = r.uniform(0, 2 * math.pi)
    dist = r.uniform(0.05, 0.45)
    lat = plat + dist * math.sin(ang) / KM_PER_DEG_LAT
    lon = plon + dist * math.cos(ang) / (KM_PER_DEG_LAT * cos)
    d = km_between(hood["latitude"], hood["longitude"], lat, lon)
    limit = 1.9 - r.uniform(0, 0.3)
    if d > limit:
        f = limit / d
        lat = hood["latitude"] + (lat - hood["latitude"]) * f
        lon = hood["longitude"] + (lon - hood["longitude"]) * f
    return round(lat, 5), round(lon, 5)


POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def make_postcode(key, outward):
    r = rng("postcode", key)
    return f"{outward} {r.randint(1, 9)}{r.choice(POSTCODE_LETTERS)}{r.choice(POSTCODE_LETTERS)}"


# ---------------------------------------------------------------------------
# Phone numbers: Ofcom drama ranges only, handed out in a fixed shuffled order
# ---------------------------------------------------------------------------
PHONE_FORMATS = {
    "city": "0116 496 0{:03d}",  # Leicester drama range 0116 496 0000-0999
    "county": "01632 960{:03d}",  # fictitious "other areas" range 01632 960000-960999
    "free": "0808 157 0{:03d}",  # freephone drama range
    "mobile": "07700 900{:03d}",  # mobile drama range
}


class PhoneBook:
    def __init__(self):
        self.pools = {}
        for kind in PHONE_FORMATS:
            nums = list(range(1000))
            random.Random("phones-" + kind).shuffle(nums)
            self.pools[kind] = nums

    def take(self, kind):
        return PHONE_FORMATS[kind].format(self.pools[kind].pop())


PHONES = PhoneBook()

PHONE_PATTERNS = [
    re.compile(r"^0116 496 0\d{3}$"),
    re.compile(r"^01632 960\d{3}$"),
    re.compile(r"^0808 157 0\d{3}$"),
    re.compile(r"^07700 900\d{3}$"),
]


def phone_ok(num):
    return any(p.match(num) for p in PHONE_PATTERNS)


# ---------------------------------------------------------------------------
# People (fictional), with names that fit the communities a service works with
# ---------------------------------------------------------------------------
NAME_GROUPS = {
    "british": (
        (
            "Sarah Gary Julie Dave Margaret Siobhan Lorraine Paul Helen Chloe Daniel Rachel Jo Sam "
            "Leanne Tracey Rob Ian Graham Beverley Karen Steve Emma Lucy Mark Pete Claire Nicola "
            "Wendy Andy Jenny Tom Alison Carl Debbie Martin Hannah Gemma Neil Sue"
        ).split(),
        (
            "Walker Bradshaw Pickering Thornton Wilkes Dunmore Greaves Hurst Marsden Tandy Hollis "
            "Asher Kirk Brewin Cartwright Goodall Pywell Towers Measures Hames Orton Bramley "
            "Cooper Fenwick Lount Sharpe Whatton Paget Lacey Coltman"
        ).split(),
    ),
    "gujarati": (
        "Hitesh Bhavna Priya Rakesh Nisha Meena Sanjay Kiran Dipa Vijay Hema Jayesh".split(),
        "Patel Mistry Chauhan Lakhani Parmar Solanki Raval Pandya Thakrar".split(),
    ),
    "punjabi": (
        "Jaswinder Harpreet Amrit Gurpreet Manjit Balbir Rajinder Kuldip".split(),
        "Gill Sandhu Bains Dhillon Johal Sahota Virdee".split(),
    ),
    "muslim": (
        "Imran Farah Aisha Tariq Nasreen Yusuf Zainab Bilal Shabana Rizwan".split(),
        "Khan Hussain Ahmed Rahman Malik Iqbal Mirza Chowdhury".split(),
    ),
    "somali": (
        "Hodan Abdi Ayaan Mohamed Faduma Hassan Sahra Yasmin".split(),
        "Warsame Osman Jama Abdullahi Nur Elmi".split(),
    ),
    "polish": (
        "Kasia Tomasz Agnieszka Piotr Ewa Marek Magda Pawel".split(),
        "Nowak Mazur Krol Wojcik Lis Baran".split(),
    ),
    "tamil": (
        "Lakshmi Suresh Kavitha Niroshan Thevi Pradeep".split(),
        "Rajan Sivanesan Balachandran Thurairajah Kumaran".split(),
    ),
    "caribbean": (
        "Marcia Delroy Jermaine Simone Winston Nadine Everton Paulette".split(),
        "Campbell Grant Francis Mensah Oduya Bailey Edwards".split(),
    ),
}

CITY_MIX = [
    ("british", 35),
    ("gujarati", 20),
    ("punjabi", 10),
    ("muslim", 14),
    ("somali", 6),
    ("polish", 6),
    ("caribbean", 9),
]
COUNTY_MIX = [("british", 86), ("gujarati", 5), ("punjabi", 3), ("polish", 3), ("caribbean", 3)]
LANG_GROUP = {
    "so": "somali",
    "pl": "polish",
    "gu": "gujarati",
    "hi": "gujarati",
    "pa": "punjabi",
    "ur": "muslim",
    "bn": "muslim",
    "ar": "muslim",
    "ta": "tamil",
}


def person(key, district, langs=(), group=None):
    r = rng("person", key)
    for code in langs:
        if group is None and code in LANG_GROUP:
            group = LANG_GROUP[code]
    if group is None:
        mix = CITY_MIX if district == "leicester" else COUNTY_MIX
        group = r.choices([g for g, _ in mix], weights=[w for _, w in mix])[0]
    firsts, lasts = NAME_GROUPS[group]
    return r.choice(firsts), r.choice(lasts)


LANGUAGES = {
    "en": "English",
    "gu": "Gujarati",
    "pa": "Punjabi",
    "ur": "Urdu",
    "pl": "Polish",
    "so": "Somali",
    "ar": "Arabic",
    "bn": "Bengali",
    "hi": "Hindi",
    "ta": "Tamil",
    "bfi": "British Sign Language",
}

# ---------------------------------------------------------------------------
# The directory content. add_org() adds an organisation, add_service() a service.
# Schedules: "TU 10:00-12:00" (weekly, comma list of days), "M 1MO 19:00-21:00"
# (monthly, ordinal + day), optional " | description" and " @YYYY-MM-DD..YYYY-MM-DD".
# ---------------------------------------------------------------------------
ORG_SPECS = []
SERVICE_SPECS = []


def add_org(slug, name, desc, tel="city", web=True, mail=True):
    ORG_SPECS.append(dict(slug=slug, name=name, desc=desc, tel=tel, web=web, mail=mail))


def add_service(
    org,
    slug,
    name,
    summary,
    lead,
    needs,
    types,
    at,
    when,
    ref="SD",
    ages=(18, None),
    cost=None,
    langs=(),
    area=None,
    closed=None,
    desc=None,
    more=None,
    elig=None,
    note=None,
    tel=None,
    refdesc=None,
    acc=None,
    people=None,
):
    SERVICE_SPECS.append(
        dict(
            org=org,
            slug=slug,
            name=name,
            summary=summary,
            lead=lead,
            needs=list(needs),
            types=list(types),
            at=at,
            when=list(when),
            ref=ref,
            ages=ages,
            cost=cost,
            langs=list(langs),
            area=area,
            closed=closed,
            desc=desc,
            more=more,
            elig=elig,
            note=note,
            tel=tel,
            refdesc=refdesc,
            acc=acc,
            people=people,
        )
    )


WELLBEING_WALK = ["physical-activity", "wellbeing", "social-groups"]
ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"
WEEKDAYS = "MO,TU,WE,TH,FR"

# ===========================================================================
# LEICESTER CITY
# ===========================================================================
add_org(
    "lantern-trust",
    "The Lantern Trust",
    "We are a Leicester mental health charity. We run The Lantern crisis café every evening of the "
    "year and a weekly peer support group. Most of our team have lived experience of mental health "
    "crisis.",
)
add_service(
    "lantern-trust",
    "lantern-crisis-cafe",
    "The Lantern Crisis Café",
    "An evening drop-in for anyone 18+ who is struggling with their mental health. Open every "
    "night, no appointment needed.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe"],
    ("The Lantern", "27 Tannery Street", "Leicester"),
    [f"{ALL_DAYS} 18:00-23:00"],
    ref="SD",
    tel="own",
    desc="The Lantern is a calm, safe place to come in the evening if you're struggling with your "
    "mental health and don't know where else to turn. You don't need an appointment or a "
    "referral: just knock on the door and one of our team will welcome you. We'll make you a "
    "hot drink, find you a quiet corner and listen. Our staff and peer workers can help you "
    "make a plan to get through the night and link you with other support the next day. We're "
    "open every evening of the year, including Christmas Day, as a safe alternative to A&E.",
    note="Open 365 days a year. The last person is let in at 10.30pm.",
)
add_service(
    "lantern-trust",
    "lantern-peer-support-group",
    "Lantern Wednesday Peer Support Group",
    "A friendly afternoon group where people with lived experience of mental ill health support "
    "each other.",
    "Every Wednesday afternoon we get together upstairs at The Lantern to share what's helping, "
    "what isn't, and to be with people who get it.",
    ["wellbeing", "social-groups"],
    ["peer-support"],
    ("The Lantern", "27 Tannery Street", "Leicester"),
    ["WE 14:00-16:00"],
    ref="SD",
    cost=("Per session", 0.5, "50p for tea and biscuits, if you can"),
)

add_org(
    "night-owls-evington",
    "Night Owls Evington CIC",
    "A community interest company set up by Evington residents who wanted somewhere safe and warm "
    "to go late at night when mental health is at its worst.",
)
add_service(
    "night-owls-evington",
    "night-owls-crisis-cafe",
    "Night Owls Late-Night Crisis Café",
    "A late-night crisis café in Evington, open until 1am Thursday to Saturday. Free, and you can "
    "just walk in.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe", "peer-support"],
    ("Night Owls Café", "3 Copse Parade, Wykeham Lane", "Evington"),
    ["TH,FR,SA 19:00-01:00"],
    tel="own",
    desc="Night Owls is a late-night crisis café for when things feel too much and the evening "
    "seems very long. We're open until 1am on Thursdays, Fridays and Saturdays, when most "
    "other places are closed. Drop in for a cup of tea, a quiet sit-down or a proper talk "
    "with someone who understands; some of our team have been through a crisis themselves. We "
    "won't judge you and we won't rush you. It's free, and you don't need to have been "
    "referred.",
)

add_org(
    "braunstone-front-room",
    "The Front Room Braunstone",
    "A neighbourhood wellbeing project on the Braunstone estate. We run an evening crisis café and "
    "a community kitchen, and we're always happy to point people in the right direction.",
)
add_service(
    "braunstone-front-room",
    "front-room-crisis-cafe",
    "The Front Room Evening Crisis Café",
    "A comfy, welcoming evening space in Braunstone for adults who feel overwhelmed, anxious or "
    "low. Mon, Wed and Fri from 5pm.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe"],
    ("The Front Room", "88 Cottesmore Drive", "Braunstone"),
    ["MO,WE,FR 17:00-22:00"],
    tel="own",
    desc="The Front Room is just what it sounds like: a comfy living room in the middle of "
    "Braunstone where you can come when you're feeling overwhelmed, anxious or low. We open "
    "early in the evening, from 5pm, so you can call in on your way home. Talk to a trained "
    "support worker in private, or sit with others over a hot meal that's cooked fresh each "
    "night. We can help you think about what might help tonight and who could help tomorrow.",
)
add_service(
    "braunstone-front-room",
    "front-room-cook-and-eat",
    "Cook and Eat at The Front Room",
    "Learn to cook cheap, tasty meals together, then sit down and eat them. £1 a session.",
    "Our Tuesday cook-and-eat session is all about simple meals you can make for under £1 a "
    "portion, whether you've got a full kitchen or just a microwave and a slow cooker.",
    ["healthy-eating", "food-support"],
    ["vcs-group"],
    ("The Front Room", "88 Cottesmore Drive", "Braunstone"),
    ["TU 11:00-13:30"],
    ref="SD",
    cost=("Per session", 1.0, "£1 a session, including lunch"),
    more="Everyone takes home a recipe card and, when we have it, a bag of ingredients to try it "
    "again at home.",
)

add_org(
    "harbour-lights-belgrave",
    "Harbour Lights Belgrave",
    "A multilingual mental health charity in Belgrave working with South Asian communities across "
    "Leicester. Our staff and volunteers speak Gujarati, Punjabi, Hindi and Urdu.",
)
add_service(
    "harbour-lights-belgrave",
    "harbour-lights-crisis-cafe",
    "Harbour Lights Crisis Café",
    "An evening crisis café in Belgrave with staff who speak Gujarati, Punjabi, Hindi and Urdu. "
    "Tue, Thu and Sun.",
    None,
    ["wellbeing", "loneliness-and-isolation", "faith-and-culture"],
    ["crisis-cafe"],
    ("Harbour Lights Centre", "140 Marigold Road", "Belgrave"),
    ["TU,TH,SU 18:00-23:00"],
    tel="own",
    langs=["gu", "pa", "hi", "ur"],
    desc="Harbour Lights is an evening crisis café in Belgrave for anyone who is struggling, "
    "whatever your background. Our team speaks Gujarati, Punjabi, Hindi and Urdu as well as "
    "English, so you can talk in the language you feel most comfortable in. We know that in "
    "some families it's hard to talk about mental health, and everything you tell us is "
    "confidential. Come in for chai and a chat, or ask to talk privately. No referral is "
    "needed.",
)
add_service(
    "harbour-lights-belgrave",
    "harbour-lights-carers-circle",
    "Harbour Lights Family Carers' Circle",
    "A monthly support group for South Asian families caring for someone with a mental illness.",
    "Looking after a son, daughter, husband or parent who is mentally unwell can be exhausting and "
    "lonely, and it can feel impossible to talk about outside the family. Our carers' circle is a "
    "private space to do just that, in your own language.",
    ["carers", "family-support"],
    ["peer-support"],
    ("Harbour Lights Centre", "140 Marigold Road", "Belgrave"),
    ["M 2SA 11:00-13:00"],
    ref="SD",
    langs=["gu", "pa", "hi", "ur"],
    elig="Family members and friends caring for someone with a mental health problem.",
)

add_org(
    "nightlight-youth",
    "Nightlight Youth Mental Health",
    "A youth charity supporting young people aged 11 to 25 in Leicester, Leicestershire and "
    "Rutland with their mental health, through a crisis café, online chat and small groups.",
)
add_service(
    "nightlight-youth",
    "nightlight-youth-crisis-cafe",
    "Nightlight Youth Crisis Café (16-25)",
    "A crisis café just for young people aged 16 to 25, with youth workers and peer mentors. Drop "
    "in, it's free.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe", "peer-support"],
    ("Nightlight Youth Space", "9 Lorne Terrace, Queens Road", "Clarendon Park"),
    ["TU,TH,SA 17:00-22:00"],
    ages=(16, 25),
    tel="own",
    area=["leicester", "oadby-and-wigston", "blaby"],
    desc="Nightlight is a crisis café just for young people aged 16 to 25. If you're feeling "
    "overwhelmed, panicky, or like you can't keep yourself safe, you can come and talk to our "
    "youth workers and peer mentors, who are only a few years older than you. There's food, "
    "games, music and quiet spaces, and you can bring a friend. We won't contact your "
    "parents, college or university unless we're worried you're in danger, and we'll always "
    "talk to you first. It's free, and you can just turn up.",
)
add_service(
    "nightlight-youth",
    "nightlight-online-chat",
    "Nightlight Online Chat for 11 to 18s",
    "Free online chat with a trained youth worker for young people aged 11 to 18, every evening.",
    None,
    ["wellbeing", "telephone-friendship"],
    ["helpline"],
    None,
    [f"{ALL_DAYS} 17:00-22:00"],
    ages=(11, 18),
    area=["llr"],
    tel="free",
    desc="If you're 11 to 18 and something is worrying you, whether it's exams, friendships, home, "
    "self-harm or just feeling rubbish, you can chat to one of our youth workers online. You "
    "don't have to give your real name, and nobody else will see what you write. We won't "
    "tell your parents or school unless we think you're in danger, and we'd always try to "
    "talk to you first. It's free and open every evening.",
    refdesc="Go to https://example.org/nightlight-youth/chat and click 'Start a chat', or text the "
    "number on this page. You don't need a referral.",
)
add_service(
    "nightlight-youth",
    "nightlight-worry-less-group",
    "Worry Less: Group for Anxious Teens",
    "A six-week small group for 13 to 17 year olds who feel anxious a lot of the time. Referral "
    "from school or CAMHS.",
    "Our Worry Less course helps teenagers understand what anxiety is doing in their body and try "
    "out practical ways to manage it, alongside other young people who feel the same.",
    ["wellbeing", "learning"],
    ["vcs-group"],
    ("Nightlight Youth Space", "9 Lorne Terrace, Queens Road", "Clarendon Park"),
    ["WE 16:30-18:00 | Six-week course @2027-01-13..2027-02-17"],
    ref="P",
    ages=(13, 17),
    more="Parents are invited to a short session at the end of the course.",
)

add_org(
    "leicester-money-advice",
    "Leicester Money Advice Centre",
    "An independent advice charity helping people in Leicester with benefits, debt, bills and "
    "money worries. Our advice is free, confidential and impartial, and we have advisers who speak "
    "several community languages.",
)
add_service(
    "leicester-money-advice",
    "lmac-benefits-drop-in",
    "Benefits Advice Drop-in",
    "Free help with universal credit, PIP, council tax support and benefit forms. Drop in Tuesdays "
    "and Thursdays.",
    "Come to our drop-in for help with any benefit, from universal credit and PIP to council tax "
    "support and housing benefit. We can check what you're entitled to and help with forms, "
    "sanctions and appeals.",
    ["benefits-advice", "benefits-and-money"],
    ["advice-service"],
    ("Money Advice Centre", "Ground floor, Cobden House, 41 Cobden Row", "Leicester"),
    ["TU 10:00-12:00", "TU 14:00-16:00", "TH 10:00-12:00", "TH 14:00-16:00"],
    ref="SD",
    langs=["gu", "pa", "ur", "so", "pl"],
    note="Arrive early: we see people in the order they arrive.",
    acc=["Step-free access", "Accessible toilet", "Hearing loop", "On a bus route"],
)
add_service(
    "leicester-money-advice",
    "lmac-debt-advice",
    "Debt Advice Appointments",
    "One-to-one debt advice: rent and council tax arrears, bailiffs, loans and credit cards. Book "
    "an appointment.",
    "If debts are getting on top of you, our debt advisers can help you work out a budget, deal "
    "with bailiffs and people you owe, and look at options like a Debt Relief Order or a breathing "
    "space.",
    ["debt-advice", "benefits-and-money"],
    ["advice-service"],
    ("Money Advice Centre", "Ground floor, Cobden House, 41 Cobden Row", "Leicester"),
    [f"{WEEKDAYS} 09:30-16:30 | By appointment"],
    ref="SP",
    langs=["gu", "pa", "ur"],
    more="If you are in a mental health crisis, we can ask creditors to pause action while you get "
    "better.",
)
add_service(
    "leicester-money-advice",
    "lmac-uc-help-beaumont-leys",
    "Universal Credit Help at Beaumont Leys",
    "Help to claim and manage universal credit, including your online journal. Thursdays at "
    "Beaumont Leys.",
    "Every Thursday morning one of our advisers sets up in the community room at Beaumont Leys to "
    "help people make a universal credit claim, sort out problems with payments, and keep on top "
    "of the online journal.",
    ["benefits-advice", "employment-support"],
    ["advice-service"],
    ("Leys Community Library", "Stokeswood Lane", "Beaumont Leys"),
    ["TH 09:30-12:30"],
    ref="SD",
    area=["leicester-north-west"],
    more="Bring your phone or login details if you have them.",
)
add_service(
    "leicester-money-advice",
    "lmac-energy-advice",
    "Warm Home and Energy Bills Advice",
    "Help with energy debts, prepayment meters, cheaper tariffs and grants to keep your home warm.",
    "Worried about your gas and electric? Our energy adviser can talk to your supplier, help you "
    "apply for grants and hardship funds, and look at ways to cut your bills.",
    ["bills-and-energy", "debt-advice"],
    ["advice-service"],
    ("Evington Community Centre", "Paddock Street", "Evington"),
    ["M 1WE 10:00-13:00", "M 3WE 10:00-13:00"],
    ref="SD",
    langs=["gu", "ur"],
)

add_org(
    "highfields-community-larder",
    "Highfields Community Larder",
    "A members' food club run by volunteers in Highfields. We rescue good food that would "
    "otherwise be wasted and share it with local families for a small weekly fee.",
    tel=None,
)
add_service(
    "highfields-community-larder",
    "highfields-larder",
    "Highfields Community Larder",
    "Choose about £15 of food and essentials for £3.50 a week. Open to anyone living in or near "
    "Highfields.",
    "Our larder works like a small shop: members pay £3.50 and choose around £15 worth of fresh "
    "fruit and veg, tins, bread and toiletries.",
    ["food-support", "benefits-and-money"],
    ["vcs-group"],
    ("Highfields Larder, St Anne's Church Hall", "Melrose Street", "Highfields"),
    ["TH 16:00-18:00", "SA 10:00-12:00"],
    ref="SD",
    ages=(None, None),
    cost=("Weekly", 3.5, "£3.50 a visit"),
    langs=["so", "ur", "gu"],
    tel="mobile",
    elig="Anyone living in Highfields, St Matthews or nearby.",
    more="We usually have halal and vegetarian options.",
)

add_org(
    "new-parks-pantry",
    "New Parks Neighbourhood Pantry",
    "A neighbourhood pantry on the New Parks estate, run with the local tenants' association.",
    tel=None,
)
add_service(
    "new-parks-pantry",
    "new-parks-pantry",
    "New Parks Pantry",
    "A low-cost food pantry: £4 a week for around £20 of shopping, plus a warm drink and a chat.",
    "Join the pantry for £4 a week and fill a bag with around £20 of food, including fresh bread, "
    "fruit, frozen meat and store-cupboard basics.",
    ["food-support", "social-groups"],
    ["vcs-group"],
    ("New Parks Tenants' Hall", "Bramble Way", "New Parks"),
    ["TU 12:00-14:00", "FR 12:00-14:00"],
    ages=(None, None),
    cost=("Weekly", 4.0, "£4 a week"),
    tel="mobile",
    more="There's always tea on and a few people stopping for a chat, so don't rush off.",
)

add_org(
    "evington-valley-food-bank",
    "Evington Valley Food Bank",
    "An independent food bank supported by local churches, mosques and gurdwaras, giving emergency "
    "food parcels to people referred by local agencies.",
)
add_service(
    "evington-valley-food-bank",
    "evington-valley-food-parcels",
    "Emergency Food Parcels",
    "Three days of emergency food for people in crisis, with a voucher from a referring agency "
    "such as your GP or advice centre.",
    "We give out emergency food parcels with three days of nutritious food for you and your "
    "family.",
    ["food-support", "benefits-and-money"],
    ["vcs-group"],
    ("Evington Valley Food Bank", "Unit 4, Linwood Yard, Malabar Road", "Spinney Hills"),
    ["MO,WE,FR 12:00-14:30"],
    ref="P",
    ages=(None, None),
    langs=["gu", "ur", "pa"],
    more="Our volunteers can also put you in touch with benefits and debt advice so you don't need "
    "us again.",
    refdesc="You need a food bank voucher. Ask your GP surgery, health visitor, social worker, "
    "mental health team, advice centre or housing officer. They can issue an e-voucher to "
    "us on the same day.",
)

add_org(
    "workwise-leicester",
    "WorkWise Leicester",
    "We help people with mental health problems find and keep paid work that suits them, working "
    "alongside NHS mental health teams.",
)
add_service(
    "workwise-leicester",
    "workwise-employment-specialists",
    "Employment Support for People Using Mental Health Services",
    "One-to-one help to find paid work, with an employment specialist who works alongside your "
    "mental health team.",
    "Our employment specialists work with you to find a job that fits your skills and your health, "
    "and keep supporting you and your employer once you start.",
    ["employment-support"],
    ["advice-service"],
    ("WorkWise Leicester", "Suite 3, Hosiery Buildings, 17 Vaughan Way Yard", "Leicester"),
    [f"{WEEKDAYS} 09:00-17:00 | By appointment"],
    ref="P",
    elig="Adults aged 18 and over who are open to a secondary mental health team in Leicester.",
    more="We can help with CVs, interviews, disclosure and what working will mean for your "
    "benefits.",
)
add_service(
    "workwise-leicester",
    "workwise-job-club",
    "Rushey Mead Job Club",
    "A relaxed weekly job club: help with CVs, applications and interviews, with free computers "
    "and printing.",
    "Drop in to our job club for help writing a CV, searching and applying for jobs, or practising "
    "for an interview.",
    ["employment-support", "learning"],
    ["vcs-group"],
    ("Rushey Mead Library", "Lockerbie Walk", "Rushey Mead"),
    ["WE 10:00-12:30"],
    ref="SD",
    ages=(16, None),
    langs=["gu", "hi"],
    more="We've got computers you can use and we can print your CV for free.",
)

add_org(
    "horn-of-africa-family-advice",
    "Horn of Africa Family Advice Centre",
    "A community advice centre in St Matthews run by and for Somali, Sudanese and Eritrean "
    "families in Leicester.",
)
add_service(
    "horn-of-africa-family-advice",
    "hafac-advice-drop-in",
    "Somali and Arabic Advice Drop-in",
    "Help with benefits, housing, letters and forms in Somali, Arabic and English. Drop in on "
    "Mondays and Thursdays.",
    "Our advisers help families with benefits, housing problems, school admissions and official "
    "letters, in Somali, Arabic and English.",
    ["benefits-advice", "housing-advice", "faith-and-culture"],
    ["advice-service"],
    ("Horn of Africa Family Advice Centre", "6 Carlow Street", "St Matthews"),
    ["MO 10:00-14:00", "TH 10:00-14:00"],
    ages=(None, None),
    langs=["so", "ar"],
)
add_service(
    "horn-of-africa-family-advice",
    "hafac-womens-wellbeing",
    "Somali Women's Wellbeing Morning",
    "A weekly women-only morning of tea, conversation and gentle exercise, in Somali and English.",
    "Every Friday morning our women's group meets for shaah, conversation and gentle stretching, "
    "with a short talk most weeks about health, wellbeing or services in Leicester.",
    ["wellbeing", "social-groups", "faith-and-culture"],
    ["vcs-group"],
    ("Horn of Africa Family Advice Centre", "6 Carlow Street", "St Matthews"),
    ["FR 10:00-12:00"],
    langs=["so", "ar"],
    elig="Women aged 18 and over.",
    more="Children under school age can come with you.",
    cost=("Per session", 1.0, "£1 a session"),
)

add_org(
    "polski-punkt-leicester",
    "Polski Punkt Leicester",
    "Polish Point: a volunteer-run information point and social club for Polish and Central "
    "European people living in Leicester.",
    tel=None,
)
add_service(
    "polski-punkt-leicester",
    "polski-punkt-advice",
    "Polish Language Advice Sessions",
    "Help in Polish with benefits, work, housing and letters from the council or DWP.",
    "Our trained volunteers help with understanding letters, settled status, universal credit, "
    "work rights and housing, in Polish or English.",
    ["benefits-advice", "employment-support", "housing-advice"],
    ["advice-service"],
    ("Polish Social Club", "22 Hinckley Mews, Narborough Road", "Westcotes"),
    ["SA 10:00-13:00"],
    ages=(None, None),
    langs=["pl"],
    tel="mobile",
)
add_service(
    "polski-punkt-leicester",
    "polski-punkt-social",
    "Polish Coffee and Cake Social",
    "A monthly social for Polish speakers: coffee, cake, conversation and news about local "
    "support.",
    "Once a month we open the club for an afternoon of coffee, homemade cake and conversation. "
    "It's a good way to meet people if you're new to Leicester or feeling a long way from home.",
    ["social-groups", "faith-and-culture"],
    ["vcs-group"],
    ("Polish Social Club", "22 Hinckley Mews, Narborough Road", "Westcotes"),
    ["M -1SU 14:00-17:00"],
    ages=(None, None),
    langs=["pl"],
    cost=("Per visit", 2.0, "£2 for coffee and cake, if you can"),
    tel="mobile",
)

add_org(
    "leicester-tenants-advice",
    "Leicester Tenants' Advice Project",
    "Free, independent housing advice for tenants in Leicester, whether you rent from the council, "
    "a housing association or a private landlord.",
)
add_service(
    "leicester-tenants-advice",
    "ltap-housing-advice",
    "Housing Advice and Eviction Help",
    "Free advice if you're facing eviction, rent arrears, disrepair or problems with your "
    "landlord.",
    "If you've had an eviction notice, your landlord is threatening you, or your home is damp and "
    "falling apart, come and talk to us. We know the law and we can often stop an eviction if we "
    "act quickly.",
    ["housing-advice", "housing", "debt-advice"],
    ["advice-service"],
    ("Tenants' Advice Project", "First floor, 5 Chapel Yard, Humberstone Gate", "Leicester"),
    ["MO 10:00-13:00", "TH 10:00-13:00"],
    ref="SD",
    langs=["gu", "ur", "so"],
    acc=["Lift to all floors", "Accessible toilet", "On a bus route"],
)
add_service(
    "leicester-tenants-advice",
    "ltap-court-desk",
    "Possession Court Help Desk",
    "Same-day help if you have a possession hearing at court. Ring us as soon as you get court "
    "papers.",
    "If your landlord has taken you to court to get your home back, we may be able to help on the "
    "day of the hearing. Ring us as soon as you get the court papers so we can prepare.",
    ["housing-advice", "homelessness"],
    ["advice-service"],
    None,
    [f"{WEEKDAYS} 09:30-16:30 | Phone line"],
    ref="S",
    area=["leicester", "blaby", "oadby-and-wigston"],
    refdesc="Ring the advice line and say you have a court hearing. Bring your court papers with "
    "you on the day.",
)

add_org(
    "anchor-day-centre",
    "The Anchor Day Centre",
    "A day centre for people who are homeless, sleeping rough or in insecure housing in Leicester. "
    "We offer breakfast, showers, laundry, a post address and help to find somewhere to live.",
)
add_service(
    "anchor-day-centre",
    "anchor-day-centre-drop-in",
    "The Anchor Breakfast and Drop-in",
    "Free breakfast, hot showers, laundry and housing help for people who are homeless or sleeping "
    "rough.",
    "Come in for a free cooked breakfast, a hot shower, clean clothes and a place to warm up. Our "
    "housing workers can help you get off the streets, register with a GP and sort out ID.",
    ["homelessness", "food-support"],
    ["vcs-group", "advice-service"],
    ("The Anchor", "2 Ropewalk", "Leicester"),
    [f"{WEEKDAYS} 08:00-11:30"],
    more="Dogs are welcome and we have a kennel area.",
    acc=["Step-free access", "Accessible toilet", "On a bus route"],
)
add_service(
    "anchor-day-centre",
    "anchor-winter-night-shelter",
    "Anchor Winter Night Shelter",
    "Emergency beds through the coldest months for people sleeping rough. Referral through the "
    "street outreach team.",
    "Each winter we open an emergency night shelter with 20 camp beds, an evening meal and "
    "breakfast, in a church hall close to the day centre.",
    ["homelessness"],
    ["vcs-group"],
    ("St Barnabas Hall", "Wharfside Lane", "Leicester"),
    [f"{ALL_DAYS} 19:30-08:00 @2026-12-01..2027-03-31"],
    ref="P",
    closed="Closed for the summer. The shelter opens again on 1 December.",
    refdesc="Places are booked by the street outreach team or the council's housing options "
    "service. If you are sleeping rough, come to the Anchor drop-in in the morning and we "
    "will refer you.",
)

add_org(
    "steady-steps-tenancy-support",
    "Steady Steps Tenancy Support",
    "We help people with mental health problems or learning disabilities to settle into a new home "
    "and keep their tenancy.",
)
add_service(
    "steady-steps-tenancy-support",
    "steady-steps-tenancy-support",
    "Tenancy Support for Adults with Mental Health Needs",
    "Visits at home to help you keep your tenancy: bills, rent, repairs, neighbours and making "
    "your home your own.",
    "Our support workers visit you at home, usually once a week, to help you manage rent, bills "
    "and repairs, deal with letters and get settled in your community.",
    ["tenancy-support", "housing"],
    ["advice-service"],
    None,
    [f"{WEEKDAYS} 09:00-17:00 | Home visits"],
    ref="P",
    area=["leicester"],
    elig="Adults aged 18 and over with a mental health problem or learning disability who have, or "
    "are about to get, a tenancy in Leicester.",
    more="Support usually lasts up to six months and can be longer if you need it.",
)

add_org(
    "step-up-young-housing",
    "Step Up Young People's Housing",
    "Housing advice and supported lodgings for young people aged 16 to 25 in Leicester and "
    "Leicestershire.",
)
add_service(
    "step-up-young-housing",
    "step-up-housing-advice",
    "Young People's Housing Advice",
    "For 16 to 25 year olds who are homeless, sofa surfing or can't stay at home. Drop in or ring.",
    "If you're 16 to 25 and you've been asked to leave home, you're sofa surfing, or it isn't safe "
    "to stay where you are, talk to us.",
    ["homelessness", "housing-advice"],
    ["advice-service"],
    ("Step Up Hub", "31 Mill Race Street", "Leicester"),
    ["MO,WE,FR 10:00-16:00"],
    ages=(16, 25),
    area=["leicester", *LEICS_DISTRICTS],
    more="We can help you find somewhere safe tonight and work out a longer-term plan with you.",
)

add_org(
    "good-neighbours-leicester",
    "Good Neighbours Leicester",
    "A befriending charity matching volunteers with people in Leicester who feel lonely or cut "
    "off.",
)
add_service(
    "good-neighbours-leicester",
    "good-neighbours-befriending",
    "Home Befriending",
    "A friendly volunteer visits you at home each week for a chat, a cuppa or a walk to the shops.",
    "We match you with a volunteer befriender who visits once a week, for an hour or so. You might "
    "chat over a cuppa, play cards, go for a short walk or pop to the shops together.",
    ["befriending", "loneliness-and-isolation"],
    ["vcs-group"],
    None,
    [f"{WEEKDAYS} 09:00-17:00 | Office hours for enquiries"],
    ref="SP",
    area=["leicester"],
    more="There can be a short wait while we find the right volunteer for you.",
)
add_service(
    "good-neighbours-leicester",
    "good-neighbours-knit-and-natter",
    "Knit and Natter at Knighton",
    "A weekly knitting and chat group. Beginners welcome and wool provided.",
    "Bring your knitting, crochet or sewing, or borrow some needles and we'll teach you. We make "
    "blankets and hats for the neonatal unit, but mostly we natter.",
    ["arts-and-crafts", "social-groups"],
    ["vcs-group"],
    ("Knighton Free Church Hall", "Orchard Rise", "Knighton"),
    ["MO 13:30-15:30"],
    cost=("Per session", 1.5, "£1.50 including tea and biscuits"),
)

add_org(
    "aylestone-tuesday-club",
    "Aylestone Tuesday Club",
    "A social club for older people in Aylestone, running since 1987.",
    tel=None,
    web=False,
)
add_service(
    "aylestone-tuesday-club",
    "aylestone-tuesday-club",
    "Aylestone Tuesday Club",
    "Tea, cake, bingo and good company for people aged 65 and over in Aylestone.",
    "We're a cheerful bunch of older people who meet every Tuesday afternoon for tea, cake, a game "
    "of bingo and the occasional outing to the seaside.",
    ["social-groups", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Aylestone Memorial Hall", "Beacon Road", "Aylestone"),
    ["TU 13:30-15:30"],
    ages=(65, None),
    cost=("Per session", 2.0, "£2 including tea and cake"),
    tel="mobile",
    closed="Closed until January while the hall is refurbished. We're back on Tuesday 12 January.",
)

add_org(
    "saffron-mens-shed",
    "Saffron Men's Shed",
    "A community workshop where men (and a few women) make, mend and chat.",
    tel=None,
)
add_service(
    "saffron-mens-shed",
    "saffron-mens-shed",
    "Saffron Men's Shed",
    "A workshop where people make, mend and chat. Woodwork, bike repair and a brew.",
    "Our shed is a fully equipped workshop where members fix bikes, build bird boxes and planters "
    "for local schools, and put the world to rights over a mug of tea.",
    ["social-groups", "arts-and-crafts", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Saffron Shed", "Unit 2, Tamar Road Workshops", "Saffron"),
    ["WE 10:00-15:00", "FR 10:00-15:00"],
    cost=("Per visit", 2.0, "£2 a visit, first visit free"),
    tel="mobile",
    more="You don't need any skills, just a willingness to have a go. Safety boots and goggles are "
    "provided.",
)

add_org(
    "shanti-elders",
    "Shanti Elders' Day Centre",
    "A day centre for older South Asian people in Leicester, offering company, activities, a hot "
    "vegetarian lunch and support in Gujarati, Hindi and Punjabi.",
)
add_service(
    "shanti-elders",
    "shanti-elders-day-centre",
    "Shanti Elders' Day Centre",
    "Company, activities and a hot vegetarian lunch for South Asian elders aged 60+. Transport "
    "available.",
    "Our day centre is a home from home for older people from Leicester's South Asian communities. "
    "We play carrom, do chair exercise and bhajans, celebrate festivals together and share a hot "
    "vegetarian lunch.",
    ["social-groups", "loneliness-and-isolation", "faith-and-culture"],
    ["vcs-group"],
    ("Shanti Centre", "58 Wyvern Avenue", "Belgrave"),
    ["MO,WE,FR 10:00-15:00"],
    ref="P",
    ages=(60, None),
    refdesc="Places are arranged through a referral from a GP, social worker, social prescriber or "
    "mental health team, so we can plan transport and any care needs. Families can ring us "
    "to talk it through first.",
    cost=("Per day", 5.0, "£5 a day including lunch; transport £2 each way"),
    langs=["gu", "hi", "pa"],
    acc=["Step-free access", "Accessible toilet", "Hearing loop", "Parking nearby"],
)
add_service(
    "shanti-elders",
    "shanti-chair-yoga",
    "Gentle Chair Yoga for Elders",
    "Gentle yoga and breathing on a chair, taught in Gujarati and Hindi. For people aged 60 and "
    "over.",
    "Our chair yoga class is slow and gentle, with breathing and stretching you can do sitting "
    "down or holding the back of a chair.",
    ["physical-activity", "wellbeing"],
    ["vcs-group"],
    ("Shanti Centre", "58 Wyvern Avenue", "Belgrave"),
    ["TU 10:30-11:30"],
    ages=(60, None),
    cost=("Per class", 2.0, "£2 a class"),
    langs=["gu", "hi"],
)

add_org(
    "rainbow-tea-room",
    "Rainbow Tea Room Leicester",
    "A volunteer-run social group for LGBTQ+ people in Leicester and Leicestershire.",
    tel=None,
)
add_service(
    "rainbow-tea-room",
    "rainbow-tea-room",
    "Rainbow Tea Room",
    "A monthly afternoon tea for LGBTQ+ adults of all ages. Friendly, relaxed and alcohol-free.",
    "Once a month we take over a café in the city centre for tea, cake and conversation. We "
    "started the tea room because most LGBTQ+ social life happens in bars, and not everyone wants "
    "that.",
    ["social-groups", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Bookbinders Café", "14 Silver Arcade Walk", "Leicester"),
    ["M 2SA 14:00-16:30"],
    cost=("Per visit", 3.0, "£3 for tea and cake, free if you're skint"),
    tel="mobile",
    area=["llr"],
)

add_org(
    "leicester-deaf-social-club",
    "Leicester Deaf Social Club",
    "A social club run by and for Deaf people in Leicester, in British Sign Language.",
    tel=None,
)
add_service(
    "leicester-deaf-social-club",
    "deaf-social-club-evening",
    "Deaf Social Evening",
    "A monthly social evening in British Sign Language: games, quiz, news and a chance to catch "
    "up.",
    "On the first Friday of every month Deaf people and signers from across the county come "
    "together for a quiz, games and plenty of conversation.",
    ["social-groups", "faith-and-culture"],
    ["vcs-group"],
    ("Deaf Community Rooms", "10 Greyfriars Court", "Leicester"),
    ["M 1FR 18:30-21:30"],
    ages=(None, None),
    langs=["bfi"],
    tel="mobile",
    area=["llr"],
    cost=("Per evening", 2.0, "£2 on the door"),
    more="Hearing people who are learning to sign are welcome too.",
    refdesc="Just come along. To contact us, text or video call the coordinator's mobile, or email "
    "us.",
)

add_org(
    "sakhi-womens-circle",
    "Sakhi Women's Circle",
    "A women's group in Highfields for South Asian women, offering friendship, crafts, English "
    "practice and wellbeing sessions.",
    tel=None,
)
add_service(
    "sakhi-womens-circle",
    "sakhi-sewing-and-chat",
    "Sakhi Sewing and Chat",
    "A weekly women's sewing and conversation group in Gujarati, Punjabi, Urdu, Hindi and Bengali.",
    "Every Thursday women of all ages meet to sew, embroider and chat in whichever language they "
    "like. Some come to learn a new skill, and many come for the friendship.",
    ["arts-and-crafts", "social-groups", "faith-and-culture"],
    ["vcs-group"],
    ("Highfields Women's Centre", "19 Dunmore Street", "Highfields"),
    ["TH 10:30-12:30"],
    langs=["gu", "pa", "ur", "hi", "bn"],
    elig="Women aged 18 and over.",
    tel="mobile",
    cost=("Per session", 1.0, "£1 a week towards fabric and thread"),
    more="There's a crèche in the next room for under-fives.",
)
add_service(
    "sakhi-womens-circle",
    "sakhi-english-conversation",
    "Sakhi English Conversation Café",
    "Practise speaking English in a friendly, women-only group. All levels welcome.",
    "Our conversation café helps women grow confident speaking English for everyday things like "
    "the doctor, the school gate or the bus.",
    ["learning", "social-groups"],
    ["vcs-group"],
    ("Highfields Women's Centre", "19 Dunmore Street", "Highfields"),
    ["MO 13:00-14:30"],
    langs=["gu", "pa", "ur", "bn"],
    elig="Women aged 18 and over.",
    tel="mobile",
)

add_org(
    "clearwater-recovery",
    "Clearwater Recovery Leicester",
    "The drug and alcohol recovery service for Leicester, offering assessment, treatment, recovery "
    "groups and support for families.",
)
add_service(
    "clearwater-recovery",
    "clearwater-assessment",
    "Drug and Alcohol Advice and Assessment",
    "Worried about your drinking or drug use? Free, confidential advice, assessment and treatment "
    "in Leicester.",
    "Whether you're drinking more than you'd like, using drugs, or want to come off prescription "
    "medication, we can help. You'll see a recovery worker who will talk through your options, "
    "from cutting down safely to detox and rehab.",
    ["alcohol", "drugs", "addiction"],
    ["advice-service"],
    ("Clearwater Recovery Hub", "64 Sedgewick Street", "Leicester"),
    [f"{WEEKDAYS} 09:00-17:00", "TH 17:00-19:00 | Late opening"],
    ref="SPD",
    langs=["pl", "pa", "ur"],
    more="Don't stop drinking suddenly if you drink heavily every day, as it can be dangerous. "
    "Talk to us or your GP first.",
)
add_service(
    "clearwater-recovery",
    "clearwater-mutual-aid",
    "Wednesday Evening Recovery Group",
    "A peer-led mutual aid group for people recovering from drink or drug problems.",
    "Our Wednesday group is run by people in recovery, for people in recovery. We use practical "
    "tools to deal with cravings, slips and the ups and downs of staying sober.",
    ["alcohol", "drugs"],
    ["peer-support"],
    ("Clearwater Recovery Hub", "64 Sedgewick Street", "Leicester"),
    ["WE 18:00-19:30"],
    ref="SD",
)
add_service(
    "clearwater-recovery",
    "clearwater-families",
    "Family and Friends Support Group",
    "A monthly group for people affected by someone else's drinking or drug use.",
    "When someone you love is drinking or using drugs, it affects the whole family. Our group is "
    "for parents, partners, children and friends to get support for themselves.",
    ["family-support", "alcohol", "drugs"],
    ["peer-support"],
    ("Clearwater Recovery Hub", "64 Sedgewick Street", "Leicester"),
    ["M -1TH 18:30-20:30"],
    ref="SD",
    elig="Adults affected by a family member's or friend's drinking or drug use.",
)

add_org(
    "fair-play-gambling-support",
    "Fair Play Gambling Support",
    "A charity offering free help to anyone in Leicester, Leicestershire and Rutland harmed by "
    "gambling, including family members.",
    tel="free",
)
add_service(
    "fair-play-gambling-support",
    "fair-play-counselling",
    "Gambling Support and Counselling",
    "Free one-to-one support for people with gambling problems, and for their families. In person, "
    "by phone or video.",
    "If gambling is causing problems with money, relationships or your mental health, our "
    "practitioners can help, with up to 12 free sessions.",
    ["gambling", "debt-advice"],
    ["advice-service"],
    ("Fair Play Centre", "Second floor, 8 Millstone Lane", "Leicester"),
    [f"{WEEKDAYS} 09:00-17:00", "TU 17:00-20:00"],
    ref="SP",
    area=["llr"],
    langs=["pa", "ur", "pl"],
    more="We can also help you block gambling sites and apps and talk to your bank about gambling "
    "blocks.",
)
add_service(
    "fair-play-gambling-support",
    "fair-play-helpline",
    "Gambling Support Helpline",
    "Talk to someone about gambling, yours or a family member's. Free, confidential, seven days a "
    "week.",
    "Ring our helpline to talk through what's going on with gambling, get practical tips, and find "
    "out about support near you.",
    ["gambling", "telephone-friendship"],
    ["helpline"],
    None,
    [f"{WEEKDAYS} 08:00-22:00", "SA,SU 10:00-18:00"],
    area=["llr"],
    tel="own",
)

add_org(
    "dry-dock-leicester",
    "Dry Dock Leicester",
    "An alcohol-free social club for people in recovery and anyone who wants a night out without "
    "drinking.",
    tel=None,
)
add_service(
    "dry-dock-leicester",
    "dry-dock-friday",
    "Dry Dock Friday Night",
    "Alcohol-free Friday nights: mocktails, music, pool and people who understand. For anyone in "
    "or thinking about recovery.",
    "Friday nights can be hard when you've stopped drinking. We run an alcohol-free bar with "
    "mocktails, a pool table, live music once a month and a crowd who get it.",
    ["alcohol", "social-groups"],
    ["peer-support", "vcs-group"],
    ("Dry Dock Bar", "Arches 3-4, Navigation Street", "Leicester"),
    ["FR 18:00-22:00"],
    cost=("Entry", 2.0, "£2 on the door; soft drinks from £1"),
    tel="mobile",
)

add_org(
    "sunrise-recovery-cafe",
    "Sunrise Recovery Café",
    "A Sunday café run by people in recovery from addiction, open to anyone.",
    tel=None,
)
add_service(
    "sunrise-recovery-cafe",
    "sunrise-sunday-brunch",
    "Sunrise Sunday Brunch",
    "Pay-as-you-feel Sunday brunch run by people in recovery from drink and drugs. Everyone "
    "welcome.",
    "Sundays can be long and lonely in early recovery, so we cook a big brunch and open the doors. "
    "It's pay as you feel, and you can help in the kitchen if you like.",
    ["alcohol", "drugs", "food-support"],
    ["peer-support"],
    ("St Luke's Church Hall", "Weavers Close", "Humberstone"),
    ["SU 11:00-14:00"],
    cost=("Pay as you feel", 0, "Pay as you feel"),
    tel="mobile",
)

add_org(
    "carers-corner-leicester",
    "Carers' Corner Leicester",
    "Information, advice and breaks for unpaid carers in Leicester: anyone who looks after a "
    "family member or friend who couldn't manage without them.",
)
add_service(
    "carers-corner-leicester",
    "carers-corner-advice",
    "Carers' Advice Line and Drop-in",
    "Advice for unpaid carers: carer's allowance, carer's assessments, breaks and your rights at "
    "work.",
    "If you look after someone, we can help you get a carer's assessment, claim carer's allowance "
    "and find breaks.",
    ["carers", "benefits-advice"],
    ["advice-service"],
    ("Carers' Corner", "11 Pocklington Walk", "Leicester"),
    ["MO,WE 10:00-15:00"],
    ages=(None, None),
    langs=["gu", "pa", "ur"],
    elig="Unpaid carers of any age caring for someone in Leicester.",
)
add_service(
    "carers-corner-leicester",
    "carers-corner-mental-health-carers",
    "Mental Health Carers' Group",
    "Evening group for people caring for someone with a mental illness, with guest speakers from "
    "NHS services.",
    "Our evening group is for family and friends supporting someone with a mental illness, such as "
    "psychosis, bipolar disorder, an eating disorder or severe depression.",
    ["carers", "family-support"],
    ["peer-support"],
    ("Carers' Corner", "11 Pocklington Walk", "Leicester"),
    ["M 2TU 18:30-20:30"],
    elig="Adults caring for someone with a mental health problem.",
    more="Every other month a guest from local mental health services comes to answer your "
    "questions.",
)
add_service(
    "carers-corner-leicester",
    "carers-corner-cafe",
    "Carers' Café",
    "A monthly café where carers can relax, meet other carers and get information. Free tea and "
    "cake.",
    "On the first Wednesday of the month our café is open for carers to take a breather. There's "
    "always someone from our advice team around if you have questions.",
    ["carers", "social-groups"],
    ["vcs-group"],
    ("Carers' Corner", "11 Pocklington Walk", "Leicester"),
    ["M 1WE 13:00-15:00"],
    ages=(None, None),
)

add_org(
    "clearpath-domestic-abuse",
    "Clearpath Domestic Abuse Service",
    "Support for anyone experiencing domestic abuse in Leicester, Leicestershire and Rutland: "
    "women, men and LGBTQ+ people. We offer a helpline, outreach, groups and refuge.",
    tel="free",
)
add_service(
    "clearpath-domestic-abuse",
    "clearpath-helpline",
    "Domestic Abuse Helpline",
    "Free, confidential advice if you're being hurt, controlled or frightened by a partner or "
    "family member.",
    "If someone close to you is hurting you, controlling your money, checking your phone or making "
    "you afraid, you can talk to us in confidence.",
    ["domestic-abuse", "relationships"],
    ["helpline"],
    None,
    [f"{ALL_DAYS} 08:00-20:00"],
    ages=(16, None),
    area=["llr"],
    tel="own",
    langs=["gu", "pa", "ur", "pl", "so"],
    more="If you are in danger now, call 999. If you can't speak, press 55 when the call is "
    "answered.",
    refdesc="Ring the helpline free. Professionals can make a referral with the person's consent "
    "using our online form. We'll always check it's safe before we call back.",
)
add_service(
    "clearpath-domestic-abuse",
    "clearpath-outreach",
    "Domestic Abuse Outreach",
    "One-to-one support from a domestic abuse worker: safety planning, housing, court and "
    "children.",
    "Our outreach workers meet you somewhere safe to help you plan for your safety, understand "
    "your options, and deal with police, courts, housing and children's services.",
    ["domestic-abuse", "housing-advice"],
    ["advice-service"],
    None,
    [f"{WEEKDAYS} 09:00-17:00 | Appointments in safe locations"],
    ages=(16, None),
    ref="SP",
    area=["leicester", *LEICS_DISTRICTS],
)
add_service(
    "clearpath-domestic-abuse",
    "clearpath-moving-on",
    "Moving On Group Programme",
    "A 12-week group for women who have experienced domestic abuse, to understand what happened "
    "and rebuild confidence.",
    "Our Moving On programme helps women make sense of what happened to them, spot the signs of an "
    "abusive relationship and rebuild their confidence, alongside other women who understand.",
    ["domestic-abuse", "wellbeing", "learning"],
    ["vcs-group"],
    None,
    ["WE 10:00-12:30 | 12-week programme @2027-01-13..2027-03-31"],
    ref="SP",
    area=["leicester"],
    elig="Women aged 18 and over who are no longer living with the abusive partner.",
    more="The venue is in central Leicester and is kept private for everyone's safety. There's a "
    "free crèche.",
    note="We'll tell you where the group meets when you join.",
)

add_org(
    "forget-me-not-bereavement",
    "Forget-me-not Bereavement Support",
    "A bereavement charity offering groups, one-to-one listening and support after suicide in "
    "Leicester and Leicestershire.",
)
add_service(
    "forget-me-not-bereavement",
    "forget-me-not-group",
    "Bereavement Support Group",
    "A monthly group for adults who have lost someone. Talk, listen, or just sit with others who "
    "understand.",
    "Grief can be lonely, and friends don't always know what to say. Our monthly group is a gentle "
    "space to talk about the person who has died and how you're coping.",
    ["bereavement"],
    ["peer-support"],
    ("Quaker Meeting House", "Lindens Walk", "Clarendon Park"),
    ["M 3TH 19:00-21:00"],
    cost=("Per session", 2.0, "£2 towards room hire, if you can"),
)
add_service(
    "forget-me-not-bereavement",
    "forget-me-not-one-to-one",
    "One-to-one Bereavement Listening",
    "Up to eight free sessions with a trained bereavement volunteer, in person or by phone.",
    "If you'd rather talk one-to-one, we can match you with a trained bereavement volunteer for up "
    "to eight sessions.",
    ["bereavement", "wellbeing"],
    ["vcs-group"],
    ("Forget-me-not Rooms", "3 Lindens Walk", "Clarendon Park"),
    [f"{WEEKDAYS} 10:00-16:00 | By appointment", "TU 18:00-20:00 | By appointment"],
    ref="SP",
    area=["leicester", *LEICS_DISTRICTS],
)
add_service(
    "forget-me-not-bereavement",
    "after-suicide-group",
    "After Suicide Support Group",
    "A monthly group for adults bereaved by suicide, facilitated by people who have lost someone "
    "the same way.",
    "Losing someone to suicide brings its own kind of grief, with questions that may never be "
    "answered. Our group is run by people who have been bereaved by suicide themselves.",
    ["bereavement"],
    ["peer-support"],
    ("Quaker Meeting House", "Lindens Walk", "Clarendon Park"),
    ["M -1MO 19:00-21:00"],
    ref="SD",
    area=["llr"],
    more="It doesn't matter how long ago your loss was.",
)

add_org(
    "family-matters-leicester",
    "Family Matters Leicester",
    "Parenting and family support in Leicester: groups, courses and home visits for families going "
    "through a tough time.",
)
add_service(
    "family-matters-leicester",
    "family-matters-dads-group",
    "Dads' Saturday Group",
    "Saturday mornings for dads, granddads and male carers with children under 12. Play, breakfast "
    "and a chat.",
    "Our Saturday group is for dads and their kids to play together, have breakfast and meet other "
    "dads. Lots of our dads are separated and see their children at weekends.",
    ["family-support", "social-groups"],
    ["vcs-group"],
    ("Beaumont Leys Family Hub", "Hawthorn Rise", "Beaumont Leys"),
    ["SA 10:00-12:00"],
    ages=(None, None),
    elig="Dads, granddads and male carers, with their children aged 0 to 11.",
    cost=("Per family", 1.0, "£1 a family, breakfast included"),
)
add_service(
    "family-matters-leicester",
    "family-matters-home-support",
    "Family Support at Home",
    "Home visits for parents struggling with routines, behaviour, money or their own mental "
    "health.",
    "A family support worker visits you at home to help with whatever is making family life hard, "
    "whether that's bedtimes, school attendance, debt or feeling low.",
    ["family-support"],
    ["advice-service"],
    None,
    [f"{WEEKDAYS} 09:00-17:00 | Home visits"],
    ref="P",
    ages=(None, None),
    area=["leicester"],
    elig="Families with children under 18 living in Leicester.",
)
add_service(
    "family-matters-leicester",
    "family-matters-anxious-kids",
    "Parents of Anxious Children Peer Group",
    "A monthly group for parents whose children struggle with anxiety, school refusal or low mood.",
    "If your child is anxious, won't go to school or is waiting for CAMHS, this group is for you. "
    "Parents share what's helped and support each other through the hard days.",
    ["family-support"],
    ["peer-support"],
    ("Family Matters", "7 Fosse Walk", "Westcotes"),
    ["M 1TU 19:00-20:30"],
    cost=("Per session", 2.0, "£2 for refreshments"),
)

add_org(
    "leicester-young-carers",
    "Leicester Young Carers Project",
    "Support, breaks and fun for children and young people who help look after someone at home.",
)
add_service(
    "leicester-young-carers",
    "young-carers-club",
    "Young Carers Club",
    "After-school club and trips for young carers aged 8 to 17. Referral from school, social care "
    "or self.",
    "If you help look after a parent, brother or sister who is ill or disabled, or who drinks or "
    "uses drugs, you're a young carer. Our club is a chance to have fun and be a kid for a while.",
    ["carers", "social-groups"],
    ["vcs-group"],
    ("Young Carers Base", "45 Lansdowne Yard", "Knighton"),
    ["WE 16:00-18:00"],
    ages=(8, 17),
    ref="SP",
    more="We also run trips in the school holidays and can talk to your school about what's going "
    "on at home.",
)

add_org(
    "step-out-leicester",
    "Step Out Leicester",
    "Free wellbeing walks in Leicester's parks, led by trained volunteers.",
)
add_service(
    "step-out-leicester",
    "step-out-abbey-park",
    "Abbey Park Wellbeing Walk",
    "A gentle one-hour walk around Abbey Park, finishing with a cuppa. Free and friendly.",
    "We meet by the café in Abbey Park on Monday mornings for an easy hour-long walk on flat "
    "paths, at a pace everyone can manage.",
    WELLBEING_WALK,
    ["vcs-group"],
    ("Abbey Park Café meeting point", "Abbey Park Road", "Belgrave"),
    ["MO 10:30-11:45"],
    ages=(None, None),
    acc=["Step-free access", "Accessible toilet", "Parking nearby"],
)
add_service(
    "step-out-leicester",
    "step-out-knighton-park",
    "Knighton Park Walk and Talk",
    "A friendly walk-and-talk group on Thursdays in Knighton Park. Suitable for beginners.",
    "Our Thursday walk is about 3km on paths and grass, with a rest halfway. It's as much about "
    "the chat as the walking.",
    WELLBEING_WALK,
    ["vcs-group"],
    ("Knighton Park, Palmerston Gate", "Palmerston Boulevard Gate", "Knighton"),
    ["TH 10:00-11:15"],
    ages=(None, None),
)
add_service(
    "step-out-leicester",
    "step-out-braunstone-nordic",
    "Nordic Walking in Braunstone Park",
    "Nordic walking with poles provided. A little more energetic than our other walks.",
    "Nordic walking uses poles to work your upper body as you walk. We'll lend you poles and teach "
    "you the technique.",
    ["physical-activity", "wellbeing"],
    ["vcs-group"],
    ("Braunstone Park, Hall entrance", "Hinckley Hall Drive", "Braunstone"),
    ["SA 09:30-10:45"],
    ages=(16, None),
    cost=("Per walk", 2.0, "£2 a walk, first three walks free"),
)

add_org(
    "quit-together",
    "Quit Together",
    "Free stop smoking support for people in Leicester, Leicestershire and Rutland, including "
    "vapes and nicotine replacement.",
    tel="free",
)
add_service(
    "quit-together",
    "quit-together-clinic",
    "Stop Smoking Drop-in Clinic",
    "Free support to stop smoking, with free vapes or patches and weekly check-ins. No appointment "
    "needed.",
    "Our stop smoking advisers will help you make a quit plan and give you free nicotine "
    "replacement or a vape starter kit.",
    ["stop-smoking"],
    ["advice-service"],
    ("Quit Together Clinic", "Unit 1, Gallowtree Yard", "Leicester"),
    ["WE 16:00-19:00", "SA 10:00-12:00"],
    ages=(12, None),
    langs=["gu", "pa", "ur", "bn"],
    more="People who use mental health services are especially welcome: stopping smoking can "
    "change how some medicines work, so we'll let your team know.",
)
add_service(
    "quit-together",
    "quit-together-phone",
    "Stop Smoking Phone Support",
    "Weekly phone support to help you quit, with free nicotine replacement posted to you.",
    "If you can't get to a clinic, one of our advisers will ring you every week for six weeks and "
    "post your nicotine replacement to your home.",
    ["stop-smoking"],
    ["helpline"],
    None,
    [f"{WEEKDAYS} 09:00-19:00"],
    ages=(12, None),
    area=["llr"],
    tel="own",
)

add_org(
    "food-for-thought-cookery",
    "Food for Thought Cookery Club",
    "A social enterprise teaching healthy cooking on a budget to people in Leicester.",
)
add_service(
    "food-for-thought-cookery",
    "food-for-thought-course",
    "Cooking on a Budget Course",
    "A six-week cooking course: quick, healthy meals for under £1 a portion. Ingredients included.",
    "Over six weeks you'll learn to cook simple, healthy meals from scratch, from curries and "
    "soups to traybakes, with tips on shopping and batch cooking.",
    ["healthy-eating", "learning"],
    ["vcs-group"],
    ("Community Kitchen, Rowan Street Centre", "Rowan Street", "Westcotes"),
    ["TH 10:00-12:30 | Six-week course @2027-01-14..2027-02-18"],
    ref="P",
    cost=("Whole course", 10.0, "£10 for the whole course, free if you get benefits"),
    more="Everyone takes home what they've cooked, so bring a container.",
)

add_org(
    "kickabout-leicester",
    "Kickabout Leicester",
    "Mental health football sessions for adults in Leicester. No skills needed, just turn up in "
    "trainers.",
    tel=None,
)
add_service(
    "kickabout-leicester",
    "kickabout-thursday",
    "Kickabout Mental Health Football",
    "Relaxed five-a-side football for adults who have mental health problems. All abilities.",
    "Every Thursday we play friendly five-a-side at Saffron Lane, followed by a cuppa and a chat "
    "in the clubhouse. It doesn't matter if you haven't kicked a ball for years.",
    ["physical-activity", "wellbeing", "social-groups"],
    ["vcs-group", "peer-support"],
    ("Saffron Lane Sports Courts", "Hamelin Road", "Saffron"),
    ["TH 18:00-19:30"],
    tel="mobile",
    acc=["Step-free access", "Parking nearby", "On a bus route"],
    cost=("Per session", 2.0, "£2 a session, free if you're skint"),
)

add_org(
    "swim-for-calm",
    "Swim for Calm",
    "Women-only swimming sessions for confidence and wellbeing.",
    tel=None,
)
add_service(
    "swim-for-calm",
    "swim-for-calm-women",
    "Women-only Wellbeing Swim",
    "A women-only swim with female lifeguards and covered windows. Learn to swim or just relax in "
    "the water.",
    "Our women-only session has female staff, covered windows and a relaxed atmosphere. Some women "
    "come to learn to swim, some to get fit and some just to float.",
    ["physical-activity", "wellbeing"],
    ["vcs-group"],
    ("Spinney Hills Leisure Pool", "Gedding Street", "Spinney Hills"),
    ["SU 17:00-18:30"],
    elig="Women and girls aged 16 and over.",
    ages=(16, None),
    cost=("Per swim", 3.0, "£3 a swim"),
    langs=["ur", "so", "gu"],
    tel="mobile",
    closed="Closed while the pool is repaired. We hope to reopen in the new year and will update "
    "this page.",
)

add_org(
    "volunteer-leicester",
    "Volunteer Leicester",
    "The volunteer centre for Leicester. We help people find volunteering that suits them, and "
    "support groups that rely on volunteers.",
)
add_service(
    "volunteer-leicester",
    "volunteer-leicester-drop-in",
    "Volunteering Drop-in",
    "Find a volunteering role that suits you: gardening, cafés, charity shops, befriending and "
    "more.",
    "Not sure what volunteering you'd enjoy? Pop in for a chat and we'll look through hundreds of "
    "local roles with you.",
    ["volunteering", "community-activity"],
    ["advice-service"],
    ("Volunteer Leicester", "23 Guildhall Lane Yard", "Leicester"),
    ["TU 10:00-13:00"],
    ages=(16, None),
)
add_service(
    "volunteer-leicester",
    "volunteer-leicester-supported",
    "Supported Volunteering",
    "A volunteering coach helps you find a role and goes with you for the first few weeks. For "
    "people with mental health needs.",
    "If your confidence has taken a knock, our supported volunteering scheme gives you a coach who "
    "will help you choose a role, go with you on your first days and check in until you feel "
    "settled.",
    ["volunteering", "employment-support"],
    ["vcs-group"],
    ("Volunteer Leicester", "23 Guildhall Lane Yard", "Leicester"),
    [f"{WEEKDAYS} 09:30-16:30 | By appointment"],
    ref="P",
    elig="Adults aged 18 and over with mental health problems or a learning disability, living in "
    "Leicester.",
)

add_org(
    "greenfingers-allotment",
    "Greenfingers Community Allotment",
    "A community allotment by Aylestone Meadows where people grow food, learn and get outdoors "
    "together.",
    tel=None,
)
add_service(
    "greenfingers-allotment",
    "greenfingers-growing",
    "Greenfingers Growing Sessions",
    "Grow fruit and veg with others on our community allotment. Tools, gloves and tea provided.",
    "Come and get your hands dirty on our community allotment. We grow vegetables, soft fruit and "
    "flowers, keep bees and share whatever we harvest.",
    ["gardening", "wellbeing", "social-groups"],
    ["vcs-group"],
    (
        "Greenfingers Plot, Aylestone Allotments",
        "Meadow Lane Allotments, off Marsden Lane",
        "Aylestone",
    ),
    ["WE 10:00-13:00", "SA 10:00-13:00"],
    ages=(None, None),
    tel="mobile",
    cost=("Per session", 1.0, "£1 a session towards seeds and tools"),
    more="Wear old clothes and sturdy shoes. Under 16s are welcome with an adult.",
    acc=["Parking nearby", "Level paths to the main beds", "Compost toilet"],
)

add_org(
    "colour-works-studio",
    "Colour Works Art Studio",
    "An open-access art studio for people whose lives have been affected by mental ill health.",
)
add_service(
    "colour-works-studio",
    "colour-works-open-studio",
    "Open Art Studio",
    "Painting, drawing, printmaking and clay in a relaxed open studio. Materials provided, £1 a "
    "session.",
    "Our open studio is a calm, creative space where you can work on your own projects or try "
    "something new, with an artist on hand to help.",
    ["arts-and-crafts", "wellbeing"],
    ["vcs-group"],
    ("Colour Works", "Studio 6, The Old Dye Works, Frog Island Walk", "Leicester"),
    ["TU 13:00-16:00", "TH 13:00-16:00"],
    cost=("Per session", 1.0, "£1 a session, materials included"),
    more="We hold an exhibition of members' work every summer.",
)

add_org(
    "big-sing-leicester",
    "Big Sing Leicester",
    "A community choir that anyone can join. No auditions, no need to read music.",
    tel=None,
)
add_service(
    "big-sing-leicester",
    "big-sing-choir",
    "Big Sing Community Choir",
    "A no-audition community choir singing pop, soul and gospel. Monday evenings in the city "
    "centre.",
    "We sing everything from Motown to Bollywood to gospel, and we learn by ear, so you don't need "
    "to read music. Singing together is one of the best mood-lifters we know.",
    ["arts-and-crafts", "wellbeing", "social-groups"],
    ["vcs-group"],
    ("Great Meeting Chapel Hall", "Bond Street Yard", "Leicester"),
    ["MO 19:00-20:30"],
    ages=(16, None),
    cost=("Per session", 3.0, "£3 a session, first session free"),
    tel="mobile",
)

add_org(
    "windrush-friendship-club",
    "Windrush Friendship Club",
    "A lunch and social club for older African-Caribbean people in Leicester.",
    web=False,
)
add_service(
    "windrush-friendship-club",
    "windrush-lunch-club",
    "Windrush Wednesday Lunch Club",
    "Caribbean lunch, dominoes and company for older people, every Wednesday in Highfields.",
    "Every Wednesday we cook a proper Caribbean lunch (curry goat, rice and peas, fried dumplings) "
    "and spend the afternoon playing dominoes, reminiscing and putting the world to rights.",
    ["social-groups", "faith-and-culture", "loneliness-and-isolation"],
    ["vcs-group"],
    ("African Caribbean Centre", "Maynard Place", "Highfields"),
    ["WE 12:00-15:00"],
    ages=(55, None),
    cost=("Per lunch", 4.0, "£4 for a two-course lunch"),
    people="caribbean",
)

add_org(
    "learn-leicester",
    "Learn Leicester Adult Skills",
    "Free and low-cost adult learning in Leicester: English, maths, digital skills and wellbeing "
    "courses.",
)
add_service(
    "learn-leicester",
    "learn-leicester-esol",
    "ESOL English Classes",
    "Free English classes for speakers of other languages, from complete beginner upwards.",
    "Our ESOL classes help you improve your speaking, listening, reading and writing in English, "
    "for everyday life and for work.",
    ["learning", "employment-support"],
    ["vcs-group"],
    ("Learn Leicester Centre", "8 Belvoir Row", "Leicester"),
    ["MO,WE 09:30-12:00", "TU 18:00-20:00"],
    ages=(19, None),
    langs=["ar", "so", "pl", "ta", "bn"],
    cost=("Per hour", 3.0, "Free if you get benefits or earn a low wage; otherwise £3 an hour"),
    more="Come to an assessment session first so we can find the right class for you.",
    refdesc="Come to an assessment session on a Monday at 9.30am, or ring us to book one. Bring "
    "proof of your address.",
)
add_service(
    "learn-leicester",
    "learn-leicester-digital-cafe",
    "Digital Skills Café",
    "Free help with phones, tablets and computers: email, online forms, NHS app and universal "
    "credit journal.",
    "Bring your phone, tablet or laptop and our volunteers will help you with whatever you're "
    "stuck on, from setting up email to using the NHS App or your universal credit journal.",
    ["learning", "benefits-advice"],
    ["vcs-group"],
    ("Westcotes Library", "Fosse Walk", "Westcotes"),
    ["TU 10:00-12:00"],
    ages=(None, None),
)

add_org(
    "starlight-club",
    "Starlight Club",
    "A social club for adults with learning disabilities in Leicester, run with families and "
    "volunteers.",
)
add_service(
    "starlight-club",
    "starlight-friday-club",
    "Starlight Friday Night Club",
    "Disco, karaoke, games and friends for adults with learning disabilities. Friday nights.",
    "Friday nights at Starlight are loud and fun: disco, karaoke, games and a tuck shop. Support "
    "workers and family carers are welcome to stay.",
    ["social-groups", "arts-and-crafts"],
    ["vcs-group"],
    ("Humberstone Community Hall", "Kingfisher Lane", "Humberstone"),
    ["FR 18:30-21:00"],
    ref="SP",
    cost=("Per night", 3.0, "£3 a night; support workers free"),
    elig="Adults aged 18 and over with a learning disability.",
)

add_org(
    "speak-up-leicester",
    "Speak Up Leicester",
    "A self-advocacy group run by and for people with learning disabilities.",
)
add_service(
    "speak-up-leicester",
    "speak-up-meeting",
    "Speak Up Self-Advocacy Meeting",
    "A monthly meeting where people with learning disabilities speak up about things that matter "
    "to them.",
    "At our meetings we talk about things that matter to us, like transport, hate crime, health "
    "checks and money, and we tell the council and the NHS what needs to change.",
    ["community-activity", "social-groups"],
    ["peer-support"],
    ("Voluntary Action Rooms", "5 Gallowtree Yard", "Leicester"),
    ["M 2MO 13:00-15:00"],
    elig="Adults with a learning disability. Supporters welcome.",
    more="We have easy read papers and we take lots of breaks.",
)

add_org(
    "city-link-workers",
    "City Link Workers",
    "The social prescribing service for Leicester's GP practices. Our link workers help people "
    "with the things that affect their health and wellbeing but aren't medical.",
)
for _hood, _place, _venue, _street in [
    ("leicester-central", "St Matthews", "St Matthews Health Centre", "Malabar Yard"),
    ("leicester-east", "Evington", "Evington Medical Centre", "Stoughton Walk"),
    ("leicester-north-west", "Beaumont Leys", "Beaumont Leys Health Centre", "Hawthorn Rise"),
    ("leicester-west", "Braunstone", "Braunstone Health Centre", "Cottesmore Drive"),
]:
    _n = HOODS[_hood]["name"]
    add_service(
        "city-link-workers",
        f"social-prescribing-{_hood}",
        f"Social Prescribing Link Workers, {_n}",
        f"A link worker helps you find local support for money, loneliness, housing and more. Ask "
        f"your GP practice in {_n}.",
        f"Our link workers are based in GP practices across {_n}. You'll meet one for up to an "
        f"hour "
        f"to talk about "
        "what matters to you, and together you'll make a plan to get connected with local groups "
        "and "
        "services.",
        ["loneliness-and-isolation", "benefits-and-money", "wellbeing", "community-activity"],
        ["social-prescribing"],
        (_venue, _street, _place),
        [f"{WEEKDAYS} 09:00-17:00 | Appointments through your GP practice"],
        ref="P",
        area=[_hood],
        langs=(
            ["gu", "ur", "pa", "so"] if _hood in ("leicester-central", "leicester-east") else []
        ),
    )
add_service(
    "city-link-workers",
    "social-prescribing-south-asian",
    "Community Link Worker for South Asian Communities",
    "A Gujarati, Hindi and Punjabi speaking link worker for older South Asian people who feel "
    "isolated.",
    "Our community link worker speaks Gujarati, Hindi and Punjabi and works with older people and "
    "carers who feel cut off, including people who find it hard to talk about mental health.",
    ["loneliness-and-isolation", "faith-and-culture", "carers"],
    ["social-prescribing"],
    None,
    [f"{WEEKDAYS} 09:00-17:00"],
    ref="P",
    ages=(50, None),
    area=["leicester"],
    langs=["gu", "hi", "pa"],
    more="Visits can be at home, at the surgery or at a local temple or gurdwara.",
)

add_org(
    "spinney-hills-community-association",
    "Spinney Hills Community Association",
    "A community association serving Spinney Hills, Highfields and St Matthews, with activities "
    "for all ages and faiths.",
)
add_service(
    "spinney-hills-community-association",
    "shca-walk-and-talk",
    "Men's Walk and Talk",
    "A walk round Spinney Hill Park and a chat for men of all faiths and none, after Friday "
    "prayers.",
    "After Friday prayers a group of us walk a couple of laps of the park and talk about "
    "whatever's on our minds, work, family, health or football.",
    ["physical-activity", "wellbeing", "faith-and-culture"],
    ["vcs-group"],
    ("Spinney Hills Community Centre", "Sparkenhoe Yard", "Spinney Hills"),
    ["FR 14:00-15:30"],
    langs=["ur", "pa", "so"],
    elig="Men aged 18 and over.",
)
add_service(
    "spinney-hills-community-association",
    "shca-interfaith-tea",
    "Interfaith Tea and Talk",
    "A monthly evening where people of different faiths share food and talk about life in "
    "Leicester.",
    "Once a month Muslims, Hindus, Sikhs, Christians, Jews and people of no faith sit down "
    "together to share food and talk about a different theme, from grief to hope to growing older.",
    ["faith-and-culture", "social-groups"],
    ["vcs-group"],
    ("Spinney Hills Community Centre", "Sparkenhoe Yard", "Spinney Hills"),
    ["M 3WE 18:30-20:30"],
    ages=(None, None),
    cost=("Per evening", 3.0, "£3 towards the food, or bring a dish to share"),
)

add_org(
    "leicester-voices-group",
    "Leicester Voices Group",
    "A peer support group for people who hear voices, see visions or have other unusual "
    "experiences.",
    tel=None,
)
add_service(
    "leicester-voices-group",
    "leicester-voices-group",
    "Hearing Voices Peer Support Group",
    "A safe, accepting peer group for people who hear voices or have other unusual experiences.",
    "In our group you can talk openly about voices, visions and unusual beliefs without being "
    "judged or told what they mean. We share ways of coping and living well.",
    ["wellbeing"],
    ["peer-support"],
    ("The Lantern", "27 Tannery Street", "Leicester"),
    ["M 1TH 14:00-16:00", "M 3TH 14:00-16:00"],
    tel="mobile",
    cost=("Per session", 1.0, "£1 for tea, if you can"),
)

add_org(
    "blokes-brew",
    "Blokes' Brew Leicester",
    "A free peer support group for men, started by local men who wanted somewhere to talk.",
    tel=None,
)
add_service(
    "blokes-brew",
    "blokes-brew-monday",
    "Blokes' Brew Monday Night",
    "A free talking group for men aged 18+. It's okay to talk, and it's okay just to listen.",
    "Every Monday night men from all walks of life sit in a circle, have a brew and talk honestly "
    "about how the week has been. Nobody has to speak, and nothing leaves the room.",
    ["wellbeing", "social-groups"],
    ["peer-support"],
    ("Aylestone Rugby Club", "Marsden Lane", "Aylestone"),
    ["MO 19:00-21:00"],
    elig="Men aged 18 and over.",
    tel="mobile",
)

add_org(
    "leys-community-cafe",
    "Leys Community Café",
    "A pay-as-you-feel community café in Beaumont Leys, run by volunteers.",
    tel=None,
)
add_service(
    "leys-community-cafe",
    "leys-community-lunch",
    "Pay-as-you-feel Community Lunch",
    "A hot two-course lunch, pay what you can, in a friendly café. Everyone welcome.",
    "We cook a hot two-course lunch from surplus supermarket food, and you pay what you can "
    "afford. It's a lovely place to sit and chat if you're on your own.",
    ["food-support", "social-groups", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Leys Community Café", "Strasbourg Walk", "Beaumont Leys"),
    ["TU,TH 12:00-14:00"],
    ages=(None, None),
    cost=("Pay as you feel", 0, "Pay as you feel"),
    tel="mobile",
)

add_org(
    "rushey-mead-growing-space",
    "Rushey Mead Growing Space",
    "A community garden and orchard on the edge of Rushey Fields.",
    tel=None,
    web=False,
)
add_service(
    "rushey-mead-growing-space",
    "rushey-mead-gardening",
    "Community Garden Mornings",
    "Help grow vegetables, herbs and fruit in our community garden. No experience needed.",
    "We grow coriander, methi, chillies and squash alongside apples and plums, and we share the "
    "harvest with everyone who helps.",
    ["gardening", "social-groups", "volunteering"],
    ["vcs-group"],
    ("Rushey Mead Growing Space", "Gipsy Lane Allotments, gate 3", "Rushey Mead"),
    ["SU 10:00-12:30"],
    ages=(None, None),
    langs=["gu", "pa"],
    tel="mobile",
    acc=["Parking nearby", "Raised beds for wheelchair users"],
)

add_org(
    "tamil-community-wellbeing",
    "Tamil Community Wellbeing Group",
    "A volunteer group supporting Tamil families in Leicester.",
    tel=None,
    web=False,
)
add_service(
    "tamil-community-wellbeing",
    "tamil-wellbeing-gathering",
    "Tamil Family Wellbeing Gathering",
    "A monthly gathering in Tamil with food, music and talks about health and wellbeing.",
    "Once a month Tamil families get together for food, music and a short talk from a doctor, "
    "nurse or adviser, all in Tamil.",
    ["faith-and-culture", "social-groups", "wellbeing"],
    ["vcs-group"],
    ("Evington Community Centre", "Paddock Street", "Evington"),
    ["M 2SU 15:00-18:00"],
    ages=(None, None),
    langs=["ta"],
    cost=("Per family", 2.0, "£2 a family"),
)

add_org(
    "active-leicester",
    "Active Leicester",
    "Physical activity programmes for Leicester residents, including exercise on referral.",
)
add_service(
    "active-leicester",
    "active-leicester-exercise-referral",
    "Exercise on Referral",
    "A 12-week supported exercise programme at a leisure centre, for people with health "
    "conditions. GP referral.",
    "If you have a health condition such as depression, anxiety, diabetes or high blood pressure, "
    "your GP or nurse can refer you to a 12-week programme with a qualified instructor who will "
    "build a plan around you.",
    ["physical-activity", "wellbeing"],
    ["social-prescribing"],
    ("Aylestone Leisure Centre", "Canal Side Row", "Aylestone"),
    [f"{WEEKDAYS} 09:00-20:00 | Booked sessions"],
    ref="P",
    ages=(16, None),
    area=["leicester"],
    cost=("Per session", 2.2, "£2.20 a session"),
)

# ---------------------------------------------------------------------------
# Recovery college: courses in several places across LLR and online
# ---------------------------------------------------------------------------
add_org(
    "riverside-recovery-college",
    "Riverside Recovery College",
    "Free courses about mental health and wellbeing for anyone aged 18 or over in Leicester, "
    "Leicestershire and Rutland. Every course is written and taught together by people with lived "
    "experience and mental health professionals.",
)
RC_HQ = ("Riverside Recovery College", "4 Lock Keeper's Yard", "Leicester")
for slug, name, summary, lead, needs, at, when in [
    (
        "understanding-anxiety",
        "Understanding Anxiety",
        "A four-week course on what anxiety is, why it happens and practical ways to manage it.",
        "This four-week course looks at what anxiety is, why it feels the way it does, and ways to "
        "manage worry, panic and avoidance.",
        ["wellbeing", "learning"],
        RC_HQ,
        "TU 10:00-12:30 | Four weeks @2027-01-12..2027-02-02",
    ),
    (
        "managing-low-mood",
        "Managing Low Mood",
        "Six weekly sessions on understanding depression and finding small steps that help.",
        "Over six sessions we explore low mood and depression, and share small, realistic steps "
        "that can help, from routines and sleep to being kinder to yourself.",
        ["wellbeing", "learning"],
        ("Charnwood Learning Centre", "12 Granby Walk", "Loughborough"),
        "WE 13:30-15:30 | Six weeks @2027-01-13..2027-02-17",
    ),
    (
        "living-with-voices",
        "Living Well with Voices",
        "A course for people who hear voices, and those who support them, about coping and "
        "recovery.",
        "Taught by a trainer who hears voices and a psychologist, this course looks at different "
        "ways of understanding voices and practical ways to live well with them.",
        ["wellbeing", "learning"],
        RC_HQ,
        "TH 14:00-16:00 | Six weeks @2026-11-05..2026-12-10",
    ),
    (
        "sleep-well",
        "Sleep Well (online)",
        "A four-week online course about sleep problems and what helps. Join from home on Zoom.",
        "Struggling to sleep, or sleeping too much? This online course explains how sleep works "
        "and how mental health, medication and routines affect it.",
        ["wellbeing", "learning"],
        None,
        "MO 18:30-20:00 | Online, four weeks @2027-02-01..2027-02-22",
    ),
    (
        "money-and-mental-health",
        "Money and Mental Health",
        "A four-week course on the links between money worries and mental health, with practical "
        "budgeting tips.",
        "Money worries and mental health often go hand in hand. This course looks at why, and "
        "covers budgeting, dealing with debt and where to get help with benefits.",
        ["benefits-and-money", "debt-advice", "learning"],
        ("Hinckley Hub Library", "Lancaster Walk", "Hinckley"),
        "TU 10:00-12:00 | Four weeks @2027-01-19..2027-02-09",
    ),
    (
        "building-confidence",
        "Building Confidence and Self-Esteem",
        "Six sessions to understand where low confidence comes from and try ways to build it up.",
        "This course helps you understand your inner critic, notice your strengths and take small "
        "steps outside your comfort zone, in a supportive group.",
        ["wellbeing", "learning"],
        ("Coalville Learning Centre", "Marlborough Walk", "Coalville"),
        "WE 10:00-12:30 | Six weeks @2027-02-24..2027-03-31",
    ),
    (
        "caring-for-someone",
        "Caring for Someone with a Mental Illness",
        "An evening course for family and friends caring for someone with a mental illness.",
        "This four-week evening course gives carers information about mental illness, treatment "
        "and services, and time to think about looking after yourself too.",
        ["carers", "learning"],
        ("Melton Carnegie Rooms", "Thorpe Walk", "Melton Mowbray"),
        "TH 18:00-20:00 | Four weeks @2027-01-14..2027-02-04",
    ),
    (
        "wellness-planning",
        "Making a Wellness and Recovery Plan",
        "Create your own plan for staying well and what to do when things get difficult.",
        "Over five weeks you'll put together your own wellness and recovery plan: what keeps you "
        "well, your early warning signs, and what you'd like others to do if you become unwell.",
        ["wellbeing", "learning"],
        ("Harborough Community Hub", "Adam and Eve Yard", "Market Harborough"),
        "FR 10:00-12:00 | Five weeks @2026-11-06..2026-12-04",
    ),
    (
        "creative-writing",
        "Creative Writing for Wellbeing",
        "Ten weeks of gentle creative writing: poems, stories and journalling. No experience "
        "needed.",
        "Writing can help us make sense of our experiences. In this ten-week course you'll try "
        "poems, short stories and journalling in a relaxed group.",
        ["arts-and-crafts", "learning", "wellbeing"],
        RC_HQ,
        "MO 13:00-15:00 | Ten weeks @2027-01-11..2027-03-15",
    ),
    (
        "mindfulness-beginners",
        "Mindfulness for Beginners",
        "An introduction to mindfulness: simple practices to help with stress, worry and sleep.",
        "This six-week course introduces simple mindfulness practices, like mindful breathing and "
        "walking, that you can fit into everyday life.",
        ["wellbeing", "learning"],
        ("Rutland Learning Rooms", "Burley Walk", "Oakham"),
        "WE 14:00-15:30 | Six weeks @2027-01-20..2027-02-24",
    ),
    (
        "autism-and-mental-health",
        "Understanding Autism and Mental Health",
        "A course for autistic adults and those who support them, about autism, anxiety and "
        "wellbeing.",
        "Co-taught by an autistic trainer, this course looks at autism, sensory needs, masking and "
        "burnout, and how they connect with anxiety and low mood.",
        ["wellbeing", "learning"],
        RC_HQ,
        "TH 10:00-12:30 | Four weeks @2027-03-04..2027-03-25",
    ),
    (
        "back-to-work",
        "Getting Back to Work or Volunteering",
        "A five-week course on returning to work, study or volunteering after mental ill health.",
        "If you're thinking about going back to work, study or volunteering, this course helps you "
        "weigh up the options, understand your rights and plan your next steps.",
        ["employment-support", "volunteering", "learning"],
        ("Wigston Library Rooms", "Bull Head Walk", "Wigston"),
        "TU 13:00-15:00 | Five weeks @2027-02-23..2027-03-23",
    ),
    (
        "easy-read-feelings",
        "Feelings and Keeping Well (easy read)",
        "An easy-read course for adults with a learning disability about feelings and staying "
        "well.",
        "This course is for adults with a learning disability. We use pictures, games and easy "
        "words to talk about feelings, worries and what helps us feel better.",
        ["wellbeing", "learning"],
        RC_HQ,
        "FR 10:30-12:00 | Six weeks @2027-01-15..2027-02-19",
    ),
]:
    add_service(
        "riverside-recovery-college",
        f"recovery-college-{slug}",
        f"Recovery College: {name}",
        summary,
        lead,
        needs,
        ["recovery-college"],
        at,
        [when],
        ref="S",
        area=["llr"],
        note="Places are limited to 14 on each course. Enrol by the week before it starts.",
        refdesc="Enrol online at https://example.org/riverside-recovery-college/courses or ring "
        "the college office. You don't need a referral, and you can bring a supporter.",
    )

# ---------------------------------------------------------------------------
# Helplines and phone services covering all of LLR
# ---------------------------------------------------------------------------
add_org(
    "talk-it-through-line",
    "Talk It Through Listening Line",
    "A volunteer listening line for anyone in Leicester, Leicestershire and Rutland who needs to "
    "talk.",
    tel="free",
)
add_service(
    "talk-it-through-line",
    "talk-it-through-evening-line",
    "Evening Listening Line",
    "Talk to a trained volunteer every evening until midnight. Free and confidential. Not an "
    "emergency service.",
    "If you're feeling low, lonely, worried or just need to hear a friendly voice, you can ring "
    "our volunteers every evening.",
    ["telephone-friendship", "wellbeing", "loneliness-and-isolation"],
    ["helpline"],
    None,
    [f"{ALL_DAYS} 18:00-00:00"],
    area=["llr"],
    tel="own",
    more="We're a listening service, not a crisis service. In an emergency ring 999, or ring NHS "
    "111 and choose option 2 for urgent mental health help.",
)

add_org(
    "tea-and-talk-phone-friends",
    "Tea and Talk Phone Friends",
    "A telephone friendship service matching older people with volunteers for a weekly chat.",
    tel="free",
)
add_service(
    "tea-and-talk-phone-friends",
    "tea-and-talk-weekly-calls",
    "Weekly Friendship Calls",
    "A regular weekly phone call with the same friendly volunteer, for people aged 65+ who live "
    "alone.",
    "We match you with a volunteer who rings at the same time each week for a chat about anything "
    "and everything: family, gardening, the old days, the football.",
    ["telephone-friendship", "befriending"],
    ["helpline"],
    None,
    [f"{WEEKDAYS} 10:00-16:00 | Office hours for new callers"],
    ref="SP",
    ages=(65, None),
    area=["llr"],
    tel="own",
    langs=["gu", "pa"],
)
add_service(
    "tea-and-talk-phone-friends",
    "tea-and-talk-group-calls",
    "Telephone Chat Groups",
    "Join a small group phone call from home: quizzes, reminiscence and a natter. For people aged "
    "65+.",
    "Our group calls bring five or six people together on the phone for an hour, with a volunteer "
    "host. There's a quiz on Tuesdays and memories on Thursdays.",
    ["telephone-friendship", "social-groups"],
    ["helpline"],
    None,
    ["TU 14:00-15:00", "TH 14:00-15:00"],
    ref="SP",
    ages=(65, None),
    area=["llr"],
)

add_org(
    "money-line-llr",
    "MoneyLine LLR",
    "A free phone and webchat service for money, benefits and debt advice across Leicester, "
    "Leicestershire and Rutland.",
    tel="free",
)
add_service(
    "money-line-llr",
    "money-line-phone",
    "Money and Benefits Advice Line",
    "Free phone advice about benefits, debt, bills and universal credit. Ring or use webchat.",
    "Ring us for quick, confidential advice on benefits, debts, energy bills, council tax and "
    "universal credit. If your problem is complicated we'll book you in with a caseworker.",
    ["benefits-advice", "debt-advice", "bills-and-energy"],
    ["helpline", "advice-service"],
    None,
    [f"{WEEKDAYS} 09:00-17:00", "WE 17:00-19:00 | Late line"],
    area=["llr"],
    tel="own",
    langs=["pl", "gu", "pa", "ur"],
)

add_org(
    "llr-carers-line",
    "LLR Carers' Line",
    "Advice and a listening ear for unpaid carers, run jointly by carers' organisations across "
    "LLR.",
    tel="free",
)
add_service(
    "llr-carers-line",
    "carers-line",
    "Carers' Helpline",
    "Free advice and a listening ear for anyone who looks after a family member or friend.",
    "Looking after someone can be hard going. Ring us to talk it through, find out about carer's "
    "allowance and carer's assessments, or get details of local carers' groups.",
    ["carers", "telephone-friendship"],
    ["helpline"],
    None,
    [f"{WEEKDAYS} 09:00-17:00", "TU,TH 17:00-20:00"],
    ages=(None, None),
    area=["llr"],
    tel="own",
)

# ===========================================================================
# LEICESTERSHIRE: organisations working in several districts
# ===========================================================================
add_org(
    "leics-social-prescribing",
    "Leicestershire Social Prescribing Partnership",
    "The social prescribing link worker service for GP practices across Leicestershire's seven "
    "districts.",
    tel="county",
)
for _district, _hood, _place, _venue, _street in [
    (
        "charnwood",
        "charnwood-loughborough",
        "Loughborough",
        "Loughborough Health Centre",
        "Pinfold Walk",
    ),
    (
        "hinckley-and-bosworth",
        "hinckley-hinckley",
        "Hinckley",
        "Hinckley Health Centre",
        "Bowling Green Walk",
    ),
    (
        "north-west-leicestershire",
        "nwl-coalville",
        "Coalville",
        "Coalville Health Centre",
        "Memorial Walk",
    ),
    (
        "harborough",
        "harborough-market-harborough",
        "Market Harborough",
        "Harborough Medical Centre",
        "Welland Walk",
    ),
    ("melton", "melton-mowbray", "Melton Mowbray", "Melton Health Centre", "Wilton Walk"),
    ("oadby-and-wigston", "oadby", "Oadby", "Oadby Medical Centre", "Brabazon Walk"),
    ("blaby", "blaby-narborough", "Enderby", "Enderby Medical Centre", "Mill Hill Walk"),
]:
    _dn = DISTRICTS[_district]["name"]
    add_service(
        "leics-social-prescribing",
        f"social-prescribing-{_district}",
        f"Social Prescribing Link Workers, {_dn}",
        f"Link workers in {_dn} GP practices help with loneliness, money, getting active and more. "
        f"Ask your surgery.",
        f"Our link workers work from GP practices across {_dn}. They'll spend time getting to know "
        f"you and what "
        "matters to you, then help you connect with groups, activities and advice nearby.",
        [
            "loneliness-and-isolation",
            "benefits-and-money",
            "healthy-lifestyles",
            "community-activity",
        ],
        ["social-prescribing"],
        (_venue, _street, _place),
        [f"{WEEKDAYS} 09:00-17:00 | Appointments through your GP practice"],
        ref="P",
        area=[_district],
    )

add_org(
    "leics-carers-network",
    "Leicestershire Carers' Network",
    "Carers' groups and cafés across Leicestershire, run by carers for carers.",
    tel="county",
)
for _slug, _name, _place, _venue, _street, _when, _lead, _cost in [
    (
        "charnwood",
        "Charnwood Carers' Café",
        "Loughborough",
        "Baxter Gate Chapel Rooms",
        "Tanners Yard",
        "M 1TU 10:30-12:30",
        "Our carers' café in Loughborough is a monthly chance to have a cuppa, meet other carers "
        "and find out about breaks, benefits and support.",
        ("Per visit", 1.0, "£1 for tea and cake"),
    ),
    (
        "hinckley",
        "Hinckley Carers' Group",
        "Hinckley",
        "Castle Street Methodist Rooms",
        "Regent Walk",
        "M 2TH 13:30-15:30",
        "We meet once a month in Hinckley for a relaxed afternoon of tea, chat and the odd guest "
        "speaker.",
        None,
    ),
    (
        "nwl",
        "Coalville Carers' Coffee Morning",
        "Coalville",
        "Coalville Memorial Rooms",
        "Belvoir Walk",
        "M -1WE 10:00-12:00",
        "Come and join other carers from across North West Leicestershire for our coffee morning, "
        "held on the last Wednesday of each month.",
        ("Per visit", 1.5, "£1.50 for coffee and cake"),
    ),
    (
        "harborough",
        "Harborough Carers' Group",
        "Market Harborough",
        "Congregational Church Rooms",
        "Coventry Walk",
        "M 3MO 14:00-16:00",
        "Our Harborough group is small and friendly. We share tips, grumble a bit, laugh a lot and "
        "sometimes have a speaker from social care or the NHS.",
        None,
    ),
    (
        "oadby-wigston",
        "Oadby and Wigston Carers' Evening",
        "Wigston",
        "Wigston Methodist Hall",
        "Frederick Walk",
        "M 2WE 18:30-20:30",
        "Our evening group is for working carers and anyone who can't get to daytime groups.",
        ("Per session", 1.0, "£1 for refreshments"),
    ),
]:
    add_service(
        "leics-carers-network",
        f"carers-group-{_slug}",
        _name,
        f"A monthly group for unpaid carers in and around {_place}: a cuppa, support and "
        f"information.",
        _lead,
        ["carers", "social-groups"],
        ["peer-support"],
        (_venue, _street, _place),
        [_when],
        ages=(None, None),
        cost=_cost,
        elig="Unpaid carers of any age. Bring the person you care for if you need to.",
    )

add_org(
    "county-money-advice",
    "County Money Advice",
    "Free, independent advice on benefits, debt and money in Harborough, Melton, Blaby and Oadby "
    "and Wigston.",
    tel="county",
)
for _slug, _place, _venue, _street, _district, _when in [
    (
        "harborough",
        "Market Harborough",
        "Harborough Community Hub",
        "Adam and Eve Yard",
        "harborough",
        ["TU 09:30-12:30", "TU 13:30-15:30"],
    ),
    (
        "lutterworth",
        "Lutterworth",
        "Lutterworth Town Hall Rooms",
        "Bitteswell Walk",
        "harborough",
        ["M 2TH 10:00-13:00", "M 4TH 10:00-13:00"],
    ),
    (
        "melton",
        "Melton Mowbray",
        "Melton Advice Rooms",
        "Nottingham Walk",
        "melton",
        ["MO,WE 10:00-15:00"],
    ),
    (
        "blaby",
        "Narborough",
        "Narborough Parish Rooms",
        "Copt Oak Walk",
        "blaby",
        ["TH 09:30-12:30"],
    ),
    (
        "oadby-wigston",
        "Wigston",
        "Wigston Advice Rooms",
        "Long Street Yard",
        "oadby-and-wigston",
        ["FR 10:00-13:00"],
    ),
]:
    add_service(
        "county-money-advice",
        f"money-advice-{_slug}",
        f"Benefits and Debt Advice, {_place}",
        f"Free help with benefits, debt, bills and forms in {_place}.",
        {
            "harborough": "Our Market Harborough advice sessions cover everything from universal "
            "credit and PIP forms to council tax arrears and energy debts.",
            "lutterworth": "Twice a month an adviser comes to Lutterworth so you don't have to "
            "travel into Harborough for help with benefits, debts and bills.",
            "melton": "In Melton we help people with benefit claims and appeals, debt, bailiffs "
            "and money worries, including farmers and self-employed people.",
            "blaby": "Our Narborough session helps people across Blaby district with benefit "
            "claims, debt problems and budgeting.",
            "oadby-wigston": "Our Friday session in Wigston helps with benefits, debt and "
            "budgeting, including help to challenge a benefit decision.",
        }[_slug],
        ["benefits-advice", "debt-advice", "benefits-and-money"],
        ["advice-service"],
        (_venue, _street, _place),
        _when,
        ref="SD" if _slug != "melton" else "SP",
        area=[_district],
    )

add_org(
    "leics-wellbeing-walks",
    "Leicestershire Wellbeing Walks",
    "Free, friendly led walks across Leicestershire for people who want to get more active.",
    tel="county",
)
for _slug, _name, _place, _venue, _street, _when, _lead in [
    (
        "ashby",
        "Ashby Walk and Talk",
        "Ashby-de-la-Zouch",
        "Ashby Castle car park meeting point",
        "Castle Walk",
        "TU 10:00-11:15",
        "Our Ashby walk starts at the castle and follows quiet paths and lanes for about an hour. "
        "It's a great way to get some fresh air and meet people.",
    ),
    (
        "wigston",
        "Wigston Wellbeing Walk",
        "Wigston",
        "Peace Memorial Park meeting point",
        "Aylestone Lane Gate",
        "WE 10:30-11:30",
        "We walk an easy route around Wigston's parks and the canal every Wednesday, then stop for "
        "a cuppa.",
    ),
    (
        "harborough",
        "Harborough Canal Walkers",
        "Market Harborough",
        "Union Wharf meeting point",
        "Union Wharf Walk",
        "FR 10:00-11:30",
        "Every Friday we set off from Union Wharf along the towpath, at a gentle pace with plenty "
        "of stops to watch the boats.",
    ),
    (
        "blaby",
        "Narborough Riverside Walk",
        "Narborough",
        "Narborough Station meeting point",
        "Station Walk",
        "MO 10:00-11:00",
        "Our Monday walk follows the river and fields around Narborough, about 4km, with stiles "
        "avoided where we can.",
    ),
    (
        "coalville",
        "Coalville Heritage Walk",
        "Coalville",
        "Coalville Clock Tower meeting point",
        "Memorial Square",
        "TH 13:30-14:45",
        "We explore Coalville's old railway lines and parks on our Thursday afternoon walk, with a "
        "bit of local history from our walk leaders.",
    ),
]:
    add_service(
        "leics-wellbeing-walks",
        f"wellbeing-walk-{_slug}",
        _name,
        f"A free, friendly led walk in {_place} for all abilities. Just turn up.",
        _lead,
        WELLBEING_WALK,
        ["vcs-group"],
        (_venue, _street, _place),
        [_when],
        ages=(None, None),
        acc=["Parking nearby", "On a bus route"],
        cost=("Per walk", 1.0, "£1 a walk towards insurance")
        if _slug in ("coalville", "harborough")
        else None,
    )

add_org(
    "leics-recovery-community",
    "Leicestershire Recovery Community",
    "Peer-led recovery groups and cafés for people affected by drink, drugs or gambling across "
    "Leicestershire.",
    tel="county",
)
for _slug, _name, _place, _venue, _street, _when, _lead, _needs in [
    (
        "loughborough",
        "Loughborough Recovery Café",
        "Loughborough",
        "Emmanuel Church Rooms",
        "Forest Walk",
        "SA 11:00-14:00",
        "Our Saturday recovery café is a warm, sober place to spend the day, with food, games and "
        "people who know what recovery takes.",
        ["alcohol", "drugs", "social-groups"],
    ),
    (
        "hinckley",
        "Fresh Start Hinckley",
        "Hinckley",
        "Trinity Rooms",
        "Church Walk Yard",
        "TU 18:30-20:00",
        "Fresh Start is a peer-led group for people who want to stop or cut down drinking or drug "
        "use. We share what's working and support each other through the hard bits.",
        ["alcohol", "drugs"],
    ),
    (
        "coalville",
        "Coalville Recovery Café",
        "Coalville",
        "Coalville Recovery Rooms",
        "Hotel Walk",
        "WE 12:00-15:00",
        "Drop in for lunch and a chat at our recovery café. Everyone here is in recovery or "
        "supporting someone who is.",
        ["alcohol", "drugs", "food-support"],
    ),
    (
        "melton",
        "Melton Recovery Group",
        "Melton Mowbray",
        "Wilton Road Chapel Rooms",
        "Chapel Walk",
        "TH 18:00-19:30",
        "Our Melton group meets weekly for people recovering from problems with alcohol, drugs or "
        "gambling. You don't have to have stopped to come along.",
        ["alcohol", "drugs", "gambling"],
    ),
    (
        "gambling",
        "Gamblers' Peer Group",
        "Loughborough",
        "Emmanuel Church Rooms",
        "Forest Walk",
        "M 1MO 18:30-20:00",
        "This monthly peer group is for people who are trying to stop gambling, whether it's "
        "betting shops, online casinos, fruit machines or scratchcards.",
        ["gambling"],
    ),
]:
    add_service(
        "leics-recovery-community",
        f"recovery-{_slug}",
        _name,
        f"A peer-led group in {_place} for people recovering from "
        + (
            "gambling."
            if _needs == ["gambling"]
            else "drink or drug problems, and anyone thinking about it."
        ),
        _lead,
        _needs,
        ["peer-support"],
        (_venue, _street, _place),
        [_when],
        area=LEICS_DISTRICTS,
        cost={
            "loughborough": ("Pay as you feel", 0, "Pay as you feel"),
            "coalville": ("Pay as you feel", 0, "Pay as you feel"),
            "hinckley": ("Per session", 1.0, "£1 for refreshments"),
            "melton": ("Per session", 1.0, "£1 for refreshments"),
        }.get(_slug),
    )

# ===========================================================================
# CHARNWOOD
# ===========================================================================
add_org(
    "charnwood-mental-health-forum",
    "Charnwood Mental Health Forum",
    "A Loughborough charity run by people with experience of mental ill health. We run The Kettle "
    "crisis café and peer groups across Charnwood.",
    tel="county",
)
add_service(
    "charnwood-mental-health-forum",
    "the-kettle-crisis-cafe",
    "The Kettle Crisis Café",
    "Loughborough's evening crisis café, Monday to Friday. Drop in if you're in distress. Free, no "
    "referral needed.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe"],
    ("The Kettle", "16 Ropers Yard, Baxter Gate", "Loughborough"),
    [f"{WEEKDAYS} 18:00-23:00"],
    tel="own",
    area=["charnwood"],
    desc="The Kettle is Loughborough's evening crisis café, open Monday to Friday in the heart of "
    "town. If you're in distress, feeling suicidal, or just can't face another night on your "
    "own with your thoughts, come and see us. We're a small, friendly team of mental health "
    "workers and volunteers. We'll listen, help you calm things down, and work out together "
    "what would help you feel safer. You don't need to book or be referred.",
)
add_service(
    "charnwood-mental-health-forum",
    "kettle-peer-group",
    "Kettle Peer Support Afternoon",
    "A weekly peer support group in Loughborough for adults living with mental health problems.",
    "On Thursday afternoons the Kettle becomes a peer support group: a chance to talk about how "
    "things are going with people who have been there.",
    ["wellbeing", "social-groups"],
    ["peer-support"],
    ("The Kettle", "16 Ropers Yard, Baxter Gate", "Loughborough"),
    ["TH 14:00-16:00"],
    cost=("Per session", 0.5, "50p for a cuppa"),
)
add_service(
    "charnwood-mental-health-forum",
    "kettle-students-group",
    "Students' Wellbeing Circle",
    "A term-time peer group for college and university students aged 16 to 25 who are struggling.",
    "Student life isn't always the best time of your life. Our circle is for students who feel "
    "anxious, low, homesick or overwhelmed to meet others in the same boat.",
    ["wellbeing", "social-groups"],
    ["peer-support"],
    ("The Kettle", "16 Ropers Yard, Baxter Gate", "Loughborough"),
    ["MO 17:00-18:30 | Term time only"],
    ages=(16, 25),
    note="Term time only.",
)

add_org(
    "soar-valley-wellbeing",
    "Soar Valley Wellbeing Trust",
    "A small charity in Syston running an evening crisis café and a men's shed for the Soar Valley "
    "villages.",
    tel="county",
)
add_service(
    "soar-valley-wellbeing",
    "soar-valley-evening-cafe",
    "Soar Valley Evening Café",
    "A quiet evening crisis café in Syston on Wednesdays and Sundays for adults who are finding "
    "things hard.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe"],
    ("Syston Methodist Church Rooms", "Kingfisher Lane", "Syston"),
    ["WE,SU 18:00-22:00"],
    tel="own",
    desc="Our evening café in Syston is a quiet, welcoming place for adults who are finding things "
    "hard. Sunday evenings in particular can be lonely and anxious, so we're open then as "
    "well as on Wednesdays. Pop in, have a drink and a biscuit, and talk to someone who has "
    "time for you. If you need more help, we can make a call with you to your GP, your mental "
    "health team or a helpline.",
)
add_service(
    "soar-valley-wellbeing",
    "syston-mens-shed",
    "Syston Men's Shed",
    "A community workshop in Syston for woodwork, repairs, projects and a brew. New members "
    "welcome.",
    "Our shed is a place to make things, fix things and have a laugh. Members have built benches "
    "for the park, repaired lawnmowers and made toys for the children's ward.",
    ["social-groups", "arts-and-crafts", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Syston Men's Shed", "Unit 5, Brookside Works", "Syston"),
    ["MO,TH 09:30-13:00"],
    cost=("Annual membership", 20.0, "£20 a year membership, then £1 a visit"),
)

add_org(
    "soar-valley-befrienders",
    "Soar Valley Befrienders",
    "Volunteer befrienders for older and isolated people in Syston, Thurmaston, Sileby and the "
    "Soar Valley villages.",
    tel="county",
)
add_service(
    "soar-valley-befrienders",
    "soar-valley-befriending",
    "Befriending in the Soar Valley",
    "A volunteer visits or rings you each week for a chat. For people aged 60+ who feel lonely.",
    "If you're on your own a lot and would like some company, one of our volunteers can visit you "
    "at home or ring you every week.",
    ["befriending", "telephone-friendship", "loneliness-and-isolation"],
    ["vcs-group"],
    None,
    ["MO,WE,FR 10:00-14:00 | Office hours for enquiries"],
    ref="SP",
    ages=(60, None),
    area=["charnwood-soar-valley"],
    more="Many of our friendships have lasted years.",
)

add_org(
    "charnwood-money-advice",
    "Charnwood Money and Benefits Advice",
    "Free advice on benefits, debt and money for people living in Charnwood.",
    tel="county",
)
add_service(
    "charnwood-money-advice",
    "charnwood-money-advice-loughborough",
    "Money Advice Drop-in, Loughborough",
    "Free help with benefits, debt, universal credit and PIP. Drop in Mondays and Thursdays in "
    "Loughborough.",
    "Our advisers can help if you're struggling to claim benefits, can't pay your bills or have "
    "been sanctioned. We see people at our drop-in on Mondays and Thursdays, morning and "
    "afternoon.",
    ["benefits-advice", "debt-advice", "benefits-and-money"],
    ["advice-service"],
    ("Charnwood Advice Rooms", "9 Granby Walk", "Loughborough"),
    ["MO 10:00-12:00", "MO 13:30-15:30", "TH 10:00-12:00", "TH 13:30-15:30"],
    langs=["gu", "pl"],
)
add_service(
    "charnwood-money-advice",
    "charnwood-money-advice-shepshed",
    "Money Advice Outreach, Shepshed",
    "A monthly money and benefits advice session in Shepshed library.",
    "Once a month we bring our money advice service to Shepshed, so you can get help with "
    "benefits, debts and bills without travelling to Loughborough.",
    ["benefits-advice", "debt-advice"],
    ["advice-service"],
    ("Shepshed Library", "Hall Croft Walk", "Shepshed"),
    ["M 2WE 10:00-12:30"],
    area=["charnwood-north"],
)

add_org(
    "loughborough-community-fridge",
    "Loughborough Community Fridge",
    "A community fridge sharing surplus food with anyone who needs it, no questions asked.",
    tel=None,
)
add_service(
    "loughborough-community-fridge",
    "loughborough-community-fridge",
    "Loughborough Community Fridge",
    "Free surplus food for anyone, no questions asked. Fresh bread, fruit, veg and dairy.",
    "Our community fridge is stocked with food from local shops and supermarkets that would "
    "otherwise go to waste. Anyone can help themselves, and there's no need to explain why.",
    ["food-support"],
    ["vcs-group"],
    ("St Peter's Church Porch Room", "Storer Walk", "Loughborough"),
    ["TU,FR 15:00-17:00"],
    ages=(None, None),
    tel="mobile",
)

add_org(
    "loughborough-housing-help",
    "Loughborough Housing Help",
    "Housing advice and tenancy support for people in Charnwood.",
    tel="county",
)
add_service(
    "loughborough-housing-help",
    "loughborough-housing-advice",
    "Housing Advice Drop-in, Loughborough",
    "Advice if you're homeless, facing eviction or having problems with your landlord in "
    "Charnwood.",
    "We can help if you've been served notice, you're behind on rent, you're sofa surfing or your "
    "home isn't safe.",
    ["housing-advice", "homelessness"],
    ["advice-service"],
    ("Loughborough Housing Help", "2 Rectory Walk", "Loughborough"),
    ["TU,TH 10:00-14:00"],
)
add_service(
    "loughborough-housing-help",
    "charnwood-tenancy-support",
    "Charnwood Tenancy Support",
    "Short-term support at home to help you keep your tenancy and manage bills and rent.",
    "Our support workers visit you at home to help with rent, bills, letters and repairs, for up "
    "to six months.",
    ["tenancy-support"],
    ["advice-service"],
    None,
    [f"{WEEKDAYS} 09:00-17:00 | Home visits"],
    ref="P",
    area=["charnwood"],
)

add_org(
    "attic-youth-project",
    "The Attic Youth Project",
    "A youth project in Loughborough for young people aged 11 to 18.",
    tel="county",
)
add_service(
    "attic-youth-project",
    "attic-youth-club",
    "The Attic Youth Drop-in",
    "A safe, fun youth drop-in for 11 to 18 year olds in Loughborough, with youth workers to talk "
    "to.",
    "The Attic is a space for young people to hang out, play pool, cook, do art and talk to youth "
    "workers about anything that's worrying them.",
    ["social-groups", "wellbeing", "arts-and-crafts"],
    ["vcs-group"],
    ("The Attic", "Top floor, 5 Cattle Market Walk", "Loughborough"),
    ["TU,TH 17:00-20:00"],
    ages=(11, 18),
    cost=("Per session", 0.5, "50p a session, tuck shop extra"),
    more="On Tuesdays there's a quieter room for young people who find big groups hard.",
)

add_org(
    "shepshed-strollers",
    "Shepshed Strollers",
    "A friendly walking group based in Shepshed.",
    tel=None,
    web=False,
)
add_service(
    "shepshed-strollers",
    "shepshed-strollers-weekly",
    "Shepshed Strollers Wednesday Walk",
    "An easy weekly walk around Shepshed and the edge of Charnwood Forest, finishing at a café.",
    "We stroll for about an hour on Wednesday mornings, on footpaths and quiet lanes, and finish "
    "with a cuppa.",
    WELLBEING_WALK,
    ["vcs-group"],
    ("Shepshed Market Place meeting point", "Market Walk", "Shepshed"),
    ["WE 10:00-11:30", "M 1SA 10:00-13:00 | Longer monthly walk into the forest"],
    ages=(None, None),
    tel="mobile",
    cost=("Annual membership", 5.0, "£5 a year membership; your first month is free"),
    more="On the first Saturday of the month we do a longer walk into Charnwood Forest.",
)

add_org(
    "birstall-lunch-club",
    "Birstall Thursday Lunch Club",
    "A lunch club for older people in Birstall, run by volunteers from local churches.",
    tel=None,
    web=False,
)
add_service(
    "birstall-lunch-club",
    "birstall-lunch-club",
    "Birstall Thursday Lunch Club",
    "A home-cooked two-course lunch and good company for people aged 65+ in Birstall.",
    "Every Thursday our volunteers cook a traditional two-course lunch, and afterwards there's a "
    "quiz, a raffle or a singalong.",
    ["social-groups", "loneliness-and-isolation", "healthy-eating"],
    ["vcs-group"],
    ("Birstall Village Hall", "Wanlip Walk", "Birstall"),
    ["TH 12:00-14:00"],
    ages=(65, None),
    cost=("Per lunch", 5.0, "£5 for lunch and a cuppa"),
    tel="mobile",
    more="Let us know by Tuesday if you're coming, so we cook enough.",
    ref="S",
)

add_org(
    "birstall-growing-together",
    "Birstall Growing Together",
    "A community growing project on the edge of Birstall.",
    tel=None,
)
add_service(
    "birstall-growing-together",
    "birstall-growing-sessions",
    "Growing Together Sessions",
    "Grow fruit and vegetables with others at our community plot. Friendly, relaxed and outdoors.",
    "We grow food together in polytunnels and raised beds, and share what we grow. It's good for "
    "the body and the mind.",
    ["gardening", "wellbeing", "volunteering"],
    ["vcs-group"],
    ("Growing Together Plot", "Meadow Walk Allotments", "Birstall"),
    ["TU 10:00-13:00", "SA 10:00-13:00"],
    ages=(None, None),
    tel="mobile",
    cost=("Per session", 2.0, "£2 a session, tools and tea included"),
    closed="Closed over the winter. Sessions start again on Tuesday 2 March.",
)

add_org(
    "charnwood-bereavement-friends",
    "Charnwood Bereavement Friends",
    "A volunteer group supporting people who have been bereaved in Charnwood.",
    tel=None,
)
add_service(
    "charnwood-bereavement-friends",
    "loughborough-bereavement-cafe",
    "Loughborough Bereavement Café",
    "A monthly café for anyone who has lost someone, however long ago. Come for a cuppa and a "
    "chat.",
    "Our bereavement café is a relaxed place to talk about someone who has died, or just to be "
    "with others who understand, over tea and cake.",
    ["bereavement", "social-groups"],
    ["peer-support"],
    ("Loughborough Library Café Room", "Granby Walk", "Loughborough"),
    ["M 2WE 14:00-16:00"],
    tel="mobile",
    cost=("Per visit", 2.0, "£2 for tea and cake"),
)

add_org(
    "charnwood-makers-studio",
    "Charnwood Makers' Studio",
    "A community craft studio in Loughborough.",
    tel="county",
)
add_service(
    "charnwood-makers-studio",
    "charnwood-makers-drop-in",
    "Makers' Drop-in",
    "Sewing, pottery and upcycling in a friendly studio. All materials included, £3 a session.",
    "Drop in to our studio to make something with your hands: mend clothes, throw a pot, or "
    "upcycle a bit of furniture. There's always someone to show you how.",
    ["arts-and-crafts", "social-groups"],
    ["vcs-group"],
    ("Charnwood Makers' Studio", "Unit 8, Navigation Wharf", "Loughborough"),
    ["WE 13:00-16:00", "SA 10:00-13:00"],
    ages=(16, None),
    cost=("Per session", 3.0, "£3 a session, materials included"),
)

add_org(
    "charnwood-volunteer-hub",
    "Charnwood Volunteer Hub",
    "Connecting people in Charnwood with local volunteering.",
    tel="county",
)
add_service(
    "charnwood-volunteer-hub",
    "charnwood-volunteering-advice",
    "Volunteering Advice, Charnwood",
    "Find volunteering in Loughborough and Charnwood: conservation, charity shops, befriending and "
    "more.",
    "Volunteering can be a great way to build confidence, learn new skills and meet people. We'll "
    "help you find something that fits your interests and your health.",
    ["volunteering"],
    ["advice-service"],
    ("Charnwood Volunteer Hub", "9 Granby Walk", "Loughborough"),
    ["WE 10:00-13:00"],
    ages=(16, None),
)

add_org(
    "little-steps-family-hub",
    "Little Steps Family Hub",
    "Family support for parents of young children in Loughborough and Shepshed.",
    tel="county",
)
add_service(
    "little-steps-family-hub",
    "little-steps-parents-group",
    "Low Mood After Baby Group",
    "A friendly group for mums and dads who are feeling low or anxious after having a baby.",
    "Having a baby can turn your world upside down. Our group is for parents of babies under one "
    "who are finding it hard, and babies are very welcome.",
    ["family-support", "wellbeing"],
    ["peer-support"],
    ("Little Steps Family Hub", "Derby Walk", "Shepshed"),
    ["FR 10:00-11:30"],
    ref="P",
    refdesc="Ask your health visitor, midwife or GP to refer you. If you're not sure, ring us for "
    "a chat first.",
    elig="Parents and carers of babies under one year old.",
)

add_org(
    "shepshed-community-cafe",
    "Shepshed Community Café",
    "A volunteer-run community café in Shepshed.",
    tel=None,
    web=False,
)
add_service(
    "shepshed-community-cafe",
    "shepshed-warm-space",
    "Shepshed Warm Space and Soup",
    "Free soup, a warm room and company on winter weekday afternoons. Everyone welcome.",
    "From November to March we open as a warm space with free soup, bread, board games and "
    "newspapers. Come and stay as long as you like.",
    ["bills-and-energy", "food-support", "social-groups"],
    ["vcs-group"],
    ("Shepshed Community Café", "Field Walk", "Shepshed"),
    ["MO,TU,TH 13:00-16:00 @2026-11-02..2027-03-25"],
    ages=(None, None),
    tel="mobile",
)

# ===========================================================================
# HINCKLEY AND BOSWORTH
# ===========================================================================
add_org(
    "open-door-hinckley",
    "The Open Door Hinckley",
    "A Hinckley charity running a weekend crisis café and drop-in support.",
    tel="county",
)
add_service(
    "open-door-hinckley",
    "open-door-crisis-cafe",
    "The Open Door Crisis Café",
    "A weekend crisis café in Hinckley, Friday to Sunday evenings. A safe alternative to A&E. Just "
    "walk in.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe"],
    ("The Open Door", "31 Druid Walk", "Hinckley"),
    ["FR,SA,SU 18:00-23:00"],
    tel="own",
    desc="The Open Door is Hinckley's crisis café, open at weekends when it can be hardest to find "
    "help. If you're feeling low, frightened, angry or on the edge, come and talk to us "
    "instead of sitting at home alone or waiting in A&E. We'll give you space, a hot drink "
    "and someone to listen. Our staff can help you put together a simple safety plan and can "
    "point you to support in Hinckley and Bosworth during the week.",
)

add_org(
    "hinckley-money-help",
    "Hinckley Money Help",
    "Free money, benefits and debt advice in Hinckley and Bosworth.",
    tel="county",
)
add_service(
    "hinckley-money-help",
    "hinckley-money-drop-in",
    "Money Help Drop-in",
    "Free help in Hinckley with benefits, debt, universal credit and bills. Drop in on Wednesdays.",
    "Whether you need help with a universal credit claim, you've fallen behind on council tax, or "
    "you're worried about bailiffs, come and see us on a Wednesday.",
    ["benefits-advice", "debt-advice", "bills-and-energy"],
    ["advice-service"],
    ("Hinckley Money Help", "11 Regent Walk", "Hinckley"),
    ["WE 09:30-15:30"],
)
add_service(
    "hinckley-money-help",
    "earl-shilton-money-outreach",
    "Money Advice in Earl Shilton",
    "A monthly benefits and debt advice session in Earl Shilton.",
    "On the first Friday of the month our adviser is in Earl Shilton to help with benefits, debts "
    "and money worries, so you don't need to travel into Hinckley.",
    ["benefits-advice", "debt-advice"],
    ["advice-service"],
    ("Earl Shilton Community Rooms", "Wood Street Walk", "Earl Shilton"),
    ["M 1FR 10:00-12:30"],
    area=["hinckley-bosworth"],
)

add_org(
    "hinckley-food-bank",
    "Hinckley Community Food Bank",
    "A food bank supported by churches and community groups across Hinckley and Bosworth.",
    tel="county",
)
add_service(
    "hinckley-food-bank",
    "hinckley-food-parcels",
    "Hinckley Food Bank",
    "Emergency food parcels for people in crisis in Hinckley and Bosworth. You need a voucher from "
    "a referring agency.",
    "We give out emergency food parcels to people referred by local agencies, with enough food for "
    "three days.",
    ["food-support"],
    ["vcs-group"],
    ("Hinckley Food Bank", "Unit 3, Mill Walk Yard", "Hinckley"),
    ["TU,FR 11:00-13:30"],
    ref="P",
    ages=(None, None),
    more="We can also give you a hot drink and point you towards money advice.",
    refdesc="Ask your GP, housing officer, advice service, children's centre or mental health team "
    "for a food bank voucher. If you can't get one, ring us and we'll try to help.",
)

add_org(
    "earl-shilton-good-neighbours",
    "Earl Shilton Good Neighbours",
    "Volunteers helping older and lonely neighbours in Earl Shilton and Barwell.",
    tel="county",
)
add_service(
    "earl-shilton-good-neighbours",
    "earl-shilton-befriending",
    "Good Neighbours Befriending",
    "Weekly visits, lifts to appointments and help with small jobs for older people in Earl "
    "Shilton and Barwell.",
    "Our volunteers visit for a chat, give lifts to the doctor's or the shops, and help with small "
    "jobs like changing a light bulb or posting a letter.",
    ["befriending", "loneliness-and-isolation"],
    ["vcs-group"],
    None,
    ["MO,WE,FR 09:30-12:30 | Office hours"],
    ref="SP",
    ages=(60, None),
    area=["hinckley-bosworth"],
    cost=[("Befriending", 0, "Free"), ("Lifts", 3.0, "£3 for a return lift to an appointment")],
)
add_service(
    "earl-shilton-good-neighbours",
    "earl-shilton-lunch-club",
    "Friday Friendship Lunch",
    "A two-course lunch with company every Friday for older people in Earl Shilton.",
    "Our Friday lunch is a proper sit-down meal with a pudding, followed by bingo or a quiz.",
    ["social-groups", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Earl Shilton Community Rooms", "Wood Street Walk", "Earl Shilton"),
    ["FR 12:00-14:00"],
    ages=(60, None),
    cost=("Per lunch", 4.5, "£4.50 for lunch"),
    ref="S",
)

add_org(
    "hinckley-mens-shed",
    "Hinckley Men's Shed",
    "A community workshop for men in Hinckley.",
    tel=None,
)
add_service(
    "hinckley-mens-shed",
    "hinckley-mens-shed",
    "Hinckley Men's Shed",
    "A community workshop for woodwork, metalwork and tinkering, plus good company.",
    "Our members make and mend, share skills and have a good natter. We're currently moving into a "
    "bigger workshop.",
    ["social-groups", "arts-and-crafts", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Hinckley Men's Shed", "Unit 12, Harrowbrook Yard", "Burbage"),
    ["TU,TH 09:30-14:00"],
    cost=("Per visit", 1.5, "£1.50 a visit"),
    tel="mobile",
    closed="Closed while we move to our new workshop. We expect to reopen in February; ring for "
    "updates.",
)

add_org(
    "burbage-wellbeing-walkers",
    "Burbage Wellbeing Walkers",
    "A volunteer walking group in Burbage.",
    tel=None,
    web=False,
)
add_service(
    "burbage-wellbeing-walkers",
    "burbage-common-walk",
    "Burbage Common Wellbeing Walk",
    "A gentle walk in the woods and fields of Burbage Common, every Sunday morning.",
    "We meet at the visitor centre car park for a gentle walk through the woods, about 45 minutes, "
    "followed by a cuppa.",
    WELLBEING_WALK,
    ["vcs-group"],
    ("Burbage Common car park meeting point", "Common Walk", "Burbage"),
    ["SU 10:00-11:15"],
    ages=(None, None),
    tel="mobile",
    acc=["Parking nearby", "Accessible toilet"],
)

add_org(
    "bosworth-community-garden",
    "Bosworth Community Garden",
    "A community garden in Market Bosworth growing food and friendships.",
    tel=None,
)
add_service(
    "bosworth-community-garden",
    "bosworth-garden-sessions",
    "Garden Volunteering Mornings",
    "Help in the community garden: planting, weeding, harvesting and tea breaks. All welcome.",
    "Join our friendly team of volunteers growing vegetables, herbs and flowers for the town.",
    ["gardening", "volunteering", "wellbeing"],
    ["vcs-group"],
    ("Bosworth Community Garden", "Back Walk", "Market Bosworth"),
    ["WE 10:00-12:30"],
    ages=(None, None),
    tel="mobile",
    area=["hinckley-bosworth"],
)

add_org(
    "hinckley-youth-hub",
    "Hinckley Youth Hub",
    "Youth work and mental health support for young people in Hinckley.",
    tel="county",
)
add_service(
    "hinckley-youth-hub",
    "hinckley-youth-drop-in",
    "Youth Hub Drop-in",
    "After-school drop-in for 11 to 18 year olds: games, food, music and youth workers to talk to.",
    "Come and hang out at the hub after school. There's free toast, a games console, music gear "
    "and youth workers who'll listen if something's on your mind.",
    ["social-groups", "wellbeing"],
    ["vcs-group"],
    ("Hinckley Youth Hub", "8 Castle Walk", "Hinckley"),
    ["MO,WE 15:30-18:30", "FR 15:30-20:00"],
    ages=(11, 18),
    cost=("Per session", 1.0, "£1 a session"),
)
add_service(
    "hinckley-youth-hub",
    "hinckley-youth-mentoring",
    "Youth Wellbeing Mentoring",
    "One-to-one mentoring for 11 to 18 year olds who are anxious, low or struggling at school.",
    "A youth mentor meets you once a week, at school or at the hub, for up to 12 weeks.",
    ["wellbeing"],
    ["vcs-group"],
    ("Hinckley Youth Hub", "8 Castle Walk", "Hinckley"),
    [f"{WEEKDAYS} 09:00-17:00 | By appointment"],
    ages=(11, 18),
    ref="P",
)

add_org(
    "hinckley-living-with-loss",
    "Living with Loss Hinckley",
    "A bereavement support group in Hinckley.",
    tel=None,
    web=False,
)
add_service(
    "hinckley-living-with-loss",
    "living-with-loss-group",
    "Living with Loss Group",
    "A monthly support group for people who have been bereaved, in Hinckley.",
    "Our group meets once a month for people who are grieving. Some people come for a few months, "
    "some for years.",
    ["bereavement"],
    ["peer-support"],
    ("Trinity Rooms", "Church Walk Yard", "Hinckley"),
    ["M 3TU 14:00-16:00"],
    tel="mobile",
    cost=("Per session", 1.0, "£1 towards tea and room hire"),
)

add_org("hinckley-sing-out", "Hinckley Sing Out Choir", "A community choir in Hinckley.", tel=None)
add_service(
    "hinckley-sing-out",
    "hinckley-sing-out",
    "Sing Out Community Choir",
    "A friendly community choir in Hinckley. No auditions and no need to read music.",
    "We sing pop songs, musicals and a bit of everything, and we always finish with tea and "
    "biscuits.",
    ["arts-and-crafts", "social-groups", "wellbeing"],
    ["vcs-group"],
    ("Hinckley Methodist Hall", "Station Walk", "Hinckley"),
    ["TU 19:00-20:30"],
    ages=(16, None),
    cost=("Per term", 30.0, "£30 a term, or £3 a week"),
    tel="mobile",
)

# ===========================================================================
# NORTH WEST LEICESTERSHIRE
# ===========================================================================
add_org(
    "lamp-room-coalville",
    "The Lamp Room Coalville",
    "A Coalville mental health charity named after the old pit lamp room. We run an evening crisis "
    "café and peer support.",
    tel="county",
)
add_service(
    "lamp-room-coalville",
    "lamp-room-crisis-cafe",
    "The Lamp Room Crisis Café",
    "An evening crisis café in Coalville, four nights a week. Come in, have a brew, talk to "
    "someone who understands.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe", "peer-support"],
    ("The Lamp Room", "4 Pit Head Walk", "Coalville"),
    ["MO,WE,FR,SA 18:00-23:00"],
    tel="own",
    desc="The Lamp Room takes its name from the old pit lamp room, where miners checked in and out "
    "so everyone got home safe. That's what we're here for too. If you're struggling with "
    "your mental health in the evening, come in, have a brew and talk to our team. Some of us "
    "have been through crisis ourselves, so we understand. You don't need a diagnosis, an "
    "appointment or a referral.",
)
add_service(
    "lamp-room-coalville",
    "lamp-room-peer-walk",
    "Lamp Room Peer Walk",
    "A weekly walk and talk with peer supporters, starting from the Lamp Room.",
    "Every Tuesday our peer supporters lead a gentle walk from the Lamp Room, with plenty of time "
    "to talk.",
    ["physical-activity", "wellbeing"],
    ["peer-support"],
    ("The Lamp Room", "4 Pit Head Walk", "Coalville"),
    ["TU 11:00-12:30"],
)

add_org(
    "ashby-mental-health-partnership",
    "Ashby Mental Health Partnership",
    "Local churches, GPs and charities working together on mental health in Ashby and Measham.",
    tel="county",
)
add_service(
    "ashby-mental-health-partnership",
    "ivanhoe-room-crisis-cafe",
    "The Ivanhoe Room Crisis Café",
    "An evening crisis café in Ashby on Tuesdays and Sundays. Calm, welcoming, no booking needed.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe"],
    ("The Ivanhoe Room", "Parish Rooms, Tamworth Walk", "Ashby-de-la-Zouch"),
    ["TU,SU 18:00-22:00"],
    tel="own",
    desc="We run the Ivanhoe Room in Ashby on Tuesday and Sunday evenings for adults who are "
    "struggling with their mental health and need somewhere safe to go. It's calm and "
    "welcoming, and there's always someone to talk to. We can help with that 'I don't know "
    "what to do' feeling, and we can connect you with NHS 111, your GP or a community group "
    "if you'd like us to. Drop in, no booking needed.",
)
add_service(
    "ashby-mental-health-partnership",
    "measham-coffee-and-company",
    "Measham Coffee and Company",
    "A weekly coffee morning in Measham for anyone feeling lonely or wanting to meet people.",
    "Our coffee morning is a friendly place to meet neighbours, with cake, a jigsaw on the go and "
    "a warm welcome.",
    ["social-groups", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Measham Parish Rooms", "High Walk", "Measham"),
    ["TH 10:00-12:00"],
    ages=(None, None),
    cost=("Per visit", 1.0, "£1 for coffee and cake"),
    area=["nwl-ashby"],
)

add_org(
    "coalville-advice",
    "Coalville Money and Benefits Advice",
    "Free money advice for people in North West Leicestershire.",
    tel="county",
)
add_service(
    "coalville-advice",
    "coalville-money-drop-in",
    "Benefits and Debt Drop-in, Coalville",
    "Free help in Coalville with benefits, debt, bills and universal credit. Drop in Tuesdays.",
    "Our advisers help with benefit claims and appeals, rent and council tax arrears, energy debt "
    "and money worries.",
    ["benefits-advice", "debt-advice", "bills-and-energy"],
    ["advice-service"],
    ("Coalville Advice Rooms", "Belvoir Walk", "Coalville"),
    ["TU 09:30-12:00", "TU 13:00-15:30"],
    langs=["pl"],
)
add_service(
    "coalville-advice",
    "castle-donington-advice",
    "Advice Outreach, Castle Donington",
    "A monthly advice session in Castle Donington for benefits, debts and bills.",
    "Once a month we bring our advice service to Castle Donington. You can ask about benefits, "
    "debts, employment rights and more.",
    ["benefits-advice", "debt-advice", "employment-support"],
    ["advice-service"],
    ("Castle Donington Library", "Borough Walk", "Castle Donington"),
    ["M 3TH 10:00-12:30"],
    area=["nwl-castle-donington"],
)

add_org(
    "coalville-community-larder",
    "Coalville Community Larder",
    "A low-cost community food club in Coalville.",
    tel=None,
)
add_service(
    "coalville-community-larder",
    "coalville-larder",
    "Coalville Community Larder",
    "Low-cost food shopping for members: around £15 of food for £3.50.",
    "Members pay £3.50 a visit and choose around £15 of food, including fresh fruit, veg and "
    "chilled food.",
    ["food-support"],
    ["vcs-group"],
    ("Coalville Community Larder", "Ashby Walk", "Coalville"),
    ["WE 12:00-14:00", "SA 10:00-12:00"],
    ages=(None, None),
    cost=("Per visit", 3.5, "£3.50 a visit"),
    tel="mobile",
    more="No referral needed: just come along and join.",
)

add_org(
    "nwl-tenancy-support",
    "North West Leicestershire Tenancy Support",
    "Support to help people keep their homes in North West Leicestershire.",
    tel="county",
)
add_service(
    "nwl-tenancy-support",
    "nwl-tenancy-support",
    "Tenancy Support, North West Leicestershire",
    "Support to keep your home: rent, bills, repairs and neighbour problems. Referral through your "
    "housing officer or GP.",
    "If you're struggling to manage your tenancy, our workers can visit and help you sort out "
    "rent, bills, repairs and letters.",
    ["tenancy-support", "housing"],
    ["advice-service"],
    None,
    [f"{WEEKDAYS} 09:00-17:00 | Home visits"],
    ref="P",
    area=["north-west-leicestershire"],
)

add_org(
    "whitwick-mens-shed", "Whitwick Men's Shed", "A men's shed in Whitwick.", tel=None, web=False
)
add_service(
    "whitwick-mens-shed",
    "whitwick-mens-shed",
    "Whitwick Men's Shed",
    "Woodwork, repairs and a natter for men in Whitwick and Coalville.",
    "We're a group of men who like making and fixing things, from bird tables to garden benches. "
    "Retired, unemployed, or just fancy a change of scene, you'll be welcome.",
    ["social-groups", "arts-and-crafts"],
    ["vcs-group"],
    ("Whitwick Men's Shed", "Colliery Walk Workshop", "Whitwick"),
    ["WE,FR 09:00-13:00"],
    cost=("Per visit", 2.0, "£2 a visit including tea"),
    tel="mobile",
)

add_org(
    "castle-donington-lunch-club",
    "Castle Donington Friendship Lunch Club",
    "A lunch club for older people in Castle Donington and Kegworth.",
    tel=None,
    web=False,
)
add_service(
    "castle-donington-lunch-club",
    "castle-donington-lunch",
    "Friendship Lunch Club",
    "A hot lunch and company for people aged 60+ in Castle Donington. Lifts available.",
    "Our lunch club serves a hot two-course meal every Tuesday, with entertainment once a month. "
    "Volunteer drivers can bring you from Kegworth and the villages.",
    ["social-groups", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Castle Donington Methodist Hall", "Delven Walk", "Castle Donington"),
    ["TU 12:00-14:30"],
    ages=(60, None),
    cost=("Per lunch", 5.5, "£5.50 for lunch; lifts £1"),
    tel="mobile",
    ref="S",
)

add_org(
    "coalville-youth-collective",
    "Coalville Youth Collective",
    "Youth work in Coalville and Whitwick.",
    tel="county",
)
add_service(
    "coalville-youth-collective",
    "coalville-youth-nights",
    "Youth Nights",
    "Youth club nights for 11 to 18 year olds: sport, cooking, music and someone to talk to.",
    "Our youth nights are free and open to anyone aged 11 to 18. Play football, cook, make music "
    "or just chill.",
    ["social-groups", "physical-activity"],
    ["vcs-group"],
    ("Coalville Youth Centre", "Linford Walk", "Coalville"),
    ["TU,TH 18:00-20:30"],
    ages=(11, 18),
    more="Our youth workers are trained in mental health first aid.",
    cost=("Per night", 0.5, "50p a night"),
)
add_service(
    "coalville-youth-collective",
    "coalville-lgbt-youth",
    "Rainbow Youth Group",
    "A safe, friendly group for LGBTQ+ young people aged 13 to 18 in North West Leicestershire.",
    "Our fortnightly group is a space for LGBTQ+ and questioning young people to meet, chill and "
    "be themselves.",
    ["social-groups", "wellbeing"],
    ["vcs-group", "peer-support"],
    ("Coalville Youth Centre", "Linford Walk", "Coalville"),
    ["M 1WE 18:00-20:00", "M 3WE 18:00-20:00"],
    ages=(13, 18),
    area=["north-west-leicestershire", "charnwood"],
)

add_org(
    "kegworth-allotment-society",
    "Kegworth Wellbeing Allotment",
    "A shared allotment in Kegworth for people who want to grow food and be outdoors.",
    tel=None,
    web=False,
)
add_service(
    "kegworth-allotment-society",
    "kegworth-wellbeing-allotment",
    "Wellbeing Allotment Sessions",
    "Shared gardening sessions on our allotment in Kegworth. Tools and seeds provided.",
    "Our wellbeing plot is a place to dig, sow, harvest and chat, with an experienced gardener on "
    "hand.",
    ["gardening", "wellbeing"],
    ["vcs-group"],
    ("Kegworth Allotments, plot 14", "Soar Walk", "Kegworth"),
    ["TH 10:00-12:00", "M 2SA 10:00-12:00"],
    ages=(None, None),
    tel="mobile",
    area=["nwl-castle-donington"],
    cost=("Per session", 2.0, "£2 a session, first session free"),
)

# ===========================================================================
# HARBOROUGH
# ===========================================================================
add_org(
    "harborough-wellbeing-trust",
    "Harborough Wellbeing Trust",
    "A Market Harborough charity offering mental health support, including The Welland Room crisis "
    "café.",
    tel="county",
)
add_service(
    "harborough-wellbeing-trust",
    "welland-room-crisis-cafe",
    "The Welland Room Crisis Café",
    "An evening crisis café in Market Harborough, Wednesdays and Saturdays. Warm, quiet and "
    "private.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe"],
    ("The Welland Room", "7 Church Square Walk", "Market Harborough"),
    ["WE,SA 18:00-23:00"],
    tel="own",
    desc="The Welland Room is an evening drop-in in Market Harborough for adults going through a "
    "difficult time with their mental health. It's warm, quiet and private, with comfy chairs "
    "and somebody to talk to. We can help you cope with tonight and think about what comes "
    "next, whether that's talking to your GP, a helpline or a local group. If you live out in "
    "the villages and can't get in, ring us and we'll talk about what we can do.",
)
add_service(
    "harborough-wellbeing-trust",
    "harborough-anxiety-group",
    "Anxiety Support Group, Market Harborough",
    "A fortnightly peer group for adults living with anxiety, panic or OCD.",
    "Our group is for anyone who lives with anxiety, panic attacks, social anxiety or OCD. We "
    "share coping tips, set small goals and cheer each other on.",
    ["wellbeing"],
    ["peer-support"],
    ("The Welland Room", "7 Church Square Walk", "Market Harborough"),
    ["M 2MO 18:30-20:00", "M 4MO 18:30-20:00"],
    cost=("Per session", 2.0, "£2 a session towards room hire"),
)

add_org(
    "lutterworth-evening-haven",
    "Lutterworth Evening Haven",
    "A volunteer-led crisis café in Lutterworth, supported by local churches and a mental health "
    "nurse.",
    tel="county",
)
add_service(
    "lutterworth-evening-haven",
    "lutterworth-evening-haven",
    "Lutterworth Evening Haven",
    "A small Thursday evening crisis café in Lutterworth for anyone feeling overwhelmed. Come for "
    "ten minutes or all evening.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe"],
    ("St Mary's Church Rooms", "Wycliffe Walk", "Lutterworth"),
    ["TH 18:00-22:00"],
    tel="own",
    desc="Every Thursday evening we open the Evening Haven in Lutterworth for anyone who is "
    "feeling overwhelmed, anxious or in crisis. It's a small café with a friendly team of "
    "trained volunteers and a mental health worker. Come for ten minutes or stay all evening. "
    "There's no pressure to talk, but if you want to, we'll listen.",
)

add_org(
    "harborough-food-bank",
    "Harborough Food Bank",
    "The food bank for Market Harborough and villages.",
    tel="county",
)
add_service(
    "harborough-food-bank",
    "harborough-food-parcels",
    "Harborough Food Bank",
    "Emergency food parcels for people in crisis in Harborough district. Voucher needed.",
    "We provide three days of emergency food to people referred by local agencies, and can deliver "
    "to villages if you can't get into town.",
    ["food-support"],
    ["vcs-group"],
    ("Harborough Food Bank", "Unit 2, Riverside Walk", "Market Harborough"),
    ["TU,FR 12:00-14:00"],
    ref="P",
    ages=(None, None),
    area=["harborough"],
    refdesc="You'll need a voucher from an agency such as your GP, social prescriber, Jobcentre or "
    "advice service.",
)

add_org(
    "welland-valley-friendship-lunch",
    "Welland Valley Friendship Lunch",
    "A lunch club for older people in Market Harborough.",
    tel=None,
    web=False,
)
add_service(
    "welland-valley-friendship-lunch",
    "welland-valley-lunch",
    "Friendship Lunch, Market Harborough",
    "A monthly two-course lunch and afternoon of company for people aged 65 and over.",
    "Once a month we lay the tables, cook a roast and invite older people from the town and "
    "villages for lunch and a good chat.",
    ["social-groups", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Congregational Church Rooms", "Coventry Walk", "Market Harborough"),
    ["M 2WE 12:00-14:30"],
    ages=(65, None),
    cost=("Per lunch", 6.0, "£6 for a two-course lunch"),
    tel="mobile",
    ref="S",
)

add_org(
    "lutterworth-befriending",
    "Lutterworth and District Befriending",
    "Befriending for lonely and isolated people in Lutterworth and the surrounding villages.",
    tel="county",
)
add_service(
    "lutterworth-befriending",
    "lutterworth-befriending",
    "Befriending in Lutterworth and Villages",
    "A volunteer visits or rings you each week. For adults who feel lonely or cut off in south "
    "Leicestershire.",
    "Living in a village without a car can be very isolating. Our volunteers visit or ring each "
    "week, and can help you get out to local groups.",
    ["befriending", "loneliness-and-isolation", "telephone-friendship"],
    ["vcs-group"],
    None,
    ["MO,TU,TH 09:30-14:30 | Office hours"],
    ref="SP",
    area=["harborough-lutterworth"],
)

add_org(
    "lutterworth-youth-cafe",
    "Lutterworth Youth Café",
    "A youth café for young people in Lutterworth.",
    tel="county",
)
add_service(
    "lutterworth-youth-cafe",
    "lutterworth-youth-cafe",
    "Lutterworth Youth Café",
    "A friendly after-school café for 11 to 18 year olds, with youth workers and free snacks.",
    "Our youth café is a place to hang out after school, do homework, play games and talk to a "
    "youth worker if you need to.",
    ["social-groups", "wellbeing"],
    ["vcs-group"],
    ("Lutterworth Youth Café", "Market Walk", "Lutterworth"),
    ["TU,TH 15:30-18:00"],
    ages=(11, 18),
    cost=("Per visit", 1.0, "£1 a visit, snacks included"),
)

add_org(
    "harborough-green-gym",
    "Harborough Green Gym",
    "Outdoor conservation volunteering for health and wellbeing.",
    tel=None,
)
add_service(
    "harborough-green-gym",
    "harborough-green-gym",
    "Green Gym Conservation Sessions",
    "Get active outdoors: hedge-laying, tree planting and path clearing with a friendly team.",
    "Instead of a gym, we get fit by looking after local green spaces: planting trees, clearing "
    "paths and building habitats for wildlife.",
    ["gardening", "volunteering", "physical-activity"],
    ["vcs-group"],
    ("Welland Park meeting point", "Park Walk Gate", "Market Harborough"),
    ["SA 10:00-13:00"],
    ages=(16, None),
    tel="mobile",
    more="All tools and gloves are provided, and there's always a tea break.",
)

# ===========================================================================
# MELTON
# ===========================================================================
add_org(
    "stillwater-melton",
    "Stillwater Melton",
    "A mental health charity in Melton Mowbray running the Stillwater crisis café.",
    tel="county",
)
add_service(
    "stillwater-melton",
    "stillwater-crisis-cafe",
    "Stillwater Crisis Café",
    "Melton Mowbray's evening crisis café, Tuesdays and Thursdays. For anyone 18+ who feels "
    "overwhelmed or unsafe.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe"],
    ("Stillwater", "12 Sage Cross Walk", "Melton Mowbray"),
    ["TU,TH 18:00-22:00"],
    tel="own",
    desc="Stillwater is Melton Mowbray's evening crisis café, for anyone 18 or over who is feeling "
    "overwhelmed, hopeless or unsafe. We're a team of mental health workers and trained "
    "volunteers from the local area, and we've got time to listen. Farmers, carers, students, "
    "retired people: everyone is welcome. Come along on a Tuesday or Thursday evening; you "
    "don't need to ring first.",
)

add_org(
    "melton-community-pantry",
    "Melton Community Pantry",
    "A community pantry in Melton Mowbray.",
    tel=None,
)
add_service(
    "melton-community-pantry",
    "melton-pantry",
    "Melton Community Pantry",
    "Low-cost food for members: £4 a week for a bag of shopping worth much more.",
    "Our pantry helps stretch your budget. Members pay £4 a week and choose from fresh, chilled "
    "and cupboard food.",
    ["food-support"],
    ["vcs-group"],
    ("Melton Pantry", "Snow Hill Walk", "Melton Mowbray"),
    ["TH 13:00-15:30"],
    ages=(None, None),
    cost=("Weekly", 4.0, "£4 a week"),
    tel="mobile",
)

add_org(
    "melton-mens-shed",
    "Melton Men's Shed",
    "A community workshop for men in Melton Mowbray.",
    tel=None,
    web=False,
)
add_service(
    "melton-mens-shed",
    "melton-mens-shed",
    "Melton Men's Shed",
    "Make, mend and have a natter in our Melton workshop. New members always welcome.",
    "We've got a well-equipped workshop and a kettle that's always on. Members make furniture, "
    "repair tools and help out with community projects.",
    ["social-groups", "arts-and-crafts", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Melton Men's Shed", "Cattle Market Walk Workshop", "Melton Mowbray"),
    ["MO,TH 09:30-13:30"],
    cost=("Per visit", 2.0, "£2 a visit"),
    tel="mobile",
)

add_org(
    "vale-farmers-wellbeing",
    "Vale Farmers' Wellbeing Group",
    "Support for farmers, farm workers and their families in the Vale of Belvoir and Melton.",
    tel="county",
)
add_service(
    "vale-farmers-wellbeing",
    "farmers-wellbeing-breakfast",
    "Farmers' Breakfast and Wellbeing Chat",
    "A monthly breakfast at the cattle market for farmers and farm workers. Talk, or just eat.",
    "Farming can be a lonely job, and money, weather and paperwork take their toll. Once a month "
    "we put on a cooked breakfast on market day, with people on hand who understand farming and "
    "mental health.",
    ["wellbeing", "social-groups", "debt-advice"],
    ["peer-support"],
    ("Melton Cattle Market Café", "Scalford Walk", "Melton Mowbray"),
    ["M 1TU 07:30-10:00"],
    area=["melton", "harborough", "rutland"],
)
add_service(
    "vale-farmers-wellbeing",
    "farmers-confidential-line",
    "Farmers' Confidential Line",
    "A confidential phone line for farmers and their families, answered by people who know "
    "farming.",
    "Ring us about anything that's weighing on you: money worries, family, isolation or feeling "
    "low. Our volunteers come from farming backgrounds.",
    ["wellbeing", "telephone-friendship"],
    ["helpline"],
    None,
    [f"{ALL_DAYS} 07:00-21:00"],
    area=["melton", "harborough", "rutland", "charnwood"],
    tel="own",
)

add_org(
    "melton-rural-befriending",
    "Melton Rural Befriending",
    "Befriending for isolated people in the villages around Melton.",
    tel="county",
)
add_service(
    "melton-rural-befriending",
    "melton-rural-befriending",
    "Village Befriending",
    "Weekly visits or phone calls for lonely and isolated people in the villages around Melton.",
    "Our volunteers visit people in the villages around Melton who are on their own and would like "
    "company.",
    ["befriending", "loneliness-and-isolation"],
    ["vcs-group"],
    None,
    ["MO,WE 10:00-14:00 | Office hours"],
    ref="P",
    area=["melton-rural"],
    closed="Not taking new referrals until February while we train new volunteers. Existing "
    "friendships continue.",
)

add_org(
    "asfordby-lunch-club",
    "Asfordby Tuesday Lunch Club",
    "A lunch club for older people in Asfordby.",
    tel=None,
    web=False,
)
add_service(
    "asfordby-lunch-club",
    "asfordby-lunch-club",
    "Asfordby Lunch Club",
    "A cooked lunch and company every Tuesday for people aged 60+ in Asfordby and nearby villages.",
    "Our lunch club has been running for over twenty years. Come for a hot meal, a pudding and a "
    "catch-up.",
    ["social-groups", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Asfordby Village Hall", "Main Walk", "Asfordby"),
    ["TU 12:00-14:00"],
    ages=(60, None),
    cost=("Per lunch", 5.0, "£5 a lunch"),
    tel="mobile",
    area=["melton-rural"],
    ref="S",
)

add_org(
    "long-clawson-village-hub",
    "Long Clawson Village Hub",
    "A village community hub in Long Clawson.",
    tel=None,
    web=False,
)
add_service(
    "long-clawson-village-hub",
    "long-clawson-craft-club",
    "Village Craft and Chat",
    "A monthly craft afternoon in Long Clawson: knitting, card-making and cake.",
    "Once a month we gather in the village hall to make cards, knit, sew and chat, with plenty of "
    "tea and cake.",
    ["arts-and-crafts", "social-groups"],
    ["vcs-group"],
    ("Long Clawson Village Hall", "Church Walk", "Long Clawson"),
    ["M 3FR 14:00-16:00"],
    ages=(None, None),
    cost=("Per session", 2.0, "£2 including tea"),
    tel="mobile",
    area=["melton-rural"],
)

add_org(
    "melton-young-minds",
    "Melton Young Minds Group",
    "Wellbeing support for young people in Melton.",
    tel="county",
)
add_service(
    "melton-young-minds",
    "melton-young-minds",
    "Young Minds Wellbeing Group",
    "A weekly group for 13 to 18 year olds who are struggling with stress, anxiety or low mood.",
    "Our group helps young people understand their feelings, learn ways to cope and make friends.",
    ["wellbeing", "social-groups"],
    ["vcs-group"],
    ("Melton Youth Centre", "Burton Walk", "Melton Mowbray"),
    ["WE 16:30-18:00"],
    ages=(13, 18),
    ref="P",
    refdesc="Young people are referred by their school, GP, school nurse or CAMHS. Parents can "
    "ring us to ask about a referral.",
)

# ===========================================================================
# OADBY AND WIGSTON
# ===========================================================================
add_org(
    "the-porch-wigston",
    "The Porch Wigston",
    "A Wigston charity offering an evening crisis café and peer support.",
    tel="county",
)
add_service(
    "the-porch-wigston",
    "porch-crisis-cafe",
    "The Porch Crisis Café",
    "An evening crisis café in Wigston on Sunday, Monday and Tuesday nights. Free, confidential, "
    "just walk in.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe", "peer-support"],
    ("The Porch", "21 Bell Walk", "Wigston"),
    ["SU,MO,TU 18:00-22:00"],
    tel="own",
    desc="The Porch is an evening crisis café in Wigston, open on Sunday, Monday and Tuesday "
    "nights. We're a safe space if you're feeling distressed, having thoughts of harming "
    "yourself, or just need to get out of the house and be with people who understand. Our "
    "team includes peer workers with lived experience of mental health crisis. We're free, "
    "confidential and you can just walk in.",
)
add_service(
    "the-porch-wigston",
    "porch-peer-afternoon",
    "Porch Peer Support Afternoon",
    "A weekly peer support group in Wigston for adults with mental health problems.",
    "Our Thursday afternoon group is for people living with mental health problems to share "
    "experiences and support each other, with crafts and games for those who'd rather not talk.",
    ["wellbeing", "social-groups"],
    ["peer-support"],
    ("The Porch", "21 Bell Walk", "Wigston"),
    ["TH 13:30-15:30"],
    cost=("Per session", 1.0, "£1 a session"),
)

add_org(
    "wigston-community-pantry",
    "Wigston Community Pantry",
    "A community pantry in South Wigston.",
    tel=None,
)
add_service(
    "wigston-community-pantry",
    "wigston-pantry",
    "South Wigston Pantry",
    "A low-cost food pantry in South Wigston: choose £15 of food for £3.",
    "Our pantry is a friendly place to get your weekly basics for less. Members choose about £15 "
    "of food for £3.",
    ["food-support"],
    ["vcs-group"],
    ("South Wigston Pantry", "Canal Walk", "South Wigston"),
    ["MO,TH 11:00-13:00"],
    ages=(None, None),
    cost=("Per visit", 3.0, "£3 a visit"),
    tel="mobile",
)

add_org(
    "oadby-friendship-club",
    "Oadby Friendship Club",
    "A social club for older people in Oadby.",
    tel=None,
    web=False,
)
add_service(
    "oadby-friendship-club",
    "oadby-friendship-club",
    "Oadby Friendship Afternoon",
    "Tea, cake, music and friendship for people aged 60+ in Oadby. Every Wednesday.",
    "Our Wednesday afternoons are a chance to get out of the house, meet friends, enjoy a "
    "singalong or a talk, and have a good cup of tea.",
    ["social-groups", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Oadby Baptist Hall", "Brookside Walk", "Oadby"),
    ["WE 14:00-16:00"],
    ages=(60, None),
    cost=("Per visit", 2.5, "£2.50 a session, first session free"),
    tel="mobile",
)

add_org(
    "oadby-bereavement-cafe",
    "Oadby Bereavement Café",
    "A bereavement café in Oadby, run by volunteers.",
    tel=None,
    web=False,
)
add_service(
    "oadby-bereavement-cafe",
    "oadby-bereavement-cafe",
    "Oadby Bereavement Café",
    "A monthly café for people who are grieving, with trained volunteers to listen.",
    "Our café is a gentle place to come after a loss. Talk about the person you've lost, or just "
    "sit quietly with a cup of tea.",
    ["bereavement"],
    ["peer-support"],
    ("Oadby Library Rooms", "Sandhurst Walk", "Oadby"),
    ["M 1SA 10:30-12:30"],
    tel="mobile",
    cost=("Per visit", 2.0, "£2 for tea and cake"),
    closed="No café in December or January. We're back on Saturday 6 February.",
)

add_org(
    "wigston-youth-space",
    "Wigston Youth Space",
    "Youth work for young people in Wigston.",
    tel="county",
)
add_service(
    "wigston-youth-space",
    "wigston-youth-space",
    "Wigston Youth Space",
    "After-school youth sessions for 11 to 18 year olds: sport, art, cooking and chill-out time.",
    "Drop in after school to play table tennis, cook, make art or just chill with friends. Our "
    "youth workers are always around to chat.",
    ["social-groups", "physical-activity"],
    ["vcs-group"],
    ("Wigston Youth Space", "Paddock Walk", "Wigston"),
    ["MO,WE 16:00-19:00"],
    ages=(11, 18),
    cost=("Per session", 0.5, "50p a session"),
)

add_org(
    "oadby-wigston-active",
    "Active Oadby and Wigston",
    "Physical activity programmes for people in Oadby and Wigston.",
    tel="county",
)
add_service(
    "oadby-wigston-active",
    "ow-exercise-referral",
    "Exercise on Referral, Oadby and Wigston",
    "A 12-week supervised exercise programme for people with health conditions. GP or nurse "
    "referral.",
    "Our qualified instructors will build an exercise plan around your health, whether that's the "
    "gym, swimming or a gentle class.",
    ["physical-activity", "wellbeing"],
    ["social-prescribing"],
    ("Parklands Leisure Centre", "Leicester Walk", "Oadby"),
    [f"{WEEKDAYS} 09:00-20:00 | Booked sessions"],
    ref="P",
    ages=(16, None),
    area=["oadby-and-wigston"],
    cost=("Per session", 2.5, "£2.50 a session"),
)

# ===========================================================================
# BLABY
# ===========================================================================
add_org(
    "soar-lights-narborough",
    "Soar Lights Narborough",
    "A late-night crisis café in Narborough, run by a local mental health charity.",
    tel="county",
)
add_service(
    "soar-lights-narborough",
    "soar-lights-crisis-cafe",
    "Soar Lights Late-Night Crisis Café",
    "A late-night crisis café in Narborough, open until 1am on Fridays and Saturdays.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe"],
    ("Soar Lights", "2 Riverside Walk", "Narborough"),
    ["FR,SA 19:00-01:00"],
    tel="own",
    desc="Soar Lights is a late-night crisis café in Narborough, open until 1am on Friday and "
    "Saturday nights. Weekends can be the loneliest time, especially if drinking, money or "
    "relationships are making things worse. Come in, take a seat and have a hot drink. Our "
    "staff and volunteers will listen, help you calm down and work out what will help you get "
    "through to the morning.",
)

add_org(
    "glenfield-food-bank",
    "Glenfield and Braunstone Town Food Bank",
    "A food bank for people across Blaby district.",
    tel="county",
)
add_service(
    "glenfield-food-bank",
    "glenfield-food-parcels",
    "Glenfield Food Bank",
    "Emergency food parcels for people in Blaby district. You need a voucher from a referring "
    "agency.",
    "We give out emergency food parcels to local people in crisis, with a warm welcome and a hot "
    "drink.",
    ["food-support"],
    ["vcs-group"],
    ("Glenfield Food Bank", "Stamford Walk Church Hall", "Glenfield"),
    ["WE 11:00-13:00", "SA 10:00-12:00"],
    ref="P",
    ages=(None, None),
    area=["blaby"],
    refdesc="Ask your GP, social prescriber, council or advice service for a food bank voucher.",
)

add_org(
    "braunstone-town-befriending",
    "Braunstone Town Befriending",
    "Befriending for older people in Braunstone Town and Glenfield.",
    tel="county",
)
add_service(
    "braunstone-town-befriending",
    "braunstone-town-befriending",
    "Befriending, Braunstone Town and Glenfield",
    "A volunteer visits each week for a chat and a cuppa. For people aged 65+ living alone.",
    "Our befrienders visit older people who live alone and don't get out much. Lots of our "
    "volunteers are older people themselves.",
    ["befriending", "loneliness-and-isolation"],
    ["vcs-group"],
    None,
    ["TU,TH 10:00-14:00 | Office hours"],
    ref="P",
    ages=(65, None),
    area=["blaby-glenfield"],
)
add_service(
    "braunstone-town-befriending",
    "braunstone-town-coffee-morning",
    "Thursday Coffee Morning",
    "A friendly coffee morning for older people in Braunstone Town, with a raffle and a chat.",
    "Every Thursday morning we put the coffee on at the civic centre for anyone who fancies a "
    "chat.",
    ["social-groups", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Braunstone Civic Rooms", "Kingsway Walk", "Braunstone Town"),
    ["TH 10:00-11:30"],
    ages=(60, None),
    cost=("Per visit", 1.0, "£1 for coffee and biscuits"),
)

add_org(
    "enderby-mens-shed",
    "Enderby Men's Shed",
    "A community workshop in Enderby.",
    tel=None,
    web=False,
)
add_service(
    "enderby-mens-shed",
    "enderby-mens-shed",
    "Enderby Men's Shed",
    "Woodwork, repairs and company for men in Enderby and Narborough. Come for a brew and a look "
    "round.",
    "Our shed is open three mornings a week for men to make things, fix things, learn new skills "
    "and enjoy each other's company.",
    ["social-groups", "arts-and-crafts", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Enderby Men's Shed", "Quarry Walk Workshop", "Enderby"),
    ["MO,WE,FR 09:30-12:30"],
    cost=("Per visit", 1.5, "£1.50 a visit"),
    tel="mobile",
)

add_org(
    "glenfield-youth-club",
    "Glenfield Youth Club",
    "A youth club for young people in Glenfield.",
    tel="county",
)
add_service(
    "glenfield-youth-club",
    "glenfield-youth-club",
    "Glenfield Youth Club",
    "A youth club for 11 to 16 year olds in Glenfield: games, sport, trips and a tuck shop.",
    "Our youth club is a safe place to have fun with friends, try new things and talk to a youth "
    "worker.",
    ["social-groups", "physical-activity"],
    ["vcs-group"],
    ("Glenfield Youth Centre", "Stamford Walk", "Glenfield"),
    ["TU 18:00-20:00"],
    ages=(11, 16),
    cost=("Per night", 1.0, "£1 a night"),
    closed="Closed until further notice while we recruit a new youth worker. We hope to reopen in "
    "the spring.",
)

add_org(
    "narborough-community-garden",
    "Narborough Community Garden",
    "A community garden in Narborough.",
    tel=None,
    web=False,
)
add_service(
    "narborough-community-garden",
    "narborough-garden",
    "Community Garden Afternoons",
    "Relaxed gardening afternoons in Narborough. Grow vegetables, herbs and flowers with others.",
    "Our garden is a calm place to spend an afternoon, whether you want to dig, sow seeds or just "
    "sit in the sunshine with a cuppa.",
    ["gardening", "wellbeing", "social-groups"],
    ["vcs-group"],
    ("Narborough Community Garden", "Mill Walk", "Narborough"),
    ["TH 13:00-15:30"],
    ages=(None, None),
    tel="mobile",
)

add_org(
    "blaby-carers-friends",
    "Blaby Carers' Friends",
    "A carers' support group in Blaby district.",
    tel=None,
    web=False,
)
add_service(
    "blaby-carers-friends",
    "blaby-carers-group",
    "Blaby Carers' Support Group",
    "A monthly support group for unpaid carers in Blaby district, in Blaby village.",
    "Our group brings carers together once a month to share experiences and information, and "
    "occasionally for a trip out.",
    ["carers", "social-groups"],
    ["peer-support"],
    ("Blaby Village Hall", "Lutterworth Walk", "Blaby"),
    ["M 1TH 10:00-12:00"],
    ages=(None, None),
    tel="mobile",
    area=["blaby"],
    cost=("Per session", 1.0, "£1 for refreshments"),
)

# ===========================================================================
# RUTLAND
# ===========================================================================
add_org(
    "quiet-hour-rutland",
    "The Quiet Hour Rutland",
    "Rutland's crisis café, run by a small local mental health charity.",
    tel="county",
)
add_service(
    "quiet-hour-rutland",
    "quiet-hour-crisis-cafe",
    "The Quiet Hour Crisis Café",
    "Rutland's evening crisis café in Oakham, Mondays and Fridays. Somewhere safe to go when "
    "things feel too much.",
    None,
    ["wellbeing", "loneliness-and-isolation"],
    ["crisis-cafe"],
    ("The Quiet Hour", "5 Buttermarket Walk", "Oakham"),
    ["MO,FR 18:00-22:00"],
    tel="own",
    desc="The Quiet Hour is Rutland's crisis café, held in a calm room in the centre of Oakham on "
    "Monday and Friday evenings. Living in a rural county can be isolating, and it isn't "
    "always easy to get help after 5pm. Come and talk to our staff about what's going on; "
    "we'll listen, help you feel safer, and help you plan the next few days. Hot drinks and "
    "toast are always on offer.",
)
add_service(
    "quiet-hour-rutland",
    "quiet-hour-peer-group",
    "Quiet Hour Peer Group",
    "A fortnightly peer support group in Oakham for adults living with mental health problems.",
    "Our peer group is a friendly space to talk about living with mental health problems in a "
    "small county where everyone knows everyone.",
    ["wellbeing", "social-groups"],
    ["peer-support"],
    ("The Quiet Hour", "5 Buttermarket Walk", "Oakham"),
    ["M 1WE 14:00-16:00", "M 3WE 14:00-16:00"],
    cost=("Per session", 1.0, "£1 for tea and biscuits"),
)

add_org(
    "rutland-advice", "Rutland Advice Centre", "Free advice for people in Rutland.", tel="county"
)
add_service(
    "rutland-advice",
    "rutland-advice-oakham",
    "Money and Benefits Advice, Oakham",
    "Free help with benefits, debt, bills, employment and housing problems in Rutland.",
    "Our advisers help people across Rutland with benefits, debt, housing and employment problems.",
    ["benefits-advice", "debt-advice", "housing-advice"],
    ["advice-service"],
    ("Rutland Advice Centre", "Catmos Walk", "Oakham"),
    ["MO,WE,FR 10:00-13:00"],
)
add_service(
    "rutland-advice",
    "rutland-advice-uppingham",
    "Advice Outreach, Uppingham",
    "A monthly advice session in Uppingham for benefits, money and housing questions.",
    "Once a month we hold an advice session in Uppingham so people in the south of the county "
    "don't have to travel to Oakham.",
    ["benefits-advice", "debt-advice"],
    ["advice-service"],
    ("Uppingham Town Hall Rooms", "High Street West Walk", "Uppingham"),
    ["M 2TU 10:00-12:30"],
    area=["rutland-uppingham"],
)

add_org("rutland-food-bank", "Rutland Food Bank", "The food bank for Rutland.", tel="county")
add_service(
    "rutland-food-bank",
    "rutland-food-parcels",
    "Rutland Food Bank",
    "Emergency food for people in crisis in Rutland. Voucher needed; we can deliver to villages.",
    "We provide emergency food parcels for people across Rutland, and we can deliver if you can't "
    "get to Oakham.",
    ["food-support"],
    ["vcs-group"],
    ("Rutland Food Bank", "Unit 6, Station Walk Yard", "Oakham"),
    ["TU,FR 10:00-12:00"],
    ref="P",
    ages=(None, None),
    refdesc="You need a voucher from a referring agency such as your GP, social worker or advice "
    "centre.",
)

add_org(
    "uppingham-lunch-club",
    "Uppingham Lunch Club",
    "A lunch club for older people in Uppingham.",
    tel=None,
    web=False,
)
add_service(
    "uppingham-lunch-club",
    "uppingham-lunch-club",
    "Uppingham Wednesday Lunch Club",
    "A home-cooked lunch and company every Wednesday for people aged 65+ in Uppingham.",
    "We serve a hot lunch in the church hall every Wednesday, followed by a cup of tea and a chat.",
    ["social-groups", "loneliness-and-isolation"],
    ["vcs-group"],
    ("Uppingham Church Hall", "Leamington Walk", "Uppingham"),
    ["WE 12:00-14:00"],
    ages=(65, None),
    cost=("Per lunch", 5.5, "£5.50 for lunch"),
    tel="mobile",
    ref="S",
)

add_org(
    "rutland-carers",
    "Rutland Carers' Support",
    "Support and groups for unpaid carers in Rutland.",
    tel="county",
)
add_service(
    "rutland-carers",
    "rutland-carers-cafe",
    "Rutland Carers' Café",
    "A monthly café for unpaid carers in Oakham. Tea, cake, information and a break.",
    "Our carers' café is a relaxed monthly get-together for carers from across Rutland, with "
    "information on hand.",
    ["carers", "social-groups"],
    ["peer-support"],
    ("Oakham Victoria Rooms", "Victoria Walk", "Oakham"),
    ["M 2TH 10:30-12:30"],
    ages=(None, None),
    cost=("Per visit", 2.0, "£2 for tea and cake"),
)
add_service(
    "rutland-carers",
    "rutland-carers-advice",
    "Carers' Advice, Rutland",
    "Advice for carers: carer's assessments, carer's allowance and breaks.",
    "We can help you get a carer's assessment, apply for carer's allowance and plan breaks.",
    ["carers", "benefits-advice"],
    ["advice-service"],
    ("Rutland Carers' Support", "Catmos Walk", "Oakham"),
    ["TU,TH 09:30-15:30"],
    ages=(None, None),
)

add_org(
    "rutland-village-links",
    "Rutland Village Links",
    "Befriending and community transport for isolated people in Rutland villages.",
    tel="county",
)
add_service(
    "rutland-village-links",
    "rutland-befriending",
    "Rutland Befriending and Lifts",
    "Weekly visits or calls, and lifts to groups, for people who are lonely or can't get out in "
    "Rutland.",
    "Our volunteers visit, ring and give lifts to people in Rutland's villages who feel cut off.",
    ["befriending", "loneliness-and-isolation", "telephone-friendship"],
    ["vcs-group"],
    None,
    [f"{WEEKDAYS} 09:30-13:30 | Office hours"],
    ref="SP",
    area=["rutland"],
    cost=[
        ("Befriending", 0, "Free"),
        ("Lifts", 0.45, "Lifts 45p a mile, to cover the driver's petrol"),
    ],
)

add_org(
    "rutland-health-links",
    "Rutland Health Links",
    "The social prescribing service for Rutland's GP practices.",
    tel="county",
)
add_service(
    "rutland-health-links",
    "social-prescribing-rutland",
    "Social Prescribing Link Workers, Rutland",
    "Link workers in Rutland GP practices help with loneliness, money, carers' support and getting "
    "active.",
    "Our link workers are based in Oakham, Uppingham and Empingham surgeries and help people "
    "connect with groups, advice and activities across Rutland.",
    ["loneliness-and-isolation", "benefits-and-money", "community-activity"],
    ["social-prescribing"],
    ("Oakham Medical Practice", "Cold Overton Walk", "Oakham"),
    [f"{WEEKDAYS} 09:00-17:00 | Appointments through your GP practice"],
    ref="P",
    area=["rutland"],
)

add_org(
    "rutland-youth-project", "Rutland Youth Project", "Youth work across Rutland.", tel="county"
)
add_service(
    "rutland-youth-project",
    "rutland-youth-drop-in",
    "Oakham Youth Drop-in",
    "A youth drop-in in Oakham for 11 to 18 year olds, with youth workers to talk to.",
    "Our drop-in is a relaxed space to hang out, get help with anything that's worrying you and "
    "take part in activities.",
    ["social-groups", "wellbeing"],
    ["vcs-group"],
    ("Oakham Youth Centre", "Melton Walk", "Oakham"),
    ["WE,FR 16:00-19:00"],
    ages=(11, 18),
    cost=("Per session", 1.0, "£1 a session"),
)

add_org(
    "uppingham-art-circle",
    "Uppingham Art Circle",
    "A friendly art group in Uppingham.",
    tel=None,
    web=False,
)
add_service(
    "uppingham-art-circle",
    "uppingham-art-circle",
    "Uppingham Art Circle",
    "A weekly painting and drawing group for adults of all abilities in Uppingham.",
    "We paint and draw together every Monday afternoon, with gentle tuition for beginners and "
    "plenty of tea.",
    ["arts-and-crafts", "social-groups"],
    ["vcs-group"],
    ("Uppingham Church Hall", "Leamington Walk", "Uppingham"),
    ["MO 13:30-16:00"],
    cost=("Per session", 4.0, "£4 a session including materials"),
    tel="mobile",
    closed="Closed until the new year while our tutor is on leave. We restart on Monday 11 "
    "January.",
)

add_org(
    "rutland-water-walkers",
    "Oakham Wellbeing Walkers",
    "A walking group in Oakham.",
    tel=None,
    web=False,
)
add_service(
    "rutland-water-walkers",
    "oakham-wellbeing-walk",
    "Oakham Wellbeing Walk",
    "A friendly one-hour walk around Oakham every Thursday morning, all abilities welcome.",
    "We meet at the market place and walk for about an hour around Oakham's parks and footpaths, "
    "then have a coffee.",
    WELLBEING_WALK,
    ["vcs-group"],
    ("Oakham Market Place meeting point", "Market Walk", "Oakham"),
    ["TH 10:00-11:15"],
    ages=(None, None),
    tel="mobile",
)

# ===========================================================================
# More specialist services, mostly by professional referral
# ===========================================================================
add_service(
    "leicester-money-advice",
    "lmac-mental-health-teams",
    "Money Advice for People in Mental Health Services",
    "Benefits and debt casework for people under NHS mental health teams in Leicester. Referral by "
    "your care team.",
    "Our specialist adviser works alongside NHS community mental health teams, helping people sort "
    "out benefits, debts and bills while they're unwell, including home visits and ward visits.",
    ["benefits-advice", "debt-advice", "benefits-and-money"],
    ["advice-service"],
    None,
    [f"{WEEKDAYS} 09:00-17:00 | Appointments and home visits"],
    ref="P",
    area=["leicester"],
    elig="Adults aged 18 and over who are open to an NHS mental health team in Leicester.",
    more="We can deal with the DWP, the council and creditors for you, with your permission.",
)

add_service(
    "lantern-trust",
    "lantern-home-from-hospital",
    "Home from Hospital Peer Support",
    "A peer support worker helps you settle back home after a stay on a mental health ward. "
    "Referral from the ward.",
    "Coming home after a spell in hospital can be daunting. One of our peer support workers, who "
    "has been in hospital themselves, will meet you before you leave and support you for the first "
    "six weeks at home.",
    ["wellbeing", "loneliness-and-isolation"],
    ["peer-support"],
    None,
    [f"{WEEKDAYS} 09:00-17:00 | Visits arranged with you"],
    ref="P",
    area=["leicester", "oadby-and-wigston", "blaby"],
    refdesc="Ward staff or your community mental health team can refer you before you're "
    "discharged. Ask your named nurse about it.",
)

add_org(
    "clutter-clear-leicester",
    "Clutter Clear",
    "A small charity supporting people who hoard, or whose homes have become hard to manage, to "
    "stay safely in their homes.",
)
add_service(
    "clutter-clear-leicester",
    "clutter-clear-hoarding-support",
    "Hoarding Support at Home",
    "Gentle, non-judgemental help at home if clutter or hoarding is putting your tenancy or safety "
    "at risk.",
    "We work with people at their own pace to make their homes safer and more comfortable, without "
    "forcing anyone to throw things away.",
    ["tenancy-support", "housing", "wellbeing"],
    ["advice-service"],
    None,
    [f"{WEEKDAYS} 09:00-17:00 | Home visits"],
    ref="P",
    area=["leicester", "oadby-and-wigston", "blaby"],
    more="We also run a small online support group for people who hoard and their families.",
)

add_service(
    "step-up-young-housing",
    "step-up-supported-lodgings",
    "Supported Lodgings for Young People",
    "A room in the home of a trained host, with support to learn to live independently. For 16 to "
    "21 year olds.",
    "Supported lodgings give a young person a room of their own in a host's home, with a support "
    "worker to help with cooking, budgeting, college or work, until they're ready for their own "
    "place.",
    ["homelessness", "tenancy-support"],
    ["advice-service"],
    None,
    [f"{WEEKDAYS} 09:00-17:00"],
    ref="P",
    ages=(16, 21),
    area=["leicester", *LEICS_DISTRICTS],
    refdesc="Referrals come through the council's housing options team or children's services. If "
    "you're 16 or 17 and homeless, contact your council's housing team or come to our "
    "drop-in and we'll help.",
)

add_org(
    "fresh-start-furniture",
    "Fresh Start Furniture",
    "A furniture reuse charity providing beds, sofas and white goods to people setting up home "
    "after homelessness, hospital or crisis.",
)
add_service(
    "fresh-start-furniture",
    "fresh-start-furniture-packs",
    "Furniture and White Goods for New Tenants",
    "Free beds, furniture and white goods for people setting up home after homelessness or crisis. "
    "Referral needed.",
    None,
    ["housing", "tenancy-support", "bills-and-energy"],
    ["vcs-group"],
    ("Fresh Start Warehouse", "Unit 9, Canal Side Row", "Aylestone"),
    [f"{WEEKDAYS} 09:00-16:00 | Warehouse visits by appointment"],
    ref="P",
    ages=(None, None),
    area=["leicester", "oadby-and-wigston", "blaby"],
    people="british",
    desc="We collect good-quality donated furniture and appliances and pass them on to people "
    "moving into an empty tenancy, so nobody has to sleep on the floor in their new home. A "
    "support worker, housing officer or social prescriber refers you, and then you can visit "
    "the warehouse to choose what you need, or we can choose for you. We deliver, and our "
    "volunteers can help put beds together. Everything is free.",
)

add_org(
    "active-together-leicestershire",
    "Active Together Leicestershire",
    "Supported physical activity for people with health conditions across Leicestershire and "
    "Rutland.",
    tel="county",
)
for _slug, _place, _venue, _street, _district in [
    ("charnwood", "Loughborough", "Loughborough Leisure Centre", "Pinfold Walk", "charnwood"),
    ("hinckley", "Hinckley", "Hinckley Leisure Centre", "Coventry Walk", "hinckley-and-bosworth"),
    ("nwl", "Coalville", "Hermitage Leisure Centre", "Silver Walk", "north-west-leicestershire"),
    ("melton", "Melton Mowbray", "Waterfield Leisure Centre", "Dalby Walk", "melton"),
    ("rutland", "Oakham", "Catmose Sports Centre", "Huntsman Walk", "rutland"),
]:
    _lead = {
        "charnwood": "If you're living with depression, anxiety or another long-term condition, "
        "your GP can refer you to our 12-week programme in Loughborough, with an "
        "instructor who'll tailor sessions to you.",
        "hinckley": "Our Hinckley programme offers 12 weeks of supervised gym, swimming and "
        "classes for people whose health would benefit from being more active.",
        "nwl": "At Coalville we run a 12-week programme of gentle, supervised exercise for people "
        "with health conditions, including mental health problems.",
        "melton": "In Melton we offer a 12-week supported exercise programme, from chair-based "
        "classes to the gym, for people referred by their GP or nurse.",
        "rutland": "Our Rutland programme gives people with health conditions 12 weeks of "
        "supported exercise at Catmose, with a review at the end to help you keep "
        "going.",
    }[_slug]
    add_service(
        "active-together-leicestershire",
        f"exercise-referral-{_slug}",
        f"Exercise on Referral, {_place}",
        f"A 12-week supervised exercise programme in {_place} for people with health conditions. "
        f"GP or nurse referral.",
        _lead,
        ["physical-activity", "wellbeing"],
        ["social-prescribing"],
        (_venue, _street, _place),
        [f"{WEEKDAYS} 09:00-20:00 | Booked sessions", "SA 09:00-12:00 | Booked sessions"],
        ref="P",
        ages=(16, None),
        area=[_district],
        cost=("Per session", 2.5, "£2.50 a session, or £25 for the whole 12 weeks"),
    )

add_org(
    "growing-minds",
    "Growing Minds",
    "Therapeutic gardening for adults recovering from mental ill health in the Soar Valley.",
    tel="county",
)
add_service(
    "growing-minds",
    "growing-minds-horticulture",
    "Therapeutic Gardening Programme",
    "A 12-week therapeutic gardening programme for adults recovering from mental ill health. "
    "Referral needed.",
    "Our horticultural therapists run small groups in our walled garden, where people recovering "
    "from mental ill health grow food and flowers, learn new skills and rebuild their confidence.",
    ["gardening", "wellbeing", "learning"],
    ["vcs-group"],
    ("Growing Minds Walled Garden", "Barkby Walk", "Syston"),
    ["TU 10:00-14:00", "TH 10:00-14:00"],
    ref="P",
    area=["charnwood", "melton", "leicester-north-east"],
    refdesc="Referrals come from GPs, social prescribers and mental health teams. Ring us to talk "
    "about whether the programme is right for someone.",
)

add_org(
    "pathways-recovery-leicestershire",
    "Pathways Recovery Leicestershire",
    "The drug and alcohol service for Leicestershire and Rutland, with hubs in Loughborough, "
    "Coalville, Hinckley and Melton.",
    tel="county",
)
add_service(
    "pathways-recovery-leicestershire",
    "pathways-loughborough-hub",
    "Drug and Alcohol Service, Loughborough Hub",
    "Free, confidential help with drinking, drugs and prescription medicines. Drop in or ring to "
    "refer yourself.",
    "Whether you want to cut down your drinking, stop using drugs or get off prescription "
    "painkillers, our recovery workers can help, with talking support, medication and detox if you "
    "need it.",
    ["alcohol", "drugs", "addiction"],
    ["advice-service"],
    ("Pathways Recovery Hub", "14 Sparrow Walk", "Loughborough"),
    [f"{WEEKDAYS} 09:00-17:00", "WE 17:00-19:30 | Late opening"],
    ref="SPD",
    area=[*LEICS_DISTRICTS, "rutland"],
    more="We offer naloxone kits and needle exchange, no questions asked.",
)

add_service(
    "workwise-leicester",
    "workwise-county",
    "Employment Support in Loughborough and Coalville",
    "Help to find and keep paid work for people using mental health services in Charnwood and "
    "North West Leicestershire.",
    "Our employment specialists meet you in Loughborough or Coalville, or somewhere else that "
    "suits you, to help you find work that fits your life and your health.",
    ["employment-support"],
    ["advice-service"],
    None,
    [f"{WEEKDAYS} 09:00-17:00 | By appointment"],
    ref="P",
    area=["charnwood", "north-west-leicestershire"],
    elig="Adults aged 18 and over who are open to an NHS mental health team.",
)

# ===========================================================================
# Turning the specs into ORUK-shaped records
# ===========================================================================
DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
DAY_ORDER = list(DAY_NAMES)
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
SCHED_RE = re.compile(
    r"^(?:(M) )?([A-Z0-9,\-]+) (\d\d:\d\d)-(\d\d:\d\d)(?: \| ([^@]+?))?(?: "
    r"@(\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d))?$"
)


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def parse_schedule(text):
    m = SCHED_RE.match(text)
    if not m:
        raise ValueError(f"bad schedule {text!r}")
    monthly, byday, opens, closes, desc, vfrom, vto = m.groups()
    return {
        "freq": "MONTHLY" if monthly else "WEEKLY",
        "byday": byday,
        "opens_at": opens,
        "closes_at": closes,
        "valid_from": vfrom,
        "valid_to": vto,
        "description": desc.strip() if desc else None,
    }


def say_time(hhmm):
    h, m = map(int, hhmm.split(":"))
    if h == 0 and m == 0:
        return "midnight"
    if h == 12 and m == 0:
        return "midday"
    suffix = "am" if h < 12 else "pm"
    h12 = h % 12 or 12
    return f"{h12}{suffix}" if m == 0 else f"{h12}.{m:02d}{suffix}"


def say_days(byday, freq):
    if freq == "MONTHLY":
        m = re.match(r"^(-?\d)([A-Z]{2})$", byday)
        return f"on the {ORDINALS[int(m.group(1))]} {DAY_NAMES[m.group(2)]} of the month"
    days = byday.split(",")
    if len(days) == 7:
        return "every day"
    idx = [DAY_ORDER.index(d) for d in days]
    if len(days) >= 3 and idx == list(range(idx[0], idx[0] + len(idx))):
        return f"{DAY_NAMES[days[0]]} to {DAY_NAMES[days[-1]]}"
    names = [DAY_NAMES[d] + "s" for d in days]
    return "on " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


def say_when(schedules):
    """'on Tuesdays, 10am to 12pm and 2pm to 4pm' from schedules, or None if too complicated."""
    scheds = list(schedules)
    monthly = [x for x in scheds if x["freq"] == "MONTHLY"]
    if (
        len(monthly) == 2 == len(scheds)
        and monthly[0]["byday"][-2:] == monthly[1]["byday"][-2:]
        and (monthly[0]["opens_at"], monthly[0]["closes_at"])
        == (monthly[1]["opens_at"], monthly[1]["closes_at"])
    ):
        a, b = (ORDINALS[int(m["byday"][:-2])] for m in monthly)
        day = DAY_NAMES[monthly[0]["byday"][-2:]]
        return (
            f"on the {a} and {b} {day} of the month, {say_time(monthly[0]['opens_at'])} to "
            f"{say_time(monthly[0]['closes_at'])}"
        )
    groups = []
    for x in scheds:
        key = (x["freq"], x["byday"])
        if groups and groups[-1][0] == key:
            groups[-1][1].append(x)
        else:
            groups.append((key, [x]))
    if len(groups) > 2:
        return None
    parts = []
    for (freq, byday), items in groups:
        times = " and ".join(
            f"{say_time(i['opens_at'])} to {say_time(i['closes_at'])}" for i in items
        )
        parts.append(f"{say_days(byday, freq)}, {times}")
    return parts[0] if len(parts) == 1 else f"{parts[0]}, and {parts[1]}"


def at_place(name):
    """'the Quaker Meeting House' but 'The Lantern' and 'St Luke's Church Hall'."""
    generic_end = name.split()[-1] in (
        "Hall",
        "House",
        "Rooms",
        "Centre",
        "point",
        "Hub",
        "Library",
        "Room",
    )
    if generic_end and not name.startswith("The ") and "'s " not in name:
        return "the " + name
    return name


class Cycler:
    """Hands out sentences from a pool in a fixed shuffled order, so variety is spread evenly."""

    def __init__(self):
        self.state = {}

    def pick(self, name, pool):
        if name not in self.state:
            order = list(range(len(pool)))
            random.Random("pool-" + name).shuffle(order)
            self.state[name] = [order, 0]
        order, i = self.state[name]
        self.state[name][1] = i + 1
        return pool[order[i % len(order)]]


CYCLE = Cycler()

WELCOME = {
    "vcs-group": [
        "Everyone is welcome, whether you come every week or just now and then.",
        "You don't have to talk if you don't want to. Plenty of people just come for the company.",
        "It's a friendly, relaxed group and nobody will put you on the spot.",
        "If you're nervous about coming for the first time, give us a ring and someone will meet "
        "you at the door.",
        "Bring a friend if it helps, and we'll put the kettle on.",
        "New faces are always welcome, and there's no pressure to join in with everything.",
        "Lots of our members first came along when they were going through a hard time.",
        "Come as you are. You'll be made welcome.",
        "It's a small, friendly group, so you'll soon get to know people.",
        "Lots of people come on their own the first time, so you won't be the only new face.",
    ],
    "peer-support": [
        "Everyone who runs the group has their own lived experience.",
        "It's a safe, confidential space: what's said in the group stays in the group.",
        "You can share as much or as little as you like, or just listen.",
        "We're not counsellors, but we know what it's like, and we won't judge.",
        "Nobody will tell you what to do. We share what has worked for us.",
        "The first time can feel daunting, so feel free to get in touch beforehand for a chat.",
    ],
    "advice-service": [
        "Our advice is free, confidential and impartial.",
        "Bring any letters you've had, from the DWP, the council or your landlord, if you can.",
        "We can help you fill in forms, challenge decisions and speak to people on your behalf.",
        "If we can't help, we'll find someone who can.",
        "We won't judge you. However bad things feel, it's better to get help early.",
        "It helps to bring ID and any recent letters or bills, but don't worry if you can't.",
    ],
    "social-prescribing": [
        "It's not a medical appointment. It's a chance to talk about what would make life better "
        "for you.",
        "Link workers can help with all sorts of things, from loneliness and money worries to "
        "getting more active.",
        "If it would help, your link worker can come with you the first time you try a new group.",
        "You can usually have up to six sessions, in person or by phone.",
    ],
    "recovery-college": [
        "Every course is taught by a trainer with lived experience alongside a mental health "
        "professional.",
        "It's a classroom, not a therapy group: you won't be asked to share anything you don't "
        "want to.",
        "Courses are free and open to people who use services, carers, families and staff.",
        "Sessions are relaxed, there are plenty of breaks, and you can bring a supporter.",
    ],
    "helpline": [
        "Calls are free from landlines and mobiles and won't show on your phone bill.",
        "You can ring as often as you need to.",
        "Our volunteers are trained to listen and won't judge.",
        "If we can't answer straight away, leave a message and we'll ring you back.",
    ],
    "youth": [
        "Bring a mate if you like.",
        "You don't have to sign up or fill in any forms to come along the first time.",
        "It's a judgement-free zone, and our youth workers are easy to talk to.",
        "Parents and carers can ring us if they have any questions.",
    ],
    "older": [
        "If it's your first time, let us know and we'll save you a seat.",
        "Carers and family members are welcome to come with you.",
        "There's always a warm welcome and a comfy chair.",
        "Many of our members live alone and say it's the highlight of their week.",
    ],
}

WELCOME.update(
    {
        "food": [
            "We'll always offer you a hot drink and a chat while you wait.",
            "Our volunteers are friendly and everything is confidential.",
            "Nobody will judge you: any of us could need a hand at some point.",
        ],
        "one_to_one": [
            "Support is tailored to you, and you decide what you'd like to work on.",
            "Everything you tell us is confidential, unless we're worried about your safety or "
            "someone else's.",
            "We'll go at your pace.",
            "We can meet at home, at a local café or somewhere else you feel comfortable.",
        ],
        "general_service": [
            "Everything you tell us is confidential.",
            "We'll listen first, then talk through your options with you.",
            "You're welcome to have someone with you for support.",
            "We'll go at your pace, and you decide what happens next.",
        ],
        "befriend": [
            "You and your befriender decide together what you'd like to do.",
            "Most friendships start with a cup of tea and a chat about family, the old days or the "
            "football.",
            "We'll start with a phone call so we can get to know you a little first.",
        ],
        "course": [
            "Groups are small, so there's plenty of time for questions.",
            "Everyone learns at their own pace, and nobody will put you on the spot.",
            "Our tutors are friendly and patient.",
        ],
        "exercise": [
            "Your instructor will adapt everything to your health and fitness, and you can start "
            "very gently.",
            "Sessions are at quieter times, so you won't feel watched.",
        ],
    }
)
MONEY_HOUSING = {
    "benefits-and-money",
    "benefits-advice",
    "debt-advice",
    "bills-and-energy",
    "housing",
    "housing-advice",
    "homelessness",
    "tenancy-support",
}

NEED_EXTRA = {
    "benefits-advice": [
        "Lots of people miss out on benefits they're entitled to, so it's always worth asking.",
        "We can help with universal credit, PIP, ESA and council tax support, including appeals.",
    ],
    "debt-advice": [
        "However big the debt feels, there is usually a way forward.",
        "We won't judge you or tell you off about how the debt built up.",
    ],
    "food-support": [
        "Let us know about any allergies or dietary needs.",
        "When we can, we also have toiletries, nappies and cleaning products.",
    ],
    "homelessness": ["If you're sleeping rough tonight, come and talk to us."],
    "housing-advice": ["The sooner you get advice, the more we can usually do."],
    "tenancy-support": [
        "We work with landlords and housing officers, but only ever with your permission."
    ],
    "befriending": [
        "All our volunteers are checked and trained.",
        "We try to match you with someone who shares your interests.",
    ],
    "social-groups": [
        "Many of our members first came along because they were feeling lonely.",
        "It's a good way to meet people if you've recently moved, retired or lost someone.",
    ],
    "telephone-friendship": ["All our volunteers are trained and checked."],
    "alcohol": ["Wherever you are with your drinking or drug use, you'll get a warm welcome."],
    "drugs": ["Wherever you are with your drinking or drug use, you'll get a warm welcome."],
    "gambling": [
        "Gambling problems are more common than you think, and there's no shame in asking for help."
    ],
    "family-support": ["Every family is different, and we won't judge."],
    "carers": ["Carers often put themselves last. This is time for you."],
    "domestic-abuse": ["If you are in danger now, call 999."],
    "bereavement": ["There's no right or wrong way to grieve."],
    "physical-activity": [
        "Go at your own pace: nobody gets left behind.",
        "Being active is one of the best things you can do for your mood.",
    ],
    "healthy-eating": ["We can cater for vegetarian, vegan and halal diets."],
    "stop-smoking": ["You're much more likely to stop for good with support than on your own."],
    "wellbeing": ["There's no pressure to talk about anything you don't want to."],
    "volunteering": [
        "Volunteering is a good way to build confidence and get some recent experience on your CV."
    ],
    "arts-and-crafts": [
        "No experience needed: it's about enjoying yourself, not being good at it."
    ],
    "gardening": ["Being outdoors and growing things is good for body and mind."],
    "learning": ["You'll get handouts to take away, and there's no homework."],
    "faith-and-culture": ["People of all faiths and none are welcome."],
    "employment-support": ["We can also explain how working will affect your benefits."],
}

ACCESS = {
    "drop_in": [
        "You don't need to book. Just turn up.",
        "There's no need to book or be referred: just come along.",
        "Just drop in. You don't need to ring first.",
        "You can drop in at any point during the session.",
        "Come along whenever suits you; there's no need to book.",
        "No booking and no forms: just come in.",
        "Pop in any time while we're open.",
    ],
    "self_only": [
        "Get in touch to book a place; you can refer yourself.",
        "You can refer yourself: give us a ring and we'll have a chat.",
        "Ring or email us to book. You don't need a referral.",
    ],
    "self_and_prof": [
        "You can refer yourself, or ask your GP, social prescriber or care coordinator to refer "
        "you.",
        "Get in touch yourself, or ask someone who supports you to refer you.",
        "Referrals are welcome from anyone, including from you.",
    ],
    "prof_only": [
        "You'll need a referral from your GP, social prescriber or another professional.",
        "Referrals come through GP practices, mental health teams and other professionals.",
        "Ask your GP or care coordinator to refer you.",
        "You'll need to be referred by a professional, such as your GP or a support worker.",
    ],
}

FREE_LINES = [
    "It's free.",
    "There's no charge.",
    "It doesn't cost anything to come.",
    "It's completely free.",
    "There's nothing to pay.",
    "It won't cost you a penny.",
]
FREE_LINES_NO_VISIT = [
    "It's free.",
    "There's no charge.",
    "It's completely free.",
    "There's nothing to pay.",
]

TITLES = {
    "crisis-cafe": ["Café manager", "Crisis café lead", "Service manager"],
    "vcs-group": [
        "Group coordinator",
        "Volunteer organiser",
        "Chair",
        "Project worker",
        "Group leader",
    ],
    "peer-support": ["Peer support worker", "Group facilitator", "Peer support coordinator"],
    "social-prescribing": ["Social prescribing team leader", "Link worker coordinator"],
    "recovery-college": ["Course coordinator", "Peer trainer", "College manager"],
    "advice-service": [
        "Advice services manager",
        "Welfare rights adviser",
        "Duty adviser",
        "Service coordinator",
    ],
    "helpline": ["Helpline manager", "Volunteer coordinator"],
}

NEED_TITLES = {
    "family-support": ["Family support worker", "Family support manager"],
    "tenancy-support": ["Tenancy support manager", "Senior support worker"],
    "befriending": ["Befriending coordinator"],
    "domestic-abuse": ["Outreach team leader", "Domestic abuse adviser"],
    "volunteering": ["Volunteer centre manager", "Volunteering coach"],
    "food-support": ["Volunteer coordinator", "Project coordinator"],
    "bereavement": ["Bereavement support coordinator", "Group facilitator"],
    "gardening": ["Garden coordinator", "Volunteer organiser"],
    "stop-smoking": ["Stop smoking adviser", "Service lead"],
    "employment-support": ["Employment specialist", "Team leader"],
    "alcohol": ["Recovery worker", "Recovery coordinator"],
    "gambling": ["Gambling support practitioner", "Service lead"],
    "carers": ["Carers' support worker", "Carers' group coordinator"],
    "homelessness": ["Day centre manager", "Housing support worker"],
    "housing-advice": ["Housing adviser", "Advice manager"],
    "physical-activity": ["Activity coordinator", "Session leader"],
}

ACCESSIBILITY_OPTIONS = [
    ("Step-free access", 0.8),
    ("Accessible toilet", 0.65),
    ("Hearing loop", 0.3),
    ("Quiet room available", 0.25),
    ("Parking nearby", 0.5),
    ("On a bus route", 0.7),
]
OUTDOOR_ACCESSIBILITY = [
    ("Level paths", 0.5),
    ("Parking nearby", 0.7),
    ("On a bus route", 0.6),
    ("Benches along the way", 0.3),
]
OUTDOOR_NOTES = [
    "Look for the volunteer in a green jacket.",
    "Free parking nearby.",
    "The nearest bus stop is about two minutes' walk away.",
    "Paths can be muddy after rain, so wear sturdy shoes.",
    None,
]
TRANSPORT_NOTES = [
    "The nearest bus stop is about two minutes' walk away.",
    "Free parking behind the building.",
    "On-street parking nearby, but it can be busy.",
    "Ring the bell at the side door and someone will let you in.",
    "The entrance is round the back, through the car park.",
    "A short walk from the town centre.",
    "Blue badge parking right outside the door.",
]


def sentences(text):
    return len(re.findall(r"[.!?](?:\s|$)", text))


def yes(p, r):
    return r.random() < p


def build_location(org_slug, venue, kind, cache):
    name, address_1, locality = venue
    _hood, city, outward, _lat, _lon = PLACES[locality]
    key = f"{name}|{address_1}|{locality}"
    cache_key = (org_slug, key)
    if cache_key in cache:
        return cache[cache_key]
    r = rng("location", key)
    lat, lon = place_coords(key, locality)
    outdoor = any(
        w in name for w in ("meeting point", "Allotment", "Plot", "Garden", "Park", "Common")
    )
    if outdoor:
        acc = [a for a, p in OUTDOOR_ACCESSIBILITY if r.random() < p] or ["Parking nearby"]
        note = r.choice(OUTDOOR_NOTES)
    acc = acc if outdoor else [a for a, p in ACCESSIBILITY_OPTIONS if r.random() < p]
    if "crisis-cafe" in kind and "Quiet room available" not in acc:
        acc.append("Quiet room available")
    if not acc:
        acc = ["Step-free access"]
    note_pool = list(TRANSPORT_NOTES)
    if city in STATION_TOWNS or locality in STATION_TOWNS:
        note_pool.append("About ten minutes' walk from the railway station.")
    if not outdoor:
        note = r.choice(note_pool) if r.random() < 0.7 else None
    loc = {
        "id": uid("location", f"{org_slug}/{slugify(name)}-{slugify(locality)}"),
        "name": name,
        "address_1": address_1,
        "address_2": None if locality == city else locality,
        "city": city,
        "postcode": make_postcode(key, outward),
        "latitude": lat,
        "longitude": lon,
        "accessibility": acc,
        "transport_note": note,
    }
    cache[cache_key] = loc
    return loc


def eligibility(ages, override):
    if override:
        return override
    lo, hi = ages
    if lo is None and hi is None:
        return None
    if hi is None:
        if lo >= 50:
            return f"People aged {lo} and over."
        return f"Adults aged {lo} and over." if lo >= 18 else f"Anyone aged {lo} or over."
    if lo is None:
        return f"Children and young people up to {hi}."
    if hi <= 25:
        return (
            f"Young people aged {lo} to {hi}."
            if lo >= 11
            else f"Children and young people aged {lo} to {hi}."
        )
    return f"People aged {lo} to {hi}."


def cost_options(cost):
    if cost is None:
        return [{"option": "Free", "amount": 0, "amount_description": None}]
    items = cost if isinstance(cost, list) else [cost]
    return [{"option": o, "amount": a, "amount_description": d} for o, a, d in items]


def is_free(costs):
    return all(c["amount"] == 0 and c["amount_description"] != "Pay as you feel" for c in costs)


def referral_text(spec, phone, email, types):
    if spec["refdesc"]:
        return spec["refdesc"]
    ref = spec["ref"]
    bits = []
    if phone:
        bits.append(f"ring {phone}")
    if email:
        bits.append(f"email {email}")
    contact = " or ".join(bits) if bits else "speak to the group coordinator"
    if "helpline" in types:
        return (
            f"Just ring {phone}. You don't need a referral."
            if phone
            else "Use the online chat. No referral needed."
        )
    if "D" in ref:
        text = CYCLE.pick(
            "ref-drop",
            [
                "Just come along during opening times. If you'd like to check anything first, {c}.",
                "You can just turn up. If you have questions or would like someone to meet you, "
                "{c}.",
                "No need to book: come along when we're open. To find out more, {c}.",
            ],
        ).format(c=contact)
        if "P" in ref:
            text += (
                " Professionals are welcome to get in touch to refer someone or arrange to come "
                "with them."
            )
        return text
    if "S" in ref and "P" in ref:
        return CYCLE.pick(
            "ref-sp",
            [
                "You can refer yourself: {c}. Professionals such as GPs, social prescribers and "
                "mental health teams can also refer, with the person's agreement.",
                "Get in touch yourself ({c}), or ask your GP, social prescriber or care "
                "coordinator to refer you.",
                "Anyone can refer, including you: {c}. Professionals, please check the person is "
                "happy to be referred.",
            ],
        ).format(c=contact)
    if "S" in ref:
        return CYCLE.pick(
            "ref-s",
            [
                "Get in touch to book a place: {c}. You don't need a referral.",
                "To book, {c}. You don't need to be referred by anyone.",
            ],
        ).format(c=contact)
    if "social-prescribing" in types and "link worker" in spec["lead"]:
        return (
            "Ask your GP practice, practice nurse or pharmacist to refer you to a link worker. "
            "Other "
            f"professionals working with you can refer too: {contact}."
        )
    if "social-prescribing" in types:
        return (
            "Ask your GP, practice nurse or physiotherapist to refer you. They'll need to "
            "check the programme "
            f"is right for your health. For questions, {contact}."
        )
    return CYCLE.pick(
        "ref-p",
        [
            "You need a referral from a professional such as your GP, social prescriber, social "
            "worker or mental health team. Professionals can {c} to make a referral.",
            "Referrals come from professionals working with you, like your GP, care coordinator or "
            "support worker. To make a referral, {c}.",
        ],
    ).format(c=contact)


def build_description(spec, sched, costs, loc, flags):
    if spec["desc"]:
        return spec["desc"]
    r = rng("description", spec["slug"])
    types = spec["types"]
    main = types[0]
    parts = [spec["lead"]]
    if spec["more"]:
        parts.append(spec["more"])
    text_so_far = " ".join(parts).lower()
    optional = []
    # when and where, for groups that meet regularly
    mentions_day = (
        any(d.lower() in text_so_far for d in DAY_NAMES.values()) or "once a month" in text_so_far
    )
    plain = all(
        not s["description"] or s["description"].startswith(("Term", "Longer")) for s in sched
    )
    if (
        loc
        and sched
        and plain
        and not mentions_day
        and main in ("vcs-group", "peer-support")
        and yes(0.75, r)
    ):
        when = say_when(sched)
        if when:
            where = at_place(loc["name"])
            template = CYCLE.pick(
                "when",
                [
                    "We meet {when}, at {where}.",
                    "You'll find us at {where} {when}.",
                    "Sessions run {when}, at {where}.",
                    "We get together {when}, at {where}.",
                ],
            )
            optional.append(template.format(when=when, where=where))
    lo, hi = spec["ages"]
    needs = set(spec["needs"])
    one_to_one = (not loc and main not in ("helpline", "recovery-college")) or any(
        x["description"]
        and any(w in x["description"] for w in ("appointment", "Home visits", "Office hours"))
        for x in sched
    )
    if main == "helpline":
        pool_name = "helpline"
    elif main == "social-prescribing" and "physical-activity" in needs:
        pool_name = "exercise"
    elif main == "recovery-college":
        pool_name = main
    elif any(x["valid_from"] for x in sched) or spec["needs"][0] == "learning":
        pool_name = "course"
    elif hi is not None and hi <= 18:
        pool_name = "youth"
    elif spec["needs"][0] == "befriending":
        pool_name = "befriend"
    elif spec["needs"][0] == "food-support":
        pool_name = "food"
    elif one_to_one and main not in ("social-prescribing",):
        pool_name = "one_to_one"
    elif lo is not None and lo >= 55 and main == "vcs-group":
        pool_name = "older"
    elif main == "advice-service" and not needs & MONEY_HOUSING:
        pool_name = "general_service"
    else:
        pool_name = main
    if pool_name in WELCOME and yes(0.8, r):
        optional.append(CYCLE.pick("welcome-" + pool_name, WELCOME[pool_name]))
    sub = next((n for n in spec["needs"] if n in NEED_EXTRA), None)
    if sub == "social-groups" and hi is not None and hi <= 25:
        sub = None
    if sub == "wellbeing" and main == "recovery-college":
        sub = None
    if sub and yes(0.5, r):
        extra = CYCLE.pick("need-" + sub, NEED_EXTRA[sub])
        if extra not in " ".join(parts + optional):
            optional.append(extra)
    skip_access = any(
        w in text_so_far for w in ("drop in", "turn up", "referr", "walk in", "just come")
    )
    if main != "helpline" and not skip_access and not spec["refdesc"] and yes(0.7, r):
        if flags["drop_in"]:
            pool = "drop_in"
        elif flags["self_referral"] and flags["professional_referral"]:
            pool = "self_and_prof"
        elif flags["self_referral"]:
            pool = "self_only"
        else:
            pool = "prof_only"
        optional.append(CYCLE.pick("access-" + pool, ACCESS[pool]))
    if "£" not in text_so_far and "free" not in text_so_far and yes(0.6, r):
        if is_free(costs):
            optional.append(
                CYCLE.pick("free", FREE_LINES)
                if loc
                else CYCLE.pick("free-nl", FREE_LINES_NO_VISIT)
            )
        elif len(costs) > 1:
            pass  # several prices: leave them to the cost list
        elif costs[0]["amount_description"] and costs[0]["amount_description"] != "Pay as you feel":
            d = costs[0]["amount_description"]
            optional.append(f"It's {d if d[0] in '£0123456789' else d[0].lower() + d[1:]}.")
        elif costs[0]["amount_description"] == "Pay as you feel":
            optional.append("It's pay as you feel, so give what you can afford.")
    out = list(parts)
    for sentence in optional:
        if sentences(" ".join([*out, sentence])) <= 5:
            out.append(sentence)
    if sentences(" ".join(out)) < 2:
        out.append(
            CYCLE.pick("welcome-" + pool_name, WELCOME.get(pool_name, WELCOME["general_service"]))
        )
    return " ".join(out)


def assured_date(slug, closed):
    r = rng("assured", slug)
    if closed:
        start, end = date(2026, 9, 1), date(2026, 11, 15)
    elif r.random() < 0.3:
        start, end = date(2025, 6, 1), date(2026, 5, 20)
    else:
        start, end = date(2026, 5, 21), date(2026, 11, 15)
    return (start + timedelta(days=r.randint(0, (end - start).days))).isoformat()


def build():
    orgs = []
    org_by_slug = {}
    for o in ORG_SPECS:
        assert o["slug"] not in org_by_slug, f"duplicate organisation {o['slug']}"
        phone = PHONES.take(o["tel"]) if o["tel"] else None
        rec = {
            "id": uid("organisation", o["slug"]),
            "name": o["name"],
            "description": o["desc"],
            "email": f"{o['slug'].replace('-', '')}@example.org" if o["mail"] else None,
            "url": f"https://example.org/{o['slug']}" if o["web"] else None,
            "phone": phone,
        }
        orgs.append(rec)
        org_by_slug[o["slug"]] = (o, rec)
    services_per_org = {}
    for s in SERVICE_SPECS:
        services_per_org[s["org"]] = services_per_org.get(s["org"], 0) + 1

    loc_cache = {}
    services = []
    seen_slugs = set()
    for s in SERVICE_SPECS:
        assert s["slug"] not in seen_slugs, f"duplicate service {s['slug']}"
        seen_slugs.add(s["slug"])
        ospec, org = org_by_slug[s["org"]]
        types = s["types"]
        main = types[0]
        r = rng("service", s["slug"])
        locality_district = PLACES[s["at"][2]][0] if s["at"] else None
        district = HOODS[locality_district]["district"] if locality_district else "leicester"
        locations = [build_location(s["org"], s["at"], types, loc_cache)] if s["at"] else []
        if s["area"] is not None:
            areas = list(s["area"])
        else:
            assert s["at"], f"{s['slug']}: a service without a location needs explicit areas"
            areas = [district]
        sched = [parse_schedule(w) for w in s["when"]]

        # phones and contacts
        phones = []
        contact_phone = None
        tel = s["tel"]
        if tel is None and org["phone"] is None:
            tel = "mobile"
        if tel == "own":
            kind = ospec["tel"] or "city"
            if main == "helpline":
                kind = "free"
            desc = {
                "crisis-cafe": "Café phone, answered during opening hours",
                "helpline": "Freephone helpline, free from mobiles and landlines",
            }.get(main, "Direct line")
            phones.append({"number": PHONES.take(kind), "description": desc})
            if org["phone"] and main != "helpline":
                phones.append(
                    {"number": org["phone"], "description": "Office, Monday to Friday 9am to 5pm"}
                )
        elif tel == "free":
            phones.append({"number": PHONES.take("free"), "description": "Freephone"})
        elif tel == "mobile":
            contact_phone = PHONES.take("mobile")
        elif org["phone"]:
            phones.append({"number": org["phone"], "description": None})

        lo, hi = s["ages"]
        titles = TITLES[main]
        if main in ("vcs-group", "peer-support", "advice-service") and s["needs"][0] in NEED_TITLES:
            titles = NEED_TITLES[s["needs"][0]]
        if main == "social-prescribing" and "physical-activity" in s["needs"]:
            titles = ["Exercise referral coordinator"]
        if hi is not None and hi <= 25 and main != "helpline":
            titles = ["Youth worker", "Youth project lead"]
        if any(w in s["name"] for w in ("Walk", "Stroll")) and main != "peer-support":
            titles = ["Walk leader", "Walk coordinator"]
        first, last = person(s["slug"], district, s["langs"], s["people"])
        title = r.choice(titles)
        contacts = []
        if contact_phone:
            phones.append({"number": contact_phone, "description": f"{title}'s mobile"})
            contacts.append(
                {
                    "name": f"{first} {last}",
                    "title": title,
                    "email": f"{first}.{last}@example.org".lower()
                    if org["email"] is None
                    else None,
                    "phone": contact_phone,
                }
            )
        elif r.random() < 0.7:
            contacts.append(
                {
                    "name": f"{first} {last}",
                    "title": title,
                    "email": f"{first}.{last}@example.org".lower() if r.random() < 0.6 else None,
                    "phone": None,
                }
            )

        email = org["email"] or (contacts[0]["email"] if contacts else None)
        if org["url"]:
            url = org["url"] if services_per_org[s["org"]] == 1 else f"{org['url']}/{s['slug']}"
        else:
            url = None
        flags = {
            "self_referral": "S" in s["ref"],
            "professional_referral": "P" in s["ref"],
            "drop_in": "D" in s["ref"],
        }
        costs = cost_options(s["cost"])
        description = build_description(s, sched, costs, locations[0] if locations else None, flags)
        first_phone = phones[0]["number"] if phones else None
        services.append(
            {
                "id": uid("service", s["slug"]),
                "organisation_id": org["id"],
                "name": s["name"],
                "summary": s["summary"],
                "description": description,
                "need_terms": s["needs"],
                "service_types": types,
                "areas": areas,
                "min_age": lo,
                "max_age": hi,
                "eligibility_description": eligibility(s["ages"], s["elig"]),
                "self_referral": flags["self_referral"],
                "professional_referral": flags["professional_referral"],
                "drop_in": flags["drop_in"],
                "referral_description": referral_text(s, first_phone, email, types),
                "status": "temporarily-closed" if s["closed"] else "active",
                "status_note": s["closed"],
                "cost_options": costs,
                "languages": [{"name": "English", "code": "en"}]
                + [{"name": LANGUAGES[c], "code": c} for c in s["langs"]],
                "email": email,
                "url": url,
                "phones": phones,
                "contacts": contacts,
                "locations": locations,
                "schedules": sched,
                "schedule_notes": s["note"],
                "assured_date": assured_date(s["slug"], s["closed"]),
                "assurer": ASSURER,
            }
        )
    return {"organisations": orgs, "services": services}


# ===========================================================================
# Validation and summary
# ===========================================================================
ORG_KEYS = ["id", "name", "description", "email", "url", "phone"]
SERVICE_KEYS = [
    "id",
    "organisation_id",
    "name",
    "summary",
    "description",
    "need_terms",
    "service_types",
    "areas",
    "min_age",
    "max_age",
    "eligibility_description",
    "self_referral",
    "professional_referral",
    "drop_in",
    "referral_description",
    "status",
    "status_note",
    "cost_options",
    "languages",
    "email",
    "url",
    "phones",
    "contacts",
    "locations",
    "schedules",
    "schedule_notes",
    "assured_date",
    "assurer",
]
LOCATION_KEYS = [
    "id",
    "name",
    "address_1",
    "address_2",
    "city",
    "postcode",
    "latitude",
    "longitude",
    "accessibility",
    "transport_note",
]
SCHEDULE_KEYS = ["freq", "byday", "opens_at", "closes_at", "valid_from", "valid_to", "description"]
EMAIL_RE = re.compile(r"^[a-z0-9.]+@example\.org$")
POSTCODE_RE = re.compile(r"^(LE\d{1,2}|CV13|DE12|DE74) \d[A-Z]{2}$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def minutes(hhmm):
    h, m = map(int, hhmm.split(":"))
    return h * 60 + m


def validate(data):
    need_tax = next(t for t in TAXONOMY["taxonomies"] if t["code"] == "need-domain")
    type_tax = next(t for t in TAXONOMY["taxonomies"] if t["code"] == "service-type")
    domain_of = {}
    for top in need_tax["terms"]:
        domain_of[top["code"]] = top["code"]
        for sub in top.get("terms", []):
            domain_of[sub["code"]] = top["code"]
    type_codes = {t["code"] for t in type_tax["terms"]}
    area_codes = {AREAS["region"]["code"]} | set(DISTRICTS) | set(HOODS)

    orgs, services = data["organisations"], data["services"]
    org_ids = {o["id"] for o in orgs}
    assert len(org_ids) == len(orgs), "organisation ids must be unique"
    for o in orgs:
        assert list(o) == ORG_KEYS, o
        assert o["email"] is None or EMAIL_RE.match(o["email"]), o["email"]
        assert o["url"] is None or o["url"].startswith("https://example.org/"), o["url"]
        assert o["phone"] is None or phone_ok(o["phone"]), o["phone"]
    assert len({s["id"] for s in services}) == len(services), "service ids must be unique"
    assert len({s["description"] for s in services}) == len(services), "descriptions must be unique"
    assert len({s["summary"] for s in services}) == len(services), "summaries must be unique"
    assert len({s["name"] for s in services}) == len(services), "service names must be unique"

    locations = {}
    all_numbers = {}
    for s in services:
        where = s["name"]
        assert list(s) == SERVICE_KEYS, where
        assert s["organisation_id"] in org_ids, where
        for code in s["need_terms"]:
            assert code in domain_of, f"{where}: unknown need term {code}"
        assert s["need_terms"], where
        for code in s["service_types"]:
            assert code in type_codes, f"{where}: unknown service type {code}"
        for code in s["areas"]:
            assert code in area_codes, f"{where}: unknown area {code}"
        assert s["areas"], where
        assert len(s["summary"]) <= 140, f"{where}: summary too long ({len(s['summary'])})"
        n = sentences(s["description"])
        assert 2 <= n <= 5, f"{where}: description has {n} sentences"
        lo, hi = s["min_age"], s["max_age"]
        assert lo is None or hi is None or lo <= hi, where
        assert s["self_referral"] or s["professional_referral"] or s["drop_in"], where
        assert s["status"] in ("active", "temporarily-closed"), where
        assert (s["status"] == "temporarily-closed") == bool(s["status_note"]), where
        assert s["cost_options"] and all(
            isinstance(c["amount"], (int, float)) for c in s["cost_options"]
        ), where
        assert s["languages"][0] == {"name": "English", "code": "en"}, where
        assert len({lang["code"] for lang in s["languages"]}) == len(s["languages"]), where
        assert s["email"] is None or EMAIL_RE.match(s["email"]), f"{where}: {s['email']}"
        assert s["url"] is None or s["url"].startswith("https://example.org/"), where
        assert s["phones"] or s["email"], f"{where}: no way to get in touch"
        for p in s["phones"]:
            assert phone_ok(p["number"]), f"{where}: {p['number']}"
            all_numbers.setdefault(p["number"], set()).add(s["organisation_id"])
        for c in s["contacts"]:
            assert c["email"] is None or EMAIL_RE.match(c["email"]), f"{where}: {c['email']}"
            assert c["phone"] is None or phone_ok(c["phone"]), where
        for text in (s["description"], s["referral_description"], s["summary"]):
            for m in re.findall(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", text):
                assert phone_ok(m), f"{where}: phone {m} in text"
            for m in re.findall(r"[\w.]+@[\w.]+", text):
                assert EMAIL_RE.match(m.rstrip(".")), f"{where}: email {m} in text"
            for m in re.findall(r"https?://\S+", text):
                assert m.startswith("https://example.org/"), f"{where}: url {m} in text"
        if "helpline" in s["service_types"]:
            assert s["locations"] == [], f"{where}: helplines have no location"
        for loc in s["locations"]:
            assert list(loc) == LOCATION_KEYS, where
            if loc["id"] in locations:
                assert locations[loc["id"]] == loc, (
                    f"{where}: shared location {loc['name']} differs"
                )
            locations[loc["id"]] = loc
            assert POSTCODE_RE.match(loc["postcode"]), loc["postcode"]
            assert loc["accessibility"], where
            hood = next(
                h
                for h in HOODS.values()
                if PLACES[(loc["address_2"] or loc["city"])][0] == h["code"]
            )
            d = km_between(hood["latitude"], hood["longitude"], loc["latitude"], loc["longitude"])
            assert d <= 2.0, f"{where}: {d:.2f} km from {hood['code']} centre"
            assert 52.39 < loc["latitude"] < 52.98 and -1.60 < loc["longitude"] < -0.43, where
        for sc in s["schedules"]:
            assert list(sc) == SCHEDULE_KEYS, where
            assert TIME_RE.match(sc["opens_at"]) and TIME_RE.match(sc["closes_at"]), where
            assert sc["opens_at"] != sc["closes_at"], where
            if sc["freq"] == "WEEKLY":
                days = sc["byday"].split(",")
                assert days and all(d in DAY_NAMES for d in days) and len(set(days)) == len(days), (
                    where
                )
            else:
                assert sc["freq"] == "MONTHLY" and re.match(
                    r"^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$", sc["byday"]
                ), where
            if sc["valid_from"] or sc["valid_to"]:
                assert date.fromisoformat(sc["valid_from"]) < date.fromisoformat(sc["valid_to"]), (
                    where
                )
        assert date(2025, 6, 1) <= date.fromisoformat(s["assured_date"]) <= date(2026, 11, 15), (
            where
        )
        assert s["assurer"] == ASSURER
    for number, owners in all_numbers.items():
        assert len(owners) == 1, f"phone {number} used by more than one organisation"

    # crisis cafés: evening, free, drop-in, and at least two open every evening of the week
    cafes = [s for s in services if "crisis-cafe" in s["service_types"]]
    assert len(cafes) >= 14, len(cafes)
    open_on = {d: [] for d in DAY_NAMES}
    for c in cafes:
        assert c["drop_in"] and c["self_referral"] and is_free(c["cost_options"]), c["name"]
        assert c["status"] == "active", c["name"]
        for sc in c["schedules"]:
            assert minutes(sc["opens_at"]) >= 17 * 60, f"{c['name']} is not an evening café"
            assert sc["freq"] == "WEEKLY"
            for d in sc["byday"].split(","):
                open_on[d].append(c["name"])
    for d, names in open_on.items():
        assert len(names) >= 2, f"only {len(names)} crisis cafés open on {d}"
    assert any(
        minutes(sc["closes_at"]) < minutes(sc["opens_at"]) for c in cafes for sc in c["schedules"]
    )
    assert any(c["min_age"] == 16 and c["max_age"] == 25 for c in cafes)

    # every need domain and district is covered
    per_domain = {t["code"]: 0 for t in need_tax["terms"]}
    for s in services:
        for dom in {domain_of[c] for c in s["need_terms"]}:
            per_domain[dom] += 1
    assert all(per_domain.values()), per_domain
    per_district = {d: 0 for d in DISTRICTS}
    covering = {d: 0 for d in DISTRICTS}
    no_location = 0
    for s in services:
        if s["locations"]:
            hood = PLACES[s["locations"][0]["address_2"] or s["locations"][0]["city"]][0]
            per_district[HOODS[hood]["district"]] += 1
        else:
            no_location += 1
        covered = set()
        for a in s["areas"]:
            if a == "llr":
                covered |= set(DISTRICTS)
            elif a in DISTRICTS:
                covered.add(a)
            else:
                covered.add(HOODS[a]["district"])
        for d in covered:
            covering[d] += 1
    assert all(per_district.values()), per_district
    return per_domain, per_district, covering, no_location, open_on, len(locations)


def main():
    data = build()
    per_domain, per_district, covering, no_location, open_on, n_locations = validate(data)
    services = data["services"]
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    OUT.write_text(text, encoding="utf-8")

    def count(pred):
        return sum(1 for s in services if pred(s))

    print(f"Wrote {OUT} ({OUT.stat().st_size:,} bytes)")
    print(
        f"organisations: {len(data['organisations'])}  services: {len(services)}  locations: "
        f"{n_locations}"
    )
    print("services per need domain:")
    for k, v in per_domain.items():
        print(f"  {k:28} {v}")
    print("services per district (by location / by service area, counting region-wide):")
    for k in DISTRICTS:
        print(f"  {k:28} {per_district[k]:3} / {covering[k]}")
    print(f"  {'(no location: phone/online/home visits)':28} {no_location}")
    print(
        "crisis cafés:",
        count(lambda s: "crisis-cafe" in s["service_types"]),
        " open per evening:",
        {d: len(v) for d, v in open_on.items()},
    )
    for t in [
        "social-prescribing",
        "peer-support",
        "recovery-college",
        "advice-service",
        "helpline",
        "vcs-group",
    ]:
        print(f"{t}: {count(lambda s, t=t: t in s['service_types'])}")
    print(
        "with a monthly schedule:",
        count(lambda s: any(sc["freq"] == "MONTHLY" for sc in s["schedules"])),
    )
    print(
        "several periods on one day:",
        count(
            lambda s: any(
                sum(
                    1 for b in s["schedules"] if b["freq"] == a["freq"] and b["byday"] == a["byday"]
                )
                > 1
                for a in s["schedules"]
            )
        ),
    )
    print("temporarily closed:", count(lambda s: s["status"] == "temporarily-closed"))
    print(
        "professional referral only:",
        count(lambda s: s["professional_referral"] and not s["self_referral"] and not s["drop_in"]),
    )
    print(
        "young people only (max_age <= 25):",
        count(lambda s: s["max_age"] is not None and s["max_age"] <= 25),
    )
    print(
        "older people only (min_age >= 50):",
        count(lambda s: s["min_age"] is not None and s["min_age"] >= 50),
    )
    print(
        "all ages (no age limits):", count(lambda s: s["min_age"] is None and s["max_age"] is None)
    )
    print("free:", count(lambda s: is_free(s["cost_options"])))
    print("with a language other than English:", count(lambda s: len(s["languages"]) > 1))
    print(
        "county-wide (7 Leicestershire districts):",
        count(lambda s: sorted(s["areas"]) == sorted(LEICS_DISTRICTS)),
    )
    print("region-wide (llr):", count(lambda s: s["areas"] == ["llr"]))
    print("neighbourhood-only areas:", count(lambda s: all(a in HOODS for a in s["areas"])))
    print(
        "assured more than 6 months ago:",
        count(lambda s: date.fromisoformat(s["assured_date"]) < TODAY - timedelta(days=183)),
    )


if __name__ == "__main__":
    main()
