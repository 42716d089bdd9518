"""The entities component: who and what an article names, typed, with character spans.

Reads the parsed ``Doc`` (tokens, dependency parse, spaCy's statistical NER); writes
``doc._.entities``: one ``Entity`` per catalogue entry or distinct name, with its ``Mention``s, for
``linking`` to merge. Three sources of candidate spans are merged, longest first and the more
reliable source first on ties: the catalogue gazetteer (two ``PhraseMatcher``s compiled once from
``Catalogue.surface_forms()``), shape rules (weapon designations such as ``Su-57``, "<Name>
helicopters", "X Limited", "defence ministry", armed services), then NER for the rest.

The recogniser takes the organisation, person and system shapes from the mixins of
``entities_organisations``, ``entities_people`` and ``entities_systems``; the word lists, gazetteer, ids
and patterns they share live in ``entities_vocabulary``.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from defgraph.catalogue import is_case_sensitive
from defgraph.data_files import load_yaml
from defgraph.extraction.doctext import doc_text
from defgraph.extraction.entities_organisations import OrganisationShapes
from defgraph.extraction.entities_people import PersonShapes
from defgraph.extraction.entities_systems import SystemShapes
from defgraph.extraction.entities_vocabulary import (
    CATALOGUE, DASHES, DATA, NER, RULE, TITLE_WORD, Candidate, Patterns, coverage, gazetteer, new_id, without_seat,
    word_lists,
)
from defgraph.extraction.scanning import finditer
from defgraph.model import Entity, Mention

NER_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "LOC": "Location",
             "FAC": "Location", "EVENT": "Event"}
NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
QUESTION_LABELS = ("Q", "Q.")  # a transcript's journalist, as the turns read the label
GOVERNMENT = "Government of "  # the name of a country's government: "Government of Iraq"
GOVERNMENT_AFTER = " Government"  # ... or after its adjective: "the Russian Government"
# The names a name of each type may hold ("Ukraine" in "Armed Forces of Ukraine"): see ``nested``.
NESTED = {"Organization": {"Country": "start", "Person": "anywhere", "Organization": "start"},
          "Location": {"Country": "start", "Organization": "start"},
          "Event": {"Country": "start", "Organization": "anywhere"}}


class EntityRecogniser(OrganisationShapes, PersonShapes, SystemShapes):
    """The ``defgraph_entities`` component (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "defgraph_entities") -> None:
        self.name = name
        words = word_lists()
        self.gazetteer = gazetteer()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.form_info: dict[str, tuple[str, str, str]] = {}
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        for text, entity_id, entity_type, kind in self.gazetteer.forms:
            key = f"{entity_id}|{kind}"
            self.form_info[key] = (entity_id, entity_type, kind)
            (exact if is_case_sensitive(text) else folded).setdefault(key, []).append(nlp.make_doc(text))
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in folded.items():
            self.folded.add(key, docs)
        self.patterns = Patterns(words)
        self.system_forms = frozenset(text for text, _, entity_type, _ in self.gazetteer.forms
                                      if entity_type == "WeaponSystem")
        self.stoplist = {w.lower() for w in words["designation_stoplist"]}
        self.bad_prefixes = set(words["designation_prefixes"])
        self.titles = {w.lower() for w in words["person_titles"]}
        self.person_stopwords = {w.lower() for w in words["person_stopwords"]}
        self.calendar = self.person_stopwords | set(words["calendar_words"])
        self.date_names = set(words["date_names"]) | set(words["calendar_words"])
        self.offices = set(words["office_words"])
        self.member_titles = set(words["member_titles"])
        self.office_openers = set(words["office_openers"])
        self.not_organisations = {w.lower() for w in words["not_organisations"]}
        self.portfolio_words = {w for p in words["ministry_portfolios"].values() for w in p["words"]}
        self.organisation_heads = set(words["organisation_heads"])
        self.body_heads = self.organisation_heads | set(words["joint_body_heads"]) | set(words["non_body_heads"])
        self.remit_tails = set(words["remit_tails"])
        self.title_followers = set(words["title_followers"])
        self.name_enders = list(words["name_enders"])
        self.continuing_words = set(words["name_continuing_words"])
        self.dangling_words = self.continuing_words | set(words["name_dangling_words"])
        self.owner_words = set(words["name_owner_words"])
        self.topic_words = set(words["name_topic_words"])
        self.bare_services = {w.title() for ws in words["services"].values() for w in ws}
        self.member_heads = set(words["member_heads"])
        self.place_prepositions = set(words["place_prepositions"])
        self.function_words = STOP_WORDS | self.place_prepositions
        self.not_first_names = self.titles | self.offices | self.function_words  # "go to Secretary ..." names none
        self.place_prefixes = set(words["place_prefixes"])
        self.place_verbs = set(words["place_verbs"])
        self.place_names = set(words["place_names"])
        self.common_given_names = set(words["common_given_names"])
        self.kin_nouns = set(words["kin_nouns"])
        self.surname_titles = set(words["surname_titles"])
        self.title_qualifiers = set(words["title_qualifiers"])
        self.place_name_tails = set(words["place_nouns"]) | set(words["place_name_tails"])
        self.organisation_prefixes = set(words["organisation_prefixes"])
        self.seated_heads = set(words["seated_heads"])
        self.leader_surnames = leader_surnames()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        catalogue = list(self.catalogue_candidates(doc, text))
        catalogue += _joined_systems(catalogue)
        taken = coverage(len(text), (c for c in catalogue if c.type != "WeaponSystem"))
        systems = {c.end: c.start for c in catalogue if c.type == "WeaponSystem"}
        candidates = [*catalogue, *self.rule_candidates(doc, text, taken, systems), *self.ner_candidates(doc, text)]
        known = coverage(len(text), catalogue)
        candidates = [self.with_seat(doc, text, c) for c in (self.whole_name(text, c, known) for c in candidates)
                      if c is not None]
        if ships := self.ship_candidates(text):  # "USS Georgia" is a ship however NER reads it, its unit no body
            candidates = [ship for ship, _ in ships] + [c for c in candidates if c.rank == CATALOGUE or not any(
                c.start < unit_end and ship.start < c.end for ship, unit_end in ships)]
        if called := list(self.called_on_candidates(text, taken)):  # "go to Ondine with Harbour Radio": no one name
            candidates = called + [c for c in candidates if c.rank == CATALOGUE or not any(
                c.start < other.end and other.start < c.end for other in called)]
        departments = [*self.department_candidates(text), *self.shared_head_candidates(text)]
        if departments:  # "the Departments of State and Commerce" names two departments, not one body
            spans = [(c.start, c.end) for c in departments]
            candidates = departments + [c for c in candidates if not any(
                c.start < end and start < c.end for start, end in _joined_spans(spans))]
        chosen = self.listed_organisations(text, select(candidates))
        inner = nested(text, chosen, [*(c for c in catalogue if c.id is not None), *self.leader_candidates(text)])
        doc._.entities = group(text, sorted(chosen + inner, key=lambda c: (c.start, c.end)), self.gazetteer.names)
        for entity in doc._.entities:
            if entity.name.startswith(GOVERNMENT) and not entity.in_catalogue:  # its fullest form as written
                entity.name = max((m.text for m in entity.mentions), key=len)
        return doc

    def whole_name(self, text: str, candidate: Candidate, known: bytearray) -> Candidate | None:
        """A name that ends on a function word, whole: run on to the capitalised words that follow a continuing
        word ("Lightweight Innovations for Tomorrow", "Contest of Ballet Dancers and Choreographers"), else without
        the dangling word ("Armed Forces for the", "University of X and University of Y", "European Quad on
        Ukraine"); none when it runs on into a name the catalogue knows ("Geological Survey of India"), names an office
        ("Secretaries of Treasury") or is one word once the dangling ones go ("Department of —", "North and South")."""
        if candidate.id is not None or candidate.name is not None or candidate.type not in NESTED:
            return candidate
        start, end = candidate.start, candidate.end
        upper = text[start:end].isupper()
        stop = self.function_words | self.offices  # "Ministry of | Defence Minister X" runs on to "Defence" only
        while (last := re.search(r"\s(\S+)$", text[start:end])) and last.group(1).lower() in self.dangling_words \
                and (upper or last.group(1).islower()):
            word, before = last.group(1).lower(), text[start:start + last.start()].lower().split()
            rest = _RUN_ON.match(text, end) if word in self.continuing_words and not set(before) & (
                self.offices | self.title_followers) and (len(before) > 1 or word not in ("and", "&")) else None
            if rest is not None and rest.group("the") and word not in self.owner_words:
                rest = None  # "Armed Forces for | the Past"
            run = end
            for follower in _WORD.finditer(text, rest.start("words"), rest.end()) if rest is not None else ():
                first, folded_word = run == end, follower.group(0).lower()
                if any(known[follower.start():follower.end()]):
                    if word not in self.topic_words:
                        return None
                    run = end  # "European Quad on | Ukraine"
                    break
                if folded_word in stop or first and word in ("and", "&") and (
                        folded_word in self.organisation_heads or folded_word == before[0]):
                    break  # "University of X and | University of Y": a second name
                run = follower.end()
            if run > end:
                return candidate._replace(end=run)
            end = start + last.start()
        if end == candidate.end:
            return candidate
        return candidate._replace(end=end) if " " in text[start:end].strip() else None  # not "Department", "North"

    # -- the catalogue --------------------------------------------------------------------------------

    def catalogue_candidates(self, doc: Doc, text: str) -> Iterator[Candidate]:
        for matcher, case_folded in ((self.exact, False), (self.folded, True)):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                entity_id, entity_type, kind = self.form_info[doc.vocab.strings[match_id]]
                if case_folded and span.text[0].isalpha() and not span.text[0].isupper():
                    continue  # "spike" is not the Spike missile, "naval group" not Naval Group
                if span[0].ent_type_ in NUMERIC_LABELS and not any(c.isdigit() for c in span.text) \
                        and not (start > 0 and doc[start - 1].text in DASHES and doc[start - 1].ent_iob_ == "I"):
                    continue  # "May" the month, not the Il-38's reporting name; but a dateline's "October 5 - Russia"
                if kind == "capital" and self.is_place(span):
                    yield Candidate(span.start_char, span.end_char, "Location", None, "name", CATALOGUE)
                    continue
                begin, finish, rank = span.start_char, span.end_char, CATALOGUE
                if entity_type == "WeaponSystem" and (variant := self.patterns.variant.match(text, finish)):
                    finish, rank = variant.end(), RULE  # Tejas Mk1A, unless the catalogue has it
                if entity_type == "Organization" and text.startswith(" news agency", finish):
                    finish += 12  # TASS news agency
                if entity_type == "Country":  # the Government of India, the US government
                    government = self.patterns.government.search(text, max(0, begin - 20), begin)
                    if kind != "capital" and (government and text[government.start()] == "G"
                                              or text.startswith(GOVERNMENT_AFTER, finish)):
                        yield self.government_candidate(text, government, begin, finish, entity_id)
                        government = None  # the country is named inside its government's name
                    begin = government.start() if government else begin
                    finish += 11 if text.startswith(" government", finish) else 0
                yield Candidate(begin, finish, entity_type, entity_id, kind, rank)

    def government_candidate(self, text: str, government: re.Match | None, begin: int, finish: int,
                             country_id: str) -> Candidate:
        """"the Government of Iraq", "the Russian Government": a country's government is a body of its own;
        every spelling of one country's government is one entity, named after the country."""
        start = government.start() if government and text[government.start()] == "G" else begin
        end = finish + len(GOVERNMENT_AFTER) if text.startswith(GOVERNMENT_AFTER, finish) and start == begin else finish
        return Candidate(start, end, "Organization", None, "name", CATALOGUE,
                         f"{GOVERNMENT}{self.gazetteer.names.get(country_id, text[begin:finish])}")

    def is_place(self, span: Span) -> bool:
        """A capital names a place, not its state, in a dateline or after "in", "at", "visited"."""
        if span.text.isupper() and (span.start == 0 or "\n" in span.doc[span.start - 1].text):
            return True  # OSLO, March 3 (Reuters) -
        doc = span.doc
        if span.end < len(doc) and doc[span.end].text in ("-", "–") and not doc[span.end - 1].whitespace_:
            return True  # "London-based", "Moscow-backed": a compound adjective names the city
        if span.start > 0 and doc[span.start - 1].lower_ in ("a", "an") and span.end < len(doc) \
                and doc[span.end].pos_ == "NOUN":
            return True  # "a Geneva institute"
        root, head = span.root, span.root.head
        if root.dep_ == "pobj" and (head.lower_ in self.place_prepositions
                                    or head.lower_ == "to" and head.head.lemma_ in self.place_verbs):
            return True  # "talks in Moscow", "a visit to Tromsø"
        return root.dep_ == "dobj" and head.lemma_ in self.place_verbs

    # -- shape rules ----------------------------------------------------------------------------------

    def rule_candidates(self, doc: Doc, text: str, taken: bytearray,
                        systems: dict[int, int]) -> Iterator[Candidate]:
        yield from self.system_candidates(doc, text, taken, systems)
        yield from self.plural_candidates(text, taken)
        yield from self.organisation_candidates(doc, text, taken)
        yield from self.party_candidates(text, taken)
        yield from self.titled_surname_candidates(doc, taken)
        patterns = self.patterns
        for pattern in (patterns.dateline, patterns.place, patterns.place_of):
            for match in finditer(pattern, text):
                start, end = match.span("place")
                if pattern is patterns.place and text[match.end() - 1:match.end()].isalpha() \
                        and text[end + 1:end + 2].isupper():
                    end = match.end()  # the noun is part of the name: "Tharthar Barrage"
                if not any(taken[start:end]) and text[start:end].lower() not in STOP_WORDS:
                    yield Candidate(start, end, "Location", None, "name", RULE)
        for match in patterns.nicknamed.finditer(text):  # Richard "Tex" Coe
            start, end = match.span("name")
            if not any(taken[start:end]) and self.is_person_words(re.sub(r"[\"“”]", "", text[start:end]).split()):
                yield Candidate(start, end, "Person", None, "name", RULE)
        for pattern in (patterns.appositive, patterns.titled_person, patterns.honorific):
            for match in finditer(pattern, text):
                start, end = match.span("name") if match.group("name") else match.span("kunya")
                while (word := re.match(r"(\S+)\s+", text[start:end])) and word.group(1).lower() in self.titles:
                    start += word.end()  # "Air Vice Marshal Tomas Berg"
                end = self.name_end(text, start, end)
                words = text[start:end].split()
                if not any(taken[start:end]) and self.is_person_words(words, pattern is patterns.honorific):
                    yield Candidate(start, end, "Person", None, "name", RULE)

    def is_country_word(self, word: str) -> bool:
        return self.gazetteer.type_of(word) == "Country"

    # -- statistical NER ------------------------------------------------------------------------------

    def ner_candidates(self, doc: Doc, text: str) -> Iterator[Candidate]:
        for ent in doc.ents:
            entity_type = NER_TYPES.get(ent.label_)
            span = self.clean(ent, entity_type) if entity_type else None
            if span is None:
                continue
            if entity_type == "Organization" and self.patterns.law_title.match(text, span.end_char):
                continue  # "Countering America"'s Adversaries Through Sanctions Act is a law
            if entity_type == "Organization" and self.is_remit(span, text):
                continue  # Assistant to the President for "National Security Affairs"
            if entity_type == "Organization" and self.is_shouted(span):
                continue  # "the RED LINE IN THE SAND", a heading "TRADE & PROSPERITY"
            if ent.label_ in ("GPE", "FAC", "LOC") and self.is_given_name_person(span):
                entity_type = "Person"  # "Mirela Dostova" read as a place or a facility
            elif entity_type in ("Location", "Organization") and (surname := self.titled_surname(span)) is not None:
                span, entity_type = surname, "Person"  # "Chancellor Velden" read as a place or a body
            elif entity_type in ("Location", "Organization") and self.is_leader_surname(span, text):
                entity_type = "Person"  # "a meeting with Zelenskyy", read as a place
            if entity_type in ("Person", "Organization", "Location") and (system := self.plural_system(span.text)):
                yield Candidate(span.start_char, span.end_char, "WeaponSystem", system, "alias", NER)
                continue  # "Bradleys", "Tomahawks", "Javelins" (read as a place): a system in the plural
            if entity_type == "Person" and len(span) > 1 and span[0].text in QUESTION_LABELS \
                    and (span.start == 0 or "\n" in doc[span.start - 1].text):
                span = span[1:]  # "Q Karine, ...": a transcript's question label, then the person asked
            if entity_type == "Organization" and (person := self.after_office(span)) is not None:
                span, entity_type = person, "Person"  # Secretary of "Defense Tom Keller"
            elif entity_type == "Organization":
                entity_type = self.organisation_type(span)
                if entity_type == "Person":
                    span = span[max(i for i, t in enumerate(span) if t.lower_ in self.offices) + 1:]
                    if not self.is_person_words([t.text for t in span if not t.is_punct]):
                        continue  # an office's remit: Advisor "for International Economics"
            elif entity_type == "Person" and span[0].lower_ in self.function_words and len(span) > 1:
                span, entity_type = span[1:], "Location"  # "Near Palmyra, a strike destroyed ..."
            elif entity_type == "Person" and self.is_known_place(span.text):
                entity_type = "Location"  # Raqqah, Al Anbar, Amarah
            elif entity_type == "Person" and span[0].text in self.organisation_prefixes and len(span) > 1:
                entity_type = "Organization"  # Jaish al-Ta'ifa al-Mansurah
            elif entity_type == "Person" and span[0].text in self.place_prefixes and len(span) > 1:
                entity_type = "Location"  # Tel Tamer, Ayn Issa
            elif entity_type == "Person" and span[-1].lower_ in self.organisation_heads:
                entity_type = "Organization"  # the John F. Kennedy Library
            elif entity_type == "Person" and not self.is_person_words([t.text for t in span if not t.is_punct]):
                continue
            titled = entity_type == "Person" and span.start > 0 and doc[span.start - 1].lower_ in self.titles
            if entity_type in ("Person", "Organization") and not titled and (
                    self.is_place_name(span, text, entity_type) or self.is_known_place(span.text)):
                entity_type = "Location"  # but "President Ana Reyes, Peru has ...": a person
            if entity_type == "Person":
                span = self.with_first_name(span)
            start, end = span.start_char, span.end_char
            if entity_type == "Person" and (suffix := _NAME_SUFFIX.match(text, end)):
                end = suffix.end()  # "Joseph R. Kestrel, Jr.": the suffix is part of the name
            if entity_type == "Organization" and (start := self.after_opening_verb(doc, text, start, end)) is None:
                continue  # "Partnering to Deploy Safe and Secure Nuclear Energy:", a heading
            if entity_type == "Organization":  # without an office before it, a second body or a name after its owner
                start = self.board_start(text, self.body_start(text, start, end, self.offices | self.member_titles), end)
                end = self.owner_end(text, start, self.listed_end(text, start, self.first_body_end(text, start, end)))
                end = self.service_end(text, start, end)
            if entity_type is not None and end > start:
                yield Candidate(start, end, entity_type, None, "name", NER)

    def is_known_place(self, name: str) -> bool:
        """A city or region of the place list, or a capital the catalogue knows ("Amarah", "Baghdad")."""
        if name in self.place_names or re.sub(r"^(?:[Aa]l-|Al\s)", "", name) in self.place_names:
            return True
        found = self.gazetteer.find(name)
        return found is not None and found[2] == "capital"

    def is_place_name(self, span: Span, text: str, entity_type: str) -> bool:
        """"a yard in Severodvinsk", "Bavaria's Erding district", "Raqqah, Syria"."""
        if self.patterns.possessed_place.match(text, span.end_char):
            return True
        country = self.patterns.country_after.match(text, span.end_char)
        if country and self.is_country_word(country.group("country")):
            return True
        if entity_type != "Person" or len(span) != 1:
            return False
        before = span.doc[span.start - 1].lower_ if span.start else ""
        return before in self.place_prepositions or self.is_place(span)  # the parse may attach it elsewhere

    def clean(self, span: Span, entity_type: str) -> Span | None:
        """Drop determiners, titles ("Defence Minister"), owners ("India's"), brackets and a final "'s"."""
        doc = span.doc
        start, end = span.start, span.end
        end = next((i for i in range(start, end) if doc[i].text in "([:;—" or "\n" in doc[i].text
                    or doc[i].text in ("-", "–") and i > start and doc[i - 1].whitespace_), end)  # "X - Press Release"
        while start < end:
            if start + 1 < end and doc[start + 1].tag_ == "POS":
                start += 2
            elif start + 1 < end and doc[start].text in QUESTION_LABELS and (start == 0 or "\n" in doc[start - 1].text):
                start += 1  # "Q The Wall Street Journal": a transcript's question label
            elif doc[start].lower_ in ("the", "a", "an") or (
                    entity_type == "Person" and doc[start].lower_.rstrip(".") in self.titles):
                start += 1
            else:
                break
        end = next((i for i in range(start + 1, end) if doc[i].tag_ == "POS"), end)  # "State Department's Flickr"
        enders = [(ender, len(ender.split())) for ender in self.name_enders]
        end = next((i for i in range(start + 1, end) if any(
            doc[i:i + size].text == ender for ender, size in enders)), end)  # "... En Route Chicago"
        for ender, size in enders:  # "[Route Chicago]": the place is what follows "En Route"
            for back in range(1, size):
                if start >= back and doc[start - back:start - back + size].text == ender:
                    start = min(end, start - back + size)
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        if end <= start or doc[start].tag_ == "VBG":
            return None
        return doc[start:end]


