"""The dateline gives the place an article is filed from."""

from quotes.text.dateline import Place, dateline_place


def test_city_country_date_and_wire():
    text = "Floods in the valley\n\nLENMARK, Norway, March 2 (NPA) — Rivers rose again on Sunday."
    assert dateline_place(text) == Place("Lenmark", "Norway")


def test_city_and_date_only_has_no_region():
    text = "Ferries\n\nOSKARVIK, April 8 (Wire) — The ferry timetable changes today."
    assert dateline_place(text) == Place("Oskarvik", None)


def test_two_word_city_with_a_dash():
    assert dateline_place("PORT ELLERY, Ont. - The council voted.") == Place("Port Ellery", "Ont.")


def test_text_without_a_dateline():
    assert dateline_place("The council voted on Monday - again.") is None
