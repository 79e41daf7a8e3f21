"""Line checks of CSV imports: every problem of a row, with the column and the reason."""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _

from ..accounts import services as accounts
from ..organisations import services as organisations
from ..vocab import services as vocab

TRUE_WORDS = {"yes", "y", "true", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: the line (1 is the header), the column and why."""

    line: int
    field: str
    reason: str


def split(value: str) -> list[str]:
    """Values separated by ';' or ','."""
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


class Lookup:
    """Terms and organisations read once per file, found by key, label or name."""

    def __init__(self):
        self._terms: dict[str, dict] = {}
        self._organisations: dict | None = None
        self._emails: set[str] | None = None

    def term(self, vocabulary: str, value: str):
        """The active term whose key or label is `value`, or None."""
        if vocabulary not in self._terms:
            table = {}
            for term in vocab.terms(vocabulary):
                table[term.label.lower()] = term
                table[term.key.lower()] = term
            self._terms[vocabulary] = table
        return self._terms[vocabulary].get(value.strip().lower())

    def organisation(self, name: str):
        """The organisation called `name` (any case), or None."""
        if self._organisations is None:
            self._organisations = {o.name.lower(): o for o in organisations.all_organisations()}
        return self._organisations.get(name.strip().lower())

    def has_account(self, email: str) -> bool:
        """Whether an account has this (normalised) e-mail address: one query per file."""
        if self._emails is None:
            self._emails = accounts.all_emails()
        return email in self._emails


class Checker(ABC):
    """Checks rows one at a time, remembering values that must be unique within the file."""

    def __init__(self, lookup: Lookup):
        self.lookup = lookup
        self.seen: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.line = 0

    def check(self, line: int, row: dict) -> list[Problem]:
        """Every problem of one row."""
        self.line, self.problems = line, []
        self.check_row(row)
        return self.problems

    @abstractmethod
    def check_row(self, row: dict) -> None:
        """Record the problems of one row with fail()."""

    def fail(self, column: str, reason: str) -> None:
        """Record a problem of the current line."""
        self.problems.append(Problem(self.line, column, reason))

    def check_unique(self, column: str, key: str) -> bool:
        """Fail if `key` appeared on an earlier line; remember it otherwise."""
        if key in self.seen:
            self.fail(column, _("Same value as line %(n)d.", n=self.seen[key]))
            return False
        self.seen[key] = self.line
        return True

    def check_length(self, column: str, value: str, limit: int) -> None:
        """Fail if the value is longer than the limit."""
        if len(value) > limit:
            self.fail(column, _("At most %(n)d characters.", n=limit))


class OrganisationChecker(Checker):
    """Checks rows of an organisations file."""

    def check_row(self, row: dict) -> None:
        """Name, vocabulary terms, start-up flag, sectors, website and region."""
        self.check_name(row.get("name", ""))
        for column in ("stakeholder_type", "country", "governance_level"):
            value = row.get(column, "")
            if not value:
                self.fail(column, _("A value is required."))
            elif self.lookup.term(column, value) is None:
                self.fail(column, _("Unknown value \"%(value)s\".", value=value))
        self.check_startup(row.get("is_startup", "").lower(), row.get("stakeholder_type", ""))
        for sector in split(row.get("sectors", "")):
            if self.lookup.term("sector", sector) is None:
                self.fail("sectors", _("Unknown sector \"%(value)s\".", value=sector))
        website = row.get("website", "")
        if website and not website.startswith(("http://", "https://")):
            self.fail("website", _("The address must start with http:// or https://."))
        self.check_length("region", row.get("region", ""), 120)

    def check_name(self, name: str) -> None:
        """Present, short enough, unique in the file and new to the database."""
        if not name:
            self.fail("name", _("A name is required."))
        elif len(name) > 200:
            self.check_length("name", name, 200)
        elif self.check_unique("name", name.lower()) and self.lookup.organisation(name):
            self.fail("name", _("An organisation with this name exists already."))

    def check_startup(self, value: str, stakeholder_type: str) -> None:
        """A yes/no value, yes only for enterprises."""
        if value not in TRUE_WORDS | FALSE_WORDS:
            self.fail("is_startup", _("Use yes or no."))
            return
        kind = self.lookup.term("stakeholder_type", stakeholder_type)
        if value in TRUE_WORDS and kind is not None and kind.key != "enterprise":
            self.fail("is_startup", _("Only an enterprise can be a start-up."))


class UserChecker(Checker):
    """Checks rows of a users file."""

    def check_row(self, row: dict) -> None:
        """E-mail, name, organisations, roles and language."""
        self.check_email(accounts.normalise_email(row.get("email", "")))
        name = row.get("display_name", "")
        if not name:
            self.fail("display_name", _("A name is required."))
        self.check_length("display_name", name, 120)
        for org_name in split_names(row.get("organisations", "")):
            if self.lookup.organisation(org_name) is None:
                self.fail("organisations", _("No organisation is called \"%(value)s\".",
                                             value=org_name))
        for role in split(row.get("roles", "")):
            if role.lower() not in ("administrator", "facilitator", "stakeholder"):
                self.fail("roles", _("Unknown role \"%(value)s\".", value=role))
        language = row.get("preferred_language", "")
        if language and language.lower() not in current_app.config["LANGUAGES"]:
            self.fail("preferred_language", _("Unknown language code \"%(value)s\".",
                                              value=language))

    def check_email(self, email: str) -> None:
        """A valid address, unique in the file and new to the database."""
        if not email:
            self.fail("email", _("An e-mail address is required."))
            return
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            self.fail("email", _("\"%(value)s\" is not a valid e-mail address.", value=email))
            return
        if self.check_unique("email", email) and self.lookup.has_account(email):
            self.fail("email", _("An account with this e-mail address exists already."))


def split_names(value: str) -> list[str]:
    """Organisation names, which may contain commas, so only ';' separates them."""
    # Organisation names may contain commas, so only ';' separates them.
    return [part.strip() for part in value.split(";") if part.strip()]
