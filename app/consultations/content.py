"""Consultation content in several languages: what a reader sees, what is still missing.

A consultation's texts are written in its original language. The consultation, each round
and each question keep their translations in `translations`: {language: {field: text}}, a
list of texts for options and scale labels. A reader sees the translation into their
language when the consultation offers that language and the translation is there (a list
only when it has one text per original item), else the original, marked with its language.
Exports and analysis read the original fields and never come here.
"""

from dataclasses import dataclass

from flask import current_app
from flask_babel import LazyString, get_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape

from ..audit.services import record
from ..core.errors import DomainError, NotAllowed
from ..core.input import has_control_characters
from ..core.markdown import markdown_problem
from ..extensions import db
from . import permissions
from .models import Consultation, Question, Round

# The translatable fields of each kind of record, in the order the pages show them.
FIELDS = {Consultation: ("title", "summary"), Round: ("title", "introduction"),
          Question: ("prompt", "help_text", "options", "scale_labels")}
MARKDOWN_FIELDS = ("summary", "introduction")
LIST_FIELDS = ("options", "scale_labels")
# As long as the settings and question forms allow the originals to be.
MAX_LENGTHS = {"title": 200, "summary": 20_000, "introduction": 20_000, "prompt": 2_000,
               "help_text": 5_000, "options": 500, "scale_labels": 200}


class TranslationRefused(DomainError):
    """A translation that cannot be saved as it is (the message says why)."""


@dataclass(frozen=True)
class Text:
    """A text as a reader sees it; `lang` is set when it is the original shown in its place."""

    value: str | list
    lang: str | None = None

    def __str__(self) -> str:
        return self.value if isinstance(self.value, str) else ", ".join(self.value)


def consultation_of(item) -> Consultation:
    """The consultation a consultation, round or question belongs to."""
    if isinstance(item, Question):
        return item.round.consultation
    return item.consultation if isinstance(item, Round) else item


def reader_language() -> str:
    """The language the current page or e-mail is written in."""
    locale = get_locale()
    return locale.language if locale is not None else "en"


def lazy_title(item) -> LazyString:
    """The title in the language of whoever reads it (an e-mail's subject, written later)."""
    return LazyString(lambda: str(localized(item, "title")))


def language_name(code: str) -> str:
    """A language's name as configured (in its own language)."""
    return current_app.config["LANGUAGES"].get(code, code)


def translation(item, field: str, language: str):
    """The stored translation of a field into a language if it is complete, else None."""
    value = (item.translations or {}).get(language, {}).get(field)
    original = getattr(item, field)
    if isinstance(original, list):
        complete = isinstance(value, list) and len(value) == len(original) and all(
            isinstance(text, str) and text.strip() for text in value)
        return list(value) if complete else None
    return value if isinstance(value, str) and value.strip() else None


def localized(item, field: str, language: str | None = None) -> Text:
    """The field in the reader's language, else the original marked with its language."""
    language = language or reader_language()
    consultation = consultation_of(item)
    original = getattr(item, field)
    if not original or language == consultation.original_language:
        return Text(original)
    if language in (consultation.offered_languages or []):
        translated = translation(item, field, language)
        if translated is not None:
            return Text(translated)
    return Text(original, consultation.original_language)


def missing_fields(item, language: str) -> list[str]:
    """The fields with an original text but no complete translation into the language."""
    return [field for field in FIELDS[type(item)]
            if getattr(item, field) and translation(item, field, language) is None]


def shows_originals(round_: Round, language: str | None = None) -> bool:
    """Whether a reader in this language sees some of the round's texts in the original."""
    language = language or reader_language()
    consultation = round_.consultation
    if language == consultation.original_language:
        return False
    if language not in (consultation.offered_languages or []):
        return True
    return any(missing_fields(item, language)
               for item in (consultation, round_, *round_.questions))


def fallback_note(round_: Round, language: str | None = None) -> str | None:
    """The note shown above a round's texts when some are in the original language."""
    language = language or reader_language()
    if not shows_originals(round_, language):
        return None
    return _("Not available in %(language)s; shown in %(original)s.",
             language=language_name(language),
             original=language_name(round_.consultation.original_language))


FIELD_LABELS = {"title": lambda: _("title"), "summary": lambda: _("summary"),
                "introduction": lambda: _("introduction"), "prompt": lambda: _("question"),
                "help_text": lambda: _("help text"), "options": lambda: _("options"),
                "scale_labels": lambda: _("scale labels")}


