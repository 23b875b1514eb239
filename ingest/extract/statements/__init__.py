"""Statements: direct quotations (in " “ ” « » „ “ ‘ ’ marks) and reported speech, each
attributed to its speaker by the dependency parse.

- ``syntax``: speech verbs (by lemma) and their subjects, passive agents, inverted and
  participial attributions, the words said, appositives as roles;
- ``speakers``: what a subject phrase names (a person, a body, a country, an unnamed speaker
  for one), outlets as bodies, bodies written another way than the base's name, and the
  memory that resolves "he", "it", "the minister", "the ministry", "the statement" to the
  last compatible speaker, or to the person or body the article mentioned before ("the
  agency" the last agency named, state or news; "the company" one named in its own words);
- ``reading``: one sentence's quotations, reported speech and frames ("according to X",
  "A quoted an official as saying", "This was confirmed by X", "a report by X that …",
  "…, a claim X rejects"), and continuation paragraphs;
- ``stance``: asserts, denies or comments.
In an interview printed as questions and answers, an answer labelled with the name of a
person the article introduced ("Sedov: …") is one quotation of theirs, and so is one labelled
"A:", "A." or "Answer:" of the person the introduction says was interviewed ("In an interview
with X, Y said …", "Y spoke to X about …"; nothing when it names nobody); an answer's further
paragraphs, before the next question, are one quotation each; a question is none. Printed
without labels after an introduction that says so ("X answered our questions."), a question
paragraph is none and the first-person paragraph after it is the interviewee's. "The sources
added", "the diplomats said" are the unnamed group that spoke before with that noun in its role.
A definite role with no name yet ("the Kingdom's ambassador said") is the person the article
makes speak next, within two paragraphs, when their role does not contradict it.
The statement's date is the first date of its sentence outside the words said (the dateline's
only when the sentence gives no other), else that of the speaker's previous statement. A body the base does not know is drafted once as a new
organisation for the editor to confirm.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .. import nlp
from ..base import (
    CLOSING_QUOTES,
    DATELINE,
    Finding,
    Kind,
    Lexicon,
    Span,
    dateline_credit,
    is_headline,
    paragraphs,
    quotations,
    sentence_at,
    sentences,
)
from . import syntax
from .reading import (
    Sentence,
    Statement,
    continued_quotes,
    gaps_between_quotes,
    medium_and_setting,
    read_sentence,
    tokens_in,
)
from .speakers import Memory, Resolver, Speaker
from .stance import stance
from .vocabulary import BODY_NAME_WORDS, REPORT_NOUNS, ROLE_NOUNS, ROLE_SYNONYMS

if TYPE_CHECKING:  # spaCy is imported when an article is first parsed, not with the site
    from spacy.tokens import Doc, Token

__all__ = ["find_statements"]


def find_statements(
    text: str, *, lexicon: Lexicon, dates: list[Finding] | None = None, sentence_spans=None, doc: Doc | None = None,
    new_organisations: bool = False,
) -> list[Finding]:
    """Statement findings; with ``new_organisations``, also one organisation finding per body
    the base does not know (drafted for the editor to confirm)."""
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    if doc is None:
        doc = nlp.parse(text, sentence_starts=[span.start for span in sentence_spans])
    resolver = Resolver(text, lexicon)
    resolver.doc = doc
    found, previous, headline, read = [], [], None, []
    interview = _Interview()
    for number, paragraph in enumerate(paragraphs(text)):
        if number == 0 and is_headline(text[paragraph.start : paragraph.end]):
            headline = paragraph
            continue
        if _CREDIT.match(text, paragraph.start, paragraph.end):
            continue  # "(Reporting by A; Editing by B)": who wrote the copy, not who spoke
        # A quotation paragraph after one whose last words were reported continues that speaker;
        # after one that said nothing, the person its last sentence was about ("Air Marshal X
        # addressed a seminar on Friday.¶“The squadrons …”").
        resolver.memory.last_paragraph = previous[-1].speaker if previous else (
            _subject_of_last_sentence(resolver, doc, read[-1][0], sentence_spans) if read else None)
        if (labelled := _answer(resolver, interview, paragraph, found, sentence_spans)) is not None:
            previous = _given_in_interview(resolver, interview, labelled, sentence_spans)
            for statement in labelled:
                _remember(resolver, statement)
            found += previous
            continue
        previous = _read_paragraph(resolver, doc, paragraph, sentence_spans)
        if not previous and (more := _answer_goes_on(resolver, interview, paragraph)):
            previous = _given_in_interview(resolver, interview, more, sentence_spans)  # an answer's next paragraph
            for statement in more:
                _remember(resolver, statement)
        else:
            interview.answering = None
        read.append((paragraph, previous))
        found += previous
    found += _opened_before_attribution(text, read)
    found.sort(key=lambda s: (s.start, s.words_start))
    _name_later(found, text)
    if headline is not None and (said := _headline_attribution(resolver, headline, found)) is not None:
        found.insert(0, said)
    bodies = _with_dateline_outlet(resolver, sentence_spans, _new_bodies(resolver, found)) if new_organisations else []
    return _findings(resolver, found, dates or []) + bodies


def _subject_of_last_sentence(resolver: Resolver, doc: Doc, paragraph: Span, sentence_spans) -> Speaker | None:
    last = [s for s in sentence_spans if paragraph.start <= s.start < paragraph.end][-1:]
    return _person_introduced(resolver, doc, last[0]) if last else None


def _open_at_end(text: str, paragraph: Span) -> bool:
    """Whether the paragraph ends inside a quotation it opened (wire copy's quotation that runs on)."""
    quotes = quotations(text, paragraph)
    return bool(quotes) and quotes[-1].end == paragraph.end and text[paragraph.end - 1] not in CLOSING_QUOTES


def _opened_before_attribution(text: str, read: list[tuple[Span, list[Statement]]]) -> list[Statement]:
    """“We will not give up the system.¶“It is ours,” X said.": a paragraph of quotation left
    open, after one that was not, and nobody to continue; the speaker the next paragraph's
    quotation names said it too. Drafts the statements the reading left out (nobody to give
    them to) and gives those it gave to the last speaker quoted to that speaker instead."""
    added = []
    for i in range(len(read) - 1):
        (paragraph, statements), (following, next_statements) = read[i], read[i + 1]
        quotes = quotations(text, paragraph)
        if not _open_at_end(text, paragraph) or quotes[0].start != paragraph.start or i and _open_at_end(text, read[i - 1][0]):
            continue
        if re.search(r"[A-Za-z]{3}", "".join(text[a:b] for a, b in gaps_between_quotes(quotes, paragraph))):
            continue  # an attribution of its own
        opening = next_statements[0] if next_statements else None
        if opening is None or opening.mode != "quote" or opening.words_start not in (following.start, following.start + 1) or not re.search(
                r"[A-Za-z]{3}", "".join(text[a:b] for a, b in gaps_between_quotes(quotations(text, following), following))):
            continue  # the next paragraph's quotation is attributed by none of its own words
        if statements and all((s.start, s.end) == (paragraph.start, paragraph.end) for s in statements):
            for statement in statements:
                statement.speaker = opening.speaker
        elif not statements:
            # a quotation closed before the one left open ends before its closing mark
            added += [Statement(paragraph.start, paragraph.end, q.start + 1, q.end - (text[q.end - 1] in CLOSING_QUOTES),
                                opening.speaker, "quote") for q in quotes]
    return added


def _name_later(found: list[Statement], text: str):
    """Wire copy gives a role first and the name after: "…, the Kingdom's ambassador in Moscow
    indicated. … Ambassador Faisal X said …". A definite role nobody held yet is the next person
    the article makes speak, when that person is new to it and their role does not contradict it.
    So is a post held by few the lede gives without a name ("…, a Russian deputy minister said. ¶
    … Deputy Industry Minister Oleg X told reporters"): a minister or envoy is seldom anonymous."""
    for i, statement in enumerate(found):
        speaker = statement.speaker
        lede_post = i == 0 and re.fullmatch(rf"(?:[\w-]+ ){{0,3}}?{_FEW_HOLD}", speaker.role, re.IGNORECASE) and re.search(
            rf"\ban? {re.escape(speaker.role)}\b", text[statement.start : statement.end])
        if not (speaker.unnamed and (speaker.definite or lede_post)):
            continue
        earlier = {s.speaker.name for s in found[:i] if s.speaker.kind == "person"}
        following = next((s for s in found[i + 1 :] if s.speaker.kind == "person" or s.speaker == speaker), None)
        if following is None or text.count("\n", statement.end, following.start) > 2:
            continue  # named only much later: perhaps someone else
        later = following.speaker
        if later == speaker or later.name in earlier or not _same_role(speaker, later):
            continue
        for other in found:
            if other.speaker == speaker:
                other.speaker = replace(later, role=later.role or speaker.role)


_FEW_HOLD = r"(?:minister|ambassador|envoy|governor|commander|president)"


def _same_role(unnamed: Speaker, person: Speaker) -> bool:
    if unnamed.country and person.country and unnamed.country != person.country:
        return False
    if not person.role:
        return True
    held = person.role.lower()
    words = [w for w in re.findall(r"[\w-]+", unnamed.role.lower()) if w in ROLE_NOUNS]
    return any(w in held or any(s in held for s in ROLE_SYNONYMS.get(w, ())) for w in words[:1])


# A paragraph of an interview printed as questions and answers: "Q: …", "Sedov: …".
_LABEL = re.compile(r"(?P<label>[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}):\s+(?=\S)")
_QUESTION_LABELS = {"Q", "Question", "Interviewer"}
# "Q: …", "Q. …", "Question: …" and "A: …", "A. …", "Answer: …": the outlet's question, the interviewee's answer.
_QA_LABEL = re.compile(r"(?P<label>Q|A|Question|Answer|QUESTION|ANSWER)(?P<mark>[:.])\s+(?=\S)")
# What an introduction says of the person interviewed: "In an interview with X, …", "X spoke to Y about …".
_INTERVIEWED = re.compile(r"\binterview|\b(?:spoke|speaking|talked|talking)\s+(?:to|with)\b|\bsat\s+down\s+with\b"
                          r"|\bconversation\s+with\b|\bdiscuss(?:ed|es|ing)?\b[^.;]*\bwith\b"
                          r"|\banswer(?:ed|s|ing)?\s+(?:[\w’'-]+\s+){0,2}questions\b", re.IGNORECASE)
# Verbs of a conversation between a guest and whoever asks: "X spoke to Y", "X discussed it with Y".
_CONVERSATION_LEMMAS = {"speak", "talk", "discuss", "chat", "sit", "converse", "interview"}
# Words that make a person the one asking: the outlet's "correspondent", "our reporter".
_INTERVIEWER_WORDS = {"correspondent", "reporter", "journalist", "editor", "interviewer", "host", "presenter", "anchor",
                      "columnist", "our", "we", "us"}



def _body_name(name: str) -> bool:
    """A name the parse read as a person's that is a body's: "the Danube Herald", "the Moscow
    Institute of Strategic Analysis"."""
    return any(word in BODY_NAME_WORDS for word in name.split())


@dataclass
class _Interview:
    asked: bool = False  # the paragraph before was a question: "A." after it is an answer, not an initial ("A. Petrov")
    interviewee: Speaker | None = None
    looked: bool = False  # whether the introduction was searched for the interviewee
    answering: Speaker | None = None  # whose answer the next unlabelled paragraph may go on with
    unlabelled: bool = False  # the paragraph before was a question printed without "Q:"
    introduction: Span | None = None  # the sentence before the answers that tells of the interview
    introduced: bool = False  # whether it was searched for


def _given_in_interview(resolver: Resolver, interview: _Interview, answers: list[Statement], sentence_spans) -> list[Statement]:
    """The answers of an interview, given to the outlet and on the day the sentence that introduces
    it names ("In an interview with the daily X published on Tuesday, Y …"), when they name none
    of their own."""
    if not answers:
        return answers
    text = resolver.text
    if not interview.introduced:
        interview.introduced = True
        # the last such sentence before the answers: not a headline that says "an interview with …"
        interview.introduction = next((s for s in reversed(sentence_spans) if s.end <= answers[0].start and _INTERVIEWED.search(
            text, s.start, s.end) and not _QA_LABEL.match(text, s.start) and not _LABEL.match(text, s.start)), None)
    introduction = interview.introduction
    if introduction is None:
        return answers
    medium, _ = medium_and_setting(resolver, text[introduction.start : introduction.end])
    for answer in answers:
        answer.medium = answer.medium or medium
        answer.dated = answer.dated or (introduction.start, introduction.end)
    return answers


def _answer(resolver: Resolver, interview: _Interview, paragraph: Span, found: list[Statement], sentence_spans) -> list[Statement] | None:
    """A question-and-answer paragraph: none for a question; the whole answer as one quotation
    of the person its label names ("Sedov: We do not …") when the article named them before,
    or of the person the introduction says was interviewed ("A: We do not …"; nothing when it
    names nobody); ``None`` for any other paragraph."""
    text = resolver.text
    end = paragraph.start + len(text[paragraph.start : paragraph.end].rstrip())
    asked, interview.asked = interview.asked, False
    unlabelled, interview.unlabelled = interview.unlabelled, False
    qa = _QA_LABEL.match(text, paragraph.start, paragraph.end)
    if qa is not None and (
            qa["label"] in ("Q", "Question", "QUESTION") and (qa["mark"] == ":" or not re.match(r"[A-Z][a-z]*\.", text[qa.end() :]))):
        interview.asked, interview.answering = True, None
        return []
    if qa is None and (said := _unlabelled_answer(resolver, interview, paragraph, found, sentence_spans, unlabelled)) is not None:
        return said
    if qa is not None and qa["label"] in ("A", "Answer", "ANSWER") and (qa["mark"] == ":" or asked):
        if not interview.looked:
            interview.looked = True
            interview.interviewee = _interviewee(resolver, found, paragraph.start, sentence_spans)
        interview.answering = interview.interviewee
        if interview.interviewee is None:
            return []  # nobody named as interviewed: no speaker rather than a wrong one
        return [Statement(paragraph.start, end, qa.end(), end, interview.interviewee, "quote", setting="interview")]
    label = _LABEL.match(text, paragraph.start, paragraph.end)
    if label is None or label["label"].isupper() and label["label"] not in _QUESTION_LABELS:
        return None
    if label["label"] in _QUESTION_LABELS:
        interview.asked, interview.answering = True, None
        return []
    resolver.position = paragraph.start
    if not re.search(rf"\b{re.escape(label['label'])}\b", text[: paragraph.start]):
        return None
    speakers = resolver.resolve(label["label"])
    if len(speakers) != 1 or speakers[0].kind != "person":
        return None
    interview.answering = speakers[0]
    return [Statement(paragraph.start, end, label.end(), end, speakers[0], "quote", setting="interview")]


# A paragraph that speaks of its speaker in the first person: "We expect …", "In my view …".
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|us|me)\b")


