"""Office holders: a person the article refers to only by office ("The Foreign Secretary said").

Reads the linked ``doc._.entities`` and ``doc._.roles``; adds to ``doc._.entities`` one unnamed
``Person`` per office so referred to, with an ``office`` mention for every such phrase, so that quotes,
dossiers and recall can use it. The id is stable: ``person:office-<country or body>-<office>``
(``person:office-uk-foreign-secretary``), the country or body taken from the phrase ("the Iraqi
Foreign Minister", "commander of U.S. Central Command"), else none (the country an article names most is
often not the office's); a later bare phrase joins the one qualified entity with that office. The name
is the office phrase as written.

Where the line is drawn (gold sets that list only named people count every such entity as a false
positive, so only phrases that plainly stand for one person are taken):
- the office is capitalised as a title ("Foreign Secretary", "Secretary of State") and definite ("the",
  sentence-initial) or qualified by a country or body; or it is a lower-case spokesman, commander or
  general qualified by a country or body ("a Russian military spokesman", "Central Command spokesman");
- nothing is made where the roles component already gave the office to a named holder (an ``office``
  mention or a role's evidence covers the phrase), where a name follows the title ("Foreign Secretary
  Jane Doe", "the Foreign Secretary, Jane Doe", "Jane Doe, the Foreign Secretary"), after "former" or a possessive ("his Chief of Staff"),
  for plurals, acronyms ("PM", "NSA") and bare generic nouns ("the official", "the minister").
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan

from defgraph.extraction.entities import slug, word_lists
from defgraph.extraction.roles_vocabulary import load_vocabulary
from defgraph.model import Entity, Mention

_JOINERS = {"of", "for", "the", "and", "&", "on"}
_PARTICLES = {"de", "al", "bin", "van", "von", "da", "del", "di", "el"}


class OfficeHolders:
    """The ``defgraph_office_holders`` component (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "defgraph_office_holders") -> None:
        self.name = name
        vocab = load_vocabulary()
        words = word_lists()["office_holders"]
        self.generic = {w.lower() for w in words["generic_titles"]}
        self.lowercase = {w.lower() for w in words["lowercase_titles"]}
        self.modifiers = {w.lower() for w in words["modifiers"]} | set(vocab.modifiers)
        self.blockers = {w.lower() for w in words["blockers"]} | set(vocab.former)
        self.country_words = vocab.country_words
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        texts = {t.text for t in vocab.titles if not t.is_acronym and t.kind != "rank"}
        texts |= set(words["extra_titles"])
        self.matcher.add("office", [nlp.make_doc(t) for t in sorted(texts)])

    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.entities
        if entities is None:
            return doc
        cover = _cover(doc, entities)
        text = doc._.article.text if doc._.article else doc.text  # the same string, not rebuilt
        blocked = bytearray(len(text) + 1)
        for entity in entities:
            for m in entity.mentions:
                if m.kind == "office" or entity.type == "Person":
                    blocked[m.start:m.end] = b"\x01" * (m.end - m.start)
        for role in doc._.roles or []:
            blocked[role.evidence.start:role.evidence.end] = b"\x01" * (role.evidence.end - role.evidence.start)
        spans = _longest(self.matcher(doc), doc)
        named_titles = {span.text.lower() for span in spans if _name_at(doc, span.end, cover)}
        headline = _headline_end(text)
        made: dict[str, Entity] = {}
        for span in spans:
            found = self.holder(doc, span, cover, blocked, named_titles, headline)
            if found is None:
                continue
            start, end, owner, title = found
            entity_id = f"person:office-{owner.split(':', 1)[1] + '-' if owner else ''}{slug(title)}"
            if owner is None:  # "the Foreign Minister" after "the Iraqi Foreign Minister"
                same = [e for e in made.values() if e.id.endswith(f"-{slug(title)}")]
                entity_id = same[0].id if len(same) == 1 else entity_id
            phrase = doc[start:end]
            entity = made.get(entity_id)
            if entity is None:
                entity = made[entity_id] = Entity(entity_id, "Person", phrase.text)
            entity.mentions.append(Mention(phrase.start_char, phrase.end_char, phrase.text, kind="office"))
        doc._.entities = entities + list(made.values())
        return doc

    def holder(self, doc: Doc, span: SpacySpan, cover: list[Entity | None], blocked: bytearray,
               named_titles: set[str], headline: int) -> tuple[int, int, str | None, str] | None:
        """(start, end, owner id, title) of an office phrase standing for an unnamed person, else None."""
        start, end = span.start, span.end
        title_words = [t for t in span if t.is_alpha]
        if not title_words:
            return None
        capitalised = all(t.text[0].isupper() for t in title_words if t.lower_ not in _JOINERS)
        if span.text.lower() in named_titles or span.start_char < headline:
            return None  # the document names a holder ("Foreign Secretary Jane Doe"), the headline speaks of them
        owner = None
        # right: "Secretary of State", "commander of U.S. Central Command", "High Commissioner for Refugees":
        # one entity's mention or a run of capitalised words that no entity covers, never a person
        if end + 1 < len(doc) and doc[end].lower_ in ("of", "for") and capitalised | (cover[end + 1] is not None):
            first = k = end + 1 + (doc[end + 1].lower_ == "the")
            named = cover[first] if first < len(doc) else None
            while k < len(doc) and cover[k] is named and (named is not None and named.type != "Person"
                                                         or named is None and doc[k].text[:1].isupper()):
                owner = owner or _owner(named)
                k += 1
            end = k if k > first else end
        if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in ("designate", "elect"):
            end += 2  # "Prime Minister-designate"
        if end == span.end and span.text.lower() in self.generic:
            return None  # "the minister", but "Minister for the Middle East"
        # left: "the Iraqi", "U.S. Central Command", "a Russian military", "the CJTF-OIR"
        k = start
        while k > 0:
            before = doc[k - 1]
            entity = cover[k - 1]
            if entity is not None and entity.type in ("Country", "Organization"):
                owner = owner or _owner(entity)
            elif before.lower_ in self.country_words:
                owner = owner or self.country_words[before.lower_]
            elif before.lower_ not in self.modifiers:
                break
            k -= 1
        start, det = k, doc[k - 1].lower_ if k > 0 else ""
        if det in self.blockers or det.endswith("'s") or det.endswith("’s"):
            return None
        if any(blocked[doc[start].idx:doc[end - 1].idx + len(doc[end - 1])]):
            return None
        before = start - (det in ("the", "a", "an"))
        if before >= 2 and doc[before - 1].text == "," and (doc[before - 2].pos_ == "PROPN" and (
                cover[before - 2] is None or cover[before - 2].type == "Person")):
            return None  # "Jane Doe, Director of the Press Office": the roles component's to read
        if _name_at(doc, end, cover):
            return None  # "Foreign Secretary Jane Doe", "the Special Envoy de Vries"
        if end + 1 < len(doc) and doc[end].text == "," and cover[end + 1] is not None \
                and cover[end + 1].type == "Person":
            return None  # "the Foreign Secretary, Jane Doe,"
        if end < len(doc) and doc[end].tag_ in ("NNS", "NN") and doc[end].text.islower():
            return None  # "Defence Secretary level talks": a modifier, no person
        definite = det == "the" or start == 0 or doc[start].is_sent_start
        lowered = span[-1].lower_ in self.lowercase  # "spokesman", "Foreign Office spokesman"
        if not (capitalised and (definite or owner) or lowered and (owner or len(span) > 1)):
            return None
        title = []  # the office less a country or body inside it ("U.S. Secretary of State")
        for token in span:
            inside = _owner(cover[token.i]) or self.country_words.get(token.lower_)
            owner = owner or inside
            title += [] if inside else [token.text]
        return start, end, owner, " ".join(title) or span.text