def missing_translations(round_: Round) -> list[tuple[str, list[str]]]:
    """Per offered language, what participants would still see in the original language."""
    consultation = round_.consultation
    found = []
    for language in offered_languages(consultation):
        missing = [_("Consultation: %(field)s", field=FIELD_LABELS[f]())
                   for f in missing_fields(consultation, language)]
        missing += [_("Round: %(field)s", field=FIELD_LABELS[f]())
                    for f in missing_fields(round_, language)]
        for number, question in enumerate(round_.questions, start=1):
            missing += [_("Question %(n)d: %(field)s", n=number, field=FIELD_LABELS[f]())
                        for f in missing_fields(question, language)]
        found.append((language, missing))
    return found


def offered_languages(consultation: Consultation) -> list[str]:
    """The languages offered besides the original, in the site's order."""
    offered = set(consultation.offered_languages or [])
    return [code for code in current_app.config["LANGUAGES"]
            if code in offered and code != consultation.original_language]


def content_versions(items) -> str:
    """The versions of the records a translation form edits, to notice others' changes."""
    return ".".join(str(item.version) for item in items)


def save_translations(actor, language: str, texts: dict, *,
                      expected_versions: str | None = None) -> None:
    """Replace the translations into `language` of records: {record: {field: text or list}}.

    Every record belongs to one consultation, which the actor must manage. An empty text
    removes that field's translation; a list is translated whole or not at all.
    """
    items = list(texts)
    consultation = consultation_of(items[0])
    if any(consultation_of(item) is not consultation for item in items) or \
            not permissions.can_manage(actor, consultation):
        raise NotAllowed(_("Only the facilitators of this consultation can change it."))
    if language not in current_app.config["LANGUAGES"] or \
            language == consultation.original_language:
        raise TranslationRefused(_("Choose a language other than the original one."))
    if expected_versions is not None and expected_versions != content_versions(items):
        raise TranslationRefused(_(
            "Someone else changed these texts while you were translating them. Reload the "
            "page to see their changes, then make yours again."))
    cleaned = {item: _cleaned(item, fields) for item, fields in texts.items()}
    for item, fields in cleaned.items():
        stored = dict(item.translations or {})
        if fields:
            stored[language] = fields
        else:
            stored.pop(language, None)
        if stored != (item.translations or {}):
            item.translations = stored
            record(actor, "translation.save", item, language=language,
                   fields=sorted(fields))
    db.session.flush()


def _cleaned(item, fields: dict) -> dict:
    """The fields' non-empty translations, checked like the originals."""
    kept = {}
    for field in FIELDS[type(item)]:
        value = fields.get(field)
        if field in LIST_FIELDS:
            texts = [(text or "").strip() for text in value or []]
            if not any(texts):
                continue
            if len(texts) != len(getattr(item, field)) or not all(texts):
                raise TranslationRefused(_(
                    "Translate all the %(field)s of a question, or none of them.",
                    field=FIELD_LABELS[field]()))
            for text in texts:
                _check(field, text)
            kept[field] = texts
        elif (value or "").strip():
            _check(field, value)
            kept[field] = value.strip() if field not in MARKDOWN_FIELDS else value
    return kept


def _check(field: str, text: str) -> None:
    if has_control_characters(text):
        raise TranslationRefused(_("A translation contains a control character (such as NUL) "
                                   "that cannot be saved."))
    if len(text) > MAX_LENGTHS[field]:
        raise TranslationRefused(_("A translation of the %(field)s is longer than "
                                   "%(n)d characters.", field=FIELD_LABELS[field](),
                                   n=MAX_LENGTHS[field]))
    problem = markdown_problem(text) if field in MARKDOWN_FIELDS else None
    if problem is not None:
        raise TranslationRefused(problem)


def in_language(text, lang: str | None = None) -> Markup:
    """A text for a template, inside <span lang> when it is not in the page's language."""
    if isinstance(text, Text):
        text, lang = str(text), text.lang
    if not lang:
        return escape(text)
    return Markup('<span lang="{}">{}</span>').format(lang, text)


def lang_attribute(text: Text) -> Markup:
    """` lang="…"` for the element holding a text shown in place of its translation."""
    return Markup(' lang="{}"').format(text.lang) if text.lang else Markup("")
