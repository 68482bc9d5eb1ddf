"""What the values of vCard properties mean, for the reader and the writer alike.

Text values are unescaped here rather than by vobject: vobject 0.9.9 splits every single-valued
text property at its first unescaped comma and silently keeps only the first part (Gmail's
`FN:Mr. John Richter, James Doe Sr.` came back as `Mr. John Richter`; upstream issue 55 of
py-vobject/vobject). vobject still parses each line (name, group, parameters, quoting,
quoted-printable with its CHARSET); only the value's backslash escapes are undone here.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import date

from db.interchange.incoming import Photo, birthday_without_year
from db.records import NO_YEAR

# Cardfile's own properties: user fields, and standard fields that vCard has no property for.
CUSTOM_FIELD = "X-CARDFILE-FIELD"  # value: `<field name>;<value>`, both escaped
EXTRA_TEXT_FIELDS = {
    "salutation": "X-CARDFILE-SALUTATION",
    "status": "X-CARDFILE-STATUS",
    "referred_by": "X-CARDFILE-REFERRED-BY",
    "last_result": "X-CARDFILE-LAST-RESULT",
}
FLAG_FIELDS = {
    "do_not_call": "X-CARDFILE-DO-NOT-CALL",
    "do_not_mail": "X-CARDFILE-DO-NOT-MAIL",
    "do_not_email": "X-CARDFILE-DO-NOT-EMAIL",
    "mail_returned": "X-CARDFILE-MAIL-RETURNED",
    "email_bounced": "X-CARDFILE-EMAIL-BOUNCED",
}
APPLE_OMIT_YEAR = "X-APPLE-OMIT-YEAR"

# `\"` is not in the RFCs, but Gmail and Apple write it for a quote.
_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":", '"': '"'}
_DATE_FORMS = (
    re.compile(r"^(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})(?:T[\d:.]*(?:Z|[+-][\d:]+)?)?$"),
    re.compile(r"^--(?P<m>\d{2})-?(?P<d>\d{2})$"),
)
_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
IMAGE_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF"}


class UnreadableValueError(ValueError):
    """A value that cannot be read (a photo that is not base64, ...), said in words."""


def unescape(text: str) -> str:
    r"""`\n`, `\,`, `\;`, `\:` and `\\` undone; any other backslash is kept as it stands.
    Line ends come out as `\n` (quoted-printable 2.1 text holds CR LF)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPES:
            out.append(_ESCAPES[text[i + 1]])
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def split_unescaped(text: str, separator: str) -> list[str]:
    """`text` cut at each `separator` that is not escaped by a backslash; parts still escaped."""
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append("".join(current))
    return parts


def structured(text: str, size: int) -> list[str]:
    """A structured value (N, ADR, ORG) as `size` escaped components, missing ones empty."""
    parts = split_unescaped(text, ";")
    return (parts + [""] * size)[:size] if size else parts


def list_text(component: str, joiner: str) -> str:
    """One component of a structured value that may hold a comma list (`Richter,James`): the
    items unescaped, empty ones dropped, joined by `joiner`."""
    items = (unescape(item).strip() for item in split_unescaped(component, ","))
    return joiner.join(item for item in items if item)


def parse_birthday(value: str, omit_year: str | None) -> date:
    """A BDAY value: `1980-03-22`, `19800322`, a date-time, `--0322` or `--03-22` (no year), or
    a year Apple marks as not known (`X-APPLE-OMIT-YEAR=1604`). Raises UnreadableValueError."""
    text = value.strip()
    for form in _DATE_FORMS:
        match = form.match(text)
        if not match:
            continue
        month, day = int(match["m"]), int(match["d"])
        year = int(match["y"]) if "y" in match.groupdict() and match["y"] else None
        if year is not None and omit_year is not None and omit_year.strip() == str(year):
            year = None
        try:
            return birthday_without_year(month, day) if year is None else date(year, month, day)
        except ValueError:
            raise UnreadableValueError(f"'{text}' is not a date on the calendar") from None
    raise UnreadableValueError(f"'{text}' is not a date")


def bday_value(birthday: date, version: str) -> tuple[str, dict[str, str]]:
    """How a birthday is written: the value, and the parameters it needs."""
    if birthday.year != NO_YEAR:
        return birthday.isoformat(), {}
    if version.startswith("4"):
        return f"--{birthday.month:02d}{birthday.day:02d}", {}
    return birthday.isoformat(), {APPLE_OMIT_YEAR: str(NO_YEAR)}


def decode_photo(value: str, is_base64: bool) -> Photo | None:
    """The picture in a PHOTO value: base64 (2.1/3.0 ENCODING=b/BASE64) or a 4.0 `data:` URI.
    None when the value is empty. Raises UnreadableValueError for a link, bad base64 or what is
    not a PNG, JPEG or GIF."""
    text = value.strip()
    if text.lower().startswith("data:"):
        head, _, text = text.partition(",")
        if ";base64" not in head.lower():
            raise UnreadableValueError("the photo is a data link that is not base64")
    elif not is_base64:
        if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE):
            raise UnreadableValueError(f"the photo is a link ({text[:60]}), not a picture")
        if not text:
            return None
    data_text = re.sub(r"\s+", "", text)
    if not data_text:
        return None
    try:
        data = base64.b64decode(data_text, validate=True)
    except (binascii.Error, ValueError):
        data = _damaged_base64(data_text)
    for signature, mime in _IMAGE_SIGNATURES:
        if data.startswith(signature):
            return Photo(data, mime)
    raise UnreadableValueError("the photo is not a PNG, JPEG or GIF picture")


def _damaged_base64(text: str) -> bytes:
    """Base64 with a character too many or too few (phones write such photos): decoded as far
    as it goes, and kept only when it still starts as a picture does."""
    cleaned = re.sub(r"[^A-Za-z0-9+/]", "", text)
    if len(cleaned) % 4 == 1:  # one character too many can never be decoded: drop it
        cleaned = cleaned[:-1]
    try:
        data = base64.b64decode(cleaned + "=" * (-len(cleaned) % 4))
    except (binascii.Error, ValueError):
        data = b""
    if not any(data.startswith(signature) for signature, _ in _IMAGE_SIGNATURES):
        raise UnreadableValueError("the photo is not valid base64 data")
    return data


def photo_data_uri(photo: Photo) -> str:
    return f"data:{photo.mime};base64," + base64.b64encode(photo.data).decode("ascii")
