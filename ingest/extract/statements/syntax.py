"""What the dependency parse says about attribution: which tokens are speech verbs, who is
their subject (nsubj; the agent of a passive, "by X"; the name after an inverted verb,
"…, announced Ambassador X"; the subject of the verb a participle or a conjunct hangs on,
"…, saying …", "… and added"), the words said (the verb's clausal complement), and the
phrase a subject token stands for, with its appositive as a role ("X, a senior aide, told")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..nlp import entity_of
from .vocabulary import (
    AUDIENCE_VERBS,
    BELIEF_LEMMAS,
    BODY_NAME_WORDS,
    BODY_NOUNS,
    NEEDS_CONTENT,
    PARTICIPLES,
    PHRASAL,
    REPORT_NOUNS,
    SPEAKER_NOUNS,
    SPEECH_LEMMAS,
    TITLE_WORDS,
    VALUE_NOUNS,
)

if TYPE_CHECKING:  # spaCy is imported when an article is first parsed, not with the site
    from spacy.tokens import Token

_QUOTE_MARKS = set("«»“”\"„‘’‹›")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_LEFT_OUT = {"appos", "relcl", "acl", "punct", "conj", "cc", "advcl", "parataxis"}
_INVERTED = ("dobj", "nsubj", "attr", "npadvmod", "appos", "oprd", "dative")


@dataclass
class Phrase:
    text: str
    start: int
    end: int
    role: str = ""
    ents: dict | None = None


def is_speech_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX") and token.tag_ != "VBN":
        return False
    lemma = token.lemma_.lower()
    if lemma == "put" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children) and any(
            c.dep_ == "dobj" and c.lower_ == "it" for c in token.children):
        return True  # "As Burov put it, “…”"
    if lemma == "go":
        # "He went on: “…”": going on with what one was saying, the words after a colon.
        on = next((c for c in token.children if c.lower_ == "on" and c.dep_ in ("prt", "prep", "advmod")), None)
        return on is not None and on.i + 1 < len(token.doc) and token.doc[on.i + 1].text == ":"
    if lemma == "speak":
        # "officials spoke openly of buying two battalions": what they spoke of, a course of action.
        return any(c.dep_ == "prep" and c.lower_ in ("of", "about") and any(o.tag_ == "VBG" for o in c.children)
                   for c in token.children)
    if lemma == "put" or lemma == "estimate" and _puts_a_value(token):
        # "put its value at", "estimated the market at about $8 billion": a figure someone gives
        return _puts_a_value(token)
    if lemma in PHRASAL:
        return any(child.lower_ in PHRASAL[lemma] for child in token.children)
    if lemma in BELIEF_LEMMAS:
        # "She expects at least one new contract", "Analysts believe Ankara will …": a view
        # someone gives; "The air force expects the radars in May" is a plan, not a statement.
        # "Officials expect …", "Diplomats believe …": people, named or not, hold a view too.
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        return subject is not None and (
            subject.lower_ in ("he", "she", "they") or subject.ent_type_ == "PERSON"
            or subject.lemma_.lower() in ("analyst", "expert", "observer", "commentator", "economist", "researcher")
            or subject.lemma_.lower() in SPEAKER_NOUNS)
    if lemma not in SPEECH_LEMMAS:
        return False
    if lemma == "add" and any(c.dep_ == "dobj" for c in token.children) and not any(
            c.dep_ in ("ccomp", "parataxis") for c in token.children):
        return False  # "plans to add two squadrons": adding things, not words
    if lemma == "report" and any(child.lower_ == "back" for child in token.children):
        return False  # "to report back within three months": to answer later
    if lemma == "ask":
        # "asked France to intervene" is a request; "asked whether …", "asked: “…”" and
        # "asked the ministry to “expedite the induction”" (its words quoted) speak.
        # "Iraq has asked for a quote, a lawmaker told reporters": the closing attribution
        # the parse hangs on "asked" is not what was asked.
        return any(child.dep_ == "ccomp" and not closing_conjunct(child) for child in token.children) or any(
            child.dep_ == "xcomp" and any(t.text in _QUOTE_MARKS for t in child.subtree) for child in token.children)
    if lemma in NEEDS_CONTENT:
        # "described the purchase as a shift": the parse may hang "as" on the object.
        objects = [c for c in token.children if c.dep_ == "dobj"]
        return any(child.dep_ in ("ccomp", "xcomp", "oprd") or _as_phrase(child)
                   for child in [*token.children, *(g for o in objects for g in o.children if g.dep_ == "prep")]
                   ) or stranded_clause(token) is not None or any(
            # "cited “continuing contacts” with its partners", "called the purchase “a necessity”":
            # the speaker's words quoted in or beside the object.
            t.text in _QUOTE_MARKS for o in objects for t in o.subtree)
    return True


def _as_phrase(token: Token) -> bool:
    """"as a shift", "as “frozen”" (parsed as a preposition or as a clause marked by "as")."""
    return (token.dep_ == "prep" and token.lower_ == "as") or (
        token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children))


def _puts_a_value(verb: Token) -> bool:
    """"Industry sources put its value at $1.5 billion": an estimate someone gives."""
    value = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in VALUE_NOUNS), None)
    if value is None:
        # "A source put it at 20 billion roubles": any object, when what it is put at is a figure.
        value = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return value is not None and any(
            c.dep_ == "prep" and c.lower_ == "at" and any(t.like_num or t.ent_type_ == "MONEY" for t in c.subtree)
            for c in verb.children)
    return any(c.dep_ == "prep" and c.lower_ == "at" for c in [*verb.children, *value.children])


def trailing_attribution(verb: Token) -> Token | None:
    """"Ankara paid in advance, news agency TASS reported.": the parse sometimes hangs a
    closing attribution on the clause as a relative clause; it has a subject of its own, no
    relative pronoun, nothing said after it, and only the speaker's words between a comma and
    it. Returns that comma."""
    if verb.dep_ != "relcl" or not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    if any(t.tag_ in ("WDT", "WP", "WP$", "WRB") or t.lower_ == "that" for t in verb.subtree):
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children):
        return None
    i = verb.i - 1
    while i > verb.sent.start and verb.doc[i].pos_ in ("NOUN", "PROPN", "DET", "ADJ", "ADV") and verb.doc[i].text != ",":
        i -= 1
    return verb.doc[i] if i < verb.i - 1 and verb.doc[i].text == "," else None


def closing_participle(verb: Token) -> Token | None:
    """"A signed deals worth $2 billion, the show's spokesman, Colonel X, announced on
    Tuesday.": the parse sometimes reads the closing attribution as a participle qualifying the
    speaker, who it takes for the clause's object. The speaker is set off by a comma, the verb
    follows a comma and nothing is said after it. Returns the comma before the speaker."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or verb.i < 2:
        return None
    speaker = verb.head
    # "…, a senior air force commander confirmed on Wednesday": the speaker, hung on the
    # clause's last noun as an appositive, right before the verb with no comma between.
    right_before = speaker.i == verb.i - 1 and speaker.dep_ == "appos" and (
        speaker.lemma_.lower() in SPEAKER_NOUNS or speaker.lemma_.lower() in BODY_NOUNS or speaker.ent_type_ == "PERSON")
    if not right_before and (verb.doc[verb.i - 1].text != "," or verb.tag_ != "VBN"):
        return None
    if any(c.dep_ not in ("prep", "npadvmod", "advmod", "punct") for c in verb.children):
        return None
    last = verb.sent.end - 1
    while last > verb.i and (verb.doc[last].is_punct or verb.doc[last].is_space):
        last -= 1
    after = verb.right_edge.i + 1
    # "…, ending years of speculation"; "…, the largest contract unveiled at the show" (a phrase
    # the parse hangs on the speaker): what follows says nothing more.
    tail = [t for t in verb.doc[after + 1 : last + 1] if not verb.doc[after + 1].i <= t.head.i <= last]
    if verb.right_edge.i < last and not (
            right_before and verb.doc[after].text == "," and after + 1 <= last
            and (verb.doc[after + 1].tag_ == "VBG" and verb.doc[after + 1].dep_ == "advcl"
                 or len(tail) == 1 and tail[0].head == speaker and tail[0].dep_ in ("conj", "appos") and tail[0].pos_ == "NOUN")):
        return None
    if speaker.pos_ not in ("NOUN", "PROPN") or speaker.left_edge.i < 1:
        return None
    comma = verb.doc[speaker.left_edge.i - 1]
    return comma if comma.text == "," and comma.i > verb.sent.start else None


