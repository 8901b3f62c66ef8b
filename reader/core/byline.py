"""Bylines and dates as people write them: names, outlets and dates from free text.

Shared by every format reader (plain text, Word, Markdown, web pages).
"""
from __future__ import annotations

import re
from datetime import date

from reader.core.lazy_re import lazy

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    # French, German, Spanish: articles exported from European desks keep their dates
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "januar": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6,
    "juli": 7, "oktober": 10, "dezember": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4,
    "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12,
}
_MONTH = r"[^\W\d_]{3,9}"  # a word; MONTHS decides whether it names a month (compiles fast)
_PREFIX = lazy(
    r"^(?:(?:last\s+|first\s+)?(?:updated|published|posted|modified|dated?|released|issued)(?:\s+on)?"
    r"|on|date\s*line)\s*[:\-\u2013\u2014]?\s*", re.IGNORECASE)
_ZONES = r"(?:utc|gmt|bst|cet|cest|eet|eest|wet|west|ist|jst|kst|hkt|sgt|pht|wib|aest|aedt|acst|awst|nzst|nzdt|msk|[ecmpa][sd]?t|z)"
# 14:02, 2:14:05, 2:14 PM, 2 p.m., Guardian-style 10.30 (never part of 16.11.2016), and a
# 24-hour '0930' only where a time zone follows ('Published 0930 GMT (1730 HKT) March 3, 2017')
_TIME = lazy(
    r"\b\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?\s*(?:[ap]\.?\s?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?"
    r"|(?<![\d.])\d{1,2}\.[0-5]\d(?![\d.])\s*(?:[ap]\.?\s?m\b\.?)?"
    rf"|(?<!,)(?<!, )\b(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:h\s*)?{_ZONES}\b)", re.IGNORECASE)
_TZ = lazy(rf"\b{_ZONES}(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?\b"
           r"|(?<![\w-])[+-](?:0\d|1[0-4]):?[0-5]\d\b", re.IGNORECASE)
