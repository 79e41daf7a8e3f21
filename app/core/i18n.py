"""Locale and time-zone selection for Flask-Babel."""

from flask import current_app, g, has_request_context, request
from flask_babel import get_translations
from flask_login import current_user

from ..extensions import babel


def available_locales() -> list[str]:
    """Locales that have a complete translation (English is the source language)."""
    found = {str(locale) for locale in babel.list_translations()}
    return [code for code in current_app.config["LANGUAGES"] if code in found or code == "en"]


def select_locale() -> str | None:
    """The signed-in user's preferred language if translated, else the browser's best match."""
    locales = available_locales()
    if current_user and current_user.is_authenticated:
        preferred = getattr(current_user, "preferred_language", None)
        if preferred in locales:
            return preferred
    return request.accept_languages.best_match(locales) if request else None


def select_timezone() -> str | None:
    """The signed-in user's time zone (UTC until users can choose one)."""
    if current_user and current_user.is_authenticated:
        return getattr(current_user, "timezone", None) or "UTC"
    return None


def request_translations():
    """The request's catalogue, looked up once per request.

    Flask-Babel finds the request's context, locale and catalogue again on every call (about
    20 µs each); a round page with ten comments translates a few hundred labels. The locale
    is fixed for the request either way: Flask-Babel keeps the one it selected first.
    """
    if not has_request_context():
        return get_translations()
    translations = g.get("_translations")
    if translations is None:
        translations = g._translations = get_translations()
    return translations


def install_template_translations(app) -> None:
    """Templates translate through `request_translations` (in place of Flask-Babel's own)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
    )
