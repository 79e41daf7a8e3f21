"""CSV import of organisations and users: check every line first, import only a clean file."""

import csv
import io
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _

from ..accounts import services as accounts
from ..core.errors import DomainError
from ..organisations import services as organisations
from ..vocab import services as vocab

MAX_ROWS = 10_000
TRUE_WORDS = {"yes", "y", "true", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "0", ""}


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


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: the line (1 is the header), the column and why."""

    line: int
    field: str
    reason: str


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
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(_("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try "
                               "again.")) from exc


def check(kind: str, text: str) -> Report:
    """Read and check every line of a CSV file without changing anything."""
    report = Report(kind=kind)
    reader = _reader(text)
    columns = KINDS[kind]
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
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
    lookup = _Lookup()
    checker = (_OrganisationChecker if kind == "organisations" else _UserChecker)(lookup)
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            report.problems.append(Problem(number, "", _("Too many lines: at most %(n)d rows.",
                                                         n=MAX_ROWS)))
            break
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
    lookup = _Lookup()
    if kind == "organisations":
        return [organisations.create_organisation(actor, **_organisation_fields(lookup, row))
                for row in report.rows]
    created = []
    for row in report.rows:
        fields = _user_fields(lookup, row)
        if send_invitations:
            created.append(accounts.invite_user(actor, **fields))
        else:
            created.append(accounts.create_user(actor, **fields))
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


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


class _Lookup:
    """Terms and organisations read once per file, found by key, label or name."""

    def __init__(self):
        self._terms: dict[str, dict] = {}
        self._organisations: dict | None = None

    def term(self, vocabulary: str, value: str):
        if vocabulary not in self._terms:
            table = {}
            for term in vocab.terms(vocabulary):
                table[term.label.lower()] = term
                table[term.key.lower()] = term
            self._terms[vocabulary] = table
        return self._terms[vocabulary].get(value.strip().lower())

    def organisation(self, name: str):
        if self._organisations is None:
            self._organisations = {o.name.lower(): o for o in organisations.all_organisations()}
        return self._organisations.get(name.strip().lower())


class _Checker(ABC):
    """Checks rows one at a time, remembering values that must be unique within the file."""

    def __init__(self, lookup: _Lookup):
        self.lookup = lookup
        self.seen: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.line = 0

    def check(self, line: int, row: dict) -> list[Problem]:
        self.line, self.problems = line, []
        self.check_row(row)
        return self.problems

    @abstractmethod
    def check_row(self, row: dict) -> None:
        """Record the problems of one row with fail()."""

    def fail(self, column: str, reason: str) -> None:
        self.problems.append(Problem(self.line, column, reason))

    def check_unique(self, column: str, key: str) -> bool:
        """Fail if `key` appeared on an earlier line; remember it otherwise."""
        if key in self.seen:
            self.fail(column, _("Same value as line %(n)d.", n=self.seen[key]))
            return False
        self.seen[key] = self.line
        return True

    def check_length(self, column: str, value: str, limit: int) -> None:
        if len(value) > limit:
            self.fail(column, _("At most %(n)d characters.", n=limit))


class _OrganisationChecker(_Checker):
    def check_row(self, row: dict) -> None:
        self.check_name(row.get("name", ""))
        for column in ("stakeholder_type", "country", "governance_level"):
            value = row.get(column, "")
            if not value:
                self.fail(column, _("A value is required."))
            elif self.lookup.term(column, value) is None:
                self.fail(column, _("Unknown value \"%(value)s\".", value=value))
        self.check_startup(row.get("is_startup", "").lower(), row.get("stakeholder_type", ""))
        for sector in _split(row.get("sectors", "")):
            if self.lookup.term("sector", sector) is None:
                self.fail("sectors", _("Unknown sector \"%(value)s\".", value=sector))
        website = row.get("website", "")
        if website and not website.startswith(("http://", "https://")):
            self.fail("website", _("The address must start with http:// or https://."))
        self.check_length("region", row.get("region", ""), 120)

    def check_name(self, name: str) -> None:
        if not name:
            self.fail("name", _("A name is required."))
        elif len(name) > 200:
            self.check_length("name", name, 200)
        elif self.check_unique("name", name.lower()) and self.lookup.organisation(name):
            self.fail("name", _("An organisation with this name exists already."))

    def check_startup(self, value: str, stakeholder_type: str) -> None:
        if value not in TRUE_WORDS | FALSE_WORDS:
            self.fail("is_startup", _("Use yes or no."))
            return
        kind = self.lookup.term("stakeholder_type", stakeholder_type)
        if value in TRUE_WORDS and kind is not None and kind.key != "enterprise":
            self.fail("is_startup", _("Only an enterprise can be a start-up."))


class _UserChecker(_Checker):
    def check_row(self, row: dict) -> None:
        self.check_email(accounts.normalise_email(row.get("email", "")))
        name = row.get("display_name", "")
        if not name:
            self.fail("display_name", _("A name is required."))
        self.check_length("display_name", name, 120)
        for org_name in _split_names(row.get("organisations", "")):
            if self.lookup.organisation(org_name) is None:
                self.fail("organisations", _("No organisation is called \"%(value)s\".",
                                             value=org_name))
        for role in _split(row.get("roles", "")):
            if role.lower() not in ("administrator", "facilitator", "stakeholder"):
                self.fail("roles", _("Unknown role \"%(value)s\".", value=role))
        language = row.get("preferred_language", "")
        if language and language.lower() not in current_app.config["LANGUAGES"]:
            self.fail("preferred_language", _("Unknown language code \"%(value)s\".",
                                              value=language))

    def check_email(self, email: str) -> None:
        if not email:
            self.fail("email", _("An e-mail address is required."))
            return
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            self.fail("email", _("\"%(value)s\" is not a valid e-mail address.", value=email))
            return
        if self.check_unique("email", email) and accounts.find_by_email(email) is not None:
            self.fail("email", _("An account with this e-mail address exists already."))


def _split_names(value: str) -> list[str]:
    # Organisation names may contain commas, so only ';' separates them.
    return [part.strip() for part in value.split(";") if part.strip()]


def _organisation_fields(lookup: _Lookup, row: dict) -> dict:
    return {
        "name": row["name"],
        "stakeholder_type": lookup.term("stakeholder_type", row["stakeholder_type"]),
        "is_startup": row.get("is_startup", "").lower() in TRUE_WORDS,
        "country": lookup.term("country", row["country"]),
        "region": row.get("region", ""),
        "governance_level": lookup.term("governance_level", row["governance_level"]),
        "sectors": [lookup.term("sector", s) for s in _split(row.get("sectors", ""))],
        "website": row.get("website", ""),
    }


def _user_fields(lookup: _Lookup, row: dict) -> dict:
    roles = {role.lower() for role in _split(row.get("roles", ""))}
    return {
        "email": row["email"],
        "display_name": row["display_name"],
        "organisations": [lookup.organisation(n)
                          for n in _split_names(row.get("organisations", ""))],
        "is_administrator": "administrator" in roles,
        "is_facilitator": "facilitator" in roles,
        "preferred_language": (row.get("preferred_language") or "en").lower(),
    }
