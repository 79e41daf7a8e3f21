"""Near-duplicate comments: group comments on the same question whose texts nearly match.

Campaigns send the same text many times; grouping shows it once with its count, and
every copy still counts in totals and statistics.
"""

import re

from rapidfuzz import fuzz, process
from sqlalchemy import select, update

from ..extensions import db
from ..responses.models import Comment

_SPACE = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    """Lower-case text without punctuation or repeated spaces, for comparison."""
    return _SPACE.sub(" ", _PUNCTUATION.sub(" ", text.lower())).strip()


def assign_cluster(comment: Comment, threshold: int) -> int:
    """Put a saved comment in the group of the first earlier comment it nearly matches."""
    representatives = db.session.execute(
        select(Comment.id, Comment.body).where(
            Comment.question_id == comment.question_id, Comment.id != comment.id,
            Comment.cluster_id == Comment.id).order_by(Comment.id)).all()
    choices = {row.id: normalise(row.body) for row in representatives}
    match = process.extractOne(normalise(comment.body), choices, scorer=fuzz.token_set_ratio,
                               score_cutoff=threshold) if choices else None
    comment.cluster_id = comment.id if match is None else match[2]
    return comment.cluster_id


def recluster(question_ids: list[int], threshold: int) -> int:
    """Regroup every comment on these questions (after a change of threshold); returns groups."""
    groups = 0
    for question_id in question_ids:
        rows = db.session.execute(select(Comment.id, Comment.body).where(
            Comment.question_id == question_id).order_by(Comment.id)).all()
        representatives: dict[int, str] = {}
        assignments: dict[int, int] = {}
        for row in rows:
            text = normalise(row.body)
            match = process.extractOne(text, representatives, scorer=fuzz.token_set_ratio,
                                       score_cutoff=threshold) if representatives else None
            if match is None:
                representatives[row.id] = text
                assignments[row.id] = row.id
            else:
                assignments[row.id] = match[2]
        for comment_id, cluster_id in assignments.items():
            db.session.execute(update(Comment).where(Comment.id == comment_id)
                               .values(cluster_id=cluster_id))
        groups += len(representatives)
    return groups
