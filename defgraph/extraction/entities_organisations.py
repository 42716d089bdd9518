"""The organisation shapes of the entities component: where a body's name starts and ends.

``OrganisationShapes`` is a mixin of ``entities.EntityRecogniser``: the rule candidates for bodies ("X Limited",
"Ministry of X", "defence ministry", "Iraqi security forces", "the Departments of State and Commerce", a mission
with its seat), and the tests that trim a body's name read by a rule or by NER past the offices held in it, its
owner, its remit, a second body or a list of fields, or drop it as an honour, a heading or a person's office.
It reads the word sets, patterns and gazetteer the recogniser sets up, and its place tests.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from defgraph.extraction.doctext import doc_text
from defgraph.extraction.entities_vocabulary import (
    NER, RULE, TITLE_WORD, Candidate, coverage, is_country_pair, is_title_case, one_line, opens_line, trim_leading,
    word_lists,
)
from defgraph.extraction.scanning import finditer, folded

VERB_TAGS = ("VB", "VBD", "VBP", "VBZ")  # a verb's forms that open no name ("Directed", "Announces")

_AND = re.compile(r"\s(?:and|&)\s+", re.I)
_EDGE = re.compile(r"\b")


def joined_to(text: str, word: str) -> bool:
    """Whether ``word`` (opening on a non-space) follows an "and" or a "&" in ``text``, as
    ``re.search(rf"\\s(?:and|&)\\s+{re.escape(word)}\\b", text, re.I)`` finds, without a pattern per word."""
    folded_text, folded_word = folded(text), folded(word)
    if folded_text is None or folded_word is None:
        return re.search(rf"\s(?:and|&)\s+{re.escape(word)}\b", text, re.I) is not None
    position = 0
    while joint := _AND.search(text, position):
        if folded_text.startswith(folded_word, joint.end()) and _EDGE.match(text, joint.end() + len(word)):
            return True
        position = joint.start() + 1
    return False


def _is_opening_verb(verb: Token, text: str, end: int) -> bool:
    """A verb that opens a deed in a list ("Directed the ...", "Announced ...") or, a gerund, a heading: a line in title
    case with no sentence in it ("Visiting Severnaya Verf Shipyard") or one that a colon ends ("Expanding ...:")."""
    if verb.tag_ != "VBG":
        return verb.tag_ in VERB_TAGS or verb.tag_ == "VBN" and verb.dep_ == "ROOT"
    line_end = text.find("\n", end)
    line = text[verb.idx:line_end if line_end >= 0 else len(text)]  # from the verb on, after any "title: "
    return is_title_case(line) and not re.search(r"[.!?]", line) or line.find(":", end - verb.idx) > 0


_HELD_IN = re.compile(r"((?:\S+\s+){1,4}?)(of|for|at)\s+(?:the\s+)?")  # "Chair of the ", "Nominee for "
_DEPARTMENT_HEAD = re.compile(r"\b(?:Department|Ministry)\b")
_BODY_OF = re.compile(r"(?:the\s+)?(?:Ministry|Department|Office|Bureau|Directorate)\s+of\b")  # a name of a body
_OWNER = one_line(r"\S+\s+of\s+(?:\S+\s+)*?of\s+(?:the\s+)?")  # "Ministry of Defence of ", up to the owner
_OF_NAME = re.compile(rf"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?{TITLE_WORD}(?:[^\S\n]+{TITLE_WORD}){{0,4}}")


def _first_word(text: str, start: int) -> str:
    """The first word of the name at ``start``: "Department" of "Department of Energy"."""
    return text[start:].split(maxsplit=1)[0]


def _is_nationality(doc: Doc, start: int, end: int) -> bool:
    """NER reads the words as a nationality or group ("Kurdish", "Sunni Arab")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and all(t.ent_type_ == "NORP" for t in span)