def trailing_speaker(verb: Token, comma: Token) -> Phrase:
    tokens = list(verb.doc[comma.i + 1 : verb.i])
    tokens = [t for t in tokens if t.dep_ != "advmod"] or tokens
    ents = {ent.text: ent.label_ for ent in verb.doc.ents if comma.i < ent.start and ent.end <= verb.i}
    return Phrase(_text(tokens), tokens[0].idx, tokens[-1].idx + len(tokens[-1]), "", ents)


def closing_conjunct(verb: Token) -> bool:
    """"A and B have signed a contract, Rostec head X told TASS.": the parse sometimes makes
    a closing attribution a conjunct of the clause it attributes, or its complement ("The navy
    expects A, Admiral X told the committee."); it says nothing after it and its subject
    follows a comma."""
    if verb.dep_ not in ("conj", "ccomp") or verb.head.i > verb.i or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return False
    if any(c.dep_ == "cc" for c in verb.children):
        return False  # "… and added": a second verb of the same speaker
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    before = subject.left_edge.i - 1
    return before > verb.head.i and verb.doc[before].text == ","


def is_impersonal(verb: Token) -> bool:
    """"It was reported that …", "it is said", "the jets were reported to have been built": a
    passive with no agent names no speaker ("it was confirmed by Ambassador X" does, and so
    does "X was quoted as saying")."""
    if any(child.dep_ == "agent" for child in verb.children):
        return False
    if any(child.dep_ == "expl" and child.lower_ in ("it", "there") for child in verb.children):
        return True
    passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)
    as_saying = any(child.dep_ == "prep" and child.lower_ == "as" for child in verb.children)
    return passive and not as_saying


def said_by_antecedent(verb: Token) -> bool:
    """"… by Deputy Prime Minister X, who said at the time that Russia had received no request":
    a speech verb in a relative clause on a person's name, whose "who" is that person."""
    return verb.dep_ == "relcl" and verb.head.pos_ == "PROPN" and verb.head.ent_type_ == "PERSON" and any(
        c.dep_ == "nsubj" and c.lower_ == "who" for c in verb.children) and any(c.dep_ == "ccomp" for c in verb.children)


