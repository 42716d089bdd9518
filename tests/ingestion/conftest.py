"""Fixtures for the ingestion tests: a short wire story of our own and a file writer."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

# A story written for these tests; the spokesperson and her words are fictional.
STORY_PARAGRAPHS = (
    "The Indian Navy on Monday took delivery of the second of four Krivak-class frigates built at a "
    "Russian shipyard, officials said, after sea trials in the Baltic that lasted nearly three months.",
    "The frigate will sail for its home port of Karwar next month with a crew of about 180, and is "
    "expected to join the Western Fleet before the end of the year, the officials added.",
    '"The ship has met every parameter set out in the contract, and the crew is ready to bring her '
    'home," navy spokesperson Meera Kulkarni said in a statement issued in the evening.',
    "Goa Shipyard Limited is building the last two frigates of the class under licence, helped by Russian "
    "engineers, and a Ukrainian firm makes the gas turbines that drive them.",
    "The contract for the four ships was signed in October 2018 during a summit in New Delhi, and the "
    "first of the series was handed over last year after delays caused by sanctions on parts suppliers.",
    "Defence analysts said the deliveries showed that military cooperation between India and Russia "
    "continued despite pressure from Western governments over purchases of Russian hardware.",
)
STORY_BODY = "\n\n".join(STORY_PARAGRAPHS)


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text or bytes to a file under the test's temporary folder and return its path."""

    def write_file(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write_file


@pytest.fixture
def story() -> str:
    """The body of a six-paragraph wire story (about 250 words)."""
    return STORY_BODY


@pytest.fixture
def story_paragraphs() -> tuple[str, ...]:
    return STORY_PARAGRAPHS
