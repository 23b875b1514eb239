"""Candidate deals: a weapon system changing hands, as supplier, recipient and system, with
the status the sentence supports ("signed a contract", "negotiations are continuing",
"denied", "has been delivered"); and the deliveries a sentence reports or plans.

The supplier is the system's maker country; for a system the base does not know, the
country the sentence marks as seller ("the American Patriot", "Moscow supplied", "from
Russia", "Israel's SPYDER", "Norway's Kongsberg has completed deliveries"), else the maker of
its family ("S-300PMU2", "Rafale"; "the Egyptian Su-35 order" names the buyer), else the seller
another sentence of the article marked for it ("… sold the system to Finland"). The
recipient is a country the sentence marks as receiving it ("to Turkey", "Turkey's
procurement", "supplying Ankara", "Turkey bought", "an order from Egypt", "three buyers:
China, India and Turkey"); failing that, every other country the sentence names in the
system's clause; failing that (“the Kingdom took delivery”, "the IAF will receive"), the
country the article is about as buyer. Never a country in another role, read from the
parse and the words around it: the state that warns, sanctions or is angered, an envoy's
posting, a source's, commentator's or newspaper's nationality, a war's name, a border, a
place named after a country, a circumstance in a clause of its own.

Never more certain than the text: a cue of signature or delivery under a modal ("could be
signed", "will deliver"), in the complement of a hedging or hearsay verb ("plans to buy",
"is expected to acquire", "is said to have bought") or about talks ("talks on buying") gives
no signed, delivering or delivered status, and its delivery is a planned one. A hand-over
stated as done is delivered when whole ("Russia delivered four battalions in 2016"),
delivering when a part ("the first regiment", "deliveries began"). A hand-over is also told
by what followed it ("was deployed", "became operational", "went on combat duty", "has been
in Egypt since May") or by its verb's other shapes ("handed Egypt the first batch", "took
possession of", "got two battalions", "is due by 2026", "the other two will follow"). A
condition ("if the systems were deployed") states no stage and no hand-over; a denied stop
("denied that deliveries had been halted") is neither a denial nor a stop. A cue in a sentence that
names the system only as "them", "the missiles", "the systems", "the $2 billion contract" or
a unit ("Three squadrons have been delivered") carries to the last deal mentioned, or to the
buyers the sentence names ("sold the system to four more governments: …"). A delivery's
date and count are those of the hand-over's own clause, never the dateline's.
"""
import datetime
import re
from bisect import bisect_left

from .base import Finding, Kind, is_headline, paragraphs, sentence_at, sentences
from .countries import HEADING

# A part of the goods named before, by its rank: "the first of them", "the last two of them".
_RANKED_OF_THEM = r"(?:first|second|third|fourth|fifth|last|final|rest|remainder|bulk|remaining)(?: [\w-]+)? of them"
TRANSFER = re.compile(
    r"\b(?:suppl(?:y|ies|ied|ying)|deliver(?:y|ies|ed|ing)?|sell(?:s|ing)?|sold|sales?|buy(?:s|ing)?|"
    r"bought|purchas(?:e|es|ed|ing)|acqui(?:re|res|red|ring|sition)|procur(?:e|es|ed|ing)|contracts?|deals?|order|shipments?|"
    r"ordered|orders|ordering|procurement|transfer(?:red)?|stationed|enter(?:ed)? service|handed over|hand over|received|"
    r"took delivery|(?:took|taken|taking|take) possession|arriv(?:e|ed|al)|induct(?:ed|s|ing)|operat(?:e|es|ed|ing|ors?)|receiv(?:e|es|ing)|customers?|buyers?|"
    r"rel(?:y|ies|ied|ying) (?:\w+ )?on|sign(?:ed|ing) for|interest(?:ed)? in|export(?:s|ed|ing)?|requests?|requested|asked (?:\w+ )?for|payments?|paid|programme|program|alternatives?|options?|(?:get|gets|getting|got)(?! rid\b)|"
    r"(?:will|would|could|may|shall|to) (?:\w+ )?ship(?= (?:by|in|before|within|early|late|next|this|to|the|its|their|two|three|four|"
    r"five|six|seven|eight|nine|ten|a dozen|\d+)\b)|"
    r"flown|shipped|airlifted|landed|carried|reach(?:ed|es|ing)?(?= (?:the )?(?-i:[A-Z]))|due (?:in|to arrive|by|before|within|between|next|this)|"
    r"(?:is|are|was|were) (?:now |still )?(?:expected|scheduled|slated) (?:by|in|before|within|next|this|early|late)(?= (?:the )?(?:end|\d|[A-Z]|year|month))|"
    r"expect(?:s|ed)? (?:the |its |their )?(?:(?!to\b)[\w-]+ ){0,3}?(?:regiments?|squadrons?|battalions?|batter(?:y|ies)|systems?|"
    rf"units?|launchers?|jets|fighters|aircraft|{_RANKED_OF_THEM})\b(?= (?:by|in|before|within|early|late|next|this)\b)|"
    r"(?:is|are) to follow|(?:entered|enters|put into|taken into|accepted into) (?:combat |active )?service|"
    # "Vietnam would like the S-400", "Iran would certainly want the S-400": wanted, so a reported
    # deal; only of a system named by its designation, not "wants Ankara to drop it"
    r"(?:wants?|wanted|would (?:\w+ )?like|covets?|coveted)(?= (?:the |an? |more |its |their )?(?:[\w-]+ )?(?-i:[A-Z]{1,4}-\d))|"
    # "urged the government to seek the S-400": wanted, so a reported deal
    r"(?:seek|seeks|seeking|sought)(?= (?:the|an?|more|additional|further|its|their) )|"
    # "Riyadh was weighing the S-400 alongside the THAAD": considered, so a reported deal
    r"(?:weigh|weighs|weighing|weighed)(?= (?:the|an?|buying|purchasing|acquiring|its|their) )|"
    r"(?:waiting for|awaiting)(?= (?:the |its |their )?(?:last|remaining|rest|final|outstanding|\w+ (?:of|more)|\d+ |"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|twelve|a dozen) )))\b",
    re.IGNORECASE,
)
# What a refusal or a denial is about, and the verbs that make one: "rejected Iran’s request",
# "the demand had been rebuffed", "turned down the offer", "refused to sell".
_ASKED = r"(?:requests?|demands?|offers?|bids?|proposals?|applications?|sales?|orders?|deals?)"
_REFUSED = r"(?:rejected|rejecting|rejects|rebuffed|rebuffing|rebuffs|turned down|turning down|turns down|declined|declining|declines)"
_REPORTED = r"(?:reports?|claims?|allegations?|stor(?:y|ies)|rumou?rs?|information|speculation)"
# A refusal of what was asked for, in either voice.
REFUSAL = (
    rf"{_REFUSED}\s+(?:[\w’'-]+\s+){{0,3}}?{_ASKED}"
    rf"|{_ASKED}\s+(?:[\w’'-]+\s+){{0,4}}?(?:had|has|have|was|were)\s+(?:been\s+)?(?:rejected|rebuffed|turned down|declined|refused)"
    r"|(?:refused|declined) to (?:supply|sell|deliver|provide|transfer)"
    # the asker turned down: "Iran asked for the S-400 and was turned down"
    r"|(?:was|were|has been|have been|had been) (?:\w+ )?(?:turned down|rebuffed|refused|rejected)(?! (?:by )?(?:for|as)\b)"
)
# A denial that something was asked for or is under way, or of a report that it was.
DENIAL = (
    r"denie[sd]|deny|denying"
    r"|(?:received|receiving|has|had|have) no (?:such |formal |official )?(?:requests?|applications?|orders?|offers?)"
    rf"|(?:rejected|rejecting|rejects|dismissed|dismissing|dismisses|refuted|refuting|refutes)\s+(?:(?:a|an|the|this|that|these|those|such)\s+)?(?:[\w’'-]+\s+){{0,3}}?{_REPORTED}"
    r"|(?:not|never) (?:been )?(?:discussing|negotiating|discussed|negotiated|in talks)"
    rf"|{_REPORTED}\b[^.;]{{0,120}}?\b(?:is|are|was|were) (?:completely |totally |simply )?(?:false|untrue|baseless|groundless|fake|unfounded)"
)
# Most telling first: the first cue found in a sentence gives the status, unless the parse
# shows that it is hedged (``_hedged``). Perfect and passive forms are cues like the simple past.
# What is received that is not the goods: "received a request", "received no offer".
_NOT_GOODS = (r"(?:requests?|orders?|bids?|inquir(?:y|ies)|enquir(?:y|ies)|applications?|offers?|proposals?|delegations?|presentations?|calls?|letters?|information|"
              r"assurances?|guarantees?|reports?|visitors?|invitations?|praise|criticism|questions?|no\b|approval|permission)")
# Who is sent that is not the goods: "dispatched its defence secretary to Moscow".
_PEOPLE_SENT = (r"(?:secretar(?:y|ies)|ministers?|delegations?|teams?|officials?|envoys?|diplomats?|negotiators?|experts?|"
                r"specialists?|advisers?|advisors?|aides?|ambassadors?|troops|representatives?)\b")
_NO_PEOPLE = rf"(?! (?:a |an |the |its |their |his |her )?(?:[\w-]+ ){{0,2}}?{_PEOPLE_SENT})"
_GIVEN = r"(?:delivered|handed over|transferred|supplied|shipped|dispatched|received)"
# Put to use by the buyer, which a hand-over went before: "the third squadron was deployed in
# January", "became operational last summer", "was put into service". Only the passive or the
# unit's own change of state: "Russia deployed S-400s in Crimea" is its own forces.
_FIELDED = (r"(?:was|were|has been|have been|had been|is being|are being) (?:\w+ )?(?:deployed|activated|commissioned)|"
            r"(?:became|become|becomes|becoming|was declared|were declared|been declared) (?:fully )?operational|"
            r"(?:entered|enters|entering|put into|taken into|brought into|commissioned into) (?:combat |active )?service|"
            r"(?:went|goes|go|put|placed|entered|assumed|took up|taken up) (?:on )?combat duty")
# A hand-over told with the buyer as first object (or subject of the passive), or sent: "handed Turkey the first batch",
# "sent the S-400 to Belarus" (not "sent a delegation to").
_HANDED = (r"hand(?:ed|s|ing) (?!over\b)(?!(?:a |an |the |its |their |his |her )?(?:[\w-]+ )?(?:note|letter|message|petition|list|document|report|copy|proposal|request|invitation|victory|control|power|defeat)s?\b)(?:[\w-]+ ){1,4}?to(?= (?:the )?(?-i:[A-Z]))|"
           r"hand(?:ed|s|ing) (?-i:[A-Z])[\w’'-]*(?: (?-i:[A-Z])[\w-]*)? (?=the |its |their |a |an |\d|two |three |four |five )|"
           # the buyer as subject of the passive: "Oman has been handed the first battery"
           r"been handed(?! (?:a |an |the |its |their )?(?:[\w-]+ )?(?:note|letter|message|petition|list|document|report|copy|proposal|request|invitation|victory|control|power|defeat|ultimatum|bill|sentence)s?\b)(?= (?:the|its|their|a|an|\d|two|three|four|five)\b)|"
           r"sen[dt]s? (?!(?:a |an |the |its |their )?(?:[\w-]+ )?(?:team|delegation|letter|message|signal|officials?|experts?|"
           r"specialists?|troops|envoy|request|invitation|note|warning|offer|proposal)s?\b)(?:[\w-]+ ){1,4}?to")
# A buyer took units, as a hand-over: "Turkey took its first S-400 batteries in 2019", "took the
# last of them in 2023".
_TOOK_UNITS = (r"(?:took|takes|taken|taking) (?:its|their|the) (?:first |second |third |initial |last |final |remaining )?(?:[\w-]+ ){0,2}?"
               r"(?:regiments?|squadrons?|battalions?|batter(?:y|ies)|divisions?|batch(?:es)?|shipments?|deliveries|launchers?|jets|fighters)"
               rf"|(?:took|takes|taken|taking) the {_RANKED_OF_THEM}")
# Words for a system's units and hardware, as the object of "got": "got two S-400 battalions".
_UNITS_OF = (r"regiments?|squadrons?|battalions?|batter(?:y|ies)|divisions?|systems?|batch(?:es)?|shipments?|"
             r"launchers?|missiles?|jets?|fighters?|aircraft|(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b")
# Units in the buyer's country: "the first battery has been in Egypt since May" (not "the
# delegations were in Moscow").
_IN_PLACE = (rf"(?:{_UNITS_OF}|S-\d+\w*|they) (?:are|were|has been|have been|had been) (?:now |already |all )?"
             r"(?:stationed |based )?in(?= (?-i:[A-Z][a-z]))")
# Taken into service or over, or sent, in STATUS_CUES' "delivered" and _DELIVERY_CUE alike: "was
# accepted into service", "the army has put both regiments into service", "the IAF took over the
# fourth squadron", "were dispatched by sea" (not "dispatched its defence secretary to Moscow").
_TAKEN_IN = (r"(?:accepted|taken) into (?:combat |active )?service|"
             r"(?:put|puts|putting|brought|brings) (?:[\w-]+ ){1,3}?into (?:combat |active )?service|"
             rf"(?:took|takes|taken|taking|take) over (?:the |its |their )?(?:[\w-]+ ){{0,2}}?(?:{_UNITS_OF}|sets?)|"
             rf"dispatched(?! (?:a |an |the |its |their |his |her )?(?:[\w-]+ ){{0,2}}?{_NOT_GOODS}){_NO_PEOPLE}")
# Customers yet to buy: "Potential customers include Egypt" is no list of buyers.
_NOT_YET = r"(?<!potential )(?<!prospective )(?<!possible )(?<!would-be )(?<!likely )(?<!future )"
STATUS_CUES = [
    ("denied", rf"\b(?:{DENIAL})\b"),
    ("cancelled", rf"\b(?:walked out of|(?:gave|gives|given|giving) up (?:the idea|(?:its|their|the) (?:[\w-]+ ){{0,2}}?(?:plans?|bid|order|purchase))|cancel(?:s|led|ed|ing|lation)?|abandon(?:s|ed|ing)?|withdr[ae]w|"
                  rf"scrapp(?:ed|ing)|called off|terminated|{REFUSAL}|(?:walked|walks|walking|walk) away from|"
                  rf"(?:pulled|pulls|backed|backs) out of|(?:walked|walks|walking|walk) back (?:its|their|the) (?:[\w-]+ ){{0,2}}?(?:plans?|deal|order|purchase|decision)|(?:dropped|drops|dropping|ditched|ditching|shelved|shelves|shelving) (?:an?|its|their|the) (?:own |earlier |original )?(?:[\w$€£₹.,-]+ ){{0,3}}?(?:plans?|deal|contract|order|purchase|bid)|"
                  rf"(?:has|have|had|was|were) been (?:shelved|dropped|ditched)|collapsed|(?:fell|falls|falling|fall) (?:through|apart|away)|"
                  # the passive without "been": "the order was shelved", "talks on the HQ-9 were dropped"
                  rf"(?:talks|negotiations|plans?|deal|contract|order|purchase|bid|sale|agreement)\b[^.;]{{0,60}}?\b"
                  rf"(?:was|were|is|are) (?:later |quietly |eventually |formally |finally )?(?:shelved|dropped|ditched|scrapped)|"
                  # "the F-35 sale is off", "the deal is off the table"
                  rf"(?:sale|deal|contract|order|purchase|agreement|plans?)\b[^.;]{{0,60}}?\b(?:is|was|are|were) (?:now |definitely |officially )?off\b(?! (?:to|for|on|at)\b))\b"),
    ("suspended", r"\b(?:suspen(?:d|ds|ded|ding|sion)|exclu(?:ded|sion)|froze|frozen|freez(?:e|es|ing)|stall(?:ed|s|ing)|"
                  r"(?:put |is |are |was |were |remains? |been )on ice|mothball(?:ed|s|ing)|"
                  # Indian English: "put in cold storage", "kept in abeyance", "on the back burner", "derailed"
                  r"(?:in|into) cold storage|in abeyance|on the back[ -]?burner|derail(?:ed|s|ing)|"
                  r"(?:stop|stops|stopped|stopping|halt|halts|halted|halting|pause|paused|pausing) "
                  r"(?:all |the |further |its |their )?(?:[\w-]+ ){0,2}?(?:deliver(?:y|ies)|supplies|shipments|transfers?)|put on hold|on hold|"
                  r"(?:removed|expelled|ejected|suspended|dropped) (?:[\w’'-]+ ){0,2}from|kicked (?:[\w’'-]+ ){0,2}out of|"
                  # any form of the verb, its object a state: "to remove Ankara from", "removing it from"
                  r"(?:remov(?:e|es|ing)|expel(?:s|ling)?|eject(?:s|ing)?) (?:it|them|(?-i:[A-Z])[\w’'-]+) from|"
                  # "the F-35 programme, from which it was removed in 2019"
                  r"from which (?:[\w’'-]+ ){1,3}?(?:removed|expelled|ejected|excluded|dropped)|"
                  # "a decision that cost it its place in the F-35 programme", "lost its seat in"
                  r"(?:cost (?:it|them|[\w-]+) |lost |loses |losing )(?:its|their|[\w-]+['’]s) (?:place|seat|spot|role|participation|share) in|"
                  r"(?:halted|halts|stopped|stops|paused|froze|suspended) (?:them|it|the (?:contract|deal|sale|programme|order|purchase))|"
                  # passive: "deliveries had been halted", "the shipments were stopped"
                  r"(?:deliver(?:y|ies)|supplies|shipments|transfers?|contract|deal|sale|order) (?:[\w-]+ ){0,8}?"
                  r"(?:was|were|has been|have been|had been|is|are) (?:\w+ )?(?:halted|stopped|paused))\b"),
    ("delivered", r"\b(?:fulfill?(?:ed|s)? (?:the|its|their) (?:[\w-]+ ){0,2}?(?:contract|obligations)|fully (?:executed|fulfilled|implemented)|"
                  r"(?:contract|deal|agreement) (?:was|has been|had been|is) (?:fully |now )?(?:executed|fulfilled|completed)|all (?:the )?(?:elements|components|regiments|divisions|batteries|"
                  r"battalions|squadrons)|completed (?:the )?(?:deliver(?:y|ies)|suppl(?:y|ies) of|shipments? of)|(?:deliver(?:y|ies)|transfers?|hand-?overs?) (?:(?!(?:will|would|could|may|might|should|must|be|not)\b)[\w-]+ ){0,8}?(?:(?:was|were|has been|have been|had been) )?(?:completed|concluded|finished)|(?:completed|finished) the transfer|"
                  r"fully delivered|had paid|operat(?:e|es|ed|ing)|operators?|in service|on combat duty|fleets?|"
                  # the buyer's forces using what they have: "also use French Rafale jets", "fields
                  # American Patriot batteries" (a name after at most two words: not "use of", "use it to")
                  r"(?<!of )(?<!the )(?<!in )(?:use|uses|field|fields)(?= (?:the |its |their )?"
                  r"(?:(?!(?:before|after|of|to|for|in|on|at|as|by|with|from|and|or|but|since|until|when|while|against)\b)[\w-]+ ){0,2}?"
                  r"(?-i:[A-Z][\w]*(?:-\w+)?\b))|"
                  # an air force's own aircraft: "already flies Russian Yak-130 trainers"
                  r"fl(?:y|ies)(?= (?:[\w-]+ ){0,2}?(?-i:[A-Z][\w]*-\d))(?! (?:to|from|on|aboard|over|into|in|with|by)\b)|"
                  r"rel(?:y|ies|ied|ying) (?:\w+ )?on|finished (?:supplying|delivering)|(?:completed|finished) (?:the )?handover)\b"),
    ("delivering", rf"\b(?:(?:deliver(?:y|ies)|shipments?|supplies|transfers?) (?:(?:of|to) [^.]{{0,80}})?(?:began|started|have begun|has begun|resumed|have resumed|has resumed)|"
                   # "deliveries of the S-400 to India are on schedule": hand-overs under way
                   rf"(?:deliver(?:y|ies)|shipments?|supplies) (?:(?:of|to) [^.]{{0,80}}?)?(?:is|are|was|were|remain|remains) (?:still |now )?(?:on (?:schedule|track|time)|under ?way|proceeding|continuing|going ahead)|"
                   rf"resumed (?:the )?deliver(?:y|ies|ing)|(?:began|started|begun|begins|starts|start|starting) (?:deliver(?:ing|ies)|receiving|supplying|shipping|handing over|transferring|"
                   rf"arriving|to arrive)|(?:is|are) (?:still |now )?arriving|"
                   # under way: "Russia is supplying the S-400 to India", "has been delivering"
                   rf"(?:is|are|was|were|has been|have been|had been) (?:now |currently |still |already )?(?:supplying|delivering|shipping|transferring|"
                   rf"receiving(?! (?:\w+ )?{_NOT_GOODS}))|"
                   # a headline's present: "Russia delivers second regiment", "India receives first squadron"
                   rf"(?-i:delivers|receives(?! (?:\w+ )?{_NOT_GOODS})|takes delivery|hands over)|"
                   rf"(?:has|have|had) (?:already )?(?:been )?{_GIVEN}(?! (?:\w+ )?{_NOT_GOODS}){_NO_PEOPLE}|"
                   rf"(?:was|were|is|are) (?:being )?{_GIVEN}(?! (?:\w+ )?{_NOT_GOODS}){_NO_PEOPLE}|"
                   # the next unit after one handed over: "the second regiment followed in 2019"
                   rf"(?:{_UNITS_OF}|sets?|one) followed(?! (?:by|suit|the|a|an|its|their)\b)|"
                   rf"{_TOOK_UNITS}|took (?:them|all of them)(?= (?:in|by|on|last|that|the following|early|late)\b)|delivered|supplied|handed over|took delivery|taken delivery|(?:after|since|upon|following) (?:taking|receiving) delivery|arrived|{_TAKEN_IN}|inducted|operationali[sz]ed|exported to|"
                   rf"transferred (?:[\w-]+ ){{0,4}}?to|(?:donated|gifted) (?:[\w-]+ ){{0,4}}?to(?= (?:the )?(?-i:[A-Z]))|(?:took|taken|taking|take) possession of|{_HANDED}|"
                   rf"(?:flown|shipped|airlifted|trucked|brought|carried) (?:[\w-]+ ){{0,3}}?to|landed (?:in|at)|reached(?= (?:the )?(?-i:[A-Z]))|"
                   rf"(?:came|went|passed) to(?= (?:the )?(?-i:[A-Z]))|"
                   rf"(?:shipped|airlifted|flew|trucked) (?:them|it|the (?:[\w-]+ ){{0,2}}?(?:{_UNITS_OF}))|"
                   rf"received(?! (?:\w+ )?{_NOT_GOODS})|{_FIELDED}|{_IN_PLACE}|"
                   rf"(?:got|gets|get|getting)(?= (?:the |its |their |all |a |an )?(?:\w+ ){{0,2}}?(?:{_UNITS_OF}|(?-i:[A-Z]{{1,3}}-\d))))\b"),
    ("signed", r"\b(?:(?:sign|ink)(?:ed|s|ing)? (?:(?:a|an|the|its|their)\s+)?(?:[\w$€£₹.,-]+\s+){0,4}?(?:contracts?|deals?|agreements?)|"
               r"(?:contracts?|deals?|agreements?),? (?:[\w$.,-]+\s+){0,6}?(?:was|were|has been|have been|had been) "
               r"(?:signed|concluded|made|inked|reached|finali[sz]ed|struck|sealed|clinched)|"
               # "The Serbian order was signed in 2023", "the order had been placed"
               r"orders?,? (?:[\w$.,-]+\s+){0,6}?(?:was|were|has been|have been|had been) (?:signed|placed|finali[sz]ed|confirmed)|"
               # buying a counted lot now: "Greece is buying 20 F-35s" (not "is buying time")
               r"(?:is|are) (?:now |also )?buying (?=(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
               r"a dozen|dozens of|several) )|"
               # agreed as fact: "struck a deal", "agreed to sell", "came into force", "secured a contract"
               r"(?:struck|strikes|secured|secures) (?:a|an|the|its|their) (?:[\w$.,-]+ ){0,3}?(?:deal|agreement|contract|order)|"
               r"(?:has |have |had )?agreed to (?:sell|buy|supply|purchase|deliver|acquire|provide)|"
               r"(?:came|come|comes|coming|entered|enters) into (?:force|effect)|"
               # a deal of stated value or terms is one made: "the $2 billion S-400 deal", "in a deal
               # worth", "under the terms of the deal", "has a contract with Russia"
               r"(?:the|a|an|its|their) (?:US)?\$[\d.,]+ ?(?:billion|million|bn|m)? (?:[\w-]+ ){0,2}?(?:deal|contract|agreement)"
               r"(?! (?:talks|negotiations|under discussion|being (?:negotiated|discussed)|on the table|proposed)\b)|"
               r"in an? (?:[\w$.,-]+ ){0,3}?(?:deal|contract|agreement) (?:worth|valued)|"
               r"under the terms of (?:the|a|an|its|their) (?:[\w$.,-]+ ){0,3}?(?:deal|contract|agreement)|"
               r"(?:has|have|had) (?:a|an) (?:[\w$.,-]+ ){0,3}?(?:contract|agreement) with|"
               r"(?-i:[A-Z])[\w-]*['’]s (?:(?-i:[A-Z])[\w-]*\d[\w-]* )(?:contract|deal|order)(?! (?:talks|negotiations|plans?|bid|request|proposal)\b)|"
               r"one of (?:the )?(?:[\w-]+ )?(?:buyers|customers|operators) of|procured|"
               r"(?:contracts?|deals?|agreements?),? (?:(?!(?:could|may|might|will|would|should|can|must|be|been|is|are|was|were|"
               r"has|have|had|not|never)\b)[\w$€₹.,-]+\s+){0,6}?(?:signed|concluded|inked) (?:in|on|last|with|at|earlier|this)\b|"
               r"(?:finali[sz]ed|clinched|sealed) (?:an|the|a|its|their) (?:[\w$-]+ ){0,3}?(?:agreement|contract|deal)|"
               r"conclu(?:ded|des) (?:a|an|the) (?:[\w$-]+ ){0,3}?(?:contract|deal|agreement)|"
               # a payment made is a contract in force: "made an advance payment", "payments were made"
               r"(?:made|makes|making) (?:an? |the |its |their )?(?:[\w-]+ )?payments?|payments? (?:[\w$€₹.,-]+ ){0,6}?(?:was|were|has been|have been|had been) made|"
               r"(?:went|goes|go|going) ahead with (?:the|its|their|a|an) (?:[\w-]+ ){0,3}?(?:purchase|deal|acquisition|contract|order)|"
               r"(?:deal|contract|agreement) (?:[\w-]+ ){0,4}?went through|"
               r"reached (?:a|an|the) (?:[\w-]+ )?(?:agreement|deal)|"
               # "Turkey followed with a contract in 2017"
               r"followed (?:with|by signing) (?:a|an|its|their) (?:[\w$-]+ )?(?:contract|order|deal)|"
               # what a contract in force holds: "Turkey's contract, worth $2.5 billion, provides for two regiments"
               r"(?:contract|agreement),? (?:(?!(?:could|may|might|will|would|should|if)\b)[\w$€£₹.,-]+\s+){0,6}?(?:provides|provided|calls|called) for|"
               # a deal known by the year it was made: "the 2018 contract", "India's 2018 S-400 deal"
               r"(?:the|its|their|(?-i:[A-Z])[\w-]*['’]s) (?:19|20)\d\d (?:[\w-]+ )?(?:contract|deal|agreement)|"
               # a buyer's purchase as a fact: "over its purchase of the S-400", "Turkey's acquisition of"
               r"(?:its|their|(?-i:[A-Z])[\w-]*['’]s) (?:(?!planned|proposed|potential|possible|intended|prospective)[\w-]+ )?(?:purchase|acquisition) of|"
               # the same, the system before the noun: "New Delhi's S-400 purchase", "Ankara's S-400 acquisition",
               # "its own S-400 and Su-35 purchases"
               r"(?:(?-i:[A-Z])[\w-]*['’]s|its|their) (?:own )?(?:(?-i:[A-Z])[\w-]*\d[\w-]* )(?:and (?-i:[A-Z])[\w-]*\d[\w-]* )?"
               r"(?:purchases?|acquisitions?)(?! (?:plans?|talks|negotiations|bid|request|option|programme|deal)\b)|"
               # a buyer waiting for the rest of its own order: "is still waiting for two of its five squadrons"
               r"(?:waiting for|awaiting) (?:the )?(?:(?:last|remaining|rest|final|outstanding|two|three|four|five|six|\d+) )*(?:of )?(?:its|their) "
               r"(?:[\w-]+ )?(?:regiments|squadrons|battalions|batteries|divisions|systems|units|order)|"
               # or for the rest of what it bought: "India, which is still waiting for the last regiments"
               r"(?:waiting for|awaiting) the (?:last|remaining|final|outstanding) (?:(?:two|three|four|five|\d+) )?"
               r"(?:[\w-]+ )?(?:regiments|squadrons|battalions|batteries|divisions|units)|"
               r"placed (?:an? |the |its |their )?(?:[\w$-]+ ){0,3}?orders?|signed for|bought|buys|sold|purchased|ordered|acquired|"
               # a contract in force: "the contract is being executed", "under a separate order"
               r"(?:is|are) being (?:executed|implemented|fulfilled)|under (?:a|an|the|its|their) (?:separate |new |earlier |existing |\w+-year )?(?:order|contract|deal|agreement)|"
               r"paid (?:[\w$€£₹.,-]+\s+){0,4}?for|"
               r"(?:first|largest|biggest|launch|main|key|only|second|third|fourth|fifth|latest) (?:foreign |export |overseas )?(?:buyers?|customers?)|"
               rf"{_NOT_YET}(?:buyers|customers) (?:of|for) (?:the )?[\w-]+ (?:[\w-]+ )?(?:include|are|were)|"
               # the system before: "S-400 customers include China and India"
               rf"{_NOT_YET}(?:buyers|customers|operators|users) (?:so far |to date )?(?:include|included)\b|"
               # buyers listed after a colon: "Buyers so far: China, India and Turkey"
               rf"{_NOT_YET}(?:buyers|customers|operators)(?: (?:so far|to date|thus far|of (?:the|this) system))?(?=:))"),
    ("negotiating", r"\b(?:negotiat(?:e|es|ed|ions?|ing)|in talks|talks|consultations|discuss(?:ing|ion|ions)|discussed(?! as\b)|"
                    # a memorandum is no contract: "signed a memorandum of understanding on the S-400"
                    r"memorand(?:um|a)(?: of understanding)?|MoU|"
                    r"may be signed|could be signed|intends to buy|could order|ready to consider|final (?:phase|stage)s?|"
                    r"ready for signing|ready to be signed|(?:could|may|might) be concluded|"
                    r"under discussion|being discussed)\b"),
    ("offered", r"\b(?:(?:offered|offers?|offering)(?! (?:\w+ )?(?:range|protection|capabilit(?:y|ies)|advantages?|coverage|"
                r"performance|benefits?|flexibility|value|alternatives?)\b)|proposed|(?:ready|willing|prepared) to (?:discuss|supply|sell|provide|deliver|offer))\b"),
]
# A hand-over of part of what was bought: "the first regiment", "a second shipment", "deliveries
# began", "three of the five squadrons so far". Without one, a hand-over stated as done ("Russia
# delivered four battalions to Belarus in 2016", "has handed over Iskander-M systems") is the
# whole of it: delivered.
_PARTIAL = re.compile(
    # an ordinal of a part, not of a rank: "the first regiment", "the first of five", not "China was first"
    # nor "the third buyer of the system"
    r"\b(?:(?:first|second|third|fourth|fifth|sixth|next|initial)"
    r"(?!\s+(?:[\w-]+\s+)?(?:buyers?|customers?|operators?|users?|clients?|purchasers?|recipients?)\b)(?=\s+(?:of\b|(?:[\w-]+\s+){0,3}?(?:"
    r"regiments?|squadrons?|battalions?|batter(?:y|ies)|divisions?|systems?|batch(?:es)?|shipments?|consignments?|tranches?|"
    r"deliver(?:y|ies)|units?|sets?|launchers?|missiles?|parts?|lots?|elements|components|jets|fighters|aircraft)\b|"
    r"(?:two|three|four|five|six|\d+)\b|one\b(?! (?:of the|to)\b)))|batch(?:es)?|shipments?|consignments?|tranches?|"
    # ("some" of a part, not of a rough count: "took delivery of some 50 systems")
    r"parts?|some(?! (?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|a dozen|dozens?)\b))|several|remaining|so far|more|began|begun|started|start|starts|beginning|resumed|resume|components|elements|"
    r"another|additional|a new|"
    # a count out of the whole order, "two of its five regiments" (after a hand-over noun, the whole
    # order: "took delivery of its four batteries")
    r"(?<!delivery )(?<!deliveries )(?<!possession )(?<!handover )(?<!hand-over )(?<!transfer )"
    r"of (?:its|their|the) (?:\w+ )?(?:two|three|four|five|six|seven|eight|nine|ten)|still|further|"
    # a hand-over so far in the perfect, "two regiments have already been handed over"; not "already"
    # of the buyer's other doings ("already flies Russian jets") or of a past hand-over ("already delivered in 2019")
    r"(?<=has )already|(?<=have )already|(?<=had )already|"
    # a count handed over so far: "Three have been delivered", "two had been handed over by then"
    # (not a designation's number: "the S-400 has been supplied to China" is the whole hand-over)
    r"(?<![-\w])(?:two|three|four|five|six|seven|eight|nine|\d+)(?= (?:have|had|has) (?:already )?been (?:delivered|handed over|shipped|supplied|received))|"
    # a count handed over by now, in the perfect: "Russia has delivered two batteries to Algeria" tells
    # what has arrived so far, not that the order is complete (unlike "delivered four in 2016")
    # and a headline's present: "Russia hands over two S-400 batteries to Algeria" (not "all five")
    r"(?:(?:has|have) (?:so far |now |already )?(?:delivered|handed over|supplied|shipped|transferred|received)"
    r"|hands over|delivers|supplies|ships|transfers|receives|gets) "
    r"(?:two|three|four|five|six|seven|eight|nine|\d+)(?= (?:[\w-]+ ){0,3}?(?:regiments|squadrons|battalions|batteries|divisions|units|launchers)\b)|"
    # "five squadrons, of which three had been handed over"
    r"of which (?:one|two|three|four|five|six|seven|eight|nine|\d+)|(?:one|two|three|four|five|six|seven|eight|nine|\d+) of (?:them|those|these)|"
    # "two of the regiments are operational": a count of the units the article spoke of
    r"(?:one|two|three|four|five|six|seven|eight|nine|\d+) of (?:the|its|their) (?:[\w-]+ )?"
    r"(?:regiments|squadrons|battalions|batteries|divisions|units|launchers))\b",
    re.IGNORECASE,
)
# The whole of it: "had received all of them", "all five regiments have arrived", "both of which
# Minsk had already received" (each of the goods listed, not a part of one).
_WHOLE = re.compile(r"\b(?:all (?:of )?(?:them|the (?:[\w-]+ )?(?:systems|units|regiments|squadrons|battalions|batteries|divisions))"
                    r"|(?:both|all) of (?:which|them|these|those)"
                    r"|(?:the )?(?:entire|whole) (?:order|contract|consignment|batch)|in full)\b", re.IGNORECASE)