def subjects(verb: Token, *, depth: int = 0) -> list[Token]:
    """The tokens heading the verb's speaker phrases, by the parse."""
    own = [
        child for child in verb.children
        if child.dep_ in ("nsubj", "csubj") and not child.is_punct and child.text not in _QUOTE_MARKS and not _dateline(child)
    ]
    if len(own) > 1 and (last := own[-1]).i < verb.i and last.left_edge.i > 0 and verb.doc[last.left_edge.i - 1].text == ",":
        # "A is due, and four batteries have been delivered, the ministry said": the parse may lend
        # a closing attribution's verb the subject of the clause before it; the speaker is the
        # subject set off by the last comma.
        own = [last]
    if len(own) > 1:
        # "Brig. Gen. Yahya X stressed": the parse may take the rank's abbreviation for a
        # subject of its own; the name is the subject.
        own = [child for child in own if child.text not in TITLE_WORDS and f"{child.text}." not in TITLE_WORDS] or own
        # "The Russian newspaper Kommersant reported": the parse may take the outlet's common noun
        # and its name for two subjects; the name is the subject.
        own = [child for child in own if not (child.lemma_.lower() in _MEDIA_NOUNS and any(
            other.i == child.i + 1 and other.pos_ == "PROPN" for other in own))] or own
    if not own and closing_participle(verb) is not None:
        named = next((c for c in verb.head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        return [named or verb.head]
    if own:
        if said_by_antecedent(verb):
            return [verb.head]  # "Deputy Prime Minister X, who said that …": X
        if (closing := _closing_appositive(verb, own[0])) is not None:
            return [closing]
        return _with_conjuncts(own[0])
    if (aside := participle_aside(verb)) is not None:
        return _with_conjuncts(next(c for c in aside.children if c.dep_ in ("nsubj", "nsubjpass")))
    agent = next((child for child in verb.children if child.dep_ == "agent"), None)
    if agent is not None and (objects := [c for c in agent.children if c.dep_ == "pobj"]):
        return _with_conjuncts(objects[0])
    if (stranded := _stranded_subject(verb)) is not None:
        if stranded.dep_ == "appos" and stranded.head.pos_ == "PROPN" and stranded.head.i < stranded.i and (
                stranded.head.ent_type_ not in ("GPE", "LOC", "NORP", "FAC", "ORG", "DATE")):
            stranded = stranded.head  # "Nikolai X, Russia's ambassador in Delhi, posted …": the name, its role beside it
        return _with_conjuncts(stranded)
    if (named := _name_before(verb)) is not None:
        return [named]
    if (body := subject_taken_for_root(verb)) is not None:
        return [body]
    if not own and (before := _name_before_aside(verb)) is not None:
        return [before]
    audience = verb.lemma_.lower() in AUDIENCE_VERBS
    inverted = [
        child for child in verb.rights
        if child.dep_ in _INVERTED and not (audience and child.dep_ in ("dobj", "dative")) and (
            child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG") or _named_role(child))
    ]
    said_before = any(c.dep_ in ("ccomp", "parataxis") and c.i < verb.i for c in verb.children) or (
        verb.i > 0 and verb.doc[verb.i - 1].text in (",", "”", '"', "’"))
    if inverted and said_before and (verb.dep_ != "conj" or _named_role(inverted[0])):
        return _with_conjuncts(inverted[0])
    # "…, saying it needs air defence" / "X said … and added": the subject of the verb it hangs on.
    # "X went on to say …": the infinitive's speaker is whoever went on.
    went_on = verb.dep_ == "advcl" and verb.head.lemma_ == "go" and any(c.lower_ == "on" for c in verb.head.children)
    if depth < 2 and verb.dep_ in ("conj", "advcl", "xcomp") and (verb.dep_ != "advcl" or verb.lower_ in PARTICIPLES or went_on):
        if verb.dep_ == "advcl" and (speaking := _speech_above(verb)) is not None:
            # "X noted that India is still waiting for them, saying …": the parse may hang the
            # participle on the clause X reported; it goes on X's words, not the clause's subject.
            return subjects(speaking, depth=depth + 1)
        return subjects(verb.head, depth=depth + 1)
    return []


def _speech_above(participle: Token) -> Token | None:
    """The speech verb whose reported clause the participle's head belongs to, if any."""
    head = participle.head
    if is_speech_verb(head):
        return None
    for ancestor in head.ancestors:
        if is_speech_verb(ancestor):
            return ancestor if head.dep_ in ("ccomp",) or any(a.dep_ == "ccomp" for a in head.ancestors) else None
    return None


def _named_role(token: Token) -> bool:
    """"…, announced the head of the FSMTC, Dmitry X, on Tuesday": a role with the name of
    who holds it set beside it, after the verb (the parse may make the verb a conjunct)."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in SPEAKER_NOUNS and any(
        d.dep_ == "appos" and (d.ent_type_ == "PERSON" or d.pos_ == "PROPN") for d in token.subtree)


def closing_appositive_comma(verb: Token) -> Token | None:
    """The comma before a closing speaker the parse hung on the clause (see below)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None and verb.dep_ != "conj":
        return None
    closing = _closing_appositive(verb, subject)
    return verb.doc[closing.left_edge.i - 1] if closing is not None else None


def _closing_appositive(verb: Token, subject: Token | None) -> Token | None:
    """"A has handed over the divisions ordered under the contract, a source in the sphere
    told Agency X": the parse takes the clause's noun for the subject and hangs the speaker,
    set off by a comma just before the verb, on it as an appositive. The appositive is the
    speaker."""
    doc = verb.doc
    after = subject.i if subject is not None else verb.sent.start  # or, on a conjunct, its clause's
    for token in doc[after + 1 : verb.i]:
        if token.dep_ == "appos" and token.right_edge.i == verb.i - 1 and token.left_edge.i > after + 1 \
                and doc[token.left_edge.i - 1].text == "," and token.pos_ in ("NOUN", "PROPN"):
            return token
    return None


def _dateline(token: Token) -> bool:
    """"ISTANBUL – President X said": the place an article was filed from, not a speaker."""
    doc = token.doc
    i = token.i
    while i > token.sent.start and doc[i - 1].text.isupper() and not doc[i - 1].is_space:
        i -= 1  # "NEW DELHI:": a place of several words in capitals
    first = i == 0 or doc[i - 1].is_space or doc[i].is_sent_start
    after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    if after == "," and token.i + 2 < len(doc) and not doc[token.i + 2].text[:1].isupper() and not doc[token.i + 2].like_num:
        return False  # "KBP, the maker of the Pantsir, said": an acronym with its appositive, not "MOSCOW, Nov 6"
    return first and token.text.isupper() and len(token.text) > 2 and after in ("–", "—", "-", ",", "(", ":")


def _stranded_subject(verb: Token) -> Token | None:
    """"A is discussing supplies with B, Dmitry X, director of Y, told Interfax.": the parse
    hangs the speaker, set off by commas just before the verb, on the clause's last word."""
    doc = verb.doc
    if verb.i < 2:
        return None
    # "…, Dmitry X, director of Y, told Interfax" ends in a comma; "…, a senior official of
    # the service said" does not, and its speaker is a role noun rather than a name.
    last = verb.i - 1 if doc[verb.i - 1].text == "," else verb.i
    # "…, a senior official in Baghdad, who asked not to be named, said": a relative clause
    # set off by commas between the speaker and the verb is no part of where the speaker ends.
    if last < verb.i:
        for token in reversed(doc[verb.sent.start : last]):
            if token.text == ",":
                break
            if token.lower_ in ("who", "which") and token.i > 0 and doc[token.i - 1].text == ",":
                last = token.i - 1
                break
    # A name first ("…, Dmitry X, director of Y, told"), else a role noun.
    for wanted in (lambda t: t.ent_type_ == "PERSON" or t.pos_ == "PROPN",
                   lambda t: t.pos_ == "NOUN" and t.lemma_.lower() in SPEAKER_NOUNS):
        for token in reversed(doc[verb.sent.start : last]):
            if token.dep_ != "appos" or token.head.dep_ in ("nsubj", "nsubjpass") or not wanted(token):
                continue
            closes = token.right_edge.i + 1 == last or (
                token.right_edge.i + 2 == last and doc[token.right_edge.i + 1].text == ",")
            if closes and token.left_edge.i > 0 and doc[token.left_edge.i - 1].text == ",":
                return token
    return None


def subject_taken_for_root(verb: Token) -> Token | None:
    """"Nexa4 Dynamics, the launcher's maker, posted on its website that …": a name the parse
    cannot read (a digit in it) may become the sentence's root, with the verb hung on it as a
    clause; a root name followed by its appositive and a comma right before the verb is the
    verb's subject."""
    head, doc = verb.head, verb.doc
    if verb.dep_ != "acl" or head.dep_ != "ROOT" or head.i >= verb.i or head.pos_ not in ("PROPN", "NOUN") \
            or doc[verb.i - 1].text != ",":
        return None
    appositive = next((c for c in head.children if c.dep_ == "appos" and c.i > head.i), None)
    return head if appositive is not None and appositive.right_edge.i == verb.i - 2 else None


def participle_aside(verb: Token) -> Token | None:
    """"Spokeswoman Ana X, asked about the reports, said …": the parse may take the speaker for
    the subject of the participle set off by commas, and that participle for what was said; the
    aside, when it is one (a verb with no subject of its own, a past participle between a comma
    and the comma right before it, its subject just before), whose subject is the verb's speaker."""
    doc = verb.doc
    if verb.i < 4 or doc[verb.i - 1].text != "," or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    for child in verb.children:
        # the tagger may read the participle ("asked") as a past tense
        if child.dep_ in ("ccomp", "advcl") and child.tag_ in ("VBN", "VBD") and child.right_edge.i == verb.i - 2 \
                and doc[child.i - 1].text == "," and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.right_edge.i in (child.i - 2, child.i - 1) for c in child.children):
            return child
    return None


def _name_before_aside(verb: Token) -> Token | None:
    """"Kommersant, citing two sources, reported that …": the parse may take a name opening the
    sentence, set off by a participle's aside, for an adverb; with no subject of its own, the
    verb's speaker is that name."""
    doc, start = verb.doc, verb.sent.start
    aside = next((c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < verb.i), None)
    if aside is None or doc[verb.i - 1].text != "," or aside.left_edge.i < start + 2 or doc[aside.left_edge.i - 1].text != ",":
        return None
    name = doc[start : aside.left_edge.i - 1]
    if not 1 <= len(name) <= 4 or not all(t.text[:1].isupper() and t.text not in TITLE_WORDS and t.pos_ != "PRON" for t in name):
        return None
    return name[-1]


def _name_before(verb: Token) -> Token | None:
    """"Speaking to reporters in Minsk, Defence Minister Viktor X said …": the parse hangs the
    name on the place before the comma; a person named right before the verb, after a comma,
    is its subject."""
    doc = verb.doc
    if verb.i < 2 or verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return None
    token = doc[verb.i - 1]
    if token.ent_type_ != "PERSON" or token.head.i >= verb.i:
        return None
    edge = token.left_edge.i
    return token if edge > verb.sent.start and doc[edge - 1].text == "," else None


def _with_conjuncts(token: Token) -> list[Token]:
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN"):
            found += _with_conjuncts(child)
    return found


def phrase(token: Token) -> Phrase:
    """The words a subject token stands for, without its relative clauses and appositive
    (whose words become the role), as written in the text."""
    if (named := _name_closing_role(token)) is not None:
        return named
    appositive = next((child for child in token.children if child.dep_ == "appos"), None)
    named_appositive = next((d for d in token.subtree if d.i != token.i and d.dep_ == "appos" and (
        d.ent_type_ == "PERSON" or _set_off_after(d, token) and (token.lemma_.lower() in SPEAKER_NOUNS or token.text in TITLE_WORDS)
        and _titled_name(d))), None)
    if named_appositive is not None and not _is_name(token):
        # "the Russian Ambassador to Qatar, Nurmakhmad Kholov, reported": the name is the
        # appositive, whether the parse hangs it on the role or on the role's last word.
        named = phrase(named_appositive)
        named.role = _text([t for t in _kept(token) if t not in set(named_appositive.subtree)])
        return named
    if (appositive is not None and token.pos_ == "NOUN" and token.lemma_.lower() in BODY_NOUNS and appositive.pos_ == "PROPN"
            and token.doc[appositive.left_edge.i - 1].text == "," and appositive.ent_type_ != "PERSON"):
        # "The UAE's own defence procurement agency, Tawazun, announced": the body is the name,
        # the description its role.
        named = phrase(appositive)
        named.role = _text([t for t in _kept(token) if t not in set(appositive.subtree)])
        return named
    if appositive is None and not _is_name(token) and (name := _detached_name(token)) is not None:
        named = phrase(name)
        named.role = _text(_kept(token))
        return named
    # "the committee's report": the committee, without the possessive ending; "The MoD, in a
    # reply to a question, said": the words set off by commas tell when, not who.
    aside = {t for child in token.children if child.dep_ == "prep" and child.i > token.i
             and token.doc[child.left_edge.i - 1].text == "," for t in child.subtree}
    # "Britain on Tuesday announced", "Russia last week said": when, written between the
    # subject and its verb, is no part of who spoke.
    aside |= {t for child in token.children if child.i > token.i and _is_when(child) for t in child.subtree}
    # "Analyst Irina X of the Baltic Institute noted": where a person works is their role, not
    # part of their name.
    affiliation = []
    if token.ent_type_ == "PERSON" and _is_name(token) or person_shaped(token):
        for child in (c for c in token.children if c.dep_ == "prep" and c.i > token.i):
            # "of the Danube Centre for Strategic Studies": the parse may hang "for …" on the name too.
            if affiliation or child.lower_ in ("of", "from", "at"):
                affiliation.append(child)
    aside |= {t for child in affiliation for t in child.subtree}
    # "… delivered to the Indian Air Force, defence ministry sources said": the parse may hang
    # the end of the clause before a comma on the speaker; it is no part of who spoke.
    doc = token.doc
    aside |= {t for child in token.children if child.dep_ == "nmod" and child.i < token.i
              and "," in (child.right_edge.text, doc[min(child.right_edge.i + 1, token.i)].text)
              for t in doc[child.left_edge.i : child.right_edge.i + 2] if t.i < token.i and (t in child.subtree or t.text == ",")}
    kept = [t for t in _kept(token) if not (t.dep_ == "case" and t.head == token) and t not in aside]
    if _is_name(token):
        kept = _titles_before(kept) + kept
    if appositive is not None and appositive.pos_ == "PROPN" and appositive.left_edge.i == kept[-1].i + 1:
        # "the newspaper Kommersant", "the TV channel Zvezda": a name written right after its
        # common noun, with no comma, is the name of the thing, not a description of it.
        kept = sorted(kept + _kept(appositive), key=lambda t: t.i)
        appositive = None
    role = _text(_described(appositive)) if appositive is not None else ""
    if not role and affiliation:
        role = _text([t for child in affiliation for t in child.subtree])
    if not role and (heads := post_held(token)):
        role = heads
    if token.lemma_.lower() in REPORT_NOUNS and (writer := author(token)) is not None:
        return phrase(writer)
    entities = entity_of(token.doc)
    touched = {ent.start: ent for t in (token, *kept) if (ent := entities.get(t.i)) is not None}
    ents = {ent.text: ent.label_ for _, ent in sorted(touched.items())}
    end = kept[-1].idx + len(kept[-1])
    # The few words after the phrase, not the whole text: Doc.text is rebuilt on each call.
    after = kept[-1].whitespace_ + token.doc[kept[-1].i + 1 : kept[-1].i + 6].text
    if acronym := _ACRONYM_AFTER.match(after):
        # "the General Authority for Military Industries (GAMI)": the acronym says the words
        # before it name a body; it stays with them rather than becoming a role.
        return Phrase(_text(kept) + acronym.group(), kept[0].idx, end + acronym.end(), "" if role == acronym["letters"] else role, ents)
    return Phrase(_text(kept), kept[0].idx, end, role, ents)


_ACRONYM_AFTER = re.compile(r"\s*\((?P<letters>[A-Z][A-Za-z]{1,7})\)")


def _described(appositive: Token) -> list[Token]:
    """An appositive's words as a role, without the relative clause that ends it ("X, Moscow's
    envoy to Ankara, who called it a milestone": the envoy to Ankara; the parse may hang the
    clause on the place)."""
    clauses = {t for d in appositive.subtree if d.dep_ == "relcl" and d.i > appositive.i
               and any(c.tag_ in ("WP", "WDT") for c in d.children) for t in d.subtree}
    return [t for t in appositive.subtree if t not in clauses]


_HOLDS = {"head": "head", "lead": "head", "run": "head", "chair": "chairman", "command": "commander"}


def post_held(token: Token) -> str:
    """"X, who heads the air defence forces, said": the post a relative clause gives the
    speaker ("head of the air defence forces"), so that "the air defence chief" finds them."""
    for clause in token.children:
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in _HOLDS or clause.i < token.i:
            continue
        if not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children):
            continue
        body = next((c for c in clause.children if c.dep_ == "dobj"), None)
        if body is not None:
            return f"{_HOLDS[clause.lemma_.lower()]} of {_text(list(body.subtree))}"
    return ""


def _is_when(token: Token) -> bool:
    """"on Tuesday", "in March", "last week": a time phrase (the parse's DATE or TIME entity)."""
    if token.dep_ == "prep":
        objects = [c for c in token.children if c.dep_ == "pobj"]
        return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)
    return token.dep_ == "npadvmod" and token.ent_type_ in ("DATE", "TIME")


