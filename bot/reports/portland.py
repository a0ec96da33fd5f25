"""Portland's streets, freeways, landmarks and place words, for reading where residents say a problem is.

The module is long because it is a data table: the major named streets with their usual suffix and
quadrants ("sextants"), freeways, store chains, parks and other named places, and the English and Spanish
words for kinds of place. Keys are folded (lowercase, no accents, no apostrophes, single spaces). Nothing
here is fetched from the internet; the lists are written from general knowledge of the city and are
meant to be extended.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.language.text import wordset

#: Quadrant ("sextant") words, English and Spanish, folded; E and W are only Burnside's halves.
QUADRANT_WORDS: dict[str, str] = {
    "n": "N",
    "north": "N",
    "norte": "N",
    "s": "S",
    "south": "S",
    "sur": "S",
    "ne": "NE",
    "northeast": "NE",
    "noreste": "NE",
    "nordeste": "NE",
    "nw": "NW",
    "northwest": "NW",
    "noroeste": "NW",
    "se": "SE",
    "southeast": "SE",
    "sureste": "SE",
    "sudeste": "SE",
    "sw": "SW",
    "southwest": "SW",
    "suroeste": "SW",
    "sudoeste": "SW",
    "e": "E",
    "east": "E",
    "w": "W",
    "west": "W",
}
#: Two-word quadrants ("north east", "N E").
QUADRANT_PAIRS: dict[tuple[str, str], str] = {
    ("north", "east"): "NE",
    ("north", "west"): "NW",
    ("south", "east"): "SE",
    ("south", "west"): "SW",
    ("n", "e"): "NE",
    ("n", "w"): "NW",
    ("s", "e"): "SE",
    ("s", "w"): "SW",
    ("nor", "este"): "NE",
    ("sur", "este"): "SE",
    ("sur", "oeste"): "SW",
    ("nor", "oeste"): "NW",
}
SEXTANTS = frozenset({"N", "NE", "SE", "SW", "NW", "S"})
EAST = frozenset({"NE", "SE", "E"})

#: Street types as written -> the postal abbreviation.
STREET_TYPES: dict[str, str] = {
    "st": "St",
    "str": "St",
    "street": "St",
    "ave": "Ave",
    "av": "Ave",
    "avenue": "Ave",
    "blvd": "Blvd",
    "boulevard": "Blvd",
    "bl": "Blvd",
    "rd": "Rd",
    "road": "Rd",
    "dr": "Dr",
    "drive": "Dr",
    "hwy": "Hwy",
    "highway": "Hwy",
    "way": "Way",
    "ct": "Ct",
    "court": "Ct",
    "pl": "Pl",
    "place": "Pl",
    "ln": "Ln",
    "lane": "Ln",
    "ter": "Ter",
    "terrace": "Ter",
    "pkwy": "Pkwy",
    "parkway": "Pkwy",
    "cir": "Cir",
    "circle": "Cir",
    "loop": "Loop",
    "fwy": "Fwy",
    "freeway": "Fwy",
}
#: Types a lowercase, unknown name may carry ("harold st"); "way", "dr", "pl"... need a capital or a quadrant.
PLAIN_TYPES = frozenset({"st", "street", "ave", "avenue", "blvd", "boulevard", "rd", "road", "hwy", "highway"})
#: Spanish words that announce a street: "la calle Division", "la avenida Sandy", "la 82".
SPANISH_STREET_WORDS = frozenset({"calle", "avenida", "bulevar", "carretera"})


@dataclass(frozen=True)
class Street:
    """A named Portland street.

    Attributes:
        name: The display name ("Martin Luther King Jr").
        suffix: The usual type ("Blvd"); "" for names without one ("Broadway").
        quadrants: The quadrants the street runs in, most usual first.
        strength: 2 distinctive ("Glisan"), 1 also a common name ("Foster", "Raymond": needs a cross
            street to count), 0 an everyday word ("Couch", "Park": needs a quadrant or a type).
        other_suffixes: Other real types residents may rightly give ("Flavel Dr").
        by_quadrant: A different type in one quadrant ("SW Columbia St" but "N Columbia Blvd").
    """

    name: str
    suffix: str
    quadrants: tuple[str, ...]
    strength: int = 2
    other_suffixes: tuple[str, ...] = ()
    by_quadrant: tuple[tuple[str, str], ...] = ()

    def suffix_in(self, quadrant: str | None) -> str:
        """The street's type in ``quadrant``."""
        return dict(self.by_quadrant).get(quadrant or "", self.suffix)


