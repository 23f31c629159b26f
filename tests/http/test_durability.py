"""Every acknowledged write survives a killed process: SIGKILL right after
the answers, then a new server on the same database file finds it all, and
the database passes its own integrity check."""
import signal

from conftest import JSON, Server, seed_demo, send, staff


def test_acknowledged_writes_survive_sigkill(make_server):
    first = seed_demo(make_server())
    caseworker = staff(first, "caseworker")
    made = []
    for i in range(5):
        r = send(caseworker, "POST", first.url + "/companies",
                 {"name": f"Dauerhaft {i} GmbH", "postal_code": "63065", "confirm_duplicate": True})
        assert r.status_code == 201, r.text
        made.append(r.json()["id"])
    r = send(caseworker, "POST", first.url + f"/companies/{made[0]}/activities",
             {"kind": "call", "date": "2026-11-20", "subject": "Anruf vor dem Absturz"})
    assert r.status_code == 201, r.text

    assert first.stop(signal.SIGKILL) == -signal.SIGKILL

    second = Server(first.dir)  # the same directory, so the same database file
    try:
        again = staff(second, "caseworker")
        for cid in made:
            r = again.get(second.url + f"/companies/{cid}", headers=JSON)
            assert r.status_code == 200, f"company {cid} lost after SIGKILL: {r.status_code}"
        timeline = again.get(second.url + f"/companies/{made[0]}", headers=JSON).json()["activities"]
        assert [a["subject"] for a in timeline] == ["Anruf vor dem Absturz"]
        found = again.get(second.url + "/companies", params={"q": "dauerhaft"}, headers=JSON).json()
        assert found["total"] == 5  # the search index committed with the records
    finally:
        second.close()
    check = first.cli("check")
    assert check.returncode == 0, check.stderr
    assert "sound" in check.stdout