# Statuses the text must state as fact: hedged, they give way.
_CERTAIN_ONLY = {"signed", "delivering", "delivered"}
_MODALS = {"could", "may", "might", "would", "will", "shall", "can", "should", "'ll", "’ll", "must"}
# Verbs and adjectives whose complement is not (yet) a fact: "plans to buy", "is expected to
# acquire", "wants to receive", "is likely to order", "was scheduled to arrive".
_HEDGES = {
    "plan", "expect", "want", "hope", "intend", "aim", "seek", "consider", "wish", "propose", "schedule", "slate",
    "likely", "set", "due", "prepare", "ready", "willing", "eager", "try", "attempt", "mull", "weigh",
    "contemplate", "keen", "poise", "push", "insist", "offer", "ask", "request", "urge",
    # hearsay: "is said to have bought", "is believed to have signed"
    "say", "believe", "think", "report", "rumour", "rumor", "claim", "understand", "suppose", "allege",
    # not done: "failed to sign", "refused to accept", "declined to buy"
    "fail", "refuse", "decline",
    # ahead: "threatened to halt deliveries", "vowed to cancel", "pledged to deliver"
    "threaten", "vow", "pledge", "promise",
}
# Nouns that make what they are about prospective: "talks on buying", "plans for the purchase".
_PROSPECTS = {"talk", "negotiation", "consultation", "plan", "prospect", "possibility", "option",
              "intention", "interest", "bid", "request", "proposal", "offer", "discussion", "memorandum"}
_DELIVERY_CUE = re.compile(
    r"\b(?:deliver(?:s|ed|ing|y|ies)?|handed over|hand(?:s|ing)? over|transferred|arriv(?:e|es|ed|al)|reached|"
    r"took delivery|take delivery|(?:took|taken|taking|take) possession of|induct(?:ed|s|ing)|"
    r"took (?:them|all of them)(?= (?:in|by|on|last|that|the following|early|late)\b)|operationali[sz]ed|supplied|shipped|shipments?|handover|"
    rf"exported to|{_TOOK_UNITS}|flown|airlifted|landed|(?:donated|gifted) (?:[\w-]+ ){{0,4}}?to(?= (?:the )?(?-i:[A-Z]))|(?:came|went|passed) to(?= (?:the )?(?-i:[A-Z]))|"
    r"suppl(?:y|ies) of|(?:deliveries|shipments|supplies) (?:have |had )?resumed|resum(?:ed|es|ing) (?:the )?deliver(?:y|ies|ing)|"
    # "completed the transfer", "three squadrons are in service", "promised the remaining two"
    r"(?:completed|finished) the transfer|(?:is|are|were|was) (?:now |already )?in service|promised|"
    # the verb "ship" ahead: "the first components would ship before the end of 2026"
    rf"(?:will|would|could|may|shall|to) (?:\w+ )?ship(?= (?:by|in|before|within|early|late|next|this|to)\b"
    rf"| (?:the |its |their )?(?:[\w-]+ ){{0,3}}?(?:{_UNITS_OF})\b)|"
    # under way: "has started supplying the system", "Russia is supplying the S-400 to India"
    r"(?:began|started|begun|begins|starts|start|starting) (?:supplying|shipping|handing over|transferring|arriving|to arrive)|(?:is|are) (?:still |now )?arriving|"
    r"(?:is|are|has been|have been) (?:now |currently |still |already )?(?:supplying|delivering|shipping|transferring)|"
    # a headline's present: "Russia delivers second regiment", "India receives first squadron"
    r"(?-i:delivers|receives|takes delivery)|"
    rf"enter(?:s|ed|ing)? (?:into )?service|put (?:in|into) service|{_TAKEN_IN}|"
    # "the transfer was completed in September"
    r"(?:transfers?|hand-?overs?) (?:[\w-]+ ){0,3}?(?:was|were|has been|have been|had been) completed|"
    # "deliveries … were concluded"
    r"deliver(?:y|ies) (?:[\w-]+ ){0,6}?(?:was|were|has been|have been|had been) (?:concluded|finished)|"
    # operated for a while by the buyer, so handed over: "has been operating the Pantsir since 2012"
    r"(?:has|have|had) (?:been operating|operated)(?= [^.;]{0,60}?\bsince\b)|"
    r"reach(?:ed|es|ing)?(?= (?:the )?(?-i:[A-Z]))|due (?:in|to arrive|by|before|within|between|early|late|next|this)|"
    # "the last two squadrons are expected by 2026": a hand-over ahead
    r"(?:is|are|was|were) (?:now |still )?(?:expected|scheduled|slated) (?:by|in|before|within|early|late|next|this)(?= (?:the )?(?:end|\d|[A-Z]|year|month))|"
    # the buyer awaiting units: "expects four new fire units by mid-2027"
    rf"expect(?:s|ed|ing)? (?:the |its |their )?(?:(?!to\b)[\w-]+ ){{0,3}}?(?:{_UNITS_OF}|units|{_RANKED_OF_THEM})\b(?= (?:by|in|before|within|early|late|next|this)\b)|"
    rf"(?:is|are|will|would|shall) (?:to )?follow|(?:{_UNITS_OF}|sets?|one) followed(?! (?:by|suit|the|a|an|its|their)\b)|"
    r"carried (?:[\w-]+ ){0,3}?to|"
    # fielded ("was deployed", "became operational"), or got ("will get the last two by 2026")
    rf"{_FIELDED}|{_IN_PLACE}|{_HANDED}|(?:got|gets|get|getting)(?= (?:the |its |their |all |a |an )?(?:\w+ ){{0,2}}?(?:{_UNITS_OF}|(?-i:[A-Z]{{1,3}}-\d)))|"
    # "is still waiting for the last two squadrons": a hand-over yet to come.
    r"(?:still )?(?:waiting for|awaiting)(?= (?:the |its |their )?(?:last|remaining|rest|final|outstanding|\w+ (?:of|more)|\d+ |"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|twelve|a dozen) ))|"
    rf"receiv(?:e|es|ed|ing)(?! (?:\w+ )?{_NOT_GOODS}))\b",
    re.IGNORECASE,
)
# A hand-over stopped, whatever the certainty: no delivery to draft.
_STOPPED = re.compile(
    r"\b(?:stop|halt|suspend|freez|froze|pause|delay|cancel|block|postpon|disrupt)\w* (?:[\w-]+ ){0,3}?"
    r"(?:deliver(?:y|ies|ing)|shipments?|supplies|transfers?)\b",
    re.IGNORECASE,
)
# A dateline before the sentence's first words: "ALGIERS, Sept 15 (MSW) -", "MINSK, March 16. /Agency/."
_DATELINE_BEFORE = re.compile(r"^[A-Z][A-Z .'’-]+,?\s*$")
# A second hand-over in the same sentence: "…in the spring of 2018 and the second in the summer of 2019".
_AND_NEXT = re.compile(r"(?:\band|,) (?:the |a |its )?(?:second|third|fourth|fifth|last|final|next|rest|remaining|other)\b[^,;]*$",
                       re.IGNORECASE)
_MARKED_BEFORE = re.compile(
    r"(?:\b(?:to|for|by|supplying|supply|supplied|sell|sold|selling|cost)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}|states-|:\s*"
    r"|\b(?:orders?|requests?|demands?|inquir(?:y|ies)|interest|applications?|bids?) from\s+(?:the\s+)?"
    # "a contract was concluded with China", "several others, among them Qatar, Egypt and Iraq"
    r"|\b(?:concluded|signed|inked) with\s+(?:the\s+)?|\bamong them\s+(?:the\s+)?"
    # "is negotiating with Saudi Arabia", "in talks with Qatar"
    r"|\b(?:negotiat\w+|talks|discussions|consultations) with\s+(?:the\s+)?)$"
)
# A list of buyers goes on: "…: Saudi Arabia, the United Arab Emirates and Iraq".
_LIST_GOES_ON = re.compile(r"(?:,|\band)\s*(?:the\s+)?$")
_MARKED_AFTER = re.compile(
    r"^(?:(?:’s|'s)\s+(?:planned\s+)?(?:acquisition|procurement|purchase|order|plans to purchase)"
    r"|\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|already\s+)?(?:bought|buys|acquired|acquires|purchased|ordered|intends to buy|could order|may buy|"
    r"wants to receive|will receive|received|receives|took delivery|has taken delivery|operates|is negotiating|signed"
    # a buyer giving up its own purchase: "Indonesia dropped its Su-35 plan"
    r"|(?:dropped|cancell?ed|scrapped|abandoned|shelved|ditched|froze|suspended) (?:its|their) ))"
)
# Buyers the sentence leaves unnamed: "to foreign partners", "with customers in Asia".
_UNNAMED_BUYERS = re.compile(
    r"\b(?:(?:to|with|for) [\"“]?(?:\w+ ){0,2}(?:partners?|customers?|buyers?|clients?|countries|states|nations|governments|armies)"
    # "has found a handful of foreign customers"
    r"|(?:foreign|export|overseas|international) (?:customers|buyers|clients|operators)"
    # a region's states named as a group: "warned Gulf partners", "Arab allies"
    r"|(?:Gulf|regional|Western|Arab|Asian|African|European|NATO|Middle Eastern) (?:partners|allies|monarchies|buyers|customers|clients)"
    r"|abroad|overseas|own|home-grown|homegrown|indigenous|domestic(?:ally)?)\b",
    re.IGNORECASE,
)
# A buyer the sentence says it will not name: "a batch for an unnamed customer was shipped".
_UNNAMED_BUYER = re.compile(
    r"\b(?:unnamed|undisclosed|unidentified|unspecified) (?:foreign |export |overseas )?(?:buyer|customer|client|country|state)s?\b",
    re.IGNORECASE,
)
# A country's own forces: "the Russian army", "Russian aerospace forces".
_FORCES_AFTER = re.compile(r"(?:’s|'s)?\s+(?:armed forces|forces|army|military|troops|air force|navy|units|aerospace forces)\b",
                           re.IGNORECASE)
# A system in service at home, the place named after it: "had entered service near Moscow".
_HOME_SERVICE = re.compile(r"\b(?:entered|enter|entering|enters|went into|go into|put into) (?:combat )?(?:service|duty)\s+"
                           r"(?:near|outside|around|in|at)\s+(?:the\s+)?\Z", re.IGNORECASE)
# Words of acquiring: enough, with the system named, for a deal of the article's buyer.
_ACQUIRING = re.compile(r"\b(?:buy(?:s|ing)?|bought|purchas\w*|acqui\w+|alternatives?|options?)\b", re.IGNORECASE)
# A reference to the system without its name: the cue is about the deal the article is on.
# Also a unit of it, counted or not ("Three squadrons have been delivered", "signed for two
# regiments"), and the contract by its value ("the Rs 35,000 crore contract").
_THE_SYSTEMS = re.compile(
    r"\b(?:(?:the|its|their|this|that|these|those) (?:[\w,.$€₹-]+\s+){0,4}?(?:systems?|complex(?:es)?|missiles?|components|elements|"
    r"consignment|shipment|batch|deliveries|delivery|transfer|handover|hand-over|equipment|contract|deal|purchase|order)|them"
    r"|the (?:[\w-]+\s+){0,2}?(?:fighters?|jets?|aircraft)"
    # a count of what the article already named: "the last two", "the remaining three"
    r"|(?:the|its|their) (?:last|remaining|final|other|outstanding) (?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
    # one of them by its rank: "the first one was received in April"
    r"|(?:the|its|their) (?:first|second|third|fourth|fifth|last|final|next) one"
    # a count of them opening the sentence, handed over: "Three had been delivered by 2023"
    r"|^(?:Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|All|\d+)(?= (?:of them )?(?:had|have|has|were|was) (?:been )?(?:already |now )?"
    r"(?:delivered|handed over|shipped|supplied|received)\b)"
    # a set of the system by its rank: "the second set was handed over in 2020", "the first regimental set"
    r"|(?:the|its|their|a) (?:first|second|third|fourth|fifth|last|final|next|remaining) (?:regiment(?:al)? |battalion |battery )?sets?"
    r"|regiments?|squadrons?|battalions?|batteries|battery|divisions?|units?|deliveries|delivery|shipments?|consignments?|batch(?:es)?"
    # the deal the sentence before stated, as "it", at a stage: "It was terminated in 2022"
    r"|^It(?= (?:was|has been|had been|is being) (?:\w+ )?(?:terminated|cancell?ed|canceled|suspended|frozen|scrapped|shelved|halted|"
    r"put on (?:hold|ice)|mothballed|signed|concluded|completed|fulfilled)\b)"
    # "They were delivered on time": the systems, as the subject of a hand-over in the passive
    r"|they(?= (?:were|have been|had been|are being|are now|were all|will be|would be|are (?:due|expected|scheduled|set|to be)) )"
    # its buyers listed after a colon: "Buyers so far: China, India and Turkey"
    r"|(?:buyers|customers|operators)(?: (?:so far|to date|thus far))?(?=:))\b",
    re.IGNORECASE,
)
# Words after a country that give it another role than buyer: "the Ukraine war", "a Turkish
# daily", "Russian sources", "the Turkish embassy".
_OTHER_ROLE_AFTER = re.compile(
    r"^(?:’s|'s|-based)?\s*(?:war|conflict|crisis|invasion|daily|newspaper|media|press|sources?|outlet|agency|"
    r"embassy|ambassador|envoy|analysts?|experts?|commentators?|observers?|critics?|pundits?|researchers?|scholars?|think[- ]tanks?|television|broadcaster|sanctions?|warnings?|objections?|pressure|"
    r"threats?|government['’]s objections)\b",
    re.IGNORECASE,
)
# A country as the maker of weapons the sentence does not name: "a South Korean system",
# "Russian weapons", "an Israeli offer" (not "the Russian-made S-300 batteries", nor "offered it to
# Qatar at an arms fair": the words between are adjectives, never a preposition and its article).
_MAKER_OF_OTHER = re.compile(
    # a name the base may not know between: "signed for French Mistral 3 short-range missiles"
    r"^(?:-made|-built)?\s+(?:(?-i:[A-Z])[\w-]+(?:\s+\d+\w*)?\s+){0,2}(?:(?!(?:at|an?|the|in|on|to|for|with|by|of|from|and|or|its|their|our|his|her)\s)(?-i:[a-z])[\w-]*\s+){0,2}(?:systems?|jets|fighters|missiles|weapons|arms|hardware|equipment|"
    r"drones|helicopters|tanks|radars?|alternatives?|rivals?|offers?|options?|bids?)\b(?!\s+(?:to|for)\b)")
# A place named after a country: "the Taiwan Strait", "the Korean Peninsula", "the Black Sea coast".
_PLACE_AFTER = re.compile(
    r"^\s+(?:Strait|Straits|Sea|Gulf|Peninsula|Islands?|Ocean|Channel|Basin|Valley|Desert|Mountains|River|Bay|Coast|Plateau)\b"
)
_OTHER_ROLE_BEFORE = re.compile(
    r"\b(?:ambassador|envoy|embassy|mission|consulate|attaché|representative)s?\s+(?:in|to|at)\s+(?:the\s+)?$"
    # "along the borders with China and Pakistan": every country of the list.
    r"|\b(?:war|conflict|fighting|invasion|hostilities|offensive|aggression|occupation|annexation) (?:in|on|against|of)\s+(?:the\s+)?$|\bborders? with\s+(?:the\s+)?(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:,|,?\s+and)\s+)*$"
    # "according to SIPRI, the Stockholm monitor": the source's seat or nationality.
    r"|\baccording to [^,;]{1,60},\s+(?:the|an?)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# Verbs of a state bringing sanctions on another (not "Turkey drew sanctions", "faced sanctions").
_IMPOSING = {"raise", "threaten", "impose", "announce", "consider", "weigh", "prepare", "levy", "slap", "mull", "float"}
# Warning verbs whose passive subject is the state warned, not one that warns.
_TARGETING = {"warn", "sanction", "threaten", "urge", "criticize", "criticise", "condemn", "slap", "impose", "pressure", "press",
              "penalize", "penalise", "punish", "accuse", "slam", "lobby", "caution"}
_WARNERS = {"warn", "sanction", "impose", "slap", "threaten", "urge", "criticize", "criticise", "condemn", "object", "oppose",
            "pressure", "caution", "press", "protest", "penalize", "penalise", "punish", "accuse", "slam", "lobby"}
# Verbs by which a state puts another out of a programme ("Washington expelled Turkey from the
# F-35 programme"): the one who expels is no buyer.
_EXPELLERS = {"expel", "eject", "exclude", "kick", "bar", "oust", "remove", "drop"}
# Verbs by which a state's body judges a deal ("called the purchase “destabilising”").
_JUDGES = {"call", "term", "describe", "dub", "brand", "label", "deem", "consider"}
# Verbs and prepositions whose object is the state weapons are pointed at.
_FACED = {"face", "border", "confront", "counter", "deter", "target", "attack", "fight", "encircle", "contain", "intimidate"}
_AIMED = {"against", "towards", "toward"}
# Nouns of travel: "a visit to Moscow" names a destination.
_JOURNEYS = {"visit", "trip", "journey", "tour", "flight", "voyage", "delegation", "pilgrimage", "mission"}
# Gatherings, whose place is named after "in" or "at" ("at an arms fair in the Emirates", "on the
# sidelines of a summit in Kazakhstan"): where people met, not where the goods go.
_GATHERINGS = {"summit", "forum", "fair", "show", "airshow", "exhibition", "expo", "conference", "congress", "meeting",
               "sideline", "sidelines", "festival", "symposium", "convention", "gathering", "dialogue"}
# Not "ceremony" or "parade": a hand-over ceremony is held in the buyer's country ("handed over
# at a ceremony in Algeria").
_HELD = {"hold", "host", "organise", "organize", "stage", "convene"}
# Verbs whose object is a state reacting to a deal, not a party to it.
_PROVOKED = {"anger", "upset", "provoke", "alarm", "worry", "antagonise", "antagonize", "irritate", "offend",
             "alienate", "reassure", "deter", "appease", "placate"}
_ROLE_NOUNS = {"war", "conflict", "crisis", "invasion", "daily", "newspaper", "media", "press", "source",
               "outlet", "agency", "embassy", "ambassador", "envoy", "analyst", "expert", "television",
               "channel", "broadcaster", "sanction", "warning", "objection", "pressure", "threat", "official",
               "diplomat", "spokesman", "spokeswoman", "minister", "ministry", "report", "criticism", "concern",
               "opposition", "strike", "drone", "border", "authority", "authorities", "commentator", "observer", "critic",
               "pundit", "researcher", "scholar",
               # what a state has that buys nothing: "Sweden's NATO membership", "Greece's airspace"
               "membership", "economy", "airspace", "territory", "sovereignty", "election", "currency", "relations",
               "ties", "island", "coast", "coastline"}
# A state's own services and bodies, named after its adjective ("the Egyptian Army").
_SERVICE_WORDS = re.compile(r"Army|Navy|Forces?|Guards?|Corps|Command|Ministry|Government|Military|Marines?|Police|Agency|"
                            r"Services?|Parliament|Cabinet|Embassy|Authorit(?:y|ies)|Company|Industr(?:y|ies)")
# Armed conflicts, whose place or target is named after a preposition ("the war in Ukraine").
_CONFLICTS = {"war", "conflict", "fighting", "invasion", "hostilities", "offensive", "battle", "combat", "aggression",
              "occupation", "annexation", "insurgency", "ceasefire", "truce", "frontline", "front"}
# Words that make an agency a state's buyer, not a news agency: "the Defence Industry Agency".
_BUYING_BODIES = {"defence", "defense", "procurement", "industry", "industries", "armament", "armaments", "arms", "military",
                  "acquisition", "logistics"}
_SPEAKERS_ONLY = {"official", "diplomat", "spokesman", "spokeswoman", "minister", "ministry", "report", "ambassador", "envoy",
                  "embassy"}
# A country that makes or sells: "the American Patriot", "Russia's Rosoboronexport", "from Moscow",
# "Washington has offered", "Moscow supplied".
# A speaker after a country: its nationality, which marks no buyer by itself.
_SPEAKER_AFTER = re.compile(r"(?:’s|'s)?\s*(?:[a-z]+\s+)?(?:officials?|diplomats?|spokes(?:man|woman|person)|ministers?|ambassadors?|envoys?)\b")
_SUPPLIER_AFTER = re.compile(
    r"^(?:(?:’s|'s)\s+(?:state\s+)?(?:arms\s+)?(?:exporter|maker|manufacturer|industry|defen[cs]e industry|"
    r"Rosoboronexport|Rostec|Almaz-Antey)"
    # a maker of the country doing the handing over: "Norway's Kongsberg has completed deliveries"
    r"|(?:’s|'s)\s+(?:[A-Z][\w-]*\s+){1,3}(?:has\s+|have\s+|had\s+)?(?:also\s+|already\s+)?"
    r"(?:completed (?:the )?deliver(?:y|ies)|delivered|supplied|sold|exported|shipped|handed over|donated)\b"
    r"|\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|already\s+)?(?:offered|offers|supplied|supplies|sold|sells|delivered|delivers|"
    r"completed (?:the )?deliver(?:y|ies)|donated|(?:is|are|was|were) (?:due|set|scheduled|expected) to (?:deliver|supply|ship|hand over)|"
    r"handed over|exported|exports|provided|transferred|will supply|will deliver|is supplying|is delivering|"
    r"agreed to supply|agreed to sell|plans to supply|plans to sell|would supply|could supply|may supply)"
    # a maker named after its country: "Israel Aerospace Industries", "Korea Aerospace Industries"
    r"|\s+(?:Aerospace|Aircraft|Aviation|Military|Defen[cs]e|Weapons?|Arms|Shipbuilding|Electronics|Dynamics) [A-Z]\w+)",
)
# "from Russia"; "Riyadh turns to Seoul for air defence", "looked to Paris": whom a buyer buys from.
_SUPPLIER_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$|\b(?:turn(?:s|ed|ing)?|look(?:s|ed|ing)?) to\s+(?:the\s+)?$")
# "from" after what a buyer sends is the buyer's: "an order from Egypt", "delegations, including from Algeria".
_ASKED_FROM = re.compile(
    r"\b(?:orders?|requests?|demands?|inquir(?:y|ies)|enquir(?:y|ies)|interest|applications?|bids?|delegations?|visitors?|"
    r"officials|representatives|buyers|customers)\b[^.;]{0,30}\bfrom\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# What a buyer sends, "from" its country: "an order from Egypt", "requests from Algeria".
_ASKING = {"order", "request", "demand", "inquiry", "enquiry", "interest", "application", "bid", "delegation", "approach"}
_SUPPLY_VERBS = {"supply", "sell", "offer", "deliver", "export", "provide", "transfer", "hand", "ship", "send", "make", "build",
                 "promise"}


# Words saying a deal is not the one already known: "another batch", "new contracts",
# "an additional batch of S-400", "more S-400 systems".
ANOTHER_DEAL = re.compile(
    r"\b(?:another|new|additional|second|third|fourth|further|more)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:batch(?:es)?|lots?|contracts?|deals?|orders?|consignments?|deliveries|supplies|purchases?|"
    r"systems?|complexes|regiments?|divisions?|batteries)\b",
    re.IGNORECASE,
)
# "the first regiment", "its second squadron": one unit, counted by its ordinal.
_ORDINAL_UNIT = re.compile(
    r"\b(?:the|its|a|their)\s+(?:first|second|third|fourth|fifth|sixth|last|final|next)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<unit>regiment|squadron|battalion|division|battery|batch|system)\b"
    # "the last of five S-400 regiments": one of them
    r"|\b(?:the|its|their)\s+(?:first|second|third|fourth|fifth|sixth|last|final)\s+of\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?P<units>regiment|squadron|battalion|division|batter|batch|system)(?:s|ies|es)\b",
    re.IGNORECASE,
)
_ORDINAL_UNITS = {"regiment": "regiments", "squadron": "squadrons", "battalion": "battalions",
                  "division": "divisions", "battery": "batteries", "system": "systems"}
# Planned deliveries: "will arrive", "are scheduled for 2025", "is expected to enter service", "due in".
_PLANNED = re.compile(
    r"\b(?:will|would|shall|could|may|might|is to|are to|scheduled|slated|expect(?:s|ed)?|due|planned|plans?|set to|"
    r"should|remaining|pending|by the end of|waiting for|awaiting|promised|for delivery)\b",
    re.IGNORECASE,
)


def hedged_cue(status: str, cue: str) -> bool:
    """The cue is one of signature or delivery that the sentence hedges ("could be signed"):
    it gave a lesser status than its own."""
    if not cue or status in _CERTAIN_ONLY:
        return False
    if re.search(r"\b(?:could|may|might|will|would|should|intends?)\b", cue, re.IGNORECASE):
        return True
    return any(re.fullmatch(pattern, cue, re.IGNORECASE) for name, pattern in STATUS_CUES if name in _CERTAIN_ONLY)


def another_deal(sentence_text: str) -> bool:
    return bool(ANOTHER_DEAL.search(sentence_text))


def status_cue(sentence_text: str) -> tuple[str, str]:
    """The sentence's status and the words that say it, by wording alone (no parse)."""
    for status, pattern in STATUS_CUES:
        if match := re.search(pattern, sentence_text, re.IGNORECASE):
            return status, match.group()
    return "reported", ""


# --- Certainty, from the parse ---------------------------------------------------------------


def _tokens(doc, start: int, end: int):
    """The tokens starting in start..end, by bisection over the token offsets kept with the parse
    (linear scans here made a long article's reading quadratic)."""
    if doc is None:
        return []
    starts = doc.user_data.get("token_starts")
    if starts is None:
        starts = doc.user_data["token_starts"] = [t.idx for t in doc]
    return list(doc[bisect_left(starts, start) : bisect_left(starts, end)])


_WEAK_MODALS = {"could", "may", "might", "can"}


def _lemma(token) -> str:
    """The token's lemma, put right where the small English model gets a hedging verb wrong:
    it reads "hopes" and "hoped" as forms of "hop"."""
    lemma = token.lemma_.lower()
    return "hope" if lemma == "hop" and token.lower_.startswith("hope") else lemma


# What is wanted done is not done: "wants the S-400 delivered by 2026".
_DESIRES = {"want", "need", "wish", "hope", "expect", "like", "prefer", "demand"}
_NEAR = {"close", "near", "closer", "nearer"}
_NEGATIVE_SUBJECTS = {"neither", "none", "nobody", "nothing"}
_HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "rumouredly", "ostensibly"}
# Hearsay verbs of _HEDGES: what they tell in the perfect is a past told uncertainly ("is said to
# have received it"), not a plan.
_HEARSAY_VERBS = {"say", "believe", "think", "report", "rumour", "rumor", "claim", "understand", "suppose", "allege"}


def _hearsay_past(token, head) -> bool:
    """The token is a past the hearsay verb ``head`` tells: "is said to have received"."""
    return _lemma(head) in _HEARSAY_VERBS and any(c.dep_ == "aux" and c.lower_ == "have" for c in token.children)


def _hedged(doc, start: int, end: int, modals=frozenset(_MODALS), complements: bool = True, hearsay: bool = True) -> bool:
    """The words at start..end are not stated as fact: under a modal ("could be signed",
    "will deliver"), the complement of a hedging verb or adjective ("plans to buy", "is expected
    to acquire", "is close to signing", "has yet to sign", "wants it delivered"), negated ("has
    not delivered", "no contract has been signed"), or what talks or plans are about ("talks on
    buying"). Walks from the words up their clause to the sentence's root. Without
    ``complements``, only modals and negation hedge: "put its plans to buy on hold" suspends
    the plans themselves. Without ``hearsay``, a past told by hearsay ("reportedly received", "is
    said to have received") is no hedge: done, however uncertain."""
    tokens = _tokens(doc, start, end)
    if not tokens:
        return False
    # The verb of the words, else their head: "Egypt's purchase of" is read from "purchase".
    token = next((t for t in tokens if t.pos_ == "VERB"), None) or next((t for t in tokens if t.pos_ == "AUX"), None) or next(
        (t for t in tokens if t.head not in tokens or t.head is t), tokens[0])
    seen = 0
    while seen < 12:
        seen += 1
        for child in token.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in modals:
                return True
            if child.dep_ == "neg" or child.dep_ == "det" and child.lower_ == "no":
                return True  # "has not delivered", "has no plans to cancel"
            if child.dep_ == "dobj" and child.lower_ in ("none", "nothing"):
                return True  # "has received none so far"
            if child.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
                return True  # "no contract has been signed"
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in _NEGATIVE_SUBJECTS:
                return True  # "though neither has signed a contract", "none of them has ordered it"
            if complements and child.dep_ == "advmod" and child.lower_ == "yet" and any(
                    c.dep_ == "xcomp" and c.i <= tokens[-1].i for c in token.children):
                return True  # "has yet to sign", "is yet to receive"
            if hearsay and child.dep_ == "advmod" and child.lower_ in _HEARSAY_ADVERBS:
                return True  # "reportedly bought"
            if complements and child.dep_ == "aux" and child.lower_ == "to" and token.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl"):
                if (hearsay or not _hearsay_past(token, token.head)) and (
                        _lemma(token.head) in _HEDGES or token.head.lemma_ == "be" and token.dep_ == "xcomp"):
                    return True  # "plans to buy"; "is to deliver", a future
        if complements and token.lemma_.lower() in _PROSPECTS and token not in tokens:
            return True
        if complements and token.dep_ in ("ccomp", "oprd", "xcomp") and token.tag_ == "VBN" and _lemma(token.head) in _DESIRES:
            return True  # "wants the systems delivered by 2026"
        if complements and token.dep_ == "prep" and token.lower_ in ("to", "towards") and token.head.lemma_.lower() in _NEAR:
            return True  # "close to signing"
        if token.dep_ in ("xcomp", "pcomp", "pobj", "prep", "dobj", "nsubjpass", "nsubj", "conj", "acl", "compound", "amod", "advcl",
                          "attr", "oprd"):
            head = token.head
            if complements and token.dep_ in ("xcomp", "acl") and _lemma(head) in _HEDGES and (hearsay or not _hearsay_past(token, head)):
                return True
            if complements and token.dep_ in ("nsubj", "nsubjpass") and _lemma(head) in _HEDGES and any(
                    c.dep_ == "xcomp" for c in head.children):
                return True  # "deliveries to India are expected to begin": the subject of what is only expected
            if head.i == token.i:
                return False
            # A clause joined by "and" keeps its own modal: "may buy …, and an agreement was signed".
            if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
                return False
            token = head
            continue
        return False
    return False


def _rumour_word(token) -> bool:
    return token.lower_.startswith(("rumour", "rumor"))


def _rumoured(doc, start: int, end: int) -> bool:
    """The words at start..end are what a rumour says: a clause of "rumours" or of what rumours
    say, "according to rumours", "is rumoured to have": reported, neither stated nor planned
    ("There is a rumour that Russia delivered it", "Rumours say Egypt signed a contract")."""
    tokens = _tokens(doc, start, end) if doc is not None else []
    if not tokens:
        return False
    token = next((t for t in tokens if t.pos_ in ("VERB", "AUX")), None) or next(
        (t for t in tokens if t.head not in tokens or t.head is t), tokens[0])
    for t in [token, *token.ancestors]:
        if _rumour_word(t) or any(
                c.dep_ in ("nsubj", "nsubjpass") and _rumour_word(c)
                or c.dep_ == "prep" and c.lower_ == "according" and any(_rumour_word(g) for g in c.subtree) for c in t.children):
            return True
    return False


def _urged(doc, start: int, end: int) -> bool:
    """The verb at start..end is what a hedging verb asks or threatens ("urged Cairo to cancel
    the deal", "threatened to halt deliveries"), not done. Only the verb's own infinitive: in
    "put its plans to buy on hold" the plans are stopped."""
    verb = next((t for t in _tokens(doc, start, end) if t.pos_ == "VERB"), None)
    return bool(verb is not None and verb.dep_ in ("xcomp", "ccomp", "advcl") and _lemma(verb.head) in _HEDGES
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


_CONDITIONS = {"if", "unless", "whether"}


def _conditional(doc, start: int, end: int) -> bool:
    """The words at start..end are in a clause of condition ("would take measures if the
    systems were deployed", "unless the missiles are delivered"): what it says has not happened."""
    tokens = _tokens(doc, start, end)
    token = next((t for t in tokens if t.pos_ in ("VERB", "AUX")), tokens[0] if tokens else None)
    seen = 0
    while token is not None and seen < 12:
        seen += 1
        if any(child.dep_ == "mark" and child.lower_ in _CONDITIONS for child in token.children) or _counterfactual(token):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _counterfactual(verb) -> bool:
    """"Egypt would have received it had the deal been signed", "…if the contract had been signed
    in 2016": a past that did not happen, under a condition in the past perfect. Not "said Russia
    would have delivered all five by 2026", a plan told in reported speech."""
    children = list(verb.children)
    return (any(c.dep_ == "aux" and c.tag_ == "MD" for c in children) and any(c.dep_ == "aux" and c.lower_ == "have" for c in children)
            and any(c.dep_ in ("advcl", "conj") and any(g.dep_ == "aux" and g.lower_ == "had" for g in c.children) for c in children))


def _asked(doc, start: int, end: int) -> bool:
    """The words at start..end are asked about, not stated: their verb's subject is "who" or
    "which country" ("Who buys the S-400", "analysts ask who will buy it next"); a relative
    clause's "who" or "which" is no question ("China, which bought it")."""
    verb = next((t for t in _tokens(doc, start, end) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.dep_ == "relcl":
        return False
    # (the parse may take the "which" of "which state signed" for the object); not "whoever
    # offers", "what it bought", "that talks …": no question
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "which") or c.dep_ == "dobj" and c.lower_ == "which"
               or c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ in ("which", "what") for d in c.children)
               for c in verb.children)


# Verbs a state agrees to or is busy doing that make a deal: "agreed in 2017 to buy", "is buying".
_AGREED_TO = {"sell", "buy", "supply", "purchase", "deliver", "acquire", "provide"}
_BUYING_NOW = {"buy", "purchase", "acquire", "procure"}
# What is bought that is hardware, not time or influence: "is buying THAAD batteries".
_BOUGHT_HARDWARE = {"system", "battery", "regiment", "battalion", "division", "squadron", "launcher", "missile",
                    "jet", "fighter", "aircraft", "helicopter", "interceptor", "unit"}


# Participles that add a purchase to what their clause says: "has gone the other way, ordering
# Israel's Barak MX", "turned to Europe, signing for the German IRIS-T SLM in 2018".
_ORDERING = {"order", "buy", "purchase", "acquire", "procure", "sign"}
# Heads under which "to discuss" holds no talks: "declined to discuss the contract"; "is ready to
# discuss it" is an offer (STATUS_CUES' "offered").
_NOT_TALKING = {"decline", "refuse", "fail", "ready", "willing", "prepared"}


def _goods_noun(noun) -> bool:
    """The noun names goods: a unit or piece of hardware, a count of them, "they", or a system's
    designation ("the S-400 batteries", "three of the five")."""
    return (noun.lemma_.lower() in _HARDWARE_WORDS or noun.lower_ in ("they", "it") or noun.pos_ == "NUM"
            or noun.pos_ == "PROPN" and any(ch.isdigit() for ch in noun.text))


# A part of the goods or of the order: "part of the order", "some of the regiments".
_PARTITIVES = {"part", "some", "several", "half", "most", "many", "portion"}
_ORDER_NOUNS = {"order", "contract", "deal", "purchase", "batch", "shipment", "consignment", "delivery"}


def _operational_goods(noun) -> bool:
    """The noun names goods (``_goods_noun``) or a part of them or of their order: "part of the
    order", "some of the regiments", "half of India's S-400 order"."""
    return _goods_noun(noun) or noun.lower_ in _PARTITIVES and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and (_goods_noun(g) or g.lemma_.lower() in _ORDER_NOUNS) for g in c.children)
        for c in noun.children)


