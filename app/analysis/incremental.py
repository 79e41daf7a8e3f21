"""Bring a kept explorer index up to date with the responses changed since it was read.

Saving or submitting a response logs its id (app/analysis/changes.py). Instead of reading
the whole consultation again, the index drops the items of those responses and reads theirs
anew: a few rows, merged into the sorted arrays in one pass, so the first explorer page after
a submission costs about the same at 1,000 and at 100,000 items.
"""

import numpy as np
from sqlalchemy import select

from ..consultations.models import Round, question_term
from ..extensions import db
from ..responses.models import comment_term
from . import index
from .models import Code, CollatedChange, answer_code, comment_code

REBUILD_ABOVE = 5_000  # changed responses beyond which reading everything is as quick


def with_changed_responses(items: "index.Items", consultation_id: int) -> "index.Items":
    """A new index: `items` with the items of the responses changed since it was read."""
    changes = db.session.execute(select(CollatedChange.id, CollatedChange.response_id)
                                 .where(CollatedChange.id > items.changes_read)).all()
    if not changes:
        return index._same_texts(items)
    response_ids = sorted({response_id for _id, response_id in changes})
    if len(response_ids) > REBUILD_ABOVE or _has_anonymous_round(consultation_id):
        # in a round anonymous to everyone, one more respondent can change which profiles
        # every other respondent of the round is shown with (anonymity.py): read it all again
        return index.build(consultation_id)
    fresh = index._rows_of(consultation_id, response_ids)
    order = np.lexsort((fresh["id"], fresh["kind"], fresh["stamp"]))
    fresh = {name: array[order] for name, array in fresh.items()}
    keep = ~np.isin(items.response, np.asarray(response_ids, dtype=np.int64))
    at = _insertion_points(items, keep, fresh)
    kept_count = int(keep.sum())
    old_to_new = np.full(len(items), -1, dtype=np.int64)
    old_to_new[keep] = np.arange(kept_count) + np.searchsorted(at, np.arange(kept_count),
                                                                side="right")
    added = at + np.arange(len(at))  # where the fresh items land

    def merged(old: np.ndarray, new: np.ndarray) -> np.ndarray:
        return np.insert(old[keep], at, new.astype(old.dtype))

    columns = {name: merged(items.columns[name], fresh[name]) for name in index.SIMPLE}
    updated = index.Items(
        kind=merged(items.kind, fresh["kind"]), id=merged(items.id, fresh["id"]),
        stamp=merged(items.stamp, fresh["stamp"]), columns=columns, values={},
        value_index={}, group=merged(items.group, fresh["group"]),
        status=merged(items.status, np.zeros(len(at), dtype=np.int8)),
        tags={}, vocabulary=items.vocabulary, codes={},
        response=merged(items.response, fresh["response"]),
        protected=None if items.protected is None else merged(
            items.protected, np.zeros(len(at), dtype=bool)),
        changes_read=max(change_id for change_id, _response in changes))
    for name in index.SIMPLE:
        _values(updated, items, name, fresh[name])
    fresh_comments = fresh["id"][fresh["kind"] == index.COMMENT]
    fresh_answers = fresh["kind"] != index.COMMENT
    updated.tags = _moved(items.tags, old_to_new, _fresh_tags(updated, fresh, added,
                                                              fresh_comments, fresh_answers))
    updated.codes = _moved(items.codes, old_to_new,
                           _fresh_codes(updated, consultation_id, fresh, fresh_comments))
    _fresh_statuses(updated, fresh_comments)
    return updated


def _has_anonymous_round(consultation_id: int) -> bool:
    return db.session.scalar(select(Round.id).where(
        Round.consultation_id == consultation_id, Round.anonymity == "anonymous").limit(1)) \
        is not None


