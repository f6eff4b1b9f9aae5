"""The plain site over the test corpus: search page, document page, errors."""

import pytest


def test_root_redirects_by_accept_language(client):
    assert client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).location.endswith("/zh/")
    assert client.get("/", headers={"Accept-Language": "de"}).location.endswith("/en/")


def test_search_page_highlights_and_links_to_the_passage(client):
    page = client.get("/zh/search?q=铅 镉 限量").get_data(as_text=True)
    assert "<mark>铅</mark>" in page and 'href="/zh/rohs#restricted-substances"' in page


def test_hostile_query_is_escaped(client):
    page = client.get("/en/search?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_document_page_links_to_its_other_language(client):
    page = client.get("/en/rohs").get_data(as_text=True)
    assert 'hreflang="zh"' in page and 'href="/zh/rohs"' in page and 'id="restricted-substances"' in page


def test_unknown_page_is_404_in_its_language(client):
    response = client.get("/zh/nothing-here")
    assert response.status_code == 404 and "页面不存在" in response.get_data(as_text=True)


def test_missing_index_says_how_to_rebuild(app, index_dir):
    import shutil

    shutil.rmtree(index_dir)
    response = app.test_client().get("/en/search?q=lead")
    assert response.status_code == 503 and "kb build" in response.get_data(as_text=True)


def test_security_headers(client):
    headers = client.get("/en/rohs").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"]


@pytest.mark.parametrize("path", ["/en/regulations", "/zh/glossary", "/en/products", "/en/", "/en/search?q=rohs"])
@pytest.mark.parametrize("query", ["_external=1", "_anchor=x%22%3E%3Cb%3E", "endpoint=x", "_scheme=javascript"])
def test_query_parameters_never_steer_the_language_links(client, path, query):
    response = client.get(path + ("&" if "?" in path else "?") + query)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "javascript:" not in page and "<b>" not in page and 'hreflang="zh"' in page


def test_every_listing_links_its_twin_with_its_query(client):
    page = client.get("/en/countermeasures?form=green-tariff").get_data(as_text=True)
    assert 'hreflang="zh" href="http://localhost/zh/countermeasures?form=green-tariff"' in page


def test_favicon_answers_with_a_real_icon(client):
    icon = client.get("/favicon.ico")
    # An .ico file starts with reserved 0, type 1 (icon) and the number of images.
    assert icon.status_code == 200 and icon.mimetype == "image/vnd.microsoft.icon"
    assert icon.data[:4] == b"\0\0\1\0" and int.from_bytes(icon.data[4:6], "little") >= 1

    page = client.get("/zh/rohs").get_data(as_text=True)
    assert 'rel="icon" href="/static/favicon.svg" type="image/svg+xml"' in page
    svg = client.get("/static/favicon.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data


def test_robots_txt_points_at_the_sitemap(client):
    robots = client.get("/robots.txt")
    lines = robots.get_data(as_text=True).splitlines()
    assert robots.status_code == 200 and robots.mimetype == "text/plain" and lines[0] == "User-agent: *"
    sitemap = next(line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: "))
    assert sitemap == "http://localhost/sitemap.xml"
    assert client.get("/sitemap.xml").status_code == 200
    # Result pages are left out, documents are not (a document id may begin with "search").
    assert "Disallow: /zh/search?" in lines and "Disallow: /en/search?" in lines
    assert not any(line == "Disallow: /" or line == "Disallow: /zh/" for line in lines)


def test_footer_names_sources_and_licence_in_the_page_language(client):
    zh = client.get("/zh/nothing-here").get_data(as_text=True)
    en = client.get("/en/rohs").get_data(as_text=True)
    zh_footer, en_footer = zh.split('<footer class="site">')[1], en.split('<footer class="site">')[1]
    assert "来源" in zh_footer and "2011/833/EU" in zh_footer and "MIT 许可证" in zh_footer
    assert "Sources" in en_footer and "2011/833/EU" in en_footer and "MIT licence" in en_footer
    assert 'href="https://eur-lex.europa.eu"' in en_footer and "许可证" not in en_footer
