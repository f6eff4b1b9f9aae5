"""Reading and checking corpus/products/catalogue.yaml and rules.yaml.

Every problem is reported at once as `file:line: message`; `kb check` and `kb build` print them
with the corpus's own. The formats are described in corpus/products/README.md.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from indexer.corpus.sections import SLUG
from indexer.products.rules import QUESTION_VALUES, YES_NO, Question, Rule, RuleSet, default_voltage, normalise_answers
from indexer.products.yamlines import LANGS, Reporter, check_sources, display_name, is_text, line_of, read_yaml

CATALOGUE = Path("products") / "catalogue.yaml"
RULES = Path("products") / "rules.yaml"
HS_CODE = re.compile(r"^[0-9]{4}(\.?[0-9]{2})?$")
WEEE_CATEGORIES = range(1, 7)
# A category's `traits` list: each word answers one question.
POWER_TRAITS = {"mains", "battery", "both", "unpowered"}  # both: a battery and a mains charger or dock
VOLTAGE_TRAITS = {"elv", "lv", "hv"}
FLAG_TRAITS = {q for q, values in QUESTION_VALUES.items() if values == YES_NO}


@dataclass
class Entry:
    """One act entry of a category: its own act, or an override of a rule (`rule: <id>`)."""

    key: str  # the rule id it overrides, or its own id
    act: str | None
    applies: bool
    reason: dict | None
    obligations: list[dict] = field(default_factory=list)
    title: dict | None = None  # the named instrument
    when: dict = field(default_factory=dict)
    overrides: bool = False
    sets_applies: bool = True  # False: an override that only rewords the rule, whose outcome stands


@dataclass(eq=False)  # identity: categories are looked up and deduplicated as objects
class Category:
    id: str
    group: str
    names: dict
    synonyms: dict
    hs: list[str]  # canonical: "8418" or "8418.10"
    weee: list[int]
    traits: dict  # question -> answer, as the catalogue describes the typical product
    entries: list[Entry]
    notes: list[dict]
    sources: list[dict]
    tells: dict | None = None  # {zh, en}: what tells it apart from similar products
    line: int = 1
    explicit: frozenset = frozenset()  # questions its traits answer explicitly (voltage)

    def all_names(self) -> list[str]:
        return [self.names[lang] for lang in LANGS] + [s for lang in LANGS for s in self.synonyms.get(lang, [])]

    def answers(self, refinements: dict | None = None) -> dict:
        """The questions answered as the catalogue describes the product, then as the reader refined them."""
        given = dict(self.traits, **(refinements or {}))
        if "voltage" not in given or (
            refinements and "power" in refinements and "voltage" not in refinements and "voltage" not in self.explicit
        ):
            given["voltage"] = default_voltage(given["power"])
        return normalise_answers(given)


@dataclass
class Catalogue:
    categories: list[Category]
    groups: dict  # id -> {zh, en}
    weee_categories: dict  # 1..6 -> {zh, en}
    problems: list
    rules: RuleSet = field(default_factory=lambda: RuleSet([], []))
    # Named groups that key dates may scope to (`group:<slug>`): slug -> {zh, en, categories: [ids]}
    scope_groups: dict = field(default_factory=dict)

    def group_members(self) -> dict[str, tuple]:
        """slug -> category ids: those the group lists, and those one of its `rules` applies to."""
        return self._group_members

    @functools.cached_property
    def _group_members(self) -> dict[str, tuple]:
        from indexer.products import compose  # composing answers lives there, and that module imports this one

        applying = {c.id: {a.key for a in compose(self, c, "en").applicable} for c in self.categories}
        return {
            slug: tuple(
                dict.fromkeys(
                    [
                        *(g.get("categories") or ()),
                        *(cid for cid, keys in applying.items() if keys & set(g.get("rules") or ())),
                    ]
                )
            )
            for slug, g in self.scope_groups.items()
        }

    def groups_of(self, product) -> set[str]:
        """The scope groups an answer belongs to: by its category, or by the rules that apply to it
        (so an unlisted product, or one refined 'with Wi-Fi', gets the radio-equipment dates)."""
        keys = {a.key for a in product.applicable}
        category_id = product.category.id if product.category else None
        return {
            slug
            for slug, g in self.scope_groups.items()
            if keys & set(g.get("rules") or ()) or category_id in (g.get("categories") or ())
        }

    @functools.cached_property
    def by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @functools.cached_property
    def by_code(self) -> dict[str, list[Category]]:
        """HS digits ("841810", "8458") -> the categories listing that code."""
        index: dict[str, list[Category]] = {}
        for category in self.categories:
            for code in category.hs:
                index.setdefault(code.replace(".", ""), []).append(category)
        return index

    @functools.cached_property
    def names(self):
        from indexer.products.match import NameIndex

        return NameIndex(self.categories)


def catalogue_path(corpus_dir) -> Path:
    return Path(corpus_dir) / CATALOGUE


def rules_path(corpus_dir) -> Path:
    return Path(corpus_dir) / RULES


def check_catalogue(corpus_dir, documents) -> list:
    """Problems of the corpus's catalogue and rules (none when it has no catalogue), for `kb check`."""
    path = catalogue_path(corpus_dir)
    if not path.is_file():
        return []
    return load_catalogue(path, {d.id for d in documents}, root=Path(corpus_dir)).problems


