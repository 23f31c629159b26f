"""Requests that do not fit a connection's memory: a query with thousands of
arguments, a header section with thousands of lines. Each is answered at
once with a 4xx, nothing of it stays behind in the server, and the server
goes on answering everyone else.

libmicrohttpd 0.9.75 drops a request whose arguments overflow the
connection's memory pool without answering it and without calling the
completion callback: the client waited for the connection timeout and the
request's state was never freed. The server now refuses such targets (414)
before MHD parses them, and frees any request MHD drops when its connection
closes."""
import re
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import requests

from conftest import clean_env

ANSWER_WITHIN = 2.0  # seconds: every answer, also under ASan
MANY_ARGS = "/?" + "a&" * 2500  # the review's example: 2,500 empty arguments
ROUNDS = 3000
CONNECTIONS = 4
RSS_GROWTH_MAX_KB = 5 * 1024


def asan_env():
    """ASan keeps freed memory in a quarantine (256 MB by default) that would
    grow the server's RSS whatever it frees; a small one lets RSS show what is
    really kept. Harmless for a build without ASan."""
    options = clean_env().get("ASAN_OPTIONS", "")
    return {"ASAN_OPTIONS": ":".join(filter(None, [options, "quarantine_size_mb=1",
                                                   "thread_local_quarantine_size_kb=64"]))}


def rss_kb(srv):
    """The server process's resident set in KiB."""
    with open(f"/proc/{srv.proc.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS line")


class Conn:
    """An HTTP/1.1 connection spoken by hand (no client library would send
    these requests); opened again when the server has closed it."""

    def __init__(self, srv):
        self.srv = srv
        self.sock = None
        self.opened = 0

    def _open(self):
        self.sock = socket.create_connection(("127.0.0.1", self.srv.port), timeout=ANSWER_WITHIN)
        self.opened += 1

    def close(self):
        if self.sock:
            self.sock.close()
            self.sock = None

    def request(self, target, headers=b"", method=b"GET", body=b""):
        """Sends one request; returns (status, headers, body, seconds). A
        socket timeout (no answer within ANSWER_WITHIN) raises."""
        if not self.sock:
            self._open()
        raw = (method + b" " + target.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
               + (b"Content-Length: %d\r\n" % len(body) if body else b"") + b"\r\n" + body)
        started = time.monotonic()
        self.sock.sendall(raw)
        status, head, content = self._read()
        took = time.monotonic() - started
        if head.get("connection", "").lower() == "close":
            self.close()
        return status, head, content, took

    def _read(self):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.sock.recv(65536)
            if not chunk:
                self.close()
                raise AssertionError(f"connection closed without an answer (got {data[:80]!r})")
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = {}
        for line in lines[1:]:
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip()
        length = int(fields.get("content-length", "0"))
        while len(rest) < length:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        return status, fields, rest[:length]


def access_lines(srv, pattern):
    return len(re.findall(pattern, srv.log(), re.M))


def wait_count(srv, pattern, count, timeout=5):
    """The number of log lines matching pattern, once it reaches count or
    after timeout (access lines are written after the answer went out)."""
    deadline = time.monotonic() + timeout
    while True:
        n = access_lines(srv, pattern)
        if n >= count or time.monotonic() > deadline:
            return n
        time.sleep(0.05)


def stop_quickly(srv):
    """The server stops at once only when no request is still in flight: it
    waits up to 10 s for those. Every request having ended, it is at once."""
    started = time.monotonic()
    assert srv.stop() == 0
    took = time.monotonic() - started
    assert took < 5, f"stopping took {took:.1f} s: some request never ended\n{srv.log()[-2000:]}"
    assert "(null)" not in srv.log()


