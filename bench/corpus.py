"""A synthetic bilingual corpus for the benchmarks, in the real corpus format (corpus/README.md).

The vocabulary comes from the shipped corpus (its Chinese words as our segmenter cuts them, its
English words, its legal identifiers) plus generated words for a long tail, drawn with a Zipf
spread. Each document belongs to a topic with its own favourite words, so passages differ the way
real pages do instead of all sharing the same few words. The seed is fixed: the same command
writes the same files.

    python bench/corpus.py --passages 10000 --out bench/out/c10k
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections import Counter
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.analysis.analysis import CJK, segmenter_for  # noqa: E402
from indexer.corpus.corpus import load_corpus  # noqa: E402
from indexer.engine.schema import domain_words  # noqa: E402

CJK_RUN = re.compile(f"[{CJK}]+")
EN_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")  # two letters or more: CE, EU, RoHS
IDENTIFIER = re.compile(r"\b(?:[0-9]{4}/[0-9]{1,4}/(?:EU|EC|EEC)|3[12][0-9]{3}[LRD][0-9]{4}|GB/T [0-9]{4,5})\b")
SYLLABLES = "ba co de fi gu ha ke li mo nu pra ste tri vo zen tion ment able ing er ic al ous ive".split()
TYPES = ("regulation", "term", "countermeasure", "barrier-form")
ZH_PASSAGE, EN_PASSAGE = 2730, 770  # characters: ~2,000 a passage on average, ~60% of them Chinese
TOPIC_SHARE = 0.35  # of a passage's words drawn from its topic's own words


class Vocabulary:
    """Words of one language ranked by frequency, sampled with a Zipf (1/rank) spread."""

    def __init__(self, words: list[str]):
        self.words = words
        total, self.cum = 0.0, []
        for rank in range(1, len(words) + 1):
            total += 1.0 / rank
            self.cum.append(total)

    def draw(self, rng: Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)


def real_vocabulary(corpus_dir: Path):
    """Chinese words, English words and identifiers of the shipped corpus, most frequent first."""
    documents = load_corpus(corpus_dir).documents
    segmenter = segmenter_for(tuple(domain_words(documents)))
    zh, en, ids = Counter(), Counter(), Counter()
    for doc in documents:
        text = "\n".join([doc.title] + [s.text for s in doc.sections])
        ids.update(IDENTIFIER.findall(text))
        en.update(EN_WORD.findall(text))
        for run in CJK_RUN.findall(text):
            zh.update(segmenter.lcut(run, HMM=True))
    ranked = lambda counter: [w for w, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]  # noqa: E731
    return ranked(zh), ranked(en), ranked(ids)


def generated_words(rng: Random, zh_chars: list[str], n: int):
    """Invented Chinese and English words for the rare end of the vocabulary."""
    zh = {"".join(rng.choices(zh_chars, k=rng.choice((2, 2, 3, 4)))) for _ in range(n)}
    en = {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(n)}
    ids = [f"{rng.randint(2000, 2024)}/{rng.randint(1, 999)}/EU" for _ in range(n // 50)]
    ids += [f"3{rng.randint(2000, 2024)}{rng.choice('LR')}{rng.randint(1, 9999):04d}" for _ in range(n // 50)]
    return zh, en, ids


class Writer:
    def __init__(self, seed: int, corpus_dir: Path, tail: int):
        self.rng = Random(seed)
        zh, en, ids = real_vocabulary(corpus_dir)
        chars = sorted({c for w in zh for c in w})
        gen_zh, gen_en, self.new_ids = generated_words(self.rng, chars, tail)
        self.zh = Vocabulary(zh + sorted(set(gen_zh) - set(zh)))
        self.en = Vocabulary(en + sorted(set(gen_en) - set(en)))
        self.ids = Vocabulary(ids)  # the acts the corpus cites most are cited by many topics

    def topic(self) -> dict:
        """A topic: its own words of each language and its identifiers."""
        pick = lambda vocab: Vocabulary(self.rng.sample(vocab.words[20:], 150))  # noqa: E731
        ids = self.ids.draw(self.rng, 2) + self.rng.sample(self.new_ids, 2)
        return {"zh": pick(self.zh), "en": pick(self.en), "ids": ids}

    def words(self, lang: str, topic: dict, k: int) -> list[str]:
        own = round(k * TOPIC_SHARE)
        words = topic[lang].draw(self.rng, own) + getattr(self, lang).draw(self.rng, k - own)
        self.rng.shuffle(words)
        return words

    def sentence(self, lang: str, topic: dict) -> str:
        words = self.words(lang, topic, self.rng.randint(8, 20))
        if self.rng.random() < 0.1:  # identifiers and terms of the other language, as real pages have
            words.insert(self.rng.randrange(len(words)), self.rng.choice(topic["ids"]))
        if lang == "zh":
            for i in range(len(words)):
                if self.rng.random() < 0.02:
                    words[i] = f" {self.en.draw(self.rng, 1)[0]} "
            cut = self.rng.randint(3, len(words))
            return "".join(words[:cut]) + "，" + "".join(words[cut:]) + "。"
        if self.rng.random() < 0.5:
            words.append(f"（{''.join(self.zh.draw(self.rng, 2))}）")
        text = " ".join(words)
        return text[:1].upper() + text[1:] + ". "

    def passage(self, lang: str, topic: dict, links: list[str]) -> str:
        size = ZH_PASSAGE if lang == "zh" else EN_PASSAGE
        target = self.rng.gauss(size, size / 8)
        paragraphs, size = [], 0
        while size < target:  # whole paragraphs: a passage ends a little past its target
            paragraph = "".join(self.sentence(lang, topic) for _ in range(self.rng.randint(3, 6)))
            if links and self.rng.random() < 0.3:
                paragraph += f" [{self.rng.choice(('见', 'see'))}](kb:{self.rng.choice(links)})"
            paragraphs.append(paragraph)
            size += len(paragraph)
        return "\n\n".join(paragraphs)

    def document(self, doc_id: str, lang: str, kind: str, topic: dict, sections: int, links) -> str:
        title = "".join(topic[lang].words[:2]) if lang == "zh" else " ".join(topic[lang].words[:3]).title()
        header = [
            f"id: {doc_id}",
            f"lang: {lang}",
            f"type: {kind}",
            f'title: "{title} {doc_id[-5:]}"',
            f'aliases: ["{topic["ids"][0]}", "{"".join(topic["zh"].words[2:4])}"]',
            f"jurisdiction: {self.rng.choice(('EU', 'CN'))}",
            "sources:",
            f'  - title: "Synthetic source {doc_id}"',
            f"    url: https://example.org/{doc_id}",
        ]
        if kind == "regulation":
            header.append(f"status: {self.rng.choice(('in force', 'repealed'))}")
        if kind == "countermeasure":
            header.append(f"level: {self.rng.choice(('government', 'industry', 'enterprise'))}")
        body = [self.passage(lang, topic, links)]
        for n in range(1, sections):
            heading = "".join(self.words("zh", topic, 3)) if lang == "zh" else " ".join(self.words("en", topic, 4))
            body.append(f"## {heading} {{#s-{n}}}\n\n{self.passage(lang, topic, links)}")
        return "---\n" + "\n".join(header) + "\n---\n" + "\n\n".join(body) + "\n"


def write_corpus(out: Path, passages: int, seed: int = 2024, corpus_dir: Path = ROOT / "corpus") -> dict:
    """Write about `passages` sections (both languages counted) into `out`; returns what was written."""
    writer = Writer(seed, corpus_dir, tail=max(2000, passages * 3))
    if out.exists():
        shutil.rmtree(out)
    topics = [writer.topic() for _ in range(max(3, passages // 100))]
    ids, left, chars, cjk = [], passages, 0, 0
    while left > 0:
        sections = min(max(1, left // 2), writer.rng.randint(4, 16))
        doc_id, topic = f"bench-{len(ids):05d}", writer.rng.choice(topics)
        kind, links = TYPES[len(ids) % len(TYPES)], ids[-50:]
        for lang in ("zh", "en"):
            text = writer.document(doc_id, lang, kind, topic, sections, links)
            path = out / kind / f"{doc_id}.{lang}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            chars += len(text)
            cjk += sum(map(len, CJK_RUN.findall(text)))
        ids.append(doc_id)
        left -= 2 * sections
    return {"documents": 2 * len(ids), "passages": passages - left, "chars": chars, "cjk_share": cjk / chars}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=1000, help="sections to write, both languages counted")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "corpus")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    made = write_corpus(args.out, args.passages, args.seed)
    print(
        f"{made['documents']} documents, {made['passages']} passages, {made['chars']:,} characters "
        f"({made['chars'] / made['passages']:.0f} per passage, {made['cjk_share']:.0%} Chinese) -> {args.out}"
    )


if __name__ == "__main__":
    main()
