"""What facilitators may learn about respondents of rounds that are anonymous to everyone.

A respondent's quasi-identifiers (stakeholder type, country, governance level) are shown,
filtered and exported only as a combination that at least K respondents of the round share.
Rarer combinations are generalised: first the country is dropped, then the governance level,
and what is still rarer is shown as "other". When "other" would hold fewer than K people the
smallest shown combinations join it too (complementary suppression), so that no difference
between shown figures isolates fewer than K respondents. Times are shown to the day.
"""

from collections import Counter
from datetime import datetime

from sqlalchemy import select

from ..extensions import db

K = 3
OTHER = (None, None, None)
# which parts of (type, country, level) are kept at each step of generalisation
STEPS = ((True, True, True), (True, False, True), (True, False, False))

Profile = tuple[int | None, int | None, int | None]


def is_protected(round_) -> bool:
    """Whether the round is anonymous to everyone (facilitators included)."""
    return round_ is not None and round_.anonymity == "anonymous"


def generalise(profiles: list[Profile], k: int = K) -> dict[Profile, Profile]:
    """For each distinct profile, the profile shown: every shown class holds ≥ k people."""
    shown: dict[Profile, Profile] = {}
    remaining = Counter(profiles)
    classes: Counter = Counter()
    for keep in STEPS:
        coarse: Counter = Counter()
        for profile, n in remaining.items():
            coarse[_mask(profile, keep)] += n
        for profile in list(remaining):
            key = _mask(profile, keep)
            if coarse[key] >= k and key != OTHER:
                shown[profile] = key
                classes[key] += remaining.pop(profile)
    other = sum(remaining.values())
    for profile in remaining:
        shown[profile] = OTHER
    # complementary suppression: "other" is empty or holds at least k people
    while 0 < other < k and classes:
        smallest = min(classes, key=lambda key: (classes[key], _sort_key(key)))
        other += classes.pop(smallest)
        for profile, key in shown.items():
            if key == smallest:
                shown[profile] = OTHER
    return shown


def round_profiles(round_id: int) -> dict[Profile, Profile]:
    """The shown profile for each raw profile of a round's submitted responses."""
    from ..responses.models import Response

    rows = db.session.execute(select(
        Response.stakeholder_type_id, Response.country_id, Response.governance_level_id)
        .where(Response.round_id == round_id, Response.submitted_at.is_not(None))).all()
    return generalise([tuple(row) for row in rows])


def shown_profile(response, profiles: dict[Profile, Profile] | None = None) -> Profile:
    """The (type, country, level) term ids that may be shown for a response."""
    raw = (response.stakeholder_type_id, response.country_id, response.governance_level_id)
    if not is_protected(response.round):
        return raw
    profiles = profiles if profiles is not None else round_profiles(response.round_id)
    return profiles.get(raw, OTHER)


def day(moment: datetime | None) -> datetime | None:
    """A time cut to its day (UTC), for contributions to anonymous rounds."""
    if moment is None:
        return None
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def _mask(profile: Profile, keep: tuple[bool, bool, bool]) -> Profile:
    return tuple(value if kept else None for value, kept in zip(profile, keep, strict=True))


def _sort_key(key: Profile) -> tuple:
    return tuple(-1 if value is None else value for value in key)


def profile_labels(responses) -> dict[int, str]:
    """Response id → its respondent's profile as it may be shown ("type · country ...").

    In rounds anonymous to everyone: the generalised profile, or "Other respondents".
    """
    from flask_babel import gettext as _

    from ..vocab.models import Term

    maps: dict[int, dict] = {}
    labels = {}
    for response in responses:
        if is_protected(response.round):
            if response.round_id not in maps:
                maps[response.round_id] = round_profiles(response.round_id)
            shown = shown_profile(response, maps[response.round_id])
        else:
            shown = (response.stakeholder_type_id, response.country_id, None)
        if shown == OTHER and is_protected(response.round):
            labels[response.id] = _("Other respondents")
            continue
        terms = [db.session.get(Term, term_id) for term_id in shown if term_id is not None]
        labels[response.id] = " · ".join(term.label for term in terms if term is not None)
    return labels