def _name_closing_role(token: Token) -> Phrase | None:
    """"Commander of the Air Force and Air Defence Forces Major General Andrei X noted": a
    long role the parse split at its "and", so that the name ends the subject as a conjunct of
    the role's last body; the name is the speaker and the words before it the role. (A name
    after a preposition, "a spokesman for President X", is someone else.)"""
    if _is_name(token) or token.pos_ not in ("NOUN", "PROPN"):
        return None
    last = token.right_edge
    entity = entity_of(token.doc).get(last.i)
    if entity is None or entity.label_ != "PERSON" or entity.end - 1 != last.i or entity.start <= token.i:
        return None
    root = entity.root
    if root.dep_ not in ("conj", "appos") or any(t.dep_ == "pobj" for t in entity):
        return None
    if any(t.text == "," for t in token.doc[token.i : entity.start]):
        return None  # "the Ambassador to Qatar, Nurmakhmad X,": an appositive set off, read below
    role = [t for t in token.doc[token.left_edge.i : entity.start] if t.dep_ != "det" or t.i != token.left_edge.i]
    return Phrase(entity.text, entity.start_char, entity.end_char, _text(role), {entity.text: "PERSON"})


_NOT_TITLES = {"The", "A", "An", "His", "Her", "Their", "Its", "In", "On", "At", "As", "After", "Before", "Last",
               "This", "That", "These", "When", "While", "But", "And", "So", "Also", "However", "Meanwhile",
               "According", "By", "Photo", "Source", "Original"}


