"""The Open Referral UK 3.0 contract, read from the copy in knowledge/oruk/schema.

The files are the OpenReferralUK/uk-profile schemas, unchanged (CC BY-SA 4.0, see LICENSE
there). Their `$ref`s name `https://raw.githubusercontent.com/openreferral/uk-profile/main/
schema/…`; every file is registered under that address, so references resolve to this folder
and nothing is ever fetched.

Used to check what the API returns (tests) and what a feed brings in (imports), with formats
(uuid, uri, email, date-time) checked as well as shapes.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

FOLDER = Path(__file__).parent / "schema"
PUBLISHED_AT = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI = PUBLISHED_AT + "openapi.json"
HSDS_VERSION = "HSDS-UK-3.0"
PROFILE = "https://github.com/openreferral/uk-profile"


@cache
def registry() -> Registry:
    resources = []
    for path in sorted(FOLDER.rglob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        address = PUBLISHED_AT + path.relative_to(FOLDER).as_posix()
        resources.append((address, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources).crawl()


@cache
def openapi_document() -> dict:
    return json.loads((FOLDER / "openapi.json").read_text(encoding="utf-8"))


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


@cache
def validator(schema: str) -> Draft202012Validator:
    """A validator for one schema file, by its path under schema/ ("compiled/service.json")."""
    if not (FOLDER / schema).is_file():
        raise KeyError(schema)
    return _validator({"$ref": PUBLISHED_AT + schema})


@cache
def response_validator(path: str) -> Draft202012Validator:
    """A validator for the 200 response of `GET path` as the OpenAPI document defines it
    (`path` as written there: "/services", "/services/{id}")."""
    if path not in openapi_document()["paths"]:
        raise KeyError(path)
    pointer = _pointer("paths", path, "get", "responses", "200", "content", "application/json")
    return _validator({"$ref": f"{OPENAPI}#/{pointer}/schema"})


def _validator(schema: dict) -> Draft202012Validator:
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@dataclass(frozen=True)
class SchemaError:
    """One way a document breaks the schema: where (a JSON path such as
    `service_at_locations[0].location.addresses[0].postal_code`) and what, in the validator's
    own words."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def errors(
    document: object, schema: str | Draft202012Validator, limit: int | None = None
) -> list[SchemaError]:
    """Every schema error in `document`, in document order (empty when it is valid); or, given
    a `limit`, the first that many the validator finds, so a document with thousands of
    errors costs no more than its first few."""
    checker = validator(schema) if isinstance(schema, str) else schema
    found = sorted(
        islice(checker.iter_errors(document), limit), key=lambda e: [str(p) for p in e.path]
    )
    return [SchemaError(_where(error.absolute_path), error.message) for error in found]


def _where(path: Iterator) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
