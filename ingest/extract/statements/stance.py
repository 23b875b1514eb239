"""Whether a statement asserts, denies or only comments on what it is about."""
import re

from ..deals import DENIAL, REFUSAL

_DENIES = re.compile(
    r"\b(?:denied|denies|deny|rejected|rejecting|rejects|refuted|dismissed|no request|fake news|"
    r"not discussing|do not have|does not have|did not|never)\b|^“No,”|^\"No,\"", re.IGNORECASE
)
_ASSERTS = re.compile(
    r"\b(?:confirmed|confirms|signed|fulfilled|has paid|had paid|bought|agreed|intends to buy|"
    r"will be stationed|will enter service|were signed|were delivered|provides for|are continuing|"
    r"is ready|ready to consider|may be signed|were discussing|negotiating|could order|may buy|"
    r"(?:will|would) (?:be )?(?:suspend(?:ing)?|halt(?:ing)?|stop(?:ping)?|cancel(?:l?ing)?))\b",
    re.IGNORECASE,
)
# Saying that a request was refused asserts the refusal ("Bloomberg claimed Russia had
# rejected Iran’s request"); a speech verb that rejects a report is a denial ("Peskov
# rejected the Bloomberg report that …").
_REPORTS_REFUSAL = re.compile(rf"\b(?:{REFUSAL})\b", re.IGNORECASE)
_DENIAL = re.compile(rf"\b(?:{DENIAL})\b", re.IGNORECASE)


def stance(words: str, evidence: str, *, attribution: str, lead: str = "") -> str:
    """``lead``: the evidence up to the end of the words, whose attribution ends where the
    words begin ("Peskov dismissed | the Reuters story that …")."""
    if _DENIAL.search(attribution):
        return "denies"
    if lead and (match := _DENIAL.search(lead)) and match.start() < len(lead) - len(words):
        return "denies"
    # Whichever comes first: "has received no request …, rejecting a report that Moscow had
    # turned down Tehran’s demand" denies; "Russia had rejected Iran’s request" asserts.
    refusal, denial = _REPORTS_REFUSAL.search(words), _DENIAL.search(words)
    if refusal and (denial is None or refusal.start() < denial.start()):
        return "asserts"
    if denial or _DENIES.search(words) or _DENIES.search(evidence[:12]):
        return "denies"
    return "asserts" if _ASSERTS.search(words) else "comments"
