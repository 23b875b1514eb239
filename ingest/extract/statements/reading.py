"""Reading one sentence for statements: its quotations, each attributed to the speech verb
it hangs on (or the nearest), the verbs' reported speech, and the frames that name a speaker
without a subject ("This was announced by X", "according to X", "A quoted an official as
saying", "X was quoted by A as saying", "a report by X that …", "…, an allegation X denies").
A paragraph of quotation with no attribution continues the last speaker quoted, or the person
whose reported words ended the paragraph before."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..base import DATELINE, Lexicon, Span
from ..nlp import token_starts
from . import syntax
from .speakers import Resolver, Speaker
from .vocabulary import CLAIM_NOUNS, OUTLET_WORDS, PARTICIPLES, PUBLISHING_VERBS, WIRE_SERVICES

if TYPE_CHECKING:  # spaCy is imported when an article is first parsed, not with the site
    from spacy.tokens import Doc, Token


@dataclass
class Statement:
    start: int
    end: int
    words_start: int
    words_end: int
    speaker: Speaker
    mode: str
    medium: str = ""
    setting: str = ""
    clause_start: int = 0  # where the attributed clause begins, for the statement's date
    verb: int = -1  # the speech verb's token index, when a verb attributes it
    # Where the evidence begins when the sentence alone does not name the speaker: a quotation
    # going on after "“…,” X said." is shown with the sentence that says who spoke.
    context_start: int = -1
    dated: tuple[int, int] | None = None  # where its date is told, when not in its own sentence (an interview's introduction)


@dataclass
class Sentence:
    span: Span
    tokens: list[Token]
    quotes: list[Span]
    previous: Span | None
    preceding: Span | None = None  # the sentence before, across a paragraph break too


def tokens_in(doc: Doc, span: Span) -> list[Token]:
    """The tokens that start inside ``span``, found by bisection over the token offsets (kept
    with the parse), so reading an article's sentences stays linear in its length."""
    starts = token_starts(doc)
    return list(doc[bisect_left(starts, span.start) : bisect_left(starts, span.end)])


def _inside(position: int, spans) -> bool:
    return any(s.start <= position < s.end for s in spans)


def speakers_of(resolver: Resolver, verb: Token, quotes: list[Span]) -> tuple[list[Speaker], str]:
    """The speakers of a speech verb, and the outlet a "quoted … as saying" names."""
    if frame := syntax.quoting(verb):
        source, quoted = frame
        outlet = resolver.resolve(syntax.phrase(source).text, publishing=True) if source is not None else []
        country = resolver.countries_in(syntax.phrase(source).text) if source is not None else []
        said = syntax.phrase(quoted)
        speakers = resolver.resolve(said.text, ents=said.ents)
        if not speakers or speakers[0].kind == "unnamed":
            speakers = [resolver.unnamed(said.text, for_country=country[0] if country else "")]
        return speakers, (outlet[0].name if outlet else "")
    if comma := syntax.trailing_attribution(verb):
        words = syntax.trailing_speaker(verb, comma)
        return resolver.resolve(words.text, ents=words.ents, publishing=verb.lemma_.lower() in PUBLISHING_VERBS), ""
    found = []
    for token in syntax.subjects(verb):
        if _inside(token.idx, quotes):
            continue
        words = syntax.phrase(token)
        if token.lower_ in ("he", "she") and (named := _person_before(verb, token, quotes)) is not None:
            words = syntax.phrase(named)  # "Erdogan has been critical of …, that he says …"
        described = resolver.described_body(words.text, words.role) if words.role else None
        speakers = [described] if described is not None else resolver.resolve(
            words.text, ents=words.ents, publishing=verb.lemma_.lower() in PUBLISHING_VERBS)
        if described is None and words.role and re.search(rf"\b{OUTLET_WORDS}$", words.role, re.IGNORECASE):
            # "Turkish daily Hurriyet": the outlet and its description read together.
            speakers = resolver.resolve(f"{words.role} {words.text}", ents=words.ents) or speakers
        elif described is None and words.role and speakers and speakers[0].kind == "person":
            speakers = [resolver.person(s.name, words.role) for s in speakers]
        elif words.role and speakers:
            speakers = [s if s.role else Speaker(**{**s.__dict__, "role": words.role}) for s in speakers]
        found += speakers
    return resolver.bodies_named_together(found), ""


