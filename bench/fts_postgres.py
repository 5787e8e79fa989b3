"""PostgreSQL full-text search over the app's search documents: the baseline of issue 9.

Built as open-source directories on PostgreSQL build theirs: one row per published service
with a weighted `tsvector` (name and need codes A, need and service-type names B, summary C,
organisation, description and places D; the `english` stemmer behind `unaccent`, so "cafe"
finds "Café" as it does in the app), a GIN index, `ts_rank` with weights in the app's
proportions (5 : 3 : 2 : 1; the organisation's 1.5 falls into D), and each facet as a bitmask
column counted with `count(*) FILTER (…)` (fts_common.FacetBits: twice as fast as `text[]`
columns and `unnest`). Synonyms are expressed as the app expresses them: a word that stands
for need codes also matches the code lexemes (`'debt' | 'debt-advice'`).

"Open now" is an `IN (SELECT …)` over a table of opening rules (one per weekday of each
period), tested against today and yesterday (for openings past midnight) in SQL; PostgreSQL
hashes the subquery once per search. "Open on a weekday" is a column worked out once a day, as
the app keeps its per-day cache. Spelling: candidates from a trigram index over the unstemmed
vocabulary, the closest by Levenshtein distance (at most 2, as the app) chosen, synonym words
first, then the commonest.
"""

from datetime import date, datetime, timedelta

import psycopg

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
from knowledge.search.synonyms import WordGroup
from knowledge.search.text import index_terms

# The app's boosts 1 : 2 : 3 : 5 for D, C, B, A.
RANK_WEIGHTS = "{0.2, 0.4, 0.6, 1.0}"
TEXT_CONFIG = "english_unaccent"
MAX_EDIT_DISTANCE = 2
TRIGRAM_THRESHOLD = 0.2
COLUMN = {facet: f"f_{facet}" for facet in FACETS}

SCHEMA = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch",
    f"CREATE TEXT SEARCH CONFIGURATION {TEXT_CONFIG} (COPY = english)",
    f"ALTER TEXT SEARCH CONFIGURATION {TEXT_CONFIG} "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
    "CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION simple_unaccent "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    f"""
    CREATE TABLE search_service (
        docid integer PRIMARY KEY,
        id text NOT NULL,
        sort_name text NOT NULL,
        closed boolean NOT NULL,
        name text NOT NULL,
        terms text NOT NULL,
        summary text NOT NULL,
        organisation text NOT NULL,
        description text NOT NULL,
        places text NOT NULL,
        spelling text NOT NULL,
        codes text[] NOT NULL,
        f_need bigint NOT NULL,
        f_type bigint NOT NULL,
        f_area bigint NOT NULL,
        f_age bigint NOT NULL,
        f_cost bigint NOT NULL,
        f_route bigint NOT NULL,
        open_days bigint NOT NULL,
        document tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('{TEXT_CONFIG}', name), 'A')
            || setweight(array_to_tsvector(codes), 'A')
            || setweight(to_tsvector('{TEXT_CONFIG}', terms), 'B')
            || setweight(to_tsvector('{TEXT_CONFIG}', summary), 'C')
            || setweight(
                to_tsvector('{TEXT_CONFIG}', organisation || ' ' || description || ' ' || places),
                'D'
            )
        ) STORED
    )
    """,
    """
    CREATE TABLE search_opening (
        docid integer NOT NULL,
        weekday smallint NOT NULL,
        ordinal smallint,
        opens_at time NOT NULL,
        closes_at time NOT NULL,
        valid_from date,
        valid_to date
    )
    """,
    "CREATE TABLE search_word (word text PRIMARY KEY, ndoc integer NOT NULL, synonym boolean)",
    "CREATE TABLE search_bit (facet text, value text, bit integer, PRIMARY KEY (facet, value))",
)
SERVICE_COLUMNS = (
    "docid id sort_name closed name terms summary organisation description places spelling "
    "codes f_need f_type f_area f_age f_cost f_route open_days"
).split()
INDEXES = (
    "CREATE INDEX search_service_document ON search_service USING gin (document)",
    "CREATE INDEX search_opening_weekday ON search_opening (weekday)",
    """
    INSERT INTO search_word (word, ndoc, synonym)
    SELECT word, ndoc, false
    FROM ts_stat('SELECT to_tsvector(''simple_unaccent'', spelling) FROM search_service')
    """,
    "CREATE INDEX search_word_trigrams ON search_word USING gin (word gin_trgm_ops)",
    "ANALYZE",
)

