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
    """`target` when it is a path on this site, else `default`: a `back` field is never trusted.

    Refused: absolute and scheme-relative URLs (`//host`, or a slash and a backslash), and
    anything holding a control character or a line break (CR/LF would split a header).
    """
    if (not target or not target.startswith("/") or target.startswith(("//", "/\\"))
            or any(ord(c) < 32 or ord(c) == 127 or c in "\u0085\u2028\u2029" for c in target)):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
