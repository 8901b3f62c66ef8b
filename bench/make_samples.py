"""Write the sample library's Word, Markdown and EPUB articles (original text) into library/.

Run: .venv/bin/python bench/make_samples.py   (rewrites library/word, library/notes, library/books)
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

LIBRARY = Path(__file__).resolve().parent.parent / "library"
FIXED = (2025, 1, 1, 0, 0, 0)  # zip timestamps, so the files only change when the text does

TRAM = {
    "headline": "Council votes to restore the old tram depot as a covered market",
    "meta": ["September 18, 2025", "By Elsa Varga, Eastbank Observer",
             "https://eastbank-observer.example/2025/09/18/tram-depot-market"],
    "sections": [
        (None, [
            ("The brick tram depot on Foundry Street, empty since the last trams ran in 1971, will "
            "become a covered market under a plan the town council approved on Wednesday night by "
            "nineteen votes to six."),
            ("The building has been on the council's list of problem properties for more than a "
            "decade. Its roof leaks, pigeons nest in the rafters, and a fence has kept the public "
            "out since a section of guttering fell onto the pavement in 2019."),
            ("Supporters of the plan packed the public gallery, and several of them applauded when "
            "the result was read out. The mayor asked them, politely, to let the meeting finish."),
        ]),
        ("What the plan includes", [
            ("The first phase repairs the roof and the long iron trusses that hold it up. Engineers "
            "who surveyed the depot last winter found the trusses in better shape than expected, "
            "with rust mostly on the surface."),
            ("The second phase opens the tram bays to the street. Forty stalls will sit where the "
            "tracks once ran, and the rails themselves will stay visible under glass panels set "
            "into the new floor."),
            ("A small workshop at the back of the building will be rented to a bakery, which has "
            "already signed a letter of intent, and the old ticket office will become public "
            "toilets and a room for the market's staff."),
        ]),
        ("Who pays for it", [
            ("The council expects the work to cost a little under four million, with half coming "
            "from a regional fund for historic buildings and the rest from a loan repaid by stall "
            "rents over twenty years."),
            ("Opponents on the council said the rent estimates were optimistic. One councillor "
            "pointed out that two markets in neighbouring towns had closed in the last five years "
            "because they could not fill their stalls."),
            ("The finance committee will review the figures again before any contract is signed, "
            "and the council has promised to publish the review in full."),
        ]),
        ("When it could open", [
            ("If the regional fund confirms its share in the spring, work on the roof could start "
            "next summer. The market would open, at the earliest, two years after that."),
            ("Until then, the depot will open its doors twice next year for guided visits, the "
            "first time most residents will have seen the inside of the building."),
        ]),
    ],
}

REEF = {
    "headline": "Volunteer divers lift a ton of lost fishing nets from the northern reef",
    "meta": ["June 7, 2025", "By: Tomasz Wierzbicki", "Harbour Light News"],
    "sections": [
        (None, [
            ("Thirty volunteer divers spent the weekend cutting lost fishing nets away from the "
            "northern reef, and by Sunday afternoon they had hauled more than a ton of netting, "
            "rope and plastic floats onto the deck of a borrowed trawler."),
            ("The nets, known as ghost nets, keep catching fish, crabs and seabirds long after they "
            "break free from a boat. Some of the pieces brought up on Saturday had been on the reef "
            "for so long that coral had started to grow through the mesh."),
            ("The dive club that organised the clean-up says it is the largest single haul in the "
            "eight years it has been running the weekends."),
        ]),
        ("Careful work under water", [
            ("Cutting a net off a reef is slow. Divers work in pairs, one holding the net steady "
            "while the other cuts, and every piece is checked for trapped animals before it is "
            "lifted to the surface in a mesh bag."),
            ("A diving instructor who led one of the teams said the hardest part was knowing when "
            "to stop. Where a net had become part of the reef, pulling it free would have done "
            "more harm than leaving it."),
            ("On Saturday the divers freed two small turtles and what one of them described as a "
            "very annoyed lobster."),
        ]),
        ("Where the nets go", [
            ("The netting will not go to a landfill. A company on the mainland washes old nylon "
            "nets, melts them down and turns them into pellets for making crates and furniture."),
            ("The floats and ropes are sorted separately. Some of the floats were still in good "
            "enough condition that local fishers asked to have them back."),
        ]),
        ("Next season", [
            ("The club plans three more weekends before the autumn storms, and says it is looking "
            "for volunteers who can help on the boats and on the quay, not only in the water."),
            ("The harbour office has agreed to let the club store its equipment in an empty shed "
            "on the east pier for the rest of the year, free of charge."),
        ]),
    ],
}

CANTEEN = """---
title: "A school canteen swaps frozen meals for a kitchen garden"
author: Ruth Okonkwo
date: 2025-05-12
publisher: Midvale Weekly
url: https://midvale-weekly.example/2025/05/12/canteen-garden
---

