"""Absolute links for e-mails, inside or outside a request; same-site redirects."""

from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for


def external_url(endpoint: str, **values) -> str:
    """An absolute URL: the request's host in a request, BASE_URL in CLI commands and jobs."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config["SERVER_NAME_FOR_MAIL"].rstrip("/")
    return base + current_app.url_map.bind("localhost").build(endpoint, values)


def same_site_path(target: str | None, default: str) -> str:
    r"""`target` if it is a path on this site, else `default` (for `back` and `next` fields).

    Refuses schemes, `//host` and `/\\host` forms, and control characters (CR/LF would split
    the Location header).
    """
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ord(c) < 32 or ord(c) == 127 for c in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
