"""`flask oruk import` and `flask oruk export`: Open Referral UK feeds on the command line.

`export` writes the whole published directory as one ORUK page of services, fully nested, and
only if it passes the schemas. `import` reads another publisher's feed (or this software's
export, from another installation): it prints what it would do, one line per service, and
changes nothing unless given --apply. Then it is all or nothing: a feed with a rejected
service imports nothing unless --skip-rejected says to import the rest, and a possible
duplicate of an entry is left out unless --create-duplicates says to create it anyway, so an
unattended run never adds what the officer would have been asked about on the upload page.
"""

import hashlib
import json

import click
from flask.cli import AppGroup

from knowledge.curation.import_services import ImportPlan, RowAction
from knowledge.curation.importing import ImportRefused
from knowledge.models import PublicationState
from knowledge.oruk import feeds, feeds_import, schemas
from knowledge.oruk.documents import directory_document

oruk_cli = AppGroup("oruk", help="Open Referral UK feeds: import another directory's, export ours.")

LABELS = {
    RowAction.CREATE: "create",
    RowAction.UPDATE: "update",
    RowAction.UNCHANGED: "unchanged",
    RowAction.REJECTED: "rejected",
    RowAction.SKIPPED: "skipped",
    RowAction.OWN: "own entry",
}


@oruk_cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, allow_dash=True))
def oruk_export(file: str) -> None:
    """Write every published service to FILE as Open Referral UK JSON (- for the screen)."""
    document = directory_document()
    problems = [
        f"contents[{index}] ({service['id']}): {problem}"
        for index, service in enumerate(document["contents"])
        for problem in schemas.errors(service, "compiled/service.json")
    ]
    problems += [str(e) for e in schemas.errors(document, schemas.response_validator("/services"))]
    if problems:
        raise click.ClickException(
            "The directory's services do not pass the Open Referral UK schemas, so nothing was "
            "written:\n  " + "\n  ".join(problems[:20])
        )
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    with click.open_file(file, "w", encoding="utf-8", atomic=file != "-") as out:
        out.write(text)
    count = len(document["contents"])
    click.echo(f"Exported {count} published services to {file}.", err=file == "-")


@oruk_cli.command("import")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--feed",
    "name",
    required=True,
    help="The feed's name, such as the publisher's and its directory's: the same name every "
    "time, so its services are updated, not added again.",
)
@click.option(
    "--apply", "apply_", is_flag=True, help="Import it (without: only say what it would do)."
)
@click.option(
    "--publish",
    is_flag=True,
    help="Publish the new services the edit form would take as they are (moving a directory "
    "from another installation); without it they arrive as drafts.",
)
@click.option("--skip-rejected", is_flag=True, help="Import the rest when some are rejected.")
@click.option(
    "--create-duplicates", is_flag=True, help="Create services that look like existing entries."
)
def oruk_import(
    file, name: str, apply_: bool, publish: bool, skip_rejected: bool, create_duplicates: bool
) -> None:
    """Import an Open Referral UK feed from FILE (JSON; - to read it from the screen)."""
    problem = feeds_import.check_feed_name(name)
    if problem:
        raise click.BadParameter(problem, param_hint="--feed")
    data = file.read(feeds.MAX_BYTES_COMMAND_LINE + 1)
    try:
        feed = feeds.read_feed(feeds.decode(data, feeds.MAX_BYTES_COMMAND_LINE))
    except ImportRefused as refusal:
        raise click.ClickException(f"{file.name} cannot be imported: {refusal.message}") from None
    name = feeds_import.feed_name(name)
    plan = feeds_import.dry_run(feed, name, hashlib.sha256(data).hexdigest(), publish=publish)
    click.echo(f"Feed “{name}”, {file.name}: {len(plan.rows)} services.")
    for line in report(plan):
        click.echo(line)
    if not apply_:
        click.echo("Dry run: nothing was changed. Run it again with --apply to import.")
        return
    rejected = plan.count(RowAction.REJECTED)
    if rejected and not skip_rejected:
        raise click.ClickException(
            f"Nothing was imported: {rejected} rejected. Fix the feed, or run it again with "
            "--skip-rejected to import the rest."
        )
    create_anyway = {row.number for row in plan.rows if create_duplicates}
    result = feeds_import.apply_plan(plan, name, file.name, create_anyway)
    if not result.imported:
        raise click.ClickException(result.problem)
    skipped = [str(row.number) for row in plan.rows if row.action is RowAction.SKIPPED]
    click.echo(
        f"Imported: {plan.count(RowAction.CREATE)} created, {plan.count(RowAction.UPDATE)} "
        f"updated, {plan.count(RowAction.UNCHANGED)} unchanged, {rejected} rejected."
        + plan.own_entries_said
        + (f" Not created, as possible duplicates: {', '.join(skipped)}." if skipped else "")
    )


def report(plan: ImportPlan) -> list[str]:
    """The dry run as plain text: a line per service, what it says about it indented."""
    lines = [f"Note: {note}" for note in plan.notes]
    for row in plan.rows:
        label = "duplicate?" if row.possible_duplicate else LABELS[row.action]
        lines.append(f"{row.number:>5} {label:<10} {row.name or '(no name)'}")
        lines += [f"        rejected: {reason}" for reason in row.reasons]
        lines += [f"        {c.label}: {c.before} → {c.after}" for c in row.changes]
        lines += [f"        warning: {warning}" for warning in row.warnings]
        lines += [f"        note: {note}" for note in row.notes]
        lines += [
            f"        looks like: {m.service.name} ({m.service.id}): {'; '.join(m.reasons)}"
            for m in row.duplicates
        ]
    new = [r for r in plan.rows if r.action is RowAction.CREATE and not r.possible_duplicate]
    published = sum(1 for r in new if r.data["publication"] == PublicationState.PUBLISHED.value)
    lines.append(
        f"{len(new)} to create ({published} published, {len(new) - published} as drafts), "
        f"{plan.count(RowAction.UPDATE)} to update, {plan.count(RowAction.UNCHANGED)} unchanged, "
        f"{plan.count(RowAction.REJECTED)} rejected, {plan.possible_duplicates} possible "
        "duplicates (created only with --create-duplicates)." + plan.own_entries_said
    )
    return lines