# A school canteen swaps frozen meals for a kitchen garden

Two years ago the canteen at Midvale Primary served meals that arrived frozen on a lorry
every Monday morning. This spring, a third of the vegetables on the children's plates were
grown in raised beds behind the gym.

The change started with one teacher, a bag of seed potatoes and a corner of the playing field
that nobody used. It has grown into a garden the size of two tennis courts, looked after by
pupils, parents and a retired farmer who comes in three mornings a week.

## Cooking from scratch

Bringing fresh food into the canteen meant changing the kitchen too. The school replaced two
of its reheating ovens with a proper range and sent its cooks on a short course at the
catering college in town.

The head cook says the first weeks were hard. Children who were used to the same six dishes
pushed new ones around their plates, and a great deal of soup went uneaten.

> "We learned to put the new things next to the old favourites," she said. "A spoon of
> something green beside the pasta, not instead of it."

## What the children think

Pupils in the top year run a weekly survey of what they liked and what they left. Roasted
carrots and a bean stew are now among the most popular dishes. Beetroot, for the moment, is
not.

Older children also keep the garden's records: what was planted where, when it was picked,
and how much it weighed. Their teacher says the records have done more for their arithmetic
than any worksheet.

## Costs and what comes next

The school says the garden has not saved money yet, because the range and the training cost
more than the vegetables save. The governors expect that to change within three years.

Next autumn the school wants to add a small greenhouse, so that the garden can supply salad
through the winter, and it is asking local firms to sponsor the glass.
"""

DARK_SKY = """---
title: Hill park wins recognition as a dark-sky place
authors:
  - Jonas Pereira
  - Amelie Strand
date: 2025-02-03
site: Uplands Courier
source: https://uplands-courier.example/2025/02/03/dark-sky-park
---

The country park on Crow Hill has been recognised as a dark-sky place, making it one of the
few spots within an hour of the city where the Milky Way can be seen with the naked eye on a
clear night.

The recognition follows four years of work by the park's rangers and a group of amateur
astronomers, who measured the darkness of the sky from the same hilltop on every clear,
moonless night.

## Changing the lights

To qualify, the park had to replace almost every outdoor light on its land. The car park's
tall white lamps have gone, replaced by low amber lights that point only at the ground and
switch off at ten.

Farms around the park were asked to do the same, and most agreed. The rangers say several
farmers were surprised to find their yards were lit better, not worse, once the glare was gone.

## Stargazing evenings

The park will hold free stargazing evenings once a month from October to March, weather
permitting. Volunteers will bring telescopes, and a warm hut near the car park will serve
soup and tea.

Rangers ask visitors to bring a red torch rather than a white one, and to switch their car
headlights off as soon as they park. Eyes take around twenty minutes to adjust to the dark,
and a single bright light can undo that in a second.

## Good for wildlife too

Darker nights are not only for people with telescopes. Bats, moths and owls all hunt better
without artificial light, and the rangers hope to see their numbers recover over the next
few years.

