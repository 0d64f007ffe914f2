"""The rule registry: one explicit table, in code order.

Add a rule by writing its module (one rule per module, named after its code and name)
and adding its class here. Nothing is discovered by scanning directories.
"""

from __future__ import annotations

from digest_lint.rule import Rule
from digest_lint.rules.dl101_card_missing_date import CardMissingDate
from digest_lint.rules.dl102_source_label_missing import SourceLabelMissing
from digest_lint.rules.dl103_source_label_generic import SourceLabelGeneric
from digest_lint.rules.dl104_url_glued import UrlGlued
from digest_lint.rules.dl105_duplicate_citation import DuplicateCitation
from digest_lint.rules.dl106_citation_reused import CitationReused
from digest_lint.rules.dl107_citation_date_mismatch import CitationDateMismatch

RULES: tuple[type[Rule], ...] = (
    # DL1 cards and citations
    CardMissingDate,
    SourceLabelMissing,
    SourceLabelGeneric,
    UrlGlued,
    DuplicateCitation,
    CitationReused,
    CitationDateMismatch,
)

BY_CODE: dict[str, type[Rule]] = {r.code: r for r in RULES}
BY_NAME: dict[str, type[Rule]] = {r.name: r for r in RULES}
