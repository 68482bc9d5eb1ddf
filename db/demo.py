"""A demo database: realistic, varied contacts, with some deliberate near-duplicates.

Written through the DB-API in large batches (a million contacts must be quick to make), with the
same derived columns and search documents as `db.contacts` computes one by one.
"""

from __future__ import annotations

import multiprocessing
import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from db import demo_data as words
from db import demo_extras
from db.bulk_indexes import create_bulk_indexes, drop_bulk_indexes
from db.clock import SystemClock, local_to_utc
from db.contact_keys import derived_columns, search_document
from db.folding import fold
from db.records import SCALAR_FIELDS, Address, ContactFields, Email, Phone
from db.store import Store

CHUNK = 20_000
WORKERS = 2
DUPLICATE_SHARE = 0.03
AREA_CODES = {
    "New York": "212",
    "Boston": "617",
    "Chicago": "312",
    "San Francisco": "415",
    "Austin": "512",
    "Seattle": "206",
    "Denver": "303",
    "Miami": "305",
    "Atlanta": "404",
    "Minneapolis": "612",
    "Portland": "503",
    "Phoenix": "602",
}

ProgressCallback = Callable[[int, int], None]
# seed, number, size, first id, today's ordinal, the ids of the demo's user fields
Chunk = tuple[int, int, int, int, int, demo_extras.FieldIds]
ChunkRows = tuple[
    list[Any], list[Any], list[Any], list[Any], list[Any], list[Any], list[Any], list[Any]
]


