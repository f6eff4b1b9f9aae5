"""Every interface string in both languages, in one place. Templates call t('key')."""

from __future__ import annotations

from flask import g, request, url_for

from indexer.vocabulary import LANGS, OTHER_LANG

OTHER = OTHER_LANG

STRINGS = {
    "site_name": {"zh": "欧盟绿色贸易壁垒知识库", "en": "EU Green Trade Barrier Knowledge Base"},
    "tagline": {
        "zh": "面向机电产品出口企业的欧盟环保法规、绿色贸易壁垒与应对措施",
        "en": "EU environmental rules, green trade barriers and countermeasures for exporters of "
        "mechanical and electrical products",
    },
    "search": {"zh": "搜索", "en": "Search"},
    "search_placeholder": {
        "zh": "例如：铅 镉 限量、2011/65/EU、生态设计",
        "en": "e.g. ecodesign energy label, 2011/65/EU, lead cadmium limits",
    },
    "results_count": {"zh": "共 {total} 条结果，用时 {ms} 毫秒", "en": "{total} results in {ms} ms"},
    "results_count_one": {"zh": "共 1 条结果，用时 {ms} 毫秒", "en": "1 result in {ms} ms"},
    "no_results": {"zh": "没有找到与“{q}”相关的页面。", "en": "No pages match “{q}”."},
    "did_you_mean": {"zh": "您是不是要找：", "en": "Did you mean:"},
    "showing_corrected": {
        "zh": "没有找到“{q}”，以下是“{corrected}”的结果。",
        "en": "Nothing matched “{q}”; showing results for “{corrected}”.",
    },
    "fallback_notice": {
        "zh": "查询语法无法解析，已按普通关键词搜索。",
        "en": "The query syntax could not be read, so its words were searched as plain terms.",
    },
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
        "zh": '多个词默认全部匹配；用引号搜索短语（"有害物质"）；OR 表示任一，NOT 排除；'
        "type:regulation 只看法规；前缀加 *（ecodes*）；编号直接输入（2011/65/EU、32011L0065）。",
        "en": 'All words must match; quotes search a phrase ("hazardous substances"); OR for either, NOT to '
        "exclude; type:regulation limits to regulations; * for a prefix (ecodes*); numbers as written "
        "(2011/65/EU, 32011L0065).",
    },
    # search side: results page (kb/search_views.py, templates/search.html)
    "search_title": {"zh": "“{q}”的搜索结果", "en": "Results for “{q}”"},
    "active_filters": {"zh": "当前筛选：", "en": "Filtered by:"},
    "remove_filter": {"zh": "取消筛选：{name}", "en": "Remove filter: {name}"},
    "clear_filters": {"zh": "清除全部筛选", "en": "Clear all filters"},
    "pagination": {"zh": "分页", "en": "Pages"},
    "version_in": {"zh": "{name}版", "en": "{name} version"},
    "passage_lang": {"zh": "（{name}）", "en": "({name})"},
    "query_truncated": {
        "zh": "查询过长，只搜索了前 {n} 个字符。",
        "en": "The query was too long; only its first {n} characters were searched.",
    },
    "any_word_notice": {
        "zh": "没有页面同时包含全部检索词，以下页面包含其中部分词。",
        "en": "No page has all of the words; these pages have some of them.",
    },
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
    "index_missing": {
        "zh": "服务器上没有可用的搜索索引。管理员可在项目目录运行 `make serve` 或 `.venv/bin/kb build --force` 重建索引。",
        "en": "The server has no usable search index. An administrator can rebuild it by running "
        "`make serve` or `.venv/bin/kb build --force` in the project folder.",
    },
    "error_title": {"zh": "出错了", "en": "Something went wrong"},
    "bad_request": {"zh": "请求无法处理。", "en": "The request could not be handled."},
    "home": {"zh": "首页", "en": "Home"},
    "regulations": {"zh": "法规", "en": "Regulations"},
    "barriers": {"zh": "绿色贸易壁垒的形式", "en": "Forms of green trade barrier"},
    "countermeasures": {"zh": "应对措施", "en": "Countermeasures"},
    "glossary": {"zh": "术语表", "en": "Glossary"},
    "figures": {"zh": "数据", "en": "Figures"},
    "intro_regulations": {
        "zh": "CE 标志、WEEE、RoHS、EuP/ErP/ESPR 等欧盟法规及其中国对应法规。",
        "en": "CE marking, WEEE, RoHS, EuP/ErP/ESPR and the other EU acts, with their Chinese counterparts.",
    },
    "intro_barriers": {
        "zh": "绿色关税、绿色技术标准、绿色环境标志、绿色包装和绿色卫生检疫五种形式。",
        "en": "Green tariffs, technical standards, environmental labels, packaging rules and inspection.",
    },
    "intro_countermeasures": {
        "zh": "政府、行业和企业三个层面的应对措施与合规指南。",
        "en": "What government, industry associations and enterprises can do, with compliance guides.",
    },
    "intro_glossary": {
        "zh": "TBT、均质材料、生产者责任等术语的定义。",
        "en": "Definitions: TBT, homogeneous material, producer responsibility and more.",
    },
    "intro_figures": {"zh": "机电产品出口额与 TBT 通报数。", "en": "China's M&E exports and TBT notifications."},
    # WTO notifications imported from ePing (kb/notifications.py, templates/*notification*.html)
    "notifications": {"zh": "WTO 通报", "en": "WTO notifications"},
    "intro_notifications": {
        "zh": "从 WTO ePing 导出文件导入的 TBT/SPS 通报：按通报成员、HS 章、产品类别和是否仍在征求意见筛选。通报内容保留原文语言。",
        "en": "TBT and SPS notifications imported from WTO ePing exports: filter by notifying member, HS chapter, "
        "product category and whether comments are still open. Notifications keep their original language.",
    },
    "type_notification": {"zh": "WTO 通报", "en": "WTO notification"},
    "notif_symbol": {"zh": "通报编号", "en": "Document symbol"},
    "notif_members": {"zh": "通报成员", "en": "Notifying member"},
    "notif_agreement": {"zh": "协定", "en": "Agreement"},
    "notif_agreement_TBT": {"zh": "技术性贸易壁垒（TBT）", "en": "Technical barriers to trade (TBT)"},
    "notif_agreement_SPS": {"zh": "卫生与植物卫生措施（SPS）", "en": "Sanitary and phytosanitary measures (SPS)"},
    "notif_type": {"zh": "通报类型", "en": "Notification type"},
    "notif_distributed": {"zh": "分发日期", "en": "Distributed"},
    "notif_comments": {"zh": "评议截止日期", "en": "Final date for comments"},
    "notif_adoption": {"zh": "拟批准日期", "en": "Proposed adoption"},
    "notif_entry_into_force": {"zh": "拟生效日期", "en": "Proposed entry into force"},
    "notif_imported": {"zh": "导入日期", "en": "Imported"},
    "notif_base": {"zh": "所属的通报", "en": "Follows up"},
    "notif_follow_ups": {"zh": "后续文件（补遗、修订、勘误）", "en": "Addenda, revisions and corrigenda"},
    "notif_categories": {"zh": "涉及的产品类别", "en": "Product categories concerned"},
    "notif_categories_none": {"zh": "HS 编码未对应产品目录中的类别", "en": "No catalogue category has these HS codes"},
    "notif_no_hs": {"zh": "通报未列出 HS 编码", "en": "The notification lists no HS code"},
    "notif_concerns": {"zh": "本库相关页面", "en": "In this knowledge base"},
    "notif_concerns_help": {
        "zh": "通报文字中提到的法规、术语和壁垒形式在本库中的页面：",
        "en": "Acts, terms and barrier forms the notification's text names, with our pages on them:",
    },
    "notif_links": {"zh": "WTO 通报文本", "en": "WTO notification text"},
    "notif_link_en": {"zh": "英文", "en": "English"},
    "notif_link_fr": {"zh": "法文", "en": "French"},
    "notif_link_es": {"zh": "西班牙文", "en": "Spanish"},
    "notif_open": {"zh": "征求意见中", "en": "Open for comments"},
    "notif_open_until": {"zh": "征求意见至 {date}", "en": "Comments until {date}"},
    "notif_closed": {"zh": "评议期已过", "en": "Comment period over"},
    "notif_no_deadline": {"zh": "未给出评议截止日期", "en": "No final date for comments given"},
    "notif_original_language": {
        "zh": "通报内容为原文（未翻译），栏目名称为中文。",
        "en": "The notification is shown in its original language.",
    },
    "notif_filter": {"zh": "筛选通报", "en": "Filter the notifications"},
    "notif_filter_member": {"zh": "通报成员", "en": "Member"},
    "notif_filter_chapter": {"zh": "HS 章", "en": "HS chapter"},
    "notif_filter_category": {"zh": "产品类别", "en": "Product category"},
    "notif_filter_open": {"zh": "评议状态", "en": "Comments"},
    "notif_filter_agreement": {"zh": "协定", "en": "Agreement"},
    "notif_filter_apply": {"zh": "筛选", "en": "Filter"},
    "notif_open_only": {"zh": "仅征求意见中", "en": "Open only"},
    "notif_closed_only": {"zh": "仅已截止", "en": "Closed only"},
    "notif_shown": {
        "zh": "显示 {n} 件，共 {total} 件通报（以 {date} 计）。",
        "en": "Showing {n} of {total} notifications (as of {date}).",
    },
    "notif_none_imported": {
        "zh": "尚未导入任何通报。管理员可从 WTO ePing 导出检索结果（Excel），然后运行 `kb import-eping 文件.xlsx` 和 `kb build`。",
        "en": "No notifications have been imported yet. An administrator can export search results from WTO ePing "
        "(Excel) and run `kb import-eping FILE.xlsx`, then `kb build`.",
    },
    "notif_none_match": {"zh": "没有符合筛选条件的通报。", "en": "No notification matches these filters."},
    "notif_for_product": {"zh": "正在征求意见的 WTO 通报", "en": "WTO notifications open for comments"},
    "notif_for_product_help": {
        "zh": "以下通报的 HS 编码属于本产品类别，评议期尚未结束，可通过 WTO/TBT 国家通报咨询中心提交评议意见：",
        "en": "These notifications cover HS codes of this product, and comments are still open; comments "
        "go through your national WTO enquiry point:",
    },
    "notif_all_for_product": {"zh": "查看本产品类别的全部通报", "en": "All notifications for this product"},
    "notif_imported_title": {
        "zh": "本库导入的 TBT 通报统计（非论文数据）",
        "en": "TBT notifications imported into this knowledge base (not the paper's data)",
    },
    "notif_imported_help": {
        "zh": "以下数字按本库从 WTO ePing 导出文件导入的 TBT 通报计算，只反映所导入的导出文件的范围，不能与上文论文的数字直接比较。",
        "en": "Counted from the TBT notifications imported into this knowledge base from WTO ePing exports; they "
        "cover only what those exports held and cannot be compared directly with the paper's figures above.",
    },
    "notif_imported_none": {"zh": "本库尚未导入 TBT 通报。", "en": "No TBT notifications have been imported yet."},
    "notif_by_year": {"zh": "按分发年份", "en": "By year of distribution"},
    "notif_by_member": {"zh": "按通报成员", "en": "By notifying member"},
    "notif_undated": {"zh": "未注明分发日期", "en": "No distribution date"},
    "notif_year": {"zh": "年份", "en": "Year"},
    "notif_count": {"zh": "通报数（件）", "en": "Notifications"},
    "notif_total": {"zh": "合计 {n} 件", "en": "{n} in all"},
    # product finder (kb/products.py, templates/products*.html)
    "products": {"zh": "产品合规查询", "en": "Product finder"},
    "nav_products": {"zh": "产品查询", "en": "Product finder"},
    "product_card_title": {"zh": "产品查询：{name}", "en": "Product finder: {name}"},
    "product_card_choices": {"zh": "该编码涉及多种产品：", "en": "This code covers several products:"},
    "product_card_acts": {"zh": "适用的欧盟法规", "en": "EU rules that apply"},
    "product_card_answer": {
        "zh": "查看完整答案：适用原因与首要步骤",
        "en": "Full answer: why they apply and what to do first",
    },
    "product_card_checklist": {"zh": "可打印的合规清单", "en": "Printable checklist"},
    "products_title": {"zh": "我的产品适用哪些欧盟绿色法规？", "en": "Which EU green rules apply to my product?"},
    "products_intro": {
        "zh": "输入产品名称（中文或英文）或海关编码（HS 编码，2 至 10 位，可带点），查看适用的欧盟法规、适用原因和首先要做的事；"
        "目录中没有的产品，回答几个问题即可。",
        "en": "Type a product name (in Chinese or English) or its customs code (HS code, 2 to 10 digits, with or "
        "without dots) to see the EU rules that apply, why, and what to do first; for a product the "
        "catalogue does not list, answer a few questions.",
    },
    "products_card_intro": {
        "zh": "从产品名称或 HS 编码查出适用的欧盟绿色法规、适用原因和首要步骤。",
        "en": "From a product name or HS code to the EU green rules that apply, why, and what to do first.",
    },
    "products_query_label": {"zh": "产品名称或 HS 编码", "en": "Product name or HS code"},
    "products_query_placeholder": {"zh": "例如：冰箱、LED 灯、8418.10", "en": "e.g. refrigerator, LED lamp, 8418.10"},
    "products_find": {"zh": "查询", "en": "Find the rules"},
    "products_pick_label": {"zh": "或从列表中选择产品", "en": "Or pick a product"},
    "products_pick": {"zh": "查看", "en": "Show"},
    "products_browse": {"zh": "按产品类别浏览", "en": "Browse by product group"},
    "products_ambiguous_hs": {
        "zh": "HS 编码 {code} 对应多种产品，您指的是哪一种？",
        "en": "HS code {code} covers several products. Which one do you mean?",
    },
    "products_ambiguous_name": {"zh": "“{q}”可能指以下产品，请选择：", "en": "“{q}” could mean one of these products:"},
    "products_unknown_hs": {
        "zh": "目录中没有 HS 编码为 {code} 的产品。",
        "en": "No product in the catalogue has HS code {code}.",
    },
    "products_nearest": {"zh": "最接近的编码：", "en": "Nearest codes in the catalogue:"},
    "products_no_nearest": {
        "zh": "同一章内没有相近的编码，请按类别浏览。",
        "en": "No code of the same chapter is listed; browse the groups below.",
    },
    "products_no_match": {"zh": "没有找到与“{q}”匹配的产品。", "en": "No product matches “{q}”."},
    "products_search_instead": {"zh": "在知识库中搜索“{q}”", "en": "Search the knowledge base for “{q}”"},
    "products_group": {"zh": "产品类别", "en": "Product group"},
    "products_hs": {"zh": "HS 编码", "en": "HS codes"},
    "products_weee": {"zh": "WEEE 类别", "en": "WEEE category"},
    "products_weee_none": {"zh": "无（见下文）", "en": "None (see below)"},
    "products_weee_size": {
        "zh": "按尺寸确定：任一外部尺寸大于 50 厘米为第 4 类，否则为第 5 或第 6 类。",
        "en": "Decided by size: category 4 if any external dimension exceeds 50 cm, otherwise 5 or 6.",
    },
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
    "products_print_hint": {
        "zh": "使用浏览器的“打印”功能打印，或另存为 PDF。",
        "en": "Use your browser's Print command to print it or save it as PDF.",
    },
    "products_back": {"zh": "返回查询结果", "en": "Back to the answer"},
    "products_disclaimer_title": {"zh": "本工具不涵盖的内容", "en": "What this does not cover"},
    "products_disclaimer": {
        "zh": "本结果仅供初步参考，不构成法律意见。结果针对此类产品的典型情况或您对问题的回答，您产品的其他特性可能改变结论。"
        "本工具不涵盖各成员国的国家规定，也不详细涵盖医疗器械、建筑产品、化学品分类和标签、车辆型式认证以及关税。"
        "请查阅法律原文，如有疑问请咨询公告机构或律师。",
        "en": "A first orientation, not legal advice. The answer is for a typical product of this kind, or for your answers "
        "to the questions: other features of your product can change it. It does not cover the national rules of the "
        "Member States, nor in detail medical devices, construction products, chemicals classification and labelling, "
        "vehicle type approval or customs duties. Check the legal texts, and ask a notified body or a lawyer when in doubt.",
    },
    "products_your_product": {"zh": "您的产品", "en": "Your product"},
    "products_questions_title": {
        "zh": "回答几个问题，查看适用的法规",
        "en": "Answer a few questions to see the rules that apply",
    },
    "products_questions_intro": {
        "zh": "目录中没有这种产品。请描述它：法规按这些特征适用，原因与目录产品相同。",
        "en": "The catalogue does not list this product. Describe it: the rules apply by these features, with the same reasons as for listed products.",
    },
    "products_questions_none_of_these": {
        "zh": "如果都不是，请描述您的产品：法规按这些特征适用，原因与目录产品相同。",
        "en": "If it is none of these, describe your product: the rules apply by these features, with the same reasons as for listed products.",
    },
    "products_refine_title": {"zh": "按您的产品调整", "en": "Adjust to your product"},
    "products_refine_intro": {
        "zh": "以下回答描述此类产品的典型情况；如您的产品不同（例如充电式或插电式、带或不带 Wi-Fi），请修改后重新查看。",
        "en": "These answers describe a typical product of this kind; if yours differs (cordless or corded, with or without Wi-Fi), change them and look again.",
    },
    "products_show_rules": {"zh": "查看适用的法规", "en": "Show the rules that apply"},
    "products_refined_note": {"zh": "已按您的回答调整。", "en": "Adjusted to your answers."},
    "products_chapter": {"zh": "该编码属于{chapter}。", "en": "The code is in {chapter}."},
    "products_tells": {"zh": "区别在于", "en": "What tells them apart"},
    "products_ignored": {
        "zh": "以下参数不是有效回答，已忽略：{items}",
        "en": "These are not answers to the questions and were ignored: {items}",
    },
    "products_dates": {"zh": "即将到来的关键日期", "en": "Coming key dates"},
    "products_unconfirmed": {"zh": "未经证实", "en": "unconfirmed"},
    "products_generic": {
        "zh": "“{q}”过于笼统，不能确定是哪种产品。请写出具体名称（例如“电动牙刷”），或回答下面的问题。",
        "en": "“{q}” is too general to name a product. Type its name (for example “electric toothbrush”), or answer the questions below.",
    },
    # key dates: timeline, calendar and Atom feeds, what's new (kb/timeline.py, templates/timeline.html)
    "timeline": {"zh": "关键日期", "en": "Key dates"},
    "timeline_title": {
        "zh": "关键日期时间表：欧盟绿色法规的截止日期",
        "en": "Key dates: deadlines of the EU green rules",
    },
    "timeline_intro": {
        "zh": "各法规页面所列的义务适用日期、豁免到期日和其他关键日期：过去 12 个月和未来 36 个月，按月排列。每条都链接到说明它的段落。",
        "en": "The dates on which obligations start, exemptions expire and other key dates listed on the "
        "regulation pages: the last 12 months and the next 36, by month. Each links to the passage that states it.",
    },
    "timeline_card_intro": {
        "zh": "即将生效的义务和到期的豁免，按月排列，可订阅日历。",
        "en": "Obligations coming up and exemptions expiring, month by month, as a calendar you can subscribe to.",
    },
    "timeline_range": {"zh": "显示 {start} 至 {end} 的 {n} 个日期。", "en": "{n} dates from {start} to {end}."},
    "timeline_year": {"zh": "{year} 年的关键日期", "en": "Key dates in {year}"},
    "timeline_filter_act": {"zh": "法规", "en": "Act"},
    "timeline_filter_product": {"zh": "产品类别", "en": "Product category"},
    "timeline_all_acts": {"zh": "全部法规", "en": "All acts"},
    "timeline_all_products": {"zh": "全部产品", "en": "All products"},
    "timeline_apply": {"zh": "筛选", "en": "Filter"},
    "timeline_reset": {"zh": "显示全部", "en": "Show all"},
    "timeline_today": {"zh": "今天：{date}", "en": "Today: {date}"},
    "timeline_coming": {"zh": "即将到来", "en": "Coming"},
    "timeline_recent": {"zh": "已过去", "en": "Recent"},
    "timeline_none": {"zh": "这一范围内没有关键日期。", "en": "No key dates in this range."},
    "timeline_scope": {"zh": "适用范围", "en": "Applies to"},
    "timeline_unconfirmed": {"zh": "未经确认", "en": "unconfirmed"},
    "timeline_unconfirmed_note": {
        "zh": "该日期尚未经手头来源确认。",
        "en": "This date is not confirmed by a source at hand.",
    },
    "timeline_ics": {"zh": "订阅日历（iCalendar）", "en": "Subscribe as a calendar (iCalendar)"},
    "timeline_ics_help": {
        "zh": "可导入 Outlook、Google 日历或苹果日历。",
        "en": "Imports into Outlook, Google Calendar or Apple Calendar.",
    },
    "timeline_product_calendar": {"zh": "{name}：关键日期", "en": "{name}: key dates"},
    "timeline_source": {"zh": "依据", "en": "Source"},
    "month_heading": {"zh": "{year}年{month}月", "en": "{month_name} {year}"},
    "products_dates_ics": {"zh": "下载此产品的日历（.ics）", "en": "Download this product's calendar (.ics)"},
    "products_dates_all": {"zh": "在时间表中查看", "en": "See them on the timeline"},
    "whats_new": {"zh": "最新更新", "en": "What's new"},
    "feed_title": {"zh": "欧盟绿色贸易壁垒知识库：最新更新", "en": "EU Green Trade Barrier Knowledge Base: what's new"},
    "feed_subtitle": {"zh": "知识库各页面的更新记录", "en": "Changes to the pages of the knowledge base"},
    "feed_link": {"zh": "订阅更新（Atom）", "en": "Follow the changes (Atom feed)"},
    "search_timeline_hint": {
        "zh": "要找截止日期？查看关键日期时间表",
        "en": "Looking for deadlines? See the key dates timeline",
    },
    "search_year_dates": {"zh": "{year} 年的关键日期", "en": "Key dates in {year}"},
    "search_year_more": {"zh": "查看 {year} 年的全部关键日期", "en": "All key dates in {year}"},
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
    # versions of imported EU acts and what changed between them (kb/eurlex_views.py)
    "act_versions": {"zh": "本法规的各个版本", "en": "Versions of this act"},
    "act_versions_note": {"zh": "最新版本在前。", "en": "Newest first."},
    "this_version": {"zh": "（本页）", "en": "(this page)"},
    "newest_version": {"zh": "最新版本", "en": "newest version"},
    "version_corrigendum": {"zh": "勘误", "en": "Corrigendum"},
    "what_changed": {"zh": "版本之间的变化", "en": "What changed between versions"},
    "imported_versions": {"zh": "已导入的法规文本", "en": "Imported texts of this act"},
    "imported_versions_note": {
        "zh": "最新版本在前；每个链接都是该日期版本的固定地址，可放心引用。",
        "en": "Newest first; each link is the lasting address of the version of that date, safe to cite.",
    },
    "what_changed_link": {"zh": "比较此版本与上一版本", "en": "Compare with the previous version"},
    "changes_title": {"zh": "{act}：{old} 至 {new} 的变化", "en": "{act}: changes from {old} to {new}"},
    "changes_intro": {
        "zh": "逐条列出两个版本之间新增、删除和修改的条款与附件（逐词比较）。序言部分不作比较：合并文本不收录鉴于条款。",
        "en": "Articles and annexes added, removed and changed between the two versions, word by word. "
        "Recitals are not compared: consolidated texts do not reprint them.",
    },
    "changes_none": {
        "zh": "两个版本的条款与附件文字相同。",
        "en": "The articles and annexes of the two versions read the same.",
    },
    "changes_one_version": {
        "zh": "本法规只导入了一个版本，无从比较。",
        "en": "Only one version of this act is imported: there is nothing to compare.",
    },
    "changes_counts": {
        "zh": "新增 {added} 处，删除 {removed} 处，修改 {changed} 处。",
        "en": "{added} added, {removed} removed, {changed} changed.",
    },
    "change_added": {"zh": "新增", "en": "Added"},
    "change_removed": {"zh": "删除", "en": "Removed"},
    "change_changed": {"zh": "修改", "en": "Changed"},
    "changed_by": {"zh": "修订或更正依据", "en": "Amended or corrected by"},
    "compare_from": {"zh": "旧版本", "en": "Older version"},
    "compare_to": {"zh": "新版本", "en": "Newer version"},
    "compare": {"zh": "比较", "en": "Compare"},
    "words_added": {"zh": "新增文字", "en": "added words"},
    "words_removed": {"zh": "删除文字", "en": "removed words"},
    "cite_link": {"zh": "链接", "en": "Link"},
    "cite_citation": {"zh": "引用格式", "en": "Citation"},
    "cite_markdown": {"zh": "Markdown", "en": "Markdown"},
    "cite_sections": {"zh": "引用某一节", "en": "Cite a section"},
    "cite_help": {"zh": "可粘贴到课件、邮件或文档中。", "en": "Paste into slides, e-mails or documents."},
    "copy": {"zh": "复制", "en": "Copy"},
    "copied": {"zh": "已复制", "en": "Copied"},
    "citation": {"zh": "{title}，{site}，{url}", "en": "“{title}”, {site}, {url}"},
    "citation_checked": {
        "zh": "{title}，{site}，{url}（最近核对：{date}）",
        "en": "“{title}”, {site}, {url} (last checked {date})",
    },
    "section_of": {"zh": "{title}：{section}", "en": "{title}: {section}"},
    "legal_texts": {"zh": "法规全文（EUR-Lex 导入）", "en": "Legal texts (imported from EUR-Lex)"},
    "legal_texts_note": {
        "zh": "每部法规列出最新导入的版本，其他版本列在其后。",
        "en": "Each act is listed by its newest imported version; its other versions follow it.",
    },
    "other_versions": {"zh": "其他版本", "en": "Other versions"},
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
    "celex_not_here": {
        "zh": "本站没有这部法规的页面，也没有导入它的全文。",
        "en": "This site has no page on this act and no imported text of it.",
    },
    "read_on_eurlex": {"zh": "在 EUR-Lex 上阅读 CELEX {celex}", "en": "Read CELEX {celex} on EUR-Lex"},
    "opensearch_short": {"zh": "绿色贸易壁垒", "en": "Green barrier KB"},
    # site footer (templates/base.html)
    "footer_sources": {
        "zh": "来源：每页在“来源”一节列出其依据，具体到条款。欧盟法规引自 EUR-Lex，中国法规引自发布部门或国务院。",
        "en": "Sources: every page lists what it relies on, down to the article, under “Sources”. EU acts are "
        "cited to EUR-Lex, Chinese acts to the issuing ministry or the State Council.",
    },
    "footer_eu_reuse": {
        "zh": "欧盟法律文本 © 欧盟，依欧盟委员会 2011/833/EU 号决定注明出处后转用。",
        "en": "EU legal texts © European Union, reused with acknowledgement under Commission Decision 2011/833/EU.",
    },
    "footer_terms": {
        "zh": "本站文字均为自行撰写，仅供参考，不构成法律意见；软件采用 MIT 许可证。",
        "en": "Every sentence on this site is our own; it is guidance, not legal advice. "
        "Software under the MIT licence.",
    },
    "opensearch_description": {
        "zh": "搜索欧盟绿色贸易壁垒知识库",
        "en": "Search the EU Green Trade Barrier Knowledge Base",
    },
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
    app.jinja_env.globals.update(
        t=translate,
        label=label,
        OTHER=OTHER,
        LANGS=LANGS,
        same_page_in=same_page_in,
        has_language_versions=has_language_versions,
    )
