"""Today's date for the pages that depend on it (timeline, a product's coming dates).

`app.config["TODAY"]` (a date or 'YYYY-MM-DD') overrides the server's clock, so tests can move
"today" past a key date and see it change from coming to recent.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app


def today() -> dt.date:
    value = current_app.config.get("TODAY")
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if value else dt.date.today()