class DemoGenerator:
    """Makes contacts one at a time from a seeded random source: the same seed, the same people."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.recent: list[ContactFields] = []

    def contact(self) -> ContactFields:
        if self.recent and self.rnd.random() < DUPLICATE_SHARE:
            return self.near_duplicate(self.rnd.choice(self.recent))
        fields = self.fresh()
        if len(self.recent) < 500:
            self.recent.append(fields)
        else:
            self.recent[self.rnd.randrange(500)] = fields
        return fields

    def fresh(self) -> ContactFields:
        rnd = self.rnd
        first, last = rnd.choice(words.FIRST_NAMES), rnd.choice(words.LAST_NAMES)
        company = " ".join(
            p
            for p in (
                rnd.choice(words.COMPANY_STEMS),
                rnd.choice(words.COMPANY_TRADES),
                rnd.choice(words.COMPANY_FORMS),
            )
            if p
        )
        place = rnd.choice(words.PLACES)
        domain = fold(company.split()[0]).replace(" ", "") + rnd.choice((".no", ".com", ".net"))
        local = f"{fold(first)}.{fold(last)}".replace(" ", "")
        emails = [Email(f"{local}@{domain}", "work", True)]
        if rnd.random() < 0.3:
            emails.append(Email(f"{local}{rnd.randrange(10, 99)}@example.org", "home"))
        extension = str(rnd.randrange(100, 999)) if rnd.random() < 0.1 else ""
        phones = [self.phone(place, "work", extension)]
        if rnd.random() < 0.6:
            phones.append(self.phone(place, "mobile"))
        addresses = [self.address(place, "work", mailing=True)]
        if rnd.random() < 0.2:
            addresses.append(self.address(rnd.choice(words.PLACES), "home", mailing=False))
        birthday = None
        if rnd.random() < 0.4:
            birthday = date(1950, 1, 1) + timedelta(days=rnd.randrange(365 * 50))
        return ContactFields(
            prefix=rnd.choice(("", "", "", "Mr.", "Ms.", "Dr.")),
            first_name=first,
            middle_name=rnd.choice(("", "", "", "", "A.", "J.", "Marie")),
            last_name=last,
            salutation=first,
            company=company,
            title=rnd.choice(words.TITLES),
            department=rnd.choice(words.DEPARTMENTS),
            web_site=f"https://www.{domain}",
            birthday=birthday,
            status=rnd.choice(words.STATUSES),
            referred_by="",
            last_result=rnd.choice(("", *words.RESULTS)),
            do_not_call=rnd.random() < 0.02,
            do_not_mail=rnd.random() < 0.02,
            notes=rnd.choice(words.NOTES),
            phones=tuple(phones),
            emails=tuple(emails),
            addresses=tuple(addresses),
        )

    def near_duplicate(self, original: ContactFields) -> ContactFields:
        """The same person typed again: a nickname, a typo, another format, a missing field."""
        rnd = self.rnd
        first = words.NICKNAMES.get(original.first_name, original.first_name)
        last = original.last_name
        if rnd.random() < 0.4 and len(last) > 3:
            i = rnd.randrange(1, len(last) - 2)
            last = last[:i] + last[i + 1] + last[i] + last[i + 2 :]
        emails = tuple(replace(e, address=e.address.upper()) for e in original.emails[:1])
        phones = tuple(
            replace(p, number=p.number.replace(" ", "").replace("(", "").replace(")", "-"))
            for p in original.phones[:1]
        )  # reformatted, same E.164
        return replace(
            original,
            first_name=first,
            last_name=last,
            prefix="",
            middle_name="",
            company=original.company if rnd.random() < 0.7 else "",
            emails=emails if rnd.random() < 0.6 else (),
            phones=phones,
            addresses=original.addresses[:1] if rnd.random() < 0.5 else (),
            notes="",
        )

    def phone(self, place: tuple[Any, ...], kind: str, extension: str = "") -> Phone:
        number = self.phone_number(place, mobile=kind == "mobile")
        return Phone(number, kind, extension, e164=_e164(number))

    def phone_number(self, place: tuple[Any, ...], *, mobile: bool = False) -> str:
        return phone_number(self.rnd, place, mobile=mobile)

    def address(self, place: tuple[Any, ...], kind: str, *, mailing: bool) -> Address:
        city, region, postcode, country, _code, streets = place
        rnd = self.rnd
        digits = 4 if country == "Norway" else 5
        code = postcode + "".join(rnd.choices("0123456789", k=max(0, digits - len(postcode))))
        if country == "United Kingdom":
            code = (
                f"{postcode} {rnd.randrange(1, 9)}{rnd.choice('ABDEFGH')}{rnd.choice('JLNPQRST')}"
            )
        return Address(
            street=f"{rnd.choice(streets)} {rnd.randrange(1, 200)}",
            city=city,
            region=region,
            postal_code=code,
            country=country,
            kind=kind,
            is_mailing=mailing,
        )


def phone_number(rnd: random.Random, place: tuple[Any, ...], *, mobile: bool = False) -> str:
    """A number in `place`'s country, written the way people there write it."""
    country = place[4]
    if country == "NO":
        mobile_leads = ("40", "41", "46", "47", "48", "9")  # ranges Norway gives mobiles
        lead = rnd.choice(mobile_leads) if mobile else rnd.choice(("22", "55", "73", "77"))
        digits = lead + "".join(rnd.choices("0123456789", k=8 - len(lead)))
        return f"+47 {digits[:3]} {digits[3:5]} {digits[5:]}"
    if country == "US":
        area = AREA_CODES.get(place[0], "212")
        return f"({area}) {rnd.randrange(201, 999)}-{rnd.randrange(0, 10000):04d}"
    if country == "GB":
        return f"+44 20 7{rnd.randrange(100, 999)} {rnd.randrange(0, 10000):04d}"
    if country == "DE":
        return f"+49 89 {rnd.randrange(1000000, 9999999)}"
    return f"+46 31 {rnd.randrange(100, 999)} {rnd.randrange(10, 99)} {rnd.randrange(10, 99)}"