def _person_before(verb: Token, pronoun: Token, quotes: list[Span]) -> Token | None:
    """The person the sentence's main clause names before "he" or "she", if exactly one."""
    sentence = verb.sent
    named = [
        t for t in sentence[: pronoun.i - sentence.start]
        if t.ent_type_ == "PERSON" and t.dep_ in ("nsubj", "nsubjpass") and not _inside(t.idx, quotes)
    ]
    return named[0] if len(named) == 1 else None


def medium_and_setting(resolver: Resolver, words: str, *, named: bool = False) -> tuple[str, str]:
    """The outlet a statement was made to ("told Interfax", "in an interview with CBS"),
    and where or to whom, from the attribution's words."""
    medium = None
    for match in resolver.org_pattern.finditer(words) if resolver.org_pattern else []:
        org = resolver.organisations[match.group()]
        if org.kind not in Lexicon.NEWS_KINDS:
            continue
        if named or re.search(r"\b(?:told|to|with|from|by|answering)(?:\s+[\w’'-]+){0,2}\s*$", words[: match.start()]):
            medium = org
            break
    if medium is None and (outlet := _outlet_spoken_to(resolver, words)) is not None:
        return outlet.name, _setting(words)
    return (medium.canonical if medium else ""), _setting(words)


# "told the daily X", "in an interview with the newspaper X", "told X newspaper": an outlet the
# base does not know, named with the common noun that says it is one.
_TOLD_OUTLET = re.compile(
    rf"\b(?:told|to|with|by|answering)\s+(?P<outlet>(?:the\s+)?(?:[A-Z][\w’'-]*\s+)?{OUTLET_WORDS}\s+"
    rf"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}}|(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}}\s+{OUTLET_WORDS}\b"
    # "told Reuters", "told the Associated Press", "told Anadolu Agency"
    rf"|(?:the\s+)?{WIRE_SERVICES}(?:\s+(?:News\s+)?Agency)?(?![\w-]))")


def _outlet_spoken_to(resolver: Resolver, words: str) -> Speaker | None:
    """A new outlet the words say a statement was made to, which is drafted for the editor to
    confirm as the statements' medium."""
    match = _TOLD_OUTLET.search(words)
    if match is None:
        return None
    found = resolver.resolve(match["outlet"], publishing=True)
    if not found:
        # "Anadolu Agency", "the Associated Press": a name the parse's patterns do not make a body
        name = re.sub(r"^the\s+", "", " ".join(match["outlet"].split()))
        kind = "news_agency" if re.search(r"\b(?:agency|press|trust)\b|^(?:Reuters|Xinhua|Yonhap|Kyodo|Anadolu|PTI|ANI|IRNA|Bernama|Antara)$",
                                          name, re.IGNORECASE) else "news_outlet"
        found = [Speaker("organisation", name, organisation=name, new_body=kind)]
    if len(found) != 1 or found[0].kind != "organisation" or found[0].new_body not in Lexicon.NEWS_KINDS:
        return None
    if re.search(rf"\b{OUTLET_WORDS}\b", found[0].name):
        return None  # "to Turkish TV channel": a description, no name
    resolver.new_media[found[0].name] = found[0]
    return found[0]


def _setting(words: str) -> str:
    setting = ""
    if match := re.search(
        r"(?:told|said to|speaking to) reporters(?: in [^,.;]+?)?(?= on | at |[,.;]|$)"
        r"|\bat the [A-Z][^,.;]*?(?= on |[,.;]|$)"
        r"|\bin an (?:exclusive )?interview with [^,.;]+?(?= on |[,.;]|$)",
        words,
    ):
        setting = match.group().strip()
    return setting


