"""`flask seed …`, `flask search …` and `flask users …`; `flask oruk …` is in knowledge.oruk."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from knowledge.accounts import services as accounts
from knowledge.connectors import seeding as connector_seeding
from knowledge.directory import seeding
from knowledge.directory.indexing import rebuild_search_index, search_index, search_lag
from knowledge.helpline import demo as helpline_demo
from knowledge.models import Role

SEED_FOLDER = Path(__file__).resolve().parent.parent / "seed"
# A rebuild by a server's follower may be under way: wait for it rather than build twice.
REBUILD_WAIT_SECONDS = 3600

seed_cli = AppGroup("seed", help="Load reference and demo data.")
search_cli = AppGroup("search", help="Manage the search index.")
users_cli = AppGroup("users", help="Manage staff accounts.")

# One account per role for trying the app out. Their passwords are published here and in the
# README, so they exist only in development: production refuses to start while any do.
DEMO_ACCOUNTS = (
    ("staff@example.org", "Sam Staff", Role.STAFF, "demo staff kettle lantern"),
    ("helpline@example.org", "Hana Helpline", Role.HELPLINE, "demo helpline harbour mint"),
    ("commissioner@example.org", "Cass Commissioner", Role.COMMISSIONER, "demo commissioner oak"),
    ("admin@example.org", "Ade Admin", Role.ADMIN, "demo admin willow garden"),
)


@seed_cli.command("reference")
def seed_reference() -> None:
    """Load the vocabularies and the LLR areas (safe to run again)."""
    counts = seeding.load_reference_data(SEED_FOLDER)
    click.echo(f"Reference data: {counts.describe()}")


@seed_cli.command("practices")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def seed_practices(path: Path) -> None:
    """Load GP practices from a CSV file (columns code, name, town, pcn, neighbourhood — the
    neighbourhood's area code) or JSON shaped like seed/practices.json. Every row is checked
    first: one bad row and nothing is saved. Known codes are left as they are."""
    try:
        counts = connector_seeding.load_practices(path)
    except connector_seeding.PracticeFileError as refused:
        raise click.ClickException("Nothing was saved:\n" + "\n".join(refused.problems)) from None
    click.echo(f"GP practices: {counts.describe()}")


@seed_cli.command("demo")
def seed_demo() -> None:
    """Load reference data, the fictional demo directory and one demo account per role
    (safe to run again). Development only."""
    if not current_app.config["DEMO_DATA_ALLOWED"]:
        raise click.ClickException("Demo data is for development: set KNOWLEDGE_ENV=development")
    counts = seeding.load_reference_data(SEED_FOLDER)
    click.echo(f"Reference data: {counts.describe()}")
    counts = seeding.load_demo_directory(SEED_FOLDER / "demo_directory.json")
    click.echo(f"Demo directory: {counts.describe()}")
    counts = connector_seeding.load_practices(SEED_FOLDER / "practices.json")
    click.echo(f"Demo GP practices: {counts.describe()}")
    counts = connector_seeding.load_demo_connectors(SEED_FOLDER / "demo_connectors.json")
    click.echo(f"Demo connector roles: {counts.describe()}")
    added = 0
    for email, name, role, password in DEMO_ACCOUNTS:
        if accounts.find_account(email) is None:
            accounts.create_account(email, name, {role}, password, is_demo=True)
            added += 1
    click.echo(f"Demo accounts: {added} added, {len(DEMO_ACCOUNTS) - added} already present")
    # A few months of entries, helpline queries and unmet needs, asked by the demo staff account
    # and answered by the demo helpline account.
    activity = helpline_demo.load_demo_activity(
        asker=accounts.find_account(DEMO_ACCOUNTS[0][0]),
        handler=accounts.find_account(DEMO_ACCOUNTS[1][0]),
    )
    click.echo(f"Demo activity: {activity.describe()}")


def _roles(values: tuple[str, ...]) -> set[Role]:
    return {Role(value) for value in values}


def _account(email: str):
    user = accounts.find_account(email)
    if user is None:
        raise click.ClickException(f"No account for {email}")
    return user


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True, help="Their full name.")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    type=click.Choice([r.value for r in Role]),
    help="Repeat for more than one role.",
)
@click.password_option("--password", help="A temporary password; asked for if not given.")
def users_create(email: str, display_name: str, roles: tuple[str, ...], password: str) -> None:
    """Create an account. They must change the password when they first sign in."""
    try:
        user = accounts.create_account(email, display_name, _roles(roles), password)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created {user.email} ({', '.join(sorted(roles))}).")


@users_cli.command("disable")
@click.argument("email")
def users_disable(email: str) -> None:
    """Stop an account signing in, and end its sessions."""
    try:
        accounts.set_enabled(_account(email), False)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Disabled {email}.")


@users_cli.command("reset-password")
@click.argument("email")
@click.password_option("--password", help="A temporary password; asked for if not given.")
def users_reset_password(email: str, password: str) -> None:
    """Set a temporary password, to be changed at the next sign-in; ends their sessions."""
    try:
        accounts.reset_password(_account(email), password)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Reset the password for {email}. They must change it when they next sign in.")


@search_cli.command("rebuild")
def search_rebuild() -> None:
    """Rebuild this server's search index from the database, aside, then swap it in.
    Searches carry on with the old index while it runs."""
    # One rebuild per index folder at a time: a worker's follower may be at it already.
    with search_index().rebuild_lock(timeout=REBUILD_WAIT_SECONDS):
        count = rebuild_search_index()
    click.echo(f"Indexed {count} published services.")


@search_cli.command("status")
def search_status() -> None:
    """How far this server's search index is behind the database's change log."""
    index = search_index()
    lag = search_lag()
    click.echo(f"index folder: {index.path}")
    click.echo(f"generation:   {index.generation.name}")
    click.echo(f"holds directory version {index.applied_version()}")
    if lag is None:
        click.echo("needs a rebuild: run `flask search rebuild` (a running server's follower does)")
    else:
        click.echo(f"changes not yet applied: {lag}")
