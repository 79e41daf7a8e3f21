"""The languages people write in, and how full-text search stems the words of each.

A comment or free-text answer records the language its writer chose (the interface's by
default). Search stems a text and a query with the rules of that language, so that
"credenziali" finds "credenziale": PostgreSQL with its text-search configuration for the
language, SQLite with the same Snowball stemmers in Python (app/analysis/search.py).
PostgreSQL has no Bulgarian configuration and Snowball no Bulgarian stemmer: Bulgarian
words are only lower-cased ("simple"), so a search finds the forms typed.
"""

import re
import threading
from functools import lru_cache

import snowballstemmer
from flask import current_app, has_app_context
from flask_babel import get_locale

# The interface's languages (config LANGUAGES), in its order: the CHECK constraints of
# comment.language and answer.language list them, so adding one needs a migration.
CONTENT_LANGUAGES = ("en", "it", "es", "fi", "bg", "fr", "nl", "de")
DEFAULT_LANGUAGE = "en"
# PostgreSQL text-search configuration of each language (also the Snowball algorithm's name)
SEARCH_CONFIGS = {"en": "english", "it": "italian", "es": "spanish", "fi": "finnish",
                  "bg": "simple", "fr": "french", "nl": "dutch", "de": "german"}
_WORD = re.compile(r"\w+", re.UNICODE)


def language_choices() -> list[tuple[str, str]]:
    """(code, name in its own language) of the languages a text can be written in."""
    names = current_app.config["LANGUAGES"] if has_app_context() else {}
    return [(code, names.get(code, code)) for code in CONTENT_LANGUAGES]


def interface_language() -> str:
    """The language the reader's pages are in, as a content language (English otherwise)."""
    locale = get_locale() if has_app_context() else None
    code = locale.language if locale is not None else DEFAULT_LANGUAGE
    return code if code in CONTENT_LANGUAGES else DEFAULT_LANGUAGE


def is_language(value) -> bool:
    """Whether a value is one of the content languages' codes."""
    return isinstance(value, str) and value in CONTENT_LANGUAGES


_local = threading.local()  # a stemmer keeps the word it works on: one per thread


def _stemmer(language: str):
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        algorithm = SEARCH_CONFIGS.get(language, "simple")
        stemmers[language] = (None if algorithm == "simple"
                              else snowballstemmer.stemmer(algorithm))
    return stemmers[language]


@lru_cache(maxsize=200_000)
def stem(language: str, word: str) -> str:
    """One lower-cased word reduced to its stem by the language's rules."""
    word = word.lower()
    stemmer = _stemmer(language)
    return word if stemmer is None else stemmer.stemWord(word)


def stemmed_text(language: str | None, text: str | None) -> str:
    """A text as the stems of its words, separated by spaces (what SQLite's FTS5 indexes)."""
    language = language if language in CONTENT_LANGUAGES else DEFAULT_LANGUAGE
    return " ".join(stem(language, word) for word in _WORD.findall(text or ""))
