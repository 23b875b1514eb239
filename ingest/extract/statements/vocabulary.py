"""The words statements are read by: speech verbs (as lemmas), titles that are not names,
role nouns and their synonyms, words for outlets, and words that describe a report rather
than its author."""
import re

# Verbs whose subject is a speaker, as spaCy lemmas.
SPEECH_LEMMAS = {
    "say", "tell", "state", "announce", "add", "note", "stress", "report", "claim", "argue",
    "indicate", "warn", "insist", "confirm", "deny", "reject", "dismiss", "refute", "emphasise",
    "emphasize", "explain", "declare", "remind", "recall", "criticize", "criticise", "slam",
    "urge", "write", "specify", "reveal", "post", "cite", "inform", "describe", "conclude",
    "reply", "underline", "acknowledge", "admit", "assure", "reiterate", "tweet", "comment",
    "continue", "ask", "call", "predict", "estimate", "disclose", "testify", "brief", "unveil", "list",
    "affirm", "assert", "allege", "hint", "signal", "suggest", "maintain", "vow", "pledge", "promise", "term",
    "concede", "contend", "caution", "complain", "counter", "retort", "remark",
    "underscore", "highlight", "clarify", "respond", "mention", "boast", "lament", "observe", "recommend", "demand",
    "convey", "answer", "elaborate", "quip", "reassure", "threaten", "speak", "record", "pitch",
}
# Verbs of a view held, speech only when a person or an analyst holds it ("She expects …").
BELIEF_LEMMAS = {"expect", "believe", "anticipate", "forecast", "doubt", "reckon"}
# Speech verbs only with a particle or object: "pointed out", "hit back", "expressed concern".
_VIEWS = {"concern", "concerns", "hope", "regret", "doubt", "doubts", "confidence", "fear", "fears", "optimism"}
PHRASAL = {"point": {"out", "to"}, "hit": {"back"}, "express": _VIEWS, "voice": _VIEWS, "raise": {"concern", "concerns"},
           "make": {"clear"}}
# "Officials put the price at $2.5 billion": an estimate, when the object is a value and "at" follows.
VALUE_NOUNS = {"value", "price", "cost", "figure", "bill", "total", "number", "worth", "sum", "amount"}
# Verbs whose object is the audience, not what was said: "told TASS", "informed the ministry".
AUDIENCE_VERBS = {"tell", "inform", "brief", "assure", "reassure", "remind", "ask", "urge", "warn"}
# Verbs that need a quotation or a clause after them to be speech ("continued: “…”").
# "record": a committee's finding ("It recorded that only Rs 90 lakh had been spent"), not "recorded a video".
NEEDS_CONTENT = {"continue", "ask", "call", "describe", "term", "brief", "unveil", "post", "cite", "estimate", "list", "record", "pitch",
                 "allege", "hint", "signal", "suggest", "maintain", "vow", "pledge", "promise",
                 "concede", "contend", "caution", "complain", "counter", "remark",
                 "underscore", "highlight", "clarify", "respond", "mention", "boast", "lament", "observe", "recommend",
                 "demand", "convey", "answer", "elaborate", "threaten", "speak"}
# A body described, not named: "a London-based newspaper", "a Delhi brokerage" speak unnamed.
INDEFINITE_BODY = re.compile(
    r"(?:a|an|one)\s+(?:[\w’'.-]+\s+){0,3}?(?:newspaper|daily|weekly|paper|magazine|tabloid|outlet|news\s+agency|agency|"
    r"broadcaster|channel|website|newsletter|journal|brokerage|firm|bank|consultancy|think[\s-]tank|company|institute|"
    r"research\s+(?:group|centre|center))",
    re.IGNORECASE,
)
# What outlets do: "Izvestia reported", "Al-Monitor wrote".
PUBLISHING_VERBS = {"report", "write", "publish", "post", "quote", "cite", "carry", "run"}
# Participles that hang their clause on the verb before them: "…, saying it needs air defence".
PARTICIPLES = {"saying", "adding", "noting", "stressing", "warning", "arguing", "insisting", "explaining", "claiming", "telling"}

