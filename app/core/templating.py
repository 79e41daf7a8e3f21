"""Template filters and globals shared by every page."""

from datetime import UTC, datetime

from flask import Flask, request, url_for
from flask_babel import format_date, format_datetime, format_decimal, get_timezone

from .markdown import render_markdown


def url_with(**changes) -> str:
    """The current URL with some query arguments changed (for pagers and filters)."""
    args = request.args.to_dict()
    args.update({key: value for key, value in changes.items() if value is not None})
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def datetime_filter(value: datetime | None, fmt: str = "d MMM y, HH:mm") -> str:
    """Format a timestamp in the user's time zone, naming the zone."""
    if value is None:
        return ""
    zone = get_timezone()
    abbreviation = value.astimezone(zone).tzname()
    named = abbreviation if abbreviation == str(zone) else f"{abbreviation} ({zone})"
    return f"{format_datetime(value, fmt)} {named}"


def date_only_filter(value: datetime | None) -> str:
    """Only the (UTC) day of a timestamp: contributions to rounds anonymous to everyone."""
    if value is None:
        return ""
    return format_date(value.astimezone(UTC).date())


def number_filter(value, digits: int = 2) -> str:
    """A number in the user's locale with at most `digits` decimals ("—" for none)."""
    if value is None:
        return "—"
    return format_decimal(value, format="#,##0." + "#" * digits) if digits else \
        format_decimal(round(value), format="#,##0")


def register(app: Flask) -> None:
    """Install filters and globals."""
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["datetime"] = datetime_filter
    app.jinja_env.filters["number"] = number_filter
    app.jinja_env.filters["date_only"] = date_only_filter
    app.jinja_env.globals["url_with"] = url_with
