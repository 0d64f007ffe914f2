"""The rule registry: one explicit table, in code order.

Add a rule by writing its module (one rule per module, named after its code and name)
and adding its class here. Nothing is discovered by scanning directories.
"""

from __future__ import annotations

from digest_lint.rules.base import Rule
from digest_lint.rules.dl001_unused_suppression import UnusedSuppression
from digest_lint.rules.dl002_front_matter_error import FrontMatterError
from digest_lint.rules.dl101_card_missing_date import CardMissingDate
from digest_lint.rules.dl102_source_label_missing import SourceLabelMissing
from digest_lint.rules.dl103_source_label_generic import SourceLabelGeneric
from digest_lint.rules.dl104_url_glued import UrlGlued
from digest_lint.rules.dl105_duplicate_citation import DuplicateCitation
from digest_lint.rules.dl106_citation_reused import CitationReused
from digest_lint.rules.dl107_citation_date_mismatch import CitationDateMismatch
from digest_lint.rules.dl201_off_topic_summary import OffTopicSummary
from digest_lint.rules.dl202_unsupported_claim import UnsupportedClaim
from digest_lint.rules.dl301_title_drift import TitleDrift
from digest_lint.rules.dl302_stale_title import StaleTitle
from digest_lint.rules.dl303_name_variant import NameVariant
from digest_lint.rules.dl304_orthographic_variant import OrthographicVariant
from digest_lint.rules.dl401_date_after_sources import DateAfterSources
from digest_lint.rules.dl402_stale_citation import StaleCitation
from digest_lint.rules.dl403_invalid_date import InvalidDate
from digest_lint.rules.dl404_weekday_mismatch import WeekdayMismatch
from digest_lint.rules.dl405_future_date import FutureDate
from digest_lint.rules.dl501_mixed_register import MixedRegister
from digest_lint.rules.dl502_doubled_punctuation import DoubledPunctuation
from digest_lint.rules.dl503_halfwidth_punctuation import HalfwidthPunctuation

RULES: tuple[type[Rule], ...] = (
    # DL0 the linter itself
    UnusedSuppression,
    FrontMatterError,
    # DL1 cards and citations
    CardMissingDate,
    SourceLabelMissing,
    SourceLabelGeneric,
    UrlGlued,
    DuplicateCitation,
    CitationReused,
    CitationDateMismatch,
    # DL2 topic
    OffTopicSummary,
    UnsupportedClaim,
    # DL3 people and titles
    TitleDrift,
    StaleTitle,
    NameVariant,
    OrthographicVariant,
    # DL4 dates
    DateAfterSources,
    StaleCitation,
    InvalidDate,
    WeekdayMismatch,
    FutureDate,
    # DL5 writing
    MixedRegister,
    DoubledPunctuation,
    HalfwidthPunctuation,
)

BY_CODE: dict[str, type[Rule]] = {r.code: r for r in RULES}
BY_NAME: dict[str, type[Rule]] = {r.name: r for r in RULES}
