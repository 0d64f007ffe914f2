"""Small helpers rules share: how to name a card or quote text in a message."""

from __future__ import annotations

from digest_lint.model.article import Card


def quote(text: str, limit: int = 24) -> str:
    """``「…」`` around ``text``, cut to ``limit`` characters."""
    text = text.strip()
    return f"「{text[:limit]}…」" if len(text) > limit else f"「{text}」"


def card_name(card: Card, lang: str = "en") -> str:
    """How a message names a card: its headline, else its first bullet, else its URL."""
    ja = lang != "en"
    if card.headline is not None:
        return ("カード" if ja else "card ") + quote(card.headline.body)
    if card.bullets:
        return ("カード" if ja else "card ") + quote(card.bullets[0].body)
    if card.citation is not None and card.citation.url:
        return f"{card.citation.url}を引くカード" if ja else f"card citing {card.citation.url}"
    return f"{card.index + 1}番目のカード" if ja else f"card {card.index + 1}"
