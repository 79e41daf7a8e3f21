"""Check answer values against their question's kind, and text against length limits."""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from ..core.errors import FieldErrors
from ..core.languages import is_language
from ..core.markdown import markdown_problem

LIMITS = {"answer": 20_000, "body": 10_000, "proposed_change": 5_000}
MARKDOWN = {"body", "proposed_change"}  # shown as Markdown, so bounded like it


class InvalidInput(FieldErrors):
    """Answers or comments that are not acceptable; `errors` maps field names to messages."""


@dataclass
class CommentInput:
    """A comment as submitted: `id` None for a new one."""

    question_id: int
    body: str
    phases: list[int] = field(default_factory=list)
    sectors: list[int] = field(default_factory=list)
    comment_type: str = "general"
    proposed_change: str = ""
    id: int | None = None
    delete: bool = False
    field_prefix: str = ""
    block_id: int | None = None  # a comment on a paragraph of the round's document version
    language: str = ""  # the language it is written in; "" keeps the saved one (else English)


@dataclass
class ResponseInput:
    """Everything a participant sent: raw answers by question id, and comments."""

    answers: dict[int, object] = field(default_factory=dict)
    comments: list[CommentInput] = field(default_factory=list)
    # the language each free-text answer is written in, by question id
    answer_languages: dict[int, str] = field(default_factory=dict)


def clean_answer(question, raw, errors: dict, *, final: bool):
    """The stored value for one raw answer (None if empty); records problems in `errors`."""
    name = f"q-{question.id}"
    empty = raw in (None, "", []) or (isinstance(raw, dict) and not any(raw.values()))
    if empty:
        if final and question.is_required:
            errors[name] = _("“%(q)s” needs an answer.", q=_short(question.prompt))
        return None
    cleaner = CLEANERS[question.kind]
    try:
        return cleaner(question, raw, final)
    except (ValueError, TypeError) as exc:
        errors[name] = f"“{_short(question.prompt)}”: {exc}"
        return None


def check_length(value: str, kind: str, label: str, name: str, errors: dict) -> None:
    """Record an error naming the field and the limit when a text is too long."""
    limit = LIMITS[kind]
    if value and len(value) > limit:
        errors[name] = _("%(field)s is %(length)d characters long; the limit is %(limit)d.",
                         field=label, length=len(value), limit=limit)
    elif kind in MARKDOWN and (problem := markdown_problem(value)) is not None:
        errors[name] = _("%(field)s: %(problem)s", field=label, problem=problem)


def check_language(value: str, name: str, errors: dict) -> None:
    """Record an error when a text's language is not one of those offered ("" keeps it)."""
    if value and not is_language(value):
        errors[name] = _("Choose one of the offered languages.")


def _text(question, raw, final):
    return str(raw)


def _scale(question, raw, final):
    point = int(raw)
    if not 1 <= point <= question.scale_points:
        raise ValueError(_("choose a point of the scale."))
    return point


def _single(question, raw, final):
    index = int(raw)
    if not 0 <= index < len(question.options):
        raise ValueError(_("choose one of the options."))
    return index


def _multiple(question, raw, final):
    indexes = sorted({int(i) for i in (raw if isinstance(raw, list) else [raw])})
    if any(not 0 <= i < len(question.options) for i in indexes):
        raise ValueError(_("choose among the options."))
    if question.max_choices and len(indexes) > question.max_choices:
        raise ValueError(_("choose at most %(n)d options.", n=question.max_choices))
    return indexes


def _ranking(question, raw, final):
    """{option index: rank}; distinct ranks 1..n, and every option ranked when submitting."""
    ranks = {int(k): int(v) for k, v in dict(raw).items() if v not in (None, "")}
    count = len(question.options)
    valid = all(0 <= k < count and 1 <= v <= count for k, v in ranks.items())
    if not valid or len(set(ranks.values())) != len(ranks) or (final and len(ranks) != count):
        raise ValueError(_("give every option a different rank from 1 to %(n)d.", n=count))
    return {str(k): v for k, v in sorted(ranks.items())}


def _number(question, raw, final):
    value = float(str(raw).replace(",", "."))
    if question.min_value is not None and value < question.min_value:
        raise ValueError(_("the lowest allowed number is %(n)s.", n=_plain(question.min_value)))
    if question.max_value is not None and value > question.max_value:
        raise ValueError(_("the highest allowed number is %(n)s.", n=_plain(question.max_value)))
    return int(value) if value.is_integer() else value


CLEANERS = {"text": _text, "scale": _scale, "single": _single, "multiple": _multiple,
            "ranking": _ranking, "number": _number}


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"