def format_hs(digits: str) -> str:
    return digits if len(digits) <= 4 else f"{digits[:4]}.{digits[4:6]}"


# -- rules ----------------------------------------------------------------------------------------


def load_rules(path, document_ids: set | None = None, root: Path | None = None) -> RuleSet:
    path = Path(path)
    report = Reporter(display_name(path, root))
    if not path.is_file():
        report(1, "the rules file is missing (the finder needs it to answer for unlisted products)")
        return RuleSet([], [], report.problems)
    data = read_yaml(path, report)
    if data is None:
        return RuleSet([], [], report.problems)
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("questions"), dict)
        or not isinstance(data.get("rules"), list)
    ):
        report(1, "the rules file must be a mapping with a 'questions' mapping and a 'rules' list")
        return RuleSet([], [], report.problems)
    questions = _questions(data["questions"], report)
    rules, seen = [], {}
    for item in data["rules"]:
        rule = _rule(item, report, document_ids)
        if rule is None:
            continue
        if rule.id in seen:
            report(rule.line, f"duplicate rule id '{rule.id}' (first on line {seen[rule.id]})")
            continue
        seen[rule.id] = rule.line
        rules.append(rule)
    return RuleSet(questions, rules, report.problems, _chapters(data.get("chapters") or {}, report))


def _chapters(found, report) -> dict:
    """HS chapter -> its title and the answers its products usually give (the form starts from them)."""
    chapters = {}
    if not isinstance(found, dict):
        report(1, "chapters must map two-digit HS chapters to {title, answers}")
        return chapters
    for code, item in found.items():
        code = f"{code:02d}" if isinstance(code, int) else str(code)
        line = line_of(found, code) if code in found else line_of(found)
        if not re.fullmatch(r"[0-9]{2}", code) or not isinstance(item, dict) or not is_text(item.get("title")):
            report(line, f"chapter {code!r}: needs a two-digit code and a title in zh and en")
            continue
        answers = {}
        for qid, value in (item.get("answers") or {}).items():
            word = _answer_word(value)
            if qid not in QUESTION_VALUES or word not in QUESTION_VALUES[qid]:
                report(
                    line_of(item.get("answers"), qid), f"chapter {code}: {qid}: {word} is not an answer of the finder"
                )
            else:
                answers[qid] = word
        chapters[code] = {"title": item["title"], "answers": answers}
    return chapters


