"""The `kb` command: Flask's click group over `create_app`, so every command sees the app's config.

`kb search` alone skips the group: it needs only the index, and importing the app doubles its start-up.
"""

import sys


def main():
    if sys.argv[1:2] == ["search"]:
        from kb.search_cli import search_command

        return search_command(args=sys.argv[2:], prog_name="kb search")
    from flask.cli import FlaskGroup

    from kb import create_app

    FlaskGroup(
        create_app=create_app,
        add_default_commands=False,
        set_debug_flag=False,
        help="Green trade barrier knowledge base: check and build the index, search, serve.",
    )()
