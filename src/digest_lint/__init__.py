"""digest-lint: an editorial linter for Japanese news-digest articles."""

__version__ = "0.1.0"