TITLE_WORDS = {
    "President", "Prime", "Minister", "Deputy", "Foreign", "Defense", "Defence", "Ambassador",
    "Spokesman", "Spokeswoman", "Spokesperson", "Secretary", "Director", "Head", "Chief",
    "General", "Gen.", "Gen", "Lt.", "Lt", "Col.", "Col", "Colonel", "Lieutenant", "Major",
    "Maj.", "Brig.", "Brig", "Marshal", "Field", "Cmdr.", "Cmdr", "Cdr.", "Cdr", "Capt.", "Capt", "Sgt.", "Sgt", "Brigadier", "Admiral", "Adm.", "Rear", "Maj", "Retd", "Retd.", "retd", "retd.", "Wg", "Sqn", "Ldr", "Sheikh", "Sheik", "King", "Prince", "Princess", "Emir", "Senator",
    "Sen.", "Chairman", "Chairwoman", "Commander", "CEO", "Press", "Mr.", "Mrs.", "Ms.", "Dr.",
    "Mr", "Mrs", "Ms", "Dr", "Vice", "Speaker", "Governor", "Mayor", "Envoy", "Representative",
    "Adviser", "Advisor", "Chancellor", "Premier", "Sultan", "Crown", "Supreme", "Leader", "State",
    "Corporation", "Corp", "Federation", "Republic", "Ministry", "Service", "Agency", "Office",
    "Department", "Council", "Affairs", "Military", "Technical", "Cooperation", "Federal", "Army",
    "Air", "Force", "Navy", "Forces", "Interior", "Economy", "Finance", "Trade", "Industry",
    "Energy", "Photo", "By", "The", "A", "An", "His", "Her", "Their", "Its", "In", "On", "At",
    "As", "After", "Before", "Last", "This", "That", "These", "When", "While", "But", "And",
    "So", "Also", "However", "Meanwhile", "According", "Original", "Source", "Director-General",
    "Secretary-General", "Ambassador-at-large", "Minister-Counsellor", "Counsellor", "Attaché",
    "Staff", "Joint", "Chiefs", "National", "Security", "Assistant", "First", "Executive",
    "Officer", "Group", "Company", "Holding", "Bureau", "Committee", "Commission", "Parliament",
    "Duma", "Senate", "Congress", "House", "White", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "MP", "Analyst", "Analysts", "Researcher", "Professor", "Prof.", "Expert",
    "Studies", "Institute", "Centre", "Center",
}
PARTICLES = {"bin", "bint", "ibn", "al", "el", "de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "dos"}
# Capital and small letters of the Latin alphabets names are written in ("İsmail", "Çavuşoğlu",
# "Łukasz", "Ñúñez"), for the patterns that read names.
UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
LOWER = "".join(c for c in map(chr, range(0x61, 0x250)) if c.islower())
CAPITAL = f"[{UPPER}]"
NAME_TOKEN = re.compile(rf"^[{UPPER}][{LOWER}’'{UPPER}-]*[{LOWER}]$|^[{UPPER}][{LOWER}]+-[{LOWER}]+$|^(?:[{UPPER}]\.){{1,3}}$|^[a-z]{{2}}-[{UPPER}][{LOWER}]+$")
ROLE_NOUNS = (
    "ambassador", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "director",
    "head", "secretary", "official", "chief", "envoy", "diplomat", "leader", "general",
    "commander", "chairman", "adviser", "advisor", "representative", "deputy", "counterpart",
    "premier", "chancellor", "king", "emir", "governor", "mayor", "senator", "officer", "ceo",
    "aide", "analyst", "expert", "lawmaker", "researcher", "attaché", "attache", "consul", "negotiator", "executive",
    # ranks that stand for the person ("Air Marshal X", "the colonel said"); not "major", an adjective too
    "marshal", "colonel", "admiral", "brigadier", "commodore", "lieutenant",
    # titles a royal minister or ruler is referred back by ("Defence Minister Prince X … the prince said")
    "prince", "sheikh", "sultan",
)
# Common nouns that head a speaker's description: roles and the words for unnamed speakers.
SPEAKER_NOUNS = set(ROLE_NOUNS) | {
    "source", "insider", "people", "person", "spokesperson", "commentator", "observer", "diplomat", "official",
}
ROLE_SYNONYMS = {
    "diplomat": ("ambassador", "envoy", "diplomat", "consul", "foreign minister"),
    "envoy": ("ambassador", "envoy"),
    "ambassador": ("ambassador", "envoy"),  # "Ambassador X, the envoy in Moscow … the ambassador added"
    "attaché": ("attaché", "attache"),
    "attache": ("attaché", "attache"),
    "leader": ("president", "prime minister", "leader", "premier", "chancellor", "king", "emir"),
    "head of state": ("president", "king", "emir"),
    "premier": ("premier", "prime minister"),
    "deputy premier": ("deputy premier", "deputy prime minister"),
    "spokesman": ("spokesman", "spokesperson", "spokeswoman", "press secretary"),
    "spokesperson": ("spokesman", "spokesperson", "spokeswoman", "press secretary"),
    "official": ("",),
    "head": ("head", "director", "chief", "chairman", "chairwoman", "ceo", "president", "leader"),
    "chief": ("head", "director", "chief", "chairman", "chairwoman", "ceo"),
    "director": ("director", "head", "chief"),
    "ceo": ("ceo", "chief executive", "director general", "director-general"),
    "chief executive": ("ceo", "chief executive"),
    # "Defence Minister X said …. Russia's defence chief added": the minister.
    "defence chief": ("defence minister", "defense minister", "minister of defence", "minister of defense", "defence chief",
                      "defense chief"),
    "defense chief": ("defence minister", "defense minister", "minister of defence", "minister of defense", "defence chief",
                      "defense chief"),
}
ROLE_FILLERS = {"senior", "high-ranking", "top", "former", "current", "then", "chief", "leading", "veteran", "russian-born"}

# Definite descriptions of a body, and the body kinds each may stand for.
BODY_NOUNS = {
    "newspaper": ("news_outlet",), "daily": ("news_outlet",), "paper": ("news_outlet",),
    "weekly": ("news_outlet",), "magazine": ("news_outlet",), "journal": ("news_outlet",), "website": ("news_outlet",),
    "outlet": ("news_outlet", "broadcaster", "news_agency"),
    "agency": ("news_agency",), "broadcaster": ("broadcaster",), "channel": ("broadcaster",),
    "ministry": ("government", "military"), "government": ("government",), "department": ("government",),
    "embassy": ("government",), "company": ("company",), "corporation": ("company",),
    # "the French maker said", "the manufacturer added": the company that builds the system
    "maker": ("company",), "manufacturer": ("company",), "producer": ("company",), "exporter": ("company",),
    "forum": ("other",), "foundation": ("other",),
    "committee": ("government",), "panel": ("government",), "commission": ("government",), "institute": ("other",), "centre": ("other",), "center": ("other",),
    "kremlin": ("government",), "administration": ("government",), "service": ("government",),
    "office": ("government",), "presidency": ("government",), "cabinet": ("government",),
    # a state's forces as one body: "the Qatari armed forces said", "the army added"
    "forces": ("military",), "army": ("military",), "navy": ("military",), "force": ("military",),
    # "India's Defence Research and Development Organisation … According to the organisation"
    "organisation": ("other", "government", "military", "company"), "organization": ("other", "government", "military", "company"),
    "council": ("government", "other"), "authority": ("government", "other"), "directorate": ("government", "military"),
}
# A body referred back by another noun than its own: "the panel" for a committee or commission.
BODY_NOUN_SYNONYMS = {"panel": ("committee", "commission", "panel")}
# Nouns that describe a company by what it does and never name one: "the French maker".
DESCRIBED_BODY_NOUNS = {"maker", "manufacturer", "producer", "exporter"}
# Nouns that stand only for a body whose name has them: "the committee" is no ministry.
NAMED_BODY_NOUNS = {"committee", "embassy", "institute", "centre", "center", "department", "service", "administration",
                    "office", "organisation", "organization", "council", "authority", "directorate"}
# Words a publication's title ends in ("Danube Strategic Review", "Baltic Naval Digest"), which
# alone say nothing of an outlet ("a review", "an observer") but end no other kind of title.
PUBLICATION_TITLE_ENDS = ("Review", "Digest", "Bulletin", "Monitor", "Observer", "Ledger", "Dispatch", "Sentinel",
                          "Courier", "Chronicle", "Tribune", "Herald", "Gazette", "Journal", "Telegraph", "Express")
# Body kinds for a new body, read from the words that name it.
NEW_BODY_KINDS = (
    # not a state's own agency: "the Korean defence acquisition agency" is government
    (re.compile(r"\b(?:news agency|(?<!defence )(?<!defense )(?<!acquisition )(?<!procurement )(?<!export )(?<!space )agency)\b", re.I), "news_agency"),
    # a title a newspaper takes ("The Evening Courier", "Desert Tribune")
    (re.compile(r"\b(?:newspaper|daily|weekly|paper|magazine|tabloid|outlet|website|portal|publication|journal|times|post|herald|gazette|"
                r"courier|chronicle|tribune|telegraph)\b", re.I), "news_outlet"),
    # a title of several words ending in a publication's word: "the Carpathian Security Bulletin"
    (re.compile(rf"\S\s+(?:{'|'.join(PUBLICATION_TITLE_ENDS)})$"), "news_outlet"),
    (re.compile(r"\b(?:broadcaster|television|tv|channel|radio)\b", re.I), "broadcaster"),
    (re.compile(r"\b(?:ministry|government|embassy|committee|parliament|kremlin|administration|office|presidency|department)\b", re.I), "ministry"),
    (re.compile(r"\b(?:army|air force|navy|armed forces|military)\b", re.I), "military"),
    (re.compile(r"\b(?:company|corporation|corp|group|holding|bureau|plant|inc|ltd|jsc|pjsc|kbp|aviation|aerospace|"
                r"industries|systems|dynamics|technologies|electronics)\b", re.I), "company"),
)
OUTLET_WORDS = (
    r"(?:newspaper|daily|weekly|magazine|tabloid|paper|news\s+agency|agency|news\s+outlet|outlet|"
    r"broadcaster|TV\s+channel|channel|television|TV|radio|website|news\s+site|portal|publication)"
)
# News agencies and broadcasters that officials "tell" without a word saying what they are
# ("the minister told Reuters"): outlets, when the base does not hold them yet.
WIRE_SERVICES = (
    r"(?:Reuters|Associated\s+Press|Xinhua|Yonhap|Kyodo|Anadolu|Press\s+Trust\s+of\s+India|PTI|ANI|IRNA|"
    r"Al\s+Jazeera|Al\s+Arabiya|BBC|CNN|CNBC|Fox\s+News|Sky\s+News|Euronews|Deutsche\s+Welle|Bernama|Antara|"
    r"Dawn|Izvestia|Kommersant|Vedomosti|Hurriyet|Daily\s+Sabah|Defense\s+News|Janes|Jane['’]s)"
)
# The head noun of a report that stands for its author: "the committee's report" is the committee.
REPORT_NOUNS = {
    "report", "estimate", "statement", "study", "survey", "data", "datum", "figure", "figures", "analysis",
    "document", "letter", "reply", "assessment", "release", "paper", "filing", "note",
    "readout", "communique", "communiqué", "transcript", "notice", "circular", "memo", "tweet",
    # what a person said, standing for them: "X's comments, made at a forum, suggested that …"
    "remark", "remarks", "comment", "comments",
}
# Nouns whose "that" clause is what their author said: "a report by X that …".
CLAIM_NOUNS = {"report", "claim", "allegation", "assertion", "statement", "announcement", "assessment", "estimate",
               "remark", "comment", "assurance", "warning", "insistence", "argument"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "them"}
# People the text does not name: "officials", "a source in the ministry", "two diplomats",
# "people familiar with the matter", "U.S. officials".
UNNAMED = re.compile(
    r"(?:(?:an?|one|two|three|several|some|many|other|unnamed|anonymous)\s+)?(?:[\w’'.-]+\s+){0,3}?"
    r"(?:officials?|sources?|insiders?|diplomats?|people|persons?|representatives?|analysts?|experts?|observers?|officers?|members?|"
    r"commentators?|media|press reports?|reports|sides|"
    r"outlets?|newspapers?|executives?|lawmakers?|legislators?|aides?|advis[eo]rs?|negotiators?|bankers?|specialists?|researchers?|economists?|brokers?|"
    # a show's or forum's organisers, who announce its totals ("Fair organisers said …")
    r"organi[sz]ers?)"
    r"(?:\s+(?:in|at|from|within|close to|familiar with|aware of|briefed on|with(?:\s+(?:direct|first-hand|detailed))?\s+knowledge\s+of|of|near)\s+.{1,80})?",
    re.IGNORECASE,
)
DESIGNATION = re.compile(r"[A-Z][A-Za-z]{0,3}-\d+[\w-]*(?: [A-Z][\w-]*)?")
DEFINITE = re.compile(r"(?:the|this|that|these|those|his|her|its|their)\s", re.IGNORECASE)

# Words that make a capitalised name a body's, never a person's: spaCy's small model reads
# some people's names ("Helena Marsh") as organisations, but a body's name carries one of these.
BODY_NAME_WORDS = frozenset({
    "Institute", "Forum", "Group", "Agency", "Ministry", "Council", "Company", "Corporation", "Centre", "Center",
    "Systems", "Industries", "Industry", "Bank", "Fund", "Association", "Organisation", "Organization", "Union",
    "Service", "Services", "Press", "News", "Times", "Post", "Daily", "Herald", "Gazette", "Journal", "Tribune",
    "Concern", "Bureau", "Office", "Committee", "Commission", "Academy", "University", "College", "Foundation",
    "Club", "Society", "Defence", "Defense", "Army", "Navy", "Force", "Forces", "Media", "TV", "Radio", "Network",
    "Authority", "Department", "Directorate", "Holding", "Holdings", "Aerospace", "Technologies", "Electronics",
    "Dynamics", "Aviation", "Corps", "Command", "Guard", "Guards", "Party", "Parliament", "Assembly", "Ltd", "Inc", "Co",
    "Monitor", "Review", "Wire", "Courier", "Chronicle", "Express", "Telegraph", "Observer", "Report", "Kremlin",
    "Pentagon", "Gazetesi", "Haber", "Ledger", "Rostec", "Rosoboronexport", "Embassy", "Government", "Cabinet",
    "Senate", "Congress", "Studies", "Research", "Analysis", "Policy", "Security", "Strategic", "Affairs",
})

