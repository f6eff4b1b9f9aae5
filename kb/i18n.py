"""Every interface string in both languages, in one place. Templates call t('key')."""
from __future__ import annotations

from flask import g, request, url_for

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
    "showing_corrected": {"zh": "没有找到“{q}”，以下是“{corrected}”的结果。",
                          "en": "Nothing matched “{q}”; showing results for “{corrected}”."},
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
    # product finder (kb/products.py, templates/products*.html)
    "products": {"zh": "产品合规查询", "en": "Product finder"},
    "nav_products": {"zh": "产品查询", "en": "Product finder"},
    "product_card_title": {"zh": "产品查询：{name}", "en": "Product finder: {name}"},
    "product_card_choices": {"zh": "该编码涉及多种产品：", "en": "This code covers several products:"},
    "product_card_acts": {"zh": "适用的欧盟法规", "en": "EU rules that apply"},
    "product_card_answer": {"zh": "查看完整答案：适用原因与首要步骤", "en": "Full answer: why they apply and what to do first"},
    "product_card_checklist": {"zh": "可打印的合规清单", "en": "Printable checklist"},
    "products_title": {"zh": "我的产品适用哪些欧盟绿色法规？", "en": "Which EU green rules apply to my product?"},
    "products_intro": {"zh": "输入产品名称（中文或英文）或海关编码（HS 编码，4 位或 6 位），查看适用的欧盟法规、适用原因和首先要做的事。",
                       "en": "Type a product name (in Chinese or English) or its customs code (HS code, 4 or 6 digits) to see "
                             "the EU rules that apply, why, and what to do first."},
    "products_card_intro": {"zh": "从产品名称或 HS 编码查出适用的欧盟绿色法规、适用原因和首要步骤。",
                            "en": "From a product name or HS code to the EU green rules that apply, why, and what to do first."},
    "products_query_label": {"zh": "产品名称或 HS 编码", "en": "Product name or HS code"},
    "products_query_placeholder": {"zh": "例如：冰箱、LED 灯、8418.10", "en": "e.g. refrigerator, LED lamp, 8418.10"},
    "products_find": {"zh": "查询", "en": "Find the rules"},
    "products_pick_label": {"zh": "或从列表中选择产品", "en": "Or pick a product"},
    "products_pick": {"zh": "查看", "en": "Show"},
    "products_browse": {"zh": "按产品类别浏览", "en": "Browse by product group"},
    "products_ambiguous_hs": {"zh": "HS 编码 {code} 对应多种产品，您指的是哪一种？",
                              "en": "HS code {code} covers several products. Which one do you mean?"},
    "products_ambiguous_name": {"zh": "“{q}”可能指以下产品，请选择：", "en": "“{q}” could mean one of these products:"},
    "products_unknown_hs": {"zh": "目录中没有 HS 编码为 {code} 的产品。", "en": "No product in the catalogue has HS code {code}."},
    "products_nearest": {"zh": "最接近的编码：", "en": "Nearest codes in the catalogue:"},
    "products_no_nearest": {"zh": "同一章内没有相近的编码，请按类别浏览。", "en": "No code of the same chapter is listed; browse the groups below."},
    "products_no_match": {"zh": "没有找到与“{q}”匹配的产品。", "en": "No product matches “{q}”."},
    "products_search_instead": {"zh": "在知识库中搜索“{q}”", "en": "Search the knowledge base for “{q}”"},
    "products_group": {"zh": "产品类别", "en": "Product group"},
    "products_hs": {"zh": "HS 编码", "en": "HS codes"},
    "products_weee": {"zh": "WEEE 类别", "en": "WEEE category"},
    "products_weee_none": {"zh": "无（见下文）", "en": "None (see below)"},
    "products_weee_size": {"zh": "按尺寸确定：任一外部尺寸大于 50 厘米为第 4 类，否则为第 5 或第 6 类。",
                           "en": "Decided by size: category 4 if any external dimension exceeds 50 cm, otherwise 5 or 6."},
    "products_first_steps": {"zh": "首先要做的事", "en": "What to do first"},
    "products_applies": {"zh": "适用的法规", "en": "Rules that apply"},
    "products_why": {"zh": "为什么适用", "en": "Why it applies"},
    "products_why_not": {"zh": "为什么不适用", "en": "Why it does not apply"},
    "products_obligations": {"zh": "主要义务", "en": "Key obligations"},
    "products_guides": {"zh": "可参考的应对措施和指南", "en": "Countermeasures and guides that help"},
    "products_our_page": {"zh": "本站页面", "en": "Our page"},
    "products_also_forms": {"zh": "同时属于", "en": "Also"},
    "products_other_rules": {"zh": "其他法规", "en": "Other rules"},
    "products_not_apply": {"zh": "不适用的法规及原因", "en": "Rules that do not apply, and why"},
    "products_notes": {"zh": "另请注意（本工具未涵盖）", "en": "Also check (not covered here)"},
    "products_open_checklist": {"zh": "打开可打印的清单", "en": "Open the printable checklist"},
    "products_checklist": {"zh": "合规清单", "en": "Compliance checklist"},
    "products_checklist_of": {"zh": "合规清单：{name}", "en": "Compliance checklist: {name}"},
    "products_sep": {"zh": "：", "en": ": "},
    "products_print_hint": {"zh": "使用浏览器的“打印”功能打印，或另存为 PDF。",
                            "en": "Use your browser's Print command to print it or save it as PDF."},
    "products_back": {"zh": "返回查询结果", "en": "Back to the answer"},
    "products_disclaimer_title": {"zh": "本工具不涵盖的内容", "en": "What this does not cover"},
    "products_disclaimer": {
        "zh": "本结果仅供初步参考，不构成法律意见。结果针对此类产品的典型情况，您产品的具体特性（尺寸、电压、无线功能、电池、"
              "消费用或专业用）可能改变结论。本工具不涵盖各成员国的国家规定，也不涵盖其他欧盟法规，例如《通用产品安全法规》"
              "(EU) 2023/988、玩具安全、医疗器械、建筑产品、化学品分类和标签以及关税。请查阅法律原文，如有疑问请咨询公告机构或律师。",
        "en": "A first orientation, not legal advice. The answer is for a typical product of this kind: your product's "
              "features (size, voltage, radio, batteries, consumer or professional use) can change it. It does not cover "
              "the national rules of the Member States, nor other EU acts such as the General Product Safety Regulation "
              "(EU) 2023/988, toy safety, medical devices, construction products, chemicals classification and labelling, "
              "or customs duties. Check the legal texts, and ask a notified body or a lawyer when in doubt."},
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


# url_for's own parameters: taken from a query string they would steer (or break) the link.
_NOT_FROM_QUERY = {"endpoint"}


def same_page_in(lang: str, external: bool = False) -> str:
    """This view in another language, with the same path values and query string."""
    args = {k: v for k, v in request.args.items() if not k.startswith("_") and k not in _NOT_FROM_QUERY}
    return url_for(request.endpoint, _external=external, **{**args, **(request.view_args or {}), "lang": lang})


def has_language_versions() -> bool:
    """Whether this view takes a language, so that its other-language twin can be linked."""
    return bool(request.endpoint) and "lang" in (request.view_args or {})


def init_app(app):
    app.jinja_env.globals.update(t=translate, label=label, OTHER=OTHER, LANGS=LANGS, same_page_in=same_page_in,
                                 has_language_versions=has_language_versions)
