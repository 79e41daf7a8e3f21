"""Read the round page's fields into a ResponseInput, and back into values for the page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import StringField
from wtforms.validators import Optional
from wtforms.widgets import HiddenInput

from ..core.forms import DatabaseIntegerField
from ..core.languages import interface_language
from .validation import CommentInput, ResponseInput

NEW = "new"


class ResponseControls(FlaskForm):
    """The round page's fixed fields; its answers, one field per question, are parsed apart."""

    version = DatabaseIntegerField(_l("Version"), widget=HiddenInput(), validators=[Optional()])
    organisation = DatabaseIntegerField(_l("Organisation"), widget=HiddenInput(),
                                        validators=[Optional()])
    action = StringField(default="save")  # the pressed button: "save" or "submit"


def parse_response_form(round_, form: MultiDict) -> ResponseInput:
    """The answers and comments in a submitted round page."""
    data = ResponseInput()
    for question in round_.questions:
        data.answers[question.id] = _answer(question, form)
        if question.kind == "text":
            data.answer_languages[question.id] = _language(form, f"q-{question.id}-language")
        for comment_id in form.getlist(f"comments-{question.id}"):
            data.comments.append(_comment(question.id, comment_id, form))
    return data


def _answer(question, form: MultiDict):
    name = f"q-{question.id}"
    if question.kind == "multiple":
        return form.getlist(name)
    if question.kind == "ranking":
        return {str(i): form.get(f"{name}-rank-{i}", "") for i in range(len(question.options))}
    return form.get(name, "")


def _comment(question_id: int, comment_id: str, form: MultiDict) -> CommentInput:
    prefix = f"c-{question_id}-{comment_id}-"
    return CommentInput(
        question_id=question_id,
        id=None if comment_id.startswith(NEW) else _int(comment_id),
        body=form.get(f"{prefix}body", ""),
        phases=[i for i in map(_int, form.getlist(f"{prefix}phases")) if i is not None],
        sectors=[i for i in map(_int, form.getlist(f"{prefix}sectors")) if i is not None],
        comment_type=form.get(f"{prefix}type", "general"),
        proposed_change=form.get(f"{prefix}change", ""),
        delete=form.get(f"{prefix}delete") == "y",
        field_prefix=prefix,
        language=_language(form, f"{prefix}language"),
    )


def _language(form: MultiDict, name: str) -> str:
    """The language chosen for a text; the interface's when the form has no such field."""
    return form.get(name, interface_language())


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def values_from_input(data: ResponseInput) -> dict:
    """What the page shows after a refused save: exactly what was typed."""
    comments: dict[int, list] = {}
    for comment in data.comments:
        comments.setdefault(comment.question_id, []).append({
            "key": comment.field_prefix.split("-")[2] if comment.field_prefix else "new",
            "id": comment.id, "body": comment.body, "phases": comment.phases,
            "sectors": comment.sectors, "type": comment.comment_type,
            "change": comment.proposed_change, "delete": comment.delete,
            "language": comment.language,
        })
    return {"answers": dict(data.answers), "comments": comments,
            "answer_languages": dict(data.answer_languages)}


def values_from_response(response) -> dict:
    """What the page shows for a saved response."""
    if response is None:
        return {"answers": {}, "comments": {}, "answer_languages": {}}
    comments: dict[int, list] = {}
    for comment in response.comments:
        comments.setdefault(comment.question_id, []).append({
            "key": str(comment.id), "id": comment.id, "body": comment.body,
            "phases": [t.id for t in comment.tags("credential_phase")],
            "sectors": [t.id for t in comment.tags("sector")],
            "type": comment.comment_type, "change": comment.proposed_change, "delete": False,
            "language": comment.language,
        })
    answers = {a.question_id: a.value for a in response.answers}
    languages = {a.question_id: a.language for a in response.answers}
    typed = response.pending or {}  # values kept as typed until they are valid
    answers.update((int(k), v) for k, v in typed.get("answers", {}).items())
    languages.update((int(k), v) for k, v in typed.get("answer_languages", {}).items())
    for comment in typed.get("comments", []):
        same = comments.setdefault(comment["question_id"], [])
        shown = {k: v for k, v in comment.items() if k != "question_id"}
        at = next((i for i, c in enumerate(same)
                   if comment["id"] is not None and c["id"] == comment["id"]), None)
        if at is None:
            same.append(shown)
        else:
            same[at] = shown
    return {"answers": answers, "comments": comments, "answer_languages": languages}
