"""Where one CSV column goes: a `Target` (a standard field, a phone, part of an address, a user
field, ...), written in the presets as a short text ("first_name", "phone:mobile",
"address:home:city", "email#2:address") and shown to the user in words."""

from __future__ import annotations

from dataclasses import dataclass, fields

from db.records import ADDRESS_KINDS, EMAIL_KINDS, PHONE_KINDS, ContactFields
from db.validation import LABELS

_ITEMS = ("phones", "emails", "addresses")
TEXT_FIELDS = tuple(
    f.name for f in fields(ContactFields) if f.type == "str" and f.name not in _ITEMS
)
FLAG_FIELDS = tuple(f.name for f in fields(ContactFields) if f.type == "bool")
STANDARD_FIELDS = (*TEXT_FIELDS, "birthday", *FLAG_FIELDS)

PARTS = {
    "phone": ("number", "label", "extension"),
    "email": ("address", "label"),
    "address": (
        "street",
        "street2",
        "street3",
        "po_box",
        "city",
        "region",
        "postal_code",
        "country",
        "label",
        "formatted",
    ),
    "birthday_part": ("year", "month", "day"),
    "labelled": ("label", "value"),
}
KINDS = {"phone": PHONE_KINDS, "email": EMAIL_KINDS, "address": ADDRESS_KINDS}
_PART_WORDS = {"po_box": "PO box", "postal_code": "postal code", "street2": "street (line 2)"}
_PART_WORDS["street3"] = "street (line 3)"


class BadTargetError(ValueError):
    """A preset names a target that does not exist (a fault in the preset file)."""


@dataclass(frozen=True)
class Target:
    """Where a column's cells go.

    role: "field" (a standard field, `name`), "phone" / "email" / "address" (`part` of one item;
    columns with the same `item` make one phone, e-mail or address; `kind` when the column fixes
    it, else a label column or the default gives it), "categories", "full_name" (split into its
    parts), "birthday_part" (`part` year/month/day), "custom" (the user field `name`), "labelled"
    (a user field named by the `label` column of its `item`, Google's "Custom Field 1 - Label"),
    or "ignore".
    """

    role: str
    name: str = ""
    part: str = ""
    item: str = ""
    kind: str = ""

    def describe(self) -> str:
        """The target in the user's words, for the mapping step."""
        part = _PART_WORDS.get(self.part, self.part)
        number = self.item.lstrip("#") if self.item.startswith("#") else ""
        if self.role == "field":
            return LABELS.get(self.name, self.name)
        if self.role in ("phone", "email", "address"):
            what = {"phone": "Phone", "email": "E-mail", "address": "Address"}[self.role]
            which = f" ({self.kind})" if self.kind else f" {number}" if number else ""
            main = {"phone": "number", "email": "address"}.get(self.role)
            return f"{what}{which}" if self.part == main else f"{what}{which}: {part}"
        if self.role == "birthday_part":
            return f"Birthday: {part}"
        if self.role == "custom":
            return f"User field “{self.name}”"
        if self.role == "labelled":
            return f"User field named by {self.item.lstrip('#')} ({part})"
        return {"categories": "Categories", "full_name": "Full name (split into its parts)"}.get(
            self.role, "Not imported"
        )


IGNORE = Target("ignore")


def field(name: str) -> Target:
    if name not in STANDARD_FIELDS:
        raise BadTargetError(f"'{name}' is not a standard field")
    return Target("field", name=name)


def custom(name: str) -> Target:
    return Target("custom", name=name)


def parse_target(spec: str, column: int) -> Target:
    """The target a preset writes as `spec`; `column` (its position) keeps apart the items of
    columns that each hold one whole phone or e-mail ("phone:mobile")."""
    head, _, rest = spec.partition(":")
    role, _, item = head.partition("#")
    if role in ("ignore", "categories", "full_name", "custom") and not rest and not item:
        return Target(role)
    if role == "birthday" and rest:
        return _checked(Target("birthday_part", part=rest), spec)
    if role in ("phone", "email") and not item:
        default_part = PARTS[role][0]
        return _checked(Target(role, part=default_part, item=f"@{column}", kind=rest), spec)
    if role == "address" and not item:
        kind, _, part = rest.partition(":")
        return _checked(Target(role, part=part, item=kind, kind=kind), spec)
    if role in ("phone", "email", "address", "labelled") and item:
        return _checked(Target(role, part=rest, item=f"#{item}"), spec)
    if not item and not rest:
        return field(role)
    raise BadTargetError(f"'{spec}' is not a target")


def _checked(target: Target, spec: str) -> Target:
    if target.part not in PARTS[target.role]:
        raise BadTargetError(f"'{spec}': '{target.part}' is not a part of a {target.role}")
    if target.kind and target.kind not in KINDS.get(target.role, ()):
        raise BadTargetError(f"'{spec}': '{target.kind}' is not a kind of {target.role}")
    return target


def target_choices() -> tuple[Target, ...]:
    """What the mapping step offers for a column, in order (a user field is offered apart, by
    the name the user gives it). A phone or e-mail chosen here is one whole item per column
    (`Mapping.replace_target` gives it its column)."""
    choices = [IGNORE, *(field(name) for name in STANDARD_FIELDS)]
    choices += [Target("full_name"), Target("categories")]
    choices += [Target("birthday_part", part=part) for part in PARTS["birthday_part"]]
    choices += [Target("phone", part="number", item="@", kind=kind) for kind in PHONE_KINDS]
    choices += [Target("email", part="address", item=f"#{n}") for n in range(1, 4)]
    choices += [Target("email", part="address", item="@", kind=kind) for kind in EMAIL_KINDS]
    choices += [
        Target("address", part=part, item=kind, kind=kind)
        for kind in ADDRESS_KINDS
        for part in PARTS["address"]
        if part not in ("label", "formatted")
    ]
    return tuple(choices)
