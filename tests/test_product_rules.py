"""The finder's rules (corpus/products/rules.yaml) for products the catalogue does not list.

A table written before the rules were tuned: a product as an exporter would describe it through
the finder's questions, and the rules a compliance engineer expects to apply. Rows come in pairs
or families that differ in one answer, so each question is seen to change the answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.products import compose
from indexer.products.load import Catalogue, load_rules
from indexer.products.rules import QUESTION_DEFAULTS, evaluate, normalise_answers

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "corpus" / "products" / "rules.yaml"

# Every product placed on the EU market: chemicals in articles, POPs, packaging, liability, forced labour.
ALWAYS = {"reach", "pops", "ppwr", "pld", "forced-labour"}
# Electrical and electronic equipment up to 1,000 V AC / 1,500 V DC.
EEE = {"rohs", "weee"}

TABLE = [
    # product, answers, rules expected to apply beyond ALWAYS
    ("electric kettle", dict(power="mains", heats="yes", consumer="yes"), EEE | {"gpsr", "lvd", "emc", "heating"}),
    ("electric blanket", dict(power="mains", heats="yes", consumer="yes"), EEE | {"gpsr", "lvd", "emc", "heating"}),
    ("industrial drying oven", dict(power="mains", heats="yes", consumer="no"), EEE | {"lvd", "emc", "heating"}),
    (
        "hair dryer",
        dict(power="mains", heats="yes", motor="yes", consumer="yes"),
        EEE | {"gpsr", "lvd", "emc", "heating", "motors"},
    ),
    (
        "coffee machine",
        dict(power="mains", heats="yes", motor="yes", consumer="yes"),
        EEE | {"gpsr", "lvd", "emc", "heating", "motors"},
    ),
    ("corded vacuum cleaner", dict(power="mains", motor="yes", consumer="yes"), EEE | {"gpsr", "lvd", "emc", "motors"}),
    (
        "cordless vacuum cleaner with its charger",
        dict(power="both", motor="yes", consumer="yes"),
        EEE | {"gpsr", "lvd", "emc", "batteries", "motors"},
    ),
    (
        "robot vacuum cleaner with Wi-Fi",
        dict(power="both", motor="yes", radio="yes", internet="yes", consumer="yes"),
        EEE | {"gpsr", "red", "red-cyber", "cra", "batteries", "motors", "common-charger"},
    ),
    (
        "electric toothbrush with charging stand",
        dict(power="both", motor="yes", consumer="yes"),
        EEE | {"gpsr", "lvd", "emc", "batteries", "motors"},
    ),
    (
        "corded drill",
        dict(power="mains", motor="yes", machine="yes", consumer="yes"),
        EEE | {"gpsr", "emc", "machinery", "motors"},
    ),
    (
        "cordless drill",
        dict(power="battery", motor="yes", machine="yes", consumer="yes"),
        EEE | {"gpsr", "emc", "machinery", "batteries", "motors"},
    ),
    (
        "cordless lawn mower",
        dict(power="battery", motor="yes", machine="yes", consumer="yes"),
        EEE | {"gpsr", "emc", "machinery", "batteries", "motors"},
    ),
    (
        "professional cordless lawn mower",
        dict(power="battery", motor="yes", machine="yes", consumer="no"),
        EEE | {"emc", "machinery", "batteries", "motors"},
    ),
    (
        "e-scooter",
        dict(power="battery", motor="yes", machine="yes", consumer="yes"),
        EEE | {"gpsr", "emc", "machinery", "batteries", "motors"},
    ),
    (
        "e-scooter with an app over Bluetooth",
        dict(power="battery", motor="yes", machine="yes", radio="yes", consumer="yes"),
        EEE | {"gpsr", "red", "cra", "machinery", "batteries", "motors", "common-charger"},
    ),
    ("industrial electric motor", dict(power="mains", motor="yes", consumer="no"), EEE | {"lvd", "emc", "motors"}),
    (
        "industrial air compressor",
        dict(power="mains", motor="yes", machine="yes", consumer="no"),
        EEE | {"emc", "machinery", "motors"},
    ),
    (
        "6 kV medium-voltage compressor",
        dict(power="mains", voltage="hv", motor="yes", machine="yes", consumer="no"),
        {"emc", "machinery", "motors"},
    ),
    ("medium-voltage switchgear", dict(power="mains", voltage="hv", consumer="no"), {"emc"}),
    ("hydraulic hand-pumped press", dict(power="none", machine="yes", consumer="no"), {"machinery"}),
    (
        "industrial robot on Ethernet",
        dict(power="mains", motor="yes", machine="yes", internet="yes", consumer="no"),
        EEE | {"emc", "machinery", "motors", "cra"},
    ),
    (
        "Bluetooth speaker",
        dict(power="battery", radio="yes", consumer="yes"),
        EEE | {"gpsr", "red", "cra", "batteries", "common-charger"},
    ),
    ("wired battery speaker", dict(power="battery", consumer="yes"), EEE | {"gpsr", "emc", "batteries"}),
    (
        "Wi-Fi smart plug",
        dict(power="mains", radio="yes", internet="yes", consumer="yes"),
        EEE | {"gpsr", "red", "red-cyber", "cra"},
    ),
    ("mechanical timer plug", dict(power="mains", consumer="yes"), EEE | {"gpsr", "lvd", "emc"}),
    (
        "Wi-Fi camera on a 5 V adapter",
        dict(power="mains", voltage="elv", radio="yes", internet="yes", consumer="yes"),
        EEE | {"gpsr", "red", "red-cyber", "cra"},
    ),
    (
        "wired CCTV camera on Ethernet (PoE)",
        dict(power="mains", voltage="elv", internet="yes", consumer="no"),
        EEE | {"emc", "cra"},
    ),
    (
        "industrial PLC cabinet on Ethernet",
        dict(power="mains", internet="yes", consumer="no"),
        EEE | {"lvd", "emc", "cra"},
    ),
    (
        "smart TV",
        dict(power="mains", radio="yes", internet="yes", screen="yes", consumer="yes"),
        EEE | {"gpsr", "red", "red-cyber", "cra"},
    ),
    ("computer monitor", dict(power="mains", screen="yes", consumer="yes"), EEE | {"gpsr", "lvd", "emc"}),
    (
        "smartphone",
        dict(power="battery", radio="yes", internet="yes", screen="yes", consumer="yes"),
        EEE | {"gpsr", "red", "red-cyber", "cra", "batteries", "common-charger"},
    ),
    (
        "smartwatch",
        dict(power="battery", radio="yes", internet="yes", consumer="yes"),
        EEE | {"gpsr", "red", "red-cyber", "cra", "batteries", "common-charger"},
    ),
    (
        "game console",
        dict(power="mains", radio="yes", internet="yes", consumer="yes"),
        EEE | {"gpsr", "red", "red-cyber", "cra"},
    ),
    ("power bank", dict(power="battery", consumer="yes"), EEE | {"gpsr", "emc", "batteries"}),
    ("phone charger", dict(power="mains", consumer="yes"), EEE | {"gpsr", "lvd", "emc"}),
    ("mains LED lamp", dict(power="mains", light="yes", consumer="yes"), EEE | {"gpsr", "lvd", "emc", "erp-lighting"}),
    (
        "12 V LED strip with adapter",
        dict(power="mains", voltage="elv", light="yes", consumer="yes"),
        EEE | {"gpsr", "emc", "erp-lighting"},
    ),
    ("battery LED torch", dict(power="battery", light="yes", consumer="yes"), EEE | {"gpsr", "emc", "batteries"}),
    (
        "Wi-Fi smart bulb",
        dict(power="mains", light="yes", radio="yes", internet="yes", consumer="yes"),
        EEE | {"gpsr", "red", "red-cyber", "cra", "erp-lighting"},
    ),
    (
        "battery toy car",
        dict(power="battery", motor="yes", toy="yes", consumer="yes"),
        EEE | {"gpsr", "emc", "batteries", "motors", "toy-safety"},
    ),
    (
        "radio-controlled toy car",
        dict(power="battery", motor="yes", radio="yes", toy="yes", consumer="yes"),
        EEE | {"gpsr", "red", "red-cyber", "cra", "batteries", "motors", "toy-safety", "common-charger"},
    ),
    (
        "camera drone (not a toy)",
        dict(power="battery", motor="yes", radio="yes", consumer="yes"),
        EEE | {"gpsr", "red", "cra", "batteries", "motors", "common-charger"},
    ),
    (
        "toy with lights on batteries",
        dict(power="battery", light="yes", toy="yes", consumer="yes"),
        EEE | {"gpsr", "emc", "batteries", "toy-safety"},
    ),
    (
        "air-to-water heat pump with Wi-Fi",
        dict(power="mains", heats="yes", motor="yes", radio="yes", internet="yes", consumer="yes"),
        EEE | {"gpsr", "red", "red-cyber", "cra", "heating", "motors"},
    ),
    (
        "air-to-water heat pump without Wi-Fi",
        dict(power="mains", heats="yes", motor="yes", consumer="yes"),
        EEE | {"gpsr", "lvd", "emc", "heating", "motors"},
    ),
    (
        "solar inverter with Wi-Fi monitoring",
        dict(power="mains", radio="yes", internet="yes", consumer="no"),
        EEE | {"red", "red-cyber", "cra"},
    ),
    ("professional welding machine", dict(power="mains", heats="yes", consumer="no"), EEE | {"lvd", "emc", "heating"}),
    ("professional multimeter", dict(power="battery", consumer="no"), EEE | {"emc", "batteries"}),
]


@pytest.fixture(scope="module")
def rules():
    loaded = load_rules(RULES)
    assert [str(p) for p in loaded.problems] == []
    return loaded


def test_the_table_is_big_enough_to_mean_something():
    assert len(TABLE) >= 40


@pytest.mark.parametrize("product, answers, expected", TABLE, ids=[row[0] for row in TABLE])
def test_the_rules_give_what_a_compliance_engineer_expects(rules, product, answers, expected):
    outcome = evaluate(rules, normalise_answers(answers))
    assert outcome.applying_ids() == ALWAYS | expected


def summary(rules, answers):
    """What the reader sees change: the acts that apply and the WEEE category (a screen makes it 2)."""
    answer = compose(Catalogue([], {}, {}, [], rules), None, "en", answers)
    return {a.key for a in answer.applicable}, answer.weee


def test_every_question_changes_the_answer_for_some_product_of_the_table(rules):
    for question in rules.questions:
        changed = False
        for _, answers, _ in TABLE:
            base = summary(rules, answers)
            for value in question.values:
                if value != normalise_answers(answers)[question.id]:
                    changed |= summary(rules, {**answers, question.id: value}) != base
        assert changed, question.id


def test_a_screen_over_100_cm2_makes_it_weee_category_2(rules):
    assert summary(rules, dict(power="mains", screen="yes"))[1] == [2]
    assert summary(rules, dict(power="mains", screen="no"))[1] == [4, 5]


def test_an_act_that_does_not_apply_says_why(rules):
    outcome = evaluate(rules, normalise_answers(dict(power="mains", radio="yes", consumer="yes")))
    lvd = outcome.by_id()["lvd"]
    assert lvd.applies is False
    assert "2014/53/EU" in lvd.reason["en"] and "2014/53/EU" in lvd.reason["zh"]


def test_unanswered_questions_take_their_defaults(rules):
    assert normalise_answers({}) == QUESTION_DEFAULTS
    assert normalise_answers({"power": "battery"})["voltage"] == "elv"
    assert normalise_answers({"power": "mains"})["voltage"] == "lv"
    assert normalise_answers({"toy": "yes"})["consumer"] == "yes"