def _operational_spans(doc, sentence) -> list[tuple[int, int]]:
    """Goods said to be operational, so in service with their buyer and handed over: "the first
    three squadrons are already operational", "three of the five were fully operational", "part
    of the order is now operational". From the verb "be" to the adjective; a modal or negation
    on it is the caller's to weigh (``_hedged``); "became operational" is _FIELDED's."""
    return [(token.head.idx, token.idx + len(token)) for token in _tokens(doc, sentence.start, sentence.end)
            if token.lower_ == "operational" and token.dep_ == "acomp" and token.head.lemma_ == "be"
            and any(c.dep_ in ("nsubj", "nsubjpass") and _operational_goods(c) for c in token.head.children)]


def _parsed_cues(doc, sentence) -> dict[str, list[tuple[int, int]]]:
    """Cues the word patterns cannot reach, read from the parse, as spans by status: an agreement
    to buy or sell with words between ("Turkey agreed in 2017 to buy two regiments", "when Russia
    agreed in 2014 to sell the S-400"), a purchase under way of named hardware ("India, which
    is also buying the S-400", "while it is buying THAAD batteries"), not "is buying time"; and
    a purchase in a participle of its clause ("has gone the other way, ordering Israel's Barak MX",
    not "after signing for" nor "while buying"); and talks told by the plain verb ("Ankara,
    Washington discuss F-16 package", "will arrive in Moscow to discuss a possible order"), not
    "declined to discuss the contract"."""
    cues: dict[str, list[tuple[int, int]]] = {}
    if spans := _operational_spans(doc, sentence):
        cues["delivering"] = spans  # "are already operational": in service, so handed over (a part, or the whole)
    for token in _tokens(doc, sentence.start, sentence.end):
        if token.pos_ != "VERB":
            continue
        lemma = token.lemma_.lower()
        if lemma == "agree" and (done := next((c for c in token.children if c.dep_ == "xcomp" and c.lemma_.lower() in _AGREED_TO
                                               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)):
            cues.setdefault("signed", []).append((token.idx, done.idx + len(done)))
        elif lemma in _BUYING_NOW and token.tag_ == "VBG" and any(
                a.dep_ == "aux" and a.lemma_ == "be" for a in token.children) and any(
                c.dep_ == "dobj" and (c.lemma_.lower() in _BOUGHT_HARDWARE or c.pos_ == "PROPN" or any(ch.isdigit() for ch in c.text))
                for c in token.children):
            aux = next(a for a in token.children if a.dep_ == "aux" and a.lemma_ == "be")
            cues.setdefault("signed", []).append((aux.idx, token.idx + len(token)))
        elif lemma in _ORDERING and token.tag_ == "VBG" and token.dep_ == "advcl" and not any(
                c.dep_ in ("mark", "aux", "auxpass", "neg") for c in token.children) and (
                any(c.dep_ == "dobj" and (lemma != "sign" or c.lemma_.lower() in ("contract", "deal", "agreement"))
                    for c in token.children) or lemma == "sign" and any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children)):
            # a participle that goes with its clause, as certain as that clause's verb (``_hedged`` climbs to it)
            cues.setdefault("signed", []).append((token.idx, token.idx + len(token)))
        elif lemma == "sign" and token.tag_ in ("VBD", "VBN") and _state_signed(token):
            cues.setdefault("signed", []).append((token.idx, token.idx + len(token)))
        elif lemma == "discuss" and token.tag_ in ("VB", "VBP", "VBZ") and any(c.dep_ == "dobj" for c in token.children) and not any(
                c.dep_ == "neg" for c in token.children) and not (token.dep_ == "xcomp" and _lemma(token.head) in _NOT_TALKING):
            cues.setdefault("negotiating", []).append((token.idx, token.idx + len(token)))
    return cues


def _state_signed(verb) -> bool:
    """"signed" with no object, said of a state: "India, which signed in 2018, expects …",
    "Turkey signed in 2017" — the article's deal, signed (not "signed up to", "signed off")."""
    if any(c.dep_ in ("dobj", "prt", "neg", "auxpass", "ccomp", "xcomp") or c.dep_ == "prep" and c.lower_ in ("up", "off", "on", "onto")
           for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subject = verb.head
    return subject is not None and subject.ent_type_ == "GPE"


def status_candidates(text: str, sentence, doc) -> list[tuple[str, str, int]]:
    """Every cue the sentence states as fact, as (status, cue, position), most telling first.
    Hedged cues of signature or delivery are left out (``_hedged``); a suspension or
    cancellation is hedged only by could/may/might ("would stop deliveries" reports a decision).
    When only hedged cues are found, one ("negotiating" when about signing, "reported"
    otherwise) stands for them. Read once per sentence of a parse: every deal, delivery and
    buyer of the sentence asks."""
    if doc is None:
        return _status_candidates(text, sentence, doc)
    read = doc.user_data.setdefault("status_candidates", {})
    if (sentence.start, sentence.end) not in read:
        read[sentence.start, sentence.end] = _status_candidates(text, sentence, doc)
    return list(read[sentence.start, sentence.end])


# A question: "Has Russia delivered the S-400 to Egypt?", "Q: Will Algeria get more?".
_QUESTION_END = re.compile(r"\?[”\"’']?\s*$")


# A headline that asks without a question mark, perhaps after a rubric: "Analysis: Who buys
# the S-400 next", "ANALYSIS-Will Egypt sign for Russian jets" (not "Has ordered two regiments",
# a factbox's line, nor "Why India bought the S-400", which states it, nor a list's title of
# what is done, "Factbox: Who has bought the S-400").
_ASKING_HEADLINE = re.compile(
    r"\s*(?:[A-Z][A-Za-z]+(?: [A-Za-z]+){0,2}\s*[:|—–]\s*|[A-Z]{3,}\s?-\s?)?"
    r"(?:(?:Who|Which)\s+(?!(?:has|have|had)\b)[a-z]|(?:Will|Would|Can|Could|Should|Does|Do|Did|Is|Are|Has|Have)\s+(?:[A-Z]|(?:the|any|a|an|it|its)\b))")


def is_question(words: str) -> bool:
    """The sentence asks: it states no stage of a deal and no hand-over."""
    return bool(_QUESTION_END.search(words)) or is_headline(words) and bool(_ASKING_HEADLINE.match(words))


def _presupposed(doc, mention: Finding) -> bool:
    """A question takes the country as having done what it asks of others: "Has any country
    besides China and India signed for it?", "Who apart from Egypt has ordered it?", "anyone
    other than Turkey"."""
    token = _root(doc, mention.words_start, mention.words_end) if doc is not None else None
    if token is None or (token := _first_conjunct(token)).dep_ != "pobj":
        return False
    prep = token.head
    return prep.lower_ in ("besides", "except", "beyond") or prep.lower_ == "than" and prep.head.lower_ == "other" or (
        prep.lower_ == "from" and prep.head.lower_ in ("apart", "aside"))


def _status_candidates(text: str, sentence, doc, stated: bool = False) -> list[tuple[str, str, int]]:
    """(``stated``: the question read as a statement, for what it takes as known; see ``_presupposed``)"""
    words = text[sentence.start : sentence.end]
    if is_question(words) and not stated:
        return []
    found, hedged_signature, hedged = [], False, None
    parsed = _parsed_cues(doc, sentence) if doc is not None else {}
    for status, pattern in STATUS_CUES:
        spans = [(sentence.start + m.start(), sentence.start + m.end()) for m in re.finditer(pattern, words, re.IGNORECASE)]
        spans += [span for span in parsed.get(status, []) if not any(a <= span[0] < b for a, b in spans)]
        for start, end in spans:
            cue = text[start:end]
            if doc is not None and (_conditional(doc, start, end) or not stated and _asked(doc, start, end)):
                continue  # "…if the systems were deployed", "who buys it": a supposition or a question, no stage
            if status in _CERTAIN_ONLY and doc is not None and _rumoured(doc, start, end):
                hedged = hedged or (cue, start)  # "Rumours say Egypt signed a contract": reported, not in talks
                continue
            # "Under the deal, Russia will train the crews": the deal is in force whatever lies ahead
            # under it; only its own words can hedge it.
            if status in _CERTAIN_ONLY and not _UNDER_A_DEAL.match(cue) and (
                    _hedged(doc, start, end) or _prospect_noun(doc, start, end)):
                hedged = hedged or (cue, start)
                hedged_signature = hedged_signature or bool(re.search(r"sign|conclu|contract|agreement|deal", cue, re.I))
                continue
            if status in ("suspended", "cancelled") and (
                    _hedged(doc, start, end, _WEAK_MODALS, complements=False) or _urged(doc, start, end) or _threat(doc, start, end)):
                continue
            if status in _CERTAIN_ONLY and _prospective_customers(doc, start, end):
                continue  # "Potential S-400 customers include Egypt": nobody has bought yet
            if status in ("delivering", "delivered") and _receives_no_goods(doc, start, end):
                continue  # "has received a renewed US offer for the Patriot": a proposal, not the goods
            if status == "delivering" and not re.search(r"began|begun|started|begins|starts|arriving|on (?:schedule|track|time)|under ?way|proceeding|continuing|going ahead|"
                                                        r"\b(?:is|are|was|were|been) (?:\w+ )?(?:supplying|delivering|shipping|transferring|receiving)",
                                                        cue) and (
                    not _partial_here(doc, sentence, words, start, end) or _WHOLE.search(words)):
                status = "delivered"
            found.append((status, cue, start))
    found = _without_denied_stops(text, doc, found)
    found = _without_denied_facts(text, sentence, doc, found)
    if hedged and not found:
        found.append(("negotiating" if hedged_signature else "reported", hedged[0], hedged[1]))
    return found


# What a state may receive or be sent that is not the goods: words, proposals, people.
_NO_GOODS_NOUNS = {"request", "order", "bid", "inquiry", "enquiry", "application", "offer", "proposal", "delegation",
                   "presentation", "call", "letter", "information", "invitation", "assurance", "guarantee", "briefing",
                   "message", "warning", "approval", "permission", "quote", "quotation", "reply", "response", "answer",
                   "proposition", "pitch", "tender", "visit", "team", "mission"}


_PROSPECTIVE = {"potential", "prospective", "possible", "would-be", "likely", "future", "hopeful", "interested"}


def _prospective_customers(doc, start: int, end: int) -> bool:
    """The buyers the cue names are only possible ones, however far the adjective stands from
    the noun: "Potential S-400 customers include…", "prospective Gulf buyers of the system"."""
    if doc is None:
        return False
    return any(t.lemma_.lower() in ("customer", "buyer", "operator", "user", "client")
               and any(c.dep_ == "amod" and c.lower_ in _PROSPECTIVE for c in t.children) for t in _tokens(doc, start, end))


def _receives_no_goods(doc, start: int, end: int) -> bool:
    """The hand-over verb's object is no goods but a proposal, a letter, people ("received a
    renewed US offer for the Patriot", "was sent a formal Russian proposal")."""
    if doc is None:
        return False
    verb = next((t for t in _tokens(doc, start, end) if t.pos_ == "VERB"), None)
    return verb is not None and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _NO_GOODS_NOUNS for c in verb.children)


def _partial_here(doc, sentence, words: str, start: int, end: int) -> bool:
    """A word of a part handed over ("the first regiment", "more", "so far") in the hand-over's
    own clause: not one in a clause joined by "and" with a subject of its own ("…supplied India
    with Igla-S missiles in 2021, and the two sides are negotiating more S-400 squadrons")."""
    cue = _root(doc, start, end) if doc is not None else None
    for match in _PARTIAL.finditer(words):
        at = sentence.start + match.start()
        if cue is not None and _in_other_relative(_root(doc, at, sentence.start + match.end()), cue):
            continue  # "China, which received it in 2018, and India, which is still waiting": India's part, not China's
        # (only words of a new order: "the remaining two are due" is still this deal's rest)
        if cue is None or match.group().lower() not in _NEW_ORDER or not _apart(_root(doc, at, sentence.start + match.end()), cue):
            return True
    return False


def _in_other_relative(token, cue) -> bool:
    """The token is inside a relative clause that does not hold the cue (another buyer's own
    clause: "…, and India, which is still waiting for the last regiments")."""
    if token is None:
        return False
    seen = 0
    while token.dep_ != "relcl" and token.head.i != token.i and seen < 12:
        seen += 1
        token = token.head
    return token.dep_ == "relcl" and cue.i not in {t.i for t in token.subtree}


def _apart(token, cue) -> bool:
    """The token is in a clause of its own, with its own subject, that does not hold the cue:
    joined by "and", or a second complement of the same speech verb."""
    if token is None:
        return False
    clause = _main_clause(token)
    return clause.i != _main_clause(cue).i and cue.i not in {t.i for t in clause.subtree} and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


_NEW_ORDER = {"more", "another", "additional", "a new", "further"}


_UNDER_A_DEAL = re.compile(r"under\b", re.IGNORECASE)
_THREAT_MODALS = {"would", "will", "'d", "’d", "'ll", "’ll"}


def _threat(doc, start: int, end: int) -> bool:
    """A stop or a cancellation promised on a condition ("would stop deliveries if Ankara
    failed to pay", "will cancel the order unless…", "to any buyer that broke the terms"): a
    threat, not a decision taken."""
    verb = next((t for t in _tokens(doc, start, end) if t.pos_ == "VERB"), None)
    if verb is None or not any(c.dep_ == "aux" and c.lower_ in _THREAT_MODALS for c in verb.children):
        return False
    if any(t.dep_ == "det" and t.lower_ in ("any", "every") and any(c.dep_ == "relcl" for c in t.head.children)
           for t in verb.subtree):
        return True  # "would stop deliveries to any buyer that broke the terms": a rule for whoever does
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in c.children) for c in verb.children)


def _prospect_noun(doc, start: int, end: int) -> bool:
    """A cue that opens on a noun ("delivery of the S-400 … is under way") that is what talks,
    plans or a request are about: "Talks on the delivery of … are under way" start no hand-over."""
    tokens = _tokens(doc, start, end)
    if not tokens or tokens[0].pos_ != "NOUN":
        return False
    token, seen = tokens[0], 0
    while token.dep_ in ("pobj", "prep", "compound", "nmod") and token.head.i != token.i and seen < 6:
        seen += 1
        token = token.head
        if token.pos_ == "NOUN" and token.lemma_.lower() in _PROSPECTS:
            return True
    return False


def _without_denied_facts(text, sentence, doc, found):
    """A signature or a hand-over inside a denial ("Reports that Russia delivered the S-400 to
    Iran are false", "denied that it had signed a contract") is what is denied, not a stage."""
    denials = [(cue, at) for status, cue, at in found if status == "denied"]
    if not denials:
        return found
    inside = set()
    for cue, at in denials:
        spans = [(at, at + len(cue))]
        if doc is not None and (verb := _root(doc, at, at + len(cue))) is not None:
            spans.append((verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)))
        for status, _cue, other_at in found:
            if status in _CERTAIN_ONLY and any(a <= other_at < b for a, b in spans):
                inside.add(other_at)
    return [c for c in found if c[2] not in inside]


# Words of a hand-over held up: denied, they leave the deal as it was.
_HOLD_UPS = {"delay", "postpone", "slow", "halt", "stop", "suspend", "freeze", "pause", "disrupt", "hold"}


def _without_denied_stops(text, doc, found):
    """A denial of a stop ("Moscow denied that deliveries had been halted", "rejected reports
    of a suspension") says the deal goes on: neither the denial nor the stop is its status."""
    denials = [(cue, at) for status, cue, at in found if status == "denied"]
    if not denials or doc is None:
        return found
    denied = set()
    for cue, at in denials:
        verb = _root(doc, at, at + len(cue))
        if verb is None:
            continue
        under = {t.i for t in verb.subtree}
        if any(t.lemma_.lower() in _HOLD_UPS for t in verb.subtree if t.i != verb.i):
            denied.add(at)  # "Russia denied it had delayed the deliveries": the deal goes on
        for status, other, other_at in found:
            token = _root(doc, other_at, other_at + len(other))
            if status in ("suspended", "cancelled") and token is not None and token.i in under and token.i != verb.i:
                denied |= {at, other_at}
    return [c for c in found if c[2] not in denied]


def sentence_status(text: str, sentence, doc, near: int | None = None) -> tuple[str, str]:
    """The status the sentence supports and its cue: the most telling cue stated as fact; with
    ``near`` (where a system is named, in a sentence naming several), the cue closest to it."""
    candidates = status_candidates(text, sentence, doc)
    if not candidates:
        return "reported", ""
    if near is not None:
        # A cue inside a relative clause is its system's only: "Egypt, which operates the
        # S-300VM, has shown interest in the S-400" says nothing of the S-400's stage.
        relatives = [(sentence.start + m.start(), sentence.start + m.end())
                     for m in _RELATIVE.finditer(text[sentence.start : sentence.end])]
        candidates = [c for c in candidates if not any(a <= c[2] < b and not a <= near < b for a, b in relatives)]
        if doc is not None and (weapon := _root(doc, near, near + 1)) is not None:
            candidates = [c for c in candidates if not _described_apart(_root(doc, c[2], c[2] + len(c[1])), weapon)]
        if not candidates:
            return "reported", ""
        # In the system's own clause by the parse ("relies on Patriot batteries and is expected
        # to receive THAAD batteries": the THAAD's clause states no stage, reported), then by
        # the wording: "signed a contract with A for X, and is weighing an offer from B for Y"
        # gives X the signature, Y the offer.
        if doc is not None and (weapon := _root(doc, near, near + 1)) is not None:
            own = _main_clause(weapon)
            seen = 0
            while own.dep_ == "pcomp" and own.head.i != own.i and seen < 5:
                seen += 1
                own = _main_clause(own.head)  # "had looked at buying the S-400": the clause of "looked"
            clauses = {c[2]: _main_clause(t) for c in candidates if (t := _root(doc, c[2], c[2] + len(c[1]))) is not None}
            if any(clause.i == own.i for clause in clauses.values()):
                candidates = [c for c in candidates if c[2] in clauses and clauses[c[2]].i == own.i]
            elif own.dep_ == "relcl" and own.head.dep_ in ("nsubj", "nsubjpass"):
                # "Qatar, which expressed interest in the S-400, has relied on Patriot batteries":
                # the main clause's cue is that of the goods it names itself
                candidates = [c for c in candidates if c[2] not in clauses or not _names_goods_apart(clauses[c[2]], own)]
                if not candidates:
                    return "reported", ""
            elif own.dep_ == "conj" and any(clause.i == own.head.i for clause in clauses.values()) or any(
                    clause.dep_ == "conj" and clause.head.i == own.i for clause in clauses.values()):
                return "reported", ""
        status, cue, at = min(candidates, key=lambda c: (not _same_clause(text, c[2], near), abs(c[2] - near)))
        if status == "signed" and _DEAL_NAMED.search(cue) and doc is not None and (
                noun := _root(doc, at, at + len(cue))) is not None and noun.dep_ in ("nsubj", "nsubjpass") and (
                stopped := next((c for c in candidates if c[0] in ("suspended", "cancelled") and c[2] > at
                                 and _same_clause(text, c[2], near)), None)):
            # "Iraq's S-400 purchase was put on hold": the deal named, and what became of it
            status, cue = stopped[0], stopped[1]
        return status, cue
    return candidates[0][0], candidates[0][1]


def _names_goods_apart(clause, own) -> bool:
    """The clause's object names goods of its own, outside the clause ``own``: a proper name
    that is no place ("relied on US-made Patriot batteries", "bought THAAD")."""
    inside = {t.i for t in own.subtree}

    def named(t) -> bool:
        return t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP", "LOC")

    return any(t.i not in inside and t.dep_ in ("dobj", "pobj") and (named(t) or any(c.dep_ == "compound" and named(c) for c in t.children))
               for t in clause.subtree)


def _described_apart(cue, weapon) -> bool:
    """The cue is in a relative clause about a noun whose phrase does not hold the system, by the
    parse, wherever the clause ends: "weighing the HQ-9B alongside its S-300VM batteries, which
    Moscow finished delivering in 2017" says nothing of the HQ-9B's stage."""
    token, seen = cue, 0
    while token is not None and token.head.i != token.i and seen < 12:
        seen += 1
        if token.dep_ == "relcl":
            described = token.head
            return not described.left_edge.i <= weapon.i <= described.right_edge.i
        token = token.head
    return False


# A signature cue that only names the deal ("Iraq's S-400 purchase", "the 2018 contract"), no
# verb of signing: what the clause says happened to it is its stage.
_DEAL_NAMED = re.compile(r"(?<!signed )(?<!inked )\b(?:purchase|acquisition|deal|contract|order|agreement)(?: of)?$", re.IGNORECASE)


# "…, with the remaining two due by 2026", "…and the other two will follow": a clause of its
# own, for what is still to come.
_CLAUSE_JOIN = re.compile(r";|,\s+(?:and|but|while|whereas)\b"
                          r"|,?\s+(?:with|and)\s+(?:the|its|their)\s+(?:remaining|other|rest|last|final|next)\b"
                          # a second verb of the same subject, for what is ahead: "has taken delivery of three
                          # squadrons and is expected to receive the remaining two"
                          r"|\s+and\s+(?:is|are)\s+(?:now\s+|still\s+)?(?:expected|due|scheduled|slated|set)\s+to\b")
_RELATIVE = re.compile(r",\s+(?:which|who)\b[^,;]*,")


def _same_clause(text: str, a: int, b: int) -> bool:
    return not _CLAUSE_JOIN.search(text, min(a, b), max(a, b))


# --- Who is who in the sentence ---------------------------------------------------------------


def _root(doc, start: int, end: int):
    tokens = _tokens(doc, start, end)
    if not tokens:
        return None
    return next((t for t in tokens if t.head not in tokens or t.head is t), tokens[-1])


def _phrase_head(token):
    """The noun a name or number modifies ("S-400" in "the S-400 batteries" → "batteries"),
    climbing at most six words."""
    noun, seen = token, 0
    while noun.dep_ in ("compound", "amod", "nmod", "nummod") and noun.head.i != noun.i and seen < 6:
        seen += 1
        noun = noun.head
    return noun


_BUYING_WARNED = {"buy", "purchase", "acquire", "order"}
_PURCHASE_NOUNS = {"purchase", "acquisition", "deal", "contract", "order", "sale"}


def _warned_of_buying(verb) -> bool:
    """What the warning says is of a buying, none of another state's: "warned Ankara that
    buying the S-400 would bring sanctions", "… that the S-400 purchase would bring sanctions"
    (not "warned Israel that Syria's purchase …": then the warned state buys nothing)."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        for word in clause.subtree:
            if word.pos_ == "VERB" and word.lemma_.lower() in _BUYING_WARNED:
                return True
            if word.pos_ == "NOUN" and word.lemma_.lower() in _PURCHASE_NOUNS and not any(
                    c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in ("GPE", "NORP") for c in word.children):
                return True
    return False


def other_role(text: str, mention: Finding, sentence, doc) -> bool:
    """The country is named in another role than buyer: the state that warns or sanctions, an
    envoy's posting, a source's or newspaper's nationality, a war's name."""
    before = text[sentence.start : mention.words_start]
    after = text[mention.words_end : sentence.end]
    if _OTHER_ROLE_BEFORE.search(before) or _PLACE_AFTER.match(after):
        return True
    if (match := _OTHER_ROLE_AFTER.match(after)) and match.group().strip(" ’'s").lower().split()[0] not in _SPEAKERS_ONLY:
        return True
    token = _root(doc, mention.words_start, mention.words_end)
    if _MAKER_OF_OTHER.match(after) and (token is None or token.dep_ not in ("nsubj", "nsubjpass")):
        # "could yet choose a South Korean system", "buying Russian weapons": a maker (not
        # "Turkey received systems": the subject of the verb after it)
        return True
    if token is None:
        return False
    # A country listed after another takes the first one's role: "facing China and Pakistan".
    seen = 0
    while token.dep_ == "conj" and token.head.i != token.i and token.head.ent_type_ == token.ent_type_ and seen < 8:
        seen += 1
        token = token.head
    head = token.head
    # "Washington responded by sanctioning …", "the United States raised the possibility of
    # sanctions": the state that sanctions, by a verb of its own or the object of one.
    if token.dep_ == "nsubj" and any(
            c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pcomp" and g.lemma_.lower() in _WARNERS for g in c.children)
            or c.dep_ == "dobj" and head.lemma_.lower() in _IMPOSING and any(w.lemma_.lower() in ("sanction", "penalty") for w in c.subtree)
            for c in head.children):
        return True
    # Not the state warned or sanctioned ("Turkey was sanctioned after taking delivery"): its target.
    if (token.dep_ == "nsubj" or token.dep_ == "nsubjpass" and head.lemma_.lower() not in _TARGETING) and (
            head.lemma_.lower() in _WARNERS and not _urges_buying(head)):
        return True
    # "Saudi Arabia, which objected to the S-400 talks, hosted…": a state the sentence
    # introduces as one that objects (not "Croatia, which objected…, has since ordered Rafales")
    if head.lemma_.lower() not in _TRADING and any(c.dep_ == "relcl" and c.lemma_.lower() in _WARNERS and any(w.dep_ == "nsubj" and w.lower_ in ("which", "who", "that")
                                                                      for w in c.children) for c in token.children):
        return True
    # "Washington says the S-400 purchase could trigger sanctions": a state that speaks of a deal
    # named as a known one, without a word of its own ("it", "its", "we", "our") in what it says,
    # and reacts to it or names another state as its party (not "India says the S-400 purchase
    # was a sovereign decision", "Ankara said the deal with Moscow was complete": a buyer's own)
    if token.dep_ == "nsubj" and _spoken(head) and head.lemma_.lower() not in _TRADING and any(
            c.dep_ == "ccomp" and not any(w.lower_ in ("it", "its", "we", "our", "us", "they", "their") for w in c.subtree)
            and any(w.lemma_.lower() in ("purchase", "deal", "contract", "acquisition", "sale", "order") and
                    any(d.lower_ == "the" for d in w.children) for w in c.subtree)
            and (head.lemma_.lower() in _WARNERS or _reacts_or_names_a_party(c, token))
            for c in head.children):
        return True
    if token.dep_ == "nsubj" and head.lemma_.lower() in _EXPELLERS and any(
            child.dep_ == "dobj" and child.ent_type_ in ("GPE", "NORP") for child in head.children):
        return True  # "Washington expelled Turkey from the programme": not a buyer
    # "the Saudi authorities threatened Qatar": the country of those who warn (not "Iraq's
    # parliament urged the government to buy it": a buyer's own).
    if token.dep_ in ("amod", "compound", "poss") and head.dep_ == "nsubj" and head.head.lemma_.lower() in _WARNERS and not _urges_buying(
            head.head):
        return True
    # "Pakistan's foreign office called the purchase “destabilising”": the country of those who
    # judge a deal (a verb with the deal as object and a judgement after it), not its buyer.
    if token.dep_ in ("amod", "compound", "poss") and head.dep_ == "nsubj" and head.head.lemma_.lower() in _JUDGES and any(
            child.dep_ in ("oprd", "xcomp") for child in head.head.children):
        return True
    # "for fear of angering Israel": a state whose reaction is weighed.
    if token.dep_ == "dobj" and head.lemma_.lower() in _PROVOKED:
        return True
    # "the frontier facing China and Pakistan", "to deter Iran", "a shield against Israel": the
    # state the weapons are pointed at, never their buyer.
    if token.dep_ == "dobj" and head.lemma_.lower() in _FACED or token.dep_ == "pobj" and head.lower_ in _AIMED:
        return True
    # "safeguards against Chinese technology": the country of what is guarded against
    if token.dep_ in ("amod", "compound") and head.dep_ == "pobj" and head.head.lower_ in _AIMED and head.i > token.i:
        return True
    # "despite pressure from Washington", "objections from Athens": the state a reaction comes from
    if token.dep_ == "pobj" and head.lower_ == "from" and (
            head.head.lemma_.lower() in _REACTIONS_OR_PRESSURES or head.head.lower_ in _REACTIONS_OR_PRESSURES):
        return True
    # "relied on American and European suppliers": the country of those who sell, not a buyer
    if token.dep_ in ("amod", "compound", "nmod") and head.lemma_.lower() in _SELLER_NOUNS:
        return True
    # "during a royal visit to Moscow": where someone travelled, not where the goods went.
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in _JOURNEYS:
        return True
    # "asked France to intervene", "urged Egypt to reconsider": asked to act, not to buy (not
    # "warned Ankara that buying the S-400 would bring sanctions": the buying warned of is its own).
    if token.dep_ == "dobj" and head.lemma_.lower() in {"ask", "urge", "call", "press", "invite", "warn"} and any(
        child.dep_ in ("xcomp", "ccomp") for child in head.children
    ) and not any(child.lemma_.lower() in _BUYING_WARNED for child in head.children) and not (
            head.lemma_.lower() == "warn" and _warned_of_buying(head)):
        return True
    if token.dep_ in ("compound", "amod", "nmod", "poss") and head.lemma_.lower() in _ROLE_NOUNS - _SPEAKERS_ONLY and not (
            head.lemma_.lower() == "agency" and any(c.lower_ in _BUYING_BODIES for c in head.children)):
        return True  # not "Turkey's Defence Industry Agency signed…": the buyer's own procurement body
    # "weighing the Chinese HQ-9 and the Turkish Hisar": a country before a name set beside
    # another is that product's maker, not a buyer ("the Indian Air Force and the Egyptian Army"
    # are buyers' services).
    if token.dep_ in ("compound", "amod", "nmod") and head.pos_ == "PROPN" and head.i > token.i and (
            head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)) and not _SERVICE_WORDS.fullmatch(head.text):
        return True
    # "the ambassador in Moscow", "Turkey's envoy to Washington"
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in {"ambassador", "envoy", "embassy", "mission", "consulate"}:
        return True
    if token.dep_ == "pobj" and head.lower_ in ("against", "on") and head.head.lemma_.lower() in {"sanction", "war", "invasion"}:
        return True
    # "the fighting in Ukraine", "the invasion of Ukraine", "sanctions over the conflict in
    # Ukraine": the place of an armed conflict, a war's name, not a party to a deal.
    if token.dep_ == "pobj" and head.lower_ in ("in", "on", "of", "against", "over", "with") and (
            head.head.lower_ in _CONFLICTS or head.head.lemma_.lower() in _CONFLICTS):
        return True
    # "announced Ambassador X on Monday in Washington", "speaking in Dubai": where words were said.
    if token.dep_ == "pobj" and head.lower_ in ("in", "at") and (_spoken(head.head) or (
            head.head.dep_ in ("nsubj", "dobj", "attr", "appos") and head.head.ent_type_ == "PERSON" and _spoken(head.head.head))):
        return True  # "…, announced Ambassador X in Washington": the parse may hang the place on the speaker
    # "Like India before it, Egypt signed…", "as with the earlier sale to China": a buyer named
    # for comparison, whose own deal the sentence does not report.
    if any(t.dep_ == "prep" and (t.lower_ in ("like", "unlike") or t.lower_ == "with" and t.head.lower_ == "as")
           for t in [token, *token.ancestors]):
        return True
    # "at an arms fair in the Emirates", "a summit in Kazakhstan": where a gathering met.
    gathering = head.head.head if head.head.dep_ == "acl" and head.head.lemma_.lower() in _HELD else head.head  # "a forum held in Singapore"
    if token.dep_ == "pobj" and head.lower_ in ("in", "at") and (_gathering(gathering) or any(
            c.dep_ in ("amod", "compound") and _gathering(c) for c in gathering.children)):
        return True
    # "according to SIPRI, the Stockholm monitor": the source's seat or nationality.
    return any(t.lower_ == "according" for t in token.ancestors)


def _gathering(token) -> bool:
    """The token is a noun of a gathering ("a show", not "images show")."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in _GATHERINGS


