"""The JSON API: search, documents, suggestions, and errors as JSON."""

import pytest

from indexer.corpus.corpus import load_corpus
from tests.conftest import write_doc


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status and response.is_json
    return response.get_json()


def test_search_shape(client):
    data = get_json(client, "/api/search?q=lead&lang=en")
    assert set(data) >= {"query", "total", "page", "took_ms", "fallback", "facets", "results"}
    assert (data["query"], data["total"], data["page"], data["fallback"]) == ("lead", 1, 1, False)
    assert data["facets"]["type"] == {"regulation": 1}
    hit = data["results"][0]
    assert set(hit) >= {"id", "lang", "type", "title", "url", "snippet", "score", "other_versions", "passages"}
    assert (hit["id"], hit["lang"], hit["type"]) == ("rohs", "en", "regulation")
    assert hit["url"] == "/en/rohs#restricted-substances"
    assert hit["snippet"].startswith("<mark>Lead</mark> is limited")
    assert hit["other_versions"] == {"zh": "/zh/rohs"}


def test_search_passages_link_in_their_own_language(client):
    weee = next(h for h in get_json(client, "/api/search?q=rohs&lang=en")["results"] if h["id"] == "weee")
    urls = {p["lang"]: p["url"] for p in weee["passages"]}
    assert urls == {"en": "/en/weee#collection", "zh": "/zh/weee#collection"}
    assert all({"anchor", "heading", "lang", "snippet", "score", "url"} <= set(p) for p in weee["passages"])


def test_search_in_chinese(client):
    hit = get_json(client, "/api/search?q=铅&lang=zh")["results"][0]
    assert hit["url"] == "/zh/rohs#restricted-substances" and "<mark>铅</mark>" in hit["snippet"]


def test_search_filters_and_page_language(client):
    data = get_json(client, "/api/search?q=rohs&lang=en&type=barrier-form")
    assert [h["id"] for h in data["results"]] == ["green-technical-standard"]
    assert {h["lang"] for h in get_json(client, "/api/search?q=rohs&lang=en&in=zh")["results"]} == {"zh"}


def test_search_pages(client, manager, corpus_dir):
    for n in range(12):
        write_doc(corpus_dir, f"gearbox-{n:02d}", "en", f"type: term\ntitle: Gearbox note {n}", "A gearbox.\n")
    manager.build(load_corpus(corpus_dir).documents)
    first = get_json(client, "/api/search?q=gearbox&lang=en")
    second = get_json(client, "/api/search?q=gearbox&lang=en&page=2")
    assert (first["total"], len(first["results"]), second["page"], len(second["results"])) == (12, 10, 2, 2)


def test_snippets_escape_everything_but_marks(client, manager, corpus_dir):
    write_doc(corpus_dir, "gearbox", "en", "type: term\ntitle: Gearbox", "If 3<4 & 5 the gearbox stops.\n")
    manager.build(load_corpus(corpus_dir).documents)
    snippet = get_json(client, "/api/search?q=stops&lang=en")["results"][0]["snippet"]
    assert "<mark>stops</mark>" in snippet and "3&lt;4 &amp; 5" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_search_answers_a_misspelling_with_the_respelling(client):
    data = get_json(client, "/api/search?q=recylcing&lang=en")
    assert data["corrected"] == "recycling" and data["results"][0]["id"] == "weee"


def test_search_offers_a_correction_when_the_respelling_finds_nothing_either(client):
    assert get_json(client, "/api/search?q=recylcing&lang=en&type=term")["did_you_mean"] == "recycling"


def test_unreadable_query_still_answers(client):
    data = get_json(client, '/api/search?q="unbalanced&lang=en')
    assert data["fallback"] is True and data["total"] == 0


def test_document_metadata_and_text(client):
    data = get_json(client, "/api/documents/en/rohs")
    assert (data["id"], data["lang"], data["type"], data["url"]) == ("rohs", "en", "regulation", "/en/rohs")
    assert data["meta"]["celex"] == "32011L0065" and data["meta"]["aliases"][0] == "RoHS"
    assert data["meta"]["sources"][0]["url"].startswith("https://eur-lex.europa.eu/")
    assert data["body"].startswith("The RoHS Directive restricts")
    assert data["other_versions"] == {"zh": "/zh/rohs"}
    section = data["sections"][1]
    assert (section["anchor"], section["heading"], section["level"]) == (
        "restricted-substances",
        "Restricted substances",
        2,
    )
    assert section["url"] == "/en/rohs#restricted-substances" and "(celex:32011L0065#art-4)" in section["markdown"]


def test_document_dates_are_iso_strings(client, manager, corpus_dir):
    write_doc(corpus_dir, "gearbox", "zh", "type: term\ntitle: 齿轮箱\nupdated: 2025-03-04", "齿轮箱传递动力。\n")
    manager.build(load_corpus(corpus_dir).documents)
    data = get_json(client, "/api/documents/zh/gearbox")
    assert data["meta"]["updated"] == "2025-03-04" and data["other_versions"] == {}


def test_document_under_a_former_id_redirects(client, manager, corpus_dir):
    write_doc(corpus_dir, "gearbox", "en", "type: term\ntitle: Gearbox\nredirect_from: [gear-box]", "A gearbox.\n")
    manager.build(load_corpus(corpus_dir).documents)
    response = client.get("/api/documents/en/gear-box")
    assert response.status_code == 301 and response.location.endswith("/api/documents/en/gearbox")


def test_suggestions(client):
    data = get_json(client, "/api/suggest?q=ro&lang=en")
    assert data["query"] == "ro" and data["lang"] == "en"
    first = data["suggestions"][0]
    assert (first["id"], first["url"], first["type_label"]) == ("rohs", "/en/rohs", "Regulation")
    assert set(first) >= {"text", "id", "lang", "type", "url"}


def test_chinese_suggestions(client):
    found = get_json(client, "/api/suggest?q=绿色&lang=zh")["suggestions"]
    assert {s["id"] for s in found} == {"green-trade-barrier", "green-technical-standard"}
    assert {s["url"] for s in found} == {"/zh/green-trade-barrier", "/zh/green-technical-standard"}
    assert {s["type_label"] for s in found} == {"壁垒形式"}


def test_empty_suggestion_query(client):
    assert get_json(client, "/api/suggest?lang=zh")["suggestions"] == []


@pytest.mark.parametrize("url", ["/api/search?q=rohs&lang=de", "/api/suggest?q=ro&lang=fr", "/api/documents/de/rohs"])
def test_bad_language_is_a_json_400(client, url):
    data = get_json(client, url, 400)
    assert data["status"] == 400 and data["error"] == "Bad Request" and "zh or en" in data["message"]


@pytest.mark.parametrize("url", ["/api/documents/en/no-such-page", "/api/no-such-endpoint"])
def test_unknown_is_a_json_404(client, url):
    data = get_json(client, url, 404)
    assert data["status"] == 404 and data["error"] == "Not Found"


def test_wrong_method_is_a_json_405(client):
    response = client.post("/api/search?q=rohs&lang=en")
    assert response.status_code == 405 and response.is_json and response.get_json()["status"] == 405
