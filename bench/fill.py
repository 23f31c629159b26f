"""Adds 60 staff accounts to a bench database, so list pages have 50 rows.
The hash is a real argon2id string of a throwaway password (the bench never
logs in as these)."""
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT password_hash FROM users LIMIT 1").fetchone()
with db:
    for i in range(60):
        db.execute(
            "INSERT OR IGNORE INTO users (email, name, role, password_hash) VALUES (?, ?, 'viewer', ?)",
            (f"bench{i}@azubimatch.example", f"Bench Person {i:02d}", row[0]),
        )