def generate_demo(
    store: Store,
    count: int,
    seed: int = 1,
    progress: ProgressCallback | None = None,
    *,
    today: date | None = None,
) -> int:
    """Add `count` demo contacts to `store`; returns how many were added.

    Contacts are made in chunks by two worker processes while this one writes the previous chunk,
    and each chunk is committed on its own, so that a million needs neither one huge WAL file nor
    one core; the demo is for trying Cardfile out, not a user's data. On an empty database the
    list indexes are built once at the end, which is faster than keeping them up row by row.
    """
    if count < 0:
        raise ValueError("The number of contacts cannot be negative")
    raw = store.engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        first_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contacts").fetchone()[0]
        conn.execute("BEGIN")
        field_ids = demo_extras.define_fields(conn)
        conn.commit()
        chunks = [
            (
                seed,
                n,
                min(CHUNK, count - offset),
                first_id + offset,
                (today or date.today()).toordinal(),
                field_ids,
            )
            for n, offset in enumerate(range(0, count, CHUNK))
        ]
        rebuild = first_id == 1 and len(chunks) > 1
        if rebuild:
            drop_bulk_indexes(conn)
        try:
            done = 0
            for rows in _chunk_rows_in_parallel(chunks):
                conn.execute("BEGIN")  # the store's connections leave transactions to us
                _insert_chunk(conn, rows)
                conn.commit()
                done += len(rows[0])
                if progress:
                    progress(done, count)
        finally:
            if rebuild:
                conn.execute("BEGIN")
                create_bulk_indexes(conn)
                conn.commit()
        demo_extras.add_categories(conn, first_id, first_id + done - 1)
        demo_extras.add_lists(conn, first_id, first_id + done - 1)
        return done
    finally:
        raw.close()


def _chunk_rows_in_parallel(chunks: list[Chunk]) -> Iterator[ChunkRows]:
    if len(chunks) == 1:
        yield _chunk_rows(chunks[0])
        return
    # Spawned, not forked: the caller may be a process with Qt or open database connections.
    with multiprocessing.get_context("spawn").Pool(WORKERS) as pool:
        yield from pool.imap(_chunk_rows, chunks)


def _chunk_rows(chunk: Chunk) -> ChunkRows:
    """Every row of one chunk, as tuples ready for executemany (runs in a worker process)."""
    seed, number, size, first_id, today_ordinal, field_ids = chunk
    generator = DemoGenerator(seed * 1_000_003 + number)
    rnd = random.Random(seed * 7_919 + number)
    values_rnd = random.Random(seed * 104_729 + number)  # apart: the same people as before
    today = date.fromordinal(today_ordinal)
    contacts, phones, emails, addresses, history, documents, followups, values = (
        [] for _ in range(8)
    )
    for row, fields in _rows(generator, first_id, size, rnd):
        contact_id = row[0][-1]
        planned = _followups(contact_id, rnd, today)
        # At most one follow-up per demo contact: its day is the contact's next follow-up day.
        contacts.append((*row[0], planned[0][3] if planned else None))
        phones.extend(row[1])
        emails.extend(row[2])
        addresses.extend(row[3])
        history.extend(row[4])
        documents.append(row[5])
        followups.extend(planned)
        values.extend(
            demo_extras.contact_values(
                contact_id, fields, values_rnd, today=today, ids=field_ids, phone=phone_number
            )
        )
    return contacts, phones, emails, addresses, history, documents, followups, values


def _followups(contact_id: int, rnd: random.Random, today: date) -> list[tuple[Any, ...]]:
    """Most contacts have one open follow-up, overdue, due today, this week or later; about a
    third have none, so that the panel's "no next action" list has something to show."""
    if rnd.random() < 0.35:
        return []
    kind, description = rnd.choice(words.NEXT_ACTIONS)
    offset = rnd.choices(
        (rnd.randint(-30, -1), 0, rnd.randint(1, 7), rnd.randint(8, 60)), (15, 10, 30, 45)
    )[0]
    due_on = today + timedelta(days=offset)
    due_at = None
    if rnd.random() < 0.3:
        due_at = local_to_utc(due_on, time(rnd.choice((9, 10, 13, 14, 15)), 0), SystemClock())
    created = datetime.combine(today - timedelta(days=rnd.randint(1, 40)), time(12, 0))
    return [(contact_id, kind, description, due_on.isoformat(), _text(due_at), _text(created))]