def _titles_before(kept: list[Token]) -> list[Token]:
    """Titles and ranks right before a name that the parse hung elsewhere ("Defense Minister
    Gen. Lt. Andrey X told": "Gen." and "Lt." break the parse): they are the name's role."""
    doc, i, found = kept[0].doc, kept[0].i - 1, []
    while i >= 0:
        token = doc[i]
        title = token.text in TITLE_WORDS and token.text not in _NOT_TITLES and not (token.is_sent_start and token.text in _NOT_TITLES)
        abbreviation_dot = token.text == "." and i > 0 and doc[i - 1].text + "." in TITLE_WORDS
        if not (title or abbreviation_dot or (token.ent_type_ == "NORP" and found)):
            break
        found.insert(0, token)
        i -= 1
    if not found:
        found = _title_of_body(doc, kept[0].i)
    return found if any(t.head not in kept for t in found) else []


def _title_of_body(doc, name: int) -> list[Token]:
    """"…, Director of the Federal Service for Military-Technical Cooperation (FSMTC) Dmitry X
    told": a title and the body it is held in, written right before the name with no comma."""
    i = name - 1
    while i >= 0 and name - i <= 16 and (doc[i].text in ("(", ")", "-", "of", "the", "for", "and")
                                         or doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN"):
        if doc[i].text in TITLE_WORDS and i + 1 < name and doc[i + 1].text == "of":
            before = doc[i - 1] if i > 0 else None
            return list(doc[i:name]) if before is None or before.text in (",", "-", "–", "—") or before.is_sent_start else []
        i -= 1
    return []


def _detached_name(token: Token) -> Token | None:
    """A name the parse hung on the verb rather than on its role: "by the Qatari Ambassador
    to Russia, Sheikh X" (X parsed as an adverbial of "announced")."""
    governor = token.head.head if token.dep_ == "pobj" else token.head
    comma = token.right_edge.i + 1
    if comma >= len(token.doc) or token.doc[comma].text != ",":
        return None
    for child in governor.children:
        if child.i > comma and child.left_edge.i == comma + 1 and child.ent_type_ == "PERSON":
            return child
    return None


def person_shaped(token: Token) -> bool:
    """A person's name the parse read as an organisation: an ORG entity of two or three
    capitalised words, none of them a body's ("Helena Marsh", not "Baltic Security Forum")."""
    if token.ent_type_ != "ORG":
        return False
    entity = entity_of(token.doc).get(token.i)
    if entity is None or not 2 <= len(entity) <= 3 or entity[0].lower_ == "the":
        return False
    return all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() and t.text not in BODY_NAME_WORDS
               and t.text not in TITLE_WORDS for t in entity)