# name | type | quadrants | strength (2 if left out) | aliases (folded, ";"-separated) | other types | by quadrant
_STREET_TABLE = """
Burnside|St|E W
Division|St|SE
Powell|Blvd|SE
Foster|Rd|SE|1
Sandy|Blvd|NE|1
Glisan|St|NE NW
Halsey|St|NE
Stark|St|SE SW
Belmont|St|SE
Hawthorne|Blvd|SE
Holgate|Blvd|SE
Woodstock|Blvd|SE
Lombard|St|N NE
Killingsworth|St|N NE
Alberta|St|NE N
Fremont|St|NE N
Prescott|St|NE N
Broadway||NE N NW SW
Weidler|St|NE N
Martin Luther King Jr|Blvd|NE SE|2|mlk;mlk jr;m l k;martin luther king;martin luther king jr;king jr

Williams|Ave|N|1
Vancouver|Ave|N|1
Interstate|Ave|N|1
Columbia|Blvd|N NE SW|1|||SW:St
Marine|Dr|N NE|1
Macadam|Ave|SW
Barbur|Blvd|SW
Beaverton-Hillsdale|Hwy|SW|2|beaverton hillsdale;bh hwy
Steele|St|SE
Raymond|St|SE|1
Wasco|St|NE
Bryant|St|N NE|1
Delaware|Ave|N|1
Willis|Blvd|N|1
Chautauqua|Blvd|N
Skidmore|St|N NE
Mississippi|Ave|N
Cesar E Chavez|Blvd|NE SE|2|cesar chavez;cesar e chavez;chavez;cesar estrada chavez
Grand|Ave|SE NE|0
Rosa Parks|Way|N NE
Portland|Blvd|N NE|0||Hwy;Rd
Going|St|N NE|0
Ainsworth|St|N NE
Dekum|St|NE N
Holman|St|NE|1
Willamette|Blvd|N|1
Greeley|Ave|N|1
Denver|Ave|N|1
Albina|Ave|N
Kerby|Ave|N|1
Michigan|Ave|N|1
Missouri|Ave|N|1
Borthwick|Ave|N
Commercial|Ave|N|0
Peninsular|Ave|N
Portsmouth|Ave|N|1
Fessenden|St|N
St Louis|Ave|N|1|saint louis
Ivanhoe|St|N
Philadelphia|Ave|N|1
Smith|St|N|0
Richmond|Ave|N|1
Russell|St|N NE|1
Failing|St|N NE|0
Mason|St|NE N|1
Shaver|St|NE N
Tillamook|St|NE N
Knott|St|NE N
Thompson|St|NE|1
Siskiyou|St|NE
Klickitat|St|NE
Multnomah|St|NE SW|1||Blvd|SW:Blvd
Holladay|St|NE|1
Pacific|St|NE|0
Oregon|St|NE|0
Hassalo|St|NE
Lloyd|Blvd|NE|1
Couch|St|NE NW|0
Davis|St|NE NW|1
Everett|St|NE NW|1
Flanders|St|NE NW|1
Hoyt|St|NE NW|1
Irving|St|NE NW|1
Johnson|St|NW|1
Kearney|St|NW|1
Lovejoy|St|NW
Marshall|St|NW|1
Northrup|St|NW
Overton|St|NW|1
Pettygrove|St|NW
Quimby|St|NW
Raleigh|St|NW|1
Savier|St|NW
Thurman|St|NW|1
Upshur|St|NW
Vaughn|St|NW|1
Wilson|St|NW|1
York|St|NW|1
Front|Ave|NW|0
Naito|Pkwy|SW NW
St Helens|Rd|NW|1|saint helens
Yeon|Ave|NW
Nicolai|St|NW
Cornell|Rd|NW|1
Skyline|Blvd|NW|1
Germantown|Rd|NW
Cully|Blvd|NE
Airport|Way|NE|0
Sumner|St|NE|1
Emerson|St|NE|1
Ankeny|St|SE SW NE
Ash|St|SE SW|0
Pine|St|SE SW|0
Oak|St|SE SW|0
Washington|St|SE SW|1
Alder|St|SE SW|1
Morrison|St|SE SW|1
Yamhill|St|SE SW
Taylor|St|SE SW|1
Salmon|St|SE SW|1
Main|St|SE SW|0
Madison|St|SE SW|1
Jefferson|St|SW|1
Clay|St|SE SW|0
Market|St|SE SW|0
Mill|St|SE SW|0
Harrison|St|SE SW|1
Lincoln|St|SE SW|1
Grant|St|SE SW|0
Sherman|St|SE SW|1
Clinton|St|SE|1
Woodward|St|SE|1
Brooklyn|St|SE|1
Gladstone|St|SE|1
Francis|St|SE|1
Lafayette|St|SE|1
Rhine|St|SE|1
Pardee|St|SE
Schiller|St|SE|1
Ellis|St|SE|1
Bush|St|SE|1
Reedway|St|SE
Cora|St|SE|1
Insley|St|SE
Mitchell|St|SE|1
Center|St|SE|0
Rural|St|SE|0
Harold|St|SE|1
Knight|St|SE|1
Ogden|St|SE|1
Glenwood|St|SE|1
Ramona|St|SE|1
Duke|St|SE|1
Flavel|St|SE|2||Dr
Knapp|St|SE|1
Malden|St|SE|1
Tenino|St|SE
Umatilla|St|SE
Spokane|St|SE|1
Tacoma|St|SE|1
Lambert|St|SE|1
Nehalem|St|SE
Bybee|Blvd|SE
Harney|St|SE
Clatsop|St|SE
Crystal Springs|Blvd|SE|1
Tolman|St|SE|1
Henderson|St|SE|1
Johnson Creek|Blvd|SE
Milwaukie|Ave|SE
McLoughlin|Blvd|SE|2|mcloughlin;mc loughlin
Water|Ave|SE|0
Ladd|Ave|SE|1
Union|Ave|NE|0
Mount Scott|Blvd|SE|2|mt scott
Capitol|Hwy|SW|1
Terwilliger|Blvd|SW
Vermont|St|SW|1
Taylors Ferry|Rd|SW|2|taylor's ferry
Boones Ferry|Rd|SW
Scholls Ferry|Rd|SW
Garden Home|Rd|SW
Shattuck|Rd|SW
Canyon|Rd|SW|1
Park|Ave|SW NW|0
Harbor|Dr|SW|0
Hall|St|SW|0
College|St|SW|0
Montgomery|St|SW|1
Jackson|St|SW|1
Sheridan|St|SW|1
Corbett|Ave|SW|1
Moody|Ave|SW|1
Bond|Ave|SW|0
Vista|Ave|SW|1
Patton|Rd|SW|1
Sunset|Blvd|SW|1
Dosch|Rd|SW
Hamilton|St|SW|1
Nebraska|St|SW|1
Arthur|St|SW|1
Caruthers|St|SE SW|1
Stephens|St|SE|1
Cook|St|N|1
Ivy|St|N|1
Monroe|St|N NE|1
Page|St|N|0
Morris|St|N NE|1
Fargo|St|N NE|1
Graham|St|N NE|1
Stanton|St|N NE|1
Beech|St|N NE|1
Blandena|St|N NE
Webster|St|NE|1
Jarrett|St|N NE|1
Holland|St|N NE|1
Winchell|St|N
Saratoga|St|N NE|1
Buffalo|St|N NE|1
Farragut|St|N NE
Houghton|St|N|1
Woolsey|Ave|N
Wabash|Ave|N|1
Hunt|St|N|1
Princeton|St|N|1
Dana|Ave|N|1
Massachusetts|Ave|N|1
Fiske|Ave|N|1
Tyler|Ave|N|1
Newark|St|N|1
Alta|Ave|N|1
Rodney|Ave|NE N|1
Mallory|Ave|NE N|1
Garfield|Ave|NE N|1
Cleveland|Ave|NE|1
Schuyler|St|NE|1
Hancock|St|NE|1
Sacramento|St|NE|1
Brazee|St|NE
Rocky Butte|Rd|NE
Alderwood|Rd|NE
Kelly|St|SE|1
Boise|St|N|1
Mall|St|SE|0
Lexington|St|SE|1
Taggart|St|SE|1
Tibbetts|St|SE
Sherrett|St|SE
Rex|St|SE|1
Linn|St|SE|1
Marion|St|SE|1
Yukon|St|SE|1
Ochoco|St|SE
Henry|St|SE|1
Long|St|SE|0
"""


