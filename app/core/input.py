"""Hostile input stopped at the door: control characters, huge numbers, browser line breaks.

Every request goes through here before any view reads it, so no route, form or search can
store a NUL (PostgreSQL refuses it, and an EPUB holding one is invalid XML), look up an id
that overflows the database's integer, or count a line break twice.
"""

import re

from flask import Flask, Request, abort, request
from flask_babel import gettext as _
from werkzeug.datastructures import CombinedMultiDict, ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter
from werkzeug.utils import cached_property

# The largest id and number the database stores (a 32-bit signed INTEGER column).
MAX_DB_INT = 2**31 - 1

# C0 and C1 control characters except tab, line feed, carriage return and NEL, the
# non-characters U+FFFE/U+FFFF and lone surrogates: none can be typed, XML 1.0 forbids most.
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def has_control_characters(text: str) -> bool:
    """Whether the text holds a control character that no field accepts."""
    return CONTROL_CHARACTERS.search(text) is not None


def strip_control_characters(text: str) -> str:
    """The text without the control characters that no field accepts."""
    return CONTROL_CHARACTERS.sub("", text)


def database_int(value) -> int:
    """int(value), refusing (ValueError) what the database's integer columns cannot hold."""
    number = int(value)
    if not -MAX_DB_INT - 1 <= number <= MAX_DB_INT:
        raise ValueError(f"{number} is out of the database's integer range")
    return number


def parse_id(text: str | None) -> int | None:
    """An id sent as text: ASCII digits within the database's range, else None."""
    if not text or not text.isascii() or not text.isdigit() or int(text) > MAX_DB_INT:
        return None
    return int(text)


def parse_ids(texts) -> list[int]:
    """The valid ids among texts (a form's getlist), in order; the others are dropped."""
    return [number for number in map(parse_id, texts) if number is not None]


class _BoundedGet:
    """`.get(key, type=int)` gives the default for numbers the database cannot hold."""

    def get(self, key, default=None, type=None):
        """Like MultiDict.get, with int meaning database_int."""
        return super().get(key, default, database_int if type is int else type)


class BoundedMultiDict(_BoundedGet, ImmutableMultiDict):
    """The request's query string and form."""


class BoundedCombinedMultiDict(_BoundedGet, CombinedMultiDict):
    """The request's values: query string and form together."""


class SafeRequest(Request):
    """A request whose form counts line breaks as the browser does, with bounded ints."""

    parameter_storage_class = BoundedMultiDict

    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__.get("form")
        if form and any("\r" in value for value in form.values()):
            # A browser counts a line break as one character for maxlength but sends CRLF:
            # keep LF only, so that what fitted in the page fits the server's limits.
            self.__dict__["form"] = self.parameter_storage_class(
                (key, value.replace("\r\n", "\n").replace("\r", "\n"))
                for key, value in form.items(multi=True))

    @cached_property
    def values(self) -> CombinedMultiDict:
        """The query string, then (except for GET) the form."""
        sources = [self.args] if self.method == "GET" else [self.args, self.form]
        return BoundedCombinedMultiDict(
            [d if isinstance(d, MultiDict) else MultiDict(d) for d in sources])


class DatabaseIntConverter(IntegerConverter):
    """`<int:id>` for ids the database can hold: a larger number is simply not found (404)."""

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_DB_INT)
        super().__init__(map, *args, **kwargs)


def register_converters(app: Flask) -> None:
    """Bound `<int:...>` in every route; call before the blueprints are registered."""
    app.request_class = SafeRequest
    app.url_map.converters["int"] = DatabaseIntConverter


def register(app: Flask) -> None:
    """Refuse any request whose query string or form holds a control character."""

    @app.before_request
    def refuse_control_characters():
        for source in (request.args, request.form):
            for key, value in source.items(multi=True):
                if has_control_characters(key) or has_control_characters(value):
                    abort(400, description=_(
                        "The field “%(field)s” contains a control character (such as NUL) that "
                        "cannot be saved. Remove it (it is often invisible: retype the text "
                        "around it) and send again.",
                        field=strip_control_characters(key)))
