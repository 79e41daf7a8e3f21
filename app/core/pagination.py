"""Offset pagination for administrative lists (small, ordered tables)."""

from dataclasses import dataclass
from math import ceil

from sqlalchemy import Select, func, select

from ..extensions import db


@dataclass
class Page:
    """One page of results with what a pager needs."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """Number of pages (at least one)."""
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        """Whether there is a page before this one."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """Whether there is a page after this one."""
        return self.page < self.pages


def paginate(query: Select, page: int, per_page: int) -> Page:
    """Run an ordered select for one page and count the whole result."""
    page = max(1, page)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    return Page(items=items, page=page, per_page=per_page, total=total or 0)


def page_of(items: list, page: int, per_page: int) -> Page:
    """One page of a list already in memory (the last page when `page` is past the end)."""
    pages = max(1, ceil(len(items) / per_page))
    page = min(max(1, page), pages)
    start = (page - 1) * per_page
    return Page(items=items[start:start + per_page], page=page, per_page=per_page,
                total=len(items))