_MORE_ALIASES = {"martin luther king jr": ("dr martin luther king jr", "martin luther king junior")}


def _load_streets() -> dict[str, Street]:
    """Read ``_STREET_TABLE`` into a folded-key lookup, aliases included."""
    streets: dict[str, Street] = {}
    for line in filter(None, map(str.strip, _STREET_TABLE.splitlines())):
        parts = line.split("|") + [""] * 7
        name, suffix, quads, strength, aliases, others, by_quad = parts[:7]
        street = Street(
            name=name,
            suffix=suffix,
            quadrants=tuple(quads.split()),
            strength=int(strength) if strength else 2,
            other_suffixes=tuple(others.split(";")) if others else (),
            by_quadrant=tuple(tuple(pair.split(":")) for pair in by_quad.split(";") if pair),  # type: ignore[misc]
        )
        keys = [name.lower().replace("-", " ")] + [a for a in aliases.split(";") if a]
        keys += _MORE_ALIASES.get(keys[0], ())
        for key in keys:
            streets[" ".join(key.replace("'", "").split())] = street
    return streets


STREETS: dict[str, Street] = _load_streets()

#: Freeways and highways: folded spelling -> display.
HIGHWAYS: dict[str, str] = {
    "i-5": "I-5",
    "i5": "I-5",
    "i 5": "I-5",
    "interstate 5": "I-5",
    "i-84": "I-84",
    "i84": "I-84",
    "i 84": "I-84",
    "interstate 84": "I-84",
    "banfield": "I-84",
    "the banfield": "I-84",
    "i-205": "I-205",
    "i205": "I-205",
    "i 205": "I-205",
    "interstate 205": "I-205",
    "i-405": "I-405",
    "i405": "I-405",
    "i 405": "I-405",
    "interstate 405": "I-405",
    "us-26": "US-26",
    "us 26": "US-26",
    "hwy 26": "US-26",
    "highway 26": "US-26",
    "sunset hwy": "US-26",
    "sunset highway": "US-26",
    "us-30": "US-30",
    "us 30": "US-30",
    "hwy 30": "US-30",
    "highway 30": "US-30",
    "99e": "OR-99E",
    "hwy 99e": "OR-99E",
    "highway 99e": "OR-99E",
    "99w": "OR-99W",
    "hwy 99w": "OR-99W",
    "highway 99w": "OR-99W",
    "hwy 217": "OR-217",
    "highway 217": "OR-217",
}
#: The quadrants a freeway runs through, for the streets it meets ("I-205 and Glisan" is NE Glisan).
HIGHWAY_QUADRANTS: dict[str, frozenset[str]] = {
    "I-205": frozenset({"NE", "SE", "E"}),
    "I-84": frozenset({"NE", "E"}),
    "I-405": frozenset({"NW", "SW", "W"}),
    "I-5": frozenset({"N", "NE", "SE", "SW", "NW", "E", "W"}),
}
#: Bare numbers that always name a freeway ("under the 205", "la 405"): 205th and 405th are written so.
BARE_FREEWAYS: dict[str, str] = {"205": "I-205", "405": "I-405"}
#: Words after a bare number that make it a freeway ("84 freeway", "la 205 autopista").
FREEWAY_WORDS = frozenset({"freeway", "fwy", "autopista", "interstate", "freeway's"})

