"""The coverage rules: one module per group of rules, found automatically.

Rule modules use ``from . import Hit, Option, RuleContext, rule``; the
registry itself is :mod:`.registry` (it imports no rule module until
:data:`REGISTRY` is first used).
"""

from __future__ import annotations

from ..model.settings import SEVERITIES, Option
from .registry import (
    REGISTRY,
    Hit,
    Rule,
    RuleContext,
    order_key,
    phase_names,
    rule,
    run_rules,
)

__all__ = [
    "REGISTRY",
    "SEVERITIES",
    "Hit",
    "Option",
    "Rule",
    "RuleContext",
    "order_key",
    "phase_names",
    "rule",
    "run_rules",
]