# What comes from a state that opposes a deal: "despite pressure from Washington".
_PRESSURES = {"pressure", "pressures", "warning", "warnings", "objection", "objections", "opposition", "criticism", "protest",
              "protests", "threats", "demands", "lobbying", "complaints", "complaint", "backlash"}
_SELLER_NOUNS = {"supplier", "seller", "vendor", "maker", "manufacturer", "exporter", "contractor", "firm"}
# Words of a reaction to a deal in what a state says of it: "could trigger sanctions".
_REACTIONS = _WARNERS | {"sanction", "threat", "concern", "penalty", "risk", "trigger", "jeopardise", "jeopardize",
                         "undermine", "destabilise", "destabilize", "violate", "violation", "consequence"}
_REACTIONS_OR_PRESSURES = _REACTIONS | _PRESSURES
# Words adding to what came before ("Egypt also ordered…"): a buyer named with them is not
# steered back to the one deal drafted for it (`_buyers_only_deal`).
_ALSO = re.compile(r"\b(?:also|too|as well|same)\b", re.IGNORECASE)


def _reacts_or_names_a_party(clause, speaker) -> bool:
    """What a state says of a deal is a reaction to it ("could trigger sanctions") or names
    another state as a party to it ("the sale to Turkey"), not a seller only ("the deal with
    Moscow", "the purchase from Russia")."""
    return any(w.lemma_.lower() in _REACTIONS for w in clause.subtree) or any(
        w.ent_type_ in ("GPE", "NORP") and w.i != speaker.i and not (w.dep_ == "pobj" and w.head.lower_ in ("with", "from"))
        and not (w.dep_ == "compound" and w.head.ent_type_ == w.ent_type_)
        for w in clause.subtree)


def _urges_buying(verb) -> bool:
    """The verb urges a purchase: "urged the government to buy it", "pressing Washington to sell it F-16s"."""
    return verb.lemma_.lower() in ("urge", "press", "push", "lobby") and any(
        c.dep_ in ("xcomp", "ccomp") and (c.lemma_.lower() in _BUYING or c.lemma_.lower() in _SELLING and any(
            # "is pressing Washington to sell it F-16s": to sell to the one who presses
            o.dep_ in ("dative", "dobj") and o.lower_ in ("it", "them", "us", "him", "her") for o in c.children))
        for c in verb.children)


_BUYING = {"buy", "purchase", "acquire", "order", "procure", "sign", "obtain", "get"}


def _spoken(verb) -> bool:
    """A verb of speaking ("announced", "speaking"): a place after it is where words were said."""
    from .statements.vocabulary import SPEECH_LEMMAS  # the statements package reads this module's cues

    return verb.lemma_.lower() in SPEECH_LEMMAS | {"speak"}


# What a country makes without selling: "New Delhi made an advance payment".
_MADE_NOT_GOODS = {"payment", "offer", "request", "decision", "statement", "announcement", "visit", "bid", "proposal", "choice",
                   "deal", "commitment", "case", "progress", "clear", "plan", "call", "appeal", "inquiry", "enquiry"}


def _made_no_goods(verb) -> bool:
    return verb.lemma_.lower() == "make" and any(c.dep_ in ("dobj", "ccomp", "oprd") and c.lemma_.lower() in _MADE_NOT_GOODS
                                                 for c in verb.children)


def supplier_marked(text: str, mention: Finding, sentence, doc, system: Finding | None = None) -> bool:
    """The country sells or makes: "from Russia", "Moscow supplied", "Russia's Rosoboronexport",
    "the American Patriot" (an adjective right before the system's name), "Israel's SPYDER" (a
    possessive before a system the base lacks, unless its family is another country's)."""
    before = text[sentence.start : mention.words_start]
    after = text[mention.words_end : sentence.end]
    if _SUPPLIER_BEFORE.search(before) and not _ASKED_FROM.search(before) or _SUPPLIER_AFTER.match(after):
        return True
    between = text[mention.words_end : system.words_start] if system is not None else "x"
    if re.fullmatch(r"(?:-made|-built)?\s+", between or "x") and (
            (system.value.get("maker_country") or system.value.get("maker_family") or mention.value["code"]) == mention.value["code"]
            or not re.fullmatch(r"\s+", between)):
        return True  # not "Vietnam S-400 talks": a buyer's name before a system another country makes
    # "Israel's SPYDER" names its maker; "Egypt's Su-35", "Turkey's S-400" the buyer.
    if re.fullmatch(r"(?:’s|'s)\s+", between or "x") and not system.value["maker_country"] and (
        system.value.get("maker_family", "") in ("", mention.value["code"])
    ):
        return True
    token = _root(doc, mention.words_start, mention.words_end)
    if token is None:
        return False
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_.lower() in _SUPPLY_VERBS and not _made_no_goods(head):
        return True
    if token.dep_ == "pobj" and head.lower_ == "from" and head.head.lemma_.lower() not in _ASKING and not _ASKED_FROM.search(before):
        return True
    # "a battery supplied jointly by France and Italy": each agent of a passive supply verb.
    agent = _first_conjunct(token)
    return agent.dep_ == "pobj" and agent.head.dep_ == "agent" and agent.head.head.lemma_.lower() in _SUPPLY_VERBS


def _ordinal_quantity(words: str) -> dict | None:
    match = _ORDINAL_UNIT.search(words)
    unit = match and (match["unit"] or re.sub(r"^batter$", "battery", match["units"])).lower()
    if match and unit in _ORDINAL_UNITS:
        return {"quantity": 1, "unit": _ORDINAL_UNITS[unit], "words": match.group()}
    return None


# --- Deals and deliveries --------------------------------------------------------------------


def find_deals(
    text: str, *, countries: list[Finding], systems: list[Finding], dates: list[Finding] = (),
    quantities: list[Finding] = (), doc=None, sentence_spans=None,
) -> list[Finding]:
    """Deal findings, and delivery findings for the sentences that speak of a hand-over made or
    planned. ``doc`` is the article's parse (``nlp.parse(text)``); without it the status and
    the roles are read from the wording alone."""
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    systems = _with_aliases(text, _with_article_sellers(text, countries, systems, sentence_spans, doc), sentence_spans)
    systems = [s for s in systems if not _origin_named(text, s) and not _carried_aboard(doc, s)]
    buyers = _article_buyers(text, countries, systems, sentence_spans, doc)
    marked = _article_sellers(text, countries, systems, sentence_spans, doc)
    headings = list(HEADING.finditer(text))  # a factbox's, once for all its sentences
    found, last_deal, unnamed = [], None, None
    for sentence in sentence_spans:
        words = text[sentence.start : sentence.end]
        named = [s for s in systems if sentence.start <= s.words_start < sentence.end]
        mentions = [c for c in countries if sentence.start <= c.words_start < sentence.end]
        status, cue = sentence_status(text, sentence, doc)
        skipped = None
        if not cue and last_deal is not None and (fielded := _buyer_fielded(sentence, mentions, last_deal, doc)):
            status, cue = fielded  # "Algeria has deployed them near the capital": the buyer's, so handed over
        in_sentence = []
        coming = None if named else _rest_to_come(doc, sentence)  # "the remaining regiment will follow"
        if unnamed is not None and not named and (buyer := _identified_buyer(sentence, mentions, doc)) is not None and (
                sold := _system_deal(unnamed[1])) is not None and buyer.value["code"] != sold.value["supplier"]:
            # "The service said a contract had been signed with a partner in Asia. … Hanoi was the
            # customer": the deal the earlier sentence stated, for the buyer this one names, with
            # the hand-over that sentence states.
            told, _system, told_status, told_cue = unnamed
            unnamed = None
            deal = _carried(text, told, sold, told_status, told_cue, buyer)
            found.append(deal)
            last_deal = deal
            handed = _deliveries_by_system(text, told, [deal], dates, quantities, doc, told_status)
            _part_delivered(text, told, [deal], handed, quantities)
            found.extend(handed)
            continue
        if named and TRANSFER.search(words) or named and cue:
            near = _near_buyers(text, sentence, buyers, last_deal)
            if len(own := {s.value["name"] for s in named}) == 1 and (last_deal is None or last_deal.value["system_name"] not in own) and (
                    earlier := next((d for d in reversed(found) if d.kind == Kind.DEAL and d.value["system_name"] in own
                                     and d.value["recipient"]), None)) is not None:
                # "The FK-3 batteries are operated by crews trained in China" after a sentence on
                # Hungary's NASAMS: the buyer the article gave that system, not the last deal's
                code = earlier.value["recipient"]
                near = [(code, earlier.value["recipient_name"]), *(b for b in near if b[0] != code)]
            if (referred := _pronoun_buyer(text, sentence, countries, sentence_spans, doc)) is not None:
                # "Algeria remains the most loyal. It received its first batteries in 2008": the
                # country the sentence before was about, before the last deal's or the article's.
                near = [referred, *(b for b in near if b[0] != referred[0])]
            section = _heading(headings, sentence, countries)
            # "OTHERS": a heading of no country ends the last section's buyer
            ended = section is not None and section[1] is None and (last_deal is None or section[0].start() > last_deal.start)
            if section is not None and section[1] is not None:
                headed = (section[1].value["code"], section[1].value["name"])
                near = [headed, *(b for b in near if b[0] != headed[0])]
            elif ended:
                near = []
            in_sentence = _deals_named(text, sentence, named, mentions, doc, status, cue, near)
            # "Turkey bought four batteries in 2017, a decision that cost it its place in the
            # F-35 programme": a clause about the system the paragraph is on, by reference only.
            in_sentence += _referred_clause_deals(text, sentence, named, mentions, doc, systems, found)
            in_sentence = _gapped_stages(text, in_sentence)
            # "operates the S-400 alongside its Patriot batteries": no deal for the system named in passing
            in_sentence = [d for d in in_sentence if not any(s.words_start == d.words_start and _beside_another(doc, s) for s in named)]
            # "Six Y-20 transport aircraft landed in Belgrade, carrying the FK-3": the carrier, not the goods
            in_sentence = [d for d in in_sentence if not any(s.words_start == d.words_start and _carrier(doc, s, named) for s in named)]
            # a seller of the article as a rival system's buyer, dropped before a later sentence takes it
            # for its buyer too (see _without_rival_sellers)
            sellers = _sellers(found + in_sentence, marked, buyers)
            in_sentence = [d for d in in_sentence if not _seller_as_buyer(d, systems, countries, doc, sellers)]
            if not in_sentence and cue and len({s.value["name"] for s in named}) == 1 and (
                    _UNNAMED_BUYERS.search(words) or _UNNAMED_BUYER.search(words)):
                # "a contract … had been signed with a partner in Asia": a buyer a later sentence may name
                unnamed = (sentence, named[0], status, cue)
            if not in_sentence and last_deal is not None and cue and not ended and not is_question(words) and any(
                s.value["name"] == last_deal.value["system_name"] for s in named
            ) and not _other_recipient(text, sentence, mentions, last_deal, doc) and not _in_service_at_home(
                text, sentence, mentions, last_deal.value["supplier"]):
                # "Russia delivered the first S-400 regiment in December": no buyer named, the article's.
                in_sentence = [_carried(text, sentence, last_deal, status, cue)]
        elif not named and cue and (programme := _programme_deal(text, sentence, systems, found, cue)) is not None and (
                here := [m for m in mentions if m.value["code"] != programme.value["supplier"]
                         and not other_role(text, m, sentence, doc)] or (
                    [] if not programme.value["recipient"] else [None])):
            # "…cost Ankara its role in the F-35 programme. Washington expelled Turkey from the
            # programme in 2019": the system the programme was named by, for the country put out.
            in_sentence = [_carried(text, sentence, programme, status, cue, *([m] if m is not None else [])) for m in here[:1]]
        elif not named and (cue or TRANSFER.search(words)) and (
                _THE_SYSTEMS.search(words) or _IT.search(words) or _bare_interest(text, sentence, mentions, doc)) and (
                recent := _paragraph_system(text, sentence, systems, doc)) is not None and (
                here := [m for m in _buyers_here(text, sentence, mentions, recent, doc) if not _speakers_nationality(text, m, sentence, cue)]):
            # "Russia's Pantsir-S1 sells widely. Syria, Iraq and Algeria operate the system";
            # "Slovenia ordered it in 2023": the system the paragraph last named, for each buyer
            # the sentence names, before the article's topic or the last deal drafted elsewhere.
            # Each buyer in a clause of its own takes that clause's stage ("Hungary bought it,
            # and Qatar has been in talks since 2019").
            cues = status_candidates(text, sentence, doc) if len(here) > 1 else []
            in_sentence = [_carried(text, sentence, deal, status, cue) for deal in _recipients_deals(words, here, found)]
            for buyer in here if not in_sentence else ():
                # a buyer whose clause states no stage while others do: reported ("Iraq urged the
                # government to buy it, while Indonesia dropped its plans")
                own = next(((name, said) for name, said, at in sorted(cues, key=lambda c: abs(c[2] - buyer.words_start))
                            if _same_clause(text, at, buyer.words_start)),
                           ("reported", "") if cues else (status, cue))
                others_system = [d for d in found if d.kind == Kind.DEAL and d.value["system_name"] == recent.value["system_name"]]
                mine = None if _ALSO.search(words) else next(
                    (_buyers_only_deal(found, buyer, d) for d in others_system[-1:]), None)
                # the buyer's one deal, when the paragraph's system went to another buyer (see _buyers_only_deal)
                in_sentence.append(_carried(text, sentence, mine, *own, buyer) if mine is not None
                                   else _carried(text, sentence, recent, *own, buyer))
        elif last_deal is None and cue and _THE_SYSTEMS.search(words) and (topic := _topic_deal(text, sentence, systems, mentions, doc)):
            # "Algeria has become a reliable operator of the system", before any deal is drafted:
            # the system the article is about, for the country the sentence names.
            in_sentence = [_carried(text, sentence, topic, status, cue)]
        elif (last_deal is not None and (cue or TRANSFER.search(words) or coming is not None)
              and (_THE_SYSTEMS.search(words) or coming is not None or _part_of_whole(doc, sentence))
              and not _UNNAMED_BUYER.search(words)):
            # "The missiles were handed over in July": the cue carries to the last deal mentioned;
            # "Moscow has since sold the system to Egypt and Algeria": to the buyers the sentence marks;
            # "Moscow has promised the remaining two": to the last deal of the seller it names;
            # "The remaining regiment will follow next year", "has received three of its five": the
            # rest or a part of the last deal's units, named by neither system nor kind.
            if coming is not None and (counting := _deal_counting(found, quantities, _subject_up(coming))) is not None:
                last_deal = counting  # "Egypt ordered three regiments. … The remaining regiment will follow"
            elif (sellers_deal := _last_deal_of_seller(text, sentence, mentions, found, doc)) is not None:
                last_deal = sellers_deal
            elif _other_seller(text, sentence, mentions, last_deal, doc):
                # "Serbia has also signed for French Mistral 3 missiles, and Paris is due to deliver
                # them": goods of another seller than the last deal's, which the base may not name
                skipped, last_deal = last_deal, None
            elif (named_since := _named_since(systems, last_deal, sentence)) is not None:
                # "The war in Syria showed the value of the Pantsir, the envoy said. Egypt is
                # considering buying the system": the system named since the last deal.
                last_deal = named_since
            if last_deal is None:
                pass
            elif (salient := _salient_system(text, sentence, systems, doc)) is not None and (
                    salient.value["name"] != last_deal.value["system_name"]) and (
                    not _fits(text, words, last_deal, systems) or _named_in_passing(text, last_deal, systems, doc)):
                # "…over its acquisition of Su-35 fighter jets. Russia later sold the system to
                # Turkey": not the jets named in passing, the system the article is about.
                last_deal = next((d for d in reversed(found) if d.kind == Kind.DEAL and d.value["system_name"] == salient.value["name"]),
                                 None) or _system_deal(salient) or last_deal
            others = [] if last_deal is None else _marked_recipients(text, sentence, mentions, last_deal, doc) or [
                # "the missiles could arrive in Egypt": a buyer the sentence names, unmarked, other than the deal's
                m for m in mentions[:1] if m.value["code"] not in (last_deal.value["supplier"], last_deal.value["recipient"])
                and not other_role(text, m, sentence, doc) and not supplier_marked(text, m, sentence, doc)
                and not _speakers_nationality(text, m, sentence, cue)
            ]
            headed = _heading(headings, sentence, countries) if last_deal is not None and not others else None
            if headed is not None and headed[0].start() > last_deal.start:
                # "EGYPT … ALGERIA / Took delivery of two regiments in 2021": a factbox's section is
                # its heading's country's, and a heading of no country ("OTHERS") ends the last one's
                in_sentence = [_carried(text, sentence, last_deal, status, cue, headed[1])] if headed[1] is not None else []
            elif last_deal is None:
                pass
            elif others and (theirs := _recipients_deals(words, others, found)):
                # "The deal survived American warnings, and India has paid for the contract": a
                # deal's buyer named with the deal only as "the deal", "the contract" is that
                # buyer's deal, not the last one's system sold to it.
                in_sentence = [_carried(text, sentence, deal, status, cue) for deal in theirs]
            elif len(others) == 1 and (own := _buyers_only_deal(found, others[0], last_deal)) is not None and not _ALSO.search(words):
                # "Egypt ordered two S-400 regiments. Russia shipped Tor-M2 systems to Serbia. Egypt's
                # ministry said the first regiment was expected next year": the one deal the article
                # gave that buyer, not the last deal, another buyer's
                in_sentence = [_carried(text, sentence, own, status, cue, others[0])]
            elif others:
                # each buyer at its own clause's stage: "Beijing received the last regiment in
                # 2020, while Ankara took delivery of four batteries in 2019"
                cues = status_candidates(text, sentence, doc) if len(others) > 1 else []
                in_sentence = [_carried(text, sentence, last_deal, *next(
                    ((name, said) for name, said, at in sorted(cues, key=lambda c: abs(c[2] - recipient.words_start))
                     if _same_clause(text, at, recipient.words_start)), (status, cue)), recipient)
                    for recipient in others]
            elif last_deal.value["recipient"] and (cue or _DELIVERY_CUE.search(words) or coming is not None):
                in_sentence = [_carried(text, sentence, last_deal, status, cue)]
        elif named and mentions:
            # A system named with a country but no word of a deal ("Iran showed its Russian S-300
            # on parade"): nothing to draft, but what "the systems" in the next sentence refers to.
            latent = _deals_named(text, sentence, named, mentions, doc, status, cue)
            last_deal = latent[-1] if latent else last_deal
        if not named or len({s.value["name"] for s in named}) == 1 and any(d.kind == Kind.DEAL for d in in_sentence):
            # "Algeria, Belarus and Vietnam already field it", "Other operators are Belarus and
            # Algeria": buyers the parse gives a role, of the system the paragraph or article is on;
            # in a sentence naming one system, of its deal ("The S-400 is in service with China,
            # while Qatar is among its prospective buyers")
            in_sentence = [*in_sentence, *_implied_deals(text, sentence, systems, mentions, doc,
                                                         [d for d in in_sentence if d.kind == Kind.DEAL], status, cue)]
        if is_question(words) and in_sentence:
            # "Will Saudi Arabia buy the S-400?": a question states no deal, but is what the
            # answer after it refers to ("Riyadh has held talks on it"); only the buyers it takes
            # as known are drafted, at the stage it asks of others ("besides China")
            last_deal = next((d for d in reversed(in_sentence) if d.kind == Kind.DEAL), last_deal)
            known = {m.value["code"] for m in mentions if _presupposed(doc, m)}
            stage = next(iter(_status_candidates(text, sentence, doc, stated=True)), None) if known else None
            found.extend(_restaged(d, *stage[:2]) for d in in_sentence
                         if d.kind == Kind.DEAL and d.value["recipient"] in known and stage is not None)
            continue
        # buyers in relative clauses of their own, each at its clause's stage
        in_sentence, relatives = _relative_stages(text, sentence, in_sentence, mentions, named, doc)
        last_deal = skipped if skipped is not None else last_deal
        # A cue carried to the deal already drafted that says nothing new ("Russia will deliver
        # the remaining regiments next year": reported) drafts no second deal, only its delivery.
        # (a deal only latent so far, "Iran showed its S-300 on parade", is drafted: nothing said it yet)
        found.extend(d for d in in_sentence if not (d.value["status"] == "reported" and _same_deal(d, last_deal)
                                                    and any(_same_deal(d, f) for f in found if f.kind == Kind.DEAL)
                                                    and not any(s.words_start == d.words_start for s in named)))
        if in_sentence:
            last_deal = in_sentence[-1]
            handed = (_relative_deliveries(text, sentence, in_sentence, relatives, dates, quantities, doc, status) if relatives
                      else _deliveries_by_system(text, sentence, in_sentence, dates, quantities, doc, status))
            _part_delivered(text, sentence, in_sentence, handed, quantities)
            found.extend(handed)
    return _without_body_repeats(text, dates, _without_headline_repeats(text, _without_rival_sellers(found, systems, countries, doc, buyers, marked)))


def _relative_spans(text, sentence, mentions, named, doc) -> dict[str, tuple[Finding, int, int, str, str, bool]]:
    """Buyers each with a relative clause of their own that states a stage of the goods the
    sentence is about, naming no system itself: "…after China, which took delivery in 2018, and
    Turkey, which received its batteries in 2019". By code: the mention, the clause's stretch,
    its stage (the most telling cue inside it) and whether the buyer is a party of the main
    clause too ("India, which ordered five regiments, will receive the first")."""
    if doc is None:
        return {}
    candidates = status_candidates(text, sentence, doc)
    spans = {}
    for mention in mentions:
        if other_role(text, mention, sentence, doc) or (token := _root(doc, mention.words_start, mention.words_end)) is None:
            continue
        main = _main_clause_party(token)
        for clause in (c for c in token.children if c.dep_ == "relcl"):
            start = clause.left_edge.idx
            end = clause.right_edge.idx + len(clause.right_edge)
            if any(start <= s.words_start < end for s in named):
                continue  # "Qatar, which showed interest in the S-400": that system's own stage (sentence_status)
            if (stage := next(((name, cue) for name, cue, at in candidates if start <= at < end), None)) is not None:
                spans.setdefault(mention.value["code"], (mention, start, end, *stage, main))
    return spans


def _main_clause_party(token) -> bool:
    """The country is a party of the sentence's main clause (its subject or object, or the one goods
    go "to"), not one named beside the party for comparison ("the third buyer after China"), nor
    the party of a clause of its own ("came to Greece after Cyprus, which had ordered it, was
    pressed not to deploy it": Cyprus's stage is its relative clause's)."""
    first = _first_conjunct(token)
    if first.dep_ in ("nsubj", "nsubjpass", "dobj", "iobj", "attr"):
        verb = first.head
    elif first.dep_ == "pobj" and first.head.lower_ in (*_BUYERS_PREPOSITIONS, "from"):
        verb = first.head.head
    else:
        return False
    # the main clause, or what a speaker says ("…will receive the first, officials say")
    return verb.dep_ in ("ROOT", "ccomp", "parataxis", "conj")


def _relative_stages(text, sentence, deals, mentions, named, doc) -> tuple[list[Finding], dict]:
    """Each buyer with a relative clause of its own (``_relative_spans``) at that clause's stage,
    drafted when the sentence's other path missed it; the other buyers at the stage the sentence
    states outside those clauses ("India will be the third buyer after China, which took
    delivery in 2018": India's is the main clause's, not China's hand-over)."""
    drafted = [d for d in deals if d.kind == Kind.DEAL]
    if not drafted or len({d.value["system_name"] for d in drafted}) > 1 or not any(
            t.dep_ == "relcl" for t in _tokens(doc, sentence.start, sentence.end)):
        return deals, {}
    spans = _relative_spans(text, sentence, mentions, named, doc)
    if not spans:
        return deals, {}
    inside = [(own[1], own[2]) for own in spans.values()]
    outside = [(name, cue) for name, cue, at in status_candidates(text, sentence, doc)
               if not any(start <= at < end for start, end in inside)]
    result = []
    for deal in deals:
        if deal.kind != Kind.DEAL:
            result.append(deal)
        elif (own := spans.get(deal.value["recipient"])) is not None:
            at = text.find(deal.value["cue"], sentence.start, sentence.end) if deal.value["cue"] else -1
            # a party of the main clause too: the further on of its own clause's stage and the main
            # clause's ("Turkey, which bought it in 2017, took its first batteries in 2019")
            main = own[5] and at >= 0 and not any(start <= at < end for start, end in inside) and (
                _ADVANCE.get(deal.value["status"], -1) > _ADVANCE.get(own[3], 99))
            result.append(deal if main else _restaged(deal, own[3], own[4]))
        else:
            at = text.find(deal.value["cue"], sentence.start, sentence.end) if deal.value["cue"] else -1
            moved = at >= 0 and any(start <= at < end for start, end in inside)
            restaged = _restaged(deal, *(outside[0] if outside else ("reported", ""))) if moved else deal
            if not any(_deal_key(d) == _deal_key(restaged) and d.value["status"] == restaged.value["status"]
                       for d in result if d.kind == Kind.DEAL):
                result.append(restaged)  # (once: the clause's other deal may be at that stage already)
    codes = {d.value["recipient"] for d in drafted}
    for code, (mention, _start, _end, name, cue, _main) in spans.items():
        if code not in codes and code != drafted[0].value["supplier"]:
            result.append(_carried(text, sentence, drafted[0], name, cue, mention))
    return result, spans


# How far on a deal is, for a buyer with two clauses of its own.
_ADVANCE = {"reported": 0, "offered": 1, "negotiating": 2, "signed": 3, "delivering": 4, "delivered": 5}


def _restaged(deal: Finding, status: str, cue: str) -> Finding:
    """The deal at another stage, where it was found."""
    return Finding(Kind.DEAL, deal.start, deal.end, deal.words_start, deal.words_end,
                   {**deal.value, "status": status, "cue": cue, "hedged": hedged_cue(status, cue)})


def _relative_deliveries(text, sentence, deals, spans, dates, quantities, doc, status) -> list[Finding]:
    """The hand-overs of a sentence with buyers' relative clauses: each such buyer's by its
    clause's own words, dates and counts; the others' by the words outside those clauses."""
    found = []
    inside = [(own[1], own[2]) for own in spans.values()]
    done = set()
    for deal in (d for d in deals if d.kind == Kind.DEAL):
        if _deal_key(deal) in done:
            continue  # one hand-over per deal
        done.add(_deal_key(deal))
        own = spans.get(deal.value["recipient"])

        def mine(at, own=own):
            # its own clause's words; a party of the main clause, those outside every buyer's clause too
            return own is not None and own[1] <= at < own[2] or (own is None or own[5]) and not any(a <= at < b for a, b in inside)

        cue = min((m for m in _DELIVERY_CUE.finditer(text, sentence.start, sentence.end) if mine(m.start())),
                  key=lambda m: (not (own is not None and own[1] <= m.start() < own[2]), m.start()), default=None)
        if cue is None:
            continue
        here = [d for d in dates if sentence.start <= d.words_start < sentence.end and mine(d.words_start)]
        counts = [q for q in quantities if sentence.start <= q.words_start < sentence.end and mine(q.words_start)]
        handed = _deliveries(text, sentence, [deal], here, counts, doc, deal.value["status"] if own is not None else status,
                             only=(cue.start(), cue.end()))
        # (a hand-over another buyer's clause tells is not this buyer's: "China, which received it
        # in 2018, and India, which is still waiting for the last regiments")
        # (nor is a hand-over made that of a buyer whose stage falls short of one: "it has been
        # exported to China, which received it in 2018, and Belarus says it wants it")
        found += [d for d in handed if mine(d.words_start)
                  and (d.value["planned"] or deal.value["status"] in ("delivering", "delivered"))]
    return found


def _without_headline_repeats(text: str, found: list[Finding]) -> list[Finding]:
    """The drafts, less a hand-over the headline states ("India receives first S-400 regiment")
    when the body states it too (the same deal, a count that agrees, done alike): one hand-over,
    drafted once, from the body that dates it, not a second, undated delivery beside it."""
    first = next(iter(paragraphs(text)), None)
    if first is None or not is_headline(text[first.start : first.end]):
        return found
    body = [f for f in found if f.kind == Kind.DELIVERY and f.start >= first.end]
    return [f for f in found if not (f.kind == Kind.DELIVERY and f.end <= first.end
                                     and any(_told_again(f.value, told.value) for told in body))]


# Words that tell one batch from another: "the second batch", "two more", "the remaining two";
# lower case, or capitalised before a word in lower case ("Another two arrived"), not a name's
# ("New Delhi", "NEW DELHI").
_BATCH_WORDS = re.compile(r"\b(?:(?:first|second|third|fourth|fifth|sixth|initial|last|final|latest|next|new|remaining|rest|more|"
                          r"another|additional|further|other|earlier|previous)\b"
                          r"|(?:First|Second|Third|Initial|Last|Final|Latest|Next|New|Remaining|More|Another|Additional|Further|"
                          r"Other|Earlier|Previous)\b(?=\s+[a-z0-9]))")


def _batch_words(text: str, delivery: Finding, dates) -> set[str]:
    """The batch words of the delivery's own clause ("the second batch arrived in July"), not
    those of a date ("last week", "the first half of 2020")."""
    return {m.group().lower() for m in _BATCH_WORDS.finditer(text, delivery.start, delivery.end)
            if _same_clause(text, m.start(), delivery.words_start)
            and not any(d.words_start <= m.start() < d.words_end for d in dates)}


