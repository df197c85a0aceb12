"""Is a recommendation SMART? What it lacks, with the words that show it.

Four things a board can hold an agency to account for, each found by the words that show it:

- ``owner``: an agency or body that will act (a named service, "the Board", "all agencies";
  "practitioners" or "professionals" alone own nothing). In a workbook, agencies named in the
  row's Agencies column count too.
- ``timescale``: when ("by March 2025", "within six months", "quarterly", "every year").
- ``measure``: how anyone will know it is done or worked (an audit, a report to the board,
  a survey, a measure, a percentage, monitoring, evaluation).
- ``action``: a specific action (develop, publish, audit, train, record, share with ...), not a
  vague verb alone ("consider", "be reminded", "raise awareness", "be aware", "promote").

These are word lists, not understanding: a flag is a prompt for the analyst to look, and the
words shown say why it was raised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scrgraph.results import SmartCheck, SmartGap

_NUM = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
        r"twenty|thirty|a|an)")
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
          r"december)")
_UNIT = r"(?:hours?|days?|weeks?|months?|years?|quarters?|terms?)"

_OWNERS = re.compile(r"\b(?:" + "|".join([
    r"(?:the )?(?:\w+ )?constabulary", r"(?:the )?police", r"probation(?: service)?",
    r"children's (?:services|social care)", r"adult(?:s')? social care", r"local authorit(?:y|ies)",
    r"(?:the |each )?council",
    r"(?:the )?(?:\w+ )?safeguarding (?:children |adults )?(?:board|partnership)",
    r"(?:the )?board", r"(?:the )?(?:\w+ )?partnership", r"community safety partnership",
    r"(?:the )?mash", r"(?:the )?marac", r"gps?(?: practices?)?", r"nhs(?: \w+)*? trust",
    r"(?:the )?(?:mental health |ambulance |hospital |acute )?trust", r"icb",
    r"integrated care board", r"clinical commissioning group", r"ccg", r"commissioners",
    r"health visit(?:ors|ing service)", r"school nurs(?:es|ing service)", r"midwi(?:ves|fery)",
    r"maternity (?:services|staff)", r"(?:the )?schools?", r"headteachers",
    r"youth (?:offending|justice) services?", r"housing (?:providers?|officers|services?)",
    r"(?:the )?department (?:for|of) [\w ]+?(?=\s(?:should|must|will|to)\b)", r"government",
    r"home office", r"(?:the )?(?:national )?panel", r"early help service",
    r"(?:the )?idva service", r"fire (?:and rescue )?service", r"care homes?",
    r"registered managers", r"employers", r"(?:all|each|every) agenc(?:y|ies)",
    r"(?:all|each|every) partner agenc(?:y|ies)", r"(?:the )?independent reviewing officers?",
    r"mental health services", r"district nursing service", r"the fsp lead",
]) + r")\b", re.IGNORECASE)

_TIMESCALES = re.compile(r"\b(?:" + "|".join([
    rf"by (?:the end of )?(?:{_MONTH}(?: \d{{4}})?|\d{{4}}|spring|summer|autumn|winter)",
    rf"by (?:\d{{1,2}} )?{_MONTH}", r"by the end of (?:the |this |next )?(?:year|month|quarter)",
    rf"within {_NUM} (?:working |school |calendar )?{_UNIT}",
    rf"(?:every|each) (?:{_NUM} )?{_UNIT}", r"at least (?:every|once a) \w+",
    r"weekly", r"monthly", r"quarterly", r"annual(?:ly)?", r"yearly", r"six-monthly",
    rf"{_NUM} {_UNIT} (?:after|of|from) (?:publication|launch|the)", r"before (?:the|a) \w+",
    r"(?:19|20)\d{2}",
]) + r")\b", re.IGNORECASE)

_MEASURES = re.compile(r"\b(?:" + "|".join([
    r"audit(?:s|ed|ing)?", r"dip samples?", r"measur(?:e|es|ed|ing)", r"monitor(?:s|ed|ing)?",
    r"report(?:s|ing)? (?:\w+ )?(?:to|on) (?:the )?\w+", r"report (?:its )?(?:progress|compliance|"
    r"findings|the findings|a plan)", r"evaluat(?:e|es|ed|ion|ing)", r"survey", r"compliance",
    r"evidence", r"\d+ ?%", r"per cent", r"proportion", r"the number of", r"data",
    r"performance (?:indicators?|measures?)", r"kpis?", r"track(?:er|ed|ing)?",
    r"outcome measures?",
    r"assurance report", r"annual report", r"review (?:the|its) impact",
]) + r")\b", re.IGNORECASE)

_VAGUE = re.compile(r"\b(?:" + "|".join([
    r"consider(?:s|ed|ing|ation)?", r"be reminded", r"remind(?:ed|s)?", r"raise(?:d)? awareness",
    r"awareness", r"be aware", r"be mindful", r"encourage(?:d|s)?", r"promote(?:d|s)?",
    r"reflect on", r"be (?:more )?professionally curious", r"be assured", r"should understand",
    r"recognise", r"improve", r"be supported", r"learn(?:ing)? should be shared",
    r"share the learning", r"be embedded", r"is embedded",
]) + r")\b", re.IGNORECASE)

_ACTIONS = re.compile(r"\b(?:" + "|".join([
    r"develop(?:s|ed)?", r"produce", r"publish", r"introduce", r"implement", r"revise",
    r"update", r"audit", r"train(?:ed)?", r"deliver", r"commission", r"establish", r"set up",
    r"appoint", r"record", r"complete", r"notify", r"refer", r"invite(?:d)?", r"provide",
    r"fund", r"issue", r"launch", r"create", r"agree(?:d)?", r"hold", r"offer(?:ed)?",
    r"check", r"ask", r"tell", r"inform", r"include", r"adopt", r"use", r"share [\w ]+? with",
    r"request", r"attend", r"see", r"speak to", r"review (?:every|each|all|its|their|the)",
    r"report", r"run", r"keep", r"lead", r"write", r"give", r"identify", r"acknowledge",
    r"confirm", r"link(?:ed)?", r"scrutinise", r"test", r"involve", r"follow",
]) + r")\b", re.IGNORECASE)


def _found(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for m in pattern.finditer(text):
        seen.setdefault(m.group(0).strip(), None)
    return tuple(seen)


def check_smart(text: str, agencies: Sequence[str] = ()) -> SmartCheck:
    """Check one recommendation; ``agencies``: the agencies a workbook row directs it at."""
    owners = tuple(agencies) + _found(_OWNERS, text)
    times = _found(_TIMESCALES, text)
    measures = _found(_MEASURES, text)
    vague = _found(_VAGUE, text)
    actions = _found(_ACTIONS, text)
    first_vague = _VAGUE.search(text)
    first_action = _ACTIONS.search(text)
    if first_vague and first_action and first_vague.start() < first_action.start():
        actions = ()  # "should consider the use of ...": the action is only considered
    found = {"owner": owners, "timescale": times, "measure": measures, "action": actions}
    gaps: list[SmartGap] = []
    if not owners:
        gaps.append(SmartGap("owner", "no owning agency: it does not name who will act"))
    if not times:
        gaps.append(SmartGap("timescale", "no timescale: it does not say by when"))
    if not measures:
        gaps.append(SmartGap("measure", "no measure: it does not say how anyone will know it "
                             "is done or has worked (an audit, a report, a measure)"))
    if not actions:
        if vague:
            shown = ", ".join(f"'{w}'" for w in vague)
            gaps.append(SmartGap("action", f"no specific action: only {shown}", vague))
        else:
            gaps.append(SmartGap("action", "no specific action: it does not say what is to "
                                 "be done"))
    return SmartCheck({k: v for k, v in found.items() if v}, tuple(gaps))