def _unlabelled_answer(resolver: Resolver, interview: _Interview, paragraph: Span, found: list[Statement], sentence_spans,
                       after_question: bool) -> list[Statement] | None:
    """An interview printed without labels, after an introduction that says so ("In an interview
    with the agency, X answered our questions."): a paragraph that is one question is none; the
    first-person paragraph after it is the interviewee's answer (nobody's when the introduction
    names two guests or none). ``None`` for any other paragraph."""
    text = resolver.text
    words = text[paragraph.start : paragraph.end].rstrip()
    if any(mark in words for mark in "\"“”«»"):
        return None
    if words.endswith("?") and "\n" not in words and not _LABEL.match(words):
        if not _INTERVIEWED.search(text, 0, paragraph.start):
            return None
        if not interview.looked:
            interview.looked = True
            interview.interviewee = _interviewee(resolver, found, paragraph.start, sentence_spans)
        interview.asked, interview.answering, interview.unlabelled = True, None, True
        return []
    if not after_question or not _FIRST_PERSON.search(words) or _LABEL.match(words):
        return None
    interview.answering = interview.interviewee
    if interview.interviewee is None:
        return []  # two guests, or none named: no speaker rather than a wrong one
    end = paragraph.start + len(words)
    return [Statement(paragraph.start, end, paragraph.start, end, interview.interviewee, "quote", setting="interview")]