def read_sentence(resolver: Resolver, sentence: Sentence) -> list[Statement]:
    if passive := _passive_of_previous(resolver, sentence):
        return passive
    verbs = _attributed_verbs(resolver, sentence)
    quoted = _quotes(resolver, sentence, verbs)
    reported = _reported(resolver, sentence, verbs, used={s.verb for s in quoted})
    according = _according_to(resolver, sentence)
    if according and reported and all(_is_outlet(resolver, s.speaker) for s in reported):
        # "According to him, …, RIA Novosti notes": he said it; the outlet is the medium.
        for statement in according:
            statement.medium = reported[0].speaker.name
            statement.words_end = min(statement.words_end, reported[0].words_end)
        reported = according
    elif according and reported:
        # "According to a report released by Interfax, …, President X said": X said it, the
        # report is where it was read; the frame is not part of the words.
        frame = syntax.according_frame(sentence.tokens)
        comma = next((t for t in sentence.tokens if t.i > frame.i and t.text == ","), None)
        frame_end = min([max(t.idx + len(t) for t in frame.subtree)] + ([comma.idx] if comma is not None else []))
        for statement in reported:
            if statement.words_start < frame.idx < statement.words_end and any(
                    t.dep_ == "ccomp" and t.head.i == statement.verb for t in frame.ancestors) and (
                    resolver.text[statement.words_start:frame.idx].rstrip().endswith(",")):
                # "X said the radar was on the agenda, according to the agency": the frame closes what
                # X said; X's words end there and the agency is where they were read.
                statement.words_end = len(resolver.text[:frame.idx].rstrip().rstrip(",").rstrip())
            elif statement.words_start <= frame.idx < statement.words_end:
                statement.words_start = frame_end + len(resolver.text[frame_end:statement.words_end]) - len(
                    resolver.text[frame_end:statement.words_end].lstrip(" ,"))
            if not statement.medium and _is_outlet(resolver, according[0].speaker):
                statement.medium = according[0].speaker.name
        # "X is weighing it, according to two diplomats, after Washington warned that …": the
        # frame's words lie outside what the sentence's speaker said, a statement of its own.
        reported += [a for a in according if a.words_end <= frame.idx and not any(
            r.words_start < a.words_end and a.words_start < r.words_end for r in reported)]
    found = quoted + reported or according
    # "…, the ministry said, rejecting a report in a U.S. newspaper that Ankara was weighing it":
    # the report is a statement of its own, beside what the sentence attributes.
    reports = [s for s in _report_that(resolver, sentence)
               if not any(s.words_start < other.words_end and other.words_start < s.words_end for other in found)]
    return found + reports + _claim_denied(resolver, sentence)


def _report_that(resolver: Resolver, sentence: Sentence) -> list[Statement]:
    """"The denial followed a report by a London-based newspaper that Tehran had asked …":
    a report (or claim) whose author is named and whose content follows as a "that" clause
    is the author's statement, when no verb of the sentence attributes anything."""
    text = resolver.text
    for token in sentence.tokens:
        if token.lemma_.lower() not in CLAIM_NOUNS or _inside(token.idx, sentence.quotes):
            continue
        source = syntax.author(token)
        if source is None or source.dep_ == "poss" and source.i > token.i:
            continue
        words = syntax.phrase(source)
        following = [t for t in sentence.tokens if t.idx >= max(words.end, token.idx + len(token))]
        # "X's remarks on Tuesday, that India would buy more": when or where, before the clause.
        skip = next((i for i, t in enumerate(following[:7]) if t.lower_ == "that"), 0)
        if skip and all(t.is_punct or t.dep_ in ("prep", "pobj", "det", "amod", "compound", "npadvmod") or t.ent_type_ == "DATE"
                        for t in following[:skip]):
            following = following[skip:]
        if len(following) < 3 or following[0].lower_ != "that" or following[1].pos_ in ("VERB", "AUX"):
            continue  # "a report by X that was published on Monday": a relative clause
        speakers = resolver.resolve(words.text, ents=words.ents)
        start, end = following[1].idx, sentence.span.end
        clause = following[0].head
        if following[0].dep_ == "mark" and clause.dep_ != "ROOT" and clause.right_edge.i < following[-1].i:
            # "The claim by a daily that the radar failed was not confirmed": the clause ends first.
            end = clause.right_edge.idx + len(clause.right_edge)
        end -= len(text[start:end]) - len(text[start:end].rstrip(" .;"))
        if speakers and end > start:
            return [Statement(sentence.span.start, sentence.span.end, start, end, s, "reported") for s in speakers]
    return []


# "…, a claim the Algerian side rejects.", "…, an allegation Moscow denies.": the clause
# before is disputed by whoever the closing phrase names.
_CLAIM_DENIED = re.compile(
    r",\s+(?:a|an)\s+(?:claim|charge|allegation|accusation|assertion|report|account|view)\s+(?:that\s+|which\s+)?"
    r"(?P<who>[\w’'. -]{2,60}?)\s+(?:(?:has|have|had)\s+)?(?:strongly\s+|firmly\s+)?"
    r"(?:rejects|rejected|denies|denied|disputes|disputed|dismisses|dismissed)\s*[.;]?$"
)


