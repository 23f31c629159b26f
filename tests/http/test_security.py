"""Security to ASVS level 2 (issue 8): what a black-box test found, closed.

So far: no open redirect through the language switch, log-in throttling
that cannot lock people out, and the audit log that misses nothing and keeps
no secrets."""

import json
import socket
import sqlite3
import time

import pytest
import requests

from conftest import DEMO, JSON, REPO, add_user, client, login, seed_demo, unique_email

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
ADMIN, ADMIN_PW = DEMO["admin"]
PASSWORD = "richtig-geheim-2026"


@pytest.fixture(scope="module")
def site(server):
    return seed_demo(server)


def raw_location(server, target):
    """The Location a raw request for target gets (no client library may
    normalise the target on the way)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n".encode("latin-1"))
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    head = out.partition(b"\r\n\r\n")[0].decode("iso-8859-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:])}
    return status, headers.get("location")


# --- 2. no open redirect ----------------------------------------------------------

# percent-encoded as they would arrive in a link someone was sent
EVIL_NEXT_RAW = ["%2F%2Fevil.example", "/%09/evil.example", "%2F%09%2Fevil.example", "/%0a/evil.example",
                 "/%0d/evil.example", "%2F%5Cevil.example", "/%5C/evil.example", "https://evil.example",
                 "http:evil.example", "%5C%5Cevil.example", "evil.example", "/x%5Cy", "/%7F/evil.example"]


@pytest.mark.parametrize("next_value", EVIL_NEXT_RAW)
def test_language_switch_never_leaves_the_site(site, next_value):
    """The language switch sends the browser back only to a path of this
    site: tabs, line breaks, backslashes and double slashes, which browsers
    turn into another host, send it to the start page instead."""
    status, location = raw_location(site, f"/lang/en?next={next_value}")
    if status == 400:  # a control character in the query: the request itself is refused
        assert "%7F" in next_value or "%0" in next_value
        return
    assert status == 303
    assert location == "/", f"next={next_value} led to {location!r}"


@pytest.mark.parametrize("next_value, expected", [("/companies", "/companies"),
                                                   ("/companies%3Fq%3Dbau", "/companies?q=bau"),
                                                   ("", "/")])
def test_language_switch_returns_to_the_page(site, next_value, expected):
    status, location = raw_location(site, f"/lang/en?next={next_value}")
    assert (status, location) == (303, expected)


@pytest.mark.parametrize("next_value", ["/%09/evil.example", "/%5C/evil.example", "/%7F/evil.example"])
def test_login_next_refuses_the_same(site, next_value):
    """The log-in's next= goes through the same check (one helper)."""
    s = requests.Session()
    r = s.post(site.url + f"/login?next={next_value}", data={"email": ADMIN, "password": ADMIN_PW},
               allow_redirects=False)
    if r.status_code == 400:  # refused before any log-in: nothing to follow
        assert "%7F" in next_value
        return
    assert r.status_code == 303 and r.headers["Location"] == "/"
