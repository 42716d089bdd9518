"""The web front end: ``defgraph serve`` runs a read-only JSON API and HTML pages over a store.

Reads a SQLite store (opened read-only) through ``reader.Reader``, which keeps the store's facts as a
``Knowledge`` and reloads it when the file changes; ``browse`` turns it into the lists, pages and graph
the routes return; ``api`` holds the JSON routes under ``/api/``, ``pages`` the server-rendered pages.
Routes only parse parameters and call one function: no SQL and no logic in handlers.
"""
from __future__ import annotations

from defgraph.serve.app import create_app

__all__ = ["create_app"]
