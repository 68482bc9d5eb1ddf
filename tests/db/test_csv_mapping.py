"""The column mapping: layouts recognised from their header, aliases, unknown columns, editing."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from db.interchange.csv_layouts import LAYOUTS_FILE
from db.interchange.csv_mapping import guess_mapping, positional_mapping
from db.interchange.csv_rows import read_csv
from db.interchange.csv_targets import (
    IGNORE,
    BadTargetError,
    Target,
    custom,
    field,
    parse_target,
    target_choices,
)
from db.interchange.incoming import Incoming
from resources import resource_path

PRESETS = json.loads(resource_path(*LAYOUTS_FILE).read_text(encoding="utf-8"))
LAYOUT_COLUMNS = {entry["name"]: entry["columns"] for entry in PRESETS["layouts"]}


def test_every_target_the_presets_name_exists() -> None:
    for position, spec in enumerate(PRESETS["aliases"].values()):
        parse_target(spec, position)
    for _, spec in PRESETS["patterns"]:
        parse_target(spec.format("1", "2"), 0)
    for entry in PRESETS["layouts"]:
        for spec in entry.get("overrides", {}).values():
            parse_target(spec, 0)


@pytest.mark.parametrize(
    "name",
    [
        "Outlook (desktop)",
        "Outlook 2003 (desktop)",
        "Outlook.com",
        "Google Contacts (Outlook CSV)",
        "Thunderbird",
        "Thunderbird (UK)",
        "ACT!",
        "HubSpot",
        "Salesforce",
    ],
)
def test_each_fixed_layout_is_recognised_from_its_exact_header(name: str) -> None:
    assert guess_mapping(LAYOUT_COLUMNS[name]).layout == name


def test_the_layouts_have_their_documented_column_counts() -> None:
    counts = {name: len(columns) for name, columns in LAYOUT_COLUMNS.items()}
    assert counts["Outlook (desktop)"] == 92
    assert counts["Outlook 2003 (desktop)"] == 92
    assert counts["Outlook.com"] == 61
    assert counts["Google Contacts (Outlook CSV)"] == 88
    assert counts["Thunderbird"] == counts["Thunderbird (UK)"] == 37


def test_thunderbirds_older_column_order_is_still_thunderbird() -> None:
    columns = [c for c in LAYOUT_COLUMNS["Thunderbird"] if c != "Screen Name"]
    assert guess_mapping([*columns, "Screen Name", ""]).layout == "Thunderbird"


def test_google_with_many_numbered_groups_is_google() -> None:
    groups = [f"E-mail {n} - {part}" for n in range(1, 9) for part in ("Label", "Value")]
    groups += [f"Phone {n} - {part}" for n in range(1, 12) for part in ("Label", "Value")]
    mapping = guess_mapping([*LAYOUT_COLUMNS["Google Contacts"], *groups])
    assert mapping.layout == "Google Contacts"
    assert mapping.target_of("Phone 11 - Value") == Target("phone", part="number", item="#11")
    assert mapping.target_of("E-mail 8 - Label") == Target("email", part="label", item="#8")


def test_cardfiles_own_layout_with_user_fields_is_cardfile() -> None:
    groups = ["E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value"]
    user_fields = ["Shoe size", "Notes (user field)", "Hobby"]
    mapping = guess_mapping([*LAYOUT_COLUMNS["Cardfile"], *groups, *user_fields])
    assert mapping.layout == "Cardfile"
    assert mapping.target_of("ID") == IGNORE
    assert mapping.target_of("Notes") == field("notes")
    assert mapping.target_of("Notes (user field)") == custom("Notes")
    assert mapping.target_of("Shoe size") == custom("Shoe size")


def test_an_unknown_header_is_mapped_through_aliases_in_any_case() -> None:
    header = [
        "VORNAME",
        "nachname",
        "Firma",
        "E-mail",
        "Email Address",
        "Mobile",
        "Cell",
        "ZIP",
        "ZIP Code",
        "Post Code",
        "Full Name",
    ]
    mapping = guess_mapping(header)
    assert mapping.layout == ""
    words = dict(mapping.describe())
    assert words["VORNAME"] == "First name"
    assert words["nachname"] == "Last name"
    assert words["Firma"] == "Company"
    assert words["E-mail"] == words["Email Address"] == "E-mail 1"
    assert words["Mobile"] == words["Cell"] == "Phone (mobile)"
    assert {words["ZIP"], words["ZIP Code"], words["Post Code"]} == {"Address (work): postal code"}
    assert words["Full Name"] == "Full name (split into its parts)"


def test_title_is_the_job_title_unless_a_job_title_column_exists() -> None:
    assert guess_mapping(["Name", "Title"]).target_of("Title") == field("title")
    beside = guess_mapping(["Title", "First Name", "Job Title"])
    assert beside.target_of("Title") == field("prefix")
    assert beside.target_of("Job Title") == field("title")
    assert guess_mapping(LAYOUT_COLUMNS["Outlook (desktop)"]).target_of("Title") == field("prefix")


def test_unknown_columns_become_user_fields_or_are_left_out() -> None:
    header = ["First Name", "Shoe size", ""]
    assert guess_mapping(header).targets == (field("first_name"), custom("Shoe size"), IGNORE)
    ignoring = guess_mapping(header, unknown="ignore")
    assert ignoring.targets == (field("first_name"), IGNORE, IGNORE)
    with pytest.raises(ValueError, match="unknown must be one of"):
        guess_mapping(header, unknown="drop")


def test_the_mapping_is_frozen_and_changed_one_column_at_a_time() -> None:
    mapping = guess_mapping(["Name", "Spouse"])
    changed = mapping.replace_target(1, field("notes"))
    assert changed.targets == (Target("full_name"), field("notes"))
    assert mapping.targets == (Target("full_name"), custom("Spouse"))
    assert changed.columns == mapping.columns
    with pytest.raises(dataclasses.FrozenInstanceError):
        mapping.layout = "x"  # type: ignore[misc]


def test_a_file_without_a_header_is_mapped_by_position() -> None:
    mapping = positional_mapping(3, [Target("full_name"), field("company")])
    assert mapping.has_header is False
    assert mapping.columns == ("Column 1", "Column 2", "Column 3")
    assert mapping.targets == (Target("full_name"), field("company"), IGNORE)


def test_targets_in_the_users_words() -> None:
    assert parse_target("address:home:city", 0).describe() == "Address (home): city"
    assert parse_target("phone#2:label", 0).describe() == "Phone 2: label"
    assert parse_target("birthday:year", 0).describe() == "Birthday: year"
    assert custom("Spouse").describe() == "User field “Spouse”"
    assert IGNORE.describe() == "Not imported"


@pytest.mark.parametrize(
    "spec", ["surname", "phone:pager", "address:work:floor", "email#1:colour", "birthday:hour"]
)
def test_a_target_that_does_not_exist_is_refused(spec: str) -> None:
    with pytest.raises(BadTargetError):
        parse_target(spec, 0)


def test_the_choices_offered_for_a_column_can_each_be_chosen(tmp_path: Path) -> None:
    choices = target_choices()
    assert len(set(choices)) == len(choices)
    words = [choice.describe() for choice in choices]
    assert "Phone (mobile)" in words
    assert "E-mail 2" in words
    assert "Address (home): postal code" in words
    mobile = next(c for c in choices if c.describe() == "Phone (mobile)")
    mapping = positional_mapping(3).replace_target(1, mobile).replace_target(2, mobile)
    mapping = mapping.replace_target(0, field("first_name"))
    assert mapping.targets[1] != mapping.targets[2]  # two columns, two phones
    path = tmp_path / "no-header.csv"
    path.write_text("Ada,555 0101,555 0102\n", encoding="utf-8")
    (record,) = list(read_csv(path, mapping).records)
    assert isinstance(record, Incoming)
    assert [p.number for p in record.fields.phones] == ["555 0101", "555 0102"]
