"""SQLite FTS5 over the app's search documents: the other baseline of issue 9.

A contentless FTS5 table with the app's text fields as columns (`porter unicode61
remove_diacritics 2`: stemmed, accents folded), ranked by `bm25()` with the app's boosts as
column weights (name 5, need and type names 3, summary 2, organisation 1.5, description and
places 1, need codes 4). Synonyms: a word that stands for need codes also matches the codes
column (`"debt" OR codes : "debt advice"`). Each facet is a bitmask column (one bit a value;
SQLite has no arrays), counted in one pass with `count(*) FILTER (…)` per value.

"Open now" is an `IN (SELECT …)` over a table of opening rules tested against today and
yesterday, which SQLite evaluates once per search; "open on a weekday" is a bitmask worked out
once a day, as the app keeps its per-day cache. Spelling: SQLite has no trigram or
edit-distance function built in (spellfix1 is a loadable extension Python's sqlite3 does not
ship), so candidates are the vocabulary's words sharing the first letter and about the length,
measured in Python, the closest (at most 2 edits) chosen, synonym words first, then the
commonest: the app's rule.
"""

import sqlite3
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path

from bench.fts_common import (
    OPEN,
    OPEN_NOW,
    Day,
    FacetBits,
    FullTextBaseline,
    Page,
    active_filters,
    open_days,
    openings,
    spelling_text,
)
from knowledge.search import FACETS, SearchQuery, ServiceDocument, Synonyms
from knowledge.search.index import edit_distance
from knowledge.search.synonyms import WordGroup
from knowledge.search.text import index_terms, words

# The app's field boosts, in the column order below.
TEXT_COLUMNS = (
    ("name", 5.0),
    ("terms", 3.0),
    ("summary", 2.0),
    ("organisation", 1.5),
    ("description", 1.0),
    ("places", 1.0),
    ("codes", 4.0),
)
MAX_EDIT_DISTANCE = 2
COLUMN = {facet: f"f_{facet}" for facet in FACETS}

SCHEMA = (
    f"""
    CREATE TABLE search_service (
        docid INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        sort_name TEXT NOT NULL,
        closed INTEGER NOT NULL,
        {", ".join(f"{COLUMN[f]} INTEGER NOT NULL" for f in FACETS if f != "open")},
        open_days INTEGER NOT NULL
    )
    """,
    "CREATE VIRTUAL TABLE search_text USING fts5("
    f"{', '.join(c for c, _ in TEXT_COLUMNS)}, "
    "content='', tokenize='porter unicode61 remove_diacritics 2')",
    """
    CREATE TABLE search_opening (
        docid INTEGER NOT NULL,
        weekday INTEGER NOT NULL,
        ordinal INTEGER,
        opens_at REAL NOT NULL,
        closes_at REAL NOT NULL,
        valid_from TEXT,
        valid_to TEXT
    )
    """,
    "CREATE TABLE search_bit (facet TEXT, value TEXT, bit INTEGER, PRIMARY KEY (facet, value))",
    """
    CREATE TABLE search_word (
        word TEXT PRIMARY KEY, ndoc INTEGER NOT NULL, synonym INTEGER NOT NULL
    ) WITHOUT ROWID
    """,
)
INDEXES = ("CREATE INDEX search_opening_weekday ON search_opening (weekday)", "ANALYZE")

OPENS_ON = """(weekday = :{p} AND (ordinal IS NULL OR ordinal IN (:{p}_n, :{p}_e))
    AND (valid_from IS NULL OR valid_from <= :{p}_day)
    AND (valid_to IS NULL OR valid_to >= :{p}_day))"""
OPEN_NOW_SQL = f"""SELECT docid FROM search_opening WHERE
    ({OPENS_ON.format(p="today")} AND opens_at <= :time
        AND (closes_at <= opens_at OR :time < closes_at))
    OR ({OPENS_ON.format(p="yesterday")} AND closes_at <= opens_at AND :time < closes_at)"""


