"""Every interface string in both languages, in one place. Templates call t('key')."""
from __future__ import annotations

from flask import g

LANGS = ("zh", "en")
OTHER = {"zh": "en", "en": "zh"}

STRINGS = {
    "site_name": {"zh": "欧盟绿色贸易壁垒知识库", "en": "EU Green Trade Barrier Knowledge Base"},
    "tagline": {"zh": "面向机电产品出口企业的欧盟环保法规、绿色贸易壁垒与应对措施",
                "en": "EU environmental rules, green trade barriers and countermeasures for exporters of "
                      "mechanical and electrical products"},
    "search": {"zh": "搜索", "en": "Search"},
    "search_placeholder": {"zh": "例如：铅 镉 限量、2011/65/EU、生态设计",
                           "en": "e.g. ecodesign energy label, 2011/65/EU, lead cadmium limits"},
    "results_count": {"zh": "共 {total} 条结果，用时 {ms} 毫秒", "en": "{total} results in {ms} ms"},
    "results_count_one": {"zh": "共 1 条结果，用时 {ms} 毫秒", "en": "1 result in {ms} ms"},
    "no_results": {"zh": "没有找到与“{q}”相关的页面。", "en": "No pages match “{q}”."},
    "did_you_mean": {"zh": "您是不是要找：", "en": "Did you mean:"},
    "fallback_notice": {"zh": "查询语法无法解析，已按普通关键词搜索。",
                        "en": "The query syntax could not be read, so its words were searched as plain terms."},
    "filters": {"zh": "筛选", "en": "Filter"},
    "all": {"zh": "全部", "en": "All"},
    "facet_type": {"zh": "类型", "en": "Type"},
    "facet_jurisdiction": {"zh": "法域", "en": "Jurisdiction"},
    "facet_status": {"zh": "状态", "en": "Status"},
    "facet_lang": {"zh": "页面语言", "en": "Page language"},
    "prev": {"zh": "上一页", "en": "Previous"},
    "next": {"zh": "下一页", "en": "Next"},
    "page_n": {"zh": "第 {n} 页，共 {of} 页", "en": "Page {n} of {of}"},
    "other_version": {"zh": "English version", "en": "中文版"},
    "lang_name_zh": {"zh": "中文", "en": "Chinese"},
    "lang_name_en": {"zh": "英文", "en": "English"},
    "query_help_title": {"zh": "搜索语法", "en": "Search syntax"},
    "query_help": {
        "zh": "多个词默认全部匹配；用引号搜索短语（\"有害物质\"）；OR 表示任一，NOT 排除；"
              "type:regulation 只看法规；前缀加 *（ecodes*）；编号直接输入（2011/65/EU、32011L0065）。",
        "en": "All words must match; quotes search a phrase (\"hazardous substances\"); OR for either, NOT to "
              "exclude; type:regulation limits to regulations; * for a prefix (ecodes*); numbers as written "
              "(2011/65/EU, 32011L0065)."},
    # search side: results page (kb/search_views.py, templates/search.html)
    "search_title": {"zh": "“{q}”的搜索结果", "en": "Results for “{q}”"},
    "active_filters": {"zh": "当前筛选：", "en": "Filtered by:"},
    "remove_filter": {"zh": "取消筛选：{name}", "en": "Remove filter: {name}"},
    "clear_filters": {"zh": "清除全部筛选", "en": "Clear all filters"},
    "pagination": {"zh": "分页", "en": "Pages"},
    "version_in": {"zh": "{name}版", "en": "{name} version"},
    "passage_lang": {"zh": "（{name}）", "en": "({name})"},
    "query_truncated": {"zh": "查询过长，只搜索了前 {n} 个字符。",
                        "en": "The query was too long; only its first {n} characters were searched."},
    "any_word_notice": {"zh": "没有页面同时包含全部检索词，以下页面包含其中部分词。",
                        "en": "No page has all of the words; these pages have some of them."},
    "empty_query": {"zh": "请输入要搜索的词。", "en": "Type the words to search for."},
    "type_regulation": {"zh": "法规", "en": "Regulation"},
    "type_summary": {"zh": "法规摘要", "en": "Summary"},
    "type_barrier-form": {"zh": "壁垒形式", "en": "Barrier form"},
    "type_countermeasure": {"zh": "应对措施", "en": "Countermeasure"},
    "type_term": {"zh": "术语", "en": "Term"},
    "type_figure": {"zh": "数据图表", "en": "Figure"},
    "type_source": {"zh": "来源", "en": "Source"},
    "type_act": {"zh": "法规全文", "en": "Legal text"},
    "jurisdiction_EU": {"zh": "欧盟", "en": "EU"},
    "jurisdiction_CN": {"zh": "中国", "en": "China"},
    "status_in force": {"zh": "现行有效", "en": "In force"},
    "status_repealed": {"zh": "已废止", "en": "Repealed"},
    "status_replaced": {"zh": "已被取代", "en": "Replaced"},
    "level_government": {"zh": "政府层面", "en": "Government"},
    "level_industry": {"zh": "行业层面", "en": "Industry"},
    "level_enterprise": {"zh": "企业层面", "en": "Enterprise"},
    "field_celex": {"zh": "CELEX 编号", "en": "CELEX number"},
    "field_eli": {"zh": "ELI", "en": "ELI"},
    "field_jurisdiction": {"zh": "法域", "en": "Jurisdiction"},
    "field_adopted": {"zh": "通过日期", "en": "Adopted"},
    "field_in_force": {"zh": "生效日期", "en": "In force from"},
    "field_applies": {"zh": "适用日期", "en": "Applies from"},
    "field_status": {"zh": "状态", "en": "Status"},
    "field_replaces": {"zh": "取代", "en": "Replaces"},
    "field_replaced_by": {"zh": "被取代为", "en": "Replaced by"},
    "field_level": {"zh": "层面", "en": "Level"},
    "field_barrier_forms": {"zh": "对应的壁垒形式", "en": "Barrier forms"},
    "field_updated": {"zh": "最近核对", "en": "Last checked"},
    "field_aliases": {"zh": "又称", "en": "Also known as"},
    "sources": {"zh": "来源", "en": "Sources"},
    "related": {"zh": "相关页面", "en": "Related pages"},
    "mentioned_in": {"zh": "提及本页的页面", "en": "Mentioned in"},
    "cite": {"zh": "引用本页", "en": "Cite this page"},
    "copy_link": {"zh": "复制链接", "en": "Copy link"},
    "on_this_page": {"zh": "本页目录", "en": "On this page"},
    "not_found_title": {"zh": "页面不存在", "en": "Page not found"},
    "not_found": {"zh": "没有找到这个页面。可以试试搜索：", "en": "There is no such page. Try a search:"},
    "index_missing_title": {"zh": "搜索索引暂不可用", "en": "The search index is not available"},
    "index_missing": {"zh": "服务器上没有可用的搜索索引。管理员可在项目目录运行 `make serve` 或 `.venv/bin/kb build --force` 重建索引。",
                      "en": "The server has no usable search index. An administrator can rebuild it by running "
                            "`make serve` or `.venv/bin/kb build --force` in the project folder."},
    "error_title": {"zh": "出错了", "en": "Something went wrong"},
    "bad_request": {"zh": "请求无法处理。", "en": "The request could not be handled."},
    "home": {"zh": "首页", "en": "Home"},
    "regulations": {"zh": "法规", "en": "Regulations"},
    "barriers": {"zh": "绿色贸易壁垒的形式", "en": "Forms of green trade barrier"},
    "countermeasures": {"zh": "应对措施", "en": "Countermeasures"},
    "glossary": {"zh": "术语表", "en": "Glossary"},
    "figures": {"zh": "数据", "en": "Figures"},
    "intro_regulations": {"zh": "CE 标志、WEEE、RoHS、EuP/ErP/ESPR 等欧盟法规及其中国对应法规。",
                          "en": "CE marking, WEEE, RoHS, EuP/ErP/ESPR and the other EU acts, with their Chinese counterparts."},
    "intro_barriers": {"zh": "绿色关税、绿色技术标准、绿色环境标志、绿色包装和绿色卫生检疫五种形式。",
                       "en": "Green tariffs, technical standards, environmental labels, packaging rules and inspection."},
    "intro_countermeasures": {"zh": "政府、行业和企业三个层面的应对措施与合规指南。",
                              "en": "What government, industry associations and enterprises can do, with compliance guides."},
    "intro_glossary": {"zh": "TBT、均质材料、生产者责任等术语的定义。",
                       "en": "Definitions: TBT, homogeneous material, producer responsibility and more."},
    "intro_figures": {"zh": "机电产品出口额与 TBT 通报数。", "en": "China's M&E exports and TBT notifications."},
    # reading side: document pages, listings, figures (kb/pages.py, kb/listings.py)
    "main_nav": {"zh": "主导航", "en": "Main"},
    "key_facts": {"zh": "基本信息", "en": "Key facts"},
    "on_eurlex": {"zh": "在 EUR-Lex 上查看", "en": "on EUR-Lex"},
    "field_summarises": {"zh": "摘要对象", "en": "Summary of"},
    "field_summary": {"zh": "法规摘要", "en": "Summary"},
    "field_full_text": {"zh": "法规全文", "en": "Full text"},
    "full_text_link": {"zh": "阅读导入的 EUR-Lex 全文", "en": "Read the imported EUR-Lex text"},
    "field_number": {"zh": "编号", "en": "Number"},
    "field_version": {"zh": "文本版本", "en": "Version"},
    "version_adopted": {"zh": "通过时文本", "en": "As adopted"},
    "version_consolidated": {"zh": "合并文本", "en": "Consolidated"},
    "field_consolidated": {"zh": "合并日期", "en": "Consolidated on"},
    "cite_link": {"zh": "链接", "en": "Link"},
    "cite_citation": {"zh": "引用格式", "en": "Citation"},
    "cite_markdown": {"zh": "Markdown", "en": "Markdown"},
    "cite_sections": {"zh": "引用某一节", "en": "Cite a section"},
    "cite_help": {"zh": "可粘贴到课件、邮件或文档中。", "en": "Paste into slides, e-mails or documents."},
    "copy": {"zh": "复制", "en": "Copy"},
    "copied": {"zh": "已复制", "en": "Copied"},
    "citation": {"zh": "{title}，{site}，{url}", "en": "“{title}”, {site}, {url}"},
    "citation_checked": {"zh": "{title}，{site}，{url}（最近核对：{date}）",
                         "en": "“{title}”, {site}, {url} (last checked {date})"},
    "section_of": {"zh": "{title}：{section}", "en": "{title}: {section}"},
    "legal_texts": {"zh": "法规全文（EUR-Lex 导入）", "en": "Legal texts (imported from EUR-Lex)"},
    "jurisdiction_other": {"zh": "其他", "en": "Other"},
    "examples_eu": {"zh": "属于这一形式的欧盟措施", "en": "EU measures of this form"},
    "countermeasures_for": {"zh": "应对措施（{n}）", "en": "Countermeasures ({n})"},
    "filter_by_form": {"zh": "按所应对的壁垒形式筛选", "en": "Filter by the barrier form they answer"},
    "filtered_by": {"zh": "正在显示应对“{form}”的措施。", "en": "Showing countermeasures against “{form}”."},
    "no_countermeasures": {"zh": "这一层面没有符合条件的应对措施。", "en": "No countermeasures at this level match."},
    "letters": {"zh": "按字母", "en": "By letter"},
    "chart_alt": {"zh": "图表：{title}（数字见下表）", "en": "Chart: {title} (the numbers are in the table below)"},
    "unit": {"zh": "单位：{unit}", "en": "Unit: {unit}"},
    "not_found_browse": {"zh": "或者浏览：", "en": "Or browse:"},
    "opensearch_short": {"zh": "绿色贸易壁垒", "en": "Green barrier KB"},
    "opensearch_description": {"zh": "搜索欧盟绿色贸易壁垒知识库", "en": "Search the EU Green Trade Barrier Knowledge Base"},
}


def translate(key: str, lang: str | None = None, **values) -> str:
    lang = lang or getattr(g, "lang", "en")
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry[lang].format(**values) if values else entry[lang]


def label(kind: str, value: str, lang: str | None = None) -> str:
    """Display name of a facet value (type, status, ...), or the value itself when it has none."""
    key = f"{kind}_{value}"
    return translate(key, lang) if key in STRINGS else value


def init_app(app):
    app.jinja_env.globals.update(t=translate, label=label, OTHER=OTHER, LANGS=LANGS)
