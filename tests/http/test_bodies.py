"""Request bodies in all three accepted forms reach the same field map:
urlencoded, multipart/form-data and JSON."""
import requests

from conftest import DEMO, JSON, seed_demo, staff


def multipart(fields):
    """requests sends multipart/form-data when given files; (None, value)
    makes a plain field."""
    return {k: (None, v) for k, v in fields.items()}


def test_login_and_create_with_multipart(make_server):
    srv = seed_demo(make_server())
    email, password = DEMO["caseworker"]
    s = requests.Session()
    r = s.post(srv.url + "/login", files=multipart({"email": email, "password": password}), headers=JSON)
    assert r.status_code == 200, r.text
    assert r.request.headers["Content-Type"].startswith("multipart/form-data")
    token = r.json()["csrf_token"]
    r = s.post(srv.url + "/companies", headers=JSON,
               files=multipart({"csrf_token": token, "name": "Çiçek Blumen & Söhne", "postal_code": "63128",
                                "languages": "tr, de"}))
    assert r.status_code == 201, r.text
    company = r.json()
    assert company["name"] == "Çiçek Blumen & Söhne"
    assert company["languages"] == ["tr", "de"] and company["city"] == "Dietzenbach"


def test_same_fields_whatever_the_encoding(make_server):
    srv = seed_demo(make_server())
    s = staff(srv, "caseworker")
    # the second and third creations resemble the first: confirm them
    fields = {"name": "Gleich Kodiert", "postal_code": "63069", "tags": "a, b", "confirm_duplicate": "1"}
    with_token = {**fields, "csrf_token": s.csrf}
    answers = [
        s.post(srv.url + "/companies", headers=JSON, data=with_token),
        s.post(srv.url + "/companies", headers=JSON, files=multipart(with_token)),
        s.post(srv.url + "/companies", headers={**JSON, "X-CSRF-Token": s.csrf}, json=fields),
    ]
    seen = []
    for r in answers:
        assert r.status_code == 201, r.text
        c = r.json()
        seen.append((c["name"], c["postal_code"], tuple(c["tags"]), c["city"]))
    assert seen == [("Gleich Kodiert", "63069", ("a", "b"), "Offenbach")] * 3, seen


def test_multipart_without_boundary_is_400(make_server):
    srv = seed_demo(make_server())
    s = staff(srv, "caseworker")
    r = s.post(srv.url + "/companies", data=b"name=x", headers={
        **JSON, "X-CSRF-Token": s.csrf, "Content-Type": "multipart/form-data"})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "bad_request"


def test_multipart_invalid_utf8_names_the_field(make_server):
    srv = seed_demo(make_server())
    s = staff(srv, "caseworker")
    boundary = "xYzBoundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n").encode() + b"M\xfcller" + \
        f"\r\n--{boundary}--\r\n".encode()
    r = s.post(srv.url + "/companies", data=body, headers={
        **JSON, "X-CSRF-Token": s.csrf, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 400, r.text
    assert "name" in r.json()["error"].get("fields", {})
    assert s.get(srv.url + "/companies", params={"q": "ller"}, headers=JSON).json()["total"] == 0


def test_multipart_field_over_the_cap_is_refused(make_server):
    srv = seed_demo(make_server(env={"AZUBIMATCH_FIELD_LIMIT_KIB": "1"}))
    s = staff(srv, "caseworker")
    r = s.post(srv.url + "/companies", headers=JSON,
               files=multipart({"csrf_token": s.csrf, "name": "x" * 2000}))
    assert r.status_code == 400, r.text
    assert "name" in r.json()["error"]["fields"]