def _within(a: dict, b: dict) -> bool:
    return a["earliest"] >= b["earliest"] and a["latest"] <= b["latest"]


def _same_hand_over(text: str, dates, one: Finding, other: Finding) -> bool:
    """Two actual hand-overs of the body, in sentences of their own, are one told twice ("Russia
    delivered two S-400 batteries to Belarus last week" and "“The two batteries arrived last
    week,” the minister said"): the same deal, a count or a date given by both and agreeing, none
    that disagrees (a date within the other's is the same: "in 2019", "in July 2019"), and the
    same batch words (not "the first batch", "the second batch")."""
    a, b = one.value, other.value
    if a["deal"] != b["deal"] or a["planned"] or b["planned"] or one.start == other.start:
        return False
    agree = False
    if a["quantity"] is not None and b["quantity"] is not None:
        if (a["quantity"], a["unit"]) != (b["quantity"], b["unit"]):
            return False
        agree = True
    if a["date"] is not None and b["date"] is not None:
        if not (_within(a["date"], b["date"]) or _within(b["date"], a["date"])):
            return False
        agree = True
    return agree and _batch_words(text, one, dates) == _batch_words(text, other, dates)


def _detail(delivery: Finding) -> tuple:
    """What a telling gives (a count, its unit, a date), then how narrow its date is."""
    value = delivery.value
    days = ((datetime.date.fromisoformat(value["date"]["latest"]) - datetime.date.fromisoformat(value["date"]["earliest"])).days
            if value["date"] else 100_000)
    return sum(value[key] is not None for key in ("quantity", "unit", "date")), -days


def _without_body_repeats(text: str, dates, found: list[Finding]) -> list[Finding]:
    """The drafts, less a hand-over the body tells a second time (``_same_hand_over``): the
    telling with the most detail kept (a count and a date over a date alone), else the first."""
    deliveries = [f for f in found if f.kind == Kind.DELIVERY]
    dropped = set()
    for i, one in enumerate(deliveries):
        if id(one) in dropped:
            continue
        for other in deliveries[i + 1:]:
            if id(other) in dropped or not _same_hand_over(text, dates, one, other):
                continue
            if _detail(other) > _detail(one):
                dropped.add(id(one))
                break
            dropped.add(id(other))
    return [f for f in found if id(f) not in dropped] if dropped else found


def _told_again(headline: dict, body: dict) -> bool:
    """The body's hand-over is the headline's: same deal, both done or both planned, a count and
    unit the headline gives agreeing, and no date the body lacks."""
    return (headline["deal"] == body["deal"] and headline["planned"] == body["planned"]
            and all(headline[key] is None or headline[key] == body[key] for key in ("quantity", "unit"))
            and (headline["date"] is None or body["date"] is not None))


def _without_rival_sellers(found, systems, countries, doc, buyers, marked) -> list[Finding]:
    """The drafts, less the deals whose buyer is a state the article has selling (the supplier of
    another deal drafted, or a country a sentence marks as seller) when the sentence names it
    beside the system without the parse making it the buyer: "The U.S., which offered the
    Patriot, has warned Ankara over the S-400" is no S-400 for the United States; "the Russian
    batteries could arrive" no Korean system for Russia. Not the article's own buyer, which may
    offer something too ("Ankara offered to store the batteries"). Their hand-overs go with them."""
    sellers = _sellers(found, marked, buyers)
    dropped = {_deal_key(deal) for deal in found if deal.kind == Kind.DEAL and _seller_as_buyer(deal, systems, countries, doc, sellers)}
    return [f for f in found if _deal_key(f) not in dropped] if dropped else found


def _sellers(found, marked, buyers) -> set[str]:
    """The suppliers of the deals drafted and the countries marked as sellers, less the article's buyer."""
    suppliers = {d.value["supplier"] for d in found if d.kind == Kind.DEAL and d.value["recipient"]}
    return (suppliers | marked) - {code for code, _name in buyers[:1]}


def _seller_as_buyer(deal: Finding, systems, countries, doc, sellers) -> bool:
    """The deal's buyer is one of the sellers, named in its sentence but not the buyer by the parse."""
    value = deal.value
    if value["recipient"] not in sellers or value["recipient"] == value["supplier"]:
        return False
    # (a deal carried to a sentence that does not name the system: the words of its cue stand for it)
    system = next((s for s in systems if s.words_start == deal.words_start and s.value["name"] == value["system_name"]),
                  Finding(Kind.SYSTEM, deal.words_start, deal.words_end, deal.words_start, deal.words_end, {}))
    own = [m for m in countries if deal.start <= m.words_start < deal.end and m.value["code"] == value["recipient"]]
    return bool(own) and not any(syntactic_buyer(doc, m, system) or _called_a_holder(doc, m) for m in own)


# Ordinals that stand for "the first customer" when a list of buyers is counted off.
_LIST_ORDINALS = {"first", "second", "third", "fourth", "fifth", "latest", "newest", "last"}


def _called_a_holder(doc, mention: Finding) -> bool:
    """The country is the subject of "was the first", "is the newest operator": a holder of the
    goods counted off in a list of buyers, whatever else the article has it selling ("China was
    the first, and its regiments were delivered in 2018" beside "China's HQ-9B"). Not "the first
    to offer a rival", whose ordinal heads a clause of its own."""
    token = _root(doc, mention.words_start, mention.words_end) if doc is not None else None
    if token is None or token.dep_ != "nsubj" or _lemma(token.head) not in ("be", "become"):
        return False
    for attr in (c for c in token.head.children if c.dep_ == "attr"):
        if _holder_stage(attr) is not None:
            return True
        if attr.lower_ in _LIST_ORDINALS and not any(c.dep_ not in ("det", "punct") for c in attr.children):
            return True
    return False


def _deal_key(finding: Finding) -> tuple:
    """A deal or hand-over by its sentence and its deal: (start, supplier, recipient, system name)."""
    value = finding.value.get("deal", finding.value) if finding.kind in (Kind.DEAL, Kind.DELIVERY) else {}
    return (finding.start, value.get("supplier"), value.get("recipient"), value.get("system_name", value.get("system")))


def _named_maker(system: Finding) -> str:
    """The maker the adjective before an unknown system names ("the Chinese HQ-9"), unless the
    system is of a family another country makes: "the Egyptian Su-35 order" names the buyer."""
    named, family = system.value.get("maker_named") or "", system.value.get("maker_family") or ""
    return named if not family or family == named else ""


def _with_article_sellers(text, countries, systems, sentence_spans, doc) -> list[Finding]:
    """The systems, those whose maker neither the base nor a family names given the seller the
    article marks for them in one sentence ("Norway's Kongsberg has completed deliveries of
    NASAMS …"), for the sentences that name it without one ("NASAMS users", "sold the system
    to Finland"). Kept apart from the sentence's own seller, which comes first."""
    learned = {}
    for system in systems:
        value = system.value
        if value["maker_country"] or value.get("maker_named") or value.get("maker_family") or value["name"] in learned:
            continue
        sentence = sentence_at(sentence_spans, system.words_start)
        if sentence is None:
            continue
        sellers = [m for m in countries if sentence.start <= m.words_start < sentence.end
                   and not other_role(text, m, sentence, doc) and supplier_marked(text, m, sentence, doc, system)
                   and _in_clause_of(doc, m, system)]
        if sellers:
            learned[value["name"]] = min(sellers, key=lambda m: abs(m.words_start - system.words_start)).value["code"]
    if not learned:
        return systems
    return [Finding(s.kind, s.start, s.end, s.words_start, s.words_end, {**s.value, "maker_article": learned[s.value["name"]]})
            if s.value["name"] in learned and not (s.value["maker_country"] or s.value.get("maker_named") or s.value.get("maker_family"))
            else s for s in systems]


# A name the article gives the goods just after naming them: "five S-400 regiments, known locally
# as Sudarshan Chakra", "the Tor-M2 batteries, dubbed Desert Shield", "the Cheongung, also sold
# abroad as the KM-SAM".
_ALIAS_GIVEN = re.compile(
    r"[^.;,]{0,40}?,\s+(?:(?:also|locally|widely|now|better)\s+)?(?:(?:known|referred to|sold|marketed|exported)\s+"
    r"(?:(?:locally|there|at home|abroad|for export|in [A-Z]\w+)\s+)?as|dubbed|nicknamed|renamed|christened)\s+(?:the\s+)?[\"“']?"
    r"(?P<alias>(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*){0,3})"
)


# A system named, between commas, as what the goods are a version of: "the Antey-2500, an export
# version of the S-300VM, …", "The system, the export version of the HQ-22, arrived …", or at the
# sentence's end: "Oman has the FD-2000, the export version of the HQ-9."
_VERSION_OF_BEFORE = re.compile(r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:version|variant|derivative|modification|development|"
                                r"copy|clone|adaptation)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_VERSION_OF_AFTER = re.compile(r"(?:\s+(?:air[- ]defen[cs]e\s+)?(?:systems?|missiles?|complex(?:es)?))?\s*(?:[,.;:)—–]|$)", re.IGNORECASE)


def _origin_named(text, system: Finding) -> bool:
    """The system is only named as what other goods are a version of (``_VERSION_OF_BEFORE``)."""
    return bool(_VERSION_OF_BEFORE.search(text, max(0, system.words_start - 80), system.words_start)
                and _VERSION_OF_AFTER.match(text, system.words_end))


def _with_aliases(text, systems, sentence_spans) -> list[Finding]:
    """The systems, with the name an article gave one of them (``_ALIAS_GIVEN``) taken for that
    system wherever it comes after, also when the base knows it as a system of its own: the goods
    are followed under their first name."""
    renamed = {}
    for system in systems:
        given = _ALIAS_GIVEN.match(text, system.words_end)
        if given is None or system.words_start in renamed or any(
                system.words_end <= s.words_start < given.start("alias") for s in systems):
            continue
        alias, at = given.group("alias"), given.start("alias")
        known = {s.value["name"] for s in systems if at <= s.words_start < given.end("alias")}
        for later in systems:
            if later.words_start >= at and later.value["name"] in known and later.value["name"] != system.value["name"]:
                renamed[later.words_start] = Finding(later.kind, later.start, later.end, later.words_start, later.words_end,
                                                     {**system.value, "alias": text[later.words_start : later.words_end]})
        for later in re.finditer(rf"\b{re.escape(alias)}\b", text[at:]):
            begin = at + later.start()
            sentence = sentence_at(sentence_spans, begin)
            if sentence is not None and begin not in renamed and not any(s.words_start <= begin < s.words_end for s in systems):
                renamed[begin] = Finding(system.kind, sentence.start, sentence.end, begin, begin + len(alias),
                                         {**system.value, "alias": alias})
    if not renamed:
        return systems
    kept = [renamed.get(s.words_start, s) for s in systems]
    return sorted(kept + [f for at, f in renamed.items() if not any(s.words_start == at for s in systems)],
                  key=lambda s: s.words_start)


def _referred_clause_deals(text, sentence, named, mentions, doc, systems, found) -> list[Finding]:
    """Deals of a clause that names no system but refers to one ("four batteries", "them", "the
    system") in a sentence whose named systems are in other clauses: the system the reference
    means (``_salient_system``), for the country the clause has as subject, at the clause's own stage."""
    if doc is None or not mentions:
        return []
    salient = _salient_system(text, sentence, systems, doc)
    if salient is None or any(s.value["name"] == salient.value["name"] for s in named):
        return []
    deal = next((d for d in reversed(found) if d.kind == Kind.DEAL and d.value["system_name"] == salient.value["name"]), None)
    deal = deal or _system_deal(salient)
    if deal is None:
        return []
    named_clauses = {_main_clause(t).i for s in named if (t := _root(doc, s.words_start, s.words_end)) is not None}
    words = text[sentence.start : sentence.end]
    drafted, seen = [], set()
    for reference in _THE_SYSTEMS.finditer(words):
        token = _root(doc, sentence.start + reference.start(), sentence.start + reference.end())
        if token is None or (clause := _main_clause(token)).i in named_clauses or clause.i in seen:
            continue
        if _on_a_named_system(clause, named):
            continue  # "the Pantsir-S1, of which Cairo bought about 40 units": the units are the Pantsir's
        seen.add(clause.i)
        cues = [(name, said) for name, said, at in status_candidates(text, sentence, doc)
                if (t := _root(doc, at, at + len(said))) is not None and _main_clause(t).i == clause.i]
        if not cues:
            continue
        for mention in mentions:
            subject = _root(doc, mention.words_start, mention.words_end)
            if (subject is None or subject.dep_ not in ("nsubj", "nsubjpass") or _main_clause(subject).i != clause.i
                    or mention.value["code"] == deal.value["supplier"] or other_role(text, mention, sentence, doc)
                    or supplier_marked(text, mention, sentence, doc)):
                continue
            drafted.append(_carried(text, sentence, deal, *cues[0], mention))
    return drafted


def _on_a_named_system(clause, named) -> bool:
    """The clause is a relative clause on a phrase that names one of the sentence's systems ("the
    Pantsir-S1, of which Cairo bought about 40 units", "the Pantsir-S1 family, which Egypt bought
    in batches"): what it refers to is that system, not the one the paragraph is on."""
    if clause.dep_ != "relcl":
        return False
    antecedent = clause.head
    return any(antecedent.left_edge.idx <= s.words_start <= antecedent.right_edge.idx for s in named
               if not clause.left_edge.idx <= s.words_start <= clause.right_edge.idx)


_PRONOUN_SUBJECT = re.compile(r"\s*(?:It|Its|The country|The kingdom|The republic)\b(?!\s+(?:is|was) (?:not |also )?(?:clear|likely|unclear|said|reported|understood)\b)")


def _pronoun_buyer(text, sentence, countries, sentence_spans, doc) -> tuple[str, str] | None:
    """The country "It" at the head of a sentence means: the first named, in no other role, in
    the sentence before in the same paragraph ("Algeria remains the most loyal. It received…")."""
    if not _PRONOUN_SUBJECT.match(text, sentence.start):
        return None
    before = [s for s in sentence_spans if s.end <= sentence.start]
    if not before or "\n" in text[before[-1].end : sentence.start]:
        return None
    previous = before[-1]
    mention = None
    if doc is not None and not re.match(r"\s*It", text[sentence.start : sentence.end]):
        # "Saudi Arabia has warned that it would act if Doha bought the system. The kingdom has
        # itself bought the THAAD": a noun that names a state takes up the sentence's subject,
        # whatever it did there
        mention = next((c for c in countries if previous.start <= c.words_start < previous.end
                        and (r := _root(doc, c.words_start, c.words_end)) is not None
                        and r.dep_ in ("nsubj", "nsubjpass") and r.head.dep_ == "ROOT"), None)
    mention = mention or next((c for c in countries if previous.start <= c.words_start < previous.end
                               and not other_role(text, c, previous, doc)), None)
    return (mention.value["code"], mention.value["name"]) if mention is not None else None


def _heading(headings: list[re.Match], sentence, countries) -> tuple[re.Match, Finding | None] | None:
    """The factbox heading in capitals (of the article's ``headings``) the sentence is under,
    with the country it names if any."""
    heading = next((h for h in reversed(headings) if h.end() <= sentence.start), None)
    if heading is None:
        return None
    return heading, next((c for c in countries if c.words_start == heading.start() and c.value["alias"].isupper()), None)


def _near_buyers(text, sentence, buyers, last_deal: Finding | None) -> list[tuple[str, str]]:
    """The buyer a sentence naming none means: that of the deal of the sentence before or the
    paragraph before ("Indonesia backed out of its Su-35 order…. The air force will buy Rafale
    jets instead"), else the article's."""
    if last_deal is None or text.count("\n\n", last_deal.end, sentence.start) > 1:
        return buyers
    code = last_deal.value["recipient"]
    return [(code, last_deal.value["recipient_name"]), *(b for b in buyers if b[0] != code)]


_DEAL_WORDS = re.compile(r"\b(?:the|this|its|their) (?:[\w$€₹.-]+ ){0,3}?(?:deal|contract|agreement|order|purchase)\b",
                        re.IGNORECASE)


def _recipients_deals(words: str, recipients, found) -> list[Finding]:
    """The deals already drafted of each buyer, when the sentence names the goods only as a
    deal ("the deal", "the contract"), with no word of their kind: one per buyer, or none when
    one of the buyers has none yet."""
    if not _DEAL_WORDS.search(words) or _reference_kind(words):
        return []
    theirs = []
    for recipient in recipients:
        deal = next((d for d in reversed(found) if d.kind == Kind.DEAL and d.value["recipient"] == recipient.value["code"]), None)
        if deal is None:
            return []
        if not any(_same_deal(deal, d) for d in theirs):
            theirs.append(deal)
    return theirs


def _part_delivered(text, sentence, deals, deliveries, quantities):
    """A hand-over of fewer units than the sentence counts in all ("five squadrons ordered; three
    have been handed over") is a part: the deal is delivering, not delivered. So is a bare count
    of fewer than the paragraph counted before ("…three regiments. Two were handed over")."""
    for delivery in deliveries:
        value = delivery.value
        if value["planned"] or not value["quantity"]:
            continue
        counts = [q.value for q in quantities if sentence.start <= q.words_start < sentence.end]
        if value.get("quantity_words", "").isdigit() or value.get("quantity_words", "").lower() in _NUMBER_WORDS:
            counts += [whole] if (whole := _counted_before(text, sentence, quantities)) is not None else []
        if re.match(r"(?:the|its|their)\s+(?:last|final)\b", value.get("quantity_words", ""), re.IGNORECASE):
            continue  # "the last of its 50 systems was handed over in 2013": the order complete
        if any(c["unit"] == value["unit"] and c["quantity"] > value["quantity"] for c in counts):
            for deal in deals:
                if deal.value["status"] == "delivered" and deal.value["system_name"] == value["deal"]["system"] and (
                        deal.value["recipient"] == value["deal"]["recipient"]):  # (another buyer's whole hand-over stays whole)
                    deal.value["status"] = "delivering"


def _other_seller(text, sentence, mentions, deal: Finding, doc) -> bool:
    """The sentence marks a seller other than the deal's, in no other role ("Paris is due to
    deliver them"), and names none of the deal's parties: its goods are that seller's."""
    if deal.value["supplier"] in {m.value["code"] for m in mentions}:
        return False
    return any(m.value["code"] != deal.value["supplier"] and supplier_marked(text, m, sentence, doc)
               and not other_role(text, m, sentence, doc) for m in mentions)


def _last_deal_of_seller(text, sentence, mentions, found, doc) -> Finding | None:
    """The last deal drafted of the country the sentence marks as seller, if it marks one."""
    sellers = {m.value["code"] for m in mentions if supplier_marked(text, m, sentence, doc)}
    return next((d for d in reversed(found) if d.kind == Kind.DEAL and d.value["supplier"] in sellers), None)


_THE_PROGRAMME = re.compile(r"\b(?:the|that|this|its) (?:[\w-]+ )?program(?:me)?\b", re.IGNORECASE)
_PROGRAMME_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?program(?:me)?\b", re.IGNORECASE)


def _programme_deal(text, sentence, systems, found, cue: str) -> Finding | None:
    """The deal of the system last named as a programme ("the F-35 programme") in the paragraph
    or the one before, when the sentence's cue is about "the programme" without naming one
    ("expelled Turkey from the programme")."""
    at = text.find(cue, sentence.start, sentence.end) if cue else -1
    if at < 0 or not _THE_PROGRAMME.search(text[at : min(sentence.end, at + len(cue) + 40)]):
        return None
    named = [s for s in systems if s.words_start < sentence.start and _PROGRAMME_AFTER.match(text, s.words_end)
             and text.count("\n\n", s.words_end, sentence.start) <= 1]
    if not named:
        return None
    system = named[-1]
    return next((d for d in reversed(found) if d.kind == Kind.DEAL and d.value["system_name"] == system.value["name"]),
                None) or _system_deal(system)


_IDENTIFYING = {"identify", "name", "confirm", "reveal", "describe", "list", "give"}
_BUYER_NOUNS = {"customer", "buyer", "client", "purchaser", "recipient"}


def _buyers_only_deal(found, buyer: Finding, last_deal: Finding) -> Finding | None:
    """The buyer's one deal drafted so far, when the last deal is another buyer's system that
    this buyer was never given."""
    code = buyer.value["code"]
    if last_deal.value["recipient"] in ("", code):
        return None
    theirs = [d for d in found if d.kind == Kind.DEAL and d.value["recipient"] == code]
    if len({d.value["system_name"] for d in theirs}) != 1 or theirs[0].value["system_name"] == last_deal.value["system_name"]:
        return None
    return theirs[-1]


def _identified_buyer(sentence, mentions, doc) -> Finding | None:
    """The country the sentence says is the buyer, by the parse: "confirmed that Hanoi was the
    customer", "The buyer is Vietnam" (not "Hanoi is a customer of Russian arms")."""
    if doc is None:
        return None
    def the_buyer(token, subject) -> bool:
        return token.i != subject.i and token.lemma_.lower() in _BUYER_NOUNS and any(
            d.dep_ == "det" and d.lower_ == "the" for d in token.children)

    def names_the_buyer(copula, subject) -> bool:
        # "…was the customer"; "The customer is understood to be Algeria": the raising verb's subject
        around = [*copula.children, *(copula.head.children if copula.dep_ == "xcomp" else ())]
        return copula.lemma_ == "be" and any(
            c.dep_ in ("nsubj", "nsubjpass", "attr") and the_buyer(c, subject) for c in around)

    for mention in mentions:
        token = _root(doc, mention.words_start, mention.words_end)
        if token is None:
            continue
        if token.dep_ in ("nsubj", "attr") and names_the_buyer(token.head, token):
            return mention
        # "The buyer was later identified as Algeria", "Sources named the customer as Algeria"
        if token.dep_ == "pobj" and token.head.lower_ == "as" and (verb := token.head.head).lemma_.lower() in _IDENTIFYING and any(
                c.dep_ in ("nsubjpass", "dobj") and the_buyer(c, token) for c in verb.children):
            return mention
        # "The Egyptian Air Force confirmed that it was the recipient": "it", the speaker, a
        # country's forces or ministry
        speaker = token.head if token.dep_ in ("amod", "compound", "poss") else token
        if speaker.dep_ == "nsubj" and any(
                c.dep_ == "ccomp" and any(s.dep_ == "nsubj" and s.lower_ in ("it", "they") and names_the_buyer(c, s) for s in c.children)
                for c in speaker.head.children):
            return mention
    return None


def _system_deal(system: Finding) -> Finding | None:
    """A reported deal of `system` with no recipient yet, when its maker is known or marked."""
    supplier = (system.value["maker_country"] or _named_maker(system) or system.value.get("maker_family")
                or system.value.get("maker_article"))
    if not supplier:
        return None
    return Finding(Kind.DEAL, system.start, system.end, system.words_start, system.words_end, {
        "supplier": supplier, "recipient": "", "recipient_name": "", "system": system.value["slug"],
        "system_name": system.value["name"], "status": "reported", "cue": "", "hedged": False,
    })


def _named_since(systems, deal: Finding, sentence) -> Finding | None:
    """A deal of the last system named after ``deal`` and before the sentence, when it is another
    system than the deal's and its maker is known; its recipient is left for the sentence to name."""
    since = [s for s in systems if deal.end <= s.words_start < sentence.start]
    if not since or since[-1].value["name"] == deal.value["system_name"]:
        return None
    system = since[-1]
    return _system_deal(system)


# The system named just before, by a pronoun or as what a buyer became a customer of.
_IT = re.compile(r"\b(?:it|its (?:first|second|third|launch|only|sole|foreign|export)\b)", re.IGNORECASE)


def _paragraph_system(text, sentence, systems, doc=None) -> Finding | None:
    """A deal (no recipient yet) of the system last named before the sentence in its own
    paragraph, when its maker is known or marked: what "it" or "the system" means there. Not
    a system of another kind than the words say ("the system" is no fighter jet), nor one named
    once in passing ("…has since bought the American THAAD instead. Iraq wants to buy it"):
    then the system the article is about."""
    before = [s for s in systems if s.words_start < sentence.start]
    if not before or "\n\n" in text[before[-1].words_end : sentence.start]:
        return None
    system = _salient_system(text, sentence, systems, doc)
    return _system_deal(system) if system is not None else None


_AIRCRAFT_NAME = re.compile(r"(?:Su-|MiG-|F-\d|J-\d|JF-|FC-\d|KF-|Rafale|Typhoon|Eurofighter|Mirage|Tejas|Gripen|Yak-|Il-\d|Tu-\d|"
                            r"Ka-\d|Mi-\d|AH-|UH-|C-130|P-8)")
_AIRCRAFT_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:fighters?|jets?|aircraft|planes?|bombers?|helicopters?|warplanes?)\b", re.IGNORECASE)
_AIR_DEFENCE_WORDS = re.compile(r"\b(?:systems?|missiles?|batter(?:y|ies)|battalions?|regiments?|divisions?|launchers?|complex(?:es)?)\b",
                                re.IGNORECASE)
_AIRCRAFT_WORDS = re.compile(r"\b(?:jets?|fighters?|aircraft|planes?|warplanes?|bombers?|helicopters?)\b", re.IGNORECASE)


def _aircraft(text, system: Finding) -> bool:
    name = system.value.get("name") or system.value.get("system_name", "")
    return bool(_AIRCRAFT_NAME.match(name) or _AIRCRAFT_AFTER.match(text, system.words_end))


def _reference_kind(words: str) -> str:
    """What the words that stand for a system say it is: "the jets" aircraft, "the system",
    "the batteries" air defence; "it", "the deal" nothing."""
    refs = " ".join(m.group() for m in _THE_SYSTEMS.finditer(words))
    if _AIRCRAFT_WORDS.search(refs):
        return "aircraft"
    return "air defence" if _AIR_DEFENCE_WORDS.search(refs) else ""


def _fits(text, words: str, deal: Finding, systems) -> bool:
    """The deal's system is of the kind the sentence's reference names."""
    kind = _reference_kind(words)
    mention = next((s for s in reversed(systems) if s.value["name"] == deal.value["system_name"] and s.words_start < deal.end), None)
    return not kind or mention is None or (kind == "aircraft") == _aircraft(text, mention)


def _named_in_passing(text, deal: Finding, systems, doc) -> bool:
    mention = next((s for s in reversed(systems) if s.value["name"] == deal.value["system_name"] and s.words_start < deal.end), None)
    return mention is not None and _in_passing(text, mention, systems, doc)


def _in_passing(text, system: Finding, systems, doc) -> bool:
    """Named once in the article and by the parse in a side role: in a clause of its own about
    something else ("a decision that cost it its place in the F-35 programme"), or as what was
    taken instead ("has since bought the American THAAD instead"). Not a system after a noun
    ("footage of the deployment of the Russian S-300"): that may well be what follows."""
    if sum(s.value["name"] == system.value["name"] for s in systems) == 1 and _rival(text, system):
        return True  # "chose the S-400 rather than the Patriot"
    if doc is None or sum(s.value["name"] == system.value["name"] for s in systems) > 1:
        return False
    token = _root(doc, system.words_start, system.words_end)
    if token is None:
        return False
    noun = _phrase_head(token)
    clause = _clause(noun)
    if any(c.dep_ == "advmod" and c.lower_ in ("instead", "rather") for c in clause.children):
        return True
    return clause.dep_ in ("relcl", "acl", "advcl") and clause.i != noun.i


def _salient_system(text, sentence, systems, doc) -> Finding | None:
    """The system a reference in the sentence means: the last one named before it of the kind
    the reference names, unless named once in passing, when the article's most named system of
    that kind (named at least twice before the sentence) is meant."""
    words = text[sentence.start : sentence.end]
    kind = _reference_kind(words)
    before = [s for s in systems if s.words_start < sentence.start and (not kind or (kind == "aircraft") == _aircraft(text, s))]
    if not before:
        return None
    last = before[-1]
    if _in_passing(text, last, systems, doc):
        counts = {}
        for s in before:
            counts[s.value["name"]] = counts.get(s.value["name"], 0) + 1
        topic = max(counts, key=lambda name: (counts[name], -min(s.words_start for s in before if s.value["name"] == name)))
        if counts[topic] >= 2 and topic != last.value["name"]:
            return next(s for s in reversed(before) if s.value["name"] == topic)
        # "…has supplied its Pantsir to five armies. … Hanoi ordered the SPYDER instead. Its
        # first battery arrived": the system named before the one taken instead.
        if (other := next((s for s in reversed(before) if s.value["name"] != last.value["name"]), None)) is not None:
            return other
    return last


# Talks or interest told without what they are about: "Qatar held talks in 2018", "Egypt has
# been reported as interested": about the system the paragraph is on.
_BARE_INTEREST = re.compile(
    r"\b(?:interested|(?:held|holds|hold|holding|opened|began|in) talks|negotiat(?:ed|ing|ions)|(?:showed|shown|expressed|voiced) interest)\b"
    r"(?!\s+(?:on|over|about|for|to)\b|\s+in\s+(?!(?:19|20)\d\d\b))", re.IGNORECASE)


def _bare_interest(text, sentence, mentions, doc) -> bool:
    """The sentence's subject is a country that holds talks or is interested, and it says in
    nothing what about."""
    match = _BARE_INTEREST.search(text, sentence.start, sentence.end)
    if match is None or doc is None:
        return False
    for mention in mentions:
        token = _root(doc, mention.words_start, mention.words_end)
        while token is not None and token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        if token is not None and token.dep_ in ("nsubj", "nsubjpass") and token.i < _tokens(doc, match.start(), match.end())[0].i:
            return True
    return False


def _buyers_here(text, sentence, mentions, deal: Finding, doc) -> list[Finding]:
    """Every country the sentence names as buyer of ``deal``'s system: not its seller, not in
    another role ("Syria, Iraq and Algeria operate it": the three), each once."""
    seen, buyers = {deal.value["supplier"]}, []
    for mention in mentions:
        code = mention.value["code"]
        if code in seen or other_role(text, mention, sentence, doc) or supplier_marked(text, mention, sentence, doc):
            continue
        seen.add(code)
        buyers.append(mention)
    return buyers


def _speakers_nationality(text, mention: Finding, sentence, cue: str) -> bool:
    """"The U.S. envoy in Cairo told reporters that any such contract…": a speaker's nationality,
    in a sentence that states no stage of a deal, is no buyer (not "Qatar's ambassador said
    talks were at an advanced stage")."""
    return not cue and bool(_SPEAKER_AFTER.match(text, mention.words_end, sentence.end))


def _same_deal(deal: Finding, other: Finding | None) -> bool:
    return other is not None and all(deal.value[key] == other.value[key] for key in ("supplier", "recipient", "system_name"))


def _topic_deal(text, sentence, systems, mentions, doc) -> Finding | None:
    """A deal of the system the article names most (of those whose maker the base knows) with the
    first country the sentence names in no other role and not as its maker."""
    counts = {}
    for system in systems:
        if system.value["maker_country"]:
            counts[system.value["name"]] = counts.get(system.value["name"], 0) + 1
    if not counts:
        return None
    name = max(counts, key=counts.get)
    system = next(s for s in systems if s.value["name"] == name)
    buyer = next((m for m in mentions if m.value["code"] != system.value["maker_country"]
                  and not other_role(text, m, sentence, doc) and not supplier_marked(text, m, sentence, doc)), None)
    if buyer is None:
        return None
    return Finding(Kind.DEAL, sentence.start, sentence.end, sentence.start, sentence.end, {
        "supplier": system.value["maker_country"], "recipient": buyer.value["code"], "recipient_name": buyer.value["name"],
        "system": system.value["slug"], "system_name": system.value["name"], "status": "reported", "cue": "", "hedged": False,
    })


def _in_service_at_home(text, sentence, mentions, supplier) -> bool:
    """"had entered service near Moscow": the system in service in its maker's own country."""
    return any(m.value["code"] == supplier and _HOME_SERVICE.search(text, sentence.start, m.words_start) for m in mentions)


_FIELDING = {"deploy", "station", "field", "activate", "commission", "operationalise", "operationalize", "induct"}


def _buyer_fielded(sentence, mentions, deal: Finding, doc) -> tuple[str, str] | None:
    """The deal's buyer put the goods to use, in the active voice ("Algeria has deployed them
    near the capital", "the Algerian military stationed the batteries near Oran"): they were
    handed over. Only the buyer as subject: "Russia deployed S-400s in Crimea" is its own."""
    if doc is None or not deal.value.get("recipient"):
        return None
    buyer_at = [m.words_start for m in mentions if m.value["code"] == deal.value["recipient"]]
    if not buyer_at:
        return None
    for token in _tokens(doc, sentence.start, sentence.end):
        if token.pos_ != "VERB" or token.lemma_.lower() not in _FIELDING or any(c.dep_ == "auxpass" for c in token.children):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None or not any(subject.left_edge.idx <= at <= subject.right_edge.idx for at in buyer_at):
            continue
        if _hedged(doc, token.idx, token.idx + len(token)) or _conditional(doc, token.idx, token.idx + len(token)):
            continue
        return "delivered", token.text
    return None


