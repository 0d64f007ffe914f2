"""Cited URLs: normalisation (for DL105/DL106), publishers by domain (DL102/DL103),
and dates written into URLs (DL107)."""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import parse_qsl, urlencode

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
        host = _bare(split_url(url).host)
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


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def label_key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "")


_TAGLINE_SPLIT = re.compile(r"[:：|｜]| {1}|\u3000")


def publisher_part(label: str) -> str:
    """``ロイター 経済、株価…`` → ``ロイター``; ``朝日新聞+:世界の…`` → ``朝日新聞+``."""
    return _TAGLINE_SPLIT.split(label.strip(), maxsplit=1)[0]


@dataclass(frozen=True, slots=True)
class UrlParts:
    scheme: str
    host: str
    """Lower case, no user info, no port; IPv6 hosts without brackets."""
    port: str
    """As written (``8080``, or text that is no port at all): never interpreted."""
    path: str
    query: str
    netloc_end: int
    """Where the path starts in the URL."""


_NETLOC = re.compile(r"^(?:[^@/?#]*@)?(?P<host>\[[^\]/?#]*\]?|[^:/?#]*)(?::(?P<port>[^/?#]*))?")


def split_url(url: str) -> UrlParts:
    """The parts of a URL as written; never raises (``urllib`` rejects a port that is no
    number, ``:99999``, and ``http://[x/a``: text an editor may well write)."""
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    end = len(rest)
    for ch in "/?#":
        i = rest.find(ch)
        if i != -1:
            end = min(end, i)
    netloc, tail = rest[:end], rest[end:]
    m = _NETLOC.match(netloc)
    host = (m["host"] if m else netloc).strip("[]").lower()
    port = (m["port"] or "") if m else ""
    path, _, query = tail.partition("?")
    path = path.partition("#")[0]
    query = query.partition("#")[0]
    return UrlParts(scheme.lower(), host, port, path, query, len(url) - len(tail))


def normalize_url(url: str, tracking: Sequence[str] = ()) -> str:
    """The identity of a cited source: no scheme, host lower-case without ``www.``, no
    trailing slash, no fragment, no tracking query parameters, sorted query."""
    parts = split_url(url)
    host = _bare(parts.host)
    if parts.port:
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or ""
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not any(fnmatch.fnmatch(k.lower(), t) for t in tracking)
    ]
    q = urlencode(sorted(query))
    return f"{host}{path}" + (f"?{q}" if q else "")


_URL_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)\d{2})(?P<sep>[-/_]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])"
)


def dates_in_url(url: str) -> list[tuple[dt.date, int, int]]:
    """Dates written into a URL's path or query: ``20250319``, ``2025-01-02``,
    ``2025/03/19``, ``k=2025030100435``; with their offsets in ``url``."""
    offset = split_url(url).netloc_end
    rest = url[offset:]
    out: list[tuple[dt.date, int, int]] = []
    for m in _URL_DATE.finditer(rest):
        try:
            d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        out.append((d, offset + m.start(), offset + m.end()))
    return out
