"""Extraction: one article in, its entities, roles, quotes and facts with evidence out."""
from defgraph.extraction.pipeline import build_nlp, extract_articles, get_nlp

__all__ = ["build_nlp", "extract_articles", "get_nlp"]