OPENS_ON = """(weekday = %({p})s AND (ordinal IS NULL OR ordinal IN (%({p}_n)s, %({p}_e)s))
    AND (valid_from IS NULL OR valid_from <= %({p}_day)s)
    AND (valid_to IS NULL OR valid_to >= %({p}_day)s))"""
OPEN_NOW_SQL = f"""SELECT docid FROM search_opening WHERE
    ({OPENS_ON.format(p="today")} AND opens_at <= %(time)s
        AND (closes_at <= opens_at OR %(time)s < closes_at))
    OR ({OPENS_ON.format(p="yesterday")} AND closes_at <= opens_at AND %(time)s < closes_at)"""


class PostgresFullText(FullTextBaseline):
    name = "postgresql"

    def __init__(self, url: str, synonyms: Synonyms):
        super().__init__(synonyms)
        # A SQLAlchemy URL (postgresql+psycopg://…) or a plain libpq one.
        self.connection = psycopg.connect(url.replace("+psycopg", ""), autocommit=True)
        self.connection.execute(f"SET pg_trgm.similarity_threshold = {TRIGRAM_THRESHOLD}")
        self.bits = FacetBits()
        if self.connection.execute("SELECT to_regclass('search_bit')").fetchone()[0]:
            stored: dict[str, dict[str, int]] = {}
            for facet, value, bit in self.connection.execute("SELECT * FROM search_bit"):
                stored.setdefault(facet, {})[value] = bit
            self.bits = FacetBits(stored)

    def close(self) -> None:
        self.connection.close()

    def build(self, documents: list[ServiceDocument], today: date) -> None:
        self.bits = FacetBits.of(documents)
        with self.connection.cursor() as cursor:
            for statement in SCHEMA:
                cursor.execute(statement)
            cursor.executemany("INSERT INTO search_bit VALUES (%s, %s, %s)", self.bits.rows())
            columns = ", ".join(SERVICE_COLUMNS)
            with cursor.copy(f"COPY search_service ({columns}) FROM STDIN") as copy:
                for docid, document in enumerate(documents):
                    copy.write_row(_service_row(docid, document, today, self.bits))
            with cursor.copy("COPY search_opening FROM STDIN") as copy:
                for docid, document in enumerate(documents):
                    for opening in openings(document.periods):
                        copy.write_row(
                            (
                                docid,
                                opening.weekday,
                                opening.ordinal,
                                opening.opens_at,
                                opening.closes_at,
                                opening.valid_from,
                                opening.valid_to,
                            )
                        )
            for statement in INDEXES:
                cursor.execute(statement)
            single_words = sorted(w for w in self.synonyms.vocabulary if " " not in w)
            cursor.executemany(
                "INSERT INTO search_word (word, ndoc, synonym) VALUES (%s, 0, true) "
                "ON CONFLICT (word) DO UPDATE SET synonym = true",
                [(w,) for w in single_words],
            )

    def size_bytes(self) -> int:
        return self.connection.execute(
            "SELECT sum(pg_total_relation_size(t)) FROM unnest("
            "ARRAY['search_service', 'search_opening', 'search_word']::regclass[]) t"
        ).fetchone()[0]

    def is_known(self, word: str) -> bool:
        row = self.connection.execute(
            "SELECT EXISTS (SELECT 1 FROM search_word WHERE word = %s AND ndoc > 0)", (word,)
        ).fetchone()
        return bool(row[0])

    def respell(self, word: str) -> str | None:
        row = self.connection.execute(
            """
            SELECT word FROM (
                SELECT word, synonym, ndoc, levenshtein(word, %(w)s) AS distance
                FROM search_word
                WHERE word %% %(w)s AND word <> %(w)s AND left(word, 1) = left(%(w)s, 1)
            ) candidates
            WHERE distance <= %(most)s
            ORDER BY distance, synonym DESC, ndoc DESC, word
            LIMIT 1
            """,
            {"w": word, "most": MAX_EDIT_DISTANCE},
        ).fetchone()
        return row[0] if row else None

    def run(
        self, groups: list[WordGroup] | None, any_word: bool, query: SearchQuery, now: datetime
    ) -> Page:
        if query.origin is not None:
            raise NotImplementedError("distance sorting is not part of the comparison")
        params: dict[str, object] = {
            "time": now.time(),
            "limit": query.per_page,
            "offset": (query.page - 1) * query.per_page,
        }
        _day_params(params, "today", now.date())
        _day_params(params, "yesterday", now.date() - timedelta(days=1))
        if groups:
            tsquery = (" || " if any_word else " && ").join(
                _group_tsquery(group, f"g{n}", params) for n, group in enumerate(groups)
            )
            source = f"search_service s, (SELECT {tsquery} AS query) q"
            where = "WHERE s.document @@ q.query"
            rank = f"ts_rank('{RANK_WEIGHTS}', s.document, q.query)"
        else:
            source, where, rank = "search_service s", "", "0"
        active = active_filters(query.filters)
        tests = {}
        for facet, chosen in active.items():
            params[f"chosen_{facet}"] = self.bits.mask(facet, chosen)
            tests[facet] = f"({COLUMN[facet]} & %(chosen_{facet})s) <> 0"
        if query.sort == "name" or not query.text.strip():
            order = "sort_name, docid"
        else:
            order = "closed, rank DESC, sort_name, docid"
        params["now_bit"] = self.bits.mask(OPEN, [OPEN_NOW])
        counts, labels = self.bits.counts_sql(tests)
        sql = f"""
        WITH matched AS MATERIALIZED (
            SELECT s.docid, s.id, s.sort_name, s.closed, {rank} AS rank,
                s.f_need, s.f_type, s.f_area, s.f_age, s.f_cost, s.f_route,
                s.open_days | CASE WHEN s.docid IN ({OPEN_NOW_SQL})
                    THEN %(now_bit)s ELSE 0 END AS f_open
            FROM {source} {where}
        )
        SELECT ARRAY[count(*), count(*) FILTER (WHERE {_all(tests)}), {", ".join(counts)}],
            (SELECT array_agg(id ORDER BY {order}) FROM (
                SELECT * FROM matched WHERE {_all(tests)} ORDER BY {order}
                LIMIT %(limit)s OFFSET %(offset)s) page)
        FROM matched
        """
        numbers, ids = self.connection.execute(sql, params).fetchone()
        return _page(numbers, ids or [], labels)


