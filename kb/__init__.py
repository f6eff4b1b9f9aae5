"""The knowledge base's web application: `create_app` wires configuration, the index and the views."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> "Flask":
    # Imported here, not at the top: `kb search` imports this package and must not pay for Flask.
    from flask import Flask

    app = Flask(
        __name__, instance_path=str(ROOT / "instance"), template_folder=str(ROOT / "templates"), static_folder="static"
    )
    app.config.from_mapping(
        CORPUS_DIR=os.environ.get("KB_CORPUS_DIR", str(ROOT / "corpus")),
        INDEX_DIR=os.environ.get("KB_INDEX_DIR", str(ROOT / "instance" / "index")),
        MAX_CONTENT_LENGTH=256 * 1024,  # request bodies (linkify texts); larger ones get 413
    )
    if test_config:
        app.config.update(test_config)
    app.json.ensure_ascii = False  # Chinese stays readable in API answers

    from kb import (
        api,
        commands,
        eping_cmd,
        errors,
        eurlex_cmd,
        i18n,
        knowledge,
        listings,
        pages,
        products,
        search_views,
        security,
        sitemaps,
        timeline,
        urls,
    )

    knowledge.init_app(app)
    commands.init_app(app)
    eurlex_cmd.init_app(app)
    eping_cmd.init_app(app)
    i18n.init_app(app)
    urls.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(search_views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(listings.bp)
    app.register_blueprint(sitemaps.bp)
    app.register_blueprint(products.bp)
    app.register_blueprint(timeline.bp)
    from kb import notifications  # /<lang>/notifications (WTO notifications imported from ePing)

    app.register_blueprint(notifications.bp)
    from kb import linking_api, linking_cmd  # kb linkify, kb check-links, POST /api/linkify

    linking_cmd.init_app(app)
    app.register_blueprint(linking_api.bp)
    return app
