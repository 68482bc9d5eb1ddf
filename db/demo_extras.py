"""What the demo gives its contacts beside their cards: colour-coded categories, and the user
fields a sales team adds (industry, company size, revenue, customer since, newsletter opt-in,
LinkedIn, assistant's phone) with values for a realistic share of contacts, stored as
`db.field_types.parse_value` would store them.

Plain SQL and tuples for the demo's bulk insert (`db.demo`): the fields are defined first, in the
writing process, and the workers make each contact's values from their own seeded random source.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from db import demo_data as words
from db.folding import fold
from db.lookup_records import Condition, Lookup
from db.records import ContactFields

INDUSTRIES = ("Shipping", "Energy", "Retail", "Construction", "Software", "Fisheries", "Health")
# (name, kind, choices, share of contacts with a value)
FIELDS: tuple[tuple[str, str, tuple[str, ...], float], ...] = (
    ("Industry", "choice", INDUSTRIES, 0.80),
    ("Company size", "number", (), 0.70),
    ("Annual revenue", "currency", (), 0.40),
    ("Customer since", "date", (), 0.30),
    ("Newsletter opt-in", "yes_no", (), 0.35),
    ("LinkedIn", "url", (), 0.15),
    ("Assistant phone", "phone", (), 0.05),
)
# Employees, as the size classes small firms dominate: (lowest, highest, weight).
_SIZE_BANDS = (
    (1, 9, 40),
    (10, 49, 30),
    (50, 249, 18),
    (250, 999, 8),
    (1_000, 9_999, 3.5),
    (10_000, 120_000, 0.5),
)
_SIZE_WEIGHTS = [band[2] for band in _SIZE_BANDS]
# "Customer since" goes with the status: nearly every customer, some partners and old customers.
_CUSTOMER_SINCE_BY_STATUS = {"Customer": 0.9, "Partner": 0.5, "Inactive": 0.4}
_PLACES = {place[0]: place for place in words.PLACES}

FieldIds = tuple[int | None, ...]  # the database's id of each of FIELDS; None: not given values
# A row of custom_values: contact id, field id, value_text, value_number, value_date.
ValueRow = tuple[int, int, str | None, float | None, str | None]
PhoneMaker = Callable[[random.Random, tuple[Any, ...]], str]


def define_fields(conn: Any) -> FieldIds:
    """The demo's fields in the database at `conn` (a sqlite3 connection, in a transaction the
    caller commits): made when missing, reused when a field of that name and type is there. A
    field of the same name but another type (or a choice list without the demo's choices) is
    the user's own: it is left alone and gets no demo values."""
    ids: list[int | None] = []
    for name, kind, choices, _share in FIELDS:
        found = conn.execute(
            "SELECT id, kind, choices FROM custom_fields WHERE lower(name) = lower(?)", (name,)
        ).fetchone()
        if found is None:
            (position,) = conn.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM custom_fields"
            ).fetchone()
            made = conn.execute(
                "INSERT INTO custom_fields (name, kind, choices, position) VALUES (?, ?, ?, ?)",
                (name, kind, json.dumps(list(choices)), position),
            )
            ids.append(made.lastrowid)
        elif found[1] == kind and set(choices) <= set(json.loads(found[2] or "[]")):
            ids.append(found[0])
        else:
            ids.append(None)
    return tuple(ids)


