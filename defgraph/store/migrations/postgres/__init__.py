"""PostgreSQL migrations (a package so that its ``.sql`` files ship with defgraph)."""