#: Store chains and businesses that residents name: folded spelling -> display.
STORES: dict[str, str] = {
    "safeway": "Safeway",
    "fred meyer": "Fred Meyer",
    "fred meyers": "Fred Meyer",
    "freddys": "Fred Meyer",
    "freddy's": "Fred Meyer",
    "walmart": "Walmart",
    "wal-mart": "Walmart",
    "wal mart": "Walmart",
    "7-eleven": "7-Eleven",
    "7-11": "7-Eleven",
    "7 eleven": "7-Eleven",
    "seven eleven": "7-Eleven",
    "seven-eleven": "7-Eleven",
    "711": "7-Eleven",
    "goodwill": "Goodwill",
    "target": "Target",
    "home depot": "Home Depot",
    "winco": "WinCo",
    "albertsons": "Albertsons",
    "new seasons": "New Seasons",
    "plaid pantry": "Plaid Pantry",
    "mcdonalds": "McDonald's",
    "mcdonald": "McDonald's",
    "starbucks": "Starbucks",
    "dollar tree": "Dollar Tree",
    "dollar general": "Dollar General",
    "family dollar": "Family Dollar",
    "walgreens": "Walgreens",
    "rite aid": "Rite Aid",
    "cvs": "CVS",
    "bi-mart": "Bi-Mart",
    "bimart": "Bi-Mart",
    "bi mart": "Bi-Mart",
    "grocery outlet": "Grocery Outlet",
    "costco": "Costco",
    "lowes": "Lowe's",
    "taco bell": "Taco Bell",
    "burger king": "Burger King",
    "jack in the box": "Jack in the Box",
    "dutch bros": "Dutch Bros",
    "dutch brothers": "Dutch Bros",
    "chevron": "Chevron",
    "arco": "ARCO",
    "shell station": "Shell",
    "trader joes": "Trader Joe's",
    "whole foods": "Whole Foods",
    "big lots": "Big Lots",
    "wendys": "Wendy's",
    "kfc": "KFC",
    "popeyes": "Popeyes",
    "dennys": "Denny's",
    "ross": "Ross",
    "petco": "Petco",
    "petsmart": "PetSmart",
    "autozone": "AutoZone",
    "oreilly": "O'Reilly Auto Parts",
    "les schwab": "Les Schwab",
    "jiffy lube": "Jiffy Lube",
    "us bank": "US Bank",
    "wells fargo": "Wells Fargo",
    "chase bank": "Chase Bank",
    "zupans": "Zupan's",
    "market of choice": "Market of Choice",
    "u-haul": "U-Haul",
    "uhaul": "U-Haul",
    "motel 6": "Motel 6",
    "super 8": "Super 8",
    "food 4 less": "Food 4 Less",
    "panda express": "Panda Express",
    "carls jr": "Carl's Jr",
    "arbys": "Arby's",
    "dairy queen": "Dairy Queen",
    "best buy": "Best Buy",
    "michaels": "Michaels",
    "kmart": "Kmart",
    "papa murphys": "Papa Murphy's",
    "subway": "Subway",
    "chipotle": "Chipotle",
    "powells": "Powell's Books",
    "76 station": "76 gas station",
    "76 gas station": "76 gas station",
}

#: Places miles long or wide: named alone they do not say where (display names; any "... Trail" too).
LONG_PLACES = frozenset({"Springwater Corridor", "Eastbank Esplanade", "Forest Park", "Powell Butte"})
LONG_PLACE_ENDINGS = (" Trail", " Corridor", " Greenway")


def is_long_place(display: str) -> bool:
    """Whether the place ``display`` names is too long or wide to find a report in by its name alone."""
    return display in LONG_PLACES or display.endswith(LONG_PLACE_ENDINGS)


