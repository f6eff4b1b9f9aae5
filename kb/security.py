"""Response headers that keep a crafted query or document from running script in a reader's browser,
and the request size limit."""

from __future__ import annotations

from flask import abort, request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def add_security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def refuse_oversized_body():
    # Flask checks MAX_CONTENT_LENGTH only when a view reads the body: a view that rejects the
    # content type first would answer 400 to a body it should refuse as too large.
    if request.max_content_length and (request.content_length or 0) > request.max_content_length:
        abort(413)


def init_app(app):
    app.before_request(refuse_oversized_body)
    app.after_request(add_security_headers)
