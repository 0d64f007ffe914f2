"""Small helpers rules share: how to name a card or quote text in a message."""

from __future__ import annotations

from digest_lint.model.article import Card


def quote(text: str, limit: int = 24) -> str:
    """``「…」`` around ``text``, cut to ``limit`` characters."""
    text = text.strip()
    return f"「{text[:limit]}…」" if len(text) > limit else f"「{text}」"


def card_name(card: Card) -> str:
    """How a message names a card: its headline, else its first bullet, else its URL."""
    if card.headline is not None:
        return "card " + quote(card.headline.body)
    if card.bullets:
        return "card " + quote(card.bullets[0].body)
    if card.citation is not None and card.citation.url:
        return f"card citing {card.citation.url}"
    return f"card {card.index + 1}"
