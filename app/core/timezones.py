"""Converting between what people type in their time zone and what is stored (UTC)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def to_utc(local: datetime, timezone: str) -> datetime:
    """A naive wall-clock time in `timezone` as an aware UTC datetime."""
    return local.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def to_local(moment: datetime, timezone: str) -> datetime:
    """An aware datetime as a naive wall-clock time in `timezone` (for form fields)."""
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)