def _service_row(docid: int, document: ServiceDocument, today: date, bits: FacetBits) -> tuple:
    return (
        docid,
        document.id,
        document.name.casefold(),
        document.temporarily_closed,
        document.name,
        " ".join(document.term_names),
        document.summary,
        document.organisation,
        document.description,
        " ".join(document.places),
        spelling_text(document),
        list(dict.fromkeys((*document.need_terms, *document.service_types))),
        *bits.static_masks(document),
        bits.mask(OPEN, open_days(document, today)),
    )


def _day_params(params: dict[str, object], prefix: str, day: date) -> None:
    facts = Day.of(day)
    params[prefix] = facts.weekday
    params[f"{prefix}_n"] = facts.ordinal
    params[f"{prefix}_e"] = facts.ordinal_from_end
    params[f"{prefix}_day"] = day


def _group_tsquery(group: WordGroup, key: str, params: dict[str, object]) -> str:
    """Any word of the group (stemmed by PostgreSQL) or any code it stands for."""
    parts = []
    for n, word in enumerate(group.words):
        if not index_terms(word):
            continue  # the app's stop words, as the app's analyser leaves them out
        params[f"{key}w{n}"] = word
        parts.append(f"plainto_tsquery('{TEXT_CONFIG}', %({key}w{n})s)")
    for n, code in enumerate(group.codes):
        params[f"{key}c{n}"] = f"'{code}'"
        parts.append(f"%({key}c{n})s::tsquery")
    return "(" + " || ".join(parts) + ")"


def _all(tests: dict[str, str]) -> str:
    return " AND ".join(tests.values()) or "TRUE"


def _page(numbers: list[int], ids: list[str], labels: list[tuple[str, str]]) -> Page:
    facets: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for (facet, value), n in zip(labels, numbers[2:], strict=True):
        if n:
            facets[facet][value] = n
    return Page(numbers[0], numbers[1], list(ids), facets)
