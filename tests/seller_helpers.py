"""Driving the sandbox's seller portal as a browser does: sign in through the form (its CSRF
token, the Origin header a browser sends with a form POST, the session cookie), then decide."""

from __future__ import annotations

import re

import requests

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    m = _TOKEN.search(html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def seller_session(server, username: str = "m-tea", password: str | None = None) -> requests.Session:
    """A requests.Session signed in to `server`'s seller portal as `username` (a seeded seller;
    its password from the sandbox's credentials file unless given)."""
    if password is None:
        password = server.seller_logins[username][1]
    s = requests.Session()
    s.headers["Origin"] = server.url  # what a browser adds to a form POST
    form = s.get(f"{server.url}/seller/login", timeout=10)
    assert form.status_code == 200, form.text
    r = s.post(f"{server.url}/seller/login", data={"username": username, "password": password,
                                                   "csrf_token": csrf_token(form.text)},
               allow_redirects=False, timeout=30)
    assert r.status_code == 303 and r.headers["location"] == "/seller", (r.status_code, r.text)
    return s


def seller_of(server, request_id: str) -> requests.Session:
    """Signed in as the seller whose merchant the refund request belongs to."""
    for username in server.seller_logins:
        s = seller_session(server, username)
        if s.get(f"{server.url}/seller/refund-requests/{request_id}", timeout=10).status_code == 200:
            return s
        s.close()
    raise AssertionError(f"no seeded seller sees refund request {request_id}")


def decide_as_seller(server, request_id: str, approve: bool, note: str = "checked",
                     session: requests.Session | None = None) -> requests.Response:
    """The seller's approve or reject from the portal's form; the portal's answer (303 back to
    the list when it took the decision)."""
    s = session or seller_of(server, request_id)
    page = s.get(f"{server.url}/seller/refund-requests/{request_id}", timeout=10)
    return s.post(f"{server.url}/seller/refund-requests/{request_id}/decision",
                  data={"decision": "approve" if approve else "reject", "note": note,
                        "csrf_token": csrf_token(page.text)}, allow_redirects=False, timeout=10)