def _carried(text, sentence, deal: Finding, status: str, cue: str, recipient: Finding | None = None) -> Finding:
    value = {**deal.value, "status": status, "cue": cue, "hedged": hedged_cue(status, cue)}
    if recipient is not None:
        value |= {"recipient": recipient.value["code"], "recipient_name": recipient.value["name"]}
    return Finding(Kind.DEAL, sentence.start, sentence.end, *_anchor(text, sentence, cue), value)


def _article_buyers(text, countries, systems, sentence_spans, doc) -> list[tuple[str, str]]:
    """The countries the article is about as buyers, most likely first, as (code, name): those
    named most often, leaving out the makers of the systems it names and mentions in another
    role or as seller; a country the sentence marks as receiving counts double. The buyer of a deal whose
    sentence names none ("The Indian Air Force will receive…", "The Kingdom took delivery…")."""
    makers = {s.value["maker_country"] for s in systems} - {""}
    tally, names, first = {}, {}, {}
    for mention in countries:
        code = mention.value["code"]
        if code in makers:
            continue
        sentence = sentence_at(sentence_spans, mention.words_start)
        if sentence is None or other_role(text, mention, sentence, doc) or supplier_marked(text, mention, sentence, doc):
            continue
        before, after = text[sentence.start : mention.words_start], text[mention.words_end : sentence.end]
        weight = 2 if _MARKED_BEFORE.search(before) or _MARKED_AFTER.match(after) else 1
        tally[code] = tally.get(code, 0) + weight
        names.setdefault(code, mention.value["name"])
        first.setdefault(code, mention.words_start)
    ranked = sorted(tally, key=lambda code: (-tally[code], first[code]))
    return [(code, names[code]) for code in ranked]


# --- Buyers of the system the article is about, the system unnamed ---------------------------

# Verbs whose subject takes or uses the goods, by the stage they state when no cue does:
# "Algeria, Belarus and Vietnam already field it", "Hanoi bought it too", "Iraq is weighing a purchase".
_TAKING_LEMMAS = {"operate": "delivered", "field": "delivered", "deploy": "delivered", "use": "delivered", "induct": "delivered",
                  "receive": "delivered", "fly": "delivered",
                  "buy": "signed", "purchase": "signed", "acquire": "signed", "order": "signed", "procure": "signed",
                  "import": "signed", "obtain": "signed", "sign": "signed", "take": "delivered", "get": "delivered",
                  "follow": "reported",
                  "negotiate": "negotiating",
                  "want": "reported", "seek": "reported", "consider": "reported", "weigh": "reported", "eye": "reported",
                  "mull": "reported", "request": "reported", "covet": "reported", "evaluate": "reported", "study": "reported"}
# Verbs whose passive subject or "to" object is the receiving state: "Egypt was offered it", "sold it to Egypt".
_GIVING_LEMMAS = {"sell": "signed", "supply": "delivered", "deliver": "delivered", "export": "delivered", "ship": "delivered",
                  "transfer": "delivered", "offer": "offered", "hand": "delivered"}
# Nouns of those who have the goods: "Other operators are Belarus and Algeria", "buyers in India".
_HOLDER_NOUNS = {"operator": "delivered", "user": "delivered", "buyer": "signed", "customer": "signed", "client": "signed",
                 "purchaser": "signed", "importer": "signed", "recipient": "delivered", "prospect": "reported"}
# Verbs that name a state as something: "Vietnam has been named as a prospect".
_NAMING = {"name", "list", "see", "consider", "regard", "identify", "mention", "cite", "describe", "tip"}
# Hardware words, which name the article's goods only as a known thing: "the system", not "a
# system nobody would sanction".
_HARDWARE_WORDS = {"system", "complex", "missile", "battery", "regiment", "battalion", "division", "unit", "squadron",
                   "launcher", "weapon"}
# What the goods of a taking verb may be called, the system unnamed: "field it", "weighing a purchase".
_GOODS_WORDS = _HARDWARE_WORDS | {"it", "them", "they", "one", "some", "purchase", "deal", "contract", "order", "batch",
                                  "shipment", "delivery", "defence", "defense", "interest", "same", "theirs"}
# Interest told as a thing shown: "had shown interest", "expressed interest".
_SHOWING = {"show", "express", "voice", "signal", "have", "display", "register"}
# Talks held with the seller: "Egypt has held talks with Rosoboronexport", "Qatar negotiated with Moscow".
_HOLDING = {"hold", "have", "conduct", "begin", "start", "open", "resume", "continue", "enter"}
_TALKS = {"talk", "negotiation", "discussion", "consultation"}
# The seller's own agencies, which stand for it in talks ("talks with Rosoboronexport").
_SELLER_AGENCIES = {"RU": re.compile(r"Rosoboronexport|Rostec|Almaz-Antey|FSMTC|Federal Service for Military-Technical Cooperation")}
_KEEN = {"interested", "keen", "eager"}
# A country's own forces and bodies, whose role is the country's: "Egypt's air force operates it".
_SERVICES = {"force", "army", "military", "navy", "forces", "ministry", "government", "command", "troops"}
# Goods no system of the article is: "buyers of Russian gas", "arms customers".
_OTHER_GOODS = {"arms", "weapon", "gas", "oil", "energy", "grain", "wheat", "fertiliser", "fertilizer", "coal", "nuclear", "reactor"}



def _goods_fit(pred, foreign=frozenset(), bare: bool = False) -> bool:
    """The taking verb's object, if any, is the goods by reference ("field it", "weighing a
    purchase", "took its first regiments"), not other goods named ("bought Chinese drones", "buys
    Russian gas", "signed for Chinese Silent Hunter laser systems": ``foreign``, the tokens of
    other makers), nor hardware of any make ("wanted a system nobody would sanction")."""
    objects = [c for c in pred.children if c.dep_ in ("dobj", "attr")]
    for word in [*objects, *(g for c in pred.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ == "pobj")]:
        if any(c.i in foreign or c.dep_ == "compound" and c.pos_ == "PROPN" for c in word.children):
            return False
    if _lemma(pred) == "follow":
        return all(o.lower_ == "suit" for o in objects)  # "New Delhi followed (suit)"
    if _lemma(pred) == "sign":
        return all(o.lemma_.lower() in ("contract", "deal", "agreement") for o in objects) and (
            bool(objects) or any(c.dep_ == "prep" and c.lower_ == "for" for c in pred.children))
    for obj in objects:
        lemma = obj.lemma_.lower()
        if lemma not in _GOODS_WORDS or any(c.lemma_.lower() in _OTHER_GOODS for c in obj.children):
            return False
        if lemma in _HARDWARE_WORDS and any(c.dep_ in ("relcl", "acl") or c.dep_ == "det" and c.lower_ in ("a", "an")
                                             for c in obj.children):
            return False
        if lemma == "weapon" and not any(c.lower_ == "same" for c in obj.children):
            return False  # "the same weapon" only
    # "Washington wants Cairo to get rid of them": a taking verb with no goods takes none
    # (``bare``: a giving verb's goods may be its subject, "was later sold to Egypt")
    return bool(objects) or bare


def _interest_fits(word) -> bool:
    """Interest in nothing named, or in the goods by reference ("interested in the system", "in
    buying it"), not in other goods ("interested in Chinese drones")."""
    return all(g.lemma_.lower() in _GOODS_WORDS for c in word.children if c.dep_ == "prep" and c.lower_ in ("in", "for")
               for g in c.children if g.dep_ == "pobj")


def _holder_stage(noun) -> str | None:
    """The stage a holder noun states ("operators": delivered), None when they hold other
    goods ("arms customers", "buyers of Russian gas"); "potential buyers" are reported."""
    stage = _HOLDER_NOUNS.get(noun.lemma_.lower())
    if stage is None:
        return None
    for child in noun.children:
        if child.lemma_.lower() in _OTHER_GOODS or child.lower_ in _OTHER_GOODS:
            return None  # "a long-time Russian arms client" (the parse's lemma of "arms" is "arm")
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and any(
                g.lemma_.lower() not in _GOODS_WORDS for g in child.children if g.dep_ == "pobj"):
            return None
    return "reported" if any(c.dep_ == "amod" and c.lower_ in _PROSPECTIVE for c in noun.children) else stage


def _with_seller(pred, seller) -> bool:
    """Talks held with the seller (``seller``: the tokens that name it), or with nobody named:
    "held talks with Rosoboronexport", "negotiated with Moscow", "Qatar held talks in 2018"
    (not "held talks with France")."""
    talks = [pred, *(c for c in pred.children if c.dep_ in ("dobj", "pobj") and c.lemma_.lower() in _TALKS)]
    partners = [g for word in talks for c in word.children if c.dep_ == "prep" and c.lower_ == "with"
                for g in c.children if g.dep_ == "pobj"]
    return not partners or any(g.i in seller or any(t.i in seller for t in g.conjuncts) for g in partners)


def _in_talks(verb):
    """The talks a form of "be" puts its subject in, when about nothing or about the goods by
    reference ("are in talks", "has been in talks on a purchase"), not other goods ("in talks on
    gas supplies", "in talks over a ceasefire")."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for talks in prep.children:
            if talks.dep_ == "pobj" and talks.lemma_.lower() in _TALKS and all(
                    g.lemma_.lower() in _GOODS_WORDS for c in talks.children
                    if c.dep_ == "prep" and c.lower_ in ("on", "over", "about", "for") for g in c.children if g.dep_ == "pobj"):
                return talks
    return None


# Verbs of hearsay whose infinitive the parse may hang apart: "said at various times to be weighing".
_HEARSAY = {"say", "report", "believe", "think", "understand", "rumour", "rumor"}


def _taking_role(token, foreign=frozenset(), seller=frozenset()) -> tuple[object, str, bool] | None:
    """The predicate that makes a country (its first conjunct's token) a buyer of goods left
    unnamed, as (predicate, stage, hedged by the words that raise it): the subject of a taking
    verb, through hearsay or plans ("Iraq was said to be weighing a purchase"); a holder noun's
    name ("Other operators are Belarus", "found buyers in India"); the passive subject or "to"
    object of a giving verb ("Egypt was offered it", "sold it to Egypt"); a state shown
    interested ("Qatar is interested", "Vietnam had shown interest"); talks held with the seller
    (``seller``, the tokens naming it: "Egypt has held talks with Rosoboronexport")."""
    head = token.head
    if token.dep_ == "nsubj" and _lemma(head) == "be" and head.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in head.children) and _lemma(head.head) in _TAKING_LEMMAS:
        # "Egypt was said to be weighing a purchase, as was Iraq": the predicate the clause repeats
        pred = head.head
        return pred, _TAKING_LEMMAS[_lemma(pred)], pred.dep_ == "xcomp"
    if token.dep_ in ("nsubjpass", "dobj") and _lemma(head) in _NAMING and (stage := next(
            (_holder_stage(g) for c in head.children if c.dep_ == "prep" and c.lower_ == "as"
             for g in c.children if g.dep_ == "pobj" and _holder_stage(g)), None)):
        return head, stage, False  # "Vietnam and Indonesia have been named as prospects", "listed Egypt as a likely buyer"
    if token.dep_ in ("nsubjpass", "dobj") and _lemma(head) in _NAMING and (role := next(
            (_taking_role(w, foreign, seller) for c in head.children if c.dep_ == "prep" and c.lower_ == "as"
             for g in c.children if g.dep_ == "pobj" for r in g.children if r.dep_ == "relcl"
             for w in r.children if w.dep_ in ("nsubj", "nsubjpass") and w.lower_ in ("that", "which", "who")), None)):
        return role  # "listed Algeria, Egypt and Iraq as countries that are weighing the system": the relative clause's role
    relative = next((c for c in token.children if c.dep_ == "relcl" and any(
        w.dep_ == "nsubj" and w.lower_ in ("which", "that", "who") for w in c.children)), None)
    if relative is not None and _lemma(relative) == "sign" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in ("memorandum", "mou") for c in relative.children):
        return relative, "negotiating", False  # "Saudi Arabia, which signed a memorandum …": no contract
    if token.dep_ in ("poss", "compound", "amod") and head.lemma_.lower() in _SERVICES and head.dep_ in ("nsubj", "nsubjpass"):
        token, head = head, head.head  # "Egypt's air force operates it", "the Algerian army fields them"
    if token.dep_ in ("nsubj", "nsubjpass"):
        verb, raised = head, False
        for _ in range(3):  # "was said to be weighing", "is expected to order"
            lemma = _lemma(verb)
            if token.dep_ == "nsubjpass" and lemma in _GIVING_LEMMAS and verb is head:
                return verb, _GIVING_LEMMAS[lemma], False
            if token.dep_ == "nsubj" and verb is head or raised:
                if lemma in _TAKING_LEMMAS and _goods_fit(verb, foreign):
                    return verb, _TAKING_LEMMAS[lemma], raised
                if lemma in _SHOWING and any(c.dep_ == "dobj" and c.lemma_.lower() == "interest" and _interest_fits(c) for c in verb.children):
                    return verb, "reported", raised
                if (lemma in ("negotiate", "talk") or lemma in _HOLDING and any(
                        c.dep_ == "dobj" and c.lemma_.lower() in _TALKS for c in verb.children)) and _with_seller(verb, seller):
                    return verb, "negotiating", raised
                if lemma == "be" and (talks := _in_talks(verb)) is not None and _with_seller(talks, seller):
                    return verb, "negotiating", raised  # "Egypt and Qatar are reported to be in talks"
                if lemma == "be" and any(c.dep_ == "acomp" and c.lower_ in _KEEN and _interest_fits(c) for c in verb.children):
                    return verb, "reported", raised
                noun = next((c for c in verb.children if c.dep_ == "attr"), None) if lemma in ("be", "become") else None
                if noun is None and lemma == "be":  # "Egypt and Algeria are among its prospective buyers"
                    noun = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"
                                 for g in c.children if g.dep_ == "pobj"), None)
                if noun is not None and noun.lower_ == "one":  # "Egypt is one of the operators"
                    noun = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                                 for g in c.children if g.dep_ == "pobj"), None)
                if noun is not None and (stage := _holder_stage(noun)) is not None:
                    return verb, stage, raised  # "Egypt is another operator", "became the third customer"
            if token.dep_ == "nsubjpass" and lemma == "interest" and verb is head:
                return verb, "reported", False  # "Qatar is interested", parsed as a passive
            following = next((c for c in verb.children if c.dep_ == "xcomp" or c.dep_ == "advcl" and lemma in _HEARSAY
                              and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
            if following is None:
                return None
            verb, raised = following, True
        return None
    if token.dep_ in ("attr", "dobj") and _lemma(head) in ("be", "include") and (
            noun := next((c for c in head.children if c.dep_ == "nsubj"), None)) is not None and (
            stage := _holder_stage(noun)) is not None:
        return head, stage, False  # "Other operators are Belarus and Algeria", "buyers include Egypt"
    if token.dep_ == "pobj" and head.lower_ == "with" and head.head.lower_ == "service" and head.head.head.lower_ == "in" and (
            verb := head.head.head.head).lemma_ in ("be", "remain"):
        return verb, "delivered", False  # "the system is in service with China and Turkey"
    if token.dep_ == "appos" and (stage := _holder_stage(head)) is not None:
        return head, stage, False  # "its newest customer, Egypt"
    if token.dep_ == "pobj" and head.lower_ in ("in", "like", "including", "among") and (
            stage := _holder_stage(head.head)) is not None:
        return head.head, stage, False  # "found buyers in India and Egypt"
    if token.dep_ == "pobj" and head.lower_ == "to" and _lemma(head.head) in _GIVING_LEMMAS and _goods_fit(head.head, foreign, bare=True):
        return head.head, _GIVING_LEMMAS[_lemma(head.head)], False  # "has since sold it to Egypt"
    return None


def _listed_after_colon(text, sentence, mention: Finding, doc, foreign) -> tuple[object, str, bool] | None:
    """A country in a list after a colon, whose words before it name takers of the goods: "The
    list of those who want the system keeps growing: Saudi Arabia, Qatar, Egypt" (reported),
    "Its operators so far: China and India" (handed over)."""
    colon = text.rfind(":", sentence.start, mention.words_start)
    if colon < 0 or not _LIST_SO_FAR.fullmatch(text, colon + 1, mention.words_start):
        return None
    for token in _tokens(doc, sentence.start, colon):
        lemma = _lemma(token)
        # the parse may read "want the system keeps growing" as wanting a clause: its subject is the goods
        if token.pos_ == "VERB" and lemma in _TAKING_LEMMAS and (_goods_fit(token, foreign) or any(
                g.dep_ == "nsubj" and g.lemma_.lower() in _GOODS_WORDS for c in token.children if c.dep_ == "ccomp" for g in c.children)):
            return token, _TAKING_LEMMAS[lemma], False
        if token.pos_ == "NOUN" and (stage := _holder_stage(token)) is not None:
            return token, stage, False
    return None


# The start of a list: names, commas and "and" ("Saudi Arabia, Qatar and ").
_LIST_SO_FAR = re.compile(r"(?:\s|,|\band\b|[A-Z][\w’'-]*)*")


def _implied_buyers(text, sentence, mentions, doc, supplier: str) -> list[tuple[Finding, object, str, bool]]:
    """The countries a sentence naming no system gives a buyer's role by the parse, each with
    its predicate, stage and hedge (``_taking_role``); a country listed after one takes its
    role ("Algeria, Belarus and Vietnam already field it"). Not the seller, not a country in
    another role, not one marked as seller or by the sentence's speakers, nor under a
    condition or a negation ("if Egypt bought it", "Qatar has not ordered it")."""
    if doc is None:
        return []
    found, seen = [], {supplier}
    foreign = {t.i for m in mentions if m.value["code"] != supplier and _MAKER_OF_OTHER.match(text[m.words_end : sentence.end])
               for t in _tokens(doc, m.words_start, m.words_end)}
    seller = {t.i for m in mentions if m.value["code"] == supplier for t in _tokens(doc, m.words_start, m.words_end)}
    if (agencies := _SELLER_AGENCIES.get(supplier)) is not None:
        seller |= {t.i for match in agencies.finditer(text, sentence.start, sentence.end)
                   for t in _tokens(doc, match.start(), match.end())}
    for mention in mentions:
        code = mention.value["code"]
        if code in seen or other_role(text, mention, sentence, doc) or supplier_marked(text, mention, sentence, doc):
            continue
        token = _root(doc, mention.words_start, mention.words_end)
        if token is None:
            continue
        for _ in range(8):
            if token.dep_ != "conj" or token.head.i == token.i:
                break
            token = token.head
        role = _taking_role(token, foreign, seller) or _listed_after_colon(text, sentence, mention, doc, foreign)
        if role is None:
            continue
        pred = role[0]
        if any(c.dep_ == "neg" for c in pred.children) or _conditional(doc, pred.idx, pred.idx + len(pred)):
            continue
        seen.add(code)
        found.append((mention, *role))
    return found


def _topic_system(text, sentence, systems, doc) -> Finding | None:
    """The system a sentence naming none is about when its paragraph names none before it: the
    one the article names most, of the kind the sentence's words name, named before it."""
    kind = _reference_kind(text[sentence.start : sentence.end])
    fitting = [s for s in systems if not kind or (kind == "aircraft") == _aircraft(text, s)]
    counts = {}
    for system in fitting:
        counts[system.value["name"]] = counts.get(system.value["name"], 0) + 1
    if not counts:
        return None
    name = max(counts, key=lambda n: (counts[n], -min(s.words_start for s in fitting if s.value["name"] == n)))
    before = [s for s in fitting if s.value["name"] == name and s.words_start < sentence.start]
    return _system_deal(before[-1]) if before else None


def _implied_deals(text, sentence, systems, mentions, doc, drafted, status: str, cue: str) -> list[Finding]:
    """Deals of a sentence that names no system, for the buyers its parse gives a role
    (``_implied_buyers``) that no deal of the sentence has yet: "Moscow has since found buyers in
    India and Egypt as well", "Other operators are Belarus and Algeria". The system is that of
    the sentence's other deals, else the one its paragraph last named, else the article's;
    the stage that of the buyer's clause, else the one its predicate states, never signed or
    delivered when hedged ("Iraq was said to be weighing a purchase": reported)."""
    deal = drafted[-1] if drafted else (_paragraph_system(text, sentence, systems, doc)
                                        or _topic_system(text, sentence, systems, doc))
    if deal is None:
        return []
    have = {d.value["recipient"] for d in drafted}
    buyers = [b for b in _implied_buyers(text, sentence, mentions, doc, deal.value["supplier"]) if b[0].value["code"] not in have]
    if not buyers:
        return []
    cues = status_candidates(text, sentence, doc)
    deals = []
    for mention, pred, stage, raised in buyers:
        own = next(((name, said) for name, said, at in sorted(cues, key=lambda c: abs(c[2] - pred.idx))
                    if (t := _root(doc, at, at + len(said))) is not None and _main_clause(t).i == _main_clause(pred).i), None)
        if own is None:
            hedged = raised or _hedged(doc, pred.idx, pred.idx + len(pred))
            own = ("reported" if hedged and stage in _CERTAIN_ONLY else stage, pred.text)
        deals.append(_carried(text, sentence, deal, *own, mention))
    return deals


def _anchor(text: str, sentence, cue: str) -> tuple[int, int]:
    at = text.find(cue, sentence.start, sentence.end) if cue else -1
    return (at, at + len(cue)) if at >= 0 else (sentence.start, sentence.end)


def _other_recipient(text, sentence, mentions, deal: Finding, doc) -> bool:
    """The sentence marks another country as receiving: the cue is not about that deal."""
    for mention in mentions:
        if mention.value["code"] in (deal.value["supplier"], deal.value["recipient"]):
            continue
        before, after = text[sentence.start : mention.words_start], text[mention.words_end : sentence.end]
        if _MARKED_BEFORE.search(before) or _MARKED_AFTER.match(after):
            return True
    return False


def _marked_recipients(text, sentence, mentions, deal: Finding, doc) -> list[Finding]:
    """Countries the sentence marks as receiving, other than the deal's own parties, in order,
    a list after the first included ("to four more governments: Egypt, Algeria and Iraq")."""
    marked, previous_marked, seen = [], False, set()
    for mention in mentions:
        code = mention.value["code"]
        before, after = text[sentence.start : mention.words_start], text[mention.words_end : sentence.end]
        chained = previous_marked and _LIST_GOES_ON.search(before)
        is_marked = bool(_MARKED_BEFORE.search(before) or _MARKED_AFTER.match(after) or chained)
        previous_marked = is_marked
        if not is_marked or code == deal.value["supplier"] or code in seen or other_role(text, mention, sentence, doc):
            continue
        seen.add(code)
        marked.append(mention)
    return marked


def _clause(token):
    """The verb whose clause the token is in: up the parse to the first verb heading a clause."""
    seen = 0
    while seen < 30 and token.head.i != token.i:
        seen += 1
        if token.pos_ in ("VERB", "AUX") and token.dep_ in ("ROOT", "advcl", "relcl", "ccomp", "conj", "parataxis", "acl", "xcomp", "pcomp"):
            return token
        token = token.head
    return token


def _main_clause(token):
    """The clause, through the verbs it governs: "deliveries are expected to be completed in
    2026" is one clause, "expected" with its complement "completed"."""
    clause, seen = _clause(token), 0
    while clause.dep_ == "xcomp" and clause.head.i != clause.i and seen < 5:
        seen += 1
        clause = _clause(clause.head)
    return clause


_TRADING = {"sell", "supply", "deliver", "export", "transfer", "ship", "hand", "offer", "provide", "buy", "purchase",
            "acquire", "order", "receive", "sign", "negotiate", "get", "procure", "operate", "deploy", "field"}


_PEOPLE = {"official", "diplomat", "spokesman", "spokeswoman", "spokesperson", "minister", "ambassador", "envoy", "analyst",
           "expert", "source", "officer", "general", "lawmaker", "legislator", "senator", "leader", "delegation", "negotiator",
           "observer", "commentator", "researcher", "journalist", "reporter", "adviser", "advisor", "aide", "counterpart"}


def _nationality_of_people(doc, mention: Finding) -> bool:
    """The country is an adjective of people ("an Emirati official", "US and Egyptian officials")."""
    country = _root(doc, mention.words_start, mention.words_end)
    if country is None:
        return False
    country = _first_conjunct(country)
    return country.dep_ in ("amod", "compound", "nmod") and _phrase_head(country).lemma_.lower() in _PEOPLE


_SELLING = {"sell", "resell", "supply", "deliver", "transfer", "export", "re-export", "hand", "ship", "send", "give", "donate", "gift"}


def _seller_of(doc, system: Finding, roles) -> Finding | None:
    """The country that is the subject of the verb of selling or handing over whose object is
    the system ("Belarus will supply its old S-300 systems to Serbia")."""
    if doc is None:
        return None
    weapon = _root(doc, system.words_start, system.words_end)
    if weapon is None:
        return None
    noun = _first_conjunct(_phrase_head(weapon))
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in _SELLING:
        return None
    # "Turkey cannot transfer the S-400 to a third country", "is not allowed to sell it": no sale
    if any(c.dep_ == "neg" for c in verb.children) or verb.dep_ == "xcomp" and any(c.dep_ == "neg" for c in verb.head.children):
        return None
    return next((m for m in roles if (r := _root(doc, m.words_start, m.words_end)) is not None
                 and r.dep_ == "nsubj" and r.head.i == verb.i), None)


def _contrasted_stage(text, sentence, doc, mention: Finding) -> bool:
    """The country is the subject of a clause set against the system's that states a stage of
    its own: "S-400 customers include China and India, while Saudi Arabia and Qatar are in talks"."""
    country = _root(doc, mention.words_start, mention.words_end)
    if country is None:
        return False
    country = _first_conjunct(country)
    verb = country.head
    if country.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in verb.children):
        return False
    span = (doc[verb.left_edge.i].idx, doc[verb.right_edge.i].idx + len(doc[verb.right_edge.i]))
    return any(span[0] <= at < span[1] for _, _, at in status_candidates(text, sentence, doc))


def _trading_clause(doc, mention: Finding) -> bool:
    """The country's own clause is one of buying, selling or handing over."""
    country = _root(doc, mention.words_start, mention.words_end)
    return country is not None and _clause(country).lemma_.lower() in _TRADING


def _side_clause(text, mention: Finding, system: Finding, doc) -> bool:
    """The country is named in a clause of its own that the system's clause does not contain, a
    circumstance rather than the deal ("…called for an S-400 purchase since 2020, when an
    American drone strike killed an Iranian general")."""
    country, weapon = _root(doc, mention.words_start, mention.words_end), _root(doc, system.words_start, system.words_end)
    if country is None or weapon is None:
        return False
    here, there = _clause(country), _clause(weapon)
    if here.i == there.i or here.dep_ not in ("advcl", "relcl"):
        return False
    noun = weapon
    while noun.dep_ in ("compound", "conj", "amod", "nmod") and noun.head.i != noun.i:
        noun = noun.head
    if here.dep_ == "relcl" and here.head.i in (weapon.i, noun.i):
        return False  # "the Patriot batteries the Emirates operate": a clause about the system itself
    if here.dep_ == "relcl" and here.head.dep_ == "pobj" and here.head.head.lower_ == "to" and any(
            c.lower_ == "where" for c in here.children):
        return False  # "pitched the S-400 to the Gulf, where Qatar and Bahrain held talks": the buyers of the region it went to
    return there.i not in {t.i for t in here.subtree} and here.i in {t.i for t in there.subtree}


