"""Bylines and dates: authors, outlets and publication dates from the ways people write them."""
from __future__ import annotations

from datetime import date

import pytest

from reader.core.byline import (
    outlet_case,
    outlet_name,
    parse_date,
    proper_case_name,
    split_authors,
)


@pytest.mark.parametrize("text, want", [
    ("November 16, 2016", date(2016, 11, 16)),
    ("Nov. 16, 2016", date(2016, 11, 16)),
    ("Sept. 3, 2019", date(2019, 9, 3)),
    ("16 November 2016", date(2016, 11, 16)),
    ("16th November, 2016", date(2016, 11, 16)),
    ("2016-11-16", date(2016, 11, 16)),
    ("2016-11-16T10:00:00Z", date(2016, 11, 16)),
    ("Updated 2:14 PM ET, Wed November 16, 2016", date(2016, 11, 16)),
    ("Updated 12:01 a.m. EDT, Thu March 5, 2020", date(2020, 3, 5)),
    ("Wednesday, 16 November 2016", date(2016, 11, 16)),
    ("Published: 16 Nov 2016 10:32 GMT", date(2016, 11, 16)),
    ("Mon 4 Sep 2017", date(2017, 9, 4)),
    ("11/16/2016", date(2016, 11, 16)),
    ("16/11/2016", date(2016, 11, 16)),
    ("12 mars 2018", date(2018, 3, 12)),
    ("12. März 2018", date(2018, 3, 12)),
    ("12 de marzo de 2018", date(2018, 3, 12)),
    ("Tuesday 5 March 2019 10.30 GMT", date(2019, 3, 5)),  # the Guardian's dotted time
    ("First published on Wed 16 Nov 2016 09.00 GMT", date(2016, 11, 16)),
    ("Published 0930 GMT (1730 HKT) March 3, 2017", date(2017, 3, 3)),  # CNN's 24-hour times
    ("Updated 0512 GMT (1312 HKT) February 8, 2019", date(2019, 2, 8)),
    ("March 3, 2017 GMT", date(2017, 3, 3)),
    ("2016.11.16", date(2016, 11, 16)),
])
def test_parse_date_reads_the_common_forms(text: str, want: date) -> None:
    assert parse_date(text) == want


@pytest.mark.parametrize("text", [
    "", "I was born in 2016", "March 2016", "May the 4th be with you in 2020", "2016",
    "Russia signed the treaty in 2000, but did not ratify it", "February 30, 2016", "13/13/2016",
    "Room 101", "By Jane Doe", "x" * 500 + " 2016-11-16",
])
def test_parse_date_invents_nothing(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("text, authors, outlet", [
    ("By: Sheena McKenzie", ["Sheena McKenzie"], None),
    ("By Sheena McKenzie", ["Sheena McKenzie"], None),
    ("BY SHEENA MCKENZIE", ["Sheena McKenzie"], None),
    ("By JANE DOE and John Roe, Reuters", ["Jane Doe", "John Roe"], "Reuters"),
    ("By Jane Doe, John Roe and Ali Khan", ["Jane Doe", "John Roe", "Ali Khan"], None),
    ("By Jane Doe, Associated Press", ["Jane Doe"], "Associated Press"),
    ("Jane Doe, Senior Correspondent, Reuters", ["Jane Doe"], "Reuters"),
    ("Maria Gonzalez, Senior Correspondent, Global Wire Service", ["Maria Gonzalez"], "Global Wire Service"),
    ("By Jane Doe for The Guardian", ["Jane Doe"], "The Guardian"),
    ("By Pieter van der Berg, Ana de Souza and TOM O'REILLY", ["Pieter van der Berg", "Ana de Souza", "Tom O'Reilly"], None),
    ("By Kim Lee in Seoul", ["Kim Lee"], None),
    ("By Jane Doe, CNN", ["Jane Doe"], "CNN"),
    ("Author: Priya Natarajan", ["Priya Natarajan"], None),
    ("By Mary O'BRIEN", ["Mary O'Brien"], None),
    ("Inès Moreau, Science Correspondent, Atlas Daily", ["Inès Moreau"], "Atlas Daily"),
    ("Jane Doe, Reuters Health Correspondent", ["Jane Doe"], "Reuters"),
    ("By Jane Doe (jane.doe@example.com), Politico Europe", ["Jane Doe"], "Politico Europe"),
    ("By Ann Lee, Bo Kim and ANN LEE", ["Ann Lee", "Bo Kim"], None),
    ("By Ahmed al-Masri", ["Ahmed al-Masri"], None),
    ("By Jane Doe (CNN)", ["Jane Doe"], "CNN"),
    ("By Jane Doe for the BBC", ["Jane Doe"], "BBC"),
    ("Reporting by Jane Doe", ["Jane Doe"], None),
    ("By JANE DOE, THE DAILY COURIER", ["Jane Doe"], "The Daily Courier"),
    ("Sarah O'Neill, Political Editor, The Irish Times", ["Sarah O'Neill"], "The Irish Times"),
])
def test_split_authors(text: str, authors: list[str], outlet: str | None) -> None:
    assert split_authors(text) == (authors, outlet)


@pytest.mark.parametrize("name, want", [
    ("SHEENA MCKENZIE", "Sheena McKenzie"),
    ("MARY O'BRIEN", "Mary O'Brien"),
    ("ANGUS MACDONALD", "Angus MacDonald"),
    ("JOHN MACHADO", "John Machado"),
    ("PIETER VAN DER BERG", "Pieter van der Berg"),
    ("VAN MORRISON", "Van Morrison"),
    ("ANNE-MARIE DUBOIS", "Anne-Marie Dubois"),
    ("J. R. HARTLEY", "J. R. Hartley"),
    ("MARTIN LUTHER KING JR.", "Martin Luther King Jr."),
    ("jane doe", "Jane Doe"),
    ("MARINE LE PEN", "Marine Le Pen"),
    ("JUAN DE LA CRUZ", "Juan de la Cruz"),
    ("FADI EL ABDALLAH", "Fadi El Abdallah"),
    ("BASHAR AL-ASSAD", "Bashar al-Assad"),
    ("Sheena McKenzie", "Sheena McKenzie"),
    ("danah boyd", "Danah Boyd"),
])
def test_proper_case_name(name: str, want: str) -> None:
    assert proper_case_name(name) == want


def test_outlet_name_knows_outlets_and_refuses_sentences() -> None:
    assert outlet_name("CNN") == "CNN"
    assert outlet_name("reuters") == "Reuters"
    assert outlet_name("The Northern Echo") == "The Northern Echo"
    assert outlet_name("Riverside Gazette") == "Riverside Gazette"
    assert outlet_name("It was a cold morning and the news came late") is None


@pytest.mark.parametrize("name, want", [
    ("THE GUARDIAN", "The Guardian"),
    ("THE HARBOUR TIMES", "The Harbour Times"),
    ("SOUTH CHINA MORNING POST", "South China Morning Post"),
    ("WRAL NEWS", "WRAL News"),
    ("CNN", "CNN"), ("BBC", "BBC"), ("AP", "AP"), ("NPR", "NPR"),
    ("The Irish Times", "The Irish Times"),
    ("Vetrix", "Vetrix"),
])
def test_outlet_case_mends_outlets_typed_in_capitals(name: str, want: str) -> None:
    assert outlet_case(name) == want
    assert outlet_name(name) in (None, want)