def _set_off_after(appositive: Token, role: Token) -> bool:
    """An appositive on the role, or on the place the role is held in ("the ambassador in
    Tehran, Milorad X,": the parse may hang the name on the place)."""
    head = appositive.head
    return head == role or head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head == role


def _titled_name(token: Token) -> bool:
    """A person's name, with or without a rank before it, that the parse read as an organisation
    ("Rear Admiral Zeki X", "Anatoly X"): two or three capitalised words after the titles, none
    of them a body's. Said of an appositive to a role ("its director general, Anatoly X,"); after
    a place ("Russia's ambassador in Baghdad, Anatoly X,") the parse may read it as a place too,
    but two or three capitalised words set off after a person's role name its holder."""
    if token.ent_type_ not in ("ORG", "GPE", "") or token.pos_ != "PROPN":
        return False
    # The name's own words: what is set off after it ("X, a fellow at …") says who the person is.
    words = [t for t in token.subtree if t.dep_ != "punct" and t.i <= token.i]
    while words and words[0].text in TITLE_WORDS:
        words = words[1:]
    return 2 <= len(words) <= 3 and all(
        t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() and t.text not in BODY_NAME_WORDS
        and t.text not in TITLE_WORDS for t in words)


def _is_name(token: Token) -> bool:
    if token.text in TITLE_WORDS:
        return False
    return token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.ent_type_ not in ("ORG", "GPE", "NORP", "DATE"))


