"""Helpers for tests whose participants open a round page (which first asks the choice)."""

from app.privacy import services


def chose_publication(round_, user, choice: str = "named", organisation=None):
    """Record the person's publication choice for the round, as the choice page does."""
    key = (f"o:{organisation.id}" if organisation is not None
           and round_.response_mode == "organisation" else f"u:{user.id}")
    return services.choose(user, round_, key, choice)
