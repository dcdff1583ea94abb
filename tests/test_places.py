"""Places and postcodes -> police force: content/places.yml, content/police_forces.yml and knowledge/places.py."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import yaml

from knowledge.content import CONTENT_DIR
from knowledge.countries import crown_dependency
from knowledge.places import PlaceMatch, find_place, forces_for_outcode

FORCES: dict[str, dict[str, Any]] = yaml.safe_load((CONTENT_DIR / "police_forces.yml").read_text())["forces"]
PLACES: dict[str, Any] = yaml.load((CONTENT_DIR / "places.yml").read_text(), Loader=yaml.CSafeLoader)

# The UK postcode areas (Royal Mail), as listed in the brief; GY, JE and IM are
# Crown dependencies, outside every UK force.
UK_AREAS = """AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN
EX FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR
NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC
WD WF WN WR WS WV YO ZE""".split()
CROWN_DEPENDENCIES = ["GY", "JE", "IM"]

# One town in every force area. British Transport Police is left out on
# purpose: it polices the railways and has no area of its own.
TOWN_IN_EACH_FORCE = {
    "avon_and_somerset": "Bristol", "bedfordshire": "Luton", "cambridgeshire": "Peterborough",
    "cheshire": "Crewe", "city_of_london": "the City of London", "cleveland": "Middlesbrough",
    "cumbria": "Carlisle", "derbyshire": "Chesterfield", "devon_and_cornwall": "Exeter",
    "dorset": "Bournemouth", "durham": "Darlington", "dyfed_powys": "Carmarthen", "essex": "Chelmsford",
    "gloucestershire": "Cheltenham", "greater_manchester": "Manchester", "gwent": "Cwmbran",
    "hampshire": "Southampton", "hertfordshire": "Watford", "humberside": "Grimsby", "kent": "Maidstone",
    "lancashire": "Blackpool", "leicestershire": "Leicester", "lincolnshire": "Grantham",
    "merseyside": "Liverpool", "metropolitan": "Croydon", "norfolk": "Norwich", "north_wales": "Wrexham",
    "north_yorkshire": "Harrogate", "northamptonshire": "Kettering", "northumbria": "Sunderland",
    "nottinghamshire": "Mansfield", "police_scotland": "Aberdeen", "psni": "Belfast", "south_wales": "Cardiff",
    "south_yorkshire": "Sheffield", "staffordshire": "Stafford", "suffolk": "Ipswich", "surrey": "Guildford",
    "sussex": "Crawley", "thames_valley": "Oxford", "warwickshire": "Nuneaton", "west_mercia": "Shrewsbury",
    "west_midlands": "Birmingham", "west_yorkshire": "Keighley", "wiltshire": "Swindon",
}


def forces_of(message: str, **kwargs: Any) -> tuple[str, ...] | None:
    match = find_place(message, **kwargs)
    return None if match is None else match.force_ids


# --- police_forces.yml -------------------------------------------------------------

def test_every_territorial_force_and_btp_is_listed() -> None:
    assert set(TOWN_IN_EACH_FORCE) | {"btp"} == set(FORCES)
    nations = [entry["nation"] for entry in FORCES.values()]
    assert nations.count("england") + nations.count("wales") == 43
    assert nations.count("scotland") == 1 and nations.count("northern_ireland") == 1
    assert FORCES["btp"]["nation"] == "great_britain"


@pytest.mark.parametrize("force_id", sorted(FORCES))
def test_force_entry_schema(force_id: str) -> None:
    entry = FORCES[force_id]
    for key in ("name", "nation", "website", "phone", "source", "checked", "areas"):
        assert entry.get(key) not in (None, ""), f"{force_id} has no {key}"
    assert re.fullmatch(r"[a-z][a-z0-9_]*", force_id)
    assert entry["nation"] in {"england", "wales", "scotland", "northern_ireland", "great_britain"}
    assert isinstance(entry["checked"], dt.date) and entry["checked"] <= dt.date.today()
    assert isinstance(entry["confirmed"], bool)
    assert isinstance(entry["phone"], str) and re.fullmatch(r"[0-9][0-9 ]*[0-9]", entry["phone"])
    assert re.fullmatch(r"https://[a-z0-9.-]+\.police\.uk", entry["website"]), entry["website"]
    for key, value in entry.items():
        if isinstance(value, str) and "://" in value and not key.endswith("source"):
            assert value.startswith("https://"), f"{force_id}.{key} = {value}"
    if "report_online" in entry:  # where the address was seen, and how strong that is
        assert entry["report_online_evidence"] in {"official", "news", "code"}, force_id
        assert entry["report_online_source"], force_id
    if entry.get("live_chat_widget"):
        assert entry["live_chat_source"], force_id
    for key in ("report_online", "live_chat"):
        if key in entry:  # only ever on the force's own site
            assert entry[key].startswith(entry["website"].replace("https://www.", "https://").split("//")[0])
            assert entry["website"].split("//")[1].removeprefix("www.") in entry[key]


def test_west_yorkshire_is_exactly_as_in_its_own_guidance() -> None:
    assert FORCES["west_yorkshire"] == {
        "name": "West Yorkshire Police",
        "nation": "england",
        "areas": ["West Yorkshire"],
        "website": "https://www.westyorkshire.police.uk",
        "phone": "101",
        "textphone": "18001 101",
        "report_online": "https://www.westyorkshire.police.uk/reportcrime",
        "report_online_evidence": "official",
        "report_online_source": "https://www.westyorkshire.police.uk/101-non-emergency-number",
        "live_chat": "https://www.westyorkshire.police.uk/101livechat",
        "source": "https://www.westyorkshire.police.uk/101-non-emergency-number",
        "checked": dt.date(2026, 11, 23),
        "confirmed": True,
    }


def test_btp_numbers_are_the_ones_its_faq_gives() -> None:
    btp = FORCES["btp"]
    assert btp["phone"] == "0800 40 50 40" and btp["text"] == "61016"


# --- places.yml --------------------------------------------------------------------

def test_every_force_id_in_places_exists() -> None:
    used = {f for p in PLACES["places"].values() for f in p["forces"]}
    used |= {f for fs in PLACES["postcode_areas"].values() for f in fs}
    used |= {f for fs in PLACES["postcode_districts"].values() for f in fs}
    assert used <= set(FORCES), used - set(FORCES)
    assert set(FORCES) - used == {"btp"}  # every area force is reachable


def test_every_uk_postcode_area_is_covered() -> None:
    areas = PLACES["postcode_areas"]
    assert len(UK_AREAS) == 121
    for area in UK_AREAS:
        assert areas.get(area), f"postcode area {area} has no force"
    for area in CROWN_DEPENDENCIES:
        assert areas[area] == [] and area in PLACES["outside"]["postcode_areas"]


def test_split_areas_list_their_districts_and_whole_areas_do_not() -> None:
    for area, forces in PLACES["postcode_areas"].items():
        districts = [oc for oc in PLACES["outcodes"][area] if oc in PLACES["postcode_districts"]]
        if len(forces) > 1:
            assert districts, f"{area} is split but lists no districts"
        else:
            assert not districts, f"{area} is one force but lists districts"


def test_every_district_resolves_to_existing_forces() -> None:
    count = 0
    for area, outcodes in PLACES["outcodes"].items():
        for outcode in outcodes:
            forces = forces_for_outcode(outcode)
            if area in CROWN_DEPENDENCIES:
                assert forces == ()
                continue
            assert forces, f"{outcode} resolves to no force"
            assert set(forces) <= set(FORCES)
            assert set(forces) <= set(PLACES["postcode_areas"][area])
            count += 1
    assert count > 2800


def test_places_cover_cities_and_at_least_a_thousand_towns() -> None:
    towns = [p for p in PLACES["places"].values() if p["kind"] == "town"]
    assert len(towns) >= 1000
    cities = ("london", "birmingham", "leeds", "glasgow", "sheffield", "bradford", "manchester", "edinburgh",
              "liverpool", "bristol", "cardiff", "belfast", "leicester", "coventry", "nottingham",
              "newcastle upon tyne", "kingston upon hull", "stoke on trent", "southampton", "portsmouth", "plymouth",
              "derby", "swansea", "aberdeen", "dundee", "inverness", "perth", "stirling", "york", "lincoln", "chester",
              "exeter", "truro", "wells", "ely", "lichfield", "st davids", "armagh", "lisburn", "newry", "derry",
              "bangor", "wrexham")
    for city in cities:
        assert city in PLACES["places"], city


def test_every_place_entry_is_well_formed() -> None:
    for key, place in PLACES["places"].items():
        assert key == key.lower() and key.strip() == key
        assert place["name"] and place["forces"] and place["how"], key
        assert len(set(place["forces"])) == len(place["forces"]), key
        assert place.get("guard") in (None, "word", "cue", "month"), key


# --- find_place: every force --------------------------------------------------------

@pytest.mark.parametrize("force_id,town", sorted(TOWN_IN_EACH_FORCE.items()))
def test_a_town_in_every_force_area_resolves_to_that_force(force_id: str, town: str) -> None:
    assert forces_of(f"I live in {town}") == (force_id,)


# --- find_place: names --------------------------------------------------------------

@pytest.mark.parametrize("message,label,force", [
    ("stoke on trent", "Stoke-on-Trent", "staffordshire"),
    ("i'm in stoke-on-trent", "Stoke-on-Trent", "staffordshire"),
    ("newcastle upon tyne", "Newcastle upon Tyne", "northumbria"),
    ("Newcastle-upon-Tyne", "Newcastle upon Tyne", "northumbria"),
    ("st albans", "St Albans", "hertfordshire"),
    ("I live in St. Albans", "St Albans", "hertfordshire"),
    ("saint albans", "St Albans", "hertfordshire"),
    ("kings lynn", "King's Lynn", "norfolk"),
    ("I'm from King’s Lynn", "King's Lynn", "norfolk"),
    ("brighton & hove", "Brighton and Hove", "sussex"),
    ("keighley", "Keighley", "west_yorkshire"),
    ("Im in leeds", "Leeds", "west_yorkshire"),
    ("goole", "Goole", "humberside"),
    ("yeovil", "Yeovil", "avon_and_somerset"),
    ("Ynys Môn", "Ynys Mon", "north_wales"),
    ("hull", "Hull", "humberside"),
])
def test_names_in_any_case_and_spelling(message: str, label: str, force: str) -> None:
    match = find_place(message)
    assert match is not None and match.label == label and match.force_ids == (force,)


@pytest.mark.parametrize("message,label,force", [
    ("West Yorkshire", "West Yorkshire", "west_yorkshire"),
    ("i live in greater manchester", "Greater Manchester", "greater_manchester"),
    ("Kent", "Kent", "kent"),
    ("Fife", "Fife", "police_scotland"),
    ("County Durham", "County Durham", "durham"),
    ("Scotland", "Scotland", "police_scotland"),
    ("northern ireland", "Northern Ireland", "psni"),
    ("Merseyside", "Merseyside", "merseyside"),
    ("Calderdale", "Calderdale", "west_yorkshire"),
])
def test_counties_council_areas_and_regions(message: str, label: str, force: str) -> None:
    match = find_place(message)
    assert match is not None and match.label == label and match.force_ids == (force,)


def test_the_longest_name_wins() -> None:
    assert find_place("I live in Newcastle upon Tyne").label == "Newcastle upon Tyne"
    assert find_place("west yorkshire").label == "West Yorkshire"
    assert find_place("North Yorkshire").force_ids == ("north_yorkshire",)
    assert find_place("sutton coldfield").force_ids == ("west_midlands",)


def test_the_match_is_the_words_as_typed() -> None:
    message = "hi, I'm in NEWCASTLE upon tyne right now"
    match = find_place(message)
    assert match.text == "NEWCASTLE upon tyne" and message[match.start:match.end] == match.text


@pytest.mark.parametrize("message,must_include", [
    ("Newport", {"gwent", "hampshire", "west_mercia"}),
    ("I live in Richmond", {"metropolitan", "north_yorkshire"}),
    ("bangor", {"north_wales", "psni"}),
    ("Yorkshire", {"west_yorkshire", "south_yorkshire", "north_yorkshire", "humberside"}),
    ("Wales", {"south_wales", "north_wales", "gwent", "dyfed_powys"}),
    ("London", {"metropolitan", "city_of_london"}),
])
def test_a_name_in_several_force_areas_lists_them_all(message: str, must_include: set[str]) -> None:
    forces = forces_of(message)
    assert forces is not None and len(forces) > 1 and must_include <= set(forces)


def test_the_biggest_place_comes_first() -> None:
    assert forces_of("Newport")[0] == "gwent"
    assert forces_of("Newcastle")[0] == "northumbria"


# --- find_place: postcodes ----------------------------------------------------------

@pytest.mark.parametrize("message,text,outcode,force", [
    ("BD7 1AB", "BD7 1AB", "BD7", "west_yorkshire"),
    ("my postcode is bd71ab", "bd71ab", "BD7", "west_yorkshire"),
    ("it's LS10 1AB", "LS10 1AB", "LS10", "west_yorkshire"),
    ("ls101ab", "ls101ab", "LS10", "west_yorkshire"),
    ("SW1A 1AA", "SW1A 1AA", "SW1A", "metropolitan"),
    ("EC2V 7HH", "EC2V 7HH", "EC2V", "city_of_london"),
    ("bt1 1aa", "bt1 1aa", "BT1", "psni"),
    ("G1 1AA", "G1 1AA", "G1", "police_scotland"),
])
def test_a_full_postcode_is_cut_to_its_district(message: str, text: str, outcode: str, force: str) -> None:
    match = find_place(message)
    assert match.label == outcode and match.text == text and match.kind == "postcode"
    assert match.force_ids[0] == force
    assert " " not in match.label and len(match.label) <= 4


@pytest.mark.parametrize("message,outcode,forces", [
    ("LS6", "LS6", ("west_yorkshire",)),
    ("ls6", "LS6", ("west_yorkshire",)),
    ("S40", "S40", ("derbyshire",)),
    ("s10", "S10", ("south_yorkshire",)),
    ("DN14", "DN14", None),
    ("SY15", "SY15", None),
    ("i live in m8", "M8", ("greater_manchester",)),
    ("ZE1", "ZE1", ("police_scotland",)),
])
def test_bare_districts(message: str, outcode: str, forces: tuple[str, ...] | None) -> None:
    match = find_place(message)
    assert match is not None and match.label == outcode and match.kind == "outcode"
    if forces:
        assert match.force_ids == forces


def test_a_straddling_district_lists_both_forces() -> None:
    straddling = [oc for oc, fs in PLACES["postcode_districts"].items() if len(fs) > 1]
    assert len(straddling) > 50
    assert set(forces_for_outcode("SY15")) == {"dyfed_powys", "west_mercia"}
    assert len(forces_for_outcode("DN14")) > 1
    for outcode in straddling[:40]:
        assert len(find_place(f"my postcode is {outcode} 1AB").force_ids) > 1


def test_a_district_of_a_split_area_resolves_to_one_force() -> None:
    assert forces_of("S40 1AA") == ("derbyshire",)  # S is mostly South Yorkshire
    assert forces_of("LS6 3HN") == ("west_yorkshire",)  # LS is split with North Yorkshire


@pytest.mark.parametrize("message,area", [
    ("my postcode starts with LS", "LS"),
    ("My post code begins with bd", "BD"),
    ("it's a BT postcode", "BT"),
    ("postcode area: YO", "YO"),
])
def test_area_letters_only_next_to_the_word_postcode(message: str, area: str) -> None:
    match = find_place(message)
    assert match is not None and match.kind == "area" and match.label == area
    assert match.force_ids == tuple(PLACES["postcode_areas"][area])


@pytest.mark.parametrize("message", ["LS", "BT broadband is down", "my postcode is so far from here", "ME",
                                     "send it to me", "DE", "la la la"])
def test_area_letters_alone_are_not_a_place(message: str) -> None:
    assert find_place(message) is None


def test_crown_dependencies_are_outside_the_uk_forces() -> None:
    islands = {"GY1 1AA": "guernsey", "JE2 3AB": "jersey", "IM1 1AA": "isle_of_man", "I live in Guernsey": "guernsey",
               "I'm in Jersey": "jersey", "isle of man": "isle_of_man"}
    for message, island in islands.items():
        match = find_place(message)
        assert match is not None and match.kind == "outside" and match.force_ids == (), message
        assert crown_dependency(match.postcode_areas) == island, message
    assert find_place("I love New Jersey") is None


# --- find_place: false positives ----------------------------------------------------

@pytest.mark.parametrize("message", [
    "reading", "I was reading his messages", "Reading his texts made me sick",
    "bath", "I was in the bath", "sale", "it's on sale", "it started in march", "march", "from March to May",
    "deal with it", "it's a big deal", "street", "on the street", "wells", "hope", "I hope so", "I live in hope",
    "ware", "bury it", "bury", "hyde", "ash", "rugby", "I play rugby", "dollar", "he wants 500 dollar", "in hope of",
    "I'm in year 10", "I'm in trouble", "I'm in over my head", "I'm in bits", "I'm in bed", "I'm in school",
    "I'm in care", "I'm in love", "from work", "from school", "near me", "around here",
    "he's on snapchat", "instagram", "tiktok", "whatsapp", "discord", "facebook", "telegram", "kik", "omegle",
    "my friend Chelsea sent it", "m8 what's up", "b4 he sent it", "w8 for me", "HS2 works", "on the M6",
    "vitamin B12", "ip6 address", "the law", "I'm in a mess", "I want it over", "hook up",
    "bathroom", "Kentucky", "Hullo", "I'm in the bathroom", "readings", "BATH",
    "", "   ", "ok", "no", "yes please", "help me",
])
def test_ordinary_words_are_not_places(message: str) -> None:
    assert find_place(message) is None


@pytest.mark.parametrize("message,force", [
    ("I live in Reading", "thames_valley"),
    ("we met in Reading last year", "thames_valley"),
    ("I live in bath", "avon_and_somerset"),
    ("I'm from Bath", "avon_and_somerset"),
    ("I live in Sale", "greater_manchester"),
    ("I live in March", "cambridgeshire"),
    ("I'm based in Deal", "kent"),
    ("near Wells", "avon_and_somerset"),
    ("I'm in Street", "avon_and_somerset"),
    ("I live in Bury", "greater_manchester"),
    ("I'm from Hyde", "greater_manchester"),
    ("live in rugby", "warwickshire"),
    ("I live in Chelsea", "metropolitan"),
    ("around Ware", "hertfordshire"),
])
def test_word_names_count_after_a_location_cue(message: str, force: str) -> None:
    assert forces_of(message) == (force,)


def test_word_names_count_when_capitalised_mid_sentence_or_on_their_own() -> None:
    assert forces_of("it happened at uni, Bath") == ("avon_and_somerset",)
    assert forces_of("Bath") == ("avon_and_somerset",)
    assert forces_of("Reading is where I live") is None  # first word of a sentence proves nothing


def test_a_bare_word_name_counts_when_the_bot_asked_where() -> None:
    assert forces_of("bath") is None
    assert forces_of("bath", expecting_place=True) == ("avon_and_somerset",)
    assert forces_of("march", expecting_place=True) == ("cambridgeshire",)


def test_where_someone_lives_beats_where_they_are_from() -> None:
    assert find_place("I'm from Leeds but live in Bradford").label == "Bradford"
    assert find_place("I live in Leeds, near Bradford").label == "Leeds"


def test_a_postcode_beats_a_place_name() -> None:
    match = find_place("Newport, NP20 1AA")
    assert match.label == "NP20" and match.force_ids == ("gwent",)


def test_find_place_returns_a_frozen_match() -> None:
    match = find_place("Keighley")
    assert isinstance(match, PlaceMatch)
    with pytest.raises(AttributeError):
        match.label = "x"  # type: ignore[misc]


@pytest.mark.parametrize("message,label", [
    ("he said he was from London", None),
    ("the scammer says he's from Manchester, I'm in Leeds", "Leeds"),
    ("she said she was from Leeds, I live in Bradford", "Bradford"),
    ("I'm from Leeds", "Leeds"),
    ("my friend is from Leeds and it's happening to him", "Leeds"),
    ("52-year-old man from Darlington. I paid through Revolut last week.", "Darlington"),
    ("Hi, 19 year old guy from Leeds here", "Leeds"),
    ("a 40 year old man from Leeds is blackmailing me", None),
    ("some 30 year old woman from Bristol added me", None),
])
def test_where_the_scammer_says_they_are_from_is_not_the_persons_place(message: str, label: str | None) -> None:
    found = find_place(message)
    assert (found.label if found else None) == label