def _claim_denied(resolver: Resolver, sentence: Sentence) -> list[Statement]:
    text = resolver.text
    match = _CLAIM_DENIED.search(text, sentence.span.start, sentence.span.end)
    if match is None:
        return []
    speakers = resolver.resolve(match["who"])
    start, end = sentence.span.start, match.start()
    if dateline := DATELINE.match(text, start, end):
        start = dateline.end()
    return [Statement(sentence.span.start, sentence.span.end, start, end, s, "reported", clause_start=match.start())
            for s in speakers if not s.unnamed or s.kind != "unnamed"]


def _is_outlet(resolver: Resolver, speaker: Speaker) -> bool:
    return speaker.kind == "organisation" and (speaker.new_body in Lexicon.NEWS_KINDS or resolver._kind_of(speaker.name) in Lexicon.NEWS_KINDS)


def _attributed_verbs(resolver: Resolver, sentence: Sentence) -> list[tuple[Token, list[Speaker], str]]:
    """Each speech verb of the sentence (outside quotations) with its speakers."""
    found = []
    for token in sentence.tokens:
        if _inside(token.idx, sentence.quotes) or not (syntax.is_speech_verb(token) or syntax.quoting(token)):
            continue
        if syntax.is_impersonal(token) or (
            any(t.dep_ in ("relcl", "amod", "acl") for t in [token, *token.ancestors])
            and not syntax.trailing_attribution(token) and not syntax.closing_participle(token)
            and not _claim_in_relative_clause(token) and not _quoted_in_relative_clause(token, sentence)
            and syntax.subject_taken_for_root(token) is None and not syntax.said_by_antecedent(token)
            and not _said_when(token)
            and not _inside(token.head.idx, sentence.quotes)  # '"…," X said': the parse hung it inside the quote
        ):
            continue  # "groups that he says are responsible": a relative clause is no statement
        if _says_nothing(token, sentence):
            continue
        speakers, medium = speakers_of(resolver, token, sentence.quotes)
        if speakers:
            found.append((token, speakers, medium))
    return found


def _said_when(verb: Token) -> bool:
    """"Talks began in 2016, when Minister X described them as …": a clause on a time, opened by
    "when", tells what was said then; the parse makes it a relative clause of the year."""
    return verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "when" and c.i < verb.i for c in verb.children)


_MEASURES = {"sanction", "measure", "restriction", "ban", "embargo", "tariff", "penalty", "countermeasure"}


def _says_nothing(verb: Token, sentence: Sentence) -> bool:
    """"The ministry did not confirm the figures", "declined to comment", "did not disclose how
    many": a speech verb negated or refused, with no clause or quotation of what was said (a
    question it left open is none), reports no statement; so do "said nothing more", "would say
    little" (an indefinite pronoun for what was said, no clause), a heading "What Moscow says"
    and "made the rules clear" (made something clear, not made clear that …)."""
    if not any(c.dep_ in ("ccomp", "xcomp") and c.lower_ != "clear" for c in verb.children) and (
            any(c.dep_ == "dobj" and c.pos_ == "PRON" and c.lower_ in ("nothing", "little", "anything", "much") for c in verb.children)
            # "What Moscow says": a heading over what follows, not something said
            or any(c.dep_ == "dobj" and c.lower_ == "what" and c.i < verb.i for c in verb.children)
            or verb.lemma_.lower() == "make" and any(
                c.lower_ == "clear" and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ != "it" for g in c.children)
                for c in verb.children)):
        return True
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
    if verb.lemma_.lower() == "ask" and clauses and all(_open_question(c) for c in clauses) and not any(
            q.start >= verb.idx and q.start <= verb.right_edge.idx for q in sentence.quotes):
        return True  # "Lawmakers asked why the batteries sat in storage": a question, no claim
    if any(c.dep_ in ("ccomp", "parataxis") and not _open_question(c) for c in verb.children) or any(
            q.start >= verb.idx and q.start <= verb.right_edge.idx for q in sentence.quotes):
        return False
    # "neither Algiers nor Moscow has confirmed a sale", "Neither has confirmed an order": the
    # subject's "neither" negates the verb
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    negated = any(c.dep_ == "neg" for c in verb.children) or any(
        c.lower_ in _NOBODY or any(g.dep_ == "preconj" and g.lower_ == "neither" for g in c.children) for c in subjects)
    refused = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse", "fail", "not")
    # "Britain announced sanctions on the firms": an act announced, not something said.
    acted = verb.lemma_.lower() in ("announce", "unveil", "declare") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _MEASURES for c in verb.children)
    return negated or refused or acted


