"""A synthetic corpus of reviews, for measuring scrgraph at scale: ``scrgraph synth``.

Everything is fictional and templated: invented places, anonymised titles ("Child K4"), agency
names built from the invented places, recommendation and action texts put together from stock
phrases. Nothing in it describes a real person, case or partnership.

The distributions follow the sample data and what national collections publish: about 15
recommendations per review (more for domestic homicide reviews), one to three key themes and
practice standards per recommendation, with themes that travel together in the same case
(domestic abuse with engaging fathers and information sharing; neglect with early help...) and
standards chosen mostly among those the framework says speak to the recommendation's themes;
one or two agencies per recommendation, chosen by theme and kind of review; actions for under
half the recommendations, their statuses depending on how long ago the review was published.

The same ``seed`` and size always give byte-identical files: the only source of randomness is
one ``random.Random(seed)``, and nothing depends on today's date (every date lies between 2013
and 2025).

Rows are built as dictionaries keyed by the workbook format's *fields* (``loaders/workbook.toml``)
and written under the headers the format declares, so a column added to the format needs only
its field filled in here; a column the generator does not know is written empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrgraph.errors import ScrgraphError
from scrgraph.files import replacing
from scrgraph.framework.concepts import framework
from scrgraph.ingest.format import SheetSpec, workbook_spec
from scrgraph.results import SynthCorpus

Row = dict[str, Any]

LAST_DAY = dt.date(2025, 12, 31)
"""No date in the corpus lies after this day (so it never depends on today's date)."""

MAX_REVIEWS = 100_000

# -- places and agencies (invented) ----------------------------------------------------------

_PREFIXES = ("Ash", "Bram", "Cal", "Dun", "Elm", "Fen", "Gar", "Hol", "Ivy", "Kes", "Lun",
             "Mar", "Nor", "Oak", "Pem", "Quen", "Ros", "Sel", "Tarn", "Wex")
_SUFFIXES = ("mere", "shire", "vale", "ford", "by", "ton", "ham", "wick", "field", "dale")

# (code, name with {place}, sector)
_AGENCIES = (
    ("POL", "{place} Constabulary", "police"),
    ("HOSP", "{place} Hospitals NHS Foundation Trust", "health"),
    ("MH", "{place} Mental Health NHS Trust", "health"),
    ("CHS", "{place} Community Health Services (health visiting and school nursing)", "health"),
    ("ICB", "NHS {place} Integrated Care Board", "health"),
    ("GP", "{place} GP practices (primary care)", "health"),
    ("CSC", "{place} Council Children's Services", "childrens-social-care"),
    ("EDU", "{place} schools and education settings", "education"),
    ("PRB", "Probation Service, {place}", "probation"),
    ("ASC", "{place} Council Adult Social Care", "adult-social-care"),
    ("HSG", "{place} housing services", "housing"),
    ("DAS", "{place} Domestic Abuse Service", "voluntary-sector"),
    ("DRUG", "{place} drug and alcohol service", "voluntary-sector"),
    ("MASH", "{place} Multi-Agency Safeguarding Hub", "other"),
    ("SCPBU", "{place} Safeguarding Children Partnership business unit", "board"),
    ("SABBU", "{place} Safeguarding Adults Board business unit", "board"),
    ("CSPBU", "{place} Community Safety Partnership business unit", "board"),
)

# (partnership code, name with {place}, type)
_PARTNERSHIPS = {
    "children": ("SCP", "{place} Safeguarding Children Partnership"),
    "adults": ("SAB", "{place} Safeguarding Adults Board"),
    "community-safety": ("CSP", "{place} Community Safety Partnership"),
}

# -- reviews -----------------------------------------------------------------------------------

# kind: (share of reviews, partnership type, mean recommendations, first year)
_KINDS = {
    "CHILD": (0.44, "children", 14.0, 2013),  # SCR until 2019, LCSPR after
    "SAR": (0.25, "adults", 12.0, 2015),
    "DHR": (0.28, "community-safety", 18.0, 2013),
    "THEMATIC": (0.03, "children", 10.0, 2019),
}
_YEARS = tuple(range(2013, 2026))

_TITLES = {
    "SCR": ("Child {l}", "Baby {l}", "Sibling Group {l}", "Young Person {l}"),
    "LCSPR": ("Child {l}", "Baby {l}", "Sibling Group {l}", "Young Person {l}"),
    "SAR": ("Adult {l}", "Mr {l}", "Ms {l}", "Mrs {l}"),
    "DHR": ("DHR: Ms {l}", "DHR: Mrs {l}", "DHR: Mr {l}", "DHR: Adult {l}"),
}

# Themes that travel together in one case, and how likely each kind of review is to be
# about each group.
_PROFILES = {
    "abuse-at-home": ("domestic-abuse", "engaging-fathers", "information-sharing",
                      "historical-information"),
    "neglect": ("neglect", "early-help", "engagement-with-children", "challenge-and-escalation"),
    "exploitation": ("child-sexual-abuse", "engagement-with-children", "information-sharing",
                     "referral-quality-and-feedback"),
    "systems": ("information-sharing", "referral-quality-and-feedback",
                "challenge-and-escalation", "supervision"),
    "care-and-return": ("returning-children-home", "historical-information",
                        "engagement-with-children"),
    "learning": ("disseminating-learning", "supervision", "challenge-and-escalation"),
}
_PROFILE_WEIGHTS = {
    "CHILD": {"abuse-at-home": 5, "neglect": 4, "exploitation": 2, "systems": 3,
              "care-and-return": 1, "learning": 1},
    "SAR": {"abuse-at-home": 2, "neglect": 3, "exploitation": 1, "systems": 4, "learning": 2},
    "DHR": {"abuse-at-home": 8, "systems": 3, "learning": 1},
    "THEMATIC": {"neglect": 2, "exploitation": 2, "systems": 2, "learning": 2,
                 "abuse-at-home": 2, "care-and-return": 1},
}

# Which agencies a recommendation on a theme is usually for (codes of _AGENCIES).
_THEME_AGENCIES = {
    "domestic-abuse": ("POL", "DAS", "HOSP", "GP", "CSC", "PRB"),
    "challenge-and-escalation": ("CSC", "MASH", "SCPBU", "HOSP", "EDU"),
    "engaging-fathers": ("CSC", "CHS", "HOSP", "PRB"),
    "neglect": ("CSC", "EDU", "CHS", "GP"),
    "information-sharing": ("MASH", "POL", "GP", "HOSP", "ICB"),
    "returning-children-home": ("CSC", "EDU"),
    "disseminating-learning": ("SCPBU", "ICB", "CSC"),
    "engagement-with-children": ("CSC", "EDU", "CHS"),
    "referral-quality-and-feedback": ("MASH", "CSC", "POL", "EDU"),
    "early-help": ("CSC", "EDU", "CHS"),
    "child-sexual-abuse": ("POL", "CSC", "EDU", "HOSP"),
    "supervision": ("CSC", "CHS", "MH"),
    "historical-information": ("CSC", "POL", "GP", "PRB"),
}
_ALL_THEMES = tuple(sorted(_THEME_AGENCIES))

# Agencies that stand in for children's ones in adults' and community-safety reviews.
_SWAPS = {
    "adults": {"CSC": "ASC", "SCPBU": "SABBU", "EDU": "HSG", "CHS": "MH"},
    "community-safety": {"SCPBU": "CSPBU", "EDU": "HSG", "CHS": "DRUG"},
    "children": {},
}

# What a recommendation on each theme asks for: "<agency> should <phrase>."
_ASKS = {
    "domestic-abuse": (
        "ensure that staff ask about domestic abuse routinely and record every child and adult "
        "in the household",
        "make sure that risk assessments of domestic abuse consider the children in the home "
        "and are shared with partners",
        "review how repeat incidents of domestic abuse are identified and escalated to a "
        "multi-agency risk conference"),
    "challenge-and-escalation": (
        "remind practitioners how to challenge decisions they disagree with and escalate them",
        "audit the use of the escalation policy and report the findings to the partnership",
        "make professional challenge part of every supervision and case discussion"),
    "engaging-fathers": (
        "ensure that fathers and male carers are identified, assessed and involved in plans",
        "record every adult who lives in or regularly visits the home and check each of them",
        "include fathers in assessments even when they do not live with the child"),
    "neglect": (
        "use the neglect assessment tool so that cumulative harm is seen over time",
        "make sure that chronic neglect is reviewed against the family's whole history",
        "train staff to recognise neglect of older children and young people"),
    "information-sharing": (
        "share relevant information with partner agencies promptly and record what was shared",
        "agree how information about risk reaches the practitioners working with the family",
        "make sure that notifications between agencies are acknowledged and acted on"),
    "returning-children-home": (
        "assess the risks before a child returns home and review them after the return",
        "ensure that a plan is in place and shared before any child goes back home"),
    "disseminating-learning": (
        "share the learning from this review with all frontline staff and test its impact",
        "produce a seven-minute briefing from this review and evaluate its use",
        "report to the board on how the learning from reviews has changed practice"),
    "engagement-with-children": (
        "make sure that the child is seen alone and their views are recorded",
        "ensure that the child's lived experience is described in every assessment"),
    "referral-quality-and-feedback": (
        "improve the quality of referrals and give feedback to the referrer on every decision",
        "audit referrals for the information the front door needs to make a decision"),
    "early-help": (
        "ensure that early help plans have clear outcomes and are stepped up when they stall",
        "review how families move between early help and statutory services"),
    "child-sexual-abuse": (
        "train staff to recognise signs of sexual abuse and exploitation and act on them",
        "ensure that concerns about sexual abuse lead to a strategy discussion without delay"),
    "supervision": (
        "make sure that supervision reflects on cases, not only on tasks",
        "ensure that practitioners have regular supervision that tests their analysis of risk"),
    "historical-information": (
        "make sure that assessments draw on the family's history held by every agency",
        "ensure that previous concerns are read and weighed when a new referral arrives"),
}
_GENERIC_ASKS = (
    "review its procedures in the light of this review and report on the changes made",
    "audit a sample of cases to test whether practice has improved",
)
_WITHIN = ("", "", " within six months", " within twelve months", " and report to the board")

_ACTIONS = (
    "Revise the procedure and brief every team on the changes.",
    "Deliver training to all frontline staff and record attendance.",
    "Audit a sample of cases three months after the change and report the findings.",
    "Add a mandatory field to the case record and monitor its completion.",
    "Publish a practice guide and test its use in supervision.",
    "Hold multi-agency learning events on the findings of the review.",
)
_EVIDENCE = (
    "Audit found the change in most of the cases sampled.",
    "Training delivered; attendance recorded for most staff.",
    "Procedure revised and published; staff briefed.",
)
_BARRIERS = (
    "Staff turnover slowed the training programme.",
    "The case recording system could not be changed as planned.",
    "Funding for the post was not renewed.",
)
_REASONS = {
    "not-implemented": ("No funding was found for the change.",
                        "The partner agencies could not agree a common process."),
    "superseded": ("Superseded by a new multi-agency procedure.",
                   "Superseded by a national change in guidance."),
}
_CODERS = {"CHILD": ("SCR subgroup", "M&E officer"), "THEMATIC": ("M&E officer",),
           "SAR": ("SAR subgroup",), "DHR": ("DHR panel chair",)}

_FOUND = {
    "abuse-at-home": "the risk posed by an adult in the household was never assessed",
    "neglect": "the cumulative effect of long-standing neglect was not recognised",
    "exploitation": "signs of exploitation were seen by several agencies but not put together",
    "systems": "information held by separate agencies was never brought together",
    "care-and-return": "the risks of a return home were not assessed before it happened",
    "learning": "learning from earlier reviews had not changed practice",
}


@dataclass(frozen=True)
class _Area:
    code: str
    place: str

    def partnership(self, kind: str) -> str:
        return f"{self.code}{_PARTNERSHIPS[kind][0]}"

    def agency(self, code: str) -> str:
        return f"{self.code}-{code}"


def _areas(reviews: int) -> list[_Area]:
    """About one invented area for every 60 reviews, at most 200."""
    count = min(len(_PREFIXES) * len(_SUFFIXES), max(1, round(reviews / 60)))
    areas = []
    for n in range(count):
        prefix, suffix = _PREFIXES[n % len(_PREFIXES)], _SUFFIXES[n // len(_PREFIXES)]
        areas.append(_Area((prefix[:3] + suffix[:2]).upper(), prefix + suffix))
    return areas


def _pick(rng: random.Random, weights: dict[str, float] | dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _count(rng: random.Random, weights: Sequence[float]) -> int:
    return rng.choices(range(len(weights)), weights=weights)[0]


def _day(rng: random.Random, year: int) -> dt.date:
    start = dt.date(year, 1, 1)
    last = min(dt.date(year, 12, 31), LAST_DAY)
    return start + dt.timedelta(days=rng.randrange((last - start).days + 1))


def _later(day: dt.date, rng: random.Random, low: int, high: int) -> dt.date:
    return day + dt.timedelta(days=rng.randrange(low, high + 1))


class _Generator:
    """One corpus, item by item; every random draw comes from ``rng`` in a fixed order."""

    def __init__(self, reviews: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.reviews = reviews
        self.areas = _areas(reviews)
        fw = framework()
        self.theme_standards = {t.code: tuple(s.code for s in fw.standards_for_theme(t.code))
                                for t in fw.themes}
        self.standards = tuple(s.code for s in fw.standards)
        self.theme_labels = {t.code: t.label for t in fw.themes}
        self.sequence: Counter[tuple[str, str, int]] = Counter()

    def partnerships(self) -> Iterator[Row]:
        for area in self.areas:
            for kind, (_code, name) in _PARTNERSHIPS.items():
                yield {"id": area.partnership(kind), "name": name.format(place=area.place),
                       "type": kind}

    def agencies(self) -> Iterator[Row]:
        for area in self.areas:
            for code, name, sector in _AGENCIES:
                yield {"id": area.agency(code), "name": name.format(place=area.place),
                       "sector": sector}

    def reviews_with_items(self) -> Iterator[tuple[Row, list[Row], list[Row]]]:
        """Each review with its recommendations and their actions."""
        kind_weights = {k: v[0] for k, v in _KINDS.items()}
        for _ in range(self.reviews):
            yield self._review(_pick(self.rng, kind_weights))

    def _review(self, family: str) -> tuple[Row, list[Row], list[Row]]:
        rng = self.rng
        _share, partnership_type, mean, first = _KINDS[family]
        area = rng.choice(self.areas)
        # More reviews were published in recent years.
        years = [y for y in _YEARS if y >= first]
        year = rng.choices(years, weights=[1 + (y - 2013) * 0.15 for y in years])[0]
        published = _day(rng, year)
        kind, guidance = self._kind_and_guidance(family, year)
        partnership = area.partnership(partnership_type)
        self.sequence[(partnership, kind, year)] += 1
        review_id = f"{partnership}-{kind}-{year}-{self.sequence[(partnership, kind, year)]:02d}"
        profiles = self._profiles(family)
        letter = chr(ord("A") + rng.randrange(26))
        if kind == "THEMATIC":
            lead = _PROFILES[profiles[0]][0]
            title = f"Thematic review: {self.theme_labels[lead].lower()}"
        else:
            title = rng.choice(_TITLES[kind]).format(l=f"{letter}{rng.randrange(1, 10)}")
        review = {"id": review_id, "title": title, "kind": kind, "partnership": partnership,
                  "published": published, "guidance": guidance,
                  "summary": f"A fictional {kind} written for scrgraph's synthetic corpus. The "
                             f"review found that {_FOUND[profiles[0]]}."}
        count = max(2, min(40, round(rng.gauss(mean, mean * 0.35))))
        recommendations: list[Row] = []
        actions: list[Row] = []
        coders = _CODERS[family]
        coder = rng.choice(coders)
        coded_on = min(_later(published, rng, 20, 400), LAST_DAY)
        for number in range(1, count + 1):
            rec, acts = self._recommendation(review_id, number, area, partnership_type,
                                             profiles, published, coder, coded_on)
            recommendations.append(rec)
            actions.extend(acts)
        return review, recommendations, actions

    def _kind_and_guidance(self, family: str, year: int) -> tuple[str, str]:
        rng = self.rng
        if family == "CHILD":
            if year < 2019 or (year == 2019 and rng.random() < 0.5):
                return "SCR", "WT2013" if year < 2015 else "WT2015"
            return "LCSPR", "WT2018" if year < 2024 else "WT2023"
        if family == "THEMATIC":
            return "THEMATIC", "WT2018" if year < 2024 else "WT2023"
        if family == "SAR":
            return "SAR", "CA2014-S44"
        return "DHR", "DHR2016" if year < 2025 else "DHR2024"

    def _profiles(self, family: str) -> list[str]:
        weights: dict[str, int] = dict(_PROFILE_WEIGHTS[family])
        first = _pick(self.rng, weights)
        if self.rng.random() < 0.45:
            del weights[first]
            return [first, _pick(self.rng, weights)]
        return [first]

    def _themes(self, profiles: list[str]) -> list[str]:
        rng = self.rng
        wanted = _count(rng, (0.05, 0.35, 0.48, 0.12))
        pool = [t for p in profiles for t in _PROFILES[p]]
        themes: list[str] = []
        while len(themes) < wanted:
            theme = rng.choice(pool) if rng.random() < 0.85 else rng.choice(_ALL_THEMES)
            if theme not in themes:
                themes.append(theme)
        return themes

    def _standards(self, themes: list[str]) -> list[str]:
        rng = self.rng
        wanted = _count(rng, (0.03, 0.17, 0.70, 0.10))
        pool = [s for t in themes for s in self.theme_standards.get(t, ())]
        standards: list[str] = []
        while len(standards) < wanted:
            standard = rng.choice(pool) if pool and rng.random() < 0.75 else \
                rng.choice(self.standards)
            if standard not in standards:
                standards.append(standard)
        return sorted(standards, key=lambda c: tuple(int(p) for p in c.split(".")))

    def _agencies(self, area: _Area, partnership_type: str, themes: list[str]) -> list[str]:
        rng = self.rng
        wanted = _count(rng, (0.02, 0.63, 0.26, 0.08, 0.01))
        swaps = _SWAPS[partnership_type]
        pool = [swaps.get(c, c) for t in themes for c in _THEME_AGENCIES[t]] or ["SCPBU"]
        codes: list[str] = []
        while len(codes) < wanted:
            code = rng.choice(pool) if rng.random() < 0.8 else rng.choice(_AGENCIES)[0]
            if code not in codes:
                codes.append(code)
        return [area.agency(c) for c in codes]

    def _recommendation(self, review_id: str, number: int, area: _Area, partnership_type: str,
                        profiles: list[str], published: dt.date, coder: str,
                        coded_on: dt.date) -> tuple[Row, list[Row]]:
        rng = self.rng
        themes = self._themes(profiles)
        standards = self._standards(themes)
        agencies = self._agencies(area, partnership_type, themes)
        asks = _ASKS[themes[0]] if themes else _GENERIC_ASKS
        who = (next(name for code, name, _ in _AGENCIES if area.agency(code) == agencies[0])
               .format(place=area.place) if agencies else "Every partner agency")
        text = f"{who} should {rng.choice(asks)}{rng.choice(_WITHIN)}."
        coded = bool(themes or standards) and rng.random() < 0.97
        rec_id = f"{review_id}-R{number}"
        rec = {"id": rec_id, "review": review_id, "number": number, "text": text,
               "themes": themes, "standards": standards, "agencies": agencies,
               "smart": rng.random() < 0.88,
               "codedBy": coder if coded else None, "codedOn": coded_on if coded else None}
        actions = []
        owners = agencies or [area.agency("SCPBU")]
        for n in range(1, _count(rng, (0.56, 0.34, 0.10)) + 1):
            actions.append(self._action(f"{rec_id}-A{n}", rec_id, rng.choice(owners),
                                        published))
        return rec, actions

    def _action(self, action_id: str, rec_id: str, owner: str, published: dt.date) -> Row:
        rng = self.rng
        due = _later(published, rng, 60, 540)
        age = LAST_DAY.year - published.year
        if age >= 4:
            weights = {"completed": 70, "impact-evidenced": 12, "in-progress": 6, "open": 2,
                       "not-implemented": 4, "superseded": 6}
        elif age >= 2:
            weights = {"completed": 50, "impact-evidenced": 5, "in-progress": 25, "open": 10,
                       "not-implemented": 4, "superseded": 6}
        else:
            weights = {"completed": 15, "impact-evidenced": 1, "in-progress": 45, "open": 34,
                       "not-implemented": 2, "superseded": 3}
        status = _pick(rng, weights)
        completed = None
        if status in ("completed", "impact-evidenced"):
            completed = _later(due, rng, -90, 150)
            completed = max(completed, _later(published, rng, 14, 30))
            if completed > LAST_DAY:
                status, completed = "in-progress", None
        barriers = rng.choice(_BARRIERS) if rng.random() < 0.15 or status == \
            "not-implemented" else None
        return {"id": action_id, "recommendation": rec_id, "text": rng.choice(_ACTIONS),
                "owner": owner, "due": due, "status": status, "completed": completed,
                "evidence": rng.choice(_EVIDENCE) if completed else None,
                "barriers": barriers,
                "statusReason": rng.choice(_REASONS[status]) if status in _REASONS else None}


def _cell(value: Any) -> str:
    """A value as the workbook format writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Sheet:
    """One CSV file of the workbook format, written row by row under the format's headers."""

    def __init__(self, spec: SheetSpec, handle: Any) -> None:
        self.fields = [c.field for c in spec.columns]
        self.writer = csv.writer(handle, lineterminator="\n")
        self.writer.writerow([c.header for c in spec.columns])
        self.rows = 0

    def write(self, row: Row) -> None:
        unknown = set(row) - set(self.fields)
        if unknown:  # the format lost a column the generator fills: say so, never drop it
            raise ScrgraphError(f"The synthetic corpus has fields the workbook format does not "
                                f"declare: {', '.join(sorted(unknown))}.")
        self.writer.writerow([_cell(row.get(f)) for f in self.fields])
        self.rows += 1


def write_corpus(out: Path, *, reviews: int, seed: int) -> SynthCorpus:
    """Write a synthetic corpus of ``reviews`` reviews as a CSV folder (the workbook format)
    into ``out`` (created if missing; its CSV files are replaced). Deterministic by ``seed``."""
    if not 1 <= reviews <= MAX_REVIEWS:
        raise ScrgraphError(f"The number of reviews must be between 1 and {MAX_REVIEWS:,}; "
                            f"{reviews} was given.")
    if out.exists() and not out.is_dir():
        raise ScrgraphError(f"{out} is a file: give a folder to write the corpus into.")
    out.mkdir(parents=True, exist_ok=True)
    generator = _Generator(reviews, seed)
    spec = workbook_spec()
    with ExitStack() as stack:
        sheets: dict[str, _Sheet] = {}
        for sheet in spec.sheets:
            temporary = stack.enter_context(replacing(out / sheet.file))
            handle = stack.enter_context(temporary.open("w", encoding="utf-8", newline=""))
            sheets[sheet.name] = _Sheet(sheet, handle)
        for row in generator.partnerships():
            sheets["Partnerships"].write(row)
        for row in generator.agencies():
            sheets["Agencies"].write(row)
        for review, recommendations, actions in generator.reviews_with_items():
            sheets["Reviews"].write(review)
            for row in recommendations:
                sheets["Recommendations"].write(row)
            for row in actions:
                sheets["Actions"].write(row)
        counts = {name: sheet.rows for name, sheet in sheets.items()}
    return SynthCorpus(folder=out, seed=seed, rows=counts,
                       files=tuple(out / s.file for s in spec.sheets))