def _interviewee(resolver: Resolver, found: list[Statement], at: int, sentence_spans) -> Speaker | None:
    """The person the article says it interviewed, before its first answer: the one person who
    spoke "in an interview" so far, else the person a sentence on the interview is about ("X
    spoke to the Herald about …", "The Herald interviewed X")."""
    text = resolver.text
    spoke = {s.speaker.name: s.speaker for s in found if s.speaker.kind == "person" and not s.speaker.unnamed
             and "interview" in (s.setting + text[s.start : s.words_start] + text[s.words_end : s.end]).lower()}
    if len(spoke) == 1:
        return next(iter(spoke.values()))
    if spoke:
        return None
    before = [s for s in sentence_spans if s.end <= at]
    for span in before:
        if not _INTERVIEWED.search(text, span.start, span.end) or _QA_LABEL.match(text, span.start):
            continue
        resolver.position = span.end
        if (guest := _guest(resolver, span)) is not None:
            return guest or None  # the guest of the conversation the sentence tells, or nobody when it cannot tell
        named = _people_named(resolver, span.start, span.end)
        if len(named) > 1 and (subject := _person_introduced(resolver, resolver.doc, span)) is not None:
            named = [p for p in named if p.name == subject.name]
        if len(named) == 1:
            return named[0]
    # An introduction that presents its guest without the word ("X has followed Russian arms
    # sales for twenty years"): the one person it names before the questions begin.
    first_question = next((s.start for s in before if _QA_LABEL.match(text, s.start)), at)
    resolver.position = first_question
    named = _people_named(resolver, 0, first_question)
    if not named and resolver.doc is not None:
        # a name the entity model passed by, as the subject of an introduction's sentence
        found = {}
        for span in [s for s in before if s.end <= first_question]:
            resolver.position = span.end
            if (person := _person_introduced(resolver, resolver.doc, span)) is not None and not _body_name(person.name):
                found.setdefault(person.name, person)
        named = list(found.values())
    return named[0] if len(named) == 1 else None