_NOBODY = {"neither", "none", "nobody", "nor"}


def _open_question(clause: Token) -> bool:
    """"how many were included", "whether it would": a question, not something said."""
    first = clause.left_edge
    return first.tag_ in ("WRB", "WDT", "WP") or first.lower_ in ("whether", "if")


def _quoted_in_relative_clause(verb: Token, sentence: Sentence) -> bool:
    """"in a move the ministry called “a grave mistake”": the speaker's own words, quoted as
    the verb's object, in a relative clause whose subject is the speaker."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        verb.dep_ == "relcl" and subject is not None and subject.tag_ not in ("WDT", "WP") and subject.lower_ != "that"
        and any(c.dep_ in ("oprd", "dobj", "ccomp") and _inside(c.idx, sentence.quotes) for c in verb.children)
    )


def _claim_in_relative_clause(verb: Token) -> bool:
    """"groups in Syria that he says are responsible": the speaker's claim about the groups,
    a relative clause whose subject is a person, not the relative pronoun."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        verb.dep_ == "relcl" and subject is not None and subject.tag_ not in ("WDT", "WP")
        and subject.lower_ != "that" and any(c.dep_ == "ccomp" for c in verb.children)
    )


def _quotes(resolver: Resolver, sentence: Sentence, verbs) -> list[Statement]:
    """One statement per quotation, for the speakers of the verb it hangs on, else of the
    nearest attributed verb."""
    statements = []
    by_index = {verb.i: (verb, speakers, medium) for verb, speakers, medium in verbs}
    for quote in sentence.quotes:
        inner = [t for t in sentence.tokens if quote.start < t.idx < quote.end - 1]
        chosen = None
        for token in inner:
            ancestor = syntax.speech_ancestor(token, set(by_index))
            if ancestor is not None and not (quote.start <= ancestor.idx < quote.end):
                chosen = by_index[ancestor.i]
                break
        if chosen is None and verbs:
            chosen = min(verbs, key=lambda v: min(abs(v[0].idx - quote.start), abs(v[0].idx - quote.end)))
        if chosen is None:
            continue
        verb, speakers, medium = chosen
        outer = syntax.speech_ancestor(verb, set(by_index))
        if outer is not None and outer.idx < quote.start and not (verb.dep_ in ("conj", "advcl") and verb.head.i == outer.i):
            # "X said the department would not comment on “…”": the words are in what X said.
            verb, speakers, medium = by_index[outer.i]
        if _quoted_within(resolver, sentence, verb, quote):
            continue  # "announced that it would suspend all “deliveries and activities”": reported
        words_start, words_end = quote.start + 1, quote.end - 1
        words_end -= len(resolver.text[words_start:words_end]) - len(resolver.text[words_start:words_end].rstrip(" ,"))
        attribution = resolver.text[sentence.span.start : quote.start] + resolver.text[quote.end : sentence.span.end]
        found_medium, setting = medium_and_setting(resolver, attribution)
        for speaker in speakers:
            statements.append(Statement(sentence.span.start, sentence.span.end, words_start, words_end, speaker,
                                        "quote", medium or found_medium, setting, verb=verb.i))
    return statements


def _quoted_within(resolver: Resolver, sentence: Sentence, verb: Token, quote: Span) -> bool:
    """A few quoted words inside a longer clause the verb reports: the clause is the statement."""
    if verb.idx > quote.start:
        return False  # "As regards X, “…,” he said": the quotation is what he said
    span = _content_span(resolver, sentence, verb)
    if span is None:
        return False
    if span[1] <= quote.start and not resolver.text[span[1] : quote.start].strip(" ,;"):
        # "Bloomberg claimed Russia had rejected the request, “concerned that …”": the
        # quoted words continue the reported clause.
        return len(re.findall(r"[A-Za-z]{2,}", resolver.text[span[0] : span[1]])) >= 2
    if not (span[0] <= quote.start and quote.end <= span[1] + 3):
        return False
    outside = resolver.text[span[0] : quote.start] + resolver.text[quote.end : span[1]]
    return len(re.findall(r"[A-Za-z]{2,}", outside)) >= 2