_WORD = re.compile(r"\S+")
_RUN_ON = re.compile(rf"(?P<the>[^\S\n]+the)?(?P<words>(?:[^\S\n]+{TITLE_WORD}){{1,6}})")  # a cut name's rest
_NAME_SUFFIX = re.compile(r",?[^\S\n]+(?:Jr|Sr)\.?(?![\w'’-])|,?[^\S\n]+(?:II|III|IV)(?![\w'’.-])")  # ", Jr.", " III"


def _joined_systems(catalogue: list[Candidate]) -> list[Candidate]:
    """Two overlapping forms of one system are one mention: "M1A2 Abrams" and "Abrams tanks"."""
    systems = [c for c in catalogue if c.type == "WeaponSystem"]
    return [Candidate(a.start, b.end, a.type, a.id, a.kind, a.rank) for a in systems for b in systems
            if a.id == b.id and a.start < b.start < a.end < b.end]


def _joined_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretch of text from each coordinated name's first span to its last."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start - joined[-1][1] <= 10:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then the more reliable source; a span that overlaps a chosen one is dropped."""
    chosen: list[Candidate] = []
    covered: set[int] = set()
    for c in sorted(candidates, key=lambda c: (c.start - c.end, -c.rank, c.start)):
        if covered.isdisjoint(range(c.start, c.end)):
            chosen.append(c)
            covered.update(range(c.start, c.end))
    return sorted(chosen)