def _guest(resolver: Resolver, span: Span) -> Speaker | bool | None:
    """The guest of a conversation an introduction tells between two sides, by the parse: the
    subject of "spoke to", "talked with", "discussed … with", "was interviewed by"; the one
    "interviewed", or "in an interview with", the other side; whichever side is not the
    outlet or its journalist ("Our correspondent X talked with Y": Y). ``False`` when the
    sentence cannot tell (two guests together, both sides the outlet's, or two people who
    "discussed" with neither the outlet's); ``None`` when it
    tells no conversation."""
    if resolver.doc is None:
        return None
    for token in tokens_in(resolver.doc, span):
        if (sides := _sides(token)) is None:
            continue
        guest, asker = sides
        if _asks(resolver, guest) and not _asks(resolver, asker) or (
                _person_of(resolver, guest) is None and _person_of(resolver, asker) is not None and not _asks(resolver, asker)):
            guest, asker = asker, guest
        if _asks(resolver, guest) or any(c.dep_ == "conj" for c in guest.children):
            return False
        if token.lemma_.lower() == "discuss" and not _asks(resolver, asker):
            # "X discussed the radars with Y": either may be the guest when neither is the outlet's
            return False
        # "She spoke to the Herald": whom "she" means, when the resolver cannot tell, is for the introduction's other sentences
        return _person_of(resolver, guest) or (None if guest.pos_ == "PRON" else False)
    return None