_MEDIA_NOUNS = {"newspaper", "daily", "weekly", "paper", "magazine", "media", "medium", "press", "outlet", "journal", "tabloid"}


def author(token: Token) -> Token | None:
    """Who made a report: "the committee's report", "a report released by agency A"."""
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
    for child in token.subtree:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in token.children:
        # "a statement from the embassy", "a note by a Delhi-based brokerage"
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and (objects := [c for c in child.children if c.dep_ == "pobj"]):
            return objects[0]
        # "a report in a U.S. newspaper", "reports in Algerian media": where it was published, when an outlet.
        if child.dep_ == "prep" and child.lower_ == "in" and (objects := [
                c for c in child.children if c.dep_ == "pobj" and (c.lemma_.lower() in _MEDIA_NOUNS or c.ent_type_ == "ORG")]):
            return objects[0]
    compounds = [child for child in token.children if child.dep_ == "compound" and child.pos_ == "PROPN"]
    return compounds[-1] if compounds else None


def _kept(token: Token) -> list[Token]:
    kept = [token]
    for child in token.children:
        # A hyphen inside a name ("al-Saadi") is parsed as punctuation and stays.
        if child.dep_ in _LEFT_OUT and not (child.dep_ == "punct" and child.text == "-"):
            continue
        if child.text in _QUOTE_MARKS:
            continue  # a closing quotation mark the parse took for part of the name
        kept += _kept(child)
    return sorted(kept, key=lambda t: t.i)


def _text(tokens: list[Token]) -> str:
    tokens = sorted(tokens, key=lambda t: t.i)
    # A token left out between two kept ones ("(MEA)") leaves a space, not two words run together.
    words = "".join(t.text_with_ws if t.whitespace_ or following.i == t.i + 1 else t.text + " "
                    for t, following in zip(tokens, tokens[1:], strict=False)) + tokens[-1].text if tokens else ""
    return words.strip(" ,")


_SUBORDINATORS = {"after", "before", "when", "while", "since", "because", "although", "though", "until", "once", "whereas"}


def is_subordinate(verb: Token) -> bool:
    """A verb in a clause of its own, opened by "after", "when", "because"…: never a closing
    attribution of the clause before it."""
    return any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in verb.children)


def content(verb: Token) -> tuple[int, int] | None:
    """The character span of what was said: the verb's clausal complement ("quoted X as
    saying …": the saying's)."""
    if quoting(verb):
        saying = next(g for c in verb.children if c.lower_ == "as" for g in c.children if g.lower_ == "saying")
        return content(saying)
    if verb.lemma_.lower() in ("put", "estimate") and _puts_a_value(verb):
        value = next(c for c in verb.children if c.dep_ == "dobj")
        end = max(verb.right_edge, value.right_edge, key=lambda t: t.i)
        while end.is_punct and end.i > value.i:
            end = verb.doc[end.i - 1]
        return value.left_edge.idx, end.idx + len(end)
    if verb.lemma_.lower() == "make" and (clear := next((c for c in verb.children if c.lower_ == "clear"), None)):
        # "made clear that A could …": what was made clear is the clause under "clear", or the
        # one the parse hangs on the verb beside it.
        clause = next((c for c in clear.children if c.dep_ in ("ccomp", "csubj") or c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None) or next(
            (c for c in verb.children if c.dep_ == "ccomp" and c.i != clear.i), None)
        if clause is None:
            return None
        tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.i == clause.left_edge.i)]
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if (clause := stranded_clause(verb)) is not None:
        return clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
    # "X denied it, hours after a lawmaker said Y": a verb in a clause of its own ("after",
    # "when") says only what follows it; the parse may hang the main clause on it.
    subordinate = is_subordinate(verb)
    aside = participle_aside(verb)  # "X, asked about it, said …": the aside is not what was said
    for dep in ("ccomp", "xcomp", "oprd", "dobj"):
        if dep == "dobj" and verb.lemma_.lower() in AUDIENCE_VERBS:
            continue  # "told TASS", "informed the ministry": whom it was said to
        child = next((c for c in verb.children if c.dep_ == dep and not (subordinate and c.i < verb.i) and c != aside), None)
        if child is not None:
            subtree = list(child.subtree)
            end = subtree[-1]
            after = verb.doc[end.i + 1] if end.i + 1 < len(verb.doc) else None
            if dep == "dobj" and after is not None and (after.tag_ in ("MD", "VBD", "VBZ", "VBP") or after.lower_ in ("has", "had", "was", "is")):
                # "indicated Turkey could order more": the parse took the clause's subject for
                # the object; what was said runs through the verb that follows.
                clause = after.head if after.dep_ in ("aux", "auxpass") else after
                end = max(end, *clause.subtree, key=lambda t: t.i)
            if dep == "dobj":
                # "criticised Turkey for its planned purchase": the reason is what was said.
                # "lists the order as “frozen”": what it is listed as, too.
                reason = next((c for c in verb.children if c.i > end.i and (
                    (c.dep_ == "prep" and c.lower_ == "for") or _as_phrase(c))), None)
                if reason is not None:
                    end = max(end, reason.right_edge, key=lambda t: t.i)
            return subtree[0].idx, end.idx + len(end)
    return None