def _text(moment: datetime | None) -> str | None:
    return moment.isoformat(" ") if moment else None


def _insert_chunk(conn: Any, rows: ChunkRows) -> None:
    contacts, phones, emails, addresses, history, documents, followups, values = rows
    contact_columns = (
        *SCALAR_FIELDS,
        *derived_columns(ContactFields()),
        "created_at",
        "edited_at",
        "id",
        "next_follow_up_on",
    )
    conn.executemany(
        f"INSERT INTO contacts ({', '.join(contact_columns)}) "
        f"VALUES ({', '.join('?' * len(contact_columns))})",
        contacts,
    )
    conn.executemany(
        "INSERT INTO phones (contact_id, position, kind, number, extension, e164) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        phones,
    )
    conn.executemany(
        "INSERT INTO emails (contact_id, position, kind, address, normalized, is_primary) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        emails,
    )
    conn.executemany(
        "INSERT INTO addresses (contact_id, position, kind, street, city, region, postal_code, "
        "country, is_mailing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        addresses,
    )
    conn.executemany(
        "INSERT INTO history (contact_id, occurred_at, kind, result, text, detail) "
        "VALUES (?, ?, ?, ?, ?, '')",
        history,
    )
    conn.executemany("INSERT INTO contact_search (rowid, document) VALUES (?, ?)", documents)
    conn.executemany(
        "INSERT INTO followups (contact_id, kind, description, due_on, due_at, created_at, "
        "result) VALUES (?, ?, ?, ?, ?, ?, '')",
        followups,
    )
    conn.executemany(
        "INSERT INTO custom_values (contact_id, field_id, value_text, value_number, value_date) "
        "VALUES (?, ?, ?, ?, ?)",
        values,
    )


def _rows(gen: DemoGenerator, first_id: int, size: int, rnd: random.Random) -> Iterator[Any]:
    base = datetime(2026, 1, 1)
    for contact_id in range(first_id, first_id + size):
        fields = gen.contact()
        created = base - timedelta(minutes=rnd.randrange(60 * 24 * 900))
        edited = created + timedelta(minutes=rnd.randrange(60 * 24 * 200))
        derived = derived_columns(fields)
        contact = (
            *(_sql_value(getattr(fields, name)) for name in SCALAR_FIELDS),
            *derived.values(),
            created.isoformat(" "),
            edited.isoformat(" "),
            contact_id,
        )
        phones = [
            (contact_id, n, p.kind, p.number, p.extension, p.e164)
            for n, p in enumerate(fields.phones)
        ]
        emails = [
            (contact_id, n, e.kind, e.address, e.address.lower(), e.is_primary)
            for n, e in enumerate(fields.emails)
        ]
        addresses = [
            (
                contact_id,
                n,
                a.kind,
                a.street,
                a.city,
                a.region,
                a.postal_code,
                a.country,
                a.is_mailing,
            )
            for n, a in enumerate(fields.addresses)
        ]
        history = [(contact_id, created.isoformat(" "), "created", "", "Contact created")]
        for _ in range(rnd.randrange(3)):
            when = created + timedelta(minutes=rnd.randrange(60 * 24 * 300))
            history.append(
                (
                    contact_id,
                    when.isoformat(" "),
                    "call",
                    rnd.choice(words.RESULTS),
                    rnd.choice(words.NOTES) or "Called about the offer.",
                )
            )
        documents = (contact_id, search_document(fields))
        yield (contact, phones, emails, addresses, history, documents), fields


def _e164(number: str) -> str:
    """The demo writes numbers in known formats, so their E.164 form is just their digits."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return "+" + digits if number.startswith("+") else "+1" + digits


def _sql_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    return value