A survey of moths on the hill, the first in over a decade, is planned for this summer.
Volunteers will set out light traps on a handful of nights, count what they catch at dawn,
and let every moth go again before the sun is fully up.
"""

PILOTS_1 = [
    ("h2", "On the water before dawn"),
    ("p", ("The river pilots of the lower delta start work before the fishing boats do. By five "
          "in the morning the first of them is climbing a rope ladder onto a cargo ship anchored "
          "off the river mouth, ready to guide it forty kilometres upstream to the inland port.")),
    ("p", ("The channel through the delta changes every year. Floods move sandbanks, currents cut "
          "new bends, and the buoys that mark the safe water have to be moved again and again. "
          "Charts help, but the pilots say nothing replaces having seen the river last week.")),
    ("p", ("There are eleven pilots on the station, and each of them trained for at least five "
          "years before taking a large ship alone. Most began as deckhands on the dredgers that "
          "keep the channel open, which is where they first learned how the river behaves.")),
    ("h2", "A trade passed on by hand"),
    ("p", ("Young pilots learn by standing beside older ones on the bridge of a ship, watching how "
          "they read the colour of the water and the way the tide pulls at the hull. The senior "
          "pilot on the station says she still learns something new on most trips.")),
    ("blockquote", "The river does not read the charts. You have to read the river."),
]
PILOTS_2 = [
    ("h2", "Bigger ships, the same river"),
    ("p", ("Ships calling at the inland port have grown longer and deeper over the past twenty "
          "years, while the river has not grown at all. Some of the largest now pass through the "
          "narrowest bends with only a few metres of water beneath their keels.")),
    ("p", ("For those ships the pilots plan each trip around the tide, starting upstream as the "
          "water rises so that the deepest part of the journey falls at high water. A delay of "
          "half an hour at the river mouth can mean waiting another twelve hours.")),
    ("img", "images/tide.png|The tide at the river mouth: deep ships start upstream on the rising water"),
    ("p", ("The port authority is testing a system of sensors that measure the depth of the "
          "channel in real time and send the figures to a tablet on the ship's bridge. The "
          "pilots welcome the data, but say it will help them rather than replace them.")),
    ("h2", "The last stretch"),
    ("p", ("The final bend before the port is the hardest. The current sweeps towards the outer "
          "bank, and a ship that turns too late can touch the mud on the far side. Pilots call "
          "it the elbow, and few of them talk much on the bridge until the ship is past it.")),
    ("p", ("Once the ship is alongside, the pilot climbs back down to a small launch and heads "
          "home, or to the next ship waiting at the anchorage. On a busy day a pilot may make "
          "the trip twice, and see the sun rise and set over the same brown water.")),
]


def add_go_back(paragraph: docx.text.paragraph.Paragraph) -> None:
    """Word's hidden _GoBack bookmark, as Word leaves it in real documents."""
    paragraph._p.insert(0, parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="0"/>'))
    paragraph._p.insert(0, parse_xml(
        f'<w:bookmarkStart {nsdecls("w")} w:id="0" w:name="_GoBack"/>'))


def styled_docx(article: dict, target: Path) -> None:  # type: ignore[type-arg]
    d = docx.Document()
    d.add_paragraph(article["headline"], style="Title")
    for line in article["meta"]:
        d.add_paragraph(line)
    for heading, paragraphs in article["sections"]:
        if heading:
            d.add_heading(heading, level=1)
        for text in paragraphs:
            d.add_paragraph(text)
    _properties(d, "Elsa Varga")
    d.save(str(target))


def unstyled_docx(article: dict, target: Path) -> None:  # type: ignore[type-arg]
    """The shape of a Word file exported from a web page: Normal style only, bold headings."""
    d = docx.Document()
    d.add_paragraph(article["headline"])
    for line in article["meta"]:
        d.add_paragraph(line)
    for n, (heading, paragraphs) in enumerate(article["sections"]):
        if heading:
            d.add_paragraph().add_run(heading).bold = True
        for i, text in enumerate(paragraphs):
            p = d.add_paragraph(text)
            if n == 2 and i == 0:
                add_go_back(p)
    _properties(d, "")
    d.save(str(target))


def _properties(d: docx.document.Document, author: str) -> None:
    props = d.core_properties
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.created = props.modified = datetime(2025, 1, 1, tzinfo=timezone.utc)


def epub(title: str, author: str, day: str, chapters: list[list[tuple[str, str]]],
         target: Path) -> None:
    files: dict[str, str] = {
        "META-INF/container.xml": (
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>"),
    }
    items, refs, nav = [], [], []
    pictures = {text.split("|", 1)[0] for chapter in chapters for tag, text in chapter if tag == "img"}
    for n, chapter in enumerate(chapters, 1):
        body = "".join(_element(tag, text) for tag, text in chapter)
        if n == 1:
            body = f"<h1>{escape(title)}</h1><p class='byline'>{escape(author)}</p>" + body
        files[f"OEBPS/chapter{n}.xhtml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html>'
            '<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head>'
            f"<title>{escape(title)}</title></head><body>{body}</body></html>")
        items.append(f'<item id="c{n}" href="chapter{n}.xhtml" media-type="application/xhtml+xml"/>')
        refs.append(f'<itemref idref="c{n}"/>')
        nav.append(f'<li><a href="chapter{n}.xhtml">{escape(chapter[0][1])}</a></li>')
    files["OEBPS/nav.xhtml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html '
        'xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head>'
        f'<title>Contents</title></head><body><nav epub:type="toc"><ol>{"".join(nav)}</ol></nav>'
        "</body></html>")
    files["OEBPS/content.opf"] = (
        '<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" '
        'version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<dc:identifier id="id">urn:reader:sample:river-pilots</dc:identifier>'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
        f"<dc:date>{day}</dc:date><dc:language>en</dc:language>"
        "<dc:publisher>Reader sample library</dc:publisher>"
        '<meta property="dcterms:modified">2025-01-01T00:00:00Z</meta></metadata><manifest>'
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        f'{"".join(items)}{"".join(_picture_item(p) for p in sorted(pictures))}</manifest><spine>{"".join(refs)}</spine></package>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype", FIXED), "application/epub+zip",
                    compress_type=zipfile.ZIP_STORED)
        for name, data in files.items():
            zf.writestr(zipfile.ZipInfo(name, FIXED), data, compress_type=zipfile.ZIP_DEFLATED)
        for picture in sorted(pictures):
            zf.writestr(zipfile.ZipInfo(f"OEBPS/{picture}", FIXED), tide_chart(),
                        compress_type=zipfile.ZIP_STORED)
    target.write_bytes(buf.getvalue())


def _picture_item(href: str) -> str:
    name = href.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return f'<item id="img-{name}" href="{href}" media-type="image/png"/>'


def tide_chart() -> bytes:
    """A small tide chart (our own drawing) for the sample book's picture."""
    import math

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
    from PySide6.QtGui import (
        QColor,
        QFont,
        QGuiApplication,
        QImage,
        QPainter,
        QPainterPath,
        QPen,
    )

    app = QGuiApplication.instance() or QGuiApplication(["make_samples", "-platform", "offscreen"])
    image = QImage(720, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("#f7f4ec"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    left, top, width, height = 60.0, 30.0, 630.0, 210.0
    for hour in range(0, 25, 3):
        x = left + width * hour / 24
        painter.setPen(QPen(QColor("#b9b2a2"), 1))
        painter.drawLine(QPointF(x, top), QPointF(x, top + height))
        painter.setPen(QColor("#6b665c"))
        painter.drawText(QRectF(x - 20, top + height + 6, 40, 18), Qt.AlignmentFlag.AlignCenter,
                         f"{hour:02d}:00")
    water = QPainterPath()
    for step in range(241):
        hour = step / 10
        level = math.cos((hour - 5.0) / 12.42 * 2 * math.pi)
        point = QPointF(left + width * hour / 24, top + height / 2 - level * height * 0.4)
        water.moveTo(point) if step == 0 else water.lineTo(point)
    painter.setPen(QPen(QColor("#2f6f8f"), 3))
    painter.drawPath(water)
    painter.setPen(QColor("#3b3a36"))
    painter.setFont(QFont("DejaVu Sans", 11))
    painter.drawText(QRectF(left, 4, width, 22), Qt.AlignmentFlag.AlignLeft, "Water level at the river mouth")
    for hour, label in ((5.0, "high water"), (11.2, "low water"), (17.4, "high water")):
        level = math.cos((hour - 5.0) / 12.42 * 2 * math.pi)
        y = top + height / 2 - level * height * 0.4
        painter.drawText(QRectF(left + width * hour / 24 - 50, y + (-24 if level > 0 else 6), 100, 18),
                         Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    del app
    return bytes(data.data())


def _element(tag: str, text: str) -> str:
    if tag == "img":
        href, alt = text.split("|", 1)
        return f'<figure><img src="{escape(href)}" alt="{escape(alt)}"/></figure>'
    if tag == "blockquote":
        return f"<blockquote><p>{escape(text)}</p></blockquote>"
    return f"<{tag}>{escape(text)}</{tag}>"


def main() -> None:
    for folder in ("word", "notes", "books"):
        (LIBRARY / folder).mkdir(parents=True, exist_ok=True)
    styled_docx(TRAM, LIBRARY / "word" / "tram-depot-market.docx")
    unstyled_docx(REEF, LIBRARY / "word" / "ghost-nets-reef.docx")
    (LIBRARY / "notes" / "school-kitchen-garden.md").write_text(CANTEEN, encoding="utf-8")
    (LIBRARY / "notes" / "dark-sky-park.md").write_text(DARK_SKY, encoding="utf-8")
    epub("The river pilots of the lower delta", "Mira Castellanos", "2025-04-22",
         [PILOTS_1, PILOTS_2], LIBRARY / "books" / "river-pilots.epub")
    for path in sorted(LIBRARY.glob("*/*")):
        if path.parent.name in ("word", "notes", "books"):
            print(path.relative_to(LIBRARY.parent), path.stat().st_size)


if __name__ == "__main__":
    main()
