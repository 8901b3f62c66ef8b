"""Write the plain-text fixtures (one per variation) and their expected readings: python make_fixtures.py."""
from __future__ import annotations

import codecs
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
P1 = ("The council met for four hours on Tuesday evening and heard from more than forty residents, "
      "most of whom urged members to delay the decision until the spring.")
P2 = ("Officials said the plan would cost less than the previous proposal, although they declined to "
      "say by how much, and promised to publish the full figures before the next meeting.")
P3 = "\u201cWe have waited long enough,\u201d said one resident, who has lived on the street for thirty years."


def case(name: str, text: str, expected: dict[str, object], *, encoding: str = "utf-8",
         newline: str = "\n", bom: bytes = b"") -> None:
    data = bom + text.replace("\n", newline).encode(encoding)
    (HERE / f"{name}.txt").write_bytes(data)
    (HERE / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")


def main() -> None:
    case("utf8-bom-crlf", f"""Harbour bridge repairs to start in March

By JANE DOE and John Roe, Reuters
Nov. 3, 2021

{P1}

Who pays for it?

{P2}

{P3}
""", {"headline": "Harbour bridge repairs to start in March", "authors": ["Jane Doe", "John Roe"],
      "outlet": "Reuters", "published": "2021-11-03", "url": None, "sections": ["Who pays for it?"]},
         bom=codecs.BOM_UTF8, newline="\r\n")

    case("utf16-bom", f"""Rail strike called off after late talks

16 November 2016
By: Ana Lima
The Coastal Herald
https://example.org/news/2016/rail-strike

{P1}

What the deal says

{P2}
""", {"headline": "Rail strike called off after late talks", "authors": ["Ana Lima"],
      "outlet": "The Coastal Herald", "published": "2016-11-16",
      "url": "https://example.org/news/2016/rail-strike", "sections": ["What the deal says"]},
         encoding="utf-16-le", bom=codecs.BOM_UTF16_LE, newline="\r\n")

    case("cp1252-smart-quotes", f"""Farmers \u201ccautiously hopeful\u201d about the harvest

2019-04-02
By Pat O\u2019Neill
Valley Farm Weekly

{P1} It\u2019s the \u2018best\u2019 spring in years \u2013 or so they say.

THE WEATHER QUESTION

{P3}

Prices and markets

{P2}
""", {"headline": "Farmers \u201ccautiously hopeful\u201d about the harvest", "authors": ["Pat O\u2019Neill"],
      "outlet": "Valley Farm Weekly", "published": "2019-04-02", "url": None,
      "sections": ["THE WEATHER QUESTION", "Prices and markets"]}, encoding="cp1252")

    case("latin1-accents", f"""Soci\u00e9t\u00e9 g\u00e9n\u00e9rale des eaux opens a new plant

BY FRAN\u00c7OIS DUPONT
Le Courrier du Nord
12 mars 2018

{P1} The caf\u00e9 owners were pleased.

R\u00e9sum\u00e9 of the project

{P2}
""", {"headline": "Soci\u00e9t\u00e9 g\u00e9n\u00e9rale des eaux opens a new plant", "authors": ["Fran\u00e7ois Dupont"],
      "outlet": "Le Courrier du Nord", "published": "2018-03-12", "url": None,
      "sections": ["R\u00e9sum\u00e9 of the project"]}, encoding="latin-1")

    case("cr-only", f"""Library extends opening hours

Sept. 9, 2015
By Kim Lee

{P1}

New weekend times:

{P2}
""", {"headline": "Library extends opening hours", "authors": ["Kim Lee"], "outlet": None,
      "published": "2015-09-09", "url": None, "sections": ["New weekend times:"]}, newline="\r")

    wrapped = """PARIS (AP) -- The city's transport authority said on Wednesday that the
night buses would run every ten minutes from next month, a change that
riders have asked for since the metro stopped running after midnight.

The authority expects the new timetable to cost about four million euros a
year, which it will cover from higher parking fees in the city centre.

Why now?

Officials pointed to a survey which found that two in three night workers
rely on buses to get home, and that many waited more than half an hour.
"""
    case("hard-wrapped-dateline", f"""Paris night buses to run every ten minutes
Updated 2:14 PM ET, Wed November 16, 2016
By Claire Martin, Associated Press

{wrapped}""", {"headline": "Paris night buses to run every ten minutes", "authors": ["Claire Martin"],
               "outlet": "Associated Press", "published": "2016-11-16", "url": None,
               "sections": ["Why now?"]})

    case("no-metadata", f"""Town votes to keep its market square car-free

Nobody expected the vote to pass.

{P1}

Reactions from traders:

{P2}

A quiet start.

{P3}
""", {"headline": "Town votes to keep its market square car-free", "authors": [], "outlet": None,
      "published": None, "url": None, "sections": ["Reactions from traders:"]})

    case("role-byline", f"""Water levels fall in the northern reservoirs

Maria Gonzalez, Senior Correspondent, Global Wire Service
March 5, 2020

{P1}

Drought Plans For The Summer

{P2}
""", {"headline": "Water levels fall in the northern reservoirs", "authors": ["Maria Gonzalez"],
      "outlet": "Global Wire Service", "published": "2020-03-05", "url": None,
      "sections": ["Drought Plans For The Summer"]})

    case("artefacts", f"""[bookmark: _Top]Museum reopens its east wing

By Lena Park, Tom Ruiz and Sam O'HARA, Evening Standard
Friday, 7 June 2019

[image: The restored east wing at dusk]
{P1}

[bookmark: _GoBack][bookmark: sec2]A long restoration

{P2} [image: Workers on scaffolding]

{P3}
""", {"headline": "Museum reopens its east wing", "authors": ["Lena Park", "Tom Ruiz", "Sam O'Hara"],
      "outlet": "Evening Standard", "published": "2019-06-07", "url": None,
      "sections": ["A long restoration"]})

    case("other-order", f"""Ferry service returns to the islands

http://www.example.com/ferry-returns
CNN
2017-07-21
BY ALAN MCKENZIE

{P1}

- The first sailing leaves at seven.
- Tickets go on sale on Monday.

The timetable.

{P2}

Winter sailings?

{P3}
""", {"headline": "Ferry service returns to the islands", "authors": ["Alan McKenzie"], "outlet": "CNN",
      "published": "2017-07-21", "url": "http://www.example.com/ferry-returns",
      "sections": ["Winter sailings?"]})

    case("nbsp-outlet-only", """Solar farm approved despite objections

Riverside Gazette

The planning committee approved the\u00a0solar farm by\u00a0five votes to two on Monday.

Opponents said the panels would spoil the view from the old bridge and the footpath.
""", {"headline": "Solar farm approved despite objections", "authors": [], "outlet": "Riverside Gazette",
      "published": None, "url": None, "sections": []})


if __name__ == "__main__":
    main()