_WEEKDAY = lazy(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?", re.IGNORECASE)
_FILLER = lazy(r"\b(?:at|the|of|de|del|le)\b", re.IGNORECASE)
_TEXT_DATE = lazy(
    rf"^(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?P<m2>{_MONTH})\.?\s*,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})\s+(?P<m3>{_MONTH})\.?\s+(?P<d3>\d{{1,2}}))$", re.IGNORECASE)
_NUM_DATE = lazy(
    r"^(?:(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})(?:t[\d:.]*)?"
    r"|(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y2>\d{4}))$", re.IGNORECASE)
_DATE_NUMBER = lazy(r"^\d{1,4}(?:st|nd|rd|th)?$", re.IGNORECASE)
_DIGIT = lazy(r"\d")  # what every pattern below needs; faster than a loop over the characters


def parse_date(text: str) -> date | None:
    """A publication date from a line such as 'Nov. 16, 2016' or 'Updated 2:14 PM ET, Wed November 16, 2016'.

    Only text that is a date (with optional weekday, time, zone and an 'Updated'/'Published'
    label) gives one; anything else gives None, so it is safe on arbitrary lines.
    """
    if not text or len(text) > 80 or not _DIGIT.search(text):
        return None
    core = _strip_date_noise(text)
    if core is None:
        return None
    return _match_date(core) or _dateutil_date(core)


def _strip_date_noise(text: str) -> str | None:
    s = text.strip().strip("()[]").strip()
    for _ in range(2):
        s = _PREFIX.sub("", s, count=1)
    s = _TIME.sub(" ", s)
    s = _WEEKDAY.sub(" ", s)
    s = _TZ.sub(" ", s)
    s = _FILLER.sub(" ", s)
    s = re.sub(r"[|,\u2022\u00b7]|\s[-\u2013\u2014+]\s|\(\s*\)|\s+", " ", s).strip(" .,-+\u2013\u2014:;")
    return s or None


def _match_date(core: str) -> date | None:
    m = _TEXT_DATE.match(core)
    if m:
        g = m.groupdict()
        mon = next(v for k, v in g.items() if k[0] == "m" and v)
        day = next(v for k, v in g.items() if k[0] == "d" and v)
        year = next(v for k, v in g.items() if k[0] == "y" and v)
        month = MONTHS.get(mon.lower())
        return _safe_date(int(year), month, int(day)) if month else None
    m = _NUM_DATE.match(core)
    if m:
        if m.group("y1"):
            return _safe_date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
        a, b = int(m.group("a")), int(m.group("b"))
        european = "." in core or a > 12  # 16.11.2016 and 16/11/2016 are day first; 11/16/2016 is US
        month, day = (b, a) if european else (a, b)
        return _safe_date(int(m.group("y2")), month, day)
    return None


def _dateutil_date(core: str) -> date | None:
    """Last resort for rarer forms; refuses anything that is not wholly a full date."""
    tokens = re.split(r"[\s/.\-]+", core)
    if not (2 <= len(tokens) <= 4) or not all(_DATE_NUMBER.match(t) or t.lower() in MONTHS
                                               for t in tokens if t):
        return None
    if not re.search(r"\b(?:1[89]|20)\d\d\b", core):
        return None
    from datetime import datetime

    from dateutil import parser  # type: ignore[import-untyped, unused-ignore]

    try:
        one = parser.parse(core, default=datetime(1901, 1, 1))
        two = parser.parse(core, default=datetime(1902, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    return one.date() if one == two else None  # a part the text lacks was filled in: not a date


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1800 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- names and outlets -------------------------------------------------------------------------

KNOWN_OUTLETS = {o.casefold(): o for o in (
    "CNN", "BBC", "BBC News", "AP", "AFP", "Reuters", "Bloomberg", "Bloomberg News", "NPR", "PBS",
    "ABC", "ABC News", "NBC", "NBC News", "CBS", "CBS News", "Fox News", "MSNBC", "Politico",
    "Axios", "Vox", "Slate", "Salon", "Wired", "Forbes", "Fortune", "Time", "Newsweek", "Quartz",
    "TechCrunch", "Engadget", "The Verge", "BuzzFeed", "BuzzFeed News", "HuffPost", "Vice",
    "Al Jazeera", "Deutsche Welle", "DW", "Euronews", "France 24", "RFI", "Le Monde", "Le Figaro",
    "Der Spiegel", "Spiegel", "Die Zeit", "El País", "El Pais", "La Repubblica", "Xinhua", "TASS",
    "Kyodo", "Yonhap", "Associated Press", "The Associated Press", "Agence France-Presse",
    "United Press International", "UPI", "ProPublica", "Sky News", "ITV", "Channel 4", "CBC",
    "The Atlantic", "The New Yorker", "The Economist", "Financial Times", "FT", "WSJ", "NYT",
    "The Wall Street Journal", "Wall Street Journal", "Los Angeles Times", "The Washington Post",
    "Washington Post", "The New York Times", "New York Times", "USA Today", "The Guardian",
    "Guardian", "The Independent", "The Times", "The Telegraph", "CNBC", "Vanity Fair",
    "The Hill", "Mother Jones", "The Intercept", "Rolling Stone", "National Geographic",
    "Scientific American", "New Scientist", "Nature", "Science", "Ars Technica", "Mashable",
    "The Irish Times", "Irish Independent", "RTÉ", "RTÉ News", "The Scotsman", "The Herald",
    "Evening Standard", "Daily Mail", "The Sun", "Daily Mirror", "The Mirror", "Press Association",
    "PA Media", "Sky Sports", "BBC Sport", "BBC World Service", "ITV News", "Channel 4 News",
    "The Observer", "The Sunday Times", "The Daily Telegraph", "The Spectator", "New Statesman",
    "CBC News", "CTV News", "Global News", "The Globe and Mail", "Toronto Star", "The Canadian Press",
    "National Post", "ABC News Australia", "SBS News", "The Sydney Morning Herald", "The Age",
    "Australian Associated Press", "AAP", "The New Zealand Herald", "NZ Herald", "RNZ", "Stuff",
    "South China Morning Post", "SCMP", "The Straits Times", "Channel NewsAsia", "CNA",
    "The Japan Times", "Nikkei Asia", "Nikkei", "Kyodo News", "The Korea Herald", "The Hindu",
    "Hindustan Times", "The Times of India", "Dawn", "Haaretz", "The Times of Israel",
    "The Jerusalem Post", "Al-Monitor", "Middle East Eye", "The National", "Gulf News", "Arab News",
    "Al Arabiya", "Daily Maverick", "News24", "Mail & Guardian", "Bangkok Post", "The Jakarta Post",
    "Rappler", "The Moscow Times", "Kyiv Independent", "Kyiv Post", "Deutsche Presse-Agentur", "dpa",
    "EFE", "ANSA", "Voice of America", "VOA", "Radio Free Europe/Radio Liberty", "RFE/RL",
    "Politico Europe", "Euractiv", "The Boston Globe", "Chicago Tribune", "The Philadelphia Inquirer",
    "San Francisco Chronicle", "Houston Chronicle", "Miami Herald", "The Seattle Times",
    "The Denver Post", "Newsday", "The Christian Science Monitor", "Business Insider", "Insider",
    "The Conversation", "ESPN",
    "Bloomberg Businessweek", "MarketWatch", "Yahoo News", "The Daily Beast", "Daily Beast",
    "Semafor", "The Free Press", "Le Parisien", "Libération", "Corriere della Sera", "El Mundo",
    "Süddeutsche Zeitung", "Frankfurter Allgemeine Zeitung", "Neue Zürcher Zeitung", "NZZ",
    "Swissinfo", "SWI swissinfo.ch", "The Local", "Agence France Presse", "ABC News (Australia)",
    "LA Times", "NY Times", "NY Post", "New York Post", "New York Daily News", "The Village Voice",
)}
# Words of an outlet name kept in capitals when the whole name is typed in capitals.
_CAPS_SMALL = {"of", "the", "and", "for", "in", "on", "at", "de", "la", "le", "du", "des", "der",
               "die", "das", "del", "el", "di", "a", "an", "to", "y", "et", "und"}
_COMMON_SHORT = {"new", "sun", "day", "one", "red", "sky", "big", "bay", "oak", "now", "age", "air",
                 "art", "man", "war", "way", "web", "year", "all", "hot", "top", "our", "my", "your",
                 "star", "post", "mail", "news", "time", "york", "city", "real", "free", "good",
                 "life", "home", "east", "west", "land", "port", "fort", "gulf", "irish", "asia", "hoy"}
_CALL_SIGN = lazy(r"[kw][a-z]{3}")  # US broadcasters: WRAL, KTLA
_NOT_CALL_SIGNS = {"west", "wall", "week", "word", "wire", "wide", "wild", "wind", "wolf", "wood", "work",
                   "kent", "king", "kids", "knox", "wake", "wave", "well", "wise", "wine", "wing", "weekly"}


def outlet_case(name: str) -> str:
    """'THE DAILY COURIER' -> 'The Daily Courier'; 'CNN', 'BBC', 'NPR' and mixed case are kept."""
    name = " ".join(name.split())
    known = KNOWN_OUTLETS.get(name.casefold())
    if known:
        return known
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return name
    words = name.split(" ")
    if len(words) == 1 and len(letters) <= 5:
        return name  # an acronym: NPR, KQED
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        core = re.sub(r"[^\w]", "", low)
        if i and low in _CAPS_SMALL:
            out.append(low)
        elif any(c.isdigit() for c in word) or (len(core) <= 3 and core not in _COMMON_SHORT
                                                 and core not in _CAPS_SMALL) or "." in core \
                or (_CALL_SIGN.fullmatch(core) and core not in _NOT_CALL_SIGNS):
            out.append(word)  # an acronym inside a name: 'WRAL News', 'KTLA 5'
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in low.split("-")))
    return " ".join(out)


_OUTLET_WORDS = {
    "news", "times", "post", "press", "journal", "herald", "tribune", "gazette", "telegraph",
    "guardian", "observer", "chronicle", "daily", "weekly", "magazine", "review", "radio",
    "television", "tv", "network", "media", "wire", "agency", "broadcasting", "bulletin",
    "courier", "independent", "mail", "express", "standard", "mirror", "register", "dispatch",
    "inquirer", "monitor", "insider", "today", "online", "digest", "globe", "examiner",
    "sentinel", "leader", "gazeta", "zeitung", "presse", "nouvelles", "noticias", "diario",
    "newswire", "newsroom", "broadcast", "channel", "post-gazette", "star-tribune", "quarterly",
    "monthly", "podcast", "report", "reports", "bureau", "service", "services", "financial",
    "europe", "international", "global", "world", "asia", "africa", "america", "americas",
    "digital", "live", "weekend", "sunday", "tribune-review",
}
_ROLE_WORDS = {
    "correspondent", "correspondents", "reporter", "reporters", "editor", "editors", "writer",
    "writers", "staff", "contributor", "contributors", "columnist", "journalist", "journalists",
    "producer", "analyst", "photographer", "director", "professor", "freelance", "fellow",
    "intern", "host", "anchor", "researcher", "author", "manager", "president", "ceo",
    "founder", "lecturer", "student", "chief", "specialist", "critic", "commentator",
    "blogger", "strategist", "senior", "contributing", "associate", "assistant", "deputy",
    "managing", "executive", "desk", "reporting", "photos", "photography", "video", "graphics",
    "illustration", "illustrations", "special", "political", "economics", "economist",
    "science", "health", "technology", "business", "sports", "foreign", "affairs", "legal",
}
_PARTICLES = {
    "van", "von", "de", "da", "di", "du", "del", "della", "der", "den", "des", "bin", "ibn",
    "dos", "das", "do", "ter", "ten", "y", "af", "zu", "la", "le", "los", "las", "al", "el",
}
# Lower-cased in a name only after another particle: 'de la Cruz', but 'Le Pen', 'El Abdallah'.
_SECOND_PARTICLES = {"la", "le", "los", "las", "al", "el"}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "phd", "md"}
_MAC_NAMES = {
    "donald", "leod", "kenzie", "arthur", "millan", "intyre", "gregor", "kay", "lean", "neil",
    "pherson", "aulay", "innes", "isaac", "laren", "farlane", "dougall", "allister", "alister",
    "kinnon", "queen", "bride", "namara", "cormack", "askill", "iver", "ewan", "rae", "tavish",
    "lachlan", "kenna", "kinley", "mahon", "guire", "carthy", "crae", "dowell", "intosh",
    "nally", "nulty", "ilroy", "elroy", "alpine", "phail", "callum", "leish", "master",
}
_NAME_TOKEN = lazy(r"^(?:[A-Z\u00c0-\u00de][\w'\u2019.\-]*|[A-Z]\.(?:[A-Z]\.)*|[a-z]{1,4}['\u2019][A-Z][\w'\u2019\-]*"
                   r"|(?:al|el|ad|ar|as|at|an|ash|az|bin|ibn|abu|ben|bint)-[A-Z\u00c0-\u00de][\w'\u2019\-]*)$")
