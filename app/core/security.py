"""Security headers on every response."""

from flask import Flask, Response, g, session

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def _private(response: Response) -> bool:
    if "attachment" in response.headers.get("Content-Disposition", ""):
        return True
    user = g.get("_login_user")  # only when the request looked at its user
    return bool(user is not None and user.is_authenticated) or bool(session.get("_user_id"))


def register(app: Flask) -> None:
    """Add the Content-Security-Policy and the usual hardening headers."""

    @app.after_request
    def set_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if _private(response):
            # Pages of a signed-in account and downloads stay out of every cache.
            headers["Cache-Control"] = "no-store"
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