class OrganisationShapes:
    """Where a body's name starts and ends (see the module docstring)."""

    def with_seat(self, doc: Doc, text: str, candidate: Candidate) -> Candidate:
        """"the U.S. Embassy in Tegucigalpa", "the UN Monitoring Mission in Ukraine": a mission's name runs on to the
        country or city it sits in (a place NER, the catalogue or the place list knows; not "in September")."""
        if candidate.type != "Organization" or candidate.id is not None or candidate.name is not None:
            return candidate
        head = text[candidate.start:candidate.end].split()[-1]
        seat = self.patterns.seat.match(text, candidate.end)
        if not head[:1].isupper() or head.lower() not in self.seated_heads or seat is None:
            return candidate
        place = doc.char_span(*seat.span("place"), alignment_mode="expand")
        named = place is not None and all(t.ent_type_ in ("GPE", "LOC") for t in place)
        if named or self.is_country_word(seat.group("place")) or self.is_known_place(seat.group("place")):
            return candidate._replace(end=seat.end())
        return candidate

    def department_candidates(self, text: str) -> Iterator[Candidate]:
        """Each department of "the Departments of State, Labor and the Treasury": the first named by its
        whole phrase ("Departments of State"), the others by their portfolio, each as "Department of X"."""
        for match in finditer(self.patterns.departments, text):
            head = match.group("head") + ("y" if match.group("head") == "Ministr" else "")
            portfolios = list(self.patterns.portfolio.finditer(text, match.end("head") + 4, match.end()))
            if any(p.group(0).split()[-1].lower() in self.organisation_heads for p in portfolios):
                continue  # "Departments of State and the Defense Agency": another body
            for number, portfolio in enumerate(portfolios):
                start = match.start() if number == 0 else portfolio.start() + (4 if portfolio.group(0).startswith("the ") else 0)
                yield Candidate(start, portfolio.end(), "Organization", None, "coordinated", RULE,
                                f"{head} of {portfolio.group(0)}")

    def shared_head_candidates(self, text: str) -> Iterator[Candidate]:
        """Each name of "the Baltic, Northern and Pacific Fleets" or "the Ohio and Columbia classes", named with
        the head they share ("Baltic Fleet", "Ohio-class")."""
        for match in finditer(self.patterns.shared_head, text):
            head = match.group("head")
            items = [m for m in self.patterns.shared_item.finditer(text, match.start(), match.start("head"))
                     if m.group(0) != "and"]
            if any(m.group(0).split()[0].lower() in self.function_words for m in items):
                continue
            for item in items:
                if head == "classes":
                    name = f"{item.group(0)}-class"
                    found = self.gazetteer.find(name)
                    known = found[0] if found is not None and found[1] == "WeaponSystem" else None
                    yield Candidate(item.start(), item.end(), "WeaponSystem", known, "coordinated", RULE, name)
                else:
                    yield Candidate(item.start(), item.end(), "Organization", None, "coordinated", RULE,
                                    f"{item.group(0)} {head[:-1]}")

    def listed_organisations(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """In a list of names many of which are organisations ("Oracle, Uber, AMD and Nvidia"), the other
        names are organisations too: the companies NER missed, misread or ran together across a comma."""
        keep = {(c.start, c.end): c for c in chosen}
        for match in self.patterns.name_list.finditer(text):
            items = [m.span() for m in self.patterns.list_item.finditer(text, match.start(), match.end())]
            inside = [c for c in chosen if match.start() <= c.start and c.end <= match.end()]
            joined = [c for c in inside if c.rank == NER and c.type == "Organization" and "," in text[c.start:c.end]]
            known = {(c.start, c.end): c for c in inside if c not in joined}
            organisations = sum(span in known and known[span].type == "Organization" for span in items)
            if organisations < 2 or organisations * 3 < len(items):
                continue
            for c in joined:
                del keep[(c.start, c.end)]
            taken = coverage(len(text), known.values())
            for start, end in items:
                c = known.get((start, end))
                if text[start:end].split()[0].lower() in self.function_words | self.calendar \
                        or self.is_country_word(text[start:end]):
                    continue
                if c is None and not any(taken[start:end]) or c is not None and c.rank == NER \
                        and c.type in ("Person", "Location"):
                    keep[(start, end)] = Candidate(start, end, "Organization", None, "listed", RULE)
        return sorted(keep.values())

    def party_candidates(self, text: str, taken: bytearray) -> Iterator[Candidate]:
        """A party named by its adjective before its people or its side: "Republican senators", "both Democratic
        and Republican members", but not inside a longer name ("Syrian Democratic forces")."""
        parties = word_lists()["party_adjectives"]
        for match in finditer(self.patterns.party, text):
            start, end = match.span("party")
            found = self.gazetteer.find(parties[match.group("party")])
            before = re.search(r"([A-Z][\w.’'-]*)\s+$", text[max(0, start - 30):start])
            if found is None or any(taken[start:end]) or before and before.group(1).lower() not in self.function_words:
                continue
            yield Candidate(start, end, "Organization", found[0], "alias", RULE)

    def organisation_candidates(self, doc: Doc, text: str, taken: bytearray) -> Iterator[Candidate]:
        """"X Limited", "Ministry of X", "defence ministry", "Indian armed forces", a bare "Army"."""
        patterns = self.patterns
        spans: list[tuple[int, int]] = []
        for match in patterns.organisation.finditer(text):
            spans.extend((start, self.owner_end(text, start, self.listed_end(text, start, end)))
                         for start, end in self.organisation_spans(text, *match.span(), taken)
                         if text[start:end].lower() not in self.not_organisations)
        for match in finditer(patterns.possessive_body, text):  # "the White House Counsel's Office"
            start = match.start()
            while (word := re.match(r"(\S+)\s+", text[start:match.end()])) and word.group(1).lower() in STOP_WORDS:
                start += word.end()  # "The", but not the owner's "'s" as trim_leading would
            after = doc.char_span(match.end() + 1, match.end() + 1, alignment_mode="expand")
            following = doc[after.start] if after is not None and after.start < len(doc) else None
            if following is not None and following.pos_ == "NOUN" and following.is_lower:
                continue  # "the President's Oval Office address" names no body
            if not any(self.is_country_word(w) for w in text[start:match.end("owner")].split()):
                spans.append((start, match.end()))  # not "Israel's Prime Minister's Office"
        for pattern in (patterns.ministry, patterns.service):
            for match in finditer(pattern, text):
                start = match.start()
                if match.group("owner") and not self.is_country_word(match.group("owner")):
                    if pattern is patterns.service:
                        continue  # "Ukrainian army" yes, "the regular army" no
                    start = match.start("owner") + len(match.group("owner")) + 1
                spans.append((start, match.end()))
        for match in finditer(patterns.joint_body, text):  # "U.S.-India CEO Forum"
            if self.is_joint_body(match):
                spans.extend(self.organisation_spans(text, *match.span(), taken))
        spans.extend(match.span() for match in finditer(patterns.bare_service, text))
        for match in patterns.broadcaster.finditer(text):  # "Iraqi state television"
            if self.is_country_word(match.group("owner")):
                spans.append(match.span())
        for match in finditer(patterns.military, text):  # "the Iraqi military said", not "Iraqi military aid"
            after = doc.char_span(match.end() + 1, match.end() + 1, alignment_mode="expand")
            following = doc[after.start] if after is not None and after.start < len(doc) else None
            if self.is_country_word(match.group("owner")) and (
                    following is None or following.pos_ not in ("NOUN", "PROPN", "ADJ") or following.is_title):
                spans.append(match.span())
        spans.extend(match.span("name") for match in finditer(patterns.agency_name, text))  # "news agency Sana"
        spans.extend(match.span() for match in finditer(patterns.task_force, text))  # "Combined Task Force 150"
        spans.extend(match.span() for match in finditer(patterns.board_to, text))  # "Board of Visitors to the X"
        for match in finditer(patterns.campus, text):
            words = match.group("place").lower().split()  # a town ("College Park"), not a body or an office
            if words[-1] not in self.organisation_heads and not set(words) & (self.offices | self.titles) \
                    and self.gazetteer.type_of(match.group("place")) != "Organization":
                spans.append(match.span())
        spans.extend(match.span("name") for match in finditer(patterns.cabinet, text))  # "the Government" capitalised
        for match in finditer(patterns.group, text):
            start = trim_leading(text, match.start(), match.end())[0]
            if self.owns_group(doc, text, start, match, taken):
                spans.append((start, match.end()))
        for start, end in spans:
            if (start := self.after_opening_verb(doc, text, start, end)) is None:
                continue
            end = self.service_end(text, start, end)
            if not self.in_title(text, end) and (text[start:end] in self.bare_services or not self.is_award(text, start, end)):
                yield Candidate(start, end, "Organization", None, "name", RULE)

    def after_opening_verb(self, doc: Doc, text: str, start: int, end: int) -> int | None:
        """Where a name starts after a verb that opens its line ("Directed the Department of Justice to ...", a deed
        in a list; "Visiting Severnaya Verf Shipyard", "Expanding National Science Foundation Collaboration:", a
        heading) or follows "to" ("to Deploy Safe and Secure Nuclear Energy"); None when what follows names no body.
        A gerund opens a heading only ("Countering Weapons of Mass Destruction Office" is a name)."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < 2:
            return start
        verb = span[0]
        if not (verb.is_alpha and verb.is_title and verb.idx == start):
            return start
        infinitive = verb.i > 0 and doc[verb.i - 1].lower_ == "to" and verb.tag_ == "VB"
        if not infinitive and not (opens_line(text, start) and _is_opening_verb(verb, text, end)):
            return start
        rest, end = trim_leading(text, verb.idx + len(verb.text) + 1, end)
        words = [w.lower() for w in text[rest:end].split()]
        if not words or not text[rest].isupper() or len(words) == 1 and words[0] in self.organisation_heads \
                or not set(words) & self.organisation_heads and self.gazetteer.type_of(text[rest:end]) != "Organization":
            return None
        return rest

    def is_joint_body(self, match: re.Match) -> bool:
        """"U.S.-India CEO Forum": two countries open the name, and no head ends a name before an "and"
        ("U.S.-India Commercial Dialogue and CEO Forum" is two)."""
        if not is_country_pair(match.group("first"), match.group("second")):
            return False
        words = match.group("words").split()
        return not any(word.lower() in self.body_heads and following in ("and", "&")
                       for word, following in zip(words, words[1:]))

    def owner_end(self, text: str, start: int, end: int) -> int:
        """Where "Ministry of X of <owner>" ends: on the country or body named as its owner ("Office of the
        President of Ukraine", not "... of Ukraine Andriy Yermak"), else where the name ends."""
        owner = _OWNER.match(text, start, end)
        if owner is None:
            return end
        words = list(re.finditer(r"\S+", text[owner.end():end]))
        for word in reversed(words):
            if self.gazetteer.type_of(text[owner.end():owner.end() + word.end()]) in ("Country", "Organization"):
                return owner.end() + word.end()
        return end

    def listed_end(self, text: str, start: int, end: int) -> int:
        """Where a name whose remit lists several fields ends: "Ministry of Economy, Trade and Industry", "Bureau
        of Democracy, Human Rights, and Labor"; not over a list of bodies, offices, places
        ("Ministry of Defence, Navy and Moscow")."""
        name = text[start:end]
        listed = self.patterns.listed_tail.match(text, end)
        if listed is None or not re.search(r"\s(?:of|for)\s", name) or name.split()[-1].lower() in self.body_heads \
                or not (listed.group("items") or "," in name) or name.split()[0].endswith(("ies", "s")):
            return end  # a list needs its commas, and "the Ministries of X, Y and Z" are several
        for item in re.finditer(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?", listed.group(0)):
            words = item.group(0).split()
            if {w.lower() for w in words} & (self.body_heads | self.offices | self.titles) \
                    or any(self.gazetteer.type_of(part) is not None for part in (item.group(0), *words)):
                return end
        return listed.end()

    def first_body_end(self, text: str, start: int, end: int) -> int:
        """Where the first of two bodies a comma joins ends: "Department of Defense, Ministry of Defence of Ukraine",
        "Ministry of the Interior, Federal Security Service", "Ministry of Culture, State Board of Antiquities"."""
        for comma in re.finditer(r",\s+", text[start:end]):
            first, rest = text[start:start + comma.start()], text[start + comma.end():end]
            name = rest.split(" of ")[0]  # but "the Acquisition, Technology and Logistics Agency" is one
            if not any(w.lower() in self.organisation_heads for w in first.split()) or " and " in name:
                continue
            if _BODY_OF.match(rest) or self.gazetteer.type_of(rest) == "Organization" \
                    or rest[:1].isupper() and name.split()[-1].lower() in self.organisation_heads:
                return start + comma.start()
        return end

    def owns_group(self, doc: Doc, text: str, start: int, match: re.Match, taken: bytearray) -> bool:
        """"Iraqi security forces", "ISIL fighters", "Kurdish fighters", "the Assad regime", but members
        only of an organisation ("Coalition partners", not "Indian partners")."""
        owner_end, head = match.end("owner"), match.group("head")
        if start >= owner_end:
            return False  # the owner was an "'s" or a function word: "Russia's troops" is no name
        owner = self.gazetteer.find(text[start:owner_end])
        members = head in self.member_heads
        if owner is not None:
            return owner[1] == "Organization" or owner[1] == "Country" and not members
        if head == "regime" or not members and _is_nationality(doc, start, owner_end):
            return True
        return taken[start] == 0 and text[start:owner_end] in self.bare_services

    def remit_end(self, text: str, start: int, end: int) -> int:
        """Where a service or portfolio named after an office ends, before the office's remit: "Assistant Secretary
        of the Air Force | for Manpower and Reserve Affairs", "Under Secretary of the Army | for Civil Works"."""
        remit = text.find(" for ", start, end)
        if remit > start and self.patterns.portfolio_office.search(text, max(0, start - 30), start):
            return remit
        return end

    def is_award(self, text: str, start: int, end: int) -> bool:
        """"Department of Defense Medal for Distinguished Public Service", "Navy Distinguished Service Medal": an
        honour, no body."""
        return self.patterns.award.search(text, start, end) is not None or self.patterns.award_after.match(text, end) is not None

    def service_end(self, text: str, start: int, end: int) -> int:
        """Where a service named after an office ends: before the office's remit (Under Secretary of the "Army" for
        Civil Works), unless what stands before the remit is a bare portfolio (Secretary of "Defense for Research":
        the office's title runs on to its remit as the roles read it)."""
        cut = self.remit_end(text, start, end)
        return end if self.is_portfolio(text[start:cut]) else cut

    def is_portfolio(self, name: str) -> bool:
        """"Defense", "State": a portfolio's or title's words alone name no body."""
        return all(w in self.portfolio_words | self.titles for w in name.lower().split())

    def in_title(self, text: str, end: int) -> bool:
        """"Defence" Minister, "French Armed Forces" Minister: a name inside an office title."""
        following = text[end:end + 14].split(maxsplit=1)
        return bool(following) and following[0].lower() in self.title_followers

    def organisation_spans(self, text: str, start: int, end: int, taken: bytearray) -> list[tuple[int, int]]:
        """Drop leading function words, owners ("India's") and offices ("CEO of"); split "X Fleet and Y Forces".

        The name ends on its head, so before an "and" only a joined name stays ("Research and
        Development Organisation"), not another name, an office holder or a catalogue entity.
        """
        start, end = trim_leading(text, start, end)
        start = self.board_start(text, self.body_start(text, start, end), end)  # "CEO of Snecma Group"
        for joint in re.finditer(r"\s+(?:and|&)\s+", text[start:end]):
            left_end = start + joint.start()
            words = [w.rstrip("'’") for w in text[start:left_end].lower().split()]
            right = text[start + joint.end():end].split()
            # "Pharmaceuticals and Medical Equipment Agency": a lone head word before a longer name is its first field,
            # unless it names a body itself ("Navy and Strategic Missile Forces", "Alliance and Next G Alliance")
            one_field = len(words) == 1 and len(right) >= 3 and right[-1].lower() in self.organisation_heads \
                and words[0].title() not in self.bare_services and words[0] != right[-1].lower()
            named = bool(words) and words[-1] in self.organisation_heads and not set(words) & self.offices \
                and not one_field \
                or bool(words) and text[start + joint.end():end].split()[:1] == text[start:left_end].split()[:1] \
                or all(_DEPARTMENT_HEAD.search(part) for part in (text[start:left_end], text[start + joint.end():end]))
            if self.gazetteer.type_of(text[start + joint.end():end]) == "Country" \
                    or _first_word(text, start + joint.end()).lower() in self.office_openers:
                return [(start, left_end)]  # "the U.S. Department of Energy and Japan", "... Affairs and Deputy Director"
            if named or set(words) & self.offices or all(taken[start:left_end]):
                first = [(start, left_end)] if named else []
                rest = _OF_NAME.match(text, end) if text[start + joint.end():end] == _first_word(text, start) else None
                return first + self.organisation_spans(text, start + joint.end(), rest.end() if rest else end, taken)
        for tail in re.finditer(r"\s+(?:of|for|on)\s+(?:the\s+)?(?P<word>\S+)", text[start:end]):
            before, last = text[start:start + tail.start()].split(), text[start:end].split()[-1]
            if tail.group("word").lower().strip(".,") in self.date_names \
                    or last.lower() in self.organisation_heads and before[-1].lower() in self.organisation_heads \
                    and (len(before) > 1 or before[0] == last):  # but "Office of Naval Intelligence"
                return [(start, start + tail.start())]  # "Royal Navy on Tuesday", "X Regiment of the Y Corps"
        return [(start, end)] if end > start else []

    def body_start(self, text: str, start: int, end: int, held: set[str] | None = None) -> int:
        """Where a body's name starts after the offices or memberships held in it: "Chair of the National Space
        Council", "Nominee for Administrator of the Maritime Administration", "Members of Congress". ``held`` are
        the words of such offices (by default every office word and title)."""
        held = held if held is not None else self.offices | self.titles | self.member_titles
        first = start
        while (office := _HELD_IN.match(text, start, end)) and office.end() < end:
            words = set(office.group(1).lower().split())
            # past the first office, "for" opens a remit ("... of Defense for Readiness"), unless after a membership
            holder = office.group(1).split()
            if not (words <= held and len(words) <= 2 or self.is_qualified_office(holder)
                    or self.is_titled_holder(holder, held)) \
                    or (start > first and office.group(2) == "for" and not words <= self.member_titles):
                break
            start = office.end()
        return start

    def is_titled_holder(self, words: list[str], held: set[str]) -> bool:
        """"Chairman Velden", "Director Ana Reyes": an office held, named by its holder, before the body ("of ...")."""
        return 2 <= len(words) <= 4 and words[0].lower() in held and words[1][:1].isupper() \
            and self.is_person_words(words[1:])

    def is_qualified_office(self, words: list[str]) -> bool:
        """"Medical Director", "Deputy Director General", "17th President": an office word after words that qualify
        it, none of them a body's head ("Air Force Chief" is a service's office) or a function word."""
        folded = [w.lower() for w in words]
        return len(folded) >= 2 and folded[-1] in self.offices | self.member_titles and not any(
            w in self.organisation_heads or w in self.function_words or self.is_country_word(word)
            for w, word in zip(folded[:-1], words))

    def board_start(self, text: str, start: int, end: int) -> int:
        """Where a body's name starts after the board of it that a biography names: "Board of the Kestrel Industrial
        Association", "Board of Trustees for Aerospace Corporation"; the board stays when what follows is no body's name
        ("Board of Military Affairs", "Board of Visitors for the Army")."""
        board = self.patterns.board.match(text, start, end)
        if board is None or board.end() >= end:
            return start
        rest = text[board.end():end]
        words, core = rest.split(), re.split(r"\s+(?:of|for|on|in|to)\s+", rest)[0].split()  # "School | for the Deaf"
        if words[0][:1].isupper() and (core[-1].lower() in self.organisation_heads
                                       or self.gazetteer.type_of(rest) == "Organization"):
            return board.end()
        return start

    def is_remit(self, span: Span, text: str) -> bool:
        """An office's remit after "for" ("Special Envoy for Hostage Affairs"), naming no body of its own."""
        return span[-1].lower_ in self.remit_tails \
            and bool(self.patterns.remit_of.search(text, max(0, span.start_char - 60), span.start_char)) \
            and not any(t.lower_ in self.organisation_heads for t in span) \
            and self.gazetteer.find(span.text) is None

    def is_shouted(self, span: Span) -> bool:
        """Words in capitals for emphasis or as a heading, no body's name: the capitals run on past the span ("the RED
        LINE IN THE SAND") or fill its line ("TRADE & PROSPERITY"), and no word is a body's head ("CONGRESS OF THE
        UNITED STATES") nor the whole a catalogue name ("THE WHITE HOUSE")."""
        words = [t for t in span if t.is_alpha]
        if len(words) < 2 or not span.text.isupper() or any(t.lower_ in self.organisation_heads for t in words) \
                or self.gazetteer.find(span.text) is not None:
            return False
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if any(t is not None and t.is_alpha and t.is_upper for t in (before, after)):
            return True
        return all(t is None or "\n" in t.text for t in (before, after))

    def organisation_type(self, span: Span) -> str | None:
        """Organization, Person ("Lieutenant Colonel Maria Holt") or None (no organisation)."""
        text = span.text
        words = [t.lower_ for t in span]
        if len(text) < 2 or "\n" in text or not re.match(r"[A-Z]|\d+(?:st|nd|rd|th)\s+[A-Z]", text):
            return None  # but "2nd Battalion", "507th Air Refueling Wing"
        if self.patterns.designation.match(text):
            return None  # "KF-21 multirole": the designation rule names the system
        owner, _, rest = text.partition(" ")
        if rest and self.is_country_word(owner) and (
                self.patterns.designation.fullmatch(rest) or self.plural_system(rest)
                or self.gazetteer.type_of(rest) == "WeaponSystem"):
            return None  # "American F-16s", "Polish MiGs": a country's systems
        if text.lower() in self.not_organisations or all(w in self.portfolio_words | self.titles for w in words) \
                or self.is_award(doc_text(span.doc), span.start_char, span.end_char):
            return None  # "Defence", "Army Medal for Distinguished Civilian Service"
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None and after.lower_ in self.offices:
            return None  # "Defence" Minister, "External Affairs" Minister
        joint = re.search(r"(\w+)['’]?\s+(?:and|&)\s+[A-Z]", text)
        if joint and joint.group(1).lower() in self.organisation_heads or joined_to(text, words[0]) \
                and words[0] != words[-1]:
            return None  # "Black Sea Fleet and Airborne Forces", "Department of X and Department of Y"
        if (parts := re.split(r"\s+(?:and|&)\s+", text, maxsplit=1))[1:] and (
                _DEPARTMENT_HEAD.search(parts[0]) and _DEPARTMENT_HEAD.search(parts[1])
                or self.gazetteer.type_of(parts[1]) == "Country"):
            return None  # "U.S. Department of Energy and Indian Department of Space", "X Department and Japan"
        offices = [i for i, w in enumerate(words) if w in self.offices]
        if offices and offices[-1] < len(words) - 1 and not set(words) & self.organisation_heads:
            return "Person"
        return None if offices else "Organization"