def nested(text: str, chosen: list[Candidate], inner: list[Candidate]) -> list[Candidate]:
    """Names inside a longer name the catalogue does not know are named too (``NESTED`` says which, and
    whether only at its start): "Indian Navy", "the NATO Summit", "the Biden Administration", but not "South
    China Sea" or "Syrian National Dialogue Congress"; a capital only opening an organisation's name; and no
    body opening the name of another body ("the General Staff College", "the U.S. Air Force Academy")."""
    containers = [c for c in chosen if c.id is None and c.type in NESTED]
    starts = [c.start for c in containers]
    words = word_lists()
    same_body = {*words["same_body_heads"], *words["company_suffixes"], *words["group_heads"], *words["member_heads"]}
    heads = {w.lower() for w in words["organisation_heads"]} - same_body
    found = []
    for c in inner:
        index = bisect.bisect_right(starts, c.start) - 1
        container = containers[index] if index >= 0 else None
        where = NESTED[container.type].get(c.type) if container is not None else None
        if where and c.type == "Country" and ((container.name or "").startswith(GOVERNMENT)
                                              or c.end == container.end and text.endswith(" in ", 0, c.start)):
            where = "anywhere"  # "the Government of Iraq", "the Monitoring Mission in Ukraine" name Iraq, Ukraine
        if where and c.type == container.type == "Organization" \
                and without_seat(text[container.start:container.end]).split()[-1].lower() in heads:
            continue
        if where and (c.kind != "capital" or container.type == "Organization") and c.end <= container.end \
                and (c.start, c.end) != (container.start, container.end) \
                and (where == "anywhere" or c.start == container.start):
            found.append(c)
    return select(found)


