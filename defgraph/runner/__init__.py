"""Batch jobs that move inputs through the stages into a store."""
from defgraph.runner.ingest import IngestReport, ingest_paths

__all__ = ["IngestReport", "ingest_paths"]