def stranded_clause(verb: Token) -> Token | None:
    """A "that" clause the parse hung on a noun of the verb's prepositional phrases rather than
    on the verb: "said in a written statement that …", "conceded at a seminar in Delhi on
    Saturday that …". ("that" as a relative pronoun, "a seminar that the ministry held", is
    the clause's subject or object, not its mark.)"""
    if any(c.dep_ == "ccomp" for c in verb.children):
        return None
    nouns = [g for c in verb.children if c.dep_ == "prep" and c.i > verb.i for g in c.children if g.dep_ == "pobj"]
    if subject_taken_for_root(verb) is not None:
        nouns.append(verb.head)  # the root the parse made of the subject took the clause too
    while nouns:
        noun = nouns.pop(0)
        for child in noun.children:
            if child.dep_ in ("acl", "ccomp", "relcl") and child.i > max(noun.i, verb.i) and any(
                    m.dep_ == "mark" and m.lower_ == "that" and m.i == child.left_edge.i for m in child.children):
                return child
            if child.dep_ == "prep" and child.i > noun.i:
                nouns += [g for g in child.children if g.dep_ == "pobj"]
    return None


def speech_ancestor(token: Token, verbs: set[int]) -> Token | None:
    """The nearest speech verb the token's clause hangs on."""
    for ancestor in token.ancestors:
        if ancestor.i in verbs:
            return ancestor
    return None


def quoting(verb: Token) -> tuple[Token | None, Token] | None:
    """"Agency A quoted (or cited) an official as saying …": (the source, the official); in
    the passive, "X was quoted by TASS as saying …", the source may go unnamed (None)."""
    if verb.lemma_.lower() not in ("quote", "cite"):
        return None
    saying = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                   for g in c.children if g.lower_ == "saying"), None)
    if saying is None:
        return None
    source = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if quoted is None and (quoted := next((c for c in verb.children if c.dep_ == "nsubjpass"), None)) is not None:
        by = [c for c in [*verb.children, *saying.children] if c.dep_ in ("agent", "prep") and c.lower_ == "by"]
        source = next((o for b in by for o in b.children if o.dep_ == "pobj"), None)
        return source, quoted
    return (source, quoted) if source is not None and quoted is not None else None


def according_frame(tokens: list[Token]) -> Token | None:
    """The word opening an "according to X" frame, or Indian English's "as per X"."""
    for token in tokens:
        if token.lower_ == "words" and token.head.lower_ == "in" and any(c.lower_ == "the" for c in token.children) and any(
                c.lower_ == "of" and any(o.dep_ == "pobj" for o in c.children) for c in token.children):
            return token.head  # "in the words of X": the frame opens at "in"
        if token.lower_ in ("words", "view") and token.head.lower_ == "in" and token.head.i < token.i and any(
                c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") for c in token.children):
            return token.head  # "in Burov's words", "in the minister's view"
        if token.lower_ in _FRAMES and any(
                c.lower_ == _FRAMES[token.lower_] and (token.lower_ == "according" or c.dep_ == "prep")
                and any(o.dep_ == "pobj" for o in c.children) for c in token.children):
            return token
    return None


_FRAMES = {"according": "to", "as": "per"}


def according_to(tokens: list[Token]) -> Token | None:
    """The object of "according to" (or "as per") in the sentence, if any."""
    frame = according_frame(tokens)
    if frame is None:
        return None
    if frame.lower_ == "in":  # "in the words of X", "in X's words"
        frame = next(c for c in frame.children if c.lower_ in ("words", "view"))
        if (owner := next((c for c in frame.children if c.dep_ == "poss"), None)) is not None:
            return owner
        to = next(c for c in frame.children if c.lower_ == "of" and any(o.dep_ == "pobj" for o in c.children))
    else:
        to = next(c for c in frame.children if c.lower_ == _FRAMES[frame.lower_] and any(o.dep_ == "pobj" for o in c.children))
    return next(o for o in to.children if o.dep_ == "pobj")