def test_thousands_of_arguments_are_refused_at_once_and_nothing_stays(make_server):
    srv = make_server(env=asan_env())
    lock = threading.Lock()
    done = 0
    rss_early = None

    def client(n):
        """n refused requests in a row from one client: the server closes
        the connection after each refusal (the answer comes before any body
        would be read), so the client opens it again."""
        nonlocal done, rss_early
        conn = Conn(srv)
        slowest = 0.0
        try:
            for _ in range(n):
                status, head, body, took = conn.request(MANY_ARGS)
                assert status == 414, (status, body[:200])
                assert head.get("x-content-type-options") == "nosniff", head  # our answer, with our headers
                assert head.get("connection", "").lower() == "close", head
                slowest = max(slowest, took)
                with lock:
                    done += 1
                    if done == 300:
                        rss_early = rss_kb(srv)
        finally:
            conn.close()
        return slowest

    with ThreadPoolExecutor(CONNECTIONS) as pool:
        slowest = max(pool.map(client, [ROUNDS // CONNECTIONS] * CONNECTIONS))
    assert done == ROUNDS
    assert slowest < ANSWER_WITHIN
    # every request was logged, that is ended and freed
    assert wait_count(srv, r"access GET / 414 ", ROUNDS) == ROUNDS
    time.sleep(0.2)
    growth = rss_kb(srv) - rss_early
    assert growth < RSS_GROWTH_MAX_KB, f"RSS grew by {growth} KiB over {ROUNDS - 300} refused requests"

    # everyone else is still served
    r = requests.get(srv.url + "/login", timeout=5)
    assert r.status_code == 200
    target = "/admin/users?" + "&".join(f"f{i}=x" for i in range(200))
    r = requests.get(srv.url + target, allow_redirects=False, timeout=5)
    assert r.status_code == 303
    location = r.headers["Location"]
    parts = urlsplit(location)
    assert parts.path == "/login" and parse_qs(parts.query)["next"] == [target], location
    stop_quickly(srv)


def test_the_limit_counts_arguments_and_length(make_server):
    srv = make_server()
    c = Conn(srv)
    try:
        # 1,000 arguments are served, one more is refused; so are a target
        # of 60,000 bytes and one over half the connection's memory
        for target, expected in [("/login?" + "&".join(["a"] * 1000), 200),
                                 ("/login?" + "&".join(["a"] * 1001), 414),
                                 ("/login?a=" + "x" * 60000, 200),
                                 ("/login?a=" + "x" * 70000, 414)]:
            status, _, _, took = c.request(target)
            assert (status, len(target)) == (expected, len(target)) and took < ANSWER_WITHIN
        # a HEAD is refused alike, without a body
        c.close()
        c.sock = socket.create_connection(("127.0.0.1", srv.port), timeout=ANSWER_WITHIN)
        c.sock.sendall(b"HEAD " + MANY_ARGS.encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := c.sock.recv(65536):
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 414 ") and answer.endswith(b"\r\n\r\n"), answer[:200]
        c.close()
        # a POST with a body: answered at once, the body is not read
        status, _, _, took = c.request("/login?" + "a&" * 2500, method=b"POST",
                                       headers=b"Content-Type: application/x-www-form-urlencoded\r\n",
                                       body=b"email=x%40y.example&password=z")
        assert status == 414 and took < ANSWER_WITHIN
    finally:
        c.close()
    assert wait_count(srv, r"access (GET|POST) /login 414 ", 3) == 3
    assert wait_count(srv, r"access HEAD / 414 ", 1) == 1
    stop_quickly(srv)


def test_a_header_section_over_the_connection_memory_is_answered_at_once(make_server):
    """MHD answers these itself (431, closing the connection), before our
    code sees a method: the access line must still be written, without one."""
    srv = make_server(env=asan_env())
    many_headers = b"".join(b"X-H%d: v\r\n" % i for i in range(3000))
    rounds = 300
    rss_early = None
    for i in range(rounds):
        c = Conn(srv)
        try:
            status, head, _, took = c.request("/login", headers=many_headers)
        finally:
            c.close()
        assert status == 431 and took < ANSWER_WITHIN, (i, status, head)
        if i == 49:
            rss_early = rss_kb(srv)
    assert wait_count(srv, r"access - - 0 0 \d+us \S+ - \(aborted\)$", rounds) == rounds
    growth = rss_kb(srv) - rss_early
    assert growth < RSS_GROWTH_MAX_KB, f"RSS grew by {growth} KiB"
    assert requests.get(srv.url + "/login", timeout=5).status_code == 200
    stop_quickly(srv)


def test_a_request_mhd_drops_is_freed_when_its_connection_closes(make_server):
    """What on_uri cannot see coming still overflows MHD's pool: here a
    100 KB method in front of 1,000 arguments. MHD 0.9.75 then drops the
    request (no answer, no completion callback) and closes the connection at
    its timeout; the server frees the request then. (A later MHD that
    answers such a request itself passes too.)"""
    srv = make_server(env={**asan_env(), "AZUBIMATCH_CONNECTION_TIMEOUT": 1})
    with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
        sock.sendall(b"G" * 100000 + b" /?" + b"&".join([b"a"] * 1000) + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = sock.recv(100)
    if answer:
        assert re.match(rb"HTTP/1.1 4\d\d ", answer), answer
    else:  # closed without an answer: dropped, and freed at the close
        assert srv.wait_log(r"access - - 0 0 \d+us \S+ - \(dropped by MHD\)$"), srv.log()[-2000:]
    assert requests.get(srv.url + "/login", timeout=5).status_code == 200
    stop_quickly(srv)
