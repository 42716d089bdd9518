"""Cross-article knowledge: merged deals, conflicts, timelines, dossiers, the trade register, reconciliation.

Every analysis is a pure function of a ``Knowledge`` (``knowledge.load_knowledge(store)`` reads one),
one module per analysis: ``merge`` (one record per deal, support counted by near-duplicate cluster),
``conflicts``, ``timeline``, ``dossier``, ``register`` and ``reconcile`` (against a SIPRI CSV);
``names`` turns what a user types into entity ids.
"""
from defgraph.analyse.conflicts import Conflict, find_conflicts
from defgraph.analyse.dossier import dossier
from defgraph.analyse.knowledge import Knowledge, Source, build_knowledge, load_knowledge
from defgraph.analyse.merge import MergedTransfer, merge_transfers
from defgraph.analyse.names import resolve
from defgraph.analyse.reconcile import Reconciliation, read_sipri, reconcile
from defgraph.analyse.register import RegisterRow, register
from defgraph.analyse.timeline import TimelineEntry, timeline

__all__ = [
    "Conflict", "Knowledge", "MergedTransfer", "Reconciliation", "RegisterRow", "Source", "TimelineEntry",
    "build_knowledge", "dossier", "find_conflicts", "load_knowledge", "merge_transfers", "read_sipri",
    "reconcile", "register", "resolve", "timeline",
]
