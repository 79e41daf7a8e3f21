"""CSV import of organisations and users: check every line first, import only a clean file."""

import csv
import io
from dataclasses import dataclass, field
from itertools import islice

from flask_babel import gettext as _

from ..accounts import services as accounts
from ..accounts.permissions import can_invite
from ..core.errors import DomainError, NotAllowed
from ..core.input import has_control_characters
from ..organisations import services as organisations
from .checkers import (
    TRUE_WORDS,
    Lookup,
    OrganisationChecker,
    Problem,
    UserChecker,
    split,
    split_names,
)

MAX_ROWS = 10_000
MAX_CELL = 128 * 1024  # characters in one cell (the csv module's own limit is 128 KiB)


@dataclass(frozen=True)
class Column:
    """A CSV column: its header, whether it must have a value, and how to read it."""

    name: str
    required: bool
    help: str


ORGANISATION_COLUMNS = (
    Column("name", True, "Unique name of the organisation."),
    Column("stakeholder_type", True,
           "public_authority, enterprise, vet_provider or other (key or label)."),
    Column("is_startup", False, "yes or no; only enterprises can be start-ups."),
    Column("country", True, "ISO 3166-1 two-letter code, e.g. IT, ES, FI, BG, BE."),
    Column("region", False, "Free text."),
    Column("governance_level", True, "local, regional, national or eu."),
    Column("sectors", False, "Sector keys or labels separated by ';', e.g. wood;building."),
    Column("website", False, "Address starting with http:// or https://."),
)

USER_COLUMNS = (
    Column("email", True, "Unique e-mail address."),
    Column("display_name", True, "Name shown to others."),
    Column("organisations", False, "Names of existing organisations separated by ';'."),
    Column("roles", False, "Empty for a stakeholder, or facilitator and/or administrator "
                           "separated by ';'."),
    Column("preferred_language", False, "Language code such as en, it, es, fi, bg."),
)

KINDS = {"organisations": ORGANISATION_COLUMNS, "users": USER_COLUMNS}


@dataclass
class Report:
    """The outcome of checking a file: the rows read and every problem found."""

    kind: str
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        """Whether the file can be imported as it is."""
        return not self.problems and bool(self.rows)


class ImportRejected(DomainError):
    """The file has problems; nothing was imported."""


def decode(data: bytes) -> str:
    """The file's text, as UTF-8 (with or without a byte-order mark)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(_("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try "
                               "again.")) from exc
    if has_control_characters(text):
        raise ImportRejected(_("The file contains control characters (such as NUL bytes), which "
                               "a text file does not have. Save it again as \"CSV UTF-8\" from "
                               "your spreadsheet and try again."))
    return text


def check(kind: str, text: str) -> Report:
    """Read and check every line of a CSV file without changing anything."""
    report = Report(kind=kind)
    reader = _reader(text)
    try:
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
        # Read every line before checking any, so that a file over the limit is refused
        # at once, and a cell over MAX_CELL is a problem on the report, not an error.
        raws = list(islice(reader, MAX_ROWS + 1))
    except csv.Error as exc:
        report.problems.append(Problem(reader.line_num, "", _(
            "The line cannot be read (%(reason)s). A cell holds at most %(n)d characters.",
            reason=str(exc), n=MAX_CELL)))
        return report
    if len(raws) > MAX_ROWS:
        report.problems.append(Problem(MAX_ROWS + 2, "", _(
            "Too many lines: at most %(n)d rows. Split the file and import each part.",
            n=MAX_ROWS)))
        return report
    columns = KINDS[kind]
    known = {c.name for c in columns}
    for name in header:
        if name and name not in known:
            report.problems.append(Problem(1, name, _("Unknown column. Expected: %(cols)s.",
                                                      cols=", ".join(sorted(known)))))
    for column in columns:
        if column.required and column.name not in header:
            report.problems.append(Problem(1, column.name, _("Required column is missing.")))
    if report.problems:
        return report
    lookup = Lookup()
    checker = (OrganisationChecker if kind == "organisations" else UserChecker)(lookup)
    for number, raw in enumerate(raws, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if not any(row.values()):
            continue
        if None in raw:
            report.problems.append(Problem(number, "", _("More values than columns.")))
            continue
        problems = checker.check(number, row)
        report.problems.extend(problems)
        if not problems:
            report.rows.append(row | {"_line": number})
    if not report.rows and not report.problems:
        report.problems.append(Problem(2, "", _("The file has no data lines.")))
    return report


def run_import(actor, kind: str, text: str, send_invitations: bool = False) -> list:
    """Import a file that checks clean; raise ImportRejected otherwise, importing nothing."""
    report = check(kind, text)
    if not report.is_clean:
        raise ImportRejected(_("The file has %(n)d problems; nothing was imported.",
                               n=len(report.problems)))
    lookup = Lookup()
    if kind == "organisations":
        return organisations.create_organisations(
            actor, [_organisation_fields(lookup, row) for row in report.rows])
    if send_invitations and not can_invite(actor):
        raise NotAllowed(_("Only administrators and facilitators can invite people."))
    created = accounts.create_users(actor, [_user_fields(lookup, row) for row in report.rows])
    if send_invitations:
        for user in created:
            accounts.send_invitation(actor, user)
    return created


def template_csv(kind: str) -> str:
    """A CSV file with the header and one example line."""
    examples = {
        "organisations": ["Regione Esempio", "public_authority", "no", "IT", "Lombardia",
                          "regional", "wood;building", "https://example.org"],
        "users": ["person@example.org", "Maria Rossi", "Regione Esempio", "", "it"],
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.name for c in KINDS[kind]])
    writer.writerow(examples[kind])
    return buffer.getvalue()


def _reader(text: str) -> csv.DictReader:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.DictReader(io.StringIO(text), dialect=dialect)


def _organisation_fields(lookup: Lookup, row: dict) -> dict:
    return {
        "name": row["name"],
        "stakeholder_type": lookup.term("stakeholder_type", row["stakeholder_type"]),
        "is_startup": row.get("is_startup", "").lower() in TRUE_WORDS,
        "country": lookup.term("country", row["country"]),
        "region": row.get("region", ""),
        "governance_level": lookup.term("governance_level", row["governance_level"]),
        "sectors": [lookup.term("sector", s) for s in split(row.get("sectors", ""))],
        "website": row.get("website", ""),
    }


def _user_fields(lookup: Lookup, row: dict) -> dict:
    roles = {role.lower() for role in split(row.get("roles", ""))}
    return {
        "email": row["email"],
        "display_name": row["display_name"],
        "organisations": [lookup.organisation(n)
                          for n in split_names(row.get("organisations", ""))],
        "is_administrator": "administrator" in roles,
        "is_facilitator": "facilitator" in roles,
        "preferred_language": (row.get("preferred_language") or "en").lower(),
    }