def _sides(token: Token) -> tuple[Token, Token] | None:
    """The guest and the asker of a conversation word, as its syntax places them: the subject
    is the guest of "spoke to", "talked with", "was interviewed by"; the object, of "X
    interviewed Y" and "an interview with Y"."""
    lemma = token.lemma_.lower()
    # "discussed the radars with Y": the parse may hang "with" on the object
    heads = [token] + [c for c in token.children if c.dep_ == "dobj"]
    partner = next((grand for head in heads for child in head.children
                    if child.dep_ in ("prep", "agent") and child.lower_ in ("with", "to", "by")
                    for grand in child.children if grand.dep_ == "pobj"), None)
    if token.pos_ == "NOUN" and lemma in ("interview", "conversation") and token.dep_ == "pobj":
        # "In an interview with Y, X said …": the partner is the guest, the sentence's subject the other side
        subject = next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)
        return (partner, subject) if partner is not None and subject is not None else None
    if token.pos_ != "VERB" or lemma not in _CONVERSATION_LEMMAS:
        return None
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if lemma == "interview" and subject is not None and subject.dep_ == "nsubj":
        partner = next((c for c in token.children if c.dep_ == "dobj"), None)
        return (partner, subject) if partner is not None else None
    return (subject, partner) if subject is not None and partner is not None else None


def _asks(resolver: Resolver, side: Token) -> bool:
    """Whether a side of a conversation is the one asking: the outlet itself ("spoke to the
    Danube Herald"), "we", or a person the words about them make its journalist ("our
    correspondent X", "X, a reporter for the Herald", "the Herald's X")."""
    clauses = {t for child in side.children if child.dep_ in ("relcl", "acl") for t in child.subtree}
    if any(t.lower_ in _INTERVIEWER_WORDS or t.lemma_.lower() in _INTERVIEWER_WORDS for t in side.subtree if t not in clauses):
        return True
    owners = [t for t in side.children if t.dep_ == "poss"] + [side]
    for owner in owners:
        phrase = syntax.phrase(owner)
        found = resolver.resolve(phrase.text, ents=phrase.ents)
        if len(found) == 1 and found[0].kind == "organisation" and (
                found[0].new_body in Lexicon.NEWS_KINDS or resolver._kind_of(found[0].name) in Lexicon.NEWS_KINDS):
            return True
    return False


def _person_of(resolver: Resolver, side: Token) -> Speaker | None:
    """The one named person a side of a conversation is."""
    phrase = syntax.phrase(side)
    found = resolver.resolve(phrase.text, ents=phrase.ents)
    if len(found) != 1 or found[0].kind != "person" or found[0].unnamed:
        return None
    return resolver.person(found[0].name, phrase.role) if phrase.role else found[0]  # "X, a missile analyst, …"


def _people_named(resolver: Resolver, start: int, end: int) -> list[Speaker]:
    """The people first named between two offsets; a name after "the", or a body's, is none."""
    return [p for p in resolver.named_people() if start <= resolver._named_at.get(p.name, -1) < end
            and p.role.lower() != "the" and not _body_name(p.name) and p.name not in resolver.organisations]


def _answer_goes_on(resolver: Resolver, interview: _Interview, paragraph: Span) -> list[Statement]:
    """A paragraph after an answer, before the next question, that draws no statement of its own
    and does not speak of the interviewee or of the interview: more of the answer."""
    speaker, text = interview.answering, resolver.text
    words = text[paragraph.start : paragraph.end].rstrip()
    if speaker is None or _LABEL.match(words) or not re.search(r"[.!?…][”\"’»]?$", words) or re.search(
            rf"\binterview|\b{re.escape(speaker.name.split()[-1])}\b", words, re.IGNORECASE):
        return []
    end = paragraph.start + len(words)
    return [Statement(paragraph.start, end, paragraph.start, end, speaker, "quote", setting="interview")]


# A wire credit line: "(Reporting by A in Moscow; Writing by B; Editing by C)", "-- Compiled by D".
_CREDIT = re.compile(
    r"[\s(\[—–-]*(?:(?:Additional\s+)?[Rr]eporting|[Ww]riting|[Ee]diting|[Ee]dited|[Cc]ompiled|[Ww]ritten|[Rr]eported)"
    r"\s+by\s+[^\n]*?(?:[;,]\s*(?:(?:[Aa]dditional\s+)?[Rr]eporting|[Ww]riting|[Ee]diting|[Ee]dited|[Cc]ompiled)\s+by\b[^\n]*?)*"
    r"[)\]]?\s*$"
)


