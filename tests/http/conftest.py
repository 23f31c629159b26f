"""Shared harness for the black-box HTTP tests.

Every test talks to a real `azubimatch serve` process (by default the
ASan/UBSan build) over HTTP, and every process's standard error is checked
for sanitizer reports when it stops: a report fails the test that owned the
process.

    server        one running server per test module (fresh database)
    fresh_server  one running server per test
    make_server   a factory for servers with their own environment or flags
    http          a requests.Session

Staff helpers: seed_demo(srv) loads the demo accounts, add_user(srv, ...)
runs `user add`, client() is a session that fails on any answer carrying a
password hash, login(srv, email, password) logs such a client in (JSON) and
keeps the CSRF token in .csrf. TlsServer is a Server that expects https.
"""

import itertools
import os
import re
import select
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parent.parent.parent
BIN = Path(os.environ.get("AZUBIMATCH_BIN") or REPO / "build" / "san" / "azubimatch")
MIGRATIONS = sorted((REPO / "migrations").glob("*.sql"))

START_TIMEOUT = 10
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")
LISTENING = re.compile(r"listening on (http://127\.0\.0\.1:(\d+))")


def clean_env(overrides=None):
    """os.environ without the developer's own AZUBIMATCH_* settings (they would
    change what the tests see), plus overrides; an override of None removes
    the variable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AZUBIMATCH_") or k == "AZUBIMATCH_BIN"}
    for key, value in (overrides or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def sanitizer_report(text):
    """The first sanitizer marker found in text, or None."""
    return next((mark for mark in SANITIZER_MARKS if mark in text), None)


def run_cli(*args, env=None, input=None, cwd=REPO, timeout=30):
    """Runs BIN with args (cwd = repo root) and returns the CompletedProcess
    with text stdout/stderr. A sanitizer report fails the test at once."""
    proc = subprocess.run([str(BIN), *map(str, args)], cwd=cwd, env=clean_env(env), input=input,
                          capture_output=True, text=True, timeout=timeout)
    mark = sanitizer_report(proc.stderr)
    if mark:
        pytest.fail(f"{mark} in stderr of azubimatch {' '.join(map(str, args))}:\n{proc.stderr}")
    return proc


def free_port():
    """A port nobody listens on right now (the kernel's pick for port 0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `azubimatch serve` process with its own database in directory.

    port: passed as --port (None: no --port flag, so env/config decide).
    args: further command-line flags; env: environment overrides.
    """

    listening = LISTENING  # the first line expected on stdout

    def __init__(self, directory, env=None, args=(), port=0, migrate=True):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.db_path = self.dir / "test.db"
        self.env = env or {}
        self.stderr_path = self.dir / f"server-{time.monotonic_ns()}.stderr"
        self.url = None
        self.port = None
        if migrate:
            done = self.cli("migrate")
            assert done.returncode == 0, f"migrate failed: {done.stderr}"
        cmd = [str(BIN), "serve", "--db", str(self.db_path)]
        if port is not None:
            cmd += ["--port", str(port)]
        cmd += [str(a) for a in args]
        self._stderr = open(self.stderr_path, "ab")
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=clean_env(self.env), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=self._stderr)
        try:
            line = self._read_line(START_TIMEOUT)
            m = self.listening.fullmatch(line)
            if not m:
                raise AssertionError(f"unexpected first line on stdout: {line!r}")
        except AssertionError as e:
            self.stop(signal.SIGKILL)
            pytest.fail(f"server did not start: {e}\n--- stderr ---\n{self.log()}")
        self.url, self.port = m.group(1), int(m.group(2))

    def _read_line(self, timeout):
        """The first line on stdout, waiting at most timeout seconds."""
        fd = self.proc.stdout.fileno()
        data = b""
        deadline = time.monotonic() + timeout
        while b"\n" not in data:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no listening line within {timeout} s (got {data!r})")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    raise AssertionError(f"exited with {self.proc.wait()} before listening (got {data!r})")
                data += chunk
        return data.decode("utf-8", "replace").rstrip("\n")

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Sends sig (if still running) and returns the exit code; SIGKILL and
        fail when it does not end within timeout."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self._close()
                pytest.fail(f"server did not stop within {timeout} s after signal {sig}\n{self.log()}")
        self._close()
        return self.proc.returncode

    def _close(self):
        if self.proc.stdout and not self.proc.stdout.closed:
            self.proc.stdout.close()
        if not self._stderr.closed:
            self._stderr.close()

    def log(self):
        """Everything the server wrote to stderr so far."""
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def wait_log(self, pattern, timeout=5):
        """The first match of regex pattern in the log, waiting for it (the
        access line is written after the response went out)."""
        deadline = time.monotonic() + timeout
        while True:
            m = re.search(pattern, self.log(), re.M)
            if m or time.monotonic() > deadline:
                return m
            time.sleep(0.02)

    def cli(self, *args, input=None, env=None):
        """Runs BIN with args and this server's --db (cwd = repo root)."""
        return run_cli(*args, "--db", self.db_path, input=input, env={**self.env, **(env or {})})

    def check_sanitizers(self):
        mark = sanitizer_report(self.log())
        if mark:
            pytest.fail(f"{mark} in server stderr:\n{self.log()}")

    def close(self):
        """Stops the server and fails on any sanitizer report (fixture teardown)."""
        self.stop()
        self.check_sanitizers()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("server"))
    yield srv
    srv.close()