def _reported(resolver: Resolver, sentence: Sentence, verbs, used) -> list[Statement]:
    """Reported speech: each attributed verb no quotation took, unless its clause is part of
    what another attributed verb's speaker said ("X said that A warned …")."""
    statements, seen = [], set()
    indices = {verb.i for verb, _, _ in verbs}
    by_verb = {verb.i: speakers for verb, speakers, _ in verbs}
    for verb, speakers, medium in verbs:
        if verb.i in used:
            continue
        outer = syntax.speech_ancestor(verb, indices)
        own_clause = verb.dep_ in ("conj", "advcl") and verb.head.i == outer.i if outer is not None else True
        if outer is not None and outer.i > verb.i and _names(speakers) == _names(by_verb[outer.i]):
            own_clause = True  # "The minister stressed that A, and «B,» Ravkov said": both his
        if outer is not None and outer.i > verb.i and syntax.is_subordinate(outer):
            own_clause = True  # "The Kremlin denied A, hours after a lawmaker said B": not the lawmaker's words
        if _own_conjunct(verb) is not None:
            own_clause = True  # "The agency has said A, and President X said B": X's words, not the agency's
        if not own_clause or any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
            continue  # "X said that A had paid, and that B warned …": B's warning is what X said
        if any(q.start <= verb.idx < q.end for q in sentence.quotes):
            continue
        span = _content_span(resolver, sentence, verb)
        if span is None:
            continue
        attribution = resolver.text[sentence.span.start : span[0]] + resolver.text[span[1] : sentence.span.end]
        if _parenthetical(sentence, verb):
            attribution = resolver.text[verb.left_edge.idx : verb.right_edge.idx + len(verb.right_edge)]
        found_medium, setting = medium_and_setting(resolver, attribution)
        clause_start = verb.left_edge.idx if verb.dep_ == "conj" else 0
        for speaker in speakers:
            key = (speaker.kind, speaker.name, speaker.role if speaker.unnamed else "")
            if key in seen:
                continue
            seen.add(key)
            statements.append(Statement(sentence.span.start, sentence.span.end, span[0], span[1], speaker, "reported",
                                        medium or found_medium, setting, verb=verb.i, clause_start=clause_start))
    return statements


def _names(speakers: list[Speaker]) -> set:
    return {(s.kind, s.name) for s in speakers}


