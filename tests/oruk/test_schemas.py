"""The vendored ORUK 3.0 contract: the same files as the published profile, references resolved
from this folder and never fetched, and errors reported by path."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from referencing.exceptions import Unresolvable

from knowledge.oruk import schemas

pytestmark = pytest.mark.no_database


SHARED = Path(__file__).parents[3] / "shared" / "oruk" / "schema"
EXAMPLES = Path(__file__).parent / "examples"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.json")}


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared ORUK folder is not on this machine")
def test_the_vendored_schemas_are_the_published_ones_unchanged():
    assert _files(schemas.FOLDER) == _files(SHARED)


@pytest.mark.parametrize(
    ("example", "schema"),
    [
        ("service_full.json", "compiled/service.json"),
        ("service_at_location_full.json", "compiled/service_at_location.json"),
        ("organization_full.json", "compiled/organization.json"),
        ("taxonomy.json", "taxonomy.json"),
        ("taxonomy_term.json", "taxonomy_term.json"),
    ],
)
def test_the_profiles_own_examples_validate(example, schema):
    assert schemas.errors(json.loads((EXAMPLES / example).read_text()), schema) == []


@pytest.mark.parametrize(
    ("example", "path"),
    [
        ("service_list.json", "/services"),
        ("service_full.json", "/services/{id}"),
        ("service_at_location_list.json", "/service_at_locations"),
        ("taxonomy_list.json", "/taxonomies"),
        ("taxonomy.json", "/taxonomies/{id}"),
        ("taxonomy_term_list.json", "/taxonomy_terms"),
        ("taxonomy_term.json", "/taxonomy_terms/{id}"),
    ],
)
def test_response_schemas_come_from_the_openapi_document(example, path):
    document = json.loads((EXAMPLES / example).read_text())
    assert schemas.errors(document, schemas.response_validator(path)) == []


def test_the_openapi_document_points_service_at_location_by_id_at_the_service_schema():
    """A defect in the published profile, kept visible: openapi.json says
    `/service_at_locations/{id}` returns compiled/service.json, which its own example
    service_at_location fails (no name, no status). The API answers with the
    service_at_location shape, checked against compiled/service_at_location.json."""
    example = json.loads((EXAMPLES / "service_at_location_full.json").read_text())
    problems = schemas.errors(example, schemas.response_validator("/service_at_locations/{id}"))
    assert {p.message for p in problems} == {
        "'name' is a required property",
        "'status' is a required property",
    }


def test_errors_name_the_place_and_the_problem():
    document = json.loads((EXAMPLES / "service_full.json").read_text())
    document["status"] = "open"
    document["url"] = "not a web address"
    document["service_at_locations"][0]["location"]["addresses"][0].pop("city")
    document["schedules"][0]["freq"] = "DAILY"
    found = [str(e) for e in schemas.errors(document, "compiled/service.json")]
    assert found == [
        "schedules[0].freq: 'DAILY' is not one of ['WEEKLY', 'MONTHLY']",
        "service_at_locations[0].location.addresses[0]: 'city' is a required property",
        "status: 'open' is not one of ['active', 'inactive', 'defunct', 'temporarily closed']",
        "url: 'not a web address' is not a 'uri'",
    ]


@pytest.mark.parametrize(
    ("field", "value", "format_name"),
    [
        ("id", "not-a-uuid", "uuid"),
        ("email", "nobody", "email"),
        ("last_modified", "yesterday", "date-time"),
    ],
)
def test_formats_are_checked_not_only_types(field, value, format_name):
    document = {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "A", "status": "active"}
    document[field] = value
    assert [str(e) for e in schemas.errors(document, "compiled/service.json")] == [
        f"{field}: '{value}' is not a '{format_name}'"
    ]


def test_a_reference_outside_the_vendored_folder_is_never_fetched():
    checker = schemas._validator({"$ref": "https://example.org/elsewhere.json"})
    with pytest.raises(Unresolvable):
        checker.validate({})


def test_unknown_schemas_and_paths_are_refused():
    with pytest.raises(KeyError):
        schemas.validator("compiled/nothing.json")
    with pytest.raises(KeyError):
        schemas.response_validator("/organizations")


# One Python imports the libraries the app uses (not the app), then forks a fresh child for
# each module: every child starts with none of `knowledge` loaded, as a new process would, for
# a fraction of the cost of starting Python and the libraries twenty times.
IMPORT_EACH_ALONE = """
import importlib, json, os, sys
for library in ("flask", "flask_sqlalchemy", "flask_login", "flask_wtf", "flask_limiter",
                "flask_migrate", "sqlalchemy", "wtforms", "whoosh", "jinja2", "jsonschema",
                "referencing", "openpyxl", "argon2", "segno"):
    try:
        importlib.import_module(library)
    except ImportError:
        pass
assert not any(name == "knowledge" or name.startswith("knowledge.") for name in sys.modules)
failures = {}
for module in sys.argv[1:]:
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        try:
            importlib.import_module(module)
            message = ""
        except BaseException as problem:
            message = f"{type(problem).__name__}: {problem}"
        os.write(write, message.encode())
        os._exit(0)
    os.close(write)
    message = b""
    while chunk := os.read(read, 65536):
        message += chunk
    os.close(read)
    os.waitpid(child, 0)
    if message:
        failures[module] = message.decode()
print(json.dumps(failures))
"""


def test_every_oruk_module_imports_on_its_own():
    """The feed modules and the curation package import each other's modules: whichever a
    script or a single test file imports first, neither may find the other half-loaded. So
    may the connector, guide and helpline modules, which import curation and each other."""
    oruk = sorted(Path(schemas.__file__).parent.glob("*.py"))
    modules = [f"knowledge.oruk.{p.stem}" for p in oruk if p.stem != "__init__"]
    modules += [
        "knowledge.curation.feed_routes",
        "knowledge.connectors.routes",
        "knowledge.connectors.services",
        "knowledge.guides.routes",
        "knowledge.helpline.query_routes",
    ]
    run = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH_ALONE, *modules],
        capture_output=True,
        text=True,
        check=True,
    )
    failures = json.loads(run.stdout)
    assert failures == {}