_BY_PREFIX = lazy(
    r"^\s*(?:(?:written|reported|reporting|words|story|text|compiled|edited)\s+by|by|authors?|reporters?|"
    r"byline|writers?)\s*(?::\s*|\s+)", re.IGNORECASE)
_IN_PLACE = lazy(r"^(.*?)\s+(?:in|from|reporting from|at)\s+[A-Z].*$")
_BRACKETED = lazy(r"\(([^()]{1,40})\)")
_NOISE = lazy(r"\([^)]{0,80}\)|<?[\w.+-]+@[\w-]+\.[\w.-]+>?|\B@\w+")  # (emails), @handles
_SPLIT = lazy(r"\s*[,;|/\u2022\u00b7]\s*|\s+(?:and|&|with)\s+|\s+[-\u2013\u2014]\s+", re.IGNORECASE)


def proper_case_name(name: str) -> str:
    """'SHEENA MCKENZIE' -> 'Sheena McKenzie'; names already in mixed case are kept."""
    name = " ".join(name.split())
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return name
    mixed = any(c.isupper() for c in letters) and any(c.islower() for c in letters)
    words = name.split(" ")
    if mixed:  # only the words typed in capitals: 'Mary O'BRIEN' -> 'Mary O'Brien'
        return " ".join(_case_word(w, i == 0 or _after_plain_word(words, i)) if _all_caps_word(w) else w
                        for i, w in enumerate(words))
    return " ".join(_case_word(w, i == 0 or _after_plain_word(words, i)) for i, w in enumerate(words))


