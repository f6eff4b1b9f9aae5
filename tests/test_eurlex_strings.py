"""The interface strings of the EUR-Lex pages (versions, what changed) live in kb/i18n.py like
every other view's, in both languages; no module adds strings of its own at import time."""

from __future__ import annotations

import re

from kb.i18n import STRINGS
from tests.conftest import ROOT

EURLEX_TEMPLATES = ("act_versions.html", "act_changes.html", "regulation_versions.html", "listing_regulations.html")
TEMPLATE_KEY = re.compile(r"\bt\('([a-z0-9_]+)'\s*[,)]")


def test_every_string_of_the_eurlex_templates_is_in_both_languages():
    keys = {k for name in EURLEX_TEMPLATES for k in TEMPLATE_KEY.findall((ROOT / "templates" / name).read_text())}
    keys |= {f"change_{kind}" for kind in ("added", "removed", "changed")}  # t('change_' ~ c.kind)
    keys |= {f"version_{v}" for v in ("adopted", "consolidated", "corrigendum")}  # label('version', ...)
    assert keys >= {"act_versions", "what_changed", "changes_intro", "compare"}
    missing = sorted(k for k in keys if not all(STRINGS.get(k, {}).get(lang) for lang in ("zh", "en")))
    assert missing == []


def test_only_the_i18n_module_holds_interface_strings():
    adders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "kb").glob("*.py"))
        if path.name != "i18n.py" and re.search(r"STRINGS\s*(\.update\(|\[[^]]+\]\s*=|\|=)", path.read_text())
    ]
    assert adders == []