# A system named as the one not chosen: "chose the S-400 rather than the American Patriot",
# "bought the Rafale instead of the Typhoon", "picked the J-10C over the F-16".
_RIVAL_BEFORE = re.compile(
    r"(?:\b(?:rather than|instead of|in preference to|in place of)|"
    r"\b(?:chose|choose|chooses|choosing|chosen|picked|picks|picking|preferred|prefers|preferring|selected|selects|"
    r"selecting|favou?red|favou?rs|opted for|opts for)\b[^.;:]{1,60}?\bover)"
    r"\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _rival(text, system: Finding) -> bool:
    """The system is named as the one passed over for another: no deal of its own."""
    start = max(text.rfind(". ", 0, system.words_start), text.rfind("\n", 0, system.words_start)) + 1
    return bool(_RIVAL_BEFORE.search(text, start, system.words_start))


def _relative_holder(doc, system: Finding, countries: list[Finding]) -> Finding | None:
    """The country whose own relative clause names the system ("Greece, which operates the
    Patriot"), if one does."""
    if doc is None or (named := _root(doc, system.words_start, system.words_end)) is None:
        return None
    for country in countries:
        token = _root(doc, country.words_start, country.words_end)
        if token is not None and any(c.dep_ == "relcl" and c.left_edge.i <= named.i <= c.right_edge.i for c in token.children):
            return country
    return None


def _deals_named(text, sentence, named, mentions, doc, status, cue, buyers=()) -> list[Finding]:
    words = text[sentence.start : sentence.end]
    found, seen = [], set()
    several = len({s.value["name"] for s in named}) > 1
    roles = [m for m in mentions if not other_role(text, m, sentence, doc)]
    for system in named:
        if _made_at_home(text, sentence, system):
            continue  # "the indigenous Akash system": made at home, bought from nobody
        # "chose the S-400 rather than the Patriot": the Patriot was turned down, which is what
        # the status "cancelled" says; never the sentence's "bought".
        turned_down = _rival(text, system)
        supplier = system.value["maker_country"] or _named_maker(system)
        if not supplier:
            # A system the base does not know: its seller is the country the sentence marks as
            # one in the system's own clause ("buy F-16s from the United States and has held
            # talks on the Typhoon": not the Typhoon's), else the maker of its family.
            sellers = sorted((m for m in roles if supplier_marked(text, m, sentence, doc, system)
                              and _in_clause_of(doc, m, system)),
                             key=lambda m: abs(m.words_start - system.words_start))  # the seller nearest it
            supplier = sellers[0].value["code"] if sellers else (
                system.value.get("maker_family", "") or system.value.get("maker_article", ""))
            if not supplier:
                continue
        if (seller := _seller_of(doc, system, roles)) is not None and seller.value["code"] != supplier:
            # "Belarus will supply its old S-300 systems to Serbia": the state that sells it,
            # not the one that made it
            supplier = seller.value["code"]
        # The maker of another system in the sentence is its supplier, not this one's buyer.
        # Not the maker of a family made at home: the buyer of one system may well make
        # another ("India … inducted the indigenous Akash").
        other_makers = {s.value.get(key) for s in named if s.value["name"] != system.value["name"]
                        for key in ("maker_country", "maker_named", "maker_family")
                        if key != "maker_family" or not _HOME_MADE.search(text, max(sentence.start, s.words_start - 40), s.words_start)}
        other_makers -= {"", None}
        # The maker of the system's family is its seller, never its buyer ("talks with Britain on
        # Eurofighter Typhoon fighters").
        own_family = system.value.get("maker_family", "")
        candidates = [
            c for c in roles
            if c.value["code"] not in {supplier, own_family, *other_makers} and not supplier_marked(text, c, sentence, doc, system)
        ]
        # Clauses joined by a semicolon are sentences of their own: the buyer is in the system's
        # when that one names a country ("A wanted a counter to Chinese power; B sought leverage
        # after C declined to sell it the Patriot").
        clause_start = text.rfind(";", sentence.start, system.words_start) + 1 or sentence.start
        clause_end = text.find(";", system.words_end, sentence.end)
        clause_end = clause_end if clause_end >= 0 else sentence.end
        in_clause = [c for c in candidates if clause_start <= c.words_start < clause_end]
        candidates = in_clause or candidates
        marked, previous_marked = [], False
        for mention in candidates:
            before = text[sentence.start : mention.words_start]
            after = text[mention.words_end : sentence.end]
            chained = previous_marked and _LIST_GOES_ON.search(before)
            is_marked = bool(_MARKED_BEFORE.search(before) or _MARKED_AFTER.match(after) or chained)
            if is_marked:
                marked.append(mention)
            previous_marked = is_marked
        marked = _with_listed(doc, marked, candidates)
        own_status, own_cue = sentence_status(text, sentence, doc, near=system.words_start) if several else (status, cue)
        # A clause of its own may state another stage ("Turkey received the first batch in 2019,
        # and the second has been under discussion since"): a draft for each.
        also = [] if several else _other_clause_statuses(text, sentence, doc, own_status, own_cue)
        if several and _other_systems_clause(text, sentence, doc, system, named, own_cue):
            # "UAE orders Rafales as American F-35 sale falls away": the cue is the other system's
            own_status, own_cue = "reported", ""
        if not several and _later_clause_subject(text, sentence, doc, system, own_cue):
            # "France completed deliveries of the Mirage jets, and the Rafales are expected to start
            # arriving in 2027": the system is the subject of a clause of its own, at that clause's stage
            own_status, own_cue = sentence_status(text, sentence, doc, near=system.words_start)
            also = []
        # A country marked in a clause of its own is marked for that clause's verb, not the
        # system's ("Croatia, which objected to the Chinese purchase, has since ordered Rafales").
        # (not one whose clause sells or buys: "joins the NASAMS users, as Norway has sold the
        # system to Finland and Spain")
        recipients = [c for c in marked if not _side_clause(text, c, system, doc) or _trading_clause(doc, c)] or [
            c for c in candidates if not _side_clause(text, c, system, doc) or _contrasted_stage(text, sentence, doc, c)]
        if len(recipients) > 1 and (people := [r for r in recipients if _nationality_of_people(doc, r)]) and len(people) < len(recipients):
            # "…were held in Abu Dhabi, an Emirati official said", "a meeting between US and Egyptian
            # officials": the nationality of those who speak or meet, beside a buyer named otherwise
            recipients = [r for r in recipients if r not in people]
        if (replacing := _replaced_by(doc, system)) is not None:
            # "Greece is in talks with Israel on a shield to replace its S-300PMU1 batteries": the
            # system replaced is the one the country has, whatever the talks are about.
            owners = [c for c in candidates if (r := _root(doc, c.words_start, c.words_end)) is not None
                      and _first_conjunct(r).dep_ in ("nsubj", "nsubjpass")]
            recipients = owners or [c for c in recipients if c not in marked]
            own_status, own_cue, also = "delivered", replacing.text, []
        if turned_down:
            own_status, own_cue, also = "cancelled", text[system.words_start : system.words_end], []
        recipients = _clause_recipients(recipients, [m for m in mentions if m.value["code"] != supplier], system, doc, several)
        if several:
            recipients = _own_phrase_recipients(text, recipients, system, named)
            # "delivered the S-400 to China in 2018 and the Su-35 to Egypt in 2020": each system
            # with the buyer its own "to" names, none of another system's
            if own := _direct_recipients(text, system, candidates):
                recipients = [r for r in recipients if r in own or not any(
                    r in _direct_recipients(text, s, candidates) for s in named if s.value["name"] != system.value["name"])]
            # "Turkey, which received the S-400, and Greece, which operates the Patriot": each system
            # is the one whose relative clause names it
            if (holder := _relative_holder(doc, system, recipients)) is not None:
                recipients = [holder]
            # "Vietnam's S-400 talks": the country whose system it is, and no other system's.
            owner = _possessor(text, system, candidates)
            recipients = [owner] if owner else [
                r for r in recipients if not any(_possessor(text, s, [r]) for s in named if s.value["name"] != system.value["name"])]
        # "will enter service with the Russian army", "had entered service near Moscow": the maker's own forces.
        makers_own = any(m.value["code"] == supplier and _FORCES_AFTER.match(text, m.words_end) for m in roles) or (
            _in_service_at_home(text, sentence, mentions, supplier))
        if not recipients and not makers_own and (own := _its_country(text, sentence, system, roles, supplier)) is not None:
            # "Iraq's S-400 purchase was put on hold, and its talks over the Pantsir-S1 stalled":
            # "its" is the country the sentence began with, not the last deal's buyer.
            recipients = [own]
        if (not recipients and not makers_own and (own_cue or _DELIVERY_CUE.search(words) or _ACQUIRING.search(words))
                and not _UNNAMED_BUYERS.search(words) and not is_question(words)):
            # (a question, "Who buys the S-400?", names no buyer: none carried to it)
            # No buyer named ("The Kingdom took delivery of the first THAAD battery"): the article's,
            # when the sentence states a stage of the deal or an acquisition, and neither buyers of its
            # own nor the maker's own forces ("will enter service with the Russian army").
            recipients = [Finding(Kind.COUNTRY, sentence.start, sentence.end, sentence.start, sentence.start,
                                  {"code": code, "name": name}) for code, name in buyers[:1] if code != supplier]
        # "Greece, which objected to the F-16 sale, is buying F-35s": not the buyer of what its
        # own relative clause objects to.
        recipients = [r for r in recipients if not _objects_to(doc, r, system)]
        # "Serbia has not bought the S-400", "Egypt never received it": a getting denied is no deal.
        recipients = [r for r in recipients if not _denied_getting(doc, r, system)]
        # "Yet the S-400 systems India bought have not drawn sanctions", in an article on Turkey's:
        # another state's purchase named in passing, as background, is no deal of the article's
        recipients = [r for r in recipients if not _background_buyer(doc, r, system, buyers)]
        # "Russia has delivered it to China and India, and is negotiating with Saudi Arabia": when
        # the other clause has a buyer of its own, each buyer takes the stage of its own clause.
        by_clause = {}
        if also and (cue_at := text.find(own_cue, sentence.start, sentence.end)) >= 0 and any(
                not _same_clause(text, cue_at, r.words_start) for r in recipients if r.words_start > sentence.start):
            clause_cues = [(name, words_of, at) for name, words_of, at in status_candidates(text, sentence, doc)]
            for r in recipients:
                own = [(name, words_of) for name, words_of, at in clause_cues if _same_clause(text, at, r.words_start)]
                if own:
                    by_clause[r.words_start] = own[0]
        if by_clause:
            # One country named in two clauses ("An agreement with Vietnam was negotiated but never
            # concluded, and Hanoi has since ordered the SPYDER instead"): the system's is the one
            # in its own clause, at that clause's stage.
            recipients = sorted(recipients, key=lambda r: not _same_clause(text, r.words_start, system.words_start))
        for recipient in recipients:
            key = (supplier, recipient.value["code"], system.value["name"])
            if key in seen:
                continue
            seen.add(key)
            status_here, cue_here = by_clause.get(recipient.words_start, (own_status, own_cue))
            if status_here in _CERTAIN_ONLY and (ahead := _hedged_in_own_clause(text, sentence, doc, recipient, cue_here)):
                # "…supplied it to China and is to deliver it to India": India's stage is its clause's
                status_here, cue_here = "reported", ahead
            elif status_here in _CERTAIN_ONLY and (role := _role_in_own_clause(text, sentence, doc, recipient, cue_here)):
                # "The S-400 is in service with China, and Qatar is among its prospective buyers":
                # Qatar's stage is the one its own clause gives it
                status_here, cue_here = role
            found.append(
                Finding(
                    Kind.DEAL, sentence.start, sentence.end, system.words_start, system.words_end,
                    {
                        "supplier": supplier,
                        "recipient": recipient.value["code"],
                        "recipient_name": recipient.value["name"],
                        "system": system.value["slug"],
                        "system_name": system.value["name"],
                        "status": status_here,
                        "cue": cue_here,
                        "hedged": hedged_cue(status_here, cue_here),
                    },
                )
            )
            if recipient.words_start in by_clause:
                continue
            for other_status, other_cue in also:
                found.append(_carried(text, sentence, found[-1], other_status, other_cue))
    return found


def _background_buyer(doc, mention: Finding, system: Finding, buyers) -> bool:
    """The country buys the system only in a bare relative clause on it ("the S-400 systems
    India bought"), the sentence being about the systems, while the article's buyer so far is
    another state: a purchase recalled in passing, for comparison."""
    if doc is None or not buyers or buyers[0][0] == mention.value["code"]:
        return False
    token = _root(doc, mention.words_start, mention.words_end)
    weapon = _root(doc, system.words_start, system.words_end)
    if token is None or weapon is None or token.dep_ != "nsubj" or token.head.dep_ != "relcl":
        return False
    verb, noun = token.head, _phrase_head(weapon)
    # (not when the sentence goes on to a stage of that purchase: "…India bought arrived in 2021")
    main = noun.head
    return (_lemma(verb) in _BUYING and verb.head.i == noun.i
            and not any(c.lower_ in ("which", "who") for c in verb.children)
            and _lemma(main) not in _TRADING and not _DELIVERY_CUE.fullmatch(main.text))


def _objects_to(doc, mention: Finding, system: Finding) -> bool:
    """The country's relative clause warns of or objects to the system ("Greece, which objected to
    the F-16 sale", "India, which protested against the J-10 deal")."""
    if doc is None or (token := _root(doc, mention.words_start, mention.words_end)) is None:
        return False
    weapon = _root(doc, system.words_start, system.words_end)
    # (in the active voice: "China, whose department was sanctioned over its purchases" is sanctioned, objects to nothing)
    return weapon is not None and any(
        c.dep_ == "relcl" and c.lemma_.lower() in _WARNERS and any(w.i == weapon.i for w in c.subtree)
        and not any(a.dep_ in ("nsubjpass", "auxpass") for a in c.children) for c in token.children)


# Getting the goods, which a negation denies of the buyer: "has not bought", "never received".
_GETTING = {"buy", "purchase", "acquire", "order", "procure", "obtain", "receive", "get"}
# Words that leave a deal standing under a negation: "has not yet received" (it is due).
_STILL_DUE = {"yet", "still"}
# A concession, which grants the deal the negation withholds the goods of.
_CONCEDING = {"despite", "although", "though", "notwithstanding"}


def _negated(token) -> bool:
    """A negation on the verb ("has not bought", "never received") or on the noun the verb
    completes ("has no plans to buy"), and no word saying the goods are still due."""
    children = list(token.children)
    if any(c.lower_ in _STILL_DUE for c in children):
        return False
    return any(c.dep_ == "neg" for c in children) or (
        token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in children))


def _denies_other_goods(verb) -> bool:
    """A negated verb whose object is goods named, not referred to ("has not bought the S-400",
    not "never delivered it"): what it denies is those goods, not another system's stage."""
    return _negated(verb) and any(c.dep_ == "dobj" and c.pos_ != "PRON" for c in verb.children)


def _denied_getting(doc, mention: Finding, system: Finding) -> bool:
    """The country is the subject of a negated getting of the system: "Serbia has not bought the
    S-400", "Egypt has no plans to buy it", "never received the Su-35" (not a relative clause on
    the country: "Belarus, which ordered the Pantsir, has not bought the S-400" keeps the Pantsir)."""
    if doc is None or (token := _root(doc, mention.words_start, mention.words_end)) is None:
        return False
    weapon = _root(doc, system.words_start, system.words_end)
    if weapon is None:
        return False
    verb = _clause(weapon)
    if verb.pos_ != "VERB" or _lemma(verb) not in _GETTING:
        return False
    if any(c.dep_ == "relcl" and _lemma(c) in _GETTING for c in _phrase_head(weapon).children):
        return False  # "never received the jets it ordered": ordered all the same
    if any(c.lower_ in _CONCEDING for c in verb.children) or any(
            c.lower_ in _CONCEDING for a in verb.children if a.dep_ == "advcl" for c in a.children):
        return False  # "has not received one jet despite paying for them": a deal, its goods withheld
    subject = _first_conjunct(token)
    chain, seen = [verb], 0
    # up through the verbs and nouns of intent the getting completes: "does not plan to buy", "has
    # no plans to buy" (not "has not agreed to buy", which leaves the deal under discussion)
    while chain[-1].dep_ in ("xcomp", "acl") and chain[-1].head.i != chain[-1].i and _lemma(chain[-1].head) in _HEDGES and seen < 4:
        seen += 1
        chain.append(chain[-1].head)
        if chain[-1].pos_ == "NOUN" and chain[-1].dep_ in ("dobj", "attr") and chain[-1].head.i != chain[-1].i:
            chain.append(chain[-1].head)
    return (subject.dep_ in ("nsubj", "nsubjpass") and any(subject.head.i == link.i for link in chain)
            and any(_negated(link) for link in chain))


# --- A seller named beside a rival's system ----------------------------------------------------

# The state's own services and forces: "delivered to the Ukrainian forces".
_STATE_BODIES = {"force", "forces", "army", "military", "navy", "government", "ministry", "troops", "authority", "authorities",
               "guard", "corps", "command", "service"}
# Clauses the system's own stops at: what a country does in them is not done to the system.
_CLAUSE_EDGES = {"advcl", "ccomp", "relcl", "acl", "parataxis", "csubj", "ROOT"}
# Prepositions that tie a country to the deal on the system: "sold it to Turkey", "the purchase
# by India", "S-400 batteries for Egypt", "a contract with Algeria".
_BUYERS_PREPOSITIONS = {"to", "for", "by", "with"}
# A system named beside another, in passing: "alongside its Patriot batteries".
_BESIDE = {"alongside", "besides", "beside", "like", "unlike"}


def _systems_clause(doc, system: Finding):
    """The tokens the system's own clause is made of on the way up from it: its noun, what that
    noun hangs on, and the verbs it is governed by through "to buy", "and has held talks on"
    (a verb joined by "and" with no subject of its own shares the first one's)."""
    weapon = _root(doc, system.words_start, system.words_end)
    if weapon is None:
        return None, []
    chain, token, seen = [weapon], weapon, 0
    while token.head.i != token.i and seen < 30:
        seen += 1
        if token.dep_ in _CLAUSE_EDGES or token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            break
        token = token.head
        chain.append(token)
    return token, chain


def syntactic_buyer(doc, mention: Finding, system: Finding) -> bool:
    """The parse makes the country the system's buyer: the subject of the system's own clause
    ("Turkey bought the S-400", "India, which operates the S-400", "the S-400 that Egypt
    ordered"), the one it goes to ("sold the S-400 to Turkey", "offered India the S-400", "the
    purchase by Turkey"), or its possessor ("Turkey's S-400 purchase"). Without a parse, yes."""
    country = _root(doc, mention.words_start, mention.words_end)
    top, chain = _systems_clause(doc, system)
    if country is None or top is None:
        return True
    country = _first_conjunct(country)
    if country.dep_ in ("amod", "compound", "poss", "nmod") and country.head.i not in {t.i for t in chain} and (
            _phrase_head(country).lemma_.lower() in _STATE_BODIES):
        country = _first_conjunct(_phrase_head(country))  # "to the Ukrainian forces", "Turkey's air force received"
    along = {t.i for t in chain}
    # the verbs and participles hanging on the system's noun: "the S-400 systems bought by Turkey"
    along |= {c.i for t in chain for c in t.children if c.dep_ in ("relcl", "acl")}
    head = country.head
    if top.dep_ == "relcl" and country.i in (top.head.i, *(t.i for t in top.head.conjuncts)):
        return True  # "India, which operates the S-400"
    if country.dep_ == "nsubjpass" and head.i in along:
        return True  # "is said to be weighing an order for Su-35s"
    if country.dep_ == "nsubj" and head.i in along:
        return head.lemma_.lower() not in _SELLING | _SUPPLY_VERBS | _WARNERS and not _spoken(head)
    if country.dep_ in ("dative", "poss") and head.i in along:
        return True
    # "the Turkish purchase of the S-400", not "the Russian batteries": an adjective of the goods names their maker
    if country.dep_ in ("compound", "amod", "nmod") and head.i in along and head.i != _phrase_head(chain[0]).i and head.i != chain[0].i:
        return True
    if country.dep_ == "dobj" and head.i in along and head.lemma_.lower() in _SELLING | _SUPPLY_VERBS:
        return True
    if country.dep_ == "pobj" and head.lower_ in _BUYERS_PREPOSITIONS and head.head.i in along:
        return True
    # "Ankara said it would take delivery of the S-400": the speaker of the clause whose subject is "it"
    return top.dep_ == "ccomp" and top.head.i == head.i and country.dep_ == "nsubj" and any(
        c.dep_ in ("nsubj", "nsubjpass", "poss") and c.lower_ in ("it", "its", "they", "their", "we", "our") for t in chain
        for c in t.children)


def _article_sellers(text, countries, systems, sentence_spans, doc) -> set[str]:
    """The countries a sentence of the article marks as sellers ("Washington offered the
    Patriot", "from Russia", "the American THAAD"). Not the mere makers of the systems named:
    the buyer of one may make another ("Iran's own Bavar-373")."""
    sellers = set()
    for mention in countries:
        if (sentence := sentence_at(sentence_spans, mention.words_start)) is None:
            continue
        named = [s for s in systems if sentence.start <= s.words_start < sentence.end]
        if any(supplier_marked(text, mention, sentence, doc, system) for system in [None, *named]):
            sellers.add(mention.value["code"])
    return sellers


def _beside_another(doc, system: Finding) -> bool:
    """The system is named beside another, in passing: "operates the S-400 alongside its
    Patriot batteries" is no deal for the Patriot."""
    weapon = _root(doc, system.words_start, system.words_end)
    if weapon is None:
        return False
    noun = _first_conjunct(_phrase_head(weapon))
    return noun.dep_ == "pobj" and noun.head.lower_ in _BESIDE


_FREIGHT = {"transport", "cargo", "freight"}
# Where the carrier stands: the one that moves ("landed", "touched down"), or what the goods came by.
_CARRIED_BY = {"aboard", "by", "on", "in"}


def _carrier(doc, system: Finding, named) -> bool:
    """The system is a transport or cargo aircraft that brings another system the sentence names:
    "Six Chinese Y-20 transport aircraft landed in Belgrade, delivering the FK-3", "the S-400
    arrived aboard An-124 cargo planes". Not one bought or handed over itself ("Egypt ordered
    Il-76 transport aircraft"): only the subject of its own movement or what the goods came by."""
    weapon = _root(doc, system.words_start, system.words_end) if doc is not None else None
    if weapon is None or not any(s.value["name"] != system.value["name"] for s in named):
        return False
    noun = _first_conjunct(_phrase_head(weapon))
    if not any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _FREIGHT for c in noun.children):
        return False
    return noun.dep_ == "nsubj" or noun.dep_ == "pobj" and noun.head.lower_ in _CARRIED_BY


def _carried_aboard(doc, system: Finding) -> bool:
    """The system is the transport the goods came aboard ("arrived in April aboard six Y-20
    transport aircraft"): no goods of the sentence, whatever else it names."""
    weapon = _root(doc, system.words_start, system.words_end) if doc is not None else None
    if weapon is None:
        return False
    noun = _first_conjunct(_phrase_head(weapon))
    return noun.dep_ == "pobj" and noun.head.lower_ == "aboard" and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in _FREIGHT for c in noun.children)


_ITS_BEFORE = re.compile(r"\b(?:its|their)\s+(?:[\w’'-]+\s+){0,6}$", re.IGNORECASE)


def _subject_clause(doc, at: int):
    """The clause the words at ``at`` are the subject of, when it is joined by "and" to another."""
    token = _root(doc, at, at + 1)
    if token is None:
        return None
    noun = _phrase_head(token)
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = _main_clause(noun)
    return clause if clause.dep_ == "conj" and clause.head.i != clause.i else None


def _other_systems_clause(text, sentence, doc, system: Finding, named, cue: str) -> bool:
    """The cue is in a clause (with what it governs) that names another system of the sentence
    and not this one: a stage of that one's deal."""
    if doc is None or not cue or (at := text.find(cue, sentence.start, sentence.end)) < 0:
        return False
    said, weapon = _root(doc, at, at + len(cue)), _root(doc, system.words_start, system.words_end)
    if said is None or weapon is None:
        return False
    clause = _main_clause(said)
    if clause.dep_ in ("relcl", "acl") and clause.head.i == _phrase_head(weapon).i:
        return False  # "Su-35 jets, 24 of which were delivered": a clause about the system itself
    inside = {t.i for t in clause.subtree}
    return weapon.i not in inside and any(
        (other := _root(doc, s.words_start, s.words_end)) is not None and other.i in inside
        for s in named if s.value["name"] != system.value["name"])


def _later_clause_subject(text, sentence, doc, system: Finding, cue: str) -> bool:
    """The system is in a clause joined by "and" to the one of the sentence's cue, with a subject
    of its own ("…, and the Rafales are expected to arrive in 2027"): the cue is not about it."""
    if doc is None or not cue or (at := text.find(cue, sentence.start, sentence.end)) < 0 or at > system.words_start:
        return False
    weapon, said = _root(doc, system.words_start, system.words_end), _root(doc, at, at + len(cue))
    if weapon is None or said is None:
        return False
    own, theirs = _main_clause(weapon), _main_clause(said)
    return (own.i != theirs.i and own.dep_ == "conj" and own.head.i == theirs.i
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in own.children))


def _its_country(text, sentence, system: Finding, roles, supplier: str) -> Finding | None:
    """The country a possessive "its" before the system in its own clause stands for: the first
    one named earlier in the sentence, in no other role, other than the seller."""
    clause_start = max(text.rfind(",", sentence.start, system.words_start), text.rfind(";", sentence.start, system.words_start),
                       sentence.start)
    if not _ITS_BEFORE.search(text, clause_start, system.words_start):
        return None
    return next((m for m in roles if m.words_end <= clause_start and m.value["code"] != supplier), None)


# Made at home: "the indigenous Akash", "its home-grown Hisar", "locally built".
_HOME_MADE = re.compile(r"\b(?:indigenous(?:ly)?|home-?grown|homemade|home-made|locally[- ](?:made|built|developed|produced)|"
                        r"domestically[- ](?:made|built|developed|produced)|domestic|(?:its|their) own)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


# A noun of buying after the system (and a system joined to it): what "its own" is of.
_OWN_BUYING_AFTER = re.compile(r"(?:\s+and\s+(?:the\s+)?[\w-]+)?\s+(?:purchases?|acquisitions?|orders?|deals?|contracts?|buys?)\b",
                               re.IGNORECASE)


def _made_at_home(text, sentence, system: Finding) -> bool:
    """The system is made by its buyer ("the indigenous Akash", "its home-grown Hisar"); "its
    own" says so only of a system whose maker the base does not know: "dropped its own Su-35
    plan" is the buyer's own plan for a Russian jet."""
    match = _HOME_MADE.search(text, max(sentence.start, system.words_start - 40), system.words_start)
    if match and re.match(r"(?:its|their) own\b", match.group(), re.IGNORECASE) and _OWN_BUYING_AFTER.match(text, system.words_end):
        return False  # "its own S-400 and Su-35 purchases": the buyer's own purchase, not its make
    return bool(match) and not (system.value["maker_country"] and re.match(r"(?:its|their) own\b", match.group(), re.IGNORECASE))


def _in_clause_of(doc, mention: Finding, system: Finding) -> bool:
    """The country is named in the system's own clause (by the parse): not in a clause joined
    to it by "and" with a verb of its own. Without a parse, any clause."""
    country, weapon = _root(doc, mention.words_start, mention.words_end), _root(doc, system.words_start, system.words_end)
    if country is None or weapon is None:
        return True
    return _clause(country).i == _clause(weapon).i


def _with_listed(doc, marked, candidates) -> list[Finding]:
    """The buyers marked, with the countries the parse lists beside them: "India, China and Turkey
    have bought it" marks Turkey by its verb, and India and China with it."""
    if not marked or doc is None:
        return marked
    listed = set()
    for mention in marked:
        if (root := _root(doc, mention.words_start, mention.words_end)) is not None:
            listed |= {root.i, *(t.i for t in root.conjuncts)}
    return [c for c in candidates if c in marked or (
        (root := _root(doc, c.words_start, c.words_end)) is not None and root.i in listed)]


def _clause_recipients(recipients, candidates, system: Finding, doc, several: bool) -> list[Finding]:
    """The buyers the parse ties to the system's own clause. "Turkey, which bought S-400
    batteries, objected to the Greek plan": the country the relative clause is about, whatever
    it does in the main clause.
    "Israel sent Barak MX to Morocco and has sold SPYDER to the Philippines": with several
    systems, each takes the buyers of its own verb."""
    weapon = _root(doc, system.words_start, system.words_end)
    if weapon is None:
        return recipients
    clause = _clause(weapon)
    if clause.dep_ == "relcl" and clause.lemma_.lower() not in _WARNERS:
        # the noun the clause is about and those listed with it: "alongside Laos, Mali and
        # Burkina Faso, which took delivery of …" is about the three, wherever the parse hangs it
        listed = {clause.head.i, *(t.i for t in clause.head.conjuncts)}
        about = [c for c in candidates if (root := _root(doc, c.words_start, c.words_end)) is not None and root.i in listed]
        if about:
            return about
    if several:
        same = [r for r in recipients if (root := _root(doc, r.words_start, r.words_end)) is not None and _clause(root).i == clause.i]
        # "Turkey is seeking to buy F-16s … and has held talks with Britain on the Typhoon": the
        # clause with the verbs it governs ("seeking to buy"), not the one joined by "and".
        main = _main_clause(weapon).i
        same = same or [r for r in recipients if (root := _root(doc, r.words_start, r.words_end)) is not None
                        and _main_clause(root).i == main]
        return same or recipients
    return recipients


# A participle phrase set off by commas right after a system: ", offered to Turkey in 2013,".
_PARTICIPLE_AFTER = re.compile(r",\s+(?:\w+ly\s+)?(?:\w+ed|sold|bought|built|made|given|shown|won|\w+en)\b[^,;]*")


def _participle_span(text, system: Finding) -> tuple[int, int] | None:
    match = _PARTICIPLE_AFTER.match(text, system.words_end)
    return (match.start(), match.end()) if match else None


def _possessor(text, system: Finding, countries) -> Finding | None:
    """The country written in the possessive right before the system ("Vietnam's S-400")."""
    return next((c for c in countries if re.fullmatch(r"\s*['’]s\s+", text[c.words_end : system.words_start])), None)


_DIRECT_TO = re.compile(r"(?:\s+(?-i:[a-z])[\w-]*){0,2}\s+(?:to|for)\s+(?:the\s+)?")


def _direct_recipients(text, system: Finding, candidates) -> list[Finding]:
    """The countries right after the system and its "to" or "for" ("the S-400 systems to China")."""
    return [c for c in candidates if c.words_start > system.words_end and _DIRECT_TO.fullmatch(text, system.words_end, c.words_start)]


def _own_phrase_recipients(text, recipients, system: Finding, named) -> list[Finding]:
    """Several systems each with its own buyer in a participle phrase of its own ("the Chinese
    HQ-9, offered to Turkey in 2013, and the KM-SAM, bought by Egypt, compete"): a system's
    buyers are those inside its phrase when there are any, never those inside another's."""
    own = _participle_span(text, system)
    others = [span for s in named if s.value["name"] != system.value["name"] and (span := _participle_span(text, s))]
    inside = [c for c in recipients if own and own[0] <= c.words_start < own[1]]
    if inside:
        return inside
    return [c for c in recipients if not any(a <= c.words_start < b for a, b in others)]


def _role_in_own_clause(text, sentence, doc, recipient: Finding, cue: str) -> tuple[str, str] | None:
    """The stage and words of the buyer's role (``_taking_role``) in a clause of its own apart
    from the sentence's stated cue, when that role states less than the cue: "…, and Qatar is
    among its prospective buyers" (reported), not the cue's "in service"."""
    if doc is None or not cue or (cue_at := text.find(cue, sentence.start, sentence.end)) < 0:
        return None
    stated, country = _root(doc, cue_at, cue_at + len(cue)), _root(doc, recipient.words_start, recipient.words_end)
    if stated is None or country is None or recipient.words_start < sentence.start:
        return None
    cue_clause, own = _main_clause(stated), _main_clause(country)
    # clauses joined side by side ("…, and", "…, while"), not a relative clause on the buyer
    # ("The UAE, which operates the Pantsir-S1, is said to be weighing an order for jets")
    if cue_clause.i == own.i or not (own.dep_ in ("conj", "advcl") and own.head.i == cue_clause.i
                                     or cue_clause.dep_ in ("conj", "advcl") and cue_clause.head.i == own.i):
        return None
    if (role := _taking_role(_first_conjunct(country))) is None:
        return None
    pred, stage, raised = role
    # the role is the system's by reference ("its prospective buyers", "weighing it"), not other goods
    if _main_clause(pred).i != own.i or stage in _CERTAIN_ONLY and not raised or not any(
            t.lower_ in ("it", "its", "them", "their") for t in pred.subtree if _main_clause(t).i == own.i):
        return None
    return ("reported" if stage in _CERTAIN_ONLY else stage), pred.text


def _hedged_in_own_clause(text, sentence, doc, recipient: Finding, cue: str) -> str:
    """The hedged cue of signature or delivery whose verb governs the recipient, in a clause of
    its own apart from the sentence's stated cue: the words of that cue, else ""."""
    if doc is None or not cue or (cue_at := text.find(cue, sentence.start, sentence.end)) < 0:
        return ""
    stated, country = _root(doc, cue_at, cue_at + len(cue)), _root(doc, recipient.words_start, recipient.words_end)
    if stated is None or country is None or recipient.words_start < sentence.start:
        return ""
    own = _main_clause(country).i
    if _main_clause(stated).i == own:
        return ""
    if (clause := _main_clause(stated)).dep_ == "relcl" and clause.head.i == country.i:
        return ""  # "Turkey, which bought it in 2017, will receive a second batch": its own clause states the purchase
    words = text[sentence.start : sentence.end]
    patterns = [pattern for status, pattern in STATUS_CUES if status in _CERTAIN_ONLY] + [_DELIVERY_CUE.pattern]
    for pattern in patterns:
        for match in re.finditer(pattern, words, re.IGNORECASE):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            token = _root(doc, start, end)
            # the hedged verb governs the recipient: "is to deliver them to India" (not a denial of
            # other goods: "Belarus, which ordered the Pantsir, has not bought the S-400")
            if (token is not None and _main_clause(token).i == own and country in token.subtree and _hedged(doc, start, end)
                    and not _conditional(doc, start, end) and not _denies_other_goods(token)):
                return match.group()
    return ""


def _other_clause_statuses(text, sentence, doc, status: str, cue: str) -> list[tuple[str, str]]:
    """Statuses stated in another clause of the sentence than the one giving ``status``."""
    if doc is None or not cue:
        return []
    first_at = text.find(cue, sentence.start, sentence.end)
    first = _root(doc, first_at, first_at + len(cue)) if first_at >= 0 else None
    if first is None:
        return []
    clause, seen, found = _clause(first).i, {status}, []
    for other_status, other_cue, at in status_candidates(text, sentence, doc):
        token = _root(doc, at, at + len(other_cue))
        if other_status in seen or token is None or _clause(token).i == clause:
            continue
        seen.add(other_status)
        found.append((other_status, other_cue))
    return found


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# A part of what the sentence counted, right after the hand-over's words: "has received three of them".
_PART_OF_THEM = re.compile(r"\s+(?:(?:only|just|already|so far)\s+)?(?P<number>one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
                           r"\s+of\s+(?:them|those|these)\b", re.IGNORECASE)


def _delivery_quantity(text, sentence, quantities, doc, start: int, end: int) -> dict | None:
    """How much the hand-over at start..end is of: the count nearest its words in its own clause
    ("took delivery of the first battery … under an agreement covering seven batteries": one)."""
    words = text[sentence.start : sentence.end]
    counted = [(q.words_start, q.words_end, q.value) for q in quantities
               if sentence.start <= q.words_start < sentence.end and q.value.get("unit") != "contracts"]
    if (part := _PART_OF_THEM.match(text, end, min(sentence.end, end + 40))) and (
            wholes := [c for c in counted if c[1] <= start and c[2].get("unit")]):
        # "signed for five regiments and has received three of them": three of the unit counted before
        number = part["number"].lower()
        quantity = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        if quantity < (wholes[-1][2].get("quantity") or 0):
            return {"quantity": quantity, "unit": wholes[-1][2]["unit"], "words": part.group().strip()}
    if match := _ORDINAL_UNIT.search(words):
        if quantity := _ordinal_quantity(match.group()):
            counted.append((sentence.start + match.start(), sentence.start + match.end(), quantity))
    elif doc is not None and (one := _one_left(doc, start, end)) is not None:
        counted.append(one)
    if doc is not None and counted and (cue := _root(doc, start, end)) is not None:
        clause = _clause(cue).i
        own = [c for c in counted if (token := _root(doc, c[0], c[1])) is None or _clause(token).i == clause]
        # Not a count in a clause joined to the hand-over's by "and", with a verb of its own:
        # "…had arrived, and the army had inducted the Akash in two more squadrons".
        counted = own or [c for c in counted if not _joined(doc, _root(doc, c[0], c[1]), cue)
                          and not _order_count_of_a_part(text, doc, c, cue, end)]
    # A part counts, not the whole it is of: "Three of the five squadrons are in service" is three.
    counted = [c for c in counted if not any(o[0] <= c[0] and c[1] <= o[1] and o[1] - o[0] > c[1] - c[0] for o in counted)]
    if not counted:
        return _bare_count(text, sentence, quantities, doc, start, end)
    return min(counted, key=lambda c: abs(c[0] - start))[2]


# The units a count of the goods is in, which a bare count later in the paragraph stands for.
_COUNTED_UNITS = {*_ORDINAL_UNITS.values(), "launchers", "units", "sets"}
_OF_THEM = {"them", "those", "these"}


def _bare_count(text, sentence, quantities, doc, start: int, end: int) -> dict | None:
    """A count with no noun of its own as the hand-over's subject ("Two were handed over in 2022",
    "Three of them have arrived", "the remaining two are due by 2027"), of the units the paragraph
    counted before it: "…ordered three regiments. Two were handed over in 2022" is two regiments.
    Not of fewer than it counts."""
    verb = next((t for t in _tokens(doc, start, end) if t.pos_ == "VERB"), None) or _root(doc, start, end)
    if verb is not None and verb.dep_ == "acomp":
        verb = verb.head  # "the remaining two are due between 2026 and 2027": the subject of "are"
    subject = _subject_up(verb) if verb is not None else None
    if subject is None or subject.pos_ != "NUM" or not (subject.text.isdigit() or subject.lower_ in _NUMBER_WORDS) or any(
            not (c.dep_ == "prep" and c.lower_ == "of" and all(w.lower_ in _OF_THEM for w in c.children)
                 or c.dep_ == "det" or c.dep_ == "amod" and c.lower_ in _REST_MARKS) for c in subject.children):
        return None  # only the count, "two of them" or "the remaining two": not "two more", "two new ones"
    number = int(subject.text) if subject.text.isdigit() else _NUMBER_WORDS[subject.lower_]
    whole = _counted_before(text, sentence, quantities)
    if whole is None or (whole.get("quantity") or 0) < number:
        return None
    return {"quantity": number, "unit": whole["unit"], "words": subject.text}


def _counted_before(text, sentence, quantities) -> dict | None:
    """The last count of units of goods the sentence's paragraph gave before it ("three regiments");
    for a sentence that opens its paragraph, the paragraph before's (a wire's one-sentence paragraphs)."""
    begin = text.rfind("\n", 0, sentence.start) + 1
    if not text[begin : sentence.start].strip():
        begin = text.rfind("\n", 0, max(0, len(text[:begin].rstrip()))) + 1
    return next((q.value for q in sorted(quantities, key=lambda q: q.words_start, reverse=True)
                 if begin <= q.words_start < sentence.start and q.value.get("unit") in _COUNTED_UNITS), None)


def _order_count_of_a_part(text, doc, counted, cue, end: int) -> bool:
    """The count is what the buyer ordered in a verb the hand-over's is joined to, and the hand-over
    is of a part ("signed for two regiments in 2014 and took its first deliveries in 2018"): the
    order's count, not the part's. Kept for the whole ("…and had received all of them")."""
    verb = _root(doc, counted[0], counted[1])
    order = _clause(verb) if verb is not None else None
    if order is None or order.lemma_.lower() not in _ORDERING or not (cue.dep_ == "conj" and cue.head.i == order.i
                                                                      or _clause(cue).dep_ == "conj" and _clause(cue).head.i == order.i):
        return False
    rest = text[cue.idx : max(end, _clause(cue).right_edge.idx + len(_clause(cue).right_edge))]
    return bool(_PARTIAL.search(rest)) and not _WHOLE.search(rest)


def _one_left(doc, start: int, end: int) -> tuple[int, int, dict] | None:
    """One unit, when the subject of the hand-over at start..end is the one left of the goods, by
    a singular noun of their units: "the remaining regiment will follow" is one regiment."""
    verb = next((t for t in _tokens(doc, start, end) if t.pos_ == "VERB"), None)
    subject = _subject_up(verb) if verb is not None else None
    if subject is None or subject.tag_ != "NN" or subject.lemma_.lower() not in _ORDINAL_UNITS or not _rest_of_goods(subject):
        return None
    first = min([subject, *(c for c in subject.children if c.dep_ in ("det", "amod", "poss"))], key=lambda t: t.i)
    return (first.idx, subject.idx + len(subject),
            {"quantity": 1, "unit": _ORDINAL_UNITS[subject.lemma_.lower()], "words": doc.text[first.idx : subject.idx + len(subject)]})


_REPLACES = {"replace", "retire", "decommission", "succeed", "supersede", "upgrade", "modernise", "modernize", "phase"}


def _replaced_by(doc, system: Finding):
    """The verb by which the system is replaced or upgraded ("to replace its ageing S-300"),
    when it is: a system the country already has."""
    token = _root(doc, system.words_start, system.words_end) if doc is not None else None
    if token is None:
        return None
    noun = _phrase_head(token)
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in _REPLACES and any(
            c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children):
        return verb
    return None


def _first_conjunct(token):
    seen = 0
    while token.dep_ == "conj" and token.head.i != token.i and seen < 8:
        seen += 1
        token = token.head
    return token


# A relative clause's object that is the whole list it follows: "both of which", "all of which".
_THE_LIST = {"both", "all"}


def _governed(verb, token) -> bool:
    """The token names what the verb acts on: its object or passive subject ("receive THAAD
    batteries", "the S-400 was delivered"), or the thing a noun of its object is of ("took
    delivery of the S-400"), each of nouns joined by "and" ("the S-400 battalion and an
    Iskander-M complex were delivered": both)."""
    noun = _phrase_head(token)
    while noun.dep_ == "conj" and noun.head.i != noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = _phrase_head(noun.head)
    if noun.head.i == verb.i:
        return noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd")
    if verb.dep_ == "relcl" and verb.head.i == noun.i and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lower_ in _THE_LIST for c in verb.children):
        return True  # "the S-400 and the Su-35, both of which Minsk had received": each of the list
    prep = noun.head
    return noun.dep_ == "pobj" and (prep.head.i == verb.i or prep.head.dep_ == "dobj" and prep.head.head.i == verb.i)