def _insertion_points(items, keep: np.ndarray, fresh: dict) -> np.ndarray:
    """Where each fresh item goes among the kept ones, in (time, kind, id) order."""
    kept_key = items.stamp[keep] * 2 + items.kind[keep]
    kept_ids = items.id[keep]
    key = fresh["stamp"] * 2 + fresh["kind"]
    low = np.searchsorted(kept_key, key, side="left")
    high = np.searchsorted(kept_key, key, side="right")
    for j in np.flatnonzero(high > low):  # the same microsecond and kind: order by id
        low[j] += np.searchsorted(kept_ids[low[j]:high[j]], fresh["id"][j])
    return low


def _values(updated, items, name: str, fresh_values: np.ndarray) -> None:
    column = updated.columns[name]
    known = items.values[name]
    if np.isin(fresh_values, known).all():
        updated.values[name] = known
        updated.value_index[name] = np.searchsorted(known, column)
    else:
        updated.values[name], updated.value_index[name] = np.unique(column,
                                                                    return_inverse=True)


def _moved(by_value: dict, old_to_new: np.ndarray, fresh: dict) -> dict:
    """Positions per tag or code after the merge, with the fresh items' own."""
    result = {}
    for value in set(by_value) | set(fresh):
        positions = old_to_new[by_value.get(value, np.empty(0, dtype=np.int64))]
        positions = np.concatenate((positions[positions >= 0],
                                    fresh.get(value, np.empty(0, dtype=np.int64))))
        if len(positions):
            result[value] = np.unique(positions)
    return result


def _fresh_tags(updated, fresh, added, comment_ids, answers) -> dict:
    tags: dict[int, list] = {}
    rows = db.session.execute(select(comment_term.c.comment_id, comment_term.c.term_id)
                              .where(comment_term.c.comment_id.in_(comment_ids.tolist())))
    comment_at = dict(zip(fresh["id"][fresh["kind"] == index.COMMENT].tolist(),
                          added[fresh["kind"] == index.COMMENT].tolist(), strict=True))
    for comment_id, term_id in rows:
        tags.setdefault(term_id, []).append(comment_at[comment_id])
    questions = {}
    for question_id, position in zip(fresh["question"][answers].tolist(),
                                     added[answers].tolist(), strict=True):
        questions.setdefault(question_id, []).append(position)
    rows = db.session.execute(select(question_term.c.question_id, question_term.c.term_id)
                              .where(question_term.c.question_id.in_(list(questions))))
    for question_id, term_id in rows:
        tags.setdefault(term_id, []).extend(questions[question_id])
    return {term: np.asarray(positions, dtype=np.int64) for term, positions in tags.items()}


def _fresh_codes(updated, consultation_id: int, fresh, comment_ids) -> dict:
    answer_ids = fresh["id"][fresh["kind"] != index.COMMENT].tolist()
    codes: dict[int, list] = {}
    for kind, table, column, ids in (
            ("comment", comment_code, comment_code.c.comment_id, comment_ids.tolist()),
            ("answer", answer_code, answer_code.c.answer_id, answer_ids)):
        rows = db.session.execute(select(column, table.c.code_id)
                                  .join(Code, Code.id == table.c.code_id)
                                  .where(Code.consultation_id == consultation_id,
                                         column.in_(ids))).all()
        positions = updated.locate(kind, [item_id for item_id, _code in rows])
        for (_item, code_id), position in zip(rows, positions.tolist(), strict=True):
            if position >= 0:
                codes.setdefault(code_id, []).append(position)
    return {code: np.asarray(positions, dtype=np.int64) for code, positions in codes.items()}


def _fresh_statuses(updated, comment_ids) -> None:
    from ..drafts.models import Disposition

    rows = db.session.execute(select(Disposition.comment_id, Disposition.status).where(
        Disposition.comment_id.in_(comment_ids.tolist()),
        Disposition.status.is_not(None))).all()
    positions = updated.locate("comment", [comment_id for comment_id, _status in rows])
    for (_comment, status), position in zip(rows, positions.tolist(), strict=True):
        if position >= 0:
            updated.status[position] = index.DISPOSITION_STATES.index(status)
