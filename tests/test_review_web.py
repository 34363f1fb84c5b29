"""The review page: HTTP behaviour through FastAPI's test client, and a real headless browser.

The browser test drives Debian's chromium through Playwright against a real
`factcheck review serve` process; it fails (never skips) when the browser is
missing. Its screenshots go to tests/artifacts/ (or $FACTCHECK_SCREENSHOTS).
"""

from __future__ import annotations

import dataclasses
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.review.store import ReviewStore
from review_helpers import claim_id, filled_store, sample_run

CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("FACTCHECK_SCREENSHOTS", Path(__file__).parent / "artifacts"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"]


@pytest.fixture
def db(tmp_path) -> Path:
    store, _ = filled_store(tmp_path / "review.db")
    store.close()
    return tmp_path / "review.db"


@pytest.fixture
def client(db):
    from fastapi.testclient import TestClient

    from factcheck.review.web import create_app

    return TestClient(create_app(db, reviewer="testredaktør", allowed_hosts=["127.0.0.1", "localhost", "testserver"]))


def token_of(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_list_page_shows_flagged_claims_and_filters(client):
    page = client.get("/")
    assert page.status_code == 200
    assert page.text.count('<tr id="claim-') == 2 and "Ett år etter oppstart" in page.text
    assert client.get("/?all=1").text.count('<tr id="claim-') == 7
    assert "Ingen påstander å vise." in client.get("/?status=confirmed").text
    assert client.get("/?verdict=contradicted&source=innlegg").text.count('<tr id="claim-') == 2


def test_claim_page_puts_evidence_beside_the_claim_with_marks(client):
    page = client.get("/claims/2")
    assert page.status_code == 200
    assert '<mark class="number_other">31 %</mark>' in page.text  # the figure the claim gets wrong
    assert '<mark class="shared">narkotikarelatert</mark>' in page.text
    assert 'id="evidence"' in page.text and 'class="side-by-side"' in page.text
    assert '<span class="claim">Ett år etter oppstart' in page.text  # the claim in its article
    assert client.get("/claims/999").status_code == 404


def test_decide_through_the_form(client, db):
    token = token_of(client.get("/claims/2").text)
    answer = client.post("/claims/2/decide", data={"action": "overrule", "verdict": "supported", "note": "Ny rapport",
                                                   "reviewer": "Kari", "token": token}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/claims/2"
    page = client.get("/claims/2").text
    assert 'data-status="overruled"' in page and "Ny rapport" in page
    client.post("/claims/2/decide", data={"action": "note", "note": "Sjekket med forfatteren", "token": token})
    with ReviewStore(db) as store:
        history = store.history(2)
    assert [(d.status, d.reviewer_verdict, d.reviewer, d.note) for d in history] == [
        ("overruled", "supported", "Kari", "Ny rapport"), ("overruled", "supported", "Kari", "Sjekket med forfatteren")]
    assert client.get("/api/claims/2").json()["note"] == "Sjekket med forfatteren"


def test_bad_decisions_are_refused_with_a_message(client):
    token = token_of(client.get("/claims/2").text)
    same = client.post("/claims/2/decide", data={"action": "overrule", "verdict": "contradicted", "token": token})
    assert same.status_code == 400 and "give the right verdict" in same.text
    assert client.post("/claims/2/decide", data={"action": "confirm", "token": "forged"}).status_code == 403
    assert client.post("/claims/2/decide", data={"action": "confirm"}).status_code == 403
    foreign = client.get("/", headers={"host": "evil.example"})  # DNS rebinding: only local host names
    assert foreign.status_code == 400


def test_api_matches_the_cli_json(client, db):
    with ReviewStore(db) as store:
        expected = [c.to_dict() for c in store.claims()]
    assert client.get("/api/claims").json() == expected
    assert client.get("/api/claims/999").json() == {"error": f"no claim with id 999 in {db}; see `factcheck review list --all`"}


def test_claim_text_is_escaped(tmp_path):
    from fastapi.testclient import TestClient

    from factcheck.review.web import create_app

    result, text = sample_run()
    result.claims[1] = dataclasses.replace(result.claims[1], text="<script>alert('x')</script> 40 %")
    with ReviewStore(tmp_path / "r.db") as store:
        store.record_run(result, source="<b>kilde</b>", text=text)
    page = TestClient(create_app(tmp_path / "r.db")).get("/").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "&lt;b&gt;kilde" in page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(db):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "review", "serve", "--db", str(db), "--port", str(port),
                             "--reviewer", "testredaktør"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while True:
        if proc.poll() is not None:
            pytest.fail(f"review serve exited: {proc.stderr.read().decode()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.time() < deadline, "review serve did not start within 60 s"
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}", db
    proc.terminate()
    proc.wait(timeout=20)


def test_review_in_a_real_browser_persists_the_decision(server):
    url, db = server
    assert Path(CHROMIUM).exists(), f"no browser at {CHROMIUM}: install Debian's chromium (apt-get install -y chromium)"
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="nb-NO")
            page.goto(url)
            expect(page.locator("#claims tbody tr")).to_have_count(2)
            page.get_by_role("link", name=re.compile("^Ett år etter oppstart")).click()
            expect(page.locator("#status")).to_have_text("Åpen")
            expect(page.locator("#evidence mark.number_other", has_text="31 %").first).to_be_visible()

            page.select_option("#overrule-verdict", "not_enough_info")
            page.fill("#note-input", "Tallet på 40 % gjelder en annen periode enn rapporten")
            page.fill("input[name=reviewer]", "Kari Nordmann")
            page.click("button[value=overrule]")
            expect(page.locator("#status")).to_have_text("Overstyrt")

            page.reload()
            expect(page.locator("#status")).to_have_text("Overstyrt")
            expect(page.locator("#reviewer-verdict")).to_have_text("Ikke nok grunnlag")
            expect(page.locator("#note")).to_have_text("Tallet på 40 % gjelder en annen periode enn rapporten")
            expect(page.locator("#history li")).to_have_count(1)
            page.screenshot(path=str(ARTIFACTS / "review-claim.png"), full_page=True)

            page.goto(url)
            cid = page.locator("#claims tbody tr").first.get_attribute("id").removeprefix("claim-")
            expect(page.locator(f"#claim-{cid}")).to_have_attribute("data-status", "overruled")
            page.screenshot(path=str(ARTIFACTS / "review-list.png"), full_page=True)
        finally:
            browser.close()
    with ReviewStore(db) as store:
        decision = store.history(claim_id(store, "Ett år"))[-1]
    assert (decision.status, decision.reviewer_verdict, decision.reviewer) == ("overruled", "not_enough_info", "Kari Nordmann")
