"""What the dashboard page shows: the filters as asked for, their errors, the quarter shortcuts,
the choices for the selects, and every report with its chart."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from knowledge.models import Specialty
from knowledge.reports.charts import render_chart
from knowledge.reports.figures import (
    Report,
    ReportFilters,
    all_reports,
    district_names,
    domain_names,
    quarter_shortcuts,
)

# The gap view reads two tables together: what is published beside what is missing.
GAP_KEYS = ("gap-services", "gap-unmet")
# The headline figures: (report, what its grand total counts).
HEADLINES = (
    ("unmet-by-district", "Unmet needs"),
    ("queries-by-month", "Helpline queries"),
    ("query-outcomes", "Needs in helpline queries"),
    ("entries-by-domain-level", "Other-needs entries"),
)


@dataclass(frozen=True)
class Shortcut:
    label: str
    args: dict[str, str]
    current: bool


@dataclass(frozen=True)
class Dashboard:
    filters: ReportFilters
    errors: dict[str, str]
    # What the form shows: the words as typed when something is wrong.
    values: dict[str, str]
    shortcuts: list[Shortcut]
    districts: dict[str, str]
    domains: dict[str, str]
    specialties: list[Specialty]
    reports: list[Report] = field(default_factory=list)
    charts: dict[str, Markup] = field(default_factory=dict)

    @property
    def by_key(self) -> dict[str, Report]:
        return {r.key: r for r in self.reports}

    @property
    def quarterly_args(self) -> dict[str, str]:
        """The quarterly summary keeps the place, need and specialty; its period is its own."""
        return {k: v for k, v in self.filters.url_args().items() if k not in ("start", "end")}

    @property
    def headlines(self) -> list[tuple[str, str]]:
        by_key = self.by_key
        return [(label, by_key[key].table.grand_total) for key, label in HEADLINES if key in by_key]

    @property
    def sections(self) -> list[Report | tuple[Report, Report]]:
        """The reports in order, the gap view's two tables as one section."""
        by_key = self.by_key
        sections: list[Report | tuple[Report, Report]] = []
        for item in self.reports:
            if item.key == GAP_KEYS[0]:
                sections.append((by_key[GAP_KEYS[0]], by_key[GAP_KEYS[1]]))
            elif item.key not in GAP_KEYS:
                sections.append(item)
        return sections


def dashboard_page(args: Mapping[str, str], today: date) -> Dashboard:
    filters, errors = ReportFilters.from_args(args, today)
    shown_args = filters.url_args()
    values = {
        name: args.get(name, "").strip() if errors else shown_args.get(name, "")
        for name in ("start", "end", "district", "domain", "specialty")
    }
    shortcuts = []
    for label, start, end in quarter_shortcuts(today):
        period = filters.with_period(start, end)
        shortcuts.append(
            Shortcut(
                label,
                period.url_args(),
                not errors and (start, end) == (filters.start, filters.end),
            )
        )
    reports = [] if errors else all_reports(filters)
    return Dashboard(
        filters=filters,
        errors=errors,
        values=values,
        shortcuts=shortcuts,
        districts=district_names(),
        domains=domain_names(),
        specialties=list(Specialty),
        reports=reports,
        charts={r.key: chart for r in reports if (chart := render_chart(r)) is not None},
    )