@pytest.fixture
def make_server(tmp_path):
    """make_server(env=..., args=..., port=...) starts a server in its own
    directory under tmp_path; all are stopped and checked after the test.
    server_class=TlsServer expects an https listening line."""
    started = []

    def make(server_class=None, **kwargs):
        srv = (server_class or Server)(tmp_path / f"srv{len(started)}", **kwargs)
        started.append(srv)
        return srv

    yield make
    failures = []
    for srv in started:
        try:
            srv.close()
        except BaseException as e:  # stop every server before reporting
            failures.append(e)
    if failures:
        raise failures[0]


@pytest.fixture
def fresh_server(make_server):
    return make_server()


@pytest.fixture
def http():
    with requests.Session() as s:
        yield s


class TlsServer(Server):
    """A Server started with AZUBIMATCH_TLS_CERT/KEY: it announces https."""

    listening = re.compile(r"listening on (https://127\.0\.0\.1:(\d+))")


# --- staff accounts (test_auth, test_admin) --------------------------------------

JSON = {"Accept": "application/json"}
DEMO = {
    "admin": ("admin@azubimatch.example", "demo-admin-2026"),
    "caseworker": ("beratung@azubimatch.example", "demo-beratung-2026"),
    "viewer": ("lesen@azubimatch.example", "demo-lesen-2026"),
}
HASH_MARK = "$argon2"
_emails = itertools.count(1)


def unique_email(prefix="user"):
    """An e-mail address no other test uses."""
    return f"{prefix}-{next(_emails)}-{time.monotonic_ns() % 100000}@test.example"


def seed_demo(srv):
    """Loads the demo accounts into srv's database; returns srv."""
    done = srv.cli("seed", "demo")
    assert done.returncode == 0, f"seed demo failed: {done.stderr}"
    return srv


def add_user(srv, email, password, role="caseworker", name="Test Person"):
    """`azubimatch user add` with the password on standard input."""
    done = srv.cli("user", "add", "--email", email, "--name", name, "--role", role, input=password + "\n")
    assert done.returncode == 0, f"user add {email} failed: {done.stderr}"


def _no_password_hash(response, *args, **kwargs):
    assert HASH_MARK not in response.text, \
        f"a password hash in the answer to {response.request.method} {response.url}"


def client():
    """A requests.Session that fails on any answer carrying a password hash;
    .csrf holds the CSRF token once logged in."""
    s = requests.Session()
    s.hooks["response"].append(_no_password_hash)
    s.csrf = None
    return s


def login(srv, email, password, session=None, **kwargs):
    """Logs in through JSON (200 expected); returns the session, its cookie
    set and .csrf the token."""
    s = session or client()
    r = s.post(srv.url + "/login", data={"email": email, "password": password}, headers=JSON, **kwargs)
    assert r.status_code == 200, f"log-in of {email} failed: {r.status_code} {r.text}"
    s.csrf = r.json()["csrf_token"]
    return s


def login_status(srv, email, password):
    """The status of a JSON log-in attempt from a new client."""
    return client().post(srv.url + "/login", data={"email": email, "password": password}, headers=JSON).status_code


def audit_items(srv, admin, **params):
    """The audit log's entries (newest first, up to 200) for params, read
    by admin's client."""
    r = admin.get(srv.url + "/admin/audit", params={"per_page": 200, **params}, headers=JSON)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def user_id(srv, admin, email):
    """The id of the account with this e-mail address, as admin sees it."""
    r = admin.get(srv.url + "/admin/users", params={"q": email}, headers=JSON)
    items = [u for u in r.json()["items"] if u["email"] == email]
    assert len(items) == 1, r.text
    return items[0]["id"]


# --- companies area (test_companies, test_companies_search, test_activities) -----

def staff(srv, role):
    """A client logged in as the demo account of role ("admin", "caseworker",
    "viewer"); load them with seed_demo(srv) first."""
    return login(srv, *DEMO[role])


def send(s, method, url, body=None, as_json=True, **kwargs):
    """A write with s's CSRF token: a JSON body with the X-CSRF-Token header
    (Accept JSON), or form fields with csrf_token (HTML). Redirects are not
    followed."""
    kwargs.setdefault("allow_redirects", False)
    if as_json:
        headers = {**JSON, "X-CSRF-Token": s.csrf or "", **kwargs.pop("headers", {})}
        return s.request(method, url, json=body, headers=headers, **kwargs)
    return s.request(method, url, data={**(body or {}), "csrf_token": s.csrf or ""}, **kwargs)


# The demo site of a module, and its three demo accounts' sessions: what
# most HTTP test modules start from (a module may define its own instead).
@pytest.fixture(scope="module")
def srv(server):
    return seed_demo(server)


@pytest.fixture(scope="module")
def cw(srv):
    return staff(srv, "caseworker")


@pytest.fixture(scope="module")
def viewer(srv):
    return staff(srv, "viewer")


@pytest.fixture(scope="module")
def admin(srv):
    return staff(srv, "admin")
