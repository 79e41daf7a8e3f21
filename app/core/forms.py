"""Helpers shared by the forms of every feature."""

from collections.abc import Iterable

from wtforms import SelectChoice


def select_choices(pairs: Iterable[tuple]) -> list[SelectChoice]:
    """Turn (value, label) pairs into choices for SelectField and SelectMultipleField."""
    return [SelectChoice(value, label) for value, label in pairs]