def _longest(matches: list[tuple[int, int, int]], doc: Doc) -> list[SpacySpan]:
    taken: set[int] = set()
    spans = []
    for _, s, e in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if taken.isdisjoint(range(s, e)):
            taken.update(range(s, e))
            spans.append(doc[s:e])
    return sorted(spans, key=lambda s: s.start)


def _cover(doc: Doc, entities: list[Entity]) -> list[Entity | None]:
    """The entity each token belongs to, if any."""
    cover: list[Entity | None] = [None] * len(doc)
    for entity in entities:
        for m in entity.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for i in range(span.start, span.end) if span is not None else ():
                cover[i] = cover[i] or entity
    return cover


def _owner(entity: Entity | None) -> str | None:
    return entity.id if entity is not None and entity.type in ("Country", "Organization") else None


def _name_at(doc: Doc, k: int, cover: list[Entity | None]) -> bool:
    """A person's name starts at token ``k``, or after a comma there ("the Foreign Secretary, Jane Doe")."""
    if k + 1 < len(doc) and doc[k].text == ",":
        k += 1
    if k >= len(doc):
        return False
    if cover[k] is not None:
        return cover[k].type == "Person"
    word = doc[k]
    if word.lower_ in _PARTICLES and k + 1 < len(doc):
        word = doc[k + 1]
    return word.text[:1].isupper() and word.pos_ == "PROPN" and doc[k - 1].text != ","


def _headline_end(text: str) -> int:
    """Where a headline (a first line without closing punctuation) ends, else 0."""
    end = text.find("\n")
    line = text[:end].rstrip()
    return end if end > 0 and line and line[-1] not in ".!?\"”’'" else 0


@Language.factory("defgraph_office_holders", requires=["doc._.entities", "doc._.roles"],
                  assigns=["doc._.entities"])
def make_office_holders(nlp: Language, name: str) -> OfficeHolders:
    return OfficeHolders(nlp, name)
