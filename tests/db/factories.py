"""Small contacts made the way a user would type them, for the tests."""

from __future__ import annotations

from db.records import Address, ContactFields, Email, Phone


def person(first: str = "Kari", last: str = "Nordmann", **extra: object) -> ContactFields:
    values: dict[str, object] = {"first_name": first, "last_name": last}
    values.update(extra)
    return ContactFields(**values)  # type: ignore[arg-type]


def full_person() -> ContactFields:
    return ContactFields(
        prefix="Ms.",
        first_name="Åse",
        last_name="Bjørnstad",
        salutation="Åse",
        company="Fjordkraft AS",
        title="Innkjøpssjef",
        status="Customer",
        phones=(Phone("+47 22 33 44 55", "work", "12"), Phone("+47 912 34 567", "mobile")),
        emails=(Email("Ase@Fjordkraft.NO", "work"), Email("ase@example.org", "home")),
        addresses=(
            Address(street="Storgata 1", city="Tromsø", postal_code="9008", country="Norway"),
            Address(street="Heimveien 2", city="Bodø", kind="home"),
        ),
    )