def _after_plain_word(words: list[str], i: int) -> bool:
    """True when words[i] is a weak particle ('la', 'el') not preceded by a particle: capitalise it."""
    low = words[i].lower()
    return low in _SECOND_PARTICLES and words[i - 1].lower() not in _PARTICLES


def _all_caps_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and word.lower().rstrip(".") not in _SUFFIXES


def _case_word(word: str, first: bool) -> str:
    low = word.lower()
    if low in _SUFFIXES:
        return low.capitalize() if low.startswith(("jr", "sr")) else low.upper() if low != "phd" else "PhD"
    if not first and low in _PARTICLES:
        return low
    if re.fullmatch(r"(?:[a-z]\.)+", low) or len(low) == 1:
        return low.upper()
    head, dash, tail = low.partition("-")
    if dash and head in ("al", "el") and not first:
        return head + "-" + "-".join(_case_part(p) for p in tail.split("-"))  # Bashar al-Assad
    return "-".join(_case_part(p) for p in low.split("-"))


def _case_part(part: str) -> str:
    if not part:
        return part
    for q in ("'", "\u2019"):
        if q in part[1:4]:
            head, _, tail = part.partition(q)
            if len(head) <= 2 and tail:  # O'Brien, D'Angelo, N'Golo
                return head.capitalize() + q + _case_part(tail)
    if part.startswith("mc") and len(part) > 3:
        return "Mc" + part[2:].capitalize()
    if part.startswith("mac") and part[3:] in _MAC_NAMES:
        return "Mac" + part[3:].capitalize()
    return part.capitalize()


