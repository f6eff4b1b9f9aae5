// Progressive enhancements only: the site works without this file.