def _own_conjunct(verb: Token) -> int | None:
    """"…, and Turkish President X said in September that …": a speech verb joined on with a
    named subject of its own (no "that" before it, which would make it part of what was said
    before). Returns where the join begins (its comma, else its "and"), None for other verbs."""
    if verb.dep_ != "conj" or not syntax.is_speech_verb(verb) or any(c.dep_ == "mark" for c in verb.children):
        return None
    if not any(c.dep_ == "nsubj" and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")) for c in verb.children):
        return None
    doc, edge = verb.doc, verb.left_edge.i
    if edge < 2 or doc[edge - 1].lower_ not in ("and", "but", "while"):
        return None
    return doc[edge - 2].idx if doc[edge - 2].text == "," else doc[edge - 1].idx


def _content_span(resolver: Resolver, sentence: Sentence, verb: Token) -> tuple[int, int] | None:
    if _parenthetical(sentence, verb):
        # "The systems, the ministry said, will be deployed near the capital": the sentence
        # around the attribution is what was said.
        return sentence.span.start, sentence.span.end - len(resolver.text[sentence.span.start : sentence.span.end]) + len(
            resolver.text[sentence.span.start : sentence.span.end].rstrip(" .;"))
    span = syntax.content(verb)
    if verb.dep_ == "advcl" and verb.i < verb.head.i and any(c.dep_ == "agent" for c in verb.children) and (
            verb.right_edge.i + 2 < len(verb.doc) and verb.doc[verb.right_edge.i + 1].text == ","):
        # "Confirmed by Ambassador X, the schedule runs until 2026": the participle opening the
        # sentence attributes the clause after its comma.
        span = (verb.doc[verb.right_edge.i + 2].idx, sentence.span.end)
    elif comma := syntax.trailing_attribution(verb) or syntax.closing_appositive_comma(verb) or syntax.closing_participle(verb):
        span = (sentence.span.start, comma.idx)
    elif syntax.closing_conjunct(verb):
        subject = next(c for c in verb.children if c.dep_ == "nsubj")
        span = (sentence.span.start, subject.left_edge.idx)
    # the subject nearest the verb: a clause before a closing attribution may lend the verb a
    # second subject ("A is due, and four batteries have been delivered, the ministry said")
    if span is None and (subject := max((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i),
                                        key=lambda c: c.i, default=None)) is not None:
        comma = subject.left_edge.i - 1
        # "…, the minister was quoted as saying by Agency A.": the agent names where, not what.
        if comma > sentence.tokens[0].i and verb.doc[comma].text == "," and all(
                t.is_punct or t.dep_ in ("prep", "pobj", "npadvmod", "advmod", "agent") or t.head.i != verb.i or t.i < verb.i
                # "…, the source added, requesting anonymity": how it was said, not what
                or (t.dep_ == "advcl" and t.tag_ == "VBG" and t.lower_ not in PARTICIPLES)
                for t in verb.doc[verb.i + 1 : sentence.tokens[-1].i + 1]):
            # "…, President X said.": what precedes the closing attribution was said.
            span = (sentence.span.start, verb.doc[comma].idx)
    if span is None and (agent := _agent_only(verb)) is not None:
        # "The plan was confirmed by Ambassador X, …": what was confirmed, not who confirmed it.
        span = (next(c for c in verb.children if c.dep_ == "nsubjpass").left_edge.idx, agent.idx)
    if span is None:
        start, end = verb.idx + len(verb), sentence.span.end
    else:
        start, end = span
    for subject in syntax.subjects(verb):
        begins = min(subject.left_edge.idx, syntax.phrase(subject).start)
        if start < begins < end and end <= verb.idx + len(verb):
            # The speaker set off inside the clause it attributes: the words end before them.
            end = begins
        elif start < begins < end:
            # "groups that he says are responsible": the words are what follows the verb.
            start = verb.idx + len(verb)
    start, end = max(start, sentence.span.start), min(end, sentence.span.end)
    # A clause of another speaker joined on ("…, and President X said B") ends these words.
    end = min([end, *(cut for t in sentence.tokens if t.i != verb.i and start < t.idx < end
                      and (cut := _own_conjunct(t)) is not None and cut > start)])
    words = resolver.text[start:end]
    # "said in a statement (that) …": where it was said is no part of what was said.
    match = re.match(r"^[\s,:]*(?:(?:in|on|via) (?:a|an|its|his|her|their) (?:[\w-]+ ){0,2}?"
                     r"(?:statement|interview|post|letter|reply|message|release|briefing)[\s,]+)?"
                     r"(?:citing [^,]{1,80},\s*)?(?:that\s+)?", words)  # "reported, citing a source, that …"
    start += match.end()
    words = resolver.text[start:end]
    end -= len(words) - len(re.sub(r"(?:[\s,.;:]|,? and)+$", "", words))
    if end - start < 3:
        return None
    return start, end


def _agent_only(verb: Token) -> Token | None:
    """"The plan was confirmed by Ambassador X, …": a passive whose subject is what was said and
    whose words after the verb name only who said it (no clause said); its agent."""
    if not any(c.dep_ == "nsubjpass" and c.i < verb.i for c in verb.children) or any(
            c.dep_ in ("ccomp", "xcomp", "oprd", "parataxis") or c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "agent" and c.i > verb.i), None)


