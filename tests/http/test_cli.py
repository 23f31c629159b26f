"""The command line: usage errors, migrate, the schema-version guard, serve's
listening line, configuration precedence, backup and check."""

import re
import socket
import sqlite3

import pytest
import requests

from conftest import MIGRATIONS, LISTENING, free_port, run_cli

LATEST = int(MIGRATIONS[-1].name[:4])  # the last file's number (one may be left free)


def user_version(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def one_error_line(proc):
    """The single 'azubimatch: ...' line of a failed command. Usage errors may
    follow it with the usage text, nothing else."""
    lines = proc.stderr.splitlines()
    assert lines, "nothing on stderr"
    assert lines[0].startswith("azubimatch: "), proc.stderr
    assert sum(line.startswith("azubimatch:") for line in lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Sanitizer" not in proc.stderr
    return lines[0]


def write_config(path, port=None, extra=""):
    path.write_text("[server]\n" + (f"port = {port}\n" if port is not None else "") + extra)
    return path


def assert_serves_on(srv, port):
    assert srv.port == port
    assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json() == {"status": "ok"}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.db"
    assert run_cli("migrate", "--db", path).returncode == 0
    return path


# --- usage errors ------------------------------------------------------------------

@pytest.mark.parametrize("args,words", [
    ([], "no command"),
    (["frobnicate"], "frobnicate"),
    (["serve", "--frobnicate"], "--frobnicate"),
    (["migrate", "--port", "1"], "--port"),
    (["serve", "--db"], "--db"),
    (["backup"], "FILE"),
], ids=["no command", "unknown command", "unknown option", "option of another command",
        "missing option value", "backup without file"])
def test_usage_error_exits_2_with_one_line(args, words):
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert words in one_error_line(proc)


def test_usage_error_writes_nothing(tmp_path):
    target = tmp_path / "never.db"
    proc = run_cli("serve", "--db", target, "--frobnicate")
    assert proc.returncode == 2
    assert not target.exists()


def test_port_flag_that_is_no_number_is_a_usage_error(tmp_path):
    proc = run_cli("serve", "--db", tmp_path / "x.db", "--port", "eighty")
    assert proc.returncode == 2
    assert "port" in one_error_line(proc)


# --- migrate and the schema version ----------------------------------------------

def test_migrate_new_file_reaches_latest_version(tmp_path):
    path = tmp_path / "new.db"
    proc = run_cli("migrate", "--db", path)
    assert proc.returncode == 0, proc.stderr
    assert re.search(rf"\bversion {LATEST}\b", proc.stdout), proc.stdout
    assert user_version(path) == LATEST
    again = run_cli("migrate", "--db", path)
    assert again.returncode == 0 and re.search(rf"\bversion {LATEST}\b", again.stdout)
    assert user_version(path) == LATEST


def test_migrate_takes_db_from_environment_and_flag_wins(tmp_path):
    env_db, flag_db = tmp_path / "env.db", tmp_path / "flag.db"
    assert run_cli("migrate", env={"AZUBIMATCH_DB": env_db}).returncode == 0
    assert user_version(env_db) == LATEST
    assert run_cli("migrate", "--db", flag_db, env={"AZUBIMATCH_DB": tmp_path / "unused.db"}).returncode == 0
    assert user_version(flag_db) == LATEST
    assert not (tmp_path / "unused.db").exists()


@pytest.mark.parametrize("command", ["serve", "migrate", "check"])
def test_database_newer_than_program_is_refused(db, command):
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {LATEST + 1}")
    con.close()
    args = [command, "--db", db] + (["--port", "0"] if command == "serve" else [])
    proc = run_cli(*args, timeout=15)
    assert proc.returncode == 1
    assert "listening" not in proc.stdout
    line = one_error_line(proc)
    assert str(LATEST + 1) in line and "version" in line
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert user_version(db) == LATEST + 1


# --- serve: the listening line and precedence --------------------------------------

def test_port_0_prints_the_listening_line(make_server):
    srv = make_server()
    assert LISTENING.fullmatch(f"listening on {srv.url}")
    assert srv.port != 0
    assert_serves_on(srv, srv.port)


def test_config_file_sets_the_port(make_server, tmp_path):
    port = free_port()
    cfg = write_config(tmp_path / "a.ini", port)
    assert_serves_on(make_server(port=None, env={"AZUBIMATCH_CONFIG": cfg}), port)


def test_config_flag_sets_the_port_and_beats_the_variable(make_server, tmp_path):
    port, other = free_port(), free_port()
    flag_cfg = write_config(tmp_path / "flag.ini", port)
    env_cfg = write_config(tmp_path / "env.ini", other)
    srv = make_server(port=None, args=["--config", flag_cfg], env={"AZUBIMATCH_CONFIG": env_cfg})
    assert_serves_on(srv, port)


def test_environment_beats_config_file(make_server, tmp_path):
    file_port, env_port = free_port(), free_port()
    cfg = write_config(tmp_path / "a.ini", file_port)
    srv = make_server(port=None, env={"AZUBIMATCH_CONFIG": cfg, "AZUBIMATCH_PORT": env_port})
    assert_serves_on(srv, env_port)


def test_environment_port_0_beats_a_busy_config_port(make_server, tmp_path):
    # The config names a port we hold: serve can only start if it obeys the
    # environment's 0 instead.
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        cfg = write_config(tmp_path / "a.ini", busy.getsockname()[1])
        srv = make_server(port=None, env={"AZUBIMATCH_CONFIG": cfg, "AZUBIMATCH_PORT": "0"})
        assert srv.port != busy.getsockname()[1]
        assert_serves_on(srv, srv.port)


def test_flag_beats_environment_and_config_file(make_server, tmp_path):
    file_port, env_port, flag_port = free_port(), free_port(), free_port()
    cfg = write_config(tmp_path / "a.ini", file_port)
    srv = make_server(port=flag_port, env={"AZUBIMATCH_CONFIG": cfg, "AZUBIMATCH_PORT": env_port})
    assert_serves_on(srv, flag_port)


def test_missing_config_file_is_an_error(tmp_path, db):
    missing = tmp_path / "missing.ini"
    for proc in (run_cli("serve", "--db", db, "--port", "0", "--config", missing),
                 run_cli("serve", "--db", db, "--port", "0", env={"AZUBIMATCH_CONFIG": missing})):
        assert proc.returncode == 1
        assert "listening" not in proc.stdout
        assert str(missing) in one_error_line(proc)


def test_config_file_with_unknown_key_is_an_error(tmp_path, db):
    cfg = write_config(tmp_path / "bad.ini", 0, "colour_scheme = purple\n")
    proc = run_cli("serve", "--db", db, "--config", cfg)
    assert proc.returncode == 1
    assert "listening" not in proc.stdout
    assert "colour_scheme" in one_error_line(proc)


def test_environment_value_out_of_range_is_an_error(db):
    proc = run_cli("serve", "--db", db, env={"AZUBIMATCH_PORT": "70000"})
    assert proc.returncode == 1
    assert "port" in one_error_line(proc)


# --- backup and check ----------------------------------------------------------------

def test_backup_of_live_database_opens_and_keeps_version(server, tmp_path):
    target = tmp_path / "backup.db"
    proc = server.cli("backup", target)
    assert proc.returncode == 0, proc.stderr
    con = sqlite3.connect(target)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    finally:
        con.close()
    live = sqlite3.connect(server.db_path)
    try:
        assert tables == {r[0] for r in live.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    finally:
        live.close()
    assert [p.name for p in tmp_path.iterdir()] == ["backup.db"]  # no .partial or journal left behind
    assert run_cli("check", "--db", target).returncode == 0


def test_backup_refuses_an_existing_target(db, tmp_path):
    target = tmp_path / "exists.db"
    target.write_bytes(b"precious")
    proc = run_cli("backup", target, "--db", db)
    assert proc.returncode == 1
    assert str(target) in one_error_line(proc)
    assert target.read_bytes() == b"precious"


def test_check_says_the_database_is_sound(db):
    proc = run_cli("check", "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "sound" in proc.stdout
    assert str(LATEST) in proc.stdout


def test_check_refuses_a_database_that_is_not_migrated(tmp_path):
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()
    proc = run_cli("check", "--db", path)
    assert proc.returncode == 1
    assert "migrate" in one_error_line(proc)
