"""The corpus model and its checks: loading pages, sections, header rules, key dates, the lexicon."""