#: Places that stand alone: folded name -> (display, quadrant or "").
PLACES: dict[str, tuple[str, str]] = {
    "laurelhurst park": ("Laurelhurst Park", "SE"),
    "peninsula park": ("Peninsula Park", "N"),
    "mt tabor": ("Mt Tabor Park", "SE"),
    "mount tabor": ("Mt Tabor Park", "SE"),
    "mt tabor park": ("Mt Tabor Park", "SE"),
    "mount tabor park": ("Mt Tabor Park", "SE"),
    "lents park": ("Lents Park", "SE"),
    "forest park": ("Forest Park", "NW"),
    "washington park": ("Washington Park", "SW"),
    "powell butte": ("Powell Butte", "SE"),
    "kelley point park": ("Kelley Point Park", "N"),
    "kelly point park": ("Kelley Point Park", "N"),
    "paul bunyan": ("Paul Bunyan Statue", "N"),
    "paul bunyan statue": ("Paul Bunyan Statue", "N"),
    "estatua de paul bunyan": ("Paul Bunyan Statue", "N"),
    "ed benedict park": ("Ed Benedict Park", "SE"),
    "sendero springwater": ("Springwater Corridor", "SE"),
    "sendero de springwater": ("Springwater Corridor", "SE"),
    "cathedral park": ("Cathedral Park", "N"),
    "pier park": ("Pier Park", "N"),
    "columbia park": ("Columbia Park", "N"),
    "overlook park": ("Overlook Park", "N"),
    "arbor lodge park": ("Arbor Lodge Park", "N"),
    "kenton park": ("Kenton Park", "N"),
    "dawson park": ("Dawson Park", "N"),
    "unthank park": ("Unthank Park", "N"),
    "alberta park": ("Alberta Park", "NE"),
    "irving park": ("Irving Park", "NE"),
    "grant park": ("Grant Park", "NE"),
    "wilshire park": ("Wilshire Park", "NE"),
    "fernhill park": ("Fernhill Park", "NE"),
    "woodlawn park": ("Woodlawn Park", "NE"),
    "glenhaven park": ("Glenhaven Park", "NE"),
    "normandale park": ("Normandale Park", "NE"),
    "holladay park": ("Holladay Park", "NE"),
    "gateway discovery park": ("Gateway Discovery Park", "NE"),
    "montavilla park": ("Montavilla Park", "SE"),
    "ventura park": ("Ventura Park", "SE"),
    "colonel summers park": ("Colonel Summers Park", "SE"),
    "col summers park": ("Colonel Summers Park", "SE"),
    "sewallcrest park": ("Sewallcrest Park", "SE"),
    "creston park": ("Creston Park", "SE"),
    "kenilworth park": ("Kenilworth Park", "SE"),
    "woodstock park": ("Woodstock Park", "SE"),
    "brentwood park": ("Brentwood Park", "SE"),
    "westmoreland park": ("Westmoreland Park", "SE"),
    "sellwood park": ("Sellwood Park", "SE"),
    "essex park": ("Essex Park", "SE"),
    "berrydale park": ("Berrydale Park", "SE"),
    "oaks bottom": ("Oaks Bottom", "SE"),
    "waterfront park": ("Tom McCall Waterfront Park", "SW"),
    "tom mccall waterfront park": ("Tom McCall Waterfront Park", "SW"),
    "tom mccall park": ("Tom McCall Waterfront Park", "SW"),
    "eastbank esplanade": ("Eastbank Esplanade", "SE"),
    "esplanade": ("Eastbank Esplanade", "SE"),
    "springwater corridor": ("Springwater Corridor", "SE"),
    "springwater trail": ("Springwater Corridor", "SE"),
    "the springwater": ("Springwater Corridor", "SE"),
    "peninsula crossing trail": ("Peninsula Crossing Trail", "N"),
    "pioneer courthouse square": ("Pioneer Courthouse Square", "SW"),
    "pioneer square": ("Pioneer Courthouse Square", "SW"),
    "union station": ("Union Station", "NW"),
    "rose quarter": ("Rose Quarter", "NE"),
    "moda center": ("Moda Center", "NE"),
    "lloyd center": ("Lloyd Center", "NE"),
    "providence park": ("Providence Park", "SW"),
    "omsi": ("OMSI", "SE"),
    "mall 205": ("Mall 205", "SE"),
    "eastport plaza": ("Eastport Plaza", "SE"),
    "gateway transit center": ("Gateway Transit Center", "NE"),
    "gateway tc": ("Gateway Transit Center", "NE"),
    "rose quarter transit center": ("Rose Quarter Transit Center", "NE"),
    "hollywood transit center": ("Hollywood Transit Center", "NE"),
    "parkrose transit center": ("Parkrose/Sumner Transit Center", "NE"),
    "parkrose sumner transit center": ("Parkrose/Sumner Transit Center", "NE"),
    "lents town center": ("Lents Town Center", "SE"),
    "portland state": ("Portland State University", "SW"),
    "psu": ("Portland State University", "SW"),
    "reed college": ("Reed College", "SE"),
    "university of portland": ("University of Portland", "N"),
    "pcc cascade": ("PCC Cascade", "N"),
    "pcc southeast": ("PCC Southeast", "SE"),
    "pcc sylvania": ("PCC Sylvania", "SW"),
    "ohsu": ("OHSU", "SW"),
    "pdx airport": ("Portland International Airport", "NE"),
    "portland airport": ("Portland International Airport", "NE"),
    "central library": ("Central Library", "SW"),
    "tilikum crossing": ("Tilikum Crossing", "SE"),
    "steel bridge": ("Steel Bridge", "NW"),
    "st johns bridge": ("St Johns Bridge", "N"),
    "ross island bridge": ("Ross Island Bridge", "SE"),
    "marquam bridge": ("Marquam Bridge", "SE"),
    "sellwood bridge": ("Sellwood Bridge", "SE"),
    "rocky butte": ("Rocky Butte", "NE"),
    "kelly butte": ("Kelly Butte", "SE"),
    "zenger farm": ("Zenger Farm", "SE"),
    "leach botanical garden": ("Leach Botanical Garden", "SE"),
    "jantzen beach": ("Jantzen Beach", "N"),
    "gateway green": ("Gateway Green", "NE"),
    "errol heights park": ("Errol Heights Park", "SE"),
    "foster floodplain": ("Foster Floodplain Natural Area", "SE"),
    "johnson creek park": ("Johnson Creek Park", "SE"),
    "mt scott park": ("Mt Scott Park", "SE"),
    "harney park": ("Harney Park", "SE"),
    "lynchwood park": ("Lynchwood Park", "SE"),
    "parklane park": ("Parklane Park", "SE"),
    "raymond park": ("Raymond Park", "SE"),
    "west powellhurst park": ("West Powellhurst Park", "SE"),
    "knott park": ("Knott Park", "NE"),
    "argay park": ("Argay Park", "NE"),
    "thomas cully park": ("Thomas Cully Park", "NE"),
    "wellington park": ("Wellington Park", "NE"),
    "frazer park": ("Frazer Park", "NE"),
    "clinton park": ("Clinton Park", "SE"),
    "kenton library": ("Kenton Library", "N"),
    "st johns library": ("St Johns Library", "N"),
    "north portland library": ("North Portland Library", "N"),
    "gregory heights library": ("Gregory Heights Library", "NE"),
    "midland library": ("Midland Library", "SE"),
    "holgate library": ("Holgate Library", "SE"),
    "rose quarter tc": ("Rose Quarter Transit Center", "NE"),
    "hollywood tc": ("Hollywood Transit Center", "NE"),
    "lloyd center max": ("Lloyd Center MAX Station", "NE"),
    "hayden island": ("Hayden Island", "N"),
    "delta park": ("Delta Park", "N"),
    "east delta park": ("Delta Park", "N"),
}