# "Erdogan: second batch still possible", "FSMTC chief: deliveries on schedule": a headline that
# gives its words to a speaker before a colon; not a rubric ("Analysis: …", "Factbox: …").
_HEADLINE_LABEL = re.compile(r"(?P<label>[^\W\d][\w’'.-]*(?: [\w’'.-]+){0,3}):\s+(?P<words>\S.*)")
# "…, say officials", "… - defence ministry" (a credit after the words) and "Kremlin says …".
_HEADLINE_CREDIT = re.compile(r"(?P<words>\S.*?)(?:,\s*(?:says?|said)\s+|\s+[-–—]\s+)(?P<label>[^\W\d][\w’'.-]*(?: [\w’'.-]+){0,3})")
_HEADLINE_SAYS = re.compile(r"(?P<label>[^\W\d][\w’'.-]*(?: [\w’'.-]+){0,3}?) (?:says|said) (?P<words>\S.*)")
_RUBRICS = {"analysis", "factbox", "fact box", "interview", "explainer", "exclusive", "update", "opinion", "comment", "editorial",
            "insight", "timeline", "q&a", "breaking", "watch", "video", "photos", "live", "feature", "profile", "column",
            "review", "correction", "corrected", "refile", "focus", "preview", "wrapup", "wrap-up", "special report"}


def _headline_attribution(resolver: Resolver, headline: Span, found: list[Statement]) -> Statement | None:
    """The headline's words as said by the speaker its label names, when that speaker speaks
    in the article too (a person by surname or by role, "FSMTC chief" the head of the FSMTC the
    article quotes) or is one of the base's bodies; read after the article, so that the label
    can name someone introduced only below it."""
    text = resolver.text
    line = text[headline.start : headline.end].rstrip()
    match = _HEADLINE_LABEL.fullmatch(line)
    # A credit or "X says" names a speaker only when that speaker speaks below too.
    credited = match is None
    match = match or _HEADLINE_CREDIT.fullmatch(line) or _HEADLINE_SAYS.fullmatch(line)
    if match is None or match["label"].lower() in _RUBRICS or match["label"].isupper() and len(match["label"]) > 6:
        return None
    label = match["label"]

    def said_by(speaker: Speaker) -> Statement:
        return Statement(headline.start, headline.start + len(line), headline.start + match.start("words"),
                         headline.start + match.end("words"), speaker, "reported")

    if credited and re.fullmatch(r"(?:[A-Z]\w+ )?(?:officials?|sources?|diplomats?|insiders?|aides?)", label, re.IGNORECASE):
        # "…, says official", "… - sources": whoever unnamed speaks below in that role, never a named person
        noun = label.split()[-1].lower().rstrip("s")
        unnamed = next((st.speaker for st in found if st.speaker.unnamed and noun in st.speaker.role.lower()), None)
        return said_by(unnamed) if unnamed is not None else None
    people = []
    for statement in found:  # the first to speak is whom a role in the headline most likely means
        if statement.speaker.kind == "person" and all(p.name != statement.speaker.name for p in people):
            people.append(statement.speaker)
    resolver.memory = Memory(people=people[::-1], last_person=None)
    resolver.position = len(text)
    # A name ("Erdogan", "Kremlin") as written; a role or a body's noun as a definite phrase ("the FSMTC chief").
    speakers = resolver.resolve(label) if label[:1].isupper() and " " not in label else []
    if not speakers:
        speakers = resolver.resolve(f"the {label}")
    if len(speakers) != 1:
        return None
    speaker = speakers[0]
    spoke = {(s.speaker.kind, s.speaker.name) for s in found}
    if credited:
        # "…, say officials" over "…, a senior official said": unnamed, when someone unnamed speaks below.
        if speaker.unnamed and any(s.speaker.unnamed and s.speaker.kind == speaker.kind for s in found):
            return said_by(speaker)
        if (speaker.kind, speaker.name) not in spoke:
            return None
    if speaker.new_body and (speaker.kind, speaker.name) not in spoke:
        # "Defence ministry: …" over "…, the Turkish defence ministry said": the body that speaks below.
        bodies = [s.speaker for s in found if s.speaker.kind == "organisation" and label.casefold() in s.speaker.name.casefold()]
        speaker = bodies[0] if bodies else speaker
    # "Ankara: …" over "Turkey said …": a state, when it speaks in the article.
    if speaker.unnamed or speaker.kind not in ("person", "organisation", "country") or (
            (speaker.kind, speaker.name) not in spoke and (speaker.kind in ("person", "country") or speaker.new_body)):
        return None
    return said_by(speaker)


