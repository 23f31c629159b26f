"""Issue 12, points 3 and 4: placements from a proposal to a contract (each
move a conditional update kept in the history; a contract fills a place,
marks the pupil placed and fills the post with its last place), the board,
and the company's answer through its own link, which shows an anonymised
profile and nothing personal besides."""

import datetime
import itertools
import json
import re
import sqlite3
import threading

import pytest
import requests

from conftest import JSON, REPO, audit_items, run_cli, send, staff

DE = json.loads((REPO / "locales" / "de.json").read_text(encoding="utf-8"))
TODAY = datetime.date.today()
_n = itertools.count(1)


def start_date():
    return f"{TODAY.year + 1}-08-01"


def new_post(srv, s, places=1, email="ausbildung@autohaus.example"):
    n = next(_n)
    r = send(s, "POST", srv.url + "/companies", {"name": f"Autohaus Main {n}", "postal_code": "63065",
                                                "email": email, "confirm_duplicate": "1"})
    assert r.status_code == 201, r.text
    company = r.json()["id"]
    r = send(s, "POST", srv.url + "/posts", {"company_id": company, "occupation_id": 1, "title": f"Platz {n}",
                                            "places": places, "start_date": start_date(), "status": "open"})
    assert r.status_code == 201, r.text
    return r.json()


def new_candidate(srv, s, **fields):
    n = next(_n)
    body = {"first_name": "Emre", "last_name": f"Yıldız{n}", "birth_date": "2009-05-04", "postal_code": "63069",
            "email": f"emre{n}@example.org", "phone": "0170 5550000", "certificate": "mittlere_reife",
            "migration_background": "yes", "languages": ["de", "tr"], "desired_occupations": [1],
            "privacy_consent": True, **fields}
    r = send(s, "POST", srv.url + "/candidates", body)
    assert r.status_code == 201, r.text
    return r.json()


def propose(srv, s, candidate, post, **fields):
    return send(s, "POST", srv.url + "/placements", {"candidate_id": candidate, "post_id": post, **fields})


def move(srv, s, pid, stage, **fields):
    return send(s, "POST", srv.url + f"/placements/{pid}", {"stage": stage, **fields})


def get(srv, s, path):
    r = s.get(srv.url + path, headers=JSON)
    assert r.status_code == 200, r.text
    return r.json()


def test_proposal_to_contract_fills_the_post_and_places_the_pupil(srv, cw):
    post = new_post(srv, cw)
    cand = new_candidate(srv, cw)
    r = propose(srv, cw, cand["id"], post["id"], note="Sehr motiviert, Praktikum im Kfz-Bereich")
    assert r.status_code == 201, r.text
    p = r.json()
    assert p["stage"] == "proposed" and p["candidate_id"] == cand["id"] and p["post_id"] == post["id"]
    assert r.headers["Location"] == f"/placements/{p['id']}"
    for stage in ["applied", "interview", "internship"]:
        r = move(srv, cw, p["id"], stage, note=f"weiter: {stage}")
        assert r.status_code == 200 and r.json()["stage"] == stage, r.text
    assert get(srv, cw, f"/candidates/{cand['id']}")["status"] != "placed"
    r = move(srv, cw, p["id"], "contract", note="unterschrieben am 3.12.")
    assert r.status_code == 200
    assert get(srv, cw, f"/candidates/{cand['id']}")["status"] == "placed"
    got = get(srv, cw, f"/posts/{post['id']}")
    assert got["places_filled"] == 1 and got["status"] == "filled"
    full = get(srv, cw, f"/placements/{p['id']}")
    assert [h["stage"] for h in full["history"]] == ["proposed", "applied", "interview", "internship", "contract"]
    assert full["history"][-1]["note"] == "unterschrieben am 3.12." and full["history"][-1]["by"]
    # the internship counts as an earlier contact with the company for matching
    con = sqlite3.connect(srv.db_path)
    rows = con.execute("SELECT kind FROM candidate_company_contacts WHERE candidate_id = ? AND company_id = ?",
                       (cand["id"], post["company_id"])).fetchall()
    con.close()
    assert ("internship",) in rows
    # undone: the place is free again, the post open, the pupil active
    r = move(srv, cw, p["id"], "dropped", note="Ausbildung nicht angetreten")
    assert r.status_code == 200
    got = get(srv, cw, f"/posts/{post['id']}")
    assert got["places_filled"] == 0 and got["status"] == "open"
    assert get(srv, cw, f"/candidates/{cand['id']}")["status"] == "active"