def outlet_name(text: str) -> str | None:
    """The outlet a short phrase names ('Reuters', 'The Daily Courier'), or None."""
    t = text.strip(" .,;:")
    if not t:
        return None
    known = KNOWN_OUTLETS.get(t.casefold())
    if known:
        return known
    words = t.split()
    if len(words) > 7:
        return None
    low = {w.casefold().strip(".,()") for w in words}
    if low & _OUTLET_WORDS and not low & (_ROLE_WORDS - _OUTLET_WORDS - {"business", "science", "health", "technology", "sports", "foreign", "affairs", "financial"}):
        return outlet_case(t) if words[0][:1].isupper() or words[0][:1].isdigit() else None
    if len(words) == 1 and re.fullmatch(r"[A-Z][A-Z0-9&.\-]{1,7}", t):
        return t  # an acronym: CNN, BBC, AFP
    if words[0] in ("The", "THE") and len(words) >= 2 and all(w[:1].isupper() for w in words[1:]):
        return outlet_case(t)
    return None


def outlet_evidence(text: str) -> bool:
    """True when a phrase surely names an outlet: a known one, an acronym, or 'Times', 'News', 'Gazette'..."""
    t = text.strip(" .,;:")
    words = t.split()
    return t.casefold() in KNOWN_OUTLETS or bool({w.casefold() for w in words} & _OUTLET_WORDS) \
        or (len(words) == 1 and re.fullmatch(r"[A-Z][A-Z0-9&]{1,4}", t) is not None)


