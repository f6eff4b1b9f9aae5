"""Article citations on a regulation page ("Article 4", "Annex II", "第4条", "附件II") linked to that
article of the act's imported full text. The one place that recognises such citations.

Only citations of the page's own act are linked: "Article 5 of Directive 2009/125/EC" or
"《生态设计指令》第5条" name another act and stay text. A citation is linked only when the imported
text has that anchor, so a link never lands on a missing part.
"""

from __future__ import annotations

import re

from bs4 import NavigableString

from indexer.eurlex.classify import roman, zh_number

SKIP_PARENTS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "button"}
ZH_DIGITS = "零一二三四五六七八九十百"
CITATION = re.compile(
    r"(?P<en_art>\bArticle\s+(?P<art>\d{1,3}[a-z]?)\b(?:\(\d+\))*)"
    r"|(?P<en_anx>\bAnnex\s+(?P<anx>[IVXL]{1,6}[a-z]?)\b)"
    rf"|(?P<zh_art>第\s*(?P<zart>[\d{ZH_DIGITS}]{{1,6}})\s*条)"
    rf"|(?P<zh_anx>附件\s*(?P<zanx>[IVXL]{{1,6}}|[{ZH_DIGITS}]{{1,4}}|\d{{1,2}})(?![\dIVXL]))"
)
# "... of Directive 2009/125/EC", "... of the Ecodesign Regulation" (but "of this Regulation" is ours)
OTHER_ACT_AFTER = re.compile(r"^\s+(?:of|to|in)\s+(?!this\b)(?:the\s+)?(?:[A-Z(]|\d{2,4}/)")
OTHER_ACT_BEFORE_ZH = re.compile(r"(》|\d{2,4}/\d+(?:/\w+)?|条例|指令|决定)\s*$")


def anchor_of(match: re.Match) -> str:
    """The anchor of the cited part in the imported text: art-4, anx-ii."""
    if match.group("art"):
        return f"art-{match.group('art')}"
    if match.group("anx"):
        return f"anx-{match.group('anx').lower()}"
    if match.group("zart"):
        return f"art-{zh_number(match.group('zart'))}"
    number = match.group("zanx")
    return f"anx-{number.lower() if re.match('[IVXL]', number) else roman(zh_number(number))}"


def cites_this_act(text: str, match: re.Match, numbers=()) -> bool:
    """False when the citation names another act; an act named by one of `numbers` (this
    act's own, "2011/65/EU") is this one."""
    if match.group("en_art") or match.group("en_anx"):
        after = text[match.end() :]
        return not OTHER_ACT_AFTER.match(after) or _names(after[:60], numbers)
    before = text[: match.start()]
    return not OTHER_ACT_BEFORE_ZH.search(before) or _names(before[-30:], numbers)


def _names(text: str, numbers) -> bool:
    return any(re.search(rf"(?<![\d/]){re.escape(n)}(?![\d/])", text) for n in numbers if n)


def link_articles(soup, anchors: set[str], url_of, numbers=()) -> int:
    """Link the citations in the page's text; `url_of(anchor)` is the imported article's
    address, `numbers` the act's own numbers. Returns how many were linked."""
    linked = 0
    for node in list(soup.find_all(string=CITATION)):
        if any(parent.name in SKIP_PARENTS for parent in node.parents):
            continue
        text, pieces, last = str(node), [], 0
        for match in CITATION.finditer(text):
            anchor = anchor_of(match)
            if anchor not in anchors or not cites_this_act(text, match, numbers):
                continue
            link = soup.new_tag("a", href=url_of(anchor))
            link["class"] = "article-link"
            link.string = match.group(0)
            pieces += [NavigableString(text[last : match.start()]), link]
            last = match.end()
        if pieces:
            pieces.append(NavigableString(text[last:]))
            for piece in pieces:
                node.insert_before(piece)
            node.extract()
            linked += len(pieces) // 2
    return linked