def contact_values(
    contact_id: int,
    fields: ContactFields,
    rnd: random.Random,
    *,
    today: date,
    ids: FieldIds,
    phone: PhoneMaker,
) -> list[ValueRow]:
    """One demo contact's user-field values, as rows of `custom_values`; the same draws from
    `rnd` whichever fields get values, so a field left out does not change the others."""
    industry, size, revenue, since, newsletter, linkedin, assistant = ids
    made: list[tuple[int | None, str | None, float | None, str | None]] = []
    if rnd.random() < FIELDS[0][3]:
        made.append((industry, rnd.choice(INDUSTRIES), None, None))
    employees = None
    if rnd.random() < FIELDS[1][3]:
        low, high, _weight = rnd.choices(_SIZE_BANDS, _SIZE_WEIGHTS)[0]
        employees = rnd.randint(low, high)
        made.append((size, None, float(employees), None))
    if rnd.random() < FIELDS[2][3]:
        # Revenue goes roughly with the head count: 60,000 to 400,000 a head, to the cent.
        heads = employees if employees is not None else rnd.randint(1, 200)
        made.append((revenue, None, round(heads * rnd.uniform(60_000, 400_000), 2), None))
    if rnd.random() < _CUSTOMER_SINCE_BY_STATUS.get(fields.status, 0.0):
        day = today - timedelta(days=rnd.randrange(1, 365 * 15))
        made.append((since, None, None, day.isoformat()))
    if rnd.random() < FIELDS[4][3]:  # yes is 1; an unticked yes/no has no row
        made.append((newsletter, None, 1.0, None))
    if rnd.random() < FIELDS[5][3]:
        handle = "-".join(fold(f"{fields.first_name} {fields.last_name}").split())
        url = f"https://www.linkedin.com/in/{handle}-{rnd.randrange(1000, 99999)}"
        made.append((linkedin, url, None, None))
    if rnd.random() < FIELDS[6][3]:
        city = fields.addresses[0].city if fields.addresses else ""
        number = phone(rnd, _PLACES.get(city) or rnd.choice(words.PLACES))
        made.append((assistant, number, None, None))
    return [
        (contact_id, field_id, text, number, day)
        for field_id, text, number, day in made
        if field_id is not None
    ]


def add_categories(conn: Any, first_id: int, last_id: int) -> None:
    """Colour-coded categories for the demo, given to a share of the new contacts (the same
    contacts every time: picked by a formula on their ids)."""
    conn.execute("BEGIN")
    for n, (name, colour, percent) in enumerate(words.CATEGORIES, start=1):
        found = conn.execute("SELECT id FROM categories WHERE name = ?", (name,)).fetchone()
        if found is None:
            conn.execute(
                "INSERT INTO categories (name, colour, description, position) VALUES (?, ?, '', ?)",
                (name, colour, n),
            )
            found = conn.execute("SELECT id FROM categories WHERE name = ?", (name,)).fetchone()
        conn.execute(
            "INSERT OR IGNORE INTO contact_categories (contact_id, category_id) "
            "SELECT id, ? FROM contacts WHERE id BETWEEN ? AND ? AND (id * ? + ?) % 100 < ?",
            (found[0], first_id, last_id, 7919 + 104729 * n, 13 * n, percent),
        )
    conn.commit()


def add_lists(conn: Any, first_id: int, last_id: int) -> None:
    """A saved lookup and a static group to try the side panel with (made once; the group gets
    a small share of the new contacts)."""
    industry = conn.execute(
        "SELECT id FROM custom_fields WHERE name = 'Industry' AND kind = 'choice'"
    ).fetchone()
    rows = [Condition("status", "is", "Customer")]
    if industry is not None:
        rows.append(Condition(f"custom:{industry[0]}", "is", "Shipping"))
    shipping_customers = Lookup(tuple(rows))
    conn.execute("BEGIN")
    conn.execute(
        "INSERT OR IGNORE INTO saved_lookups (name, definition, position) VALUES (?, ?, 1)",
        ("Shipping customers", shipping_customers.to_json()),
    )
    conn.execute(
        "INSERT OR IGNORE INTO contact_groups (name, description, position) VALUES (?, ?, 1)",
        ("Met at Nor-Shipping", "People who came by the stand"),
    )
    (group_id,) = conn.execute(
        "SELECT id FROM contact_groups WHERE name = 'Met at Nor-Shipping'"
    ).fetchone()
    conn.execute(
        "INSERT OR IGNORE INTO group_members (group_id, contact_id) "
        "SELECT ?, id FROM contacts WHERE id BETWEEN ? AND ? AND (id * 6151 + 7) % 100 < 2",
        (group_id, first_id, last_id),
    )
    conn.commit()
