"""The kinds of target ntm ships: one module each, registered here.

The plan names a kind by its word (``kind: level``); the registry
(:func:`ntm_tracker.core.kind.get`) finds it. Every question about a kind (how a year is
judged, what its sentences say) is asked of the kind object
(:class:`~ntm_tracker.core.kind.TargetKind`), never answered by branching on its name.
A kind defined elsewhere (a test's toy kind, a future form of target) joins with
:func:`~ntm_tracker.core.kind.register`. Importing this package registers the kinds
below; the plan file's owner does.
"""

from __future__ import annotations

from ntm_tracker.core.kind import (
    Basis,
    Running,
    TargetKind,
    all_kinds,
    get,
    names,
    register,
    unregister,
)
from ntm_tracker.core.kinds import (
    annual,
    average,
    cumulative,
    growth,
    indicative,
    level,
    maintained,
    milestone,
)

LEVEL = register(level.KIND)
CUMULATIVE = register(cumulative.KIND)
AVERAGE = register(average.KIND)
ANNUAL = register(annual.KIND)
MAINTAINED = register(maintained.KIND)
MILESTONE = register(milestone.KIND)
GROWTH = register(growth.GROWTH)
REDUCTION = register(growth.REDUCTION)
INDICATIVE = register(indicative.KIND)

__all__ = [
    "ANNUAL",
    "AVERAGE",
    "CUMULATIVE",
    "GROWTH",
    "INDICATIVE",
    "LEVEL",
    "MAINTAINED",
    "MILESTONE",
    "REDUCTION",
    "Basis",
    "Running",
    "TargetKind",
    "all_kinds",
    "get",
    "names",
    "register",
    "unregister",
]
