"""Language and time zone: what each request and each e-mail is written in.

The language is the account's preference, else the one chosen with the header's switcher
(remembered in a cookie, for people who are not signed in), else the browser's best match,
else English. Times are shown in the account's time zone when the person chose one, else in
the zone the page names (a round's deadlines in the round's own zone), else the site's.
"""

from contextlib import contextmanager
from zoneinfo import ZoneInfo

from babel import Locale
from flask import current_app, g, has_request_context, request
from flask_babel import _get_current_context, get_babel, get_translations, refresh
from flask_login import current_user

from ..extensions import babel

LANGUAGE_COOKIE = "language"


def available_locales() -> list[str]:
    """Languages with a catalogue (English is the source language), in the configured order."""
    found = {str(locale) for locale in babel.list_translations()}
    return [code for code in current_app.config["LANGUAGES"] if code in found or code == "en"]


def language_names() -> list[tuple[str, str]]:
    """(code, name in its own language) for the language switcher."""
    names = current_app.config["LANGUAGES"]
    return [(code, names[code]) for code in available_locales()]


def select_locale() -> str | None:
    """The account's language, else the remembered choice, else the browser's, else English."""
    locales = available_locales()
    if current_user and current_user.is_authenticated:
        preferred = getattr(current_user, "preferred_language", None)
        if preferred in locales:
            return preferred
    if not has_request_context():
        return None
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in locales:
        return chosen
    return browser_language(locales)


def browser_language(locales: list[str]) -> str | None:
    """The first language of the browser's list that is offered, region ignored (nl-BE: nl)."""
    for tag, _quality in request.accept_languages:
        primary = tag.replace("_", "-").split("-")[0].lower()
        if primary in locales:
            return primary
    return None


def chosen_timezone(user) -> str | None:
    """The zone the person chose on the account page (None: "each round's own zone")."""
    return (getattr(user, "timezone", None) or None) if user is not None else None


def select_timezone() -> str | None:
    """The signed-in person's chosen zone; None gives the site's (BABEL_DEFAULT_TIMEZONE)."""
    if current_user and current_user.is_authenticated:
        return chosen_timezone(current_user)
    return None


def has_chosen_timezone() -> bool:
    """Whether times follow a zone the reader chose (else pages may show a round's zone)."""
    recipient = g.get("_recipient_timezone", False)  # inside recipient_locale (e-mails)
    if recipient is not False:
        return recipient is not None
    return select_timezone() is not None


def request_translations():
    """The request's catalogue, looked up once per request.

    Flask-Babel finds the request's context, locale and catalogue again on every call (about
    20 µs each); a round page with ten comments translates a few hundred labels. The locale
    is fixed for the request, except inside `recipient_locale` (e-mails), which sets it aside.
    """
    if not has_request_context():
        return get_translations()
    translations = g.get("_translations")
    if translations is None:
        translations = g._translations = get_translations()
    return translations


@contextmanager
def recipient_locale(user):
    """Write in the recipient's language and time zone (e-mails), then back to the reader's."""
    ctx = _get_current_context()
    language = getattr(user, "preferred_language", None) or "en"
    if language not in current_app.config["LANGUAGES"]:
        language = "en"
    zone = chosen_timezone(user)
    saved = {key: getattr(ctx, key, None)
             for key in ("babel_locale", "babel_translations", "babel_tzinfo")}
    saved_g = {key: g.get(key, False) for key in ("_translations", "_recipient_timezone")}
    try:
        ctx.babel_locale = Locale.parse(language)
        ctx.forced_babel_locale = ctx.babel_locale
        ctx.babel_translations = None
        ctx.babel_tzinfo = ZoneInfo(zone) if zone else get_babel().default_timezone
        g.pop("_translations", None)
        g._recipient_timezone = zone
        yield language
    finally:
        if hasattr(ctx, "forced_babel_locale"):
            del ctx.forced_babel_locale
        for key, value in saved.items():
            setattr(ctx, key, value)
        for key, value in saved_g.items():
            if value is False:
                g.pop(key, None)
            else:
                setattr(g, key, value)


def _fresh_for_each_request() -> None:
    """Choose the language and zone again for each request.

    Flask-Babel keeps its choice on `g`, which lives as long as the application context: a
    request pushed inside an outer context (a CLI command, a test) would inherit the choice
    made for an earlier request.
    """
    refresh()
    g.pop("_translations", None)


def install_template_translations(app) -> None:
    """Templates translate through `request_translations` (in place of Flask-Babel's own)."""
    app.before_request(_fresh_for_each_request)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
    )
