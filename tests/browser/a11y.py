"""Machine checks of a page as the browser shows it, for every page state
the browser tests visit:

    audit(d, state)   axe-core's WCAG 2.1 A and AA rules, and tap targets of
                      at least 24 x 24 px; fails the test with a readable list
    screenshot(d, name)   a PNG under build/screenshots/, named with the width

axe-core comes from the npm registry at the version scripts/deps.sh pins,
installed into build/axe by `make deps`; it is injected into the page by the
test (execute_script) and never served by the program. Without it the tests
fail, saying how to get it: an accessibility check that silently does not
run would pass everything.
"""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
AXE_JS = REPO / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHOTS = REPO / "build" / "screenshots"
MIN_TARGET = 24  # px, WCAG 2.2 SC 2.5.8 (target size, minimum)

_source = None


def axe_source():
    """axe.min.js as text; fails the test when `make deps` did not install it."""
    global _source
    if _source is None:
        if not AXE_JS.is_file():
            pytest.fail(f"axe-core is missing ({AXE_JS}); run `make deps` (it installs the pinned axe-core "
                        "from the npm registry). The browser tests check every page with it and do not run without.")
        _source = AXE_JS.read_text(encoding="utf-8")
    return _source


def axe_violations(d):
    """axe-core's WCAG 2.1 A/AA violations on the page shown now: a list of
    {id, impact, help, nodes: [{target, summary}]}."""
    if not d.execute_script("return typeof window.axe === 'object'"):
        d.execute_script(axe_source())
    d.set_script_timeout(30)
    result = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        "  .then(r => done({ok: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        "      nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}))}))"
        "  .catch(e => done({error: String(e)}));", AXE_TAGS)
    if "error" in result:
        pytest.fail(f"axe-core failed to run on {d.current_url}: {result['error']}")
    return result["ok"]


def small_targets(d):
    """Links, buttons, fields and summaries shown now that are smaller than
    24 x 24 px (WCAG 2.5.8), except a link inside a sentence of text."""
    return d.execute_script("""
        const min = arguments[0], out = [];
        for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;           // not shown
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden') continue;
            if (el.closest('.skip') && document.activeElement !== el) continue;  // off screen until focused
            if (r.width >= min - 0.5 && r.height >= min - 0.5) continue;
            // the inline exception: a link in a line of running text
            const p = el.parentElement;
            if (el.tagName === 'A' && style.display === 'inline' && p && p.closest('p, li, dd') &&
                (p.closest('p, li, dd').textContent.trim().length > el.textContent.trim().length + 20)) continue;
            out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || el.id).trim().slice(0, 30)}" ` +
                     `${Math.round(r.width)}x${Math.round(r.height)}`);
        }
        return out;""", MIN_TARGET)


def audit(d, state):
    """Fails the test when the page shown now (state: what it is, for the
    message) breaks a WCAG 2.1 A/AA rule axe-core checks, or has a tap
    target under 24 px."""
    problems = []
    for v in axe_violations(d):
        lines = [f"  [{v['impact']}] {v['id']}: {v['help']}"]
        for n in v["nodes"][:8]:
            summary = re.sub(r"\s+", " ", n["summary"] or "").strip()
            lines.append(f"      at {n['target']}: {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"      ... and {len(v['nodes']) - 8} more")
        problems.append("\n".join(lines))
    small = small_targets(d)
    if small:
        problems.append("  tap targets under 24 px: " + "; ".join(small[:12]))
    if problems:
        width = d.execute_script("return window.innerWidth")
        pytest.fail(f"accessibility: {state} ({d.current_url}, {width} px wide):\n" + "\n".join(problems),
                    pytrace=False)


def screenshot(d, name):
    """Saves the page shown now as build/screenshots/<name>-<width>.png and
    checks it is a real picture."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = d.execute_script("return window.innerWidth")
    target = SHOTS / f"{name}-{width}.png"
    assert d.save_screenshot(str(target)), f"screenshot {target} failed"
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000, f"{target} is no real screenshot"
    return target
