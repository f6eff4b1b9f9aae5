"""The `kb` command: Flask's click group over `create_app`, so every command sees the app's config."""
from flask.cli import FlaskGroup

from kb import create_app


def main():
    FlaskGroup(create_app=create_app, add_default_commands=False, set_debug_flag=False,
               help="Green trade barrier knowledge base: check and build the index, search, serve.")()
