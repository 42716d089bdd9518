"""The search query language: parsed here once, translated to SQLite FTS5, PostgreSQL tsquery and tantivy.

Reads the text a user typed; writes a ``Query`` (groups of terms that must all match, each group
matching when one of its terms does, and terms that must not match), then each backend's match
expression. The language:

- ``S-400 delivery``: words; a document must contain every one (in its title or text).
- ``"joint venture"``: a phrase, its words in that order.
- ``BrahMos OR Akash``: either; ``OR`` (in capitals) binds the terms on each side of it.
- ``-Pakistan``, ``-"joint venture"``: exclude documents containing the word or phrase.

Words match their stems (delivery, deliveries) whatever their case; the possessive ``'s`` is dropped.
Common English words (the, and, not, of, ...: PostgreSQL's English stop words) are not searched on
either backend, so a query of such words alone, or of exclusions alone, matches nothing. ``AND`` and
``NOT`` are plain words, and so are FTS5's or tsquery's own operators. At most ``MAX_WORDS`` words
(E115). Both backends then return the same documents, up to how their stemmers and word splitters
differ on rare words (accents: SQLite folds them, PostgreSQL does not).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from defgraph.errors import InputError

MAX_WORDS = 32
MAX_QUERY_CHARS = 2000
# PostgreSQL's English stop words (the 'english' text search configuration drops them from the index)
STOP_WORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below between
both but by can did do does doing don down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
off on once only or other our ours ourselves out over own s same she should so some such t than that the their
theirs them themselves then there these they this those through to too under until up very was we were what
when where which while who whom why will with you your yours yourself yourselves
""".split())
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Query:
    """``required``: groups of alternative terms, every group must match; ``excluded``: terms none may."""

    required: tuple[tuple[str, ...], ...]
    excluded: tuple[str, ...]


def _term(text: str) -> str | None:
    """A word or phrase as it is searched: possessives dropped; None when it has no word to search for."""
    text = _POSSESSIVE.sub("", text).strip()
    return text if any(word not in STOP_WORDS for word in _WORD.findall(text.lower())) else None


def parse_query(text: str) -> Query:
    """The ``Query`` a user's search text means; raises ``InputError`` E115 above ``MAX_WORDS`` words."""
    if len(text) > MAX_QUERY_CHARS:
        raise InputError("E115", detail=f"{len(text)} characters", limit=MAX_WORDS, chars=MAX_QUERY_CHARS)
    words = len(_WORD.findall(text))
    if words > MAX_WORDS:
        raise InputError("E115", detail=f"{words} words", limit=MAX_WORDS, chars=MAX_QUERY_CHARS)
    required: list[list[str]] = []
    excluded: list[str] = []
    joined = False  # the last token was OR: the next term joins the last group
    for match in _TOKEN.finditer(text):
        negated, phrase, word = match.groups()
        if word == "OR":
            joined = bool(required)
            continue
        if word and word.startswith("-") and len(word) > 1:
            negated, word = "-", word[1:]
        term = _term(phrase if word is None else word)
        if term is None:
            continue
        if negated:
            excluded.append(term)
        elif joined:
            required[-1].append(term)
        else:
            required.append([term])
        joined = False
    return Query(tuple(map(tuple, required)), tuple(excluded))


def _fts5_term(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'  # a quoted string: FTS5 reads its words as a phrase


def to_fts5(query: Query) -> str | None:
    """The FTS5 ``MATCH`` expression of ``query``; None when nothing is required."""
    if not query.required:
        return None
    groups = " AND ".join("(" + " OR ".join(map(_fts5_term, group)) + ")" for group in query.required)
    if not query.excluded:
        return groups
    return f"({groups}) NOT ({' OR '.join(map(_fts5_term, query.excluded))})"


def to_tsquery(query: Query) -> tuple[str, list[str]] | None:
    """A PostgreSQL expression of type tsquery for ``query`` (``%s`` placeholders) and its parameters."""
    if not query.required:
        return None
    term = "phraseto_tsquery('english', %s)"
    sql = " && ".join("(" + " || ".join([term] * len(group)) + ")" for group in query.required)
    params = [text for group in query.required for text in group]
    if query.excluded:
        sql = f"({sql}) && !!({' || '.join([term] * len(query.excluded))})"
        params += query.excluded
    return sql, params


def _tantivy_term(term: str) -> str:
    return '"' + re.sub(r'["\\]', " ", term) + '"'  # a phrase: tantivy's parser splits it with the field's tokenizer


def to_tantivy(query: Query) -> str | None:
    """The tantivy query-parser text of ``query``; None when nothing is required."""
    if not query.required:
        return None
    parts = ["+(" + " ".join(map(_tantivy_term, group)) + ")" for group in query.required]
    parts += ["-" + _tantivy_term(term) for term in query.excluded]
    return " ".join(parts)
