"""Document ids the site's own routes take: schema_rules.RESERVED_IDS is checked against the app's URL map."""

from indexer.corpus.schema_rules import RESERVED_IDS
from kb import create_app


def route_words(app) -> set[str]:
    """Literal words a route puts where a document's id goes (/<lang>/<doc_id>): /<lang>/search,
    /<lang>/timeline.ics (-> timeline), ..."""
    words = set()
    for rule in app.url_map.iter_rules():
        parts = rule.rule.strip("/").split("/")
        if len(parts) > 1 and parts[0] == "<lang>" and not parts[1].startswith("<"):
            words.add(parts[1].split(".")[0])
    return words


def test_every_word_a_route_takes_from_document_ids_is_reserved(tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")})
    words = route_words(app)
    assert {"search", "products", "timeline", "regulations"} <= words  # the URL map was read
    assert words - RESERVED_IDS == set()