def leader_surnames() -> frozenset[str]:
    """The surnames of the leaders the roles vocabulary knows ("Biden", "Modi")."""
    people = load_yaml((DATA.parent / "roles_nationalities.yaml").read_text(encoding="utf-8"))
    return frozenset(name.split()[-1] for names in people["nationalities"].values() for name in names
                     if len(name.split()) > 1)


def group(text: str, candidates: list[Candidate], names: dict[str, str]) -> list[Entity]:
    """One ``Entity`` per catalogue id or per (type, name), mentions in text order."""
    entities: dict[str, Entity] = {}
    for c in candidates:
        name = text[c.start:c.end]
        entity_id = c.id or new_id(c.type, c.name or name)
        entity = entities.get(entity_id)
        if entity is None:
            entity = entities[entity_id] = Entity(entity_id, c.type, names.get(entity_id, c.name or name),
                                                  in_catalogue=c.id is not None)
        if c.name and not entity.in_catalogue:
            entity.name = c.name
        entity.mentions.append(Mention(c.start, c.end, name, c.kind))
    return list(entities.values())


@Language.factory("defgraph_entities", requires=["doc.ents", "token.dep"], assigns=["doc._.entities"])
def make_entity_recogniser(nlp: Language, name: str) -> EntityRecogniser:
    return EntityRecogniser(nlp, name)