def _read_paragraph(resolver: Resolver, doc: Doc, paragraph: Span, sentence_spans) -> list[Statement]:
    text = resolver.text
    quotes = [q for q in quotations(text, paragraph) if not _is_quoted_name(resolver, q)]
    found, previous = [], None
    before = next((s for s in reversed(sentence_spans) if s.end <= paragraph.start), None)
    for span in [s for s in sentence_spans if paragraph.start <= s.start < paragraph.end]:
        sentence = Sentence(span, tokens_in(doc, span), [q for q in quotes if span.start <= max(q.start, paragraph.start) < span.end],
                            previous, preceding=previous or before)
        resolver.position = span.start
        read = sorted(read_sentence(resolver, sentence), key=lambda s: s.words_start)
        if not read and found and (more := _quoted_on(text, sentence, found[-1])):
            read = [more]  # "“…,” Peskov told reporters. “The contract stands.”": still Peskov
        elif not read and (colon := _quote_after_colon(text, sentence)) is not None and (
                subject := _person_introduced(resolver, doc, Span(span.start, colon))):
            # "Ivan X put it bluntly: “…”", "Added Ivan X: “…”": whoever the words before the colon are about.
            quotes_after = [q for q in sentence.quotes if q.start > colon]
            read = [Statement(span.start, span.end, quotes_after[0].start + 1, quotes_after[-1].end - 1, subject, "quote")]
        elif not read and not found and previous is not None and (subject := _person_introduced(resolver, doc, previous)):
            # "Erdogan was defiant. “We will not give up the system.”": the person the sentence
            # before was about speaks.
            read = [more] if (more := _quoted_on(text, sentence, Statement(
                previous.start, previous.end, previous.start, previous.start, subject, "quote"))) else []
        for statement in read:
            _remember(resolver, statement)
            found.append(statement)
        previous = span
    if not found:
        found = continued_quotes(resolver, quotes, paragraph)
        for statement in found:
            _remember(resolver, statement)  # "¶“…,” he said." next is whoever it continued
    return found


def _quote_after_colon(text: str, sentence: Sentence) -> int | None:
    """The position of a colon that a quotation follows, closing the sentence, if any."""
    if not sentence.quotes:
        return None
    first = sentence.quotes[0]
    before = text[sentence.span.start : first.start].rstrip()
    after = text[sentence.quotes[-1].end : sentence.span.end].strip()
    if not before.endswith(":") or re.search(r"[A-Za-z]", after):
        return None
    return sentence.span.start + len(before) - 1