def test_bad_moves_and_proposals_change_nothing(srv, cw, viewer):
    post = new_post(srv, cw)
    cand = new_candidate(srv, cw)
    pid = propose(srv, cw, cand["id"], post["id"]).json()["id"]
    r = move(srv, cw, pid, "signed")
    assert r.status_code == 400 and set(r.json()["error"]["fields"]) == {"stage"}
    r = move(srv, cw, pid, "proposed")
    assert r.status_code == 400 and r.json()["error"]["fields"]["stage"] == DE["placements_same_stage"]
    # a second open placement of the same pupil for the same post
    r = propose(srv, cw, cand["id"], post["id"])
    assert r.status_code == 409 and r.json()["error"]["placement_id"] == pid
    # somebody moved it first: the one who saw "proposed" is refused
    assert move(srv, cw, pid, "applied", **{"from": "proposed"}).status_code == 200
    r = move(srv, cw, pid, "withdrawn", **{"from": "proposed"})
    assert r.status_code == 409
    assert get(srv, cw, f"/placements/{pid}")["stage"] == "applied"
    assert move(srv, cw, 999999, "applied").status_code == 404
    assert move(srv, viewer, pid, "interview").status_code == 403
    assert propose(srv, viewer, cand["id"], post["id"]).status_code == 403
    r = propose(srv, cw, 999999, 999999)
    assert r.status_code == 400 and set(r.json()["error"]["fields"]) == {"candidate_id", "post_id"}
    r = propose(srv, cw, "x", post["id"])
    assert r.status_code == 400 and "candidate_id" in r.json()["error"]["fields"]
    # a pupil who asked to be left out is never proposed
    con = sqlite3.connect(srv.db_path)
    other = new_candidate(srv, cw)
    con.execute("UPDATE candidates SET match_opt_out = 1 WHERE id = ?", (other["id"],))
    con.commit()
    con.close()
    r = propose(srv, cw, other["id"], post["id"])
    assert r.status_code == 400 and r.json()["error"]["fields"]["candidate_id"] == DE["placements_opted_out"]
    # withdrawn, it can be proposed again; reopening the old one is then a 409
    assert move(srv, cw, pid, "withdrawn").status_code == 200
    again = propose(srv, cw, cand["id"], post["id"])
    assert again.status_code == 201
    r = move(srv, cw, pid, "proposed")
    assert r.status_code == 409 and r.json()["error"]["placement_id"] == again.json()["id"]


def test_a_contract_needs_a_free_place_and_two_cannot_take_the_last(srv, cw):
    post = new_post(srv, cw, places=1)
    a, b = new_candidate(srv, cw), new_candidate(srv, cw)
    pa = propose(srv, cw, a["id"], post["id"]).json()["id"]
    pb = propose(srv, cw, b["id"], post["id"]).json()["id"]
    results = []

    def sign(pid):
        s = staff(srv, "caseworker")
        results.append(move(srv, s, pid, "contract").status_code)

    threads = [threading.Thread(target=sign, args=(pid,)) for pid in (pa, pb)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 409]
    got = get(srv, cw, f"/posts/{post['id']}")
    assert got["places_filled"] == 1 and got["status"] == "filled"
    # a filled post takes no new proposal
    r = propose(srv, cw, new_candidate(srv, cw)["id"], post["id"])
    assert r.status_code == 400 and r.json()["error"]["fields"]["post_id"] == DE["placements_post_not_open"]