def _joined(doc, a, b) -> bool:
    """Tokens a and b are in two clauses joined by "and", "but" (one the other's conjunct), the
    second with a subject of its own ("…had arrived, and the army had inducted…"; not "signed
    for six and had received all of them")."""
    if a is None or b is None:
        return False
    for one, other in ((_clause(a), _clause(b)), (_main_clause(a), _main_clause(b))):
        # by the verbs it governs too: "completed deliveries of 60 jets, and the Rafales are expected to start arriving"
        for first, second in ((one, other), (other, one)):
            if first.i != second.i and second.dep_ == "conj" and second.head.i == first.i and any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in second.children):
                return True
    return False


def _delivery_dates(text, sentence, dates, doc, start: int, end: int) -> list[Finding]:
    """The date of the hand-over at start..end, then the dates of further hand-overs the sentence
    lists after it. Never the dateline's; not a date in a clause of its own ("…, according to the
    report tabled on Tuesday"); of two phrases one inside the other, the longer."""
    inside = [d for d in dates if sentence.start <= d.words_start < sentence.end
              and not _DATELINE_BEFORE.match(text[sentence.start : d.words_start])]
    inside = [d for d in inside if not any(o is not d and o.words_start <= d.words_start and d.words_end <= o.words_end
                                           and (o.words_end - o.words_start) > (d.words_end - d.words_start) for o in inside)]
    inside = [d for d in inside if _same_clause(text, start, d.words_start)]
    if doc is not None:
        cue = _root(doc, start, end)
        if cue is not None:
            clause = _main_clause(cue)
            inside = [d for d in inside if (token := _root(doc, d.words_start, d.words_end)) is None or _main_clause(token).i == clause.i]
    if not inside:
        return []
    first = min(inside, key=lambda d: (d.words_start < start, abs(d.words_start - start)))
    later = [d for d in dates if first.words_end <= d.words_start < sentence.end
             and _AND_NEXT.search(text[first.words_end : d.words_start])]
    return [first, *later[:3]]


# "…S-400s to China and Pantsir-S1 systems to the United Arab Emirates": a system, at most two
# words, then "to" and its buyer's name; between two such pairs only "and", a comma and a count.
_TO_ITS_BUYER = re.compile(r"(?:\s+[\w-]+){0,2}?\s+to\s+(?:the\s+)?(?-i:[A-Z])")
_TO_BUYER_THEN_NEXT = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+to\s+(?:the\s+)?(?-i:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s*(?:,\s*|\s+)(?:and\s+)?"
    # only a count or a determiner before the next system, never a verb of its own ("and will supply")
    r"(?:(?:the|its|their|some|more|further|additional|new|\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|a dozen|dozens of|several)\s+){0,2}$")


def _gapped(text, deals) -> bool:
    """One verb hands several systems each to a buyer of its own, the verb written once: "Russia
    has delivered S-400s to China and Pantsir-S1 systems to the United Arab Emirates"."""
    firsts = {}
    for deal in sorted(deals, key=lambda d: d.words_start):
        firsts.setdefault(deal.value["system_name"], deal)
    recipients = {}
    for deal in deals:
        recipients.setdefault(deal.value["system_name"], set()).add(deal.value["recipient"])
    if (len(firsts) < 2 or any(len(r) != 1 for r in recipients.values())
            or len(set().union(*recipients.values())) < len(firsts) or len({d.value["supplier"] for d in deals}) != 1):
        return False
    ordered = list(firsts.values())
    for deal, following in zip(ordered, ordered[1:], strict=False):
        if not _TO_BUYER_THEN_NEXT.fullmatch(text, deal.words_end, following.words_start):
            return False
    return bool(_TO_ITS_BUYER.match(text, ordered[-1].words_end))


def _gapped_stages(text, deals) -> list[Finding]:
    """Each system of a gapped hand-over at the stage its verb states: "has handed Tor-M2 systems
    to Serbia and Su-35 fighters to Iran" hands the fighters over too."""
    if not _gapped(text, deals):
        return deals
    stated = next((d for d in deals if d.value["cue"] and d.value["status"] in ("delivering", "delivered")), None)
    if stated is None:
        return deals
    return [Finding(d.kind, d.start, d.end, d.words_start, d.words_end, {**d.value, "status": stated.value["status"],
                    "cue": stated.value["cue"], "hedged": stated.value.get("hedged", False)})
            if d.value["status"] == "reported" and not d.value["cue"] else d for d in deals]


def _deliveries_by_system(text, sentence, deals, dates, quantities, doc, status) -> list[Finding]:
    """The sentence's deliveries: one hand-over, or, when several systems each have a hand-over
    stated in words of their own, one per system by those words."""
    groups = {}
    for deal in deals:
        groups.setdefault(deal.value["system_name"], []).append(deal)
    handing = {name: next((d for d in group if d.value["status"] in ("delivering", "delivered") and d.value["cue"]), None)
               for name, group in groups.items()}
    spans = {}
    for name, deal in handing.items():
        at = text.find(deal.value["cue"], sentence.start, sentence.end) if deal is not None else -1
        if at >= 0 and any(sentence.start + m.start() < at + len(deal.value["cue"]) and at < sentence.start + m.end()
                           for m in _DELIVERY_CUE.finditer(text[sentence.start : sentence.end])):
            spans[name] = (at, at + len(deal.value["cue"]))
    if len(groups) < 2 or len(spans) < len(groups) or len(set(spans.values())) < len(groups):
        return _deliveries_by_recipient(text, sentence, deals, dates, quantities, doc, status)
    found = []
    for name, group in groups.items():
        found += _deliveries(text, sentence, group, dates, quantities, doc, status, only=spans[name])
    return found


def _own_words(text, sentence, deal: Finding) -> list[tuple[int, int]]:
    """Where a deal's words are in its sentence: its own, then its cue's."""
    cue = deal.value.get("cue") or ""
    at = text.find(cue, sentence.start, sentence.end) if cue else -1
    return [(deal.words_start, deal.words_end), *([(at, at + len(cue))] if at >= 0 else [])]


def _deliveries_by_recipient(text, sentence, deals, dates, quantities, doc, status) -> list[Finding]:
    """Buyers each with a hand-over in a clause of their own ("China received the last regiment
    in 2020, while Turkey took delivery of four batteries in 2019"): one per buyer, by its
    clause's words, with that clause's count and date."""
    words = text[sentence.start : sentence.end]
    cues = [(sentence.start + m.start(), sentence.start + m.end()) for m in _DELIVERY_CUE.finditer(words)]
    groups = {}
    for deal in deals:
        groups.setdefault(deal.value["recipient"], []).append(deal)
    spans = {}
    for recipient, group in groups.items():
        # a buyer's own hand-over words, made or ahead: "Turkey received its systems in 2019, and
        # deliveries to India are expected to begin next year"
        own = next((span for d in group if d.value["status"] in ("delivering", "delivered", "reported")
                    for span in _own_words(text, sentence, d)
                    if any(start < span[1] and span[0] < end for start, end in cues)), None)
        if own is not None:
            spans[recipient] = own
    starts = sorted(start for start, _ in spans.values())
    if (len(groups) < 2 or len(spans) < len(groups)
            or any(_same_clause(text, a, b) for a, b in zip(starts, starts[1:], strict=False))):
        return _deliveries(text, sentence, deals, dates, quantities, doc, status)
    found = []
    for recipient, group in groups.items():
        start, end = spans[recipient]
        # the clause's own stretch: its dates and counts only
        joins = [m for m in _CLAUSE_JOIN.finditer(text, sentence.start, sentence.end)]
        begin = max([m.end() for m in joins if m.end() <= start], default=sentence.start)
        stop = min([m.start() for m in joins if m.start() >= end], default=sentence.end)
        found += _deliveries(text, sentence, group, [d for d in dates if begin <= d.words_start < stop],
                             [q for q in quantities if begin <= q.words_start < stop], doc, status, only=(start, end))
    return found


_AFTER_A_STOP = re.compile(r"(?:,\s*|\b)(?:after|following|once)\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)

# The rest of an order told coming, its system unnamed: "the remaining regiment will follow",
# "the other two batteries are due to arrive", "the rest should come by June".
_COMING = {"follow", "arrive", "come"}
# Sent, in the passive, the goods its subject: "the remaining systems will be sent in June".
_SENT = {"send", "dispatch"}
_REST_MARKS = {"remaining", "other", "last", "final", "outstanding"}
# A later part of the goods, coming: "the second batch will come in June", "two more will follow".
_LATER_MARKS = _REST_MARKS | {"second", "third", "fourth", "fifth", "next", "more", "further"}
_REST_NOUNS = {"rest", "remainder", "balance"}
_REST_GOODS = _HARDWARE_WORDS | {"set", "batch", "shipment", "consignment", "one", "they", "them", "those"}
# Any words, to make a match of a span the parse found, where a cue is a match.
_SPAN = re.compile(r".+", re.DOTALL)


def _subject_up(verb):
    """The verb's subject, else the subject of what it completes: "are due to arrive", "are
    expected to come"."""
    node = verb
    for _ in range(3):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or node.dep_ not in ("xcomp", "acomp"):
            return subject
        node = node.head
    return None


def _rest_of_goods(noun, marks=frozenset(_REST_MARKS)) -> bool:
    """The noun is what is left of the goods: "the remaining regiment", "the other two", "the
    rest (of them)"; not "the rest of the world", nor "other buyers". With ``marks``, a part
    marked otherwise ("the second batch", "two more")."""
    if noun.lemma_.lower() in _REST_NOUNS:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return whole is None or whole.pos_ == "NUM" or whole.lemma_.lower() in _REST_GOODS
    return (noun.pos_ == "NUM" or noun.lemma_.lower() in _REST_GOODS) and any(
        c.dep_ == "amod" and c.lower_ in marks for c in noun.children)


def _rest_to_come(doc, sentence):
    """The verb by which the rest of the goods, or a later part of them, is said to come, ahead
    or hedged ("will follow", "is due to arrive", "the second batch will come in June", "the
    remaining systems will be sent"); a verb with an object of its own ("follow suit") is no
    hand-over, nor one coming under something ("will come under the navy's command")."""
    for verb in _tokens(doc, sentence.start, sentence.end):
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in _COMING | _SENT or any(
                c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ == "under" for c in verb.children):
            continue
        if (subject := _subject_up(verb)) is not None and (lemma in _COMING or subject.dep_ == "nsubjpass") and _rest_of_goods(
                subject, _LATER_MARKS) and _hedged(doc, verb.idx, verb.idx + len(verb)):
            return verb
    return None


def _coming_cue(text, sentence, doc) -> re.Match | None:
    """The words of the rest coming, its auxiliaries with it ("will come"), as a cue of the
    sentence's own words."""
    verb = _rest_to_come(doc, sentence) if doc is not None else None
    if verb is None:
        return None
    first = min([c for c in verb.children if c.dep_ in ("aux", "neg") and c.i < verb.i] + [verb], key=lambda t: t.i)
    return _SPAN.match(text[sentence.start : sentence.end], first.idx - sentence.start, verb.idx + len(verb) - sentence.start)


def _deal_counting(found, quantities, noun) -> Finding | None:
    """The last deal whose sentence counted units of the noun's kind ("Egypt ordered three
    regiments"): what "the remaining regiment" is left of, when deals of other units came since."""
    unit = _ORDINAL_UNITS.get(noun.lemma_.lower())
    if unit is None:
        return None
    return next((d for d in reversed(found) if d.kind == Kind.DEAL and any(
        q.value.get("unit") == unit and d.start <= q.words_start < d.end for q in quantities)), None)


def _part_of_whole(doc, sentence) -> bool:
    """A count of a part of a whole counted before, without their kind: "has received three of
    its five": of the units the article named."""
    return any(t.pos_ == "NUM" and t.dep_ in ("dobj", "nsubj", "nsubjpass") and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(
            w.dep_ == "pobj" and w.pos_ == "NUM" and any(d.dep_ in ("poss", "det") for d in w.children) for w in c.children)
        for c in t.children) for t in _tokens(doc, sentence.start, sentence.end))



_VISITORS = {"delegation", "official", "minister", "president", "envoy", "diplomat", "team", "expert", "specialist", "crew",
             "troop", "leader", "secretary", "negotiator", "visitor", "guest", "inspector", "journalist", "chief", "commander"}


def _visitors_came(doc, start: int, end: int) -> bool:
    """The words are people's coming: "a delegation will arrive in Moscow"."""
    verb = _root(doc, start, end) if doc is not None else None
    subject = _subject_up(verb) if verb is not None and verb.lemma_.lower() in ("arrive", "come", "reach", "land") else None
    return subject is not None and subject.lemma_.lower() in _VISITORS


def _deliveries(text, sentence, deals, dates, quantities, doc, status, only: tuple[int, int] | None = None) -> list[Finding]:
    """A delivery per deal of a sentence that speaks of one: actual when it states a hand-over
    (its status is delivering or delivered), planned when the hand-over is future or hedged
    ("will arrive by December 2027", "deliveries are scheduled for 2025"); none of a question."""
    words = text[sentence.start : sentence.end]
    if is_question(words):
        return []
    # "supplied … with the S-300VM, delivered in 2017": the hand-over's own word dates it.
    cues = list(_DELIVERY_CUE.finditer(words))
    if not cues and (coming := _coming_cue(text, sentence, doc)) is not None:
        cues = [coming]  # "the rest will come by June": the parse's hand-over, in words no cue lists
    held = _operational_cues(words, sentence, doc, cues)
    cues = sorted(cues + held, key=lambda c: c.start())
    # a stop the sentence puts behind a hand-over it states first: "will hand over the rest by
    # June, after shipments were paused in the autumn"
    behind = [(name, cue, at) for name, cue, at in status_candidates(text, sentence, doc)
              if name in ("cancelled", "suspended") and _AFTER_A_STOP.search(text, sentence.start, at)
              and any(sentence.start + c.end() <= at for c in cues)]
    cues = [c for c in cues if not any(at <= sentence.start + c.start() < at + len(cue) for _, cue, at in behind)]
    # people coming are no goods: "a delegation will arrive in Moscow to discuss an order"
    cues = [c for c in cues if not _visitors_came(doc, sentence.start + c.start(), sentence.start + c.end())]
    if only is not None:
        # the hand-over of one system of several, by its own words ("Italy has supplied a SAMP/T
        # unit to Ukraine, and Germany has handed IRIS-T batteries to Kyiv")
        cues = [c for c in cues if sentence.start + c.start() < only[1] and only[0] < sentence.start + c.end()] or cues
    if doc is not None and cues and len({d.value["system_name"] for d in deals}) == 1 and (
            own := _subject_clause(doc, deals[0].words_start)) is not None:
        # "France completed deliveries of the Mirage jets, and the Rafales are expected to start
        # arriving in 2027": the system, subject of a clause of its own, has that clause's hand-over
        cues = [c for c in cues if (t := _root(doc, sentence.start + c.start(), sentence.start + c.end())) is None
                or _main_clause(t).i != own.head.i]
    # a hand-over's own verb before what followed it: "were deployed after they were delivered in 2021"
    match = next((cue for cue in cues if cue.group().lower() != "supplied" and not re.fullmatch(_FIELDED, cue.group(), re.IGNORECASE)),
                 None) or next((cue for cue in cues if cue.group().lower() != "supplied"), cues[0] if cues else None)
    if match and doc is not None and _hedged(doc, sentence.start + match.start(), sentence.start + match.end()):
        # "…has supplied it to China and is to deliver it to India": the hand-over stated first
        # ("will receive two by 2028, and the third is expected in 2026": both ahead, the first kept)
        match = next((cue for cue in cues if not _hedged(doc, sentence.start + cue.start(), sentence.start + cue.end())
                      and not _PLANNED.search(cue.group())), match)
    if not match or status == "denied":
        return []
    if _OWN_FORCES.search(words) and all((m := _FIELDING_CUE.match(words, c.start())) and m.end() == c.end() for c in cues):
        return []  # "the army has moved its batteries to Punjab, where they are stationed": the buyer's own deployment
    candidates = [c for c in status_candidates(text, sentence, doc) if c not in behind]
    if any(name in ("cancelled", "suspended") and _DELIVERY_CUE.search(cue) for name, cue, _ in candidates) or _STOPPED.search(words):
        return []  # "halted deliveries", "would stop deliveries", "could stop deliveries"
    if status in ("cancelled", "suspended") and any(name == status for name, _, _ in candidates) and not any(
            name in ("delivering", "delivered") for name, _, _ in candidates):
        return []  # "suspended the contract": the hand-over it names is not one that happened
    start, end = sentence.start + match.start(), sentence.start + match.end()
    if doc is not None and _conditional(doc, start, end):
        return []  # "…if the systems were deployed in Qatar": a hand-over supposed, neither made nor planned
    if re.search(r"\b(?:talks|negotiations?|consultations|discussions?)\s+(?:with\s+(?:[\w'’-]+\s+){1,4}?)?"
                 r"(?:on|about|over|for)\s+(?:the\s+)?$", text[max(sentence.start, start - 70) : start], re.IGNORECASE):
        return []  # "talks (with Cairo) on the delivery of…": what is discussed, not a hand-over planned
    relative = doc is not None and _reduced_relative(doc, start, end)
    hedged = _hedged(doc, start, end) and not relative if doc is not None else bool(_PLANNED.search(words))
    # "reportedly received it last year", "is said to have taken delivery": a hand-over done, told
    # by hearsay (the deal's status, reported, keeps the doubt), not one planned
    told = hedged and not _hedged(doc, start, end, hearsay=False)
    hedged = hedged and not told
    if not hedged and not relative and not told and not _FOLLOWED.search(words) and not any(
            name in ("delivering", "delivered") for name, _, _ in candidates):
        # A delivery named but neither stated nor planned ("a delivery contract"): nothing to draft.
        if not _PLANNED.search(words):
            return []
        hedged = True
    if hedged and (_NEGATION.search(text[max(sentence.start, start - 30) : end]) or _NONE_AFTER.match(text, end)):
        return []  # "has not received them", "has received none so far"
    if hedged and (re.fullmatch(_FIELDED, match.group(), re.IGNORECASE) or match in held):
        return []  # "will be put on combat duty", "will be operational": fielding ahead, of what may be there already
    stated = _delivery_dates(text, sentence, dates, doc, start, end)
    date = stated[0] if stated else None
    quantity = _delivery_quantity(text, sentence, quantities, doc, start, end)
    if not hedged and any(d.value["status"] in ("delivering", "delivered") for d in deals):
        # A buyer in a clause of talks or offers gets no hand-over: "…delivered to China, and is
        # negotiating with Saudi Arabia".
        deals = [d for d in deals if d.value["status"] not in ("negotiating", "offered", "reported")]
        if len({d.value["recipient"] for d in deals}) > 1:
            # Buyers at their own clauses' stages: "Egypt became its first customer in 2021, and
            # deliveries to Ukraine began in 2022" is a hand-over to Ukraine only.
            deals = [d for d in deals if d.value["status"] in ("delivering", "delivered")]
    gapped = _gapped(text, deals)
    by_system = {deal.value["system_name"]: deal.words_start for deal in deals}
    if not gapped and len(by_system) > 1 and doc is not None and (verb := _root(doc, start, end)) is not None:
        # Several systems: the one the hand-over's verb governs ("relies on Patriot batteries and
        # is to receive THAAD batteries next year": the THAAD).
        governed = {name for name, at in by_system.items() if (t := _root(doc, at, at + 1)) is not None and _governed(verb, t)}
        if not governed and _main_clause(verb).dep_ == "conj":
            # "…, and the Rafales are expected to start arriving": the subject of the hand-over's own clause
            governed = {name for name, at in by_system.items() if (t := _root(doc, at, at + 1)) is not None
                        and (noun := _phrase_head(t)).dep_ in ("nsubj", "nsubjpass") and _main_clause(noun).i == _main_clause(verb).i}
        if governed:
            deals = [deal for deal in deals if deal.value["system_name"] in governed]
            by_system = {name: at for name, at in by_system.items() if name in governed}
        # several systems the verb governs together, each with its own count: "a Tor-M2 battery
        # and two Pantsir-S1 systems were handed over"
        gapped = len(governed) > 1
    if not gapped and len(by_system) > 1:
        # Several systems: the hand-over is of the one named nearest before its words ("the
        # MiG-29M fighters, 46 of which were delivered by 2020, and the S-300VM system").
        nearest = min(by_system, key=lambda name: (by_system[name] > start, abs(by_system[name] - start)))
        deals = [deal for deal in deals if deal.value["system_name"] == nearest]
    if quantity and _AIR_DEFENCE_WORDS.fullmatch(quantity.get("unit") or "") and deals and all(_aircraft(text, d) for d in deals):
        # "Turkey bought four batteries and took them in 2019, a decision that cost it the F-35":
        # batteries handed over are not the jets the sentence names
        return []
    other = _other_clause_delivery(text, sentence, cues, match, hedged, dates, quantities, doc)
    if other is not None:
        # "Two were received last year, and the rest will follow by mid-2026": the later date is
        # the other clause's hand-over, not a second one of this clause's kind.
        stated = [d for d in stated if d.words_start < other["start"]] or stated[:1]
    found, drafted = [], set()
    for deal in deals:
        value = deal.value
        if (value["supplier"], value["recipient"], value["system_name"]) in drafted:
            continue  # one hand-over per deal, whatever the stages the sentence states
        drafted.add((value["supplier"], value["recipient"], value["system_name"]))
        if gapped:
            # each system's own count, written just before it: "two regiments to China and six
            # Pantsir systems to Algeria"
            quantity = next((q.value for q in quantities if q.words_start <= deal.words_start < q.words_end
                             and q.value.get("quantity")), None)
        the_deal = {"supplier": value["supplier"], "recipient": value["recipient"],
                    "system": value["system_name"], "slug": value["system"]}
        found.append(Finding(
            Kind.DELIVERY, sentence.start, sentence.end, start, end,
            {
                "deal": the_deal,
                "planned": hedged,
                "quantity": quantity["quantity"] if quantity else None,
                "unit": quantity["unit"] if quantity else None,
                "quantity_words": quantity["words"] if quantity else "",
                "date": {key: date.value[key] for key in ("words", "edtf", "earliest", "latest", "basis")} if date else None,
                "cue": match.group(),
            },
        ))
        for later in stated[1:]:
            # "…and the second in the summer of 2019": one more hand-over, of the same unit.
            found.append(Finding(
                Kind.DELIVERY, sentence.start, sentence.end, start, end,
                {"deal": the_deal, "planned": hedged, "quantity": None, "unit": quantity["unit"] if quantity else None,
                 "quantity_words": "",
                 "date": {key: later.value[key] for key in ("words", "edtf", "earliest", "latest", "basis")},
                 "cue": match.group()},
            ))
    if found and other:
        found.extend(Finding(Kind.DELIVERY, sentence.start, sentence.end, other["start"], other["end"],
                             {**delivery.value, **other["value"]}) for delivery in found[:1])
    return found


def _operational_cues(words, sentence, doc, cues) -> list[re.Match]:
    """The goods said to be operational (``_operational_spans``), as cues of the sentence's own
    words, where no cue the patterns list covers them."""
    if doc is None:
        return []
    spans = [(start - sentence.start, end - sentence.start) for start, end in _operational_spans(doc, sentence)]
    return [_SPAN.match(words, start, end) for start, end in spans
            if not any(c.start() < end and start < c.end() for c in cues)]


def _reduced_relative(doc, start: int, end: int) -> bool:
    """The hand-over is a bare participle of its noun, a fact of its own ("the batteries,
    delivered in 2021, have never been switched on"): the negation or modal of the clause
    around it is not its own."""
    verb = next((t for t in _tokens(doc, start, end) if t.pos_ == "VERB"), None)
    return bool(verb is not None and verb.dep_ == "acl" and verb.tag_ == "VBN"
                and not any(c.dep_ in ("aux", "auxpass") for c in verb.children))


def _earlier(other, dates, first_at: int, other_at: int) -> bool:
    """The other clause's date ends before the deadline of the first hand-over's clause ("by" dates
    begin at publication, so their ends are compared)."""
    first = next((d for d in dates if first_at <= d.words_start < other_at), None)
    return first is not None and other.value["latest"] < first.value["latest"]


_FIELDING_CUE = re.compile(rf"(?:{_FIELDED}|{_IN_PLACE})", re.IGNORECASE)
# The buyer's own forces moving what they have: "the army deployed its batteries", "the Air
# Force has stationed its squadrons": fielding, which tells of no hand-over by itself.
_OWN_FORCES = re.compile(
    r"\b(?:army|air force|military|armed forces|troops|navy|IAF)\b"
    r"|\b(?:its|their) (?:own )?(?:[\w-]+ ){0,2}?(?:batteries|squadrons|regiments|battalions|divisions|systems|units|launchers)\b",
    re.IGNORECASE,
)


# A speaker's further words, a clause of their own for a hand-over: "…by 2028, an officer said,
# adding that the third is expected in 2026". Kept to deliveries: statuses read clauses by _CLAUSE_JOIN.
_SPEAKER_ADDS = re.compile(r",\s+(?:adding|noting)\s+that\b")


# A plan said to be the first one, since replaced: "originally due by April 2023".
_SUPERSEDED = {"originally", "initially", "previously"}


# A hand-over denied: "has not received", "never arrived"; "has received none (so far)".
# Hand-overs stated as what came after the deal: "the contract was signed in 2018 and deliveries
# followed in 2021", "the contract was followed by deliveries" (not "no deliveries followed").
_FOLLOWED = re.compile(
    r"(?<!\bno )\b(?:deliver(?:y|ies)|shipments?|hand-?overs?|transfers?) (?:[\w-]+ ){0,2}?followed\b(?! (?:by|suit)\b)"
    r"|\bfollowed by (?:the |its |their )?(?:first |initial )?(?:deliver(?:y|ies)|shipments?|hand-?overs?|transfers?)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|never|no)\b", re.IGNORECASE)
_NONE_AFTER = re.compile(r"\s+(?:none|nothing)\b", re.IGNORECASE)


def _other_clause_delivery(text, sentence, cues, first, hedged: bool, dates, quantities, doc) -> dict | None:
    """A hand-over of the other kind in a later clause of the sentence: "three squadrons are in
    service, and Moscow has promised the remaining two by August 2026" (done, then planned)."""
    first_at = sentence.start + first.start()
    for cue in cues:
        start, end = sentence.start + cue.start(), sentence.start + cue.end()
        if start <= first_at or _same_clause(text, first_at, start) and not _SPEAKER_ADDS.search(text, first_at, start):
            continue
        if doc is not None and any(c.dep_ == "advmod" and c.lower_ in _SUPERSEDED for t in _tokens(doc, start, end) for c in t.children):
            continue  # "the fourth and fifth, originally due by April 2023, were held up": a plan given up
        planned = _hedged(doc, start, end) if doc is not None else bool(_PLANNED.search(text[start : sentence.end]))
        planned = planned or bool(_PLANNED.search(cue.group()))
        if planned and _NEGATION.search(text[max(sentence.start, start - 30) : end]):
            continue  # "but the other two have not been handed over": no plan either
        stated = _delivery_dates(text, sentence, [d for d in dates if d.words_start >= start], doc, start, end)
        # its count may come before its verb, in its own clause: "and the other two will follow"
        joins = sorted(m.end() for join in (_CLAUSE_JOIN, _SPEAKER_ADDS) for m in join.finditer(text, first_at, start))
        counted_from = joins[-1] if joins else start
        quantity = _delivery_quantity(text, sentence, [q for q in quantities if q.words_start >= counted_from], doc, start, end)
        if planned == hedged and hedged and not (joins and quantity and stated and _earlier(stated[0], dates, first_at, start)):
            # Two hand-overs ahead only when the other is its own step, counted and due before the
            # first: "will receive the last two by 2028, and the third is expected in 2026"
            return None
        if planned == hedged and not hedged and (not joins or quantity is None or _ORDINAL_UNIT.match(quantity.get("words", ""))):
            # A second hand-over done, in a clause of its own with its own count: "received its
            # first squadron in 2021, and three squadrons have since been inducted"; not one of the
            # same ("…completed deliveries, with the last battalion handed over in February").
            return None
        return {"start": start, "end": end, "value": {
            "planned": planned, "cue": cue.group(),
            "quantity": quantity["quantity"] if quantity else None, "unit": quantity["unit"] if quantity else None,
            "quantity_words": quantity["words"] if quantity else "",
            "date": {key: stated[0].value[key] for key in ("words", "edtf", "earliest", "latest", "basis")} if stated else None,
        }}
    return None