def _questions(found, report) -> list[Question]:
    questions = []
    for qid, values in QUESTION_VALUES.items():
        item = found.get(qid)
        if not isinstance(item, dict) or not is_text(item.get("text")):
            report(
                line_of(found, qid) if qid in found else line_of(found), f"question '{qid}' needs a text in zh and en"
            )
            continue
        labels = item.get("labels") or {}
        labels = {_answer_word(k): v for k, v in labels.items()} if isinstance(labels, dict) else {}
        missing = [v for v in values if not is_text(labels.get(v))]
        if missing:
            report(line_of(item, "labels"), f"question '{qid}' needs labels in zh and en for {', '.join(missing)}")
            continue
        help_text = item.get("help")
        if help_text is not None and not is_text(help_text):
            report(line_of(item, "help"), f"question '{qid}': help needs zh and en")
        questions.append(Question(qid, values, item["text"], labels, help_text if is_text(help_text) else None))
    for qid in found:
        if qid not in QUESTION_VALUES:
            report(line_of(found, qid), f"'{qid}' is not a question of the finder ({', '.join(QUESTION_VALUES)})")
    return questions


def _answer_word(value) -> str:
    # YAML 1.1 reads unquoted yes/no as booleans; the finder's answers are the words.
    return {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else str(value)


def _condition(value, line, report, owner) -> dict | None:
    if not isinstance(value, dict) or not value:
        report(line, f"{owner}: a condition maps questions to answers, e.g. {{power: [mains, both], radio: yes}}")
        return None
    condition = {}
    for qid, answers in value.items():
        answers = answers if isinstance(answers, list) else [answers]
        words = [_answer_word(a) for a in answers]
        if qid not in QUESTION_VALUES:
            report(line_of(value, qid), f"{owner}: '{qid}' is not a question ({', '.join(QUESTION_VALUES)})")
            return None
        bad = [w for w in words if w not in QUESTION_VALUES[qid]]
        if bad or not words:
            report(
                line_of(value, qid),
                f"{owner}: {qid} has no answer {', '.join(bad) or '(none)'}; "
                f"answers are {', '.join(QUESTION_VALUES[qid])}",
            )
            return None
        condition[qid] = frozenset(words)
    return condition


def _texts(value) -> list[dict] | None:
    return value if isinstance(value, list) and value and all(is_text(v) for v in value) else None


def _rule(item, report, document_ids) -> Rule | None:
    if not isinstance(item, dict):
        report(1, "each rule must be a mapping (id, act or title, when, reason, obligations, sources)")
        return None
    line = line_of(item)
    rid = item.get("id")
    if not isinstance(rid, str) or not SLUG.match(rid):
        report(line_of(item, "id"), f"rule id {rid!r} is not a slug (lower-case letters, digits, '-')")
        return None
    act, title = item.get("act"), item.get("title")
    if act is None and not is_text(title):
        report(line, f"rule {rid}: a note (a rule without act) needs a title in zh and en")
    if act is not None and document_ids is not None and act not in document_ids:
        report(line_of(item, "act"), f"rule {rid}: act '{act}' is not a document of the corpus")
    if title is not None and not is_text(title):
        report(line_of(item, "title"), f"rule {rid}: title needs zh and en")
    if not is_text(item.get("reason")):
        report(
            line_of(item, "reason") if "reason" in item else line,
            f"rule {rid}: needs a reason in zh and en (why it applies)",
        )
    obligations = _texts(item.get("obligations"))
    if obligations is None:
        report(
            line_of(item, "obligations") if "obligations" in item else line,
            f"rule {rid}: needs obligations, a list of {{zh, en}} (the first is the first step)",
        )
    when = _condition(item["when"], line_of(item, "when"), report, f"rule {rid}") if "when" in item else {}
    otherwise = item.get("otherwise")
    if otherwise is not None and not is_text(otherwise):
        report(line_of(item, "otherwise"), f"rule {rid}: otherwise needs zh and en")
    unless = []
    for case in item.get("unless") or []:
        if not isinstance(case, dict) or not is_text(case.get("reason")):
            report(
                line_of(case) if isinstance(case, dict) else line_of(item, "unless"),
                f"rule {rid}: each 'unless' needs 'if' (a condition) and a reason in zh and en",
            )
            continue
        condition = _condition(case.get("if"), line_of(case, "if"), report, f"rule {rid}")
        if condition:
            unless.append((condition, case["reason"]))
    sources = check_sources(
        item.get("sources"),
        line_of(item, "sources") if "sources" in item else line,
        report,
        document_ids,
        f"rule {rid}",
    )
    if not sources:
        report(line_of(item, "sources") if "sources" in item else line, f"rule {rid}: needs at least one source")
    if None in (when,):
        return None
    return Rule(
        rid,
        act,
        item.get("reason") if is_text(item.get("reason")) else {"zh": "", "en": ""},
        obligations or [],
        title if is_text(title) else None,
        when or {},
        otherwise if is_text(otherwise) else None,
        unless,
        sources,
        line,
        item.get("named_only") is True,
    )


# -- catalogue ------------------------------------------------------------------------------------


def load_catalogue(
    path, document_ids: set | None = None, root: Path | None = None, rules: RuleSet | None = None
) -> Catalogue:
    """Read and check the catalogue and the rules beside it; `document_ids` (when given) is what
    act ids must resolve to."""
    path = Path(path)
    report = Reporter(display_name(path, root))
    if rules is None:
        rules = load_rules(path.parent / RULES.name, document_ids, root)
    data = read_yaml(path, report)
    if data is None:
        return Catalogue([], {}, {}, rules.problems + report.problems, rules)
    if not isinstance(data, dict) or not isinstance(data.get("categories"), list):
        report(1, "the catalogue must be a mapping with a 'categories' list")
        return Catalogue([], {}, {}, rules.problems + report.problems, rules)
    groups = _bilingual_map(data, "groups", report)
    weee = _bilingual_map(data, "weee_categories", report)
    if set(weee) != set(WEEE_CATEGORIES):
        report(line_of(data, "weee_categories"), "weee_categories must name categories 1 to 6")
    common = data.get("common") or {}
    reader = _Reader(report, groups, common, document_ids, rules)
    categories = [c for c in (reader.category(item) for item in data["categories"]) if c]
    scope_groups = _scope_groups(data, {c.id for c in categories}, set(rules.by_id()), report)
    return Catalogue(categories, groups, weee, rules.problems + report.problems, rules, scope_groups)


def _scope_groups(data, category_ids, rule_ids, report) -> dict:
    """Optional `scope_groups`: labels of the groups key dates name, and who is in each: the
    categories listed and the products one of the group's `rules` applies to."""
    if "scope_groups" not in data:
        return {}
    found = _bilingual_map(data, "scope_groups", report)
    for slug, group in found.items():
        for key, known, what in (("categories", category_ids, "category id"), ("rules", rule_ids, "rule id")):
            members = group.get(key, []) if isinstance(group, dict) else []
            if not isinstance(members, list):
                report(line_of(found, slug), f"scope_groups.{slug}.{key} must be a list of {what}s")
                continue
            for member in members:
                if member not in known:
                    report(line_of(group), f"scope_groups.{slug}: '{member}' is not a {what}")
    return found


def _bilingual_map(data, key, report) -> dict:
    found = data.get(key)
    if not isinstance(found, dict):
        report(line_of(data, key), f"'{key}' must map ids to {{zh: ..., en: ...}}")
        return {}
    for k, value in found.items():
        if not is_text(value):
            report(line_of(found, k), f"{key}.{k} needs non-empty zh and en text")
    return dict(found)


class _Reader:
    """Turns one YAML category into a Category, reporting every problem it meets."""

    def __init__(self, report, groups, common, document_ids, rules: RuleSet):
        self.report, self.groups, self.common, self.document_ids = report, groups, common, document_ids
        self.rule_ids = {r.id for r in rules.rules}
        self.seen: dict[str, int] = {}

    def category(self, item) -> Category | None:
        if not isinstance(item, dict):
            self.report(1, "each category must be a mapping (id, names, hs, traits, ...)")
            return None
        at = lambda key=None: line_of(item, key)  # noqa: E731
        cid = item.get("id")
        if not isinstance(cid, str) or not SLUG.match(cid):
            self.report(at("id"), f"category id {cid!r} is not a slug (lower-case letters, digits, '-')")
            return None
        if cid in self.seen:
            self.report(at("id"), f"duplicate category id '{cid}' (first on line {self.seen[cid]})")
        self.seen.setdefault(cid, at("id"))
        if item.get("group") not in self.groups:
            self.report(at("group"), f"{cid}: group {item.get('group')!r} is not one of {', '.join(self.groups)}")
        if not is_text(item.get("names")):
            self.report(at("names"), f"{cid}: names needs non-empty zh and en")
        notes = item.get("notes") or []
        for note in notes if isinstance(notes, list) else [None]:
            if not is_text(note):
                self.report(at("notes"), f"{cid}: each note needs non-empty zh and en")
        tells = item.get("tells")
        if tells is not None and not is_text(tells):
            self.report(at("tells"), f"{cid}: tells needs zh and en")
        traits, explicit = self._traits(item, cid)
        entries = [e for e in (self.entry(x, cid) for x in (item.get("acts") or [])) if e]
        sources = check_sources(item.get("sources") or [], at("sources"), self.report, self.document_ids, cid)
        if any(not e.overrides or e.reason for e in entries) and not sources:
            self.report(at(), f"{cid}: its own act entries need sources (the measures they name)")
        category = Category(
            cid,
            item.get("group"),
            dict(item.get("names") or {}),
            self._synonyms(item, cid),
            self._hs(item, cid),
            self._weee(item, cid),
            traits,
            entries,
            [n for n in notes if is_text(n)] if isinstance(notes, list) else [],
            sources,
            tells if is_text(tells) else None,
            at(),
            frozenset(explicit),
        )
        return category

    def _traits(self, item, cid) -> tuple[dict, set]:
        words = item.get("traits")
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            self.report(
                line_of(item, "traits") if "traits" in item else line_of(item),
                f"{cid}: traits must be a list of words: mains, battery, both or unpowered; elv, lv or hv; "
                f"and any of {', '.join(sorted(FLAG_TRAITS))}",
            )
            return {}, set()
        unknown = [w for w in words if w not in POWER_TRAITS | VOLTAGE_TRAITS | FLAG_TRAITS]
        if unknown:
            self.report(line_of(item, "traits"), f"{cid}: unknown trait {', '.join(unknown)}")
        power = {w for w in words if w in POWER_TRAITS}
        if "both" in power:
            power |= {"mains", "battery"}
        voltage = [w for w in words if w in VOLTAGE_TRAITS]
        if "unpowered" in power and len(power) > 1 or len(voltage) > 1:
            self.report(line_of(item, "traits"), f"{cid}: traits contradict each other ({', '.join(words)})")
        traits = {q: "no" for q in FLAG_TRAITS}
        traits.update({w: "yes" for w in words if w in FLAG_TRAITS})
        traits["power"] = (
            "both"
            if {"mains", "battery"} <= power
            else "battery"
            if "battery" in power
            else "none"
            if "unpowered" in power
            else "mains"
        )
        explicit = set()
        if voltage:
            traits["voltage"] = voltage[0]
            explicit.add("voltage")
        return traits, explicit

    def entry(self, entry, cid) -> Entry | None:
        if not isinstance(entry, dict):
            self.report(1, f"{cid}: each act entry must be a mapping (act or rule or use, reason, obligations)")
            return None
        line = line_of(entry)
        if "use" in entry:
            if entry["use"] not in self.common:
                self.report(line, f"{cid}: 'use: {entry['use']}' names no entry of 'common'")
                return None
            entry = {**self.common[entry["use"]], **{k: v for k, v in entry.items() if k != "use"}}
        overrides = "rule" in entry
        key = entry.get("rule") if overrides else entry.get("id") or entry.get("act")
        if overrides and key not in self.rule_ids:
            self.report(line, f"{cid}: 'rule: {key}' names no rule of rules.yaml")
            return None
        act, applies = entry.get("act"), entry.get("applies", True)
        if not overrides:
            if not isinstance(act, str):
                self.report(line, f"{cid}: an act entry needs 'act' (a document id) or 'rule' (a rule to override)")
                return None
            if self.document_ids is not None and act not in self.document_ids:
                self.report(line, f"{cid}: act '{act}' is not a document of the corpus")
            if not is_text(entry.get("reason")):
                self.report(line, f"{cid}: act '{act}' needs a reason in zh and en (why it applies or does not)")
        elif "reason" in entry and not is_text(entry["reason"]):
            self.report(line, f"{cid}: the reason overriding rule '{key}' needs zh and en")
        if not isinstance(applies, bool):
            self.report(line, f"{cid}: applies must be true or false")
        if overrides and applies is False and not is_text(entry.get("reason")):
            self.report(line, f"{cid}: rule '{key}' is set not to apply, so say why (reason in zh and en)")
        obligations = entry.get("obligations")
        if obligations is not None and _texts(obligations) is None:
            self.report(line, f"{cid}: obligations of '{key}' must be a list of {{zh, en}}")
        if not overrides and applies is True and not _texts(obligations):
            self.report(line, f"{cid}: act '{act}' applies, so it needs obligations, each in zh and en")
        title = entry.get("instrument")
        if title is not None and not is_text(title):
            self.report(line, f"{cid}: instrument of '{key}' needs zh and en")
        when = {}
        if "when" in entry:
            when = _condition(entry["when"], line_of(entry, "when"), self.report, cid) or {}
        return Entry(
            str(key),
            act,
            applies is not False,
            entry.get("reason") if is_text(entry.get("reason")) else None,
            _texts(obligations) or [],
            title if is_text(title) else None,
            when,
            overrides,
            "applies" in entry or not overrides,
        )

    def _synonyms(self, item, cid) -> dict:
        synonyms = item.get("synonyms") or {}
        ok = isinstance(synonyms, dict) and all(
            isinstance(synonyms.get(lang, []), list)
            and all(isinstance(s, str) and s.strip() for s in synonyms.get(lang, []))
            for lang in LANGS
        )
        if not ok:
            self.report(line_of(item, "synonyms"), f"{cid}: synonyms must be {{zh: [...], en: [...]}} lists of text")
            return {lang: [] for lang in LANGS}
        return {lang: list(synonyms.get(lang, [])) for lang in LANGS}

    def _hs(self, item, cid) -> list[str]:
        codes = item.get("hs")
        if not isinstance(codes, list) or not codes:
            self.report(line_of(item, "hs") if "hs" in item else line_of(item), f"{cid}: 'hs' must be a non-empty list")
            return []
        found = []
        for code in codes:
            if not isinstance(code, str):
                self.report(
                    line_of(item, "hs"),
                    f"{cid}: HS code {code!r} must be a quoted string ('8418.10'): unquoted, YAML reads it as a number",
                )
            elif not HS_CODE.match(code):
                self.report(line_of(item, "hs"), f"{cid}: HS code '{code}' is not 4 or 6 digits (8418, 8418.10)")
            else:
                found.append(format_hs(code.replace(".", "")))
        return found

    def _weee(self, item, cid) -> list[int]:
        if "weee" not in item:
            self.report(line_of(item), f"{cid}: weee is missing: a category 1-6, a list of them, or null for none")
            return []
        value = item["weee"]
        values = [] if value is None else value if isinstance(value, list) else [value]
        if not all(isinstance(v, int) and not isinstance(v, bool) and v in WEEE_CATEGORIES for v in values):
            self.report(line_of(item, "weee"), f"{cid}: weee {value!r} is not a WEEE category 1-6 (or null for none)")
            return []
        return sorted(values)