#: Names that make a place when a kind of place follows ("Lents library", "escuela Roosevelt"):
#: folded name -> (display, quadrant or "").
PLACE_NAMES: dict[str, tuple[str, str]] = {
    "lents": ("Lents", "SE"),
    "gateway": ("Gateway", "NE"),
    "hollywood": ("Hollywood", "NE"),
    "st johns": ("St Johns", "N"),
    "saint johns": ("St Johns", "N"),
    "kenton": ("Kenton", "N"),
    "montavilla": ("Montavilla", "SE"),
    "parkrose": ("Parkrose", "NE"),
    "cully": ("Cully", "NE"),
    "woodstock": ("Woodstock", "SE"),
    "sellwood": ("Sellwood", "SE"),
    "brentwood-darlington": ("Brentwood-Darlington", "SE"),
    "hazelwood": ("Hazelwood", "NE"),
    "mill park": ("Mill Park", "SE"),
    "centennial": ("Centennial", "SE"),
    "argay": ("Argay", "NE"),
    "piedmont": ("Piedmont", "N"),
    "overlook": ("Overlook", "N"),
    "arbor lodge": ("Arbor Lodge", "N"),
    "university park": ("University Park", "N"),
    "portsmouth": ("Portsmouth", "N"),
    "linnton": ("Linnton", "NW"),
    "pearl": ("Pearl", "NW"),
    "old town": ("Old Town", "NW"),
    "downtown": ("Downtown", "SW"),
    "goose hollow": ("Goose Hollow", "SW"),
    "hillsdale": ("Hillsdale", "SW"),
    "multnomah village": ("Multnomah Village", "SW"),
    "irvington": ("Irvington", "NE"),
    "alameda": ("Alameda", "NE"),
    "beaumont": ("Beaumont", "NE"),
    "roseway": ("Roseway", "NE"),
    "concordia": ("Concordia", "NE"),
    "vernon": ("Vernon", "NE"),
    "sabin": ("Sabin", "NE"),
    "humboldt": ("Humboldt", "N"),
    "eliot": ("Eliot", "N"),
    "woodlawn": ("Woodlawn", "NE"),
    "buckman": ("Buckman", "SE"),
    "kerns": ("Kerns", "NE"),
    "sunnyside": ("Sunnyside", "SE"),
    "creston": ("Creston", "SE"),
    "kenilworth": ("Kenilworth", "SE"),
    "eastmoreland": ("Eastmoreland", "SE"),
    "westmoreland": ("Westmoreland", "SE"),
    "laurelhurst": ("Laurelhurst", "SE"),
    "peninsula": ("Peninsula", "N"),
    "tabor": ("Tabor", "SE"),
    "mt tabor": ("Mt Tabor", "SE"),
    "wilshire": ("Wilshire", "NE"),
    "fernhill": ("Fernhill", "NE"),
    "glenhaven": ("Glenhaven", "NE"),
    "ventura": ("Ventura", "SE"),
    "essex": ("Essex", "SE"),
    "berrydale": ("Berrydale", "SE"),
    "normandale": ("Normandale", "NE"),
    "sewallcrest": ("Sewallcrest", "SE"),
    "unthank": ("Unthank", "N"),
    "dawson": ("Dawson", "N"),
    "cathedral": ("Cathedral", "N"),
    "springwater": ("Springwater", "SE"),
    "sumner": ("Sumner", "NE"),
    "midland": ("Midland", "SE"),
    "gregory heights": ("Gregory Heights", "NE"),
    "albina": ("Albina", "N"),
    "north portland": ("North Portland", "N"),
    "capitol hill": ("Capitol Hill", "SW"),
    "rockwood": ("Rockwood", ""),
    "steel": ("Steel", "NW"),
    "ross island": ("Ross Island", "SE"),
    "marquam": ("Marquam", "SW"),
    "tilikum": ("Tilikum", "SE"),
    "roosevelt": ("Roosevelt", "N"),
    "franklin": ("Franklin", "SE"),
    "jefferson": ("Jefferson", "N"),
    "grant": ("Grant", "NE"),
    "lincoln": ("Lincoln", "SW"),
    "cleveland": ("Cleveland", "SE"),
    "benson": ("Benson", "NE"),
    "mcdaniel": ("McDaniel", "NE"),
    "leodis mcdaniel": ("Leodis McDaniel", "NE"),
    "madison": ("Madison", "NE"),
    "wells": ("Wells", "SW"),
    "ida b wells": ("Ida B. Wells", "SW"),
    "david douglas": ("David Douglas", "SE"),
    "alliance": ("Alliance", ""),
    "marshall": ("Marshall", "SE"),
    "harrison park": ("Harrison Park", "SE"),
    "holgate": ("Holgate", "SE"),
    "paul bunyan": ("Paul Bunyan", "N"),
    "ed benedict": ("Ed Benedict", "SE"),
    "gresham": ("Gresham", ""),
    "troutdale": ("Troutdale", ""),
    "fairview": ("Fairview", ""),
}
#: Portland's high schools, so "escuela Roosevelt" and "Roosevelt High" read as the school.
HIGH_SCHOOLS = frozenset(
    {"roosevelt", "franklin", "jefferson", "grant", "lincoln", "cleveland", "benson", "mcdaniel", "leodis mcdaniel"}
    | {"madison", "wells", "ida b wells", "david douglas", "parkrose", "centennial", "alliance"}
)


@dataclass(frozen=True)
class PlaceKind:
    """A kind of place ("park", "biblioteca").

    Attributes:
        display: The English display ("Park", "Transit Center").
        named_after: The name comes after it, Spanish style ("parque Laurelhurst").
        needs_name: Only a place when named ("station", "high"), never alone.
        freeway: A freeway structure (overpass, ramp, exit) that takes a freeway as its name.
    """

    display: str
    named_after: bool = False
    needs_name: bool = False
    freeway: bool = False


