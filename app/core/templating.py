"""Template filters and globals shared by every page."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import format_skeleton
from flask import Flask, request, url_for
from flask_babel import format_date, format_decimal, get_locale, get_timezone

from .i18n import has_chosen_timezone, language_names
from .markdown import render_markdown


def url_with(**changes) -> str:
    """The current URL with some query arguments changed (for pagers and filters)."""
    args = request.args.to_dict()
    args.update({key: value for key, value in changes.items() if value is not None})
    return url_for(request.endpoint, **(request.view_args or {}), **args)


# The English interface keeps its day-month-year; other languages take their own order.
_SKELETONS = {"d MMM y, HH:mm": "yMMMdHm", "short": "yMdHm", "d MMM y": "yMMMd"}


def _from_skeleton(skeleton: str, value: datetime, tzinfo, locale: Locale) -> str:
    """The locale's own pattern for a skeleton; date and time joined its way if it has none.

    The CLDR data of Babel 2.19 lists date and time skeletons only separately ("yMMMd",
    "Hm"), so "yMMMdHm" is the two joined by the locale's medium date-time pattern.
    """
    try:
        return format_skeleton(skeleton, value, tzinfo=tzinfo, locale=locale)
    except KeyError:
        if "H" not in skeleton:
            raise
    date_part, _h, minutes = skeleton.partition("H")
    date = format_skeleton(date_part, value, tzinfo=tzinfo, locale=locale)
    time = format_skeleton("H" + minutes, value, tzinfo=tzinfo, locale=locale)
    joined = str(locale.datetime_formats.get("medium", "{1} {0}"))
    return joined.replace("{1}", date).replace("{0}", time)


def datetime_filter(value: datetime | None, fmt: str = "d MMM y, HH:mm",
                    zone: str | None = None) -> str:
    """A timestamp in the reader's language and time zone, naming the zone.

    `zone` is the zone of what is shown (a round's deadlines are set in the round's zone):
    used when the reader has not chosen a zone of their own on the account page.
    """
    if value is None:
        return ""
    tzinfo = ZoneInfo(zone) if zone and not has_chosen_timezone() else get_timezone()
    abbreviation = value.astimezone(tzinfo).tzname()
    named = abbreviation if abbreviation == str(tzinfo) else f"{abbreviation} ({tzinfo})"
    locale = get_locale() or Locale("en")
    if locale.language != "en" and fmt in _SKELETONS:
        text = _from_skeleton(_SKELETONS[fmt], value, tzinfo, locale)
    else:
        text = babel_format_datetime(value, fmt, tzinfo=tzinfo, locale=locale)
    return f"{text} {named}"


def language_tag() -> str:
    """The page's language as a BCP 47 tag, for <html lang>."""
    locale = get_locale()
    return locale.language if locale is not None else "en"


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
    app.jinja_env.globals["language_tag"] = language_tag
    app.jinja_env.globals["language_names"] = language_names
