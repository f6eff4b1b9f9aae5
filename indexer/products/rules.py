"""The finder's questions and the rules that turn their answers into acts, with reasons.

The questions are a contract of the site and the API (`/api/products?power=battery&radio=yes`), so
their ids and values are fixed here; their wording, and every rule, live in
corpus/products/rules.yaml (checked by `kb check`). A rule applies when all of its `when`
conditions hold and none of its `unless` conditions does; a rule that does not apply says why when
the file gives a reason (`otherwise`, or the `unless` that matched).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

YES_NO = ("yes", "no")
# question id -> its answers, in the order the form shows them
QUESTION_VALUES: dict[str, tuple[str, ...]] = {
    "power": ("mains", "battery", "both", "none"),
    "voltage": ("elv", "lv", "hv"),
    "radio": YES_NO,
    "internet": YES_NO,
    "heats": YES_NO,
    "motor": YES_NO,
    "light": YES_NO,
    "screen": YES_NO,
    "consumer": YES_NO,
    "machine": YES_NO,
    "toy": YES_NO,
}
QUESTION_DEFAULTS: dict[str, str] = {
    q: ("no" if values == YES_NO else values[0]) for q, values in QUESTION_VALUES.items()
}
QUESTION_DEFAULTS["voltage"] = "lv"


def default_voltage(power: str) -> str:
    """Mains equipment is low-voltage (50-1000 V AC) unless said otherwise; batteries are extra-low."""
    return "lv" if power in ("mains", "both") else "elv"


def invalid_answers(answers: Mapping[str, str]) -> list[str]:
    """`question=value` for every answer that is not one of the question's values (unknown keys are ignored)."""
    return [f"{q}={answers[q]}" for q in QUESTION_VALUES if q in answers and answers[q] not in QUESTION_VALUES[q]]


def normalise_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """Every question answered: the given (valid) answers, the rest by default; toys are for consumers."""
    given = {q: answers[q] for q in QUESTION_VALUES if q in answers and answers[q] in QUESTION_VALUES[q]}
    result = dict(QUESTION_DEFAULTS, **given)
    if "voltage" not in given:
        result["voltage"] = default_voltage(result["power"])
    if result["toy"] == "yes":
        result["consumer"] = "yes"
    return result


Condition = dict  # question id -> frozenset of accepted answers


def holds(condition: Condition, answers: Mapping[str, str]) -> bool:
    return all(answers.get(q) in values for q, values in condition.items())


@dataclass
class Rule:
    id: str
    act: str | None  # a corpus document id; None for a note (a rule the finder names but has no page for)
    reason: dict  # {zh, en}: why it applies
    obligations: list[dict] = field(default_factory=list)
    title: dict | None = None  # {zh, en}: the named instrument (acts) or the note's heading
    when: Condition = field(default_factory=dict)
    otherwise: dict | None = None  # why not, when `when` fails
    unless: list[tuple[Condition, dict]] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    line: int = 1
    named_only: bool = False  # for a listed product, only when its catalogue entry names the rule


@dataclass
class Question:
    id: str
    values: tuple[str, ...]
    text: dict  # {zh, en}
    labels: dict  # value -> {zh, en}
    help: dict | None = None


@dataclass
class RuleSet:
    questions: list[Question]
    rules: list[Rule]
    problems: list = field(default_factory=list)
    chapters: dict = field(default_factory=dict)  # HS chapter "85" -> {title: {zh, en}, answers: {...}}

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}


@dataclass
class Outcome:
    rule: Rule
    applies: bool
    reason: dict | None  # None: does not apply and there is nothing worth saying

    @property
    def id(self) -> str:
        return self.rule.id


@dataclass
class Evaluation:
    answers: dict
    outcomes: list[Outcome]

    def applying_ids(self) -> set[str]:
        return {o.id for o in self.outcomes if o.applies}

    def by_id(self) -> dict[str, Outcome]:
        return {o.id: o for o in self.outcomes}


def evaluate(rules: RuleSet, answers: Mapping[str, str]) -> Evaluation:
    """Every rule against complete answers (see normalise_answers)."""
    return Evaluation(dict(answers), [outcome(rule, answers) for rule in rules.rules])


def outcome(rule: Rule, answers: Mapping[str, str]) -> Outcome:
    if not holds(rule.when, answers):
        return Outcome(rule, False, rule.otherwise)
    for condition, reason in rule.unless:
        if holds(condition, answers):
            return Outcome(rule, False, reason)
    return Outcome(rule, True, rule.reason)
