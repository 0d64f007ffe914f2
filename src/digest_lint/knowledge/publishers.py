"""Cited URLs: normalisation (for DL105/DL106), publishers by domain (DL102/DL103),
and dates written into URLs (DL107)."""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import unicodedata
from functools import cached_property
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import field_validator

from digest_lint.knowledge import packs


class Publisher(packs.PackModel):
    name: str
    domains: list[str]
    labels: list[str]
    aggregator: bool = False

    @field_validator("domains")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        for d in value:
            if "/" in d or " " in d:
                raise ValueError(f"{d!r} is not a host name")
        return [d.lower() for d in value]


class PublishersPack(packs.PackModel):
    source: str
    checked: dt.date | str
    publishers: list[Publisher]
    generic_labels: list[str]
    tracking_params: list[str] = []

    @cached_property
    def _by_host(self) -> dict[str, Publisher]:
        out: dict[str, Publisher] = {}
        for p in self.publishers:
            for d in p.domains:
                out[_bare(d)] = p
        return out

    def for_url(self, url: str) -> Publisher | None:
        host = _bare(urlsplit(url).hostname or "")
        while host:
            if host in self._by_host:
                return self._by_host[host]
            host = host.partition(".")[2] if "." in host else ""
        return None

    def named_by(self, label: str) -> Publisher | None:
        """The publisher whose label the given label starts with (longest match)."""
        key = label_key(label)
        best: tuple[int, Publisher] | None = None
        for p in self.publishers:
            for form in p.labels:
                f = label_key(form)
                if f and key.startswith(f) and (best is None or len(f) > best[0]):
                    best = (len(f), p)
        return best[1] if best else None

    def is_generic(self, label: str) -> bool:
        part = label_key(publisher_part(label))
        return any(part == label_key(g) for g in self.generic_labels)


def load_publishers(extra_dirs: tuple[str, ...] = ()) -> PublishersPack:
    return packs.load("publishers", PublishersPack, extra_dirs)


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def label_key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "")


_TAGLINE_SPLIT = re.compile(r"[:：|｜]| {1}|\u3000")


def publisher_part(label: str) -> str:
    """``ロイター 経済、株価…`` → ``ロイター``; ``朝日新聞+:世界の…`` → ``朝日新聞+``."""
    return _TAGLINE_SPLIT.split(label.strip(), maxsplit=1)[0]


def normalize_url(url: str, tracking: list[str] = ()) -> str:  # type: ignore[assignment]
    """The identity of a cited source: no scheme, host lower-case without ``www.``, no
    trailing slash, no fragment, no tracking query parameters, sorted query."""
    parts = urlsplit(url.strip())
    host = _bare(parts.hostname or "")
    if parts.port:
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or ""
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not any(fnmatch.fnmatch(k.lower(), t) for t in tracking)
    ]
    q = urlencode(sorted(query))
    return urlunsplit(("", host, path, q, "")).lstrip("/")


_URL_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)\d{2})(?P<sep>[-/_]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])"
)


def dates_in_url(url: str) -> list[tuple[dt.date, int, int]]:
    """Dates written into a URL's path or query: ``20250319``, ``2025-01-02``,
    ``2025/03/19``, ``k=2025030100435``; with their offsets in ``url``."""
    parts = urlsplit(url)
    offset = len(parts.scheme) + 3 + len(parts.netloc)
    rest = url[offset:]
    out: list[tuple[dt.date, int, int]] = []
    for m in _URL_DATE.finditer(rest):
        try:
            d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        out.append((d, offset + m.start(), offset + m.end()))
    return out