class SqliteFullText(FullTextBaseline):
    name = "sqlite-fts5"

    def __init__(self, path: Path, synonyms: Synonyms):
        super().__init__(synonyms)
        self.path = path
        self.connection = sqlite3.connect(path)
        self.bits = FacetBits()
        built = self.connection.execute(
            "SELECT 1 FROM sqlite_schema WHERE name = 'search_bit'"
        ).fetchone()
        if built:
            stored: dict[str, dict[str, int]] = {}
            for facet, value, bit in self.connection.execute("SELECT * FROM search_bit"):
                stored.setdefault(facet, {})[value] = bit
            self.bits = FacetBits(stored)

    def close(self) -> None:
        self.connection.close()

    def build(self, documents: list[ServiceDocument], today: date) -> None:
        connection = self.connection
        for statement in SCHEMA:
            connection.execute(statement)
        self.bits = FacetBits.of(documents)
        with connection:
            connection.executemany("INSERT INTO search_bit VALUES (?, ?, ?)", self.bits.rows())
            connection.executemany(
                f"INSERT INTO search_service VALUES ({', '.join('?' * (4 + len(FACETS)))})",
                (self._service_row(docid, d, today) for docid, d in enumerate(documents)),
            )
            connection.executemany(
                f"INSERT INTO search_text (rowid, {', '.join(c for c, _ in TEXT_COLUMNS)}) "
                f"VALUES (?, {', '.join('?' * len(TEXT_COLUMNS))})",
                (_text_row(docid, d) for docid, d in enumerate(documents)),
            )
            connection.executemany(
                "INSERT INTO search_opening VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        docid,
                        o.weekday,
                        o.ordinal,
                        _seconds(o.opens_at),
                        _seconds(o.closes_at),
                        o.valid_from.isoformat() if o.valid_from else None,
                        o.valid_to.isoformat() if o.valid_to else None,
                    )
                    for docid, d in enumerate(documents)
                    for o in openings(d.periods)
                ),
            )
            vocabulary = Counter(w for d in documents for w in set(words(spelling_text(d))))
            for word in self.synonyms.vocabulary:
                if " " not in word:
                    vocabulary.setdefault(word, 0)
            connection.executemany(
                "INSERT INTO search_word VALUES (?, ?, ?)",
                (
                    (word, ndoc, word in self.synonyms.vocabulary)
                    for word, ndoc in vocabulary.items()
                ),
            )
            for statement in INDEXES:
                connection.execute(statement)

    def _service_row(self, docid: int, document: ServiceDocument, today: date) -> tuple:
        return (
            docid,
            document.id,
            document.name.casefold(),
            document.temporarily_closed,
            *self.bits.static_masks(document),
            self.bits.mask(OPEN, open_days(document, today)),
        )

    def size_bytes(self) -> int:
        return self.path.stat().st_size

    def is_known(self, word: str) -> bool:
        return (
            self.connection.execute(
                "SELECT 1 FROM search_word WHERE word = ? AND ndoc > 0", (word,)
            ).fetchone()
            is not None
        )

    def respell(self, word: str) -> str | None:
        first = word[:1]
        rows = self.connection.execute(
            "SELECT word, ndoc, synonym FROM search_word "
            "WHERE word >= ? AND word < ? AND length(word) BETWEEN ? AND ? AND word <> ?",
            (first, first + "\U0010ffff", len(word) - MAX_EDIT_DISTANCE,
             len(word) + MAX_EDIT_DISTANCE, word),
        ).fetchall()  # fmt: skip
        ranked = []
        for candidate, ndoc, synonym in rows:
            distance = edit_distance(word, candidate, MAX_EDIT_DISTANCE)
            if distance is not None:
                ranked.append((distance, not synonym, -ndoc, candidate))
        return min(ranked)[3] if ranked else None

    def run(
        self, groups: list[WordGroup] | None, any_word: bool, query: SearchQuery, now: datetime
    ) -> Page:
        if query.origin is not None:
            raise NotImplementedError("distance sorting is not part of the comparison")
        params: dict[str, object] = {
            "time": _seconds(now.time()),
            "now_bit": self.bits.mask(OPEN, [OPEN_NOW]),
            "limit": query.per_page,
            "offset": (query.page - 1) * query.per_page,
        }
        _day_params(params, "today", now.date())
        _day_params(params, "yesterday", now.date() - timedelta(days=1))
        if groups:
            params["match"] = (" OR " if any_word else " AND ").join(map(_group_match, groups))
            weights = ", ".join(str(w) for _, w in TEXT_COLUMNS)
            source = "search_text JOIN search_service s ON s.docid = search_text.rowid"
            where = "WHERE search_text MATCH :match"
            rank = f"bm25(search_text, {weights})"
        else:
            source, where, rank = "search_service s", "", "0"
        tests = {}
        for facet, chosen in active_filters(query.filters).items():
            params[f"chosen_{facet}"] = self.bits.mask(facet, chosen)
            tests[facet] = f"({COLUMN[facet]} & :chosen_{facet}) != 0"
        if query.sort == "name" or not query.text.strip():
            order = "sort_name, docid"
        else:
            order = "closed, rank, sort_name, docid"  # bm25(): lower is better
        sums, labels = self.bits.counts_sql(tests)
        padding = ", NULL" * len(sums)
        sql = f"""
        WITH matched AS MATERIALIZED (
            SELECT s.docid, s.id, s.sort_name, s.closed, {rank} AS rank,
                {", ".join(f"s.{COLUMN[f]}" for f in FACETS if f != "open")},
                s.open_days | CASE WHEN s.docid IN ({OPEN_NOW_SQL}) THEN :now_bit ELSE 0 END
                    AS {COLUMN["open"]}
            FROM {source} {where}
        )
        SELECT 'counts', count(*), SUM(CASE WHEN {_all(tests)} THEN 1 ELSE 0 END), {", ".join(sums)}
        FROM matched
        UNION ALL
        SELECT 'hit', id, row_number() OVER (){padding}
        FROM (SELECT id FROM matched WHERE {_all(tests)} ORDER BY {order}
              LIMIT :limit OFFSET :offset)
        """
        rows = self.connection.execute(sql, params).fetchall()
        return _page(rows, labels)


