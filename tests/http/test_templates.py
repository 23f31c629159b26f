"""Templates: reloaded when changed in development mode, frozen otherwise;
a template that does not parse stops the server at start-up."""
import os
import shutil

import requests

from conftest import REPO, run_cli


def copy_templates(tmp_path):
    target = tmp_path / "templates"
    shutil.copytree(REPO / "templates", target)
    return target


def edit_start_page(templates, text):
    """Replaces the start page's heading and moves the file's time on, since
    ctemplate notices changes by modification time."""
    page = templates / "home" / "index.tpl"
    page.write_text(page.read_text(encoding="utf-8").replace("{{t_home_heading}}", text), encoding="utf-8")
    st = page.stat()
    os.utime(page, (st.st_atime + 5, st.st_mtime + 5))


def test_dev_mode_reloads_changed_templates(make_server, tmp_path):
    templates = copy_templates(tmp_path)
    srv = make_server(env={"AZUBIMATCH_TEMPLATES": str(templates), "AZUBIMATCH_DEV": "true"})
    assert "Ausbildung gemeinsam" in requests.get(srv.url + "/").text
    edit_start_page(templates, "Frisch geladen")
    assert "Frisch geladen" in requests.get(srv.url + "/").text


def test_production_templates_are_frozen(make_server, tmp_path):
    templates = copy_templates(tmp_path)
    srv = make_server(env={"AZUBIMATCH_TEMPLATES": str(templates), "AZUBIMATCH_DEV": "false"})
    edit_start_page(templates, "Nicht geladen")
    body = requests.get(srv.url + "/").text
    assert "Nicht geladen" not in body and "Ausbildung gemeinsam" in body


def test_broken_template_stops_start_up(tmp_path):
    templates = copy_templates(tmp_path)
    (templates / "home" / "index.tpl").write_text(
        '{{%AUTOESCAPE context="HTML"}}\n{{#open_section}} never closed\n', encoding="utf-8")
    db = tmp_path / "t.db"
    assert run_cli("migrate", "--db", str(db)).returncode == 0
    proc = run_cli("serve", "--db", str(db), "--port", "0",
                   env={"AZUBIMATCH_TEMPLATES": str(templates)}, timeout=20)
    assert proc.returncode == 1
    lines = [l for l in proc.stderr.splitlines() if l.startswith("azubimatch:")]
    assert lines and "home/index.tpl" in lines[-1]
