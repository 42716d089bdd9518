"""Every error defgraph reports to a user, with a stable code.

The exception tree is short:

- ``DefgraphError``: the base; ``str(error)`` is a message that names the input and what to do.
  - ``InputError``: an input file, record or argument that cannot be read (quarantined in batches).
  - ``StoreError``: the database cannot be opened, migrated or written.
  - ``CatalogueError`` (in ``defgraph.catalogue.loader``): the domain catalogue data is invalid.

Messages live in ``MESSAGES`` under their code so that they are written, reviewed and tested in one
place; raise with ``InputError("E101", path=..., ...)``.
"""
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # input (E1xx): quarantine reasons and unreadable arguments
    "E101": "{path}: the file is empty; nothing to ingest.",
    "E102": "{path}: the file looks binary ({detail}); give a .txt, .html, .jsonl or .warc(.gz) file.",
    "E103": "{path}: the text is not valid UTF-8 or any encoding we can detect ({detail}); re-save it as UTF-8.",
    "E104": "{path}: the file is {size} bytes, over the {limit}-byte limit; split it or raise --max-bytes.",
    "E105": "{path}: line {line} is not valid JSON ({detail}); fix or remove that line.",
    "E106": "{path}: line {line} has no 'text' field; each JSON line needs at least 'text'.",
    "E107": "{path}: the WARC file is truncated or corrupt ({detail}); the records before the damage were kept.",
    "E108": "{path}: no main text could be extracted from the HTML page; check it is an article page.",
    "E109": "{path}: no such file or directory; check the path or the glob.",
    "E110": "{path}: unsupported file type '{suffix}'; give .txt, .html, .htm, .jsonl, .warc or .warc.gz.",
    "E111": "{path}: the header block is malformed ({detail}); use 'key: value' lines then a line '---'.",
    "E112": "{path}: the article text is too short to be news ({detail}).",
    "E113": "{path}: extraction failed ({detail}); the document was quarantined, please report it as a bug.",
    "E114": "{path}: the file cannot be read ({detail}); check that it exists and that you may read it.",
    "E115": "the search query is too long ({detail}); search for at most {limit} words in {chars} characters.",
    "E120": "{path}: no header row with the columns {columns}; export the register from SIPRI as CSV or name those columns.",
    "E121": "{path}: cannot write the export ({detail}); check that the folder exists and that you may write there.",
    "E122": "{path}: the export would overwrite the database {db}; give --out another file.",
    "E123": "--out - (standard output) works for {formats} only; {fmt} writes a file or folder: give its path.",
    # setup (E15x)
    "E150": "{feature} needs the package '{package}', which is not installed; reinstall defgraph (pip install -e .) "
            "or pip install {package}.",
    "E151": "{names}: a locked gold set is scored, never learnt from; train on real-train or dev.",
    "E152": "{path}: workers on other machines cannot share a SQLite file; give --db a PostgreSQL URL "
            "(postgresql://HOST:5432/DB) or use --cluster local:N.",
    "E153": "{value}: not a local cluster; give --cluster local:N with N the number of worker processes.",
    # store (E2xx)
    "E201": "{path}: cannot open the database ({detail}); check the path and that you may write there.",
    "E202": "{path}: the database schema is version {found}, newer than this defgraph knows ({known}); upgrade defgraph.",
    "E203": "{url}: cannot connect to PostgreSQL ({detail}); check the URL and that the server runs.",
    "E204": "No document with id {doc_id} in {path}; list documents with 'defgraph search' or 'defgraph stats'.",
    "E205": "No entity matches '{name}' in {path}.{suggestions}",
    "E206": "{url}: PostgreSQL needs psycopg, which is not installed; pip install 'defgraph[postgres]'.",
    # web (E4xx): what the web app and its JSON API answer a visitor; never a server path or a command to run
    "E401": "No article with id {doc_id}; find articles with the search or in the list of articles.",
    "E402": "No entity with id '{entity_id}'.{suggestions}",
    "E403": "Nothing at this address; the overview at / links to every page and /api/openapi.json lists the API.",
    "E404": "This site is read-only: {method} is not allowed here; use GET or HEAD.",
    "E405": "The request cannot be answered as sent ({reason}).",
    "E410": "{param}: {problem}.",
    "E411": "{param}: '{value}' is not a calendar date; give YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2021-03-05.",
    "E412": "{param}: no {kind} named '{value}' is stored{known_as}.{suggestions}",
    "E413": "{param}: control characters cannot be searched for; remove them.",
    "E414": "{param}: give at least one word to search for.",
    "E430": "Unexpected error ({kind}) while answering; please report it with the address you asked for.",
    "E431": "The knowledge base cannot be read right now; try again in a moment or tell the site's operator.",
    "E207": "{path}: cannot write to the database ({detail}); that batch was not stored: run the command again.",
}


class DefgraphError(Exception):
    """Base of every error defgraph raises on purpose."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = MESSAGES.get(code, code)
        try:
            message = template.format(**fields)
        except KeyError:  # a missing field must not hide the error itself
            message = f"{template} {fields}"
        super().__init__(f"[{code}] {message}")


class InputError(DefgraphError):
    """An input cannot be read; in a batch it is quarantined and the batch goes on."""


class StoreError(DefgraphError):
    """The database cannot be opened, migrated or written."""
