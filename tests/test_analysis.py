"""The bilingual analyzer: tokens, positions and exact character offsets."""

from indexer.engine.analyzer import make_analyzer

DOMAIN = ["绿色贸易壁垒", "机电产品", "有害物质", "电器电子产品有害物质限制使用管理办法"]


def tokens(text, mode="index", words=DOMAIN):
    return [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in make_analyzer(words)(text, positions=True, chars=True, mode=mode)
    ]


def test_domain_words_stay_whole_and_offsets_are_exact():
    text = "欧盟的绿色贸易壁垒影响机电产品出口"
    main = [t for t in tokens(text) if t[0] in ("绿色贸易壁垒", "机电产品")]
    assert [(w, text[s:e]) for w, _, s, e in main] == [("绿色贸易壁垒", "绿色贸易壁垒"), ("机电产品", "机电产品")]


def test_parts_of_a_domain_word_are_indexed_at_its_position():
    found = {w: p for w, p, _, _ in tokens("绿色贸易壁垒")}
    assert found["绿色贸易壁垒"] == found["贸易"] == found["壁垒"] == 0


def test_long_title_keeps_inner_words_searchable():
    words = {w for w, *_ in tokens("电器电子产品有害物质限制使用管理办法")}
    assert {"电器电子产品有害物质限制使用管理办法", "有害物质", "电子产品"} <= words


def test_query_mode_has_no_subwords():
    assert [w for w, *_ in tokens("绿色贸易壁垒", mode="query")] == ["绿色贸易壁垒"]


def test_positions_count_tokens_not_characters():
    positions = [p for w, p, *_ in tokens("欧盟 RoHS 指令", mode="query")]
    assert positions == [0, 1, 2]


def test_english_is_lowercased_stemmed_and_stopworded():
    assert [w for w, *_ in tokens("The Recycling of Labels")] == ["recycl", "label"]


def test_english_offsets_point_at_the_original_word():
    text = "Hazardous substances"
    assert [text[s:e] for _, _, s, e in tokens(text)] == ["Hazardous", "substances"]


def test_one_character_tokens_are_kept():
    assert [w for w, *_ in tokens("Article 5 (b)")] == ["articl", "5", "b"]


def test_identifiers_keep_their_usual_spellings_searchable():
    assert [w for w, *_ in tokens("Directive 2011/65/EU")] == ["direct", "2011/65"]
    assert [w for w, *_ in tokens("(EU) 2015/863")] == ["eu", "2015/863"]
    assert [w for w, *_ in tokens("Regulation (EC) No 765/2008")][-1] == "765/2008"
    assert [w for w, *_ in tokens("CELEX 32011L0065")] == ["celex", "32011l0065"]
    assert [w for w, *_ in tokens("GB/T 26572")] == ["gb/t", "26572"]


def test_identifier_offsets_cover_the_whole_identifier():
    text = "见 2011/65/EU 第 4 条"
    ident = next(t for t in tokens(text) if t[0] == "2011/65")
    assert text[ident[2] : ident[3]] == "2011/65/EU"


def test_mixed_text_in_one_field():
    text = "RoHS指令限制铅"
    got = [(w, text[s:e]) for w, _, s, e in tokens(text, mode="query")]
    assert got[0] == ("roh", "RoHS") and ("铅", "铅") in got


def test_traditional_characters_fold_to_simplified_with_offsets_kept():
    text = "綠色貿易壁壘"
    got = tokens(text)
    assert got[0][0] == "绿色贸易壁垒" and text[got[0][2] : got[0][3]] == "綠色貿易壁壘"


def test_thousands_separator_is_dropped():
    assert [w for w, *_ in tokens("1,000 V")][0] == "1000"


def test_analyzer_pickles_with_its_dictionary():
    import pickle

    analyzer = make_analyzer(["绿色贸易壁垒"])
    clone = pickle.loads(pickle.dumps(analyzer))
    assert [t.text for t in clone("绿色贸易壁垒", mode="query")] == ["绿色贸易壁垒"]
