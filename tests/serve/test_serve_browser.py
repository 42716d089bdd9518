"""End to end: the sample corpus ingested, served by uvicorn and used in Debian's Chromium.

Each test leaves a screenshot under test-artifacts/screenshots/. Without Chromium the tests fail
with the command that installs it (see the ``browser`` fixture).
"""
from __future__ import annotations

import re


def visible_rows(tab) -> int:
    return tab.locator("#register tbody tr:visible").count()


def test_overview_lists_articles_and_entities(page, shoot):
    page.goto("/")
    counts = page.locator(".counts li")
    assert counts.count() >= 5
    assert int(counts.first.locator("b").inner_text().replace(",", "")) >= 30  # documents of samples/news
    assert page.locator("ol.docs li a").count() > 0
    assert page.locator("table.grid a.ent").count() > 0
    shoot(page, "overview")
    assert page.js_errors == []


def test_search_open_an_article_and_click_an_entity(page, shoot):
    page.goto("/")
    page.fill("header .find input[name=q]", "S-400 delivery")
    page.press("header .find input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=S-400"))
    hits = page.locator("#results-documents article.hit")
    assert hits.count() > 0
    assert page.locator("#results-documents mark").count() > 0  # matched words highlighted in the snippets
    shoot(page, "search")

    title = hits.first.locator("a").inner_text()
    hits.first.locator("a").click()
    page.wait_for_url(re.compile(r"/documents/\d+$"))
    assert page.locator("h1.doctitle").inner_text() == title
    links = page.locator("#article-text a.ent")
    assert links.count() > 3
    shoot(page, "document")

    system = page.locator('#article-text a.ent[href^="/entities/system"]').first
    name = system.get_attribute("title")
    system.click()
    page.wait_for_url(re.compile(r"/entities/system"))
    assert page.locator("h1").inner_text().startswith(name)
    assert page.locator("#aliases li").count() >= 1
    assert page.locator("ol.docs li").count() >= 1  # the articles that name it
    shoot(page, "dossier")
    assert page.js_errors == []


def test_register_filters_sorts_and_downloads(page, shoot):
    page.goto("/register")
    total = visible_rows(page)
    assert total >= 3
    page.fill("tr.colfilters input[data-col='2']", "S-400")
    assert 1 <= visible_rows(page) < total
    for cell in page.locator("#register tbody tr:visible td:nth-child(3)").all_inner_texts():
        assert "S-400" in cell
    assert page.locator("#shown").inner_text() == str(visible_rows(page))
    page.fill("tr.colfilters input[data-col='2']", "")
    assert visible_rows(page) == total

    page.locator("#register thead th", has_text="Support").click()
    page.locator("#register thead th", has_text="Support").click()  # descending
    supports = [int(text) for text in page.locator("#register tbody tr td:nth-child(11)").all_inner_texts()]
    assert supports == sorted(supports, reverse=True)
    shoot(page, "register")

    page.fill("form.filters input[name=recipient]", "India")
    page.locator("form.filters button").click()
    page.wait_for_url(re.compile(r"recipient=India"))
    assert set(page.locator("#register tbody tr td:nth-child(2)").all_inner_texts()) == {"India"}
    href = page.locator("#csv").get_attribute("href")
    assert href == "/register.csv?recipient=India"
    download = page.request.get(href)
    assert download.ok and download.headers["content-type"].startswith("text/csv")
    assert download.text().splitlines()[0].startswith("supplier,recipient,system")
    assert page.js_errors == []


def test_timeline_draws_the_events(page, shoot):
    page.goto("/timeline")
    dots = page.locator("#timeline-chart svg circle.ev")
    everything = dots.count()
    assert everything > 5
    assert page.locator("#timeline-chart svg .axis text").count() >= 2  # year ticks
    shoot(page, "timeline")
    page.fill("form.filters input[name=entity]", "Turkey")
    page.locator("form.filters button").click()
    page.wait_for_url(re.compile(r"entity=Turkey"))
    assert 0 < page.locator("#timeline-chart svg circle.ev").count() < everything
    assert page.js_errors == []


def test_graph_draws_a_network_and_opens_a_dossier(page, shoot):
    page.goto("/graph")
    nodes = page.locator("#graph-chart svg circle.node")
    assert nodes.count() > 5
    assert page.locator("#graph-chart svg line.edge").count() > 3
    assert page.locator("#graph-chart svg circle.t-Country").count() > 1
    assert page.locator("#graph-chart svg circle.t-WeaponSystem").count() > 1
    shoot(page, "graph")
    node = page.locator('#graph-chart g.n[data-id="country:india"] circle')
    node.click()
    page.wait_for_url(re.compile(r"/entities/country(%3A|:)india$"))
    assert page.locator("h1").inner_text().startswith("India")
    assert page.js_errors == []


def test_conflicts_page_shows_both_sides(page, shoot):
    page.goto("/conflicts")
    for conflict in page.locator(".conflict").all()[:5]:
        assert conflict.locator(".side").count() >= 2
        assert conflict.locator("a.src").count() >= 1
    shoot(page, "conflicts")
    assert page.js_errors == []


def test_markup_in_an_article_stays_text_in_the_browser(open_tab, fixture_server, shoot):
    tab = open_tab(fixture_server)
    tab.goto("/documents/4")
    assert tab.title().startswith("Markup test <script>")  # shown, not run: the script would retitle the page
    assert "<script>document.title='pwned'</script>" in tab.locator("#article-text").inner_text()
    assert tab.locator("#article-text script, #article-text b").count() == 0
    shoot(tab, "escaping")
    assert tab.js_errors == []


def test_every_page_works_under_the_content_security_policy(page):
    for url in ("/", "/search?q=S-400", "/documents/1", "/entities", "/entities/system:s-400", "/register",
                "/timeline", "/graph", "/conflicts", "/no/such/page"):
        response = page.goto(url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert [m for m in page.console_errors if "Content Security Policy" in m] == [], url
    page.goto("/timeline")
    assert page.locator("#timeline-chart svg circle.ev").count() > 5  # drawn from the data-chart attribute
    page.goto("/graph")
    assert page.locator("#graph-chart svg circle.node").count() > 5
    assert page.locator("form.filters input[name=min_documents]").bounding_box()["width"] < 100  # styled by app.css
    assert page.js_errors == []


def test_a_javascript_address_never_becomes_a_link(open_tab, fixture_server, shoot):
    tab = open_tab(fixture_server)
    tab.goto("/documents/4")  # its url: header is javascript:alert(document.domain)
    assert tab.locator("a", has_text="source").count() == 0
    assert tab.locator('a[href^="javascript"], a[href^="JAVASCRIPT"]').count() == 0
    for link in tab.locator("p.meta a").all():
        link.click()
    tab.goto("/documents/1")
    source = tab.locator("p.meta a", has_text="source")
    assert source.get_attribute("href") == "https://harbour-gazette.example/2019/03/04/s400-india"
    shoot(tab, "source-link")
    assert tab.dialogs == [] and tab.js_errors == []
