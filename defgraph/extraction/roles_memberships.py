"""Offices a verb or a membership gives, for the roles component: "X, who heads Y", "X, a member of the Y Board".

Reads the document's tokens and the linked mentions (``roles_phrases.index_mentions``); writes ``Candidate``s.
"""
from __future__ import annotations

from spacy.tokens import Doc

from defgraph.extraction.roles_candidates import Candidate, person_subject
from defgraph.extraction.roles_phrases import BODY_TYPES, Named, Phrase, mention_after, note_body, title_text
from defgraph.extraction.roles_vocabulary import Title, Vocabulary


def heads(doc: Doc, cover: list[Named | None], verbs: dict[str, str], found: list[int]) -> list[Candidate]:
    """"X, who heads Y": the verb (at the token indices ``found`` after ", who") names the office."""
    candidates = []
    for i in found:
        title = verbs[doc[i].lower_]
        person, body = cover[i - 3], mention_after(doc, i + 1, cover)
        if person is None or person.entity.type != "Person" or body is None or body.entity.type not in BODY_TYPES:
            continue
        phrase = Phrase(Title(title, "body", title), i, body.end, [i], False)
        note_body(phrase, body.entity)
        candidates.append(Candidate(person, phrase, phrase.title, [], person.start, body.end, stated=title))
    return candidates


def memberships(doc: Doc, cover: list[Named | None], vocab: Vocabulary) -> list[Candidate]:
    """"X, a career member of the Senior Foreign Service,", "X served as a member of the Y Commission", "X is a member
    of the Y Board": the membership of a body a biography gives, beside the person's other offices (after a comma,
    "serves as" or "is"/"was", with "a" and the body named after "of")."""
    candidates = []
    for token in doc:
        i = token.i
        if token.lower_ not in vocab.member_nouns or i < 3 or i + 2 >= len(doc) or doc[i + 1].lower_ != "of":
            continue
        body = mention_after(doc, i + 2, cover)
        if body is None or body.entity.type != "Organization":
            continue
        words, k = [i], i - 1
        if doc[k].lower_ in vocab.member_qualifiers:
            words, k = [k, i], k - 1
        if doc[k].lower_ not in ("a", "an") or k < 2:
            continue
        if doc[k - 1].text == ",":
            named = cover[k - 2]
            person = named if named is not None and named.entity.type == "Person" and named.end == k - 1 else None
        elif doc[k - 1].lower_ == "as" and doc[k - 2].lower_ in vocab.serving:
            person = person_subject(doc, k - 3, cover)
        elif doc[k - 1].lower_ in vocab.member_being:
            person = person_subject(doc, k - 2, cover, pronoun=False)
        else:
            continue
        if person is None:
            continue
        title = Title(title_text(doc, words, False), "body", "member")
        phrase = Phrase(title, k, body.end, words, False, det=doc[k].lower_, extended=True)
        note_body(phrase, body.entity)
        candidates.append(Candidate(person, phrase, title, words, min(person.start, k), body.end,
                                    stated=title.text, further=True))
    return candidates
