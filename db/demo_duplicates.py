"""Labelled sets for measuring duplicate finding: clean demo contacts, the same people typed again
with the mistakes people make, and different people who look alike, with the truth kept.

A duplicate is one of the clean contacts corrupted in one to three ways: a typo in a name
(a letter inserted, dropped, changed or two swapped), a nickname for the given name, first and
last name swapped, an initial for the given name, a new address (moved), the e-mail written in
capitals or only another of the person's addresses, the phone written another way or only another
of their numbers, fields left out, the company written another way ("AS" and "A/S", "& Co.").
Each keeps at least one way to reach the person (an e-mail, a phone, the address or the birthday)
that the original has: without one, no one could tell it is the same person either.

The hard negatives are different people: namesakes (the same first and last name, nothing else
in common), family members (the same last name, address and home phone) and colleagues (the same
company, switchboard number and address).

Plain Python, seeded: the same seed gives the same set.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from typing import TYPE_CHECKING

from db import demo_data as words
from db.demo import DemoGenerator
from db.duplicate_profiles import nickname_groups
from db.records import Address, ContactFields, Email, Phone

if TYPE_CHECKING:
    from db.store import Store

LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Ways a company's legal form is written, each with the others people write for it.
COMPANY_FORMS = {
    "AS": ("A/S", "as", "A.S."),
    "ASA": ("A.S.A.", "asa"),
    "Inc.": ("Inc", "Incorporated", "inc."),
    "LLC": ("L.L.C.", "llc"),
    "Ltd": ("Ltd.", "Limited"),
    "GmbH": ("GMBH", "Gmbh"),
    "AB": ("Ab", "AB."),
    "Oy": ("OY", "Oy."),
    "& Co.": ("and Co", "& Co", "& Company"),
}


@dataclass(frozen=True)
class LabelledSet:
    """Contacts (in the order they are added) and, for each, the person it is."""

    contacts: tuple[ContactFields, ...]
    person: tuple[int, ...]  # the same number: the same person
    how: tuple[str, ...]  # "clean", the corruptions of a duplicate ("typo-last+moved"), or the
    # kind of hard negative ("namesake", "family", "colleague")

    def true_pairs(self, ids: Sequence[int]) -> set[tuple[int, int]]:
        """Every pair of contact ids (low, high) that are the same person, given the ids the
        contacts got, in order."""
        by_person: dict[int, list[int]] = {}
        for contact_id, who in zip(ids, self.person, strict=True):
            by_person.setdefault(who, []).append(contact_id)
        return {
            (min(a, b), max(a, b)) for same in by_person.values() for a, b in combinations(same, 2)
        }


def labelled_set(
    clean: int,
    *,
    seed: int = 1,
    duplicate_share: float = 0.25,
    second_duplicate_share: float = 0.2,
    namesake_share: float = 0.03,
    family_share: float = 0.03,
    colleague_share: float = 0.03,
) -> LabelledSet:
    """`clean` demo contacts; a duplicate of `duplicate_share` of them (and of
    `second_duplicate_share` of those a second one); and the hard negatives, each a share of
    `clean`. Shuffled, so that a duplicate is not always next to its original."""
    maker = _Corrupter(seed)
    made: list[tuple[ContactFields, int, str]] = []
    originals = [maker.gen.fresh() for _ in range(clean)]
    made.extend((fields, n, "clean") for n, fields in enumerate(originals))
    rnd = maker.rnd
    for n, original in enumerate(originals):
        if rnd.random() < duplicate_share:
            copies = 2 if rnd.random() < second_duplicate_share else 1
            for _ in range(copies):
                made.append(_dup(maker, original, n))
    others = clean
    for share, kind, make in (
        (namesake_share, "namesake", maker.namesake),
        (family_share, "family", maker.family_member),
        (colleague_share, "colleague", maker.colleague),
    ):
        for _ in range(round(share * clean)):
            made.append((make(rnd.choice(originals)), others, kind))
            others += 1
    rnd.shuffle(made)
    return LabelledSet(
        contacts=tuple(m[0] for m in made),
        person=tuple(m[1] for m in made),
        how=tuple(m[2] for m in made),
    )


def _dup(maker: _Corrupter, original: ContactFields, n: int) -> tuple[ContactFields, int, str]:
    fields, how = maker.duplicate(original)
    return fields, n, how


def load_into(store: Store, contacts: Sequence[ContactFields]) -> list[int]:
    """Add the contacts to `store` in one transaction, by the demo's bulk path (the same rows as
    `create_contact` writes, without its checks: a FEBRL record may have no name at all); returns
    their ids, in order."""
    from db.demo import _insert_chunk, _rows
    from db.phones import PhoneNumberError, to_e164

    def with_e164(fields: ContactFields) -> ContactFields:
        def e164(number: str) -> str | None:
            try:
                return to_e164(number)
            except PhoneNumberError:
                return None

        return replace(fields, phones=tuple(replace(p, e164=e164(p.number)) for p in fields.phones))

    class Replay:
        def __init__(self) -> None:
            self.next = iter(contacts)

        def contact(self) -> ContactFields:
            return with_e164(next(self.next))

    raw = store.engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        first_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contacts").fetchone()[0]
        rows: list[list[object]] = [[] for _ in range(8)]
        made = _rows(Replay(), first_id, len(contacts), random.Random(0))  # type: ignore[arg-type]
        for (contact, phones, emails, addresses, history, document), _fields in made:
            rows[0].append((*contact, None))
            rows[1].extend(phones)
            rows[2].extend(emails)
            rows[3].extend(addresses)
            rows[4].extend(history)
            rows[5].append(document)
        conn.execute("BEGIN")
        _insert_chunk(conn, tuple(rows))  # type: ignore[arg-type]
        conn.commit()
    finally:
        raw.close()
    return list(range(first_id, first_id + len(contacts)))


class _Corrupter:
    def __init__(self, seed: int) -> None:
        self.gen = DemoGenerator(seed)
        self.rnd = random.Random(seed * 31 + 7)
        groups: dict[int, list[str]] = {}
        for name, numbers in nickname_groups().items():
            for number in numbers:
                groups.setdefault(number, []).append(name)
        self.nicknames = {
            name: sorted({other for n in numbers for other in groups[n]} - {name})
            for name, numbers in nickname_groups().items()
        }

    # The same person again.

    def duplicate(self, original: ContactFields) -> tuple[ContactFields, str]:
        rnd = self.rnd
        ways: dict[str, Callable[[ContactFields], ContactFields | None]] = {
            "typo-first": lambda f: replace(f, first_name=self.typo(f.first_name)),
            "typo-last": lambda f: replace(f, last_name=self.typo(f.last_name)),
            "nickname": self.nickname,
            "swapped": lambda f: replace(f, first_name=f.last_name, last_name=f.first_name),
            "initial": lambda f: replace(
                f, first_name=f.first_name[:1] + rnd.choice((".", "", "."))
            ),
            "moved": self.moved,
            "email-case": lambda f: replace(
                f, emails=tuple(replace(e, address=e.address.upper()) for e in f.emails)
            ),
            "email-other": self.other_email,
            "phone-format": self.phone_format,
            "phone-other": self.other_phone,
            "missing": self.missing,
            "company-form": self.company_form,
        }
        names = list(ways)
        chosen = rnd.sample(names, rnd.choice((1, 1, 2, 2, 2, 3)))
        if "swapped" in chosen and "initial" in chosen:
            chosen.remove("initial")
        fields = original
        done = []
        for name in chosen:
            changed = ways[name](fields)
            if changed is not None and changed != fields:
                fields = changed
                done.append(name)
        fields = replace(
            fields, notes="", prefix="", middle_name=rnd.choice(("", original.middle_name))
        )
        if not _reachable_alike(original, fields):
            fields = replace(fields, emails=original.emails[:1] + fields.emails[1:])
            done.append("kept-email")
        return fields, "+".join(done) or "copy"

    def typo(self, name: str) -> str:
        rnd = self.rnd
        if len(name) < 3:
            return name
        i = rnd.randrange(1, len(name) - 1)  # people get the first letter right
        kind = rnd.choice(("insert", "delete", "substitute", "transpose"))
        letter = rnd.choice(LETTERS)
        if kind == "insert":
            return name[:i] + letter + name[i:]
        if kind == "delete":
            return name[:i] + name[i + 1 :]
        if kind == "substitute":
            return name[:i] + letter + name[i + 1 :]
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :] if i + 1 < len(name) else name

    def nickname(self, f: ContactFields) -> ContactFields | None:
        from db.folding import fold

        others = self.nicknames.get(fold(f.first_name))
        if not others:
            return None
        return replace(f, first_name=self.rnd.choice(others).title())

    def moved(self, f: ContactFields) -> ContactFields:
        place = self.rnd.choice(words.PLACES)
        return replace(f, addresses=(self.gen.address(place, "work", mailing=True),))

    def other_email(self, f: ContactFields) -> ContactFields | None:
        if len(f.emails) > 1:  # only the home address this time
            return replace(f, emails=f.emails[1:])
        local = f.emails[0].address.split("@")[0] if f.emails else "someone"
        return replace(f, emails=(Email(f"{local}{self.rnd.randrange(10, 99)}@example.org"),))

    def phone_format(self, f: ContactFields) -> ContactFields:
        def written(p: Phone) -> Phone:
            digits = "".join(ch for ch in p.number if ch.isdigit() or ch == "+")
            if p.number.startswith("("):  # (212) 555-0100 -> 212.555.0100
                digits = f"{digits[:3]}.{digits[3:6]}.{digits[6:]}"
            return replace(p, number=digits, e164=None)

        return replace(f, phones=tuple(written(p) for p in f.phones))

    def other_phone(self, f: ContactFields) -> ContactFields:
        if len(f.phones) > 1:
            return replace(f, phones=f.phones[1:])
        place = self.rnd.choice(words.PLACES)
        return replace(f, phones=(self.gen.phone(place, "mobile"),))

    def missing(self, f: ContactFields) -> ContactFields:
        left_out = self.rnd.sample(("company", "emails", "phones", "addresses", "birthday"), 2)
        empty = {"company": "", "emails": (), "phones": (), "addresses": (), "birthday": None}
        return replace(f, **{name: empty[name] for name in left_out})  # type: ignore[arg-type]

    def company_form(self, f: ContactFields) -> ContactFields | None:
        for form, others in COMPANY_FORMS.items():
            if f.company.endswith(" " + form):
                return replace(f, company=f.company[: -len(form)] + self.rnd.choice(others))
        if f.company:
            return replace(f, company=self.rnd.choice((f.company.upper(), f.company + " AS")))
        return None

    # Different people who look alike.

    def namesake(self, f: ContactFields) -> ContactFields:
        return replace(self.gen.fresh(), first_name=f.first_name, last_name=f.last_name)

    def family_member(self, f: ContactFields) -> ContactFields:
        other = self.gen.fresh()
        first = other.first_name
        while first == f.first_name:
            first = self.rnd.choice(words.FIRST_NAMES)
        home = f.phones[-1]
        return replace(
            other,
            first_name=first,
            salutation=first,
            last_name=f.last_name,
            phones=(replace(home, kind="home"), *other.phones[1:]),
            addresses=f.addresses[:1],
        )

    def colleague(self, f: ContactFields) -> ContactFields:
        other = self.gen.fresh()
        domain = f.emails[0].address.split("@")[1] if f.emails else "example.org"
        local = other.emails[0].address.split("@")[0]
        return replace(
            other,
            company=f.company,
            phones=(f.phones[0], *other.phones[1:]),  # the switchboard
            emails=(Email(f"{local}@{domain}", "work", True),),
            addresses=f.addresses[:1],
            web_site=f.web_site,
        )


def _reachable_alike(a: ContactFields, b: ContactFields) -> bool:
    """Whether the two share an e-mail, a phone, a street address or a birthday."""
    from db.phones import to_e164

    def phones(f: ContactFields) -> set[str | None]:
        return {to_e164(p.number) for p in f.phones} - {None}

    return bool(
        {e.address.lower() for e in a.emails} & {e.address.lower() for e in b.emails}
        or phones(a) & phones(b)
        or _streets(a.addresses) & _streets(b.addresses)
        or (a.birthday and a.birthday == b.birthday)
    )


def _streets(addresses: Sequence[Address]) -> set[tuple[str, str]]:
    return {(x.street, x.postal_code) for x in addresses if x.street}