def _parenthetical(sentence: Sentence, verb: Token) -> bool:
    """An attribution set off by commas in the middle of what was said: subject after a
    comma, no clause of its own, a comma after it and more words to follow."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) or sentence.quotes:
        return False
    doc, first, last = verb.doc, sentence.tokens[0].i, sentence.tokens[-1].i
    before = subject.left_edge.i - 1
    if before <= first or doc[before].text not in _ASIDE_MARKS:
        return False
    after = max([verb.i] + [t.i for c in verb.children if c.i > verb.i and c.dep_ != "punct" for t in c.subtree]) + 1
    # set off by commas, or by dashes ("The deliveries - the minister said - would start …")
    return after < last and doc[after].text == doc[before].text and any(not t.is_punct for t in doc[after + 1 : last + 1])


_ASIDE_MARKS = {",", "-", "–", "—"}


# Nouns that refer back to what the sentence before said.
_WHAT_WAS_SAID = {"position", "stance", "figure", "information", "news", "decision", "plan", "schedule", "timeline", "assessment"}


def _passive_of_previous(resolver: Resolver, sentence: Sentence) -> list[Statement]:
    """"This was announced on June 9 by the Qatari Ambassador …": the previous sentence is
    what was announced."""
    previous = sentence.previous or sentence.preceding
    if previous is None:
        return []
    for token in sentence.tokens:
        if not syntax.is_speech_verb(token):
            continue
        pronoun = next((c for c in token.children if c.dep_ == "nsubjpass" and (c.lower_ in ("this", "that", "it", "these") or (
            # "The position was confirmed by Ambassador X": the stance the sentence before told
            c.lemma_.lower() in _WHAT_WAS_SAID and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in c.children)))), None)
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if pronoun is None or agent is None or any(c.dep_ == "ccomp" for c in token.children):
            continue
        objects = [c for c in agent.children if c.dep_ == "pobj"]
        speakers = []
        for head in objects[:1]:
            words = syntax.phrase(head)
            speakers = resolver.resolve(words.text, ents=words.ents)
            if words.role and speakers and speakers[0].kind == "person":
                speakers = [resolver.person(s.name, words.role) for s in speakers]
        return [Statement(previous.start, sentence.span.end, previous.start, previous.end, s, "reported") for s in speakers]
    return []


def _according_to(resolver: Resolver, sentence: Sentence) -> list[Statement]:
    """"According to X, …" / "…, according to X" / "as per X": X said the rest of the sentence."""
    source = syntax.according_to(sentence.tokens)
    if source is None:
        return []
    words = syntax.phrase(source)
    speakers = resolver.resolve(words.text, ents=words.ents, publishing=True)
    medium = ""
    if (quoted := _quoted_by(source)) is not None and speakers:
        # "…, according to ANI, which quoted a ministry source": the source said it; the
        # outlet is where it was read.
        said = syntax.phrase(quoted)
        medium = speakers[0].name if _is_outlet(resolver, speakers[0]) else ""
        speakers = resolver.resolve(said.text, ents=said.ents) or [resolver.unnamed(said.text)]
    if not speakers:
        return []
    according = syntax.according_frame(sentence.tokens)
    clause_end = max(t.idx + len(t) for t in according.subtree)
    text = resolver.text
    if according.idx - sentence.span.start < 3:
        start, end = clause_end, sentence.span.end
    elif text[:according.idx].rstrip().endswith(",") and text[clause_end:].lstrip().startswith(",") and re.search(
            r"[A-Za-z]{3}", text[clause_end : sentence.span.end]) and not _NEW_CLAUSE.match(text, clause_end):
        # "The contract, according to the minister, will be signed in June": the sentence around it.
        start, end = sentence.span.start, sentence.span.end
    else:
        start, end = sentence.span.start, according.idx
    start += len(text[start:end]) - len(text[start:end].lstrip(" ,"))
    end -= len(text[start:end]) - len(text[start:end].rstrip(" ,.;"))
    if end <= start:
        return []
    return [Statement(sentence.span.start, sentence.span.end, start, end, s, "reported", medium) for s in speakers]


# "…, according to two diplomats, after Washington warned …": what follows the frame is a clause of its own.
_NEW_CLAUSE = re.compile(r"\s*,\s*(?:after|before|when|while|as|because|since|although|though|but|and|even as)\b")


def _quoted_by(source: Token) -> Token | None:
    """Whom an outlet quoted, in a relative clause on it: "ANI, which quoted a source"."""
    for clause in source.children:
        if clause.dep_ == "relcl" and clause.lemma_.lower() in ("quote", "cite"):
            return next((c for c in clause.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    return None


def continued_quotes(resolver: Resolver, quotes: list[Span], paragraph: Span) -> list[Statement]:
    """A paragraph that is a quotation with no attribution continues the last speaker quoted,
    or the person whose words ended the paragraph before ("X said …¶“…”")."""
    speaker = resolver.memory.last_quoted
    before = resolver.memory.last_paragraph
    if before is not None and (before.kind == "person" or before.unnamed):
        speaker = before
    text = resolver.text
    if speaker is None or not quotes or quotes[0].start not in (paragraph.start, paragraph.start - 1):
        return []  # (a quotation closing one the paragraph before left open starts on the line break)
    outside = "".join(text[a:b] for a, b in gaps_between_quotes(quotes, paragraph))
    if re.search(r"[A-Za-z]{3}", outside):
        return []
    return [Statement(paragraph.start, paragraph.end, q.start + 1, q.end - 1, speaker, "quote") for q in quotes]


def gaps_between_quotes(quotes: list[Span], paragraph: Span):
    """The (start, end) spans of the paragraph outside its quotations."""
    position = paragraph.start
    for quote in quotes:
        yield position, quote.start
        position = quote.end
    yield position, paragraph.end