def _person_introduced(resolver: Resolver, doc: Doc, span: Span) -> Speaker | None:
    """The named person a sentence is about, as its subject ("Erdogan was defiant.")."""
    root = next((t for t in tokens_in(doc, span) if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    if subject is None or subject.pos_ != "PROPN":
        return None
    found = resolver.resolve(syntax.phrase(subject).text, ents=syntax.phrase(subject).ents)
    return found[0] if len(found) == 1 and found[0].kind == "person" and not found[0].unnamed else None


def _quoted_on(text: str, sentence: Sentence, last: Statement) -> Statement | None:
    """A sentence of quotation alone after a quoted statement, or a person's reported one, in
    the same paragraph: the same speaker goes on ("X said …. “…”")."""
    quotes = sentence.quotes
    person_reported = last.mode == "reported" and last.speaker.kind == "person" and not last.speaker.unnamed
    if (last.mode != "quote" and not person_reported) or not quotes or quotes[0].start != sentence.span.start:
        return None
    outside = "".join(text[a:b] for a, b in _between(quotes, sentence.span))
    if re.search(r"[A-Za-z]{3}", outside):
        return None
    # Its evidence reaches back to the sentence that attributes it, so that it shows who spoke.
    context = last.context_start if last.context_start >= 0 else last.start
    return Statement(sentence.span.start, sentence.span.end, quotes[0].start + 1, quotes[-1].end - 1, last.speaker, "quote",
                     medium=last.medium, setting=last.setting, context_start=context)


def _between(quotes, span):
    position = span.start
    for quote in quotes:
        yield position, quote.start
        position = quote.end
    yield position, span.end


def _remember(resolver: Resolver, statement: Statement):
    resolver.memory.remember(statement.speaker)
    if statement.mode == "quote":
        resolver.memory.last_quoted = statement.speaker
    # "… said in a statement. …, the statement said": the statement is the speaker's.
    text = resolver.text
    attribution = text[statement.start : statement.words_start] + " " + text[statement.words_end : statement.end]
    # An unnamed one too: "according to a report by a consultancy …, the report said" is the
    # same unnamed consultancy; a named issuer is not replaced by an unnamed one. "The report's
    # lead author said" is the author's own statement, no issue of the report.
    for noun in re.findall(rf"\b(?:{'|'.join(REPORT_NOUNS)})\b(?!['’]s\b)", attribution, re.IGNORECASE):
        issuer = resolver.memory.reports.get(noun.lower())
        if not statement.speaker.unnamed or issuer is None or issuer.unnamed:
            resolver.memory.reports[noun.lower()] = statement.speaker


def _is_quoted_name(resolver: Resolver, quote: Span) -> bool:
    """A name in quotation marks ("a contract for «S-400» systems", “Triumph”), which is
    not something anyone said: one or two words that are a known name or a designation."""
    from .vocabulary import DESIGNATION

    inner = resolver.text[quote.start + 1 : quote.end - 1].strip(" ,.")
    if not inner or len(inner.split()) > 2:
        return False
    lexicon = resolver.lexicon
    known = {system.name for system in lexicon.systems} | set(resolver.organisations) | set(lexicon.countries)
    return inner in known or inner in lexicon.people or bool(DESIGNATION.fullmatch(inner))


def _findings(resolver: Resolver, found: list[Statement], dates: list[Finding]) -> list[Finding]:
    text = resolver.text
    findings, last_date = [], {}
    for statement in found:
        if dateline := DATELINE.match(text, statement.words_start, statement.words_end):
            statement.words_start = dateline.end()  # the words said begin with the news
        if not re.search(r"\w", text[statement.words_start : statement.words_end]):
            continue  # no words left once the dateline or the frame was taken off: nothing was said
        speaker = statement.speaker
        # The date it was said: in the attribution, not among the words said ("will arrive next year").
        in_sentence = [
            d for d in dates
            if max(statement.start, statement.clause_start) <= d.words_start < statement.end
            and not statement.words_start <= d.words_start < statement.words_end
        ]
        # "CAIRO, March 14 (Agency) - …, officials said on Thursday": the day it was said, not
        # the day it was filed, when the sentence gives both.
        datelines = [m for m in (DATELINE.match(text, statement.start), dateline) if m]
        in_sentence = [d for d in in_sentence if not any(m.start() <= d.words_start < m.end() for m in datelines)] or in_sentence
        if statement.dated is not None:
            # an interview's answer: the day its introduction gives, outside the words anyone said there
            said = [(s.words_start, s.words_end) for s in found if s.start < statement.dated[1] and statement.dated[0] < s.end]
            in_sentence = [d for d in dates if statement.dated[0] <= d.words_start < statement.dated[1]
                           and not any(a <= d.words_start < b for a, b in said)]
        who = (speaker.kind, speaker.name, speaker.role if speaker.unnamed else "")
        date = in_sentence[0].value if in_sentence else last_date.get(who)
        if date:
            last_date[who] = date
        evidence = text[statement.start : statement.end]
        words = text[statement.words_start : statement.words_end]
        attribution = text[statement.start : statement.words_start] + text[statement.words_end : statement.end]
        value = speaker.as_value() | {
            "text": words,
            "mode": statement.mode,
            "stance": stance(words, evidence, attribution=attribution, lead=text[statement.start : statement.words_end]),
            "medium": statement.medium,
            "setting": statement.setting,
            "date": date,
            "countries": sorted(set(resolver.countries_in(evidence))),
        }
        shown = statement.context_start if 0 <= statement.context_start < statement.start else statement.start
        findings.append(Finding(Kind.STATEMENT, shown, statement.end, statement.words_start, statement.words_end, value))
    return findings


def _new_bodies(resolver: Resolver, found: list[Statement]) -> list[Finding]:
    """A body the base does not know, once per name, where it first speaks or is first spoken to
    ("told the daily X": the outlet, the statement's medium)."""
    text = resolver.text
    findings, seen = [], set()
    for statement in found:
        speaker = statement.speaker
        if not speaker.new_body and statement.medium in resolver.new_media:
            speaker = resolver.new_media[statement.medium]
        if not speaker.new_body or speaker.name in seen:
            continue
        seen.add(speaker.name)
        at = text.find(speaker.name, statement.start, statement.end)
        start, end = (at, at + len(speaker.name)) if at >= 0 else (statement.start, statement.end)
        value = {"name": speaker.name, "kind": speaker.new_body, "country": speaker.country}
        findings.append(Finding(Kind.ORGANISATION, statement.start, statement.end, start, end, value))
    return findings


def _with_dateline_outlet(resolver: Resolver, sentence_spans, drafted: list[Finding]) -> list[Finding]:
    """The new bodies drafted, and the outlet the dateline credits ("MOSCOW, March 3 (Interfax) -")
    when the base does not know it: a new outlet for the editor to confirm, once (the body drafted
    as a speaker of that name is that outlet). The article's own outlet, once given, is in the
    base and so never drafted."""
    credit = dateline_credit(resolver.text)
    if credit is None:
        return drafted
    body = resolver.named_body(resolver.text[credit.start : credit.end], "")
    if not body.new_body:
        return drafted
    # a name that says nothing of its kind ("Interfax") is an outlet all the same: it filed the copy
    kind = body.new_body if body.new_body in Lexicon.NEWS_KINDS else "news_outlet"
    if any(f.value["name"] == body.name for f in drafted):
        return [replace(f, value=f.value | {"kind": kind}) if f.value["name"] == body.name else f for f in drafted]
    evidence = sentence_at(sentence_spans, credit.start) or credit
    return [*drafted, Finding(Kind.ORGANISATION, evidence.start, evidence.end, credit.start, credit.end,
                              {"name": body.name, "kind": kind, "country": body.country})]