def _text_row(docid: int, document: ServiceDocument) -> tuple:
    codes = dict.fromkeys((*document.need_terms, *document.service_types))
    return (
        docid,
        document.name,
        " ".join(document.term_names),
        document.summary,
        document.organisation,
        document.description,
        " ".join(document.places),
        " ".join(codes),
    )


def _group_match(group: WordGroup) -> str:
    """Any word of the group (stemmed by FTS5) or any code it stands for, as a phrase. FTS5
    has no stop words: the app's are left out, as the app's analyser leaves them out."""
    parts = [_quoted(word) for word in group.words if index_terms(word)]
    parts.extend(f"codes : {_quoted(code.replace('-', ' '))}" for code in group.codes)
    return "(" + " OR ".join(parts) + ")"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _seconds(moment: time) -> float:
    return moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6


def _day_params(params: dict[str, object], prefix: str, day: date) -> None:
    facts = Day.of(day)
    params[prefix] = facts.weekday
    params[f"{prefix}_n"] = facts.ordinal
    params[f"{prefix}_e"] = facts.ordinal_from_end
    params[f"{prefix}_day"] = day.isoformat()


def _all(tests: dict[str, str]) -> str:
    return " AND ".join(tests.values()) or "1"


def _page(rows: list[tuple], labels: list[tuple[str, str]]) -> Page:
    facets: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    matched = total = 0
    hits: list[tuple[int, str]] = []
    for row in rows:
        if row[0] == "counts":
            matched, total = row[1], row[2] or 0
            for (facet, value), n in zip(labels, row[3:], strict=True):
                if n:
                    facets[facet][value] = n
        else:
            hits.append((row[2], row[1]))
    return Page(matched, total, [i for _, i in sorted(hits)], facets)
