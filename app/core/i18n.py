"""Locale and time-zone selection for Flask-Babel."""

from flask import current_app, request
from flask_login import current_user


def available_locales() -> list[str]:
    """Locales that have a complete translation (English is the source language)."""
    from ..extensions import babel

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