def _kinds(display: str, words: str, **flags: bool) -> dict[str, PlaceKind]:
    kind = PlaceKind(display, **flags)
    return {w.strip(): kind for w in words.split(";") if w.strip()}


#: Kinds of place, English (name before) and Spanish (name after): folded words -> kind.
PLACE_KINDS: dict[str, PlaceKind] = {
    **_kinds("Park", "park;dog park;skate park;playground;pocket park"),
    **_kinds("School", "school;elementary;elementary school;middle school;grade school;k-8;k8"),
    **_kinds("High School", "high school"),
    **_kinds("High School", "high", needs_name=True),
    **_kinds("Library", "library;branch library"),
    **_kinds("Transit Center", "transit center;transit centre;tc"),
    **_kinds("MAX Station", "max station;max stop;max platform;max stn;light rail station"),
    **_kinds("MAX Station", "station;max", needs_name=True),
    **_kinds("Bridge", "bridge"),
    **_kinds("Overpass", "overpass;viaduct", freeway=True),
    **_kinds("Underpass", "underpass", freeway=True),
    **_kinds("On-Ramp", "on ramp;on-ramp;onramp;entrance ramp", freeway=True),
    **_kinds("Off-Ramp", "off ramp;off-ramp;offramp", freeway=True),
    **_kinds("Ramp", "ramp", freeway=True),
    **_kinds("Exit", "exit", freeway=True, needs_name=True),
    **_kinds("Church", "church"),
    **_kinds("Community Center", "community center;community centre;rec center"),
    **_kinds("Post Office", "post office"),
    **_kinds("Hospital", "hospital"),
    **_kinds("Clinic", "clinic"),
    **_kinds("Fire Station", "fire station"),
    **_kinds("Police Station", "police station;precinct"),
    **_kinds("Gas Station", "gas station"),
    **_kinds("Store", "store;grocery store;market;supermarket;corner store;mini mart;minimart"),
    **_kinds("Mall", "mall;shopping center"),
    **_kinds("Apartments", "apartments;apartment complex;apts"),
    **_kinds("Motel", "motel;hotel"),
    **_kinds("Trail", "trail;bike path;path;multi-use path;corridor;greenway"),
    **_kinds("Bus Stop", "bus stop;bus shelter"),
    **_kinds("Parking Lot", "parking lot;parking garage"),
    **_kinds("Car Wash", "car wash"),
    **_kinds("Laundromat", "laundromat"),
    **_kinds("Community Garden", "community garden"),
    **_kinds("Cemetery", "cemetery"),
    **_kinds("Golf Course", "golf course"),
    **_kinds("Statue", "statue;monument"),
    **_kinds("Mural", "mural"),
    **_kinds("Theater", "theater;theatre;movie theater;cinema"),
    **_kinds("Restaurant", "restaurant;diner"),
    **_kinds("Coffee Shop", "coffee shop;cafe"),
    **_kinds("Food Cart", "taco truck;food cart;food carts;food cart pod"),
    **_kinds("Bar", "bar;pub;tavern"),
    **_kinds("Bank", "bank;credit union"),
    **_kinds("Car Dealership", "car dealership;dealership;car lot;used car lot"),
    **_kinds("Shop", "shop;auto shop;repair shop;mechanic;tire shop;body shop"),
    **_kinds("Pharmacy", "pharmacy"),
    **_kinds("Warehouse", "warehouse"),
    **_kinds("Daycare", "daycare;day care"),
    **_kinds("Dispensary", "dispensary;pot shop"),
    # Spanish: the kind comes first, the name after ("parque Laurelhurst", "biblioteca de Lents").
    **_kinds("Park", "parque;parquecito;parque de perros", named_after=True),
    **_kinds(
        "School",
        "escuela;escuela primaria;escuela secundaria;secundaria;primaria;colegio;escuelita",
        named_after=True,
    ),
    **_kinds("High School", "preparatoria;prepa;high", named_after=True),
    **_kinds("Library", "biblioteca", named_after=True),
    **_kinds(
        "Transit Center",
        "centro de transito;centro de transporte;centro de transbordo;terminal de autobuses",
        named_after=True,
    ),
    **_kinds(
        "MAX Station",
        "estacion del max;estacion de max;parada del max;estacion del tren;estacion;estacion de tren",
        named_after=True,
    ),
    **_kinds("Bridge", "puente", named_after=True),
    **_kinds("Overpass", "paso elevado;paso a desnivel;paso superior;paso a nivel", named_after=True, freeway=True),
    **_kinds("Underpass", "paso inferior;paso subterraneo", named_after=True, freeway=True),
    **_kinds("On-Ramp", "rampa de entrada;entrada;rampa", named_after=True, freeway=True),
    **_kinds("Off-Ramp", "rampa de salida;salida", named_after=True, freeway=True),
    **_kinds("Church", "iglesia;templo", named_after=True),
    **_kinds("Community Center", "centro comunitario", named_after=True),
    **_kinds("Post Office", "oficina de correos;correos;oficina postal", named_after=True),
    **_kinds("Hospital", "hospital", named_after=True),
    **_kinds("Clinic", "clinica", named_after=True),
    **_kinds("Fire Station", "estacion de bomberos", named_after=True),
    **_kinds("Gas Station", "gasolinera;gasolineria", named_after=True),
    **_kinds("Store", "tienda;tiendita;mercado;supermercado;abarrotes", named_after=True),
    **_kinds("Mall", "centro comercial;plaza comercial", named_after=True),
    **_kinds("Apartments", "apartamentos;departamentos;los apartamentos", named_after=True),
    **_kinds("Trail", "sendero;ciclovia;camino", named_after=True),
    **_kinds(
        "Bus Stop",
        "parada de autobus;parada del autobus;parada de bus;parada del bus;parada del camion",
        named_after=True,
    ),
    **_kinds("Parking Lot", "estacionamiento;parqueadero;parqueo", named_after=True),
    **_kinds("Laundromat", "lavanderia", named_after=True),
    **_kinds("Cemetery", "cementerio;panteon", named_after=True),
    **_kinds("Golf Course", "campo de golf", named_after=True),
    **_kinds("Statue", "estatua;monumento", named_after=True),
    **_kinds("Theater", "teatro;cine", named_after=True),
    **_kinds("Restaurant", "restaurante;taqueria", named_after=True),
    **_kinds("Coffee Shop", "cafeteria", named_after=True),
    **_kinds("Food Cart", "lonchera;troca de tacos;camion de tacos", named_after=True),
    **_kinds("Bar", "cantina", named_after=True),
    **_kinds("Bank", "banco", named_after=True),
    **_kinds("Car Dealership", "agencia de carros;lote de carros;venta de carros", named_after=True),
    **_kinds("Shop", "taller;taller mecanico;llantera", named_after=True),
    **_kinds("Pharmacy", "farmacia", named_after=True),
    **_kinds("Warehouse", "bodega", named_after=True),
    **_kinds("Daycare", "guarderia", named_after=True),
}
#: Freeway kinds that also name a freeway in Spanish ("la entrada a la 84", "la salida de la 205").
SPANISH_FREEWAY_LINKS = frozenset({"de", "del", "a", "al", "hacia", "para", "la", "el"})