def test_board_and_pages_show_placements(srv, cw, viewer):
    post = new_post(srv, cw)
    cand = new_candidate(srv, cw, first_name="Board")
    pid = propose(srv, cw, cand["id"], post["id"]).json()["id"]
    html = cw.get(srv.url + "/placements").text
    column = html[html.index('id="col-proposed"'):html.index('id="col-applied"')]
    assert f'href="/placements/{pid}"' in column and "Board" in column
    assert f'action="/placements/{pid}"' in column  # a move without script
    # the board's move form works as a plain form post
    r = send(cw, "POST", srv.url + f"/placements/{pid}", {"stage": "applied", "from": "proposed"}, as_json=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/placements/{pid}?done=placement_moved"
    html = cw.get(srv.url + "/placements").text
    column = html[html.index('id="col-applied"'):html.index('id="col-interview"')]
    assert f'href="/placements/{pid}"' in column
    for path in [f"/candidates/{cand['id']}", f"/posts/{post['id']}", f"/companies/{post['company_id']}"]:
        assert f'href="/placements/{pid}"' in cw.get(srv.url + path).text, path
    page = cw.get(srv.url + f"/placements/{pid}").text
    assert "Beworben" in page and "Vorgeschlagen" in page
    # viewers read the board and the page, without forms
    html = viewer.get(srv.url + "/placements").text
    assert f'href="/placements/{pid}"' in html and f'action="/placements/{pid}"' not in html
    # the JSON list filters
    items = get(srv, cw, f"/placements?candidate_id={cand['id']}")["items"]
    assert [x["id"] for x in items] == [pid]
    assert get(srv, cw, f"/placements?company_id={post['company_id']}")["total"] == 1
    assert get(srv, cw, f"/placements?stage=applied&candidate_id={cand['id']}")["total"] == 1
    assert get(srv, cw, f"/placements?stage=contract&candidate_id={cand['id']}")["total"] == 0
    assert cw.get(srv.url + "/placements?stage=x", headers=JSON).status_code == 400


def test_reads_of_a_placement_are_audited(srv, cw, admin):
    post = new_post(srv, cw)
    cand = new_candidate(srv, cw)
    pid = propose(srv, cw, cand["id"], post["id"]).json()["id"]
    before = len(audit_items(srv, admin, action="read", object_type="placement", object_id=pid))
    cw.get(srv.url + f"/placements/{pid}")
    assert len(audit_items(srv, admin, action="read", object_type="placement", object_id=pid)) == before + 1


def share(srv, s, pid):
    r = send(s, "POST", srv.url + f"/placements/{pid}/share", {})
    assert r.status_code == 201, r.text
    return r.json()


def test_the_company_answers_through_its_link(srv, cw, admin):
    post = new_post(srv, cw)
    cand = new_candidate(srv, cw, first_name="Zeynep", last_name="Arslan-Geheim", birth_date="2009-02-11",
                         email="zeynep.geheim@example.org", phone="0151 99999999", migration_background="yes",
                         expected_certificate="fachhochschulreife")
    pid = propose(srv, cw, cand["id"], post["id"], note="Spricht Türkisch und Deutsch, sehr zuverlässig").json()["id"]
    got = share(srv, cw, pid)
    url = got["url"]
    token = url.rsplit("/p/", 1)[1]
    assert len(token) >= 22 and got["expires_at"] > TODAY.isoformat()  # >= 128 bits, 30 days
    # only the digest is kept
    con = sqlite3.connect(srv.db_path)
    assert con.execute("SELECT count(*) FROM placement_shares WHERE token_digest LIKE ?", (f"%{token}%",)).fetchone()[0] == 0
    con.close()
    # the company's page: first name, age, town, certificate, languages, wishes, the note; nothing else
    anon = requests.Session()
    page = anon.get(srv.url + f"/p/{token}")
    assert page.status_code == 200
    text = page.text
    for shown in ["Zeynep", "Spricht Türkisch und Deutsch", "Jahre", "Offenbach", "Türkisch", "Mittlere Reife"]:
        assert shown in text, shown
    for hidden in ["Arslan-Geheim", "2009-02-11", "11.02.2009", "zeynep.geheim", "0151 99999999", "Migrationshintergrund"]:
        assert hidden not in text, hidden
    data = anon.get(srv.url + f"/p/{token}", headers=JSON).json()
    assert "Arslan-Geheim" not in json.dumps(data, ensure_ascii=False)
    for key in ["last_name", "birth_date", "email", "phone", "migration_background", "candidate_id"]:
        assert key not in data
    # an invitation needs a message; a bad answer names the field; nothing moves
    r = anon.post(srv.url + f"/p/{token}", json={"answer": "interview"}, headers=JSON)
    assert r.status_code == 400 and set(r.json()["error"]["fields"]) == {"message"}
    r = anon.post(srv.url + f"/p/{token}", json={"answer": "vielleicht"}, headers=JSON)
    assert r.status_code == 400 and set(r.json()["error"]["fields"]) == {"answer"}
    assert get(srv, cw, f"/placements/{pid}")["stage"] == "proposed"
    # the answer moves the placement and waits on the start page
    r = anon.post(srv.url + f"/p/{token}", data={"answer": "interview", "message": "Dienstag, 15.12., 10 Uhr"})
    assert r.status_code == 200 and DE["placements_answered_interview"] in r.text
    p = get(srv, cw, f"/placements/{pid}")
    assert p["stage"] == "interview"
    assert p["history"][-1]["note"] == "Dienstag, 15.12., 10 Uhr" and p["history"][-1]["by"] == DE["placements_by_company"]
    # once answered the link is over
    again = anon.get(srv.url + f"/p/{token}")
    assert again.status_code == 410 and DE["placements_link_answered"] in again.text
    assert anon.post(srv.url + f"/p/{token}", data={"answer": "decline"}).status_code == 410
    assert anon.get(srv.url + "/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").status_code == 404
    assert anon.get(srv.url + "/p/%3Cscript%3E").status_code == 404
    # the disclosure: which data went to which company, when; in the audit too
    assert p["disclosures"][0]["company_name"] == get(srv, cw, f"/companies/{post['company_id']}")["name"]
    assert "first_name" in p["disclosures"][0]["fields"] and "last_name" not in p["disclosures"][0]["fields"]
    assert audit_items(srv, admin, action="disclose", object_type="candidate", object_id=cand["id"])


def test_answers_wait_on_the_start_page_until_seen(srv, cw):
    post = new_post(srv, cw)
    cand = new_candidate(srv, cw, first_name="Startseite")
    pid = propose(srv, cw, cand["id"], post["id"]).json()["id"]
    token = share(srv, cw, pid)["url"].rsplit("/", 1)[1]
    r = requests.post(srv.url + f"/p/{token}", data={"answer": "decline", "message": "Platz schon vergeben"})
    assert r.status_code == 200
    assert get(srv, cw, f"/placements/{pid}")["stage"] == "rejected"
    # the JSON read above was the caseworker's: it counts as seen; a new one shows
    pid2 = propose(srv, cw, new_candidate(srv, cw, first_name="Startseite")["id"], new_post(srv, cw)["id"]).json()["id"]
    token2 = share(srv, cw, pid2)["url"].rsplit("/", 1)[1]
    requests.post(srv.url + f"/p/{token2}", data={"answer": "decline", "message": "Kein Bedarf"})
    home = cw.get(srv.url + "/").text
    assert f'href="/placements/{pid2}"' in home and "Kein Bedarf" in home and f'href="/placements/{pid}"' not in home
    cw.get(srv.url + f"/placements/{pid2}")
    assert f'href="/placements/{pid2}"' not in cw.get(srv.url + "/").text


def test_expired_link_is_410_and_closed_placements_get_no_link(srv, cw):
    post = new_post(srv, cw)
    cand = new_candidate(srv, cw)
    pid = propose(srv, cw, cand["id"], post["id"]).json()["id"]
    token = share(srv, cw, pid)["url"].rsplit("/", 1)[1]
    con = sqlite3.connect(srv.db_path)
    con.execute("UPDATE placement_shares SET expires_at = '2020-01-01T00:00:00Z' WHERE placement_id = ?", (pid,))
    con.commit()
    con.close()
    r = requests.get(srv.url + f"/p/{token}")
    assert r.status_code == 410 and DE["placements_link_expired"] in r.text
    assert requests.post(srv.url + f"/p/{token}", data={"answer": "decline"}).status_code == 410
    assert get(srv, cw, f"/placements/{pid}")["stage"] == "proposed"
    move(srv, cw, pid, "withdrawn")
    r = send(cw, "POST", srv.url + f"/placements/{pid}/share", {})
    assert r.status_code == 409


def test_share_page_shows_the_link_once(srv, cw):
    post = new_post(srv, cw, email="chef@betrieb.example")
    pid = propose(srv, cw, new_candidate(srv, cw)["id"], post["id"]).json()["id"]
    r = send(cw, "POST", srv.url + f"/placements/{pid}/share", {}, as_json=False)
    assert r.status_code == 201
    m = re.search(r'id="share-url"[^>]*value="([^"]+)"', r.text)
    assert m and "/p/" in m.group(1)
    assert 'href="mailto:chef@betrieb.example"' in r.text
    assert m.group(1).rsplit("/", 1)[1] not in cw.get(srv.url + f"/placements/{pid}").text


def test_opting_out_in_the_form_ticked_and_unticked(srv, cw):
    """The candidate's edit form: a ticked box opts out of matching and
    proposals; the same form sent again with the box unticked (a browser
    leaves it out) opts back in. A small JSON PATCH changes only what it
    sends."""
    cand = new_candidate(srv, cw)
    post = new_post(srv, cw)

    def edit(**ticked):
        current = get(srv, cw, f"/candidates/{cand['id']}")
        form = {"first_name": current["first_name"], "last_name": current["last_name"],
                "birth_date": current["birth_date"], "updated_at": current["updated_at"], **ticked}
        r = send(cw, "POST", srv.url + f"/candidates/{cand['id']}", form, as_json=False)
        assert r.status_code == 303, r.text[:300]
        return get(srv, cw, f"/candidates/{cand['id']}")["match_opt_out"]

    assert edit(match_opt_out="1") is True
    assert 'checked' in re.search(r'<input[^>]*name="match_opt_out"[^>]*>', cw.get(srv.url + f"/candidates/{cand['id']}/edit").text).group(0)
    r = propose(srv, cw, cand["id"], post["id"])
    assert r.status_code == 400 and r.json()["error"]["fields"]["candidate_id"] == DE["placements_opted_out"]
    assert edit() is False
    r = send(cw, "PATCH", srv.url + f"/candidates/{cand['id']}", {"notes": "nur die Notiz"})
    assert r.status_code == 200 and r.json()["match_opt_out"] is False
    assert propose(srv, cw, cand["id"], post["id"]).status_code == 201


def test_a_post_edit_form_unticks_a_box(srv, cw):
    post = new_post(srv, cw)
    r = send(cw, "PATCH", srv.url + f"/posts/{post['id']}", {"part_time": True})
    assert r.status_code == 200 and r.json()["part_time"] is True
    current = get(srv, cw, f"/posts/{post['id']}")
    form = {k: current[k] for k in ["company_id", "occupation_id", "title", "places", "start_date", "updated_at"]}
    r = send(cw, "POST", srv.url + f"/posts/{post['id']}", form, as_json=False)
    assert r.status_code == 303, r.text[:300]
    assert get(srv, cw, f"/posts/{post['id']}")["part_time"] is False


def test_the_note_for_the_company_is_edited_and_nothing_else(srv, cw, viewer):
    post = new_post(srv, cw)
    cand, other = new_candidate(srv, cw), new_candidate(srv, cw)
    p = propose(srv, cw, cand["id"], post["id"]).json()
    r = send(cw, "POST", srv.url + f"/placements/{p['id']}/note",
             {"note": "Pünktlich und freundlich", "updated_at": p["updated_at"], "candidate_id": other["id"],
              "stage": "contract"}, as_json=False)
    assert r.status_code == 400  # the stage moves only by a move
    r = send(cw, "POST", srv.url + f"/placements/{p['id']}/note",
             {"note": "Pünktlich und freundlich", "updated_at": p["updated_at"], "candidate_id": other["id"]},
             as_json=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/placements/{p['id']}?done=placement_note_saved#note"
    now = get(srv, cw, f"/placements/{p['id']}")
    assert now["note"] == "Pünktlich und freundlich" and now["candidate_id"] == cand["id"] and now["stage"] == "proposed"
    # a form opened before that save is refused, not silently written over
    r = send(cw, "POST", srv.url + f"/placements/{p['id']}/note", {"note": "alt", "updated_at": p["updated_at"]},
             as_json=False)
    assert r.status_code == 409
    assert get(srv, cw, f"/placements/{p['id']}")["note"] == "Pünktlich und freundlich"
    assert send(viewer, "POST", srv.url + f"/placements/{p['id']}/note", {"note": "x"}).status_code == 403


def test_seed_synthetic_adds_a_year_of_work(tmp_path):
    db = tmp_path / "work.db"
    assert run_cli("migrate", "--db", db).returncode == 0
    assert run_cli("seed", "demo", "--db", db).returncode == 0
    done = run_cli("seed", "synthetic", "--db", db, "--companies", "200", "--posts", "600", "--candidates", "2000",
                   "--seed", "5", timeout=120)
    assert done.returncode == 0, done.stderr
    m = re.search(r"with (\d+) activities and (\d+) placements", done.stdout)
    assert m and int(m.group(1)) > 500 and int(m.group(2)) > 20, done.stdout
    con = sqlite3.connect(db)
    stages = dict(con.execute("SELECT stage, count(*) FROM placements GROUP BY stage").fetchall())
    assert "contract" not in stages and "started" not in stages and len(stages) >= 4
    # every placement has its history from the proposal to its stage, and is for a wished occupation
    assert con.execute("SELECT count(*) FROM placements p WHERE (SELECT stage FROM placement_stages s "
                       "WHERE s.placement_id = p.id ORDER BY s.id DESC LIMIT 1) <> p.stage").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM placements p JOIN posts o ON o.id = p.post_id WHERE o.occupation_id NOT IN "
                       "(SELECT value FROM candidate_occupations WHERE owner_id = p.candidate_id)").fetchone()[0] == 0
    pupils = con.execute("SELECT count(DISTINCT candidate_id) FROM activities WHERE candidate_id IS NOT NULL").fetchone()[0]
    assert 400 < pupils < 1000
    con.close()


def test_match_lists_show_an_open_proposal_instead_of_the_button(srv, cw):
    post = new_post(srv, cw)
    cand = new_candidate(srv, cw, first_name="Schonvorgeschlagen")
    rows = {x["candidate_id"]: x for x in get(srv, cw, f"/posts/{post['id']}/matches?per_page=200")["items"]}
    assert rows[cand["id"]]["placement_id"] is None
    pid = propose(srv, cw, cand["id"], post["id"]).json()["id"]
    rows = {x["candidate_id"]: x for x in get(srv, cw, f"/posts/{post['id']}/matches?per_page=200")["items"]}
    assert rows[cand["id"]]["placement_id"] == pid
    html = cw.get(srv.url + f"/posts/{post['id']}/matches?per_page=200").text
    row = re.search(r"<tr>(?:(?!</tr>).)*Schonvorgeschlagen(?:(?!</tr>).)*</tr>", html, re.S).group(0)
    assert f'href="/placements/{pid}"' in row and 'name="candidate_id"' not in row
    posts = {x["post_id"]: x for x in get(srv, cw, f"/candidates/{cand['id']}/matches?per_page=200")["items"]}
    assert posts[post["id"]]["placement_id"] == pid
    move(srv, cw, pid, "withdrawn")
    rows = {x["candidate_id"]: x for x in get(srv, cw, f"/posts/{post['id']}/matches?per_page=200")["items"]}
    assert rows[cand["id"]]["placement_id"] is None
