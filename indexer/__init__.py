"""Text analysis, corpus loading, EUR-Lex import and the search index. The only package that imports whoosh."""
