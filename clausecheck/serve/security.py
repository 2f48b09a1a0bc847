"""The guards every request passes and the headers every response carries.

A secret token (made at start, carried in the address and in the form) is required on every request;
the Host header must name this server (so a DNS-rebinding page cannot reach it); a POST must come from
this page (Origin / Sec-Fetch-Site); responses forbid caching, framing, sniffing and referrers, and
carry a Content-Security-Policy that allows only clausecheck's own inline CSS and JS by hash.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Iterable
from urllib.parse import urlsplit

TOKEN_FIELD = "token"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
SAME_SITE = frozenset({"same-origin", "none"})


def new_token() -> str:
    """A fresh secret for one run of the server."""
    return secrets.token_urlsafe(32)


def token_ok(given: str | None, token: str) -> bool:
    """True when ``given`` is the token (compared in constant time)."""
    return given is not None and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def host_ok(header: str | None, bound: str, port: int) -> bool:
    """True when the Host header names this server: the bound address, a loopback name, or any IP
    literal (an IP address cannot be re-pointed by DNS), with the server's port."""
    if not header:
        return False
    try:
        parts = urlsplit("//" + header)
        name, given_port = parts.hostname, parts.port
    except ValueError:
        return False
    if name is None or given_port != port:
        return False
    if name in LOOPBACK_NAMES or name == bound.strip("[]").lower():
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def same_origin(origin: str | None, fetch_site: str | None, host: str) -> bool:
    """True unless the browser says the request comes from another site or origin.

    With ``Referrer-Policy: no-referrer`` Chromium sends ``Origin: null`` on this page's own form
    posts, so "null" is accepted; Sec-Fetch-Site, when sent, must say same-origin (or none: typed).
    """
    if fetch_site is not None and fetch_site.lower() not in SAME_SITE:
        return False
    return origin is None or origin == "null" or origin == f"http://{host}"


def sha256_source(text: str) -> str:
    """The CSP hash source (``'sha256-...'``) of an inline style or script."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def page_policy(styles: Iterable[str], scripts: Iterable[str]) -> str:
    """Allow exactly the given inline styles and scripts, data: images and posts to this server.

    The report is framed from a data: URL (the script then shows it as ``<iframe srcdoc>``); both
    inherit this policy, so its CSS and JS are among the hashes. Nothing may be fetched, framed
    from elsewhere or connected to.
    """
    style_src = " ".join(sha256_source(s) for s in styles)
    script_src = " ".join(sha256_source(s) for s in scripts)
    return (
        "default-src 'none'; "
        f"style-src {style_src}; "
        f"script-src {script_src}; "
        "img-src data:; frame-src data:; font-src 'none'; connect-src 'none'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


def security_headers(policy: str) -> dict[str, str]:
    """Headers for every response."""
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cache-Control": "no-store",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }
