"""Logs in as the demo admin and prints the session token for wrk."""
import sys
import urllib.parse
import urllib.request

base = sys.argv[1]
data = urllib.parse.urlencode({"email": "admin@azubimatch.example", "password": "demo-admin-2026"}).encode()
req = urllib.request.Request(base + "/login", data=data, headers={"Accept": "application/json"})
with urllib.request.urlopen(req, timeout=10) as resp:
    cookie = resp.headers.get("Set-Cookie", "")
print(cookie.split(";", 1)[0].split("=", 1)[1])