#: Words that are never a place's name, even capitalised at the start of a sentence.
NOT_NAMES = wordset(
    """
    the a an this that these those my our your his her their its it some any every each no one two
    big small little old new dog skate city public local neighborhood community nearby same other
    next last first main corner side back front closest nearest near by behind under in on at of
    la el los las un una mi su sus este esta ese esa aquel aquella del de al y o u
    is was there here where what which who when i you we they he she me it's its
    right left north south east west busy whole entire residential dead end quiet private dirt gravel
    paved narrow wide long short major cross bike wrong empty dark steep shared through adjacent
    parallel one-way way nice ugly broken same
    """
)

#: Real words one letter away from a street's name, never read as its misspelling ("steel", "barber").
NOT_MISSPELLINGS = wordset(
    """
    alberto albert alerta albera alberca albino alpina alvina albita albana aldina barber barbar babur
    barbour steel steels steely steeple steeled shave shaven shaved shaves shavers shaker shiver slaver
    suaver saver savior savvier harvey harley haley halley peninsula peninsulas brazen nicola nicolas
    nikolai chavea tanino tensino blandeza wolsey lombardi lombardo lombarda william interstates intestate
    sacrament sacraments sacramente stephen nebraskan capital capitel frances francia francois francs
    corneal clifton lamber lambent everest overtone marshal marshals staunton haycock johnston jonson
    russel thomson mitchel morison woodard malory corbeta jarrete jarreta columbina websters buffalos
    divisions broadways skylines gladstones lincolns hollands delawares
    """
)

#: Everyday words that never name the unknown cross street after "82nd and ..." / "la 82 y ...".
NOT_CROSS_STREETS = wordset(
    """
    all also always another anything anyway again around because been being both but can cant could did
    didnt does doesnt done dont each else even ever every everything everywhere few for from get gets
    going gone got had has have having how just lots many maybe me mine more most much must my myself
    never next none nothing now off often once only other others our out over please probably really
    same seems should since so some something sometimes soon still stuff such than thanks thank that
    the their them then there these they thing things this those though through thru too until upon us
    very was way we well were what whatever when where which while who whom whose why will with within
    without would yes yeah yep yet you your etc lol ok okay idk sure counting worse better bigger more
    growing getting gets trash garbage junk tents tent tarps cars car van vans rv rvs people person
    camp camps needles graffiti tags mattress couch furniture bikes today tonight yesterday tomorrow
    week weeks day days month months year years morning night evening afternoon hours minutes time
    times later earlier ago nobody everybody somebody anybody someone everyone anyone
    ya yo tu el ella ellos ellas nosotros usted ustedes mi mis su sus algo alguien nada nadie todo
    todos todas otra otro otros otras mas pero porque pues tambien siempre nunca aqui alli alla ahora
    luego despues antes hoy ayer manana noche dia dias semana semanas mes meses ano anos hora horas
    basura carpas carpa carros carro gente personas cosas cosa eso esto esa ese sigue sigo creo
    gracias bueno pues casi muy tan tanto nomas solo listo
    no nope nah yup si claro beyond ate home work noon midnight dawn dusk weekend weekends monday tuesday
    wednesday thursday friday saturday sunday lunes martes miercoles jueves viernes sabado domingo
    sidewalk driveway curb alley fence wall trailer truck trucks boat bike cart carts tarp bag bags box
    boxes debris tires needle poop feces urine smell smoke fire noise music dog dogs cat kids family
    friends friend police cops neighbor neighbors house houses yard garage door window sign light
    pico media medio cuarto banqueta acera casa patio cerca pared lona lonas troca trocas llantas
    familia vecino vecina vecinos amigo amiga esposo esposa hijo hija ninos policia perro perros
    """
)