def is_role(text: str) -> bool:
    """True for the job part of a byline: 'Senior Correspondent', 'staff writer'."""
    words = {w.casefold().strip(".,()") for w in text.split()}
    return bool(words & _ROLE_WORDS) or text[:1].islower()


def looks_like_name(text: str) -> bool:
    """True when ``text`` could be a person's name: two to five capitalised words, particles allowed."""
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 60:
        return False
    core = [w for w in words if w.lower() not in _PARTICLES and w.lower().rstrip(".") not in _SUFFIXES]
    if len(core) < 1 or not words[0][:1].isupper() or words[0] in ("The", "THE"):
        return False
    if not all(_NAME_TOKEN.match(w) for w in core):
        return False
    low = {w.casefold() for w in words}
    return not (low & _OUTLET_WORDS or low & _ROLE_WORDS or text.casefold() in KNOWN_OUTLETS)


def strip_by(text: str) -> tuple[str, bool]:
    """The byline without its 'By'/'Author:' label, and whether there was one."""
    m = _BY_PREFIX.match(text)
    return (text[m.end():], True) if m else (text, False)


def split_authors(text: str) -> tuple[list[str], str | None]:
    """Authors and an outlet from a byline: 'By Jane Doe and JOHN ROE, Reuters' -> (['Jane Doe', 'John Roe'], 'Reuters')."""
    in_brackets = None
    if "(" in text:  # 'By Jane Doe (CNN)': an outlet in brackets, before the brackets go as noise
        in_brackets = next((KNOWN_OUTLETS[k] for k in (m.group(1).strip().casefold()
                                                        for m in _BRACKETED.finditer(text)) if k in KNOWN_OUTLETS), None)
    body, _ = strip_by(" ".join(_NOISE.sub(" ", text).split()))
    body, outlet = _split_for(body)
    outlet = outlet or in_brackets
    authors: list[str] = []
    parts = [p.strip(" .") for p in _SPLIT.split(body) if p and p.strip(" .")]
    for i, part in enumerate(parts):
        found = KNOWN_OUTLETS.get(part.casefold())
        if found or (not looks_like_name(part) and (found := outlet_name(part))):
            outlet = outlet or found
        elif looks_like_name(part):
            authors.append(proper_case_name(part))
        elif (m := _IN_PLACE.match(part)) and looks_like_name(m.group(1)):
            authors.append(proper_case_name(m.group(1)))
        elif is_role(part):
            outlet = outlet or _outlet_in_role(part)
        elif i == 0 and len(part.split()) == 1 and len(parts) == 1 and part[:1].isupper():
            authors.append(proper_case_name(part))  # a one-word pen name standing alone
        elif authors and i == len(parts) - 1 and part[:1].isupper() and len(part.split()) <= 5:
            outlet = outlet or outlet_case(part)  # 'By Jane Doe, Vetrix': a trailing name after the people
    unique: dict[str, str] = {}
    for name in authors:
        unique.setdefault(name.casefold(), name)
    return list(unique.values()), outlet


def _split_for(body: str) -> tuple[str, str | None]:
    m = re.match(r"^(.*?)\s+for\s+(.+)$", body, re.IGNORECASE)
    if m and m.group(2)[:1].isupper():
        rest = m.group(2).strip(" .")
        return m.group(1), KNOWN_OUTLETS.get(rest.casefold(), rest)
    if m and m.group(2)[:4] == "the " and (known := KNOWN_OUTLETS.get(m.group(2)[4:].strip(" .").casefold())):
        return m.group(1), known  # 'By Jane Doe for the BBC'
    return body, None


_DESK_WORDS = {"science", "nature", "time", "fortune", "business", "health", "vice", "wired", "salon", "slate"}


def _outlet_in_role(role: str) -> str | None:
    """'CNN Senior Producer' -> 'CNN', but never a desk: 'Science Correspondent' names no outlet."""
    words = role.split()
    for n in (3, 2, 1):
        lead = " ".join(words[:n])
        if len(words) > n and lead.casefold() not in _DESK_WORDS and (known := KNOWN_OUTLETS.get(lead.casefold())):
            return known
    return None
