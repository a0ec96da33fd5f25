"""Reading Portland locations: development examples written for this module, English and Spanish.

Each location case gives the text and, for a good share, what must be read from it (fields left out are
not checked). Non-locations are answers to the assistant's other questions (how long, what vehicle,
plate, yes/no, what surface, photos...), which must not read as locations.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.reports.geocoding import Geocoder, NullGeocoder, StaticGeocoder
from bot.reports.locations import (
    ParsedLocation,
    correction_of,
    find_location,
    parse_location,
    self_corrected,
    with_earlier_street,
)


@dataclass(frozen=True)
class Case:
    text: str
    want: dict[str, str | None] = field(default_factory=dict)


def L(text: str, street: str | None = "?", cross: str | None = "?", quad: str | None = "?", **more: str | None) -> Case:
    want: dict[str, str | None] = {}
    for key, value in (("street", street), ("cross_street", cross), ("quadrant", quad)):
        if value != "?":
            want[key] = value
    names = {"house": "house_number", "landmark": "landmark", "rel": "relation", "cross2": "cross_street_2"}
    for key, value in more.items():
        want[names[key]] = value
    return Case(text, want)


EN_LOCATIONS = [
    L("on SE Steele St near 80th", "SE Steele St", "SE 80th Ave", "SE", rel="near"),
    L("NE 122nd & Glisan", "NE 122nd Ave", "NE Glisan St", "NE"),
    L("by the park on the N Bryant side near Delaware", "N Bryant St", "N Delaware Ave", "N"),
    L("the 5000 block of N Lombard", "N Lombard St", None, "N", house="5000", rel="block of"),
    L("between Hawthorne and Madison on 34th", "SE 34th Ave", "SE Hawthorne Blvd", "SE", cross2="SE Madison St"),
    L("behind the Lents library", None, None, "SE", landmark="Lents Library", rel="behind"),
    L("under the I-205 overpass at Division", "SE Division St", landmark="I-205 Overpass", rel="under"),
    L("the 7-Eleven on Powell and 52nd", "SE Powell Blvd", "SE 52nd Ave", "SE", landmark="7-Eleven"),
    L("in front of 4512 SE Division St", "SE Division St", None, "SE", house="4512", rel="in front of"),
    L("1234 n willamette blvd", "N Willamette Blvd", None, "N", house="1234"),
    L("SW 5th and Alder", "SW 5th Ave", "SW Alder St", "SW"),
    L("82nd and division", "SE 82nd Ave", "SE Division St", "SE"),
    L("Laurelhurst Park by the pond", None, None, "SE", landmark="Laurelhurst Park"),
    L("Peninsula Park", None, None, "N", landmark="Peninsula Park"),
    L("I-84 on ramp at 60th", "60th Ave", landmark="I-84 On-Ramp"),
    L("the post office on Killingsworth", "Killingsworth St", landmark="Post Office"),
    L("corner of SE 82nd and Holgate", "SE 82nd Ave", "SE Holgate Blvd", "SE", rel="corner of"),
    L("ne sandy blvd & 47th", "NE Sandy Blvd", "NE 47th Ave", "NE"),
    L("N Interstate Ave and Killingsworth", "N Interstate Ave", "N Killingsworth St", "N"),
    L("MLK and Alberta", "NE Martin Luther King Jr Blvd", "NE Alberta St", "NE"),
    L("SE 148th and Stark", "SE 148th Ave", "SE Stark St", "SE"),
    L("162nd & burnside", "162nd Ave", "E Burnside St", None),
    L("NE 82nd Ave at Halsey", "NE 82nd Ave", "NE Halsey St", "NE"),
    L("its at 92nd and foster by the old bank", "SE 92nd Ave", "SE Foster Rd", "SE"),
    L("Foster Rd near 101st", "SE Foster Rd", "SE 101st Ave", "SE"),
    L("outside 3350 SE Powell Blvd", "SE Powell Blvd", None, "SE", house="3350", rel="outside"),
    L("right in front of 7215 N Chautauqua Blvd", "N Chautauqua Blvd", house="7215", rel="in front of"),
    L("the 2300 block of NE Alberta St", "NE Alberta St", house="2300", rel="block of"),
    L("100 block of SW Morrison", "SW Morrison St", house="100", rel="block of"),
    L("SE Woodstock Blvd & 45th", "SE Woodstock Blvd", "SE 45th Ave", "SE"),
    L("se holgate and 122nd", "SE Holgate Blvd", "SE 122nd Ave", "SE"),
    L("Division St at SE 162nd", "SE Division St", "SE 162nd Ave", "SE"),
    L("N Lombard & Portsmouth", "N Lombard St", "N Portsmouth Ave", "N"),
    L("NW 23rd and Lovejoy", "NW 23rd Ave", "NW Lovejoy St", "NW"),
    L("NW Glisan St and 21st", "NW Glisan St", "NW 21st Ave", "NW"),
    L("SW Barbur Blvd near Capitol Hwy", "SW Barbur Blvd", "SW Capitol Hwy", "SW"),
    L("SW Macadam Ave & SW Nebraska St", "SW Macadam Ave", "SW Nebraska St", "SW"),
    L("Sandy Blvd by the Hollywood Fred Meyer", "NE Sandy Blvd", landmark="Hollywood Fred Meyer"),
    L("the Safeway on 39th and Hawthorne", "SE 39th Ave", "SE Hawthorne Blvd", "SE", landmark="Safeway"),
    L("Goodwill parking lot on SE 6th", "SE 6th Ave", landmark="Goodwill parking lot"),
    L("Mt Tabor park near the reservoirs", landmark="Mt Tabor Park", quad="SE"),
    L("under the Morrison Bridge", landmark="Morrison Bridge", rel="under"),
    L("Springwater corridor at 92nd", "92nd Ave", landmark="Springwater Corridor"),
    L("the bus stop at 122nd and Burnside", "122nd Ave", "E Burnside St", landmark="Bus Stop"),
    L("Gateway Transit Center", None, None, "NE", landmark="Gateway Transit Center"),
    L("Holgate Library", landmark="Holgate Library", quad="SE"),
    L("the MAX station at 82nd and Burnside", "82nd Ave", "E Burnside St", landmark="MAX Station"),
    L("Roosevelt High School", landmark="Roosevelt High School"),
    L("in the alley behind 6221 NE Glisan", "NE Glisan St", house="6221", rel="behind"),
    L("Across the street from the Walmart on 82nd", "82nd Ave", landmark="Walmart", rel="across from"),
    L("next to the Plaid Pantry at 60th and Foster", "SE 60th Ave", "SE Foster Rd", landmark="Plaid Pantry"),
    L("NE Prescott & 42nd", "NE Prescott St", "NE 42nd Ave", "NE"),
    L("cully blvd and killingsworth", "NE Cully Blvd", "NE Killingsworth St", "NE"),
    L("N Williams & Fremont", "N Williams Ave", "N Fremont St", "N"),
    L("N Mississippi Ave near Skidmore", "N Mississippi Ave", "N Skidmore St", "N"),
    L("SE 50th between Division and Powell", "SE 50th Ave", "SE Division St", "SE", cross2="SE Powell Blvd"),
    L("on 60th between Glisan and Halsey", "NE 60th Ave", "NE Glisan St", "NE", rel="between"),
    L("E Burnside & 28th", "E Burnside St", "28th Ave"),
    L("W Burnside by the Goodwill", "W Burnside St", landmark="Goodwill"),
    L("the Fred Meyer on Foster", "SE Foster Rd", landmark="Fred Meyer"),
    L("Kenton Park", landmark="Kenton Park", quad="N"),
    L("at the Rose Quarter", landmark="Rose Quarter"),
    L("N Denver Ave & Lombard", "N Denver Ave", "N Lombard St", "N"),
    L("the on-ramp to I-205 from Powell", "SE Powell Blvd", landmark="I-205 On-Ramp"),
    L("Eastbank Esplanade near the Hawthorne Bridge", landmark="Eastbank Esplanade"),
    L("the Hawthorne Bridge", landmark="Hawthorne Bridge"),
    L("SE 136th and Powell, in the ditch", "SE 136th Ave", "SE Powell Blvd", "SE"),
    L("12345 SE Stark St", "SE Stark St", house="12345"),
    L("3700 block SE Hawthorne", "SE Hawthorne Blvd", house="3700", rel="block of"),
    L("NE 33rd and Killingsworth", "NE 33rd Ave", "NE Killingsworth St", "NE"),
    L("n lombard and n chautauqua blvd", "N Lombard St", "N Chautauqua Blvd", "N"),
    L("N Columbia Blvd & N Portsmouth Ave", "N Columbia Blvd", "N Portsmouth Ave", "N"),
    L("Marine Dr near 33rd", "NE Marine Dr", "NE 33rd Ave", "NE"),
    L("Woodstock & 52nd", "SE Woodstock Blvd", "SE 52nd Ave", "SE"),
    L("SE Flavel St & 72nd", "SE Flavel St", "SE 72nd Ave", "SE"),
    L("Alberta Park", landmark="Alberta Park", quad="NE"),
    L("the skate park under the Burnside Bridge", landmark="Burnside Bridge"),
    L("I-5 and Going st", "I-5", "Going St"),
    L("Lloyd Center", landmark="Lloyd Center"),
    L("the church at 57th and Glisan", "NE 57th Ave", "NE Glisan St", landmark="Church"),
    L("outside the Albertsons on Lombard and Denver", "N Lombard St", "N Denver Ave", landmark="Albertsons"),
    L("NE Halsey St and I-205", "NE Halsey St", "I-205", "NE"),
    L("SE 174th & Division", "SE 174th Ave", "SE Division St", "SE"),
    L("122nd Ave & sandy", "NE 122nd Ave", "NE Sandy Blvd", "NE"),
    L("just off MLK on Going", "NE Going St", "NE Martin Luther King Jr Blvd", "NE", rel="off"),
    L("MLK Jr. Blvd near Going", "NE Martin Luther King Jr Blvd", "NE Going St", "NE"),
    L("Rose Quarter TC", landmark="Rose Quarter Transit Center"),
    L("By the Lloyd Center Max stop", landmark="Lloyd Center MAX Station"),
    L("Eastport Plaza parking lot", landmark="Eastport Plaza parking lot"),
    L("Gateway Green", landmark="Gateway Green", quad="NE"),
    L("corner of 82nd Ave and SE Division Street, Portland OR 97266", "SE 82nd Ave", "SE Division St", "SE"),
    L("4512 SE Division St, Portland, OR 97206", "SE Division St", house="4512"),
    L("Division and 82nd (SE)", "SE Division St", "SE 82nd Ave", "SE"),
    L("in front of the Holgate library on 78th", "78th Ave", landmark="Holgate Library"),
    L("82/Division", "SE 82nd Ave", "SE Division St", "SE"),
    L("Peninsula park on Ainsworth", landmark="Peninsula Park"),
    L("the tunnel under I-84 on 60th", "60th Ave", "I-84", rel="under"),
    L("on Powell between 50th and 52nd by the Plaid Pantry", "SE Powell Blvd", "SE 50th Ave", landmark="Plaid Pantry"),
    L("the Lents Fred Meyer", landmark="Lents Fred Meyer", quad="SE"),
    L("4200 N Mississippi", "N Mississippi Ave", house="4200"),
    L("Montavilla Park near 82nd", landmark="Montavilla Park"),
    L("Woodlawn Park by the playground", landmark="Woodlawn Park"),
    L("OMSI", landmark="OMSI"),
    L("SE Stark and 99th near the Walgreens", "SE Stark St", "SE 99th Ave", landmark="Walgreens"),
    L("Belmont & 34th", "SE Belmont St", "SE 34th Ave", "SE"),
    L("hawthorne blvd at 12th", "SE Hawthorne Blvd", "SE 12th Ave", "SE"),
    L("N.E. 102nd and Glisan", "NE 102nd Ave", "NE Glisan St", "NE"),
    L("southeast 122nd and holgate", "SE 122nd Ave", "SE Holgate Blvd", "SE"),
    L("north east 15th & fremont", "NE 15th Ave", "NE Fremont St", "NE"),
    L("by the Franklin High School track", landmark="Franklin High School"),
    L("Eighty-second and Foster", "SE 82nd Ave", "SE Foster Rd", "SE"),
    L("Cesar Chavez Blvd and Belmont", "SE Cesar E Chavez Blvd", "SE Belmont St", "SE"),
    L("SE Insley St & 45th", "SE Insley St", "SE 45th Ave", "SE"),
    L("Harold Ave and 104th", "SE Harold St", "SE 104th Ave", "SE"),
    L("7520 SE Flavel Dr", "SE Flavel Dr", house="7520"),
    L("on Division near the Walmart at 122nd", "SE Division St", landmark="Walmart"),
    L("SE 82nd Ave. & SE Division St.", "SE 82nd Ave", "SE Division St", "SE"),
    L("se 82nd/division", "SE 82nd Ave", "SE Division St", "SE"),
    L("82nd @ Division", "SE 82nd Ave", "SE Division St", "SE"),
    L("Glisan & 122", "NE Glisan St", "NE 122nd Ave", "NE"),
    L("ne 102nd between glisan and halsey", "NE 102nd Ave", "NE Glisan St", "NE", cross2="NE Halsey St"),
    L("in the 3400 blk of SE Belmont", "SE Belmont St", None, "SE", house="3400", rel="block of"),
    L("corner of NE MLK Jr Blvd and NE Killingsworth St", "NE Martin Luther King Jr Blvd", "NE Killingsworth St"),
    L("N. Lombard St. near N. Denver Ave.", "N Lombard St", "N Denver Ave", "N", rel="near"),
    L("on SE Foster Rd just east of 82nd", "SE Foster Rd", "SE 82nd Ave", "SE", rel="east of"),
    L("SE 52nd south of Foster", "SE 52nd Ave", "SE Foster Rd", "SE", rel="south of"),
    L("along the Springwater near 82nd", "82nd Ave", landmark="Springwater Corridor"),
    L("the Safeway parking lot at 82nd and Foster", "SE 82nd Ave", "SE Foster Rd", landmark="Safeway parking lot"),
    L("behind the Winco on 82nd", "82nd Ave", landmark="WinCo", rel="behind"),
    L("across from Lents Park", landmark="Lents Park", rel="across from"),
    L("Woodstock Blvd by Reed College", "SE Woodstock Blvd", landmark="Reed College"),
    L("outside the Hollywood library", landmark="Hollywood Library", quad="NE"),
    L("by the Gateway Fred Meyer", landmark="Gateway Fred Meyer", quad="NE"),
    L("Gateway MAX station", landmark="Gateway MAX Station"),
    L("the 82nd ave max station", landmark="82nd Ave MAX Station"),
    L("I-205 bike path at Division", "SE Division St", landmark="I-205 Trail"),
    L("122nd and Powell, by the 76 station", "SE 122nd Ave", "SE Powell Blvd", landmark="76 gas station"),
    L("SE Hawthorne Blvd. between 37th and 39th", "SE Hawthorne Blvd", "SE 37th Ave", cross2="SE 39th Ave"),
    L("MLK & Killingsworth", "NE Martin Luther King Jr Blvd", "NE Killingsworth St", "NE"),
    L("Williams and Cook", "N Williams Ave", "N Cook St", "N"),
    L("N Going St at I-5", "N Going St", "I-5", "N"),
    L("Barbur and Hamilton", "SW Barbur Blvd", "SW Hamilton St", "SW"),
    L("NW Broadway & Glisan", "NW Broadway", "NW Glisan St", "NW"),
    L("W Burnside and 20th", "W Burnside St", "20th Ave", None),
    L("Eastmoreland Golf course", landmark="Eastmoreland Golf Course"),
    L("6400 SE Foster", "SE Foster Rd", house="6400"),
    L("8000 block N Chautauqua", "N Chautauqua Blvd", house="8000", rel="block of"),
    L("near the intersection of 82nd and Johnson Creek", "SE 82nd Ave", "SE Johnson Creek Blvd", "SE"),
    L("I-84 westbound offramp at 82nd", "82nd Ave", landmark="I-84 Off-Ramp"),
    L("under 205 at Foster", "I-205", "SE Foster Rd", "SE"),
    L("205 and Powell", "I-205", "SE Powell Blvd", "SE"),
    L("the 84 overpass on 60th", "60th Ave", landmark="I-84 Overpass"),
    L("Col Summers park", landmark="Colonel Summers Park"),
    L("st johns bridge", landmark="St Johns Bridge"),
    L("n lombard & st louis", "N Lombard St", "N St Louis Ave", "N"),
    L("the school on 82nd and Schiller", "SE 82nd Ave", "SE Schiller St", landmark="School"),
    L("Plaid Pantry 82nd Holgate", "SE 82nd Ave", "SE Holgate Blvd", landmark="Plaid Pantry"),
    L("eastbound Division at 162nd", "SE Division St", "SE 162nd Ave", "SE"),
    L("82nd between Foster and Woodstock", "SE 82nd Ave", "SE Foster Rd", "SE", cross2="SE Woodstock Blvd"),
]

ES_LOCATIONS = [
    L("122 y Glisan", "NE 122nd Ave", "NE Glisan St", "NE"),
    L(
        "en la NE Wasco St y la 99, cerca del Gateway Transit Center",
        "NE Wasco St",
        "NE 99th Ave",
        "NE",
        landmark="Gateway Transit Center",
    ),
    L("la 82 y Foster", "SE 82nd Ave", "SE Foster Rd", "SE"),
    L("enfrente del Walmart de la 82", "82nd Ave", landmark="Walmart", rel="in front of"),
    L("cerca de la escuela Roosevelt", None, None, "N", landmark="Roosevelt High School", rel="near"),
    L("en la esquina de la 82 y Division", "SE 82nd Ave", "SE Division St", "SE", rel="corner of"),
    L("por la 122 y Stark", "SE 122nd Ave", "SE Stark St", "SE"),
    L("en la calle Division cerca de la 148", "SE Division St", "SE 148th Ave", "SE", rel="near"),
    L("atrás del Safeway de la 122", "122nd Ave", landmark="Safeway", rel="behind"),
    L("debajo del puente de la 205 en la Division", "SE Division St", landmark="I-205 Overpass", rel="under"),
    L("en frente de la biblioteca de Gregory Heights", landmark="Gregory Heights Library", rel="in front of"),
    L("cerca del parque Laurelhurst", landmark="Laurelhurst Park", quad="SE"),
    L("en el parque Peninsula", landmark="Peninsula Park", quad="N"),
    L("la Sandy y la 60", "NE Sandy Blvd", "NE 60th Ave", "NE"),
    L("en la 162 y Burnside", "162nd Ave", "E Burnside St"),
    L("la cuadra 5000 de la N Lombard", "N Lombard St", house="5000", rel="block of"),
    L("frente al 4512 SE Division St", "SE Division St", house="4512", rel="in front of"),
    L("en la Holgate entre la 92 y la 96", "SE Holgate Blvd", "SE 92nd Ave", "SE", cross2="SE 96th Ave"),
    L("entre la Powell y la Holgate en la 82", "SE 82nd Ave", "SE Powell Blvd", "SE", cross2="SE Holgate Blvd"),
    L("la Alberta y MLK", "NE Alberta St", "NE Martin Luther King Jr Blvd", "NE"),
    L("cerca de la estación del MAX de Gateway", landmark="Gateway MAX Station"),
    L("en el centro de tránsito de Gateway", landmark="Gateway Transit Center", quad="NE"),
    L("atrás de la iglesia de la 57 y Glisan", "NE 57th Ave", "NE Glisan St", landmark="Church", rel="behind"),
    L("junto al 7-Eleven de la Powell y la 52", "SE Powell Blvd", "SE 52nd Ave", landmark="7-Eleven"),
    L("la Foster y la 92, por el Lents Park", "SE Foster Rd", "SE 92nd Ave", landmark="Lents Park"),
    L("enfrente de la Goodwill en la Division y la 122", "SE Division St", "SE 122nd Ave", landmark="Goodwill"),
    L("la 148 y la Division", "SE 148th Ave", "SE Division St", "SE"),
    L("sobre la Stark cerca de la 102", "SE Stark St", "SE 102nd Ave", "SE", rel="near"),
    L("en la calle Killingsworth y la 42", "NE Killingsworth St", "NE 42nd Ave", "NE"),
    L("por la Interstate y Lombard", "N Interstate Ave", "N Lombard St", "N"),
    L("en la 39 y Hawthorne", "SE 39th Ave", "SE Hawthorne Blvd", "SE"),
    L("Powell y la 136", "SE Powell Blvd", "SE 136th Ave", "SE"),
    L("debajo del paso elevado de la 205 en la Division", "SE Division St", landmark="I-205 Overpass"),
    L("la entrada a la 84 en la 60", "60th Ave", landmark="I-84 On-Ramp"),
    L("cerca del puente Hawthorne", landmark="Hawthorne Bridge", rel="near"),
    L("la escuela Franklin", landmark="Franklin High School"),
    L("el parque de la 82 y Holgate", "SE 82nd Ave", "SE Holgate Blvd", landmark="Park"),
    L("detrás de la biblioteca de Midland", landmark="Midland Library", rel="behind"),
    L("a la altura de la 82 y Division", "SE 82nd Ave", "SE Division St", "SE"),
    L("esquina de Glisan con la 122", "NE Glisan St", "NE 122nd Ave", "NE"),
    L("NE 82 y Sandy", "NE 82nd Ave", "NE Sandy Blvd", "NE"),
    L("la noventa y dos y Foster", "SE 92nd Ave", "SE Foster Rd", "SE"),
    L("en la ciento veintidos y Glisan", "NE 122nd Ave", "NE Glisan St", "NE"),
    L("la Lombard cerca de la Chautauqua", "N Lombard St", "N Chautauqua Blvd", "N"),
    L("en la Division, entre la 130 y la 136", "SE Division St", "SE 130th Ave", "SE", cross2="SE 136th Ave"),
    L("enfrente de la tienda de la 82 y Holgate", "SE 82nd Ave", "SE Holgate Blvd", landmark="Store"),
    L("en la SE Steele cerca de la 80", "SE Steele St", "SE 80th Ave", "SE"),
    L("por el Fred Meyer de la Stark", "Stark St", None, None, landmark="Fred Meyer"),
    L("la Killingsworth y la 33", "NE Killingsworth St", "NE 33rd Ave", "NE"),
    L("cerca del Walgreens en la Glisan y la 102", "NE Glisan St", "NE 102nd Ave", landmark="Walgreens"),
    L("en la Halsey y la 122, al lado de la gasolinera", "NE Halsey St", "NE 122nd Ave", landmark="Gas Station"),
    L("la cuadra 3000 de la SE 82", "SE 82nd Ave", house="3000", rel="block of"),
    L("en el 2300 de la NE Alberta", "NE Alberta St", house="2300"),
    L("la Wasco y la 99", "NE Wasco St", "NE 99th Ave", "NE"),
    L("en la N Willis cerca de la Chautauqua", "N Willis Blvd", "N Chautauqua Blvd", "N"),
    L("por la escuela Jefferson", landmark="Jefferson High School"),
    L("afuera del Dollar Tree en la 122 y Halsey", "NE 122nd Ave", "NE Halsey St", landmark="Dollar Tree"),
    L("en la SW 4th y Jefferson", "SW 4th Ave", "SW Jefferson St", "SW"),
    L("en la 23 y Lovejoy", "NW 23rd Ave", "NW Lovejoy St", "NW"),
    L("en la Beaverton-Hillsdale cerca de Shattuck", "SW Beaverton-Hillsdale Hwy", "SW Shattuck Rd", "SW"),
    L("la Barbur y la Capitol", "SW Barbur Blvd", "SW Capitol Hwy", "SW"),
    L("cruzando la calle del Safeway de la 39", "39th Ave", landmark="Safeway", rel="across from"),
    L("en el parque Kenton", landmark="Kenton Park"),
    L("la 82 enfrente del McDonald's", "82nd Ave", landmark="McDonald's"),
    L("cerca de la estación de bomberos de la 60 y Division", "SE 60th Ave", "SE Division St", landmark="Fire Station"),
    L("por la Columbia y la MLK", "NE Columbia Blvd", "NE Martin Luther King Jr Blvd", "NE"),
    L("debajo del puente Burnside", landmark="Burnside Bridge", rel="under"),
    L("en la Marine Drive cerca de la 33", "NE Marine Dr", "NE 33rd Ave", "NE"),
    L("la 162 y Glisan junto a la tienda", "NE 162nd Ave", "NE Glisan St", "NE"),
    L("en el estacionamiento del Walmart de la 82", "82nd Ave", landmark="Walmart"),
    L("en la SE Foster Rd y la 101", "SE Foster Rd", "SE 101st Ave", "SE"),
    L("la 205 y Division, debajo del puente", "I-205", "SE Division St", "SE"),
    L("en la escuela David Douglas", landmark="David Douglas High School"),
    L("la Prescott y la 42", "NE Prescott St", "NE 42nd Ave", "NE"),
    L("por la iglesia de la 60 y Glisan", "NE 60th Ave", "NE Glisan St", landmark="Church"),
    L("en la NE Sandy y la 72", "NE Sandy Blvd", "NE 72nd Ave", "NE"),
    L("frente a la Holgate Library", landmark="Holgate Library"),
    L("en la Woodstock y la 52", "SE Woodstock Blvd", "SE 52nd Ave", "SE"),
    L("al lado del Plaid Pantry de la 60 y Foster", "SE 60th Ave", "SE Foster Rd", landmark="Plaid Pantry"),
    L("en la Powell cerca de la 205", "SE Powell Blvd", "I-205", "SE"),
    L("en la Hawthorne y la 50", "SE Hawthorne Blvd", "SE 50th Ave", "SE"),
    L("noreste 122 y Halsey", "NE 122nd Ave", "NE Halsey St", "NE"),
    L("en la sureste Division y la 160", "SE Division St", "SE 160th Ave", "SE"),
    L("en la avenida Sandy y la 57", "NE Sandy Blvd", "NE 57th Ave", "NE"),
    L("la MLK y la Killingsworth", "NE Martin Luther King Jr Blvd", "NE Killingsworth St", "NE"),
    L("atrás de la biblioteca de Lents", landmark="Lents Library", quad="SE"),
    L("en el parque Creston", landmark="Creston Park"),
    L("en la salida de la 205 en la Glisan", "NE Glisan St", None, "NE", landmark="I-205 Off-Ramp"),
    L("frente al Safeway de la 39 y Hawthorne", "SE 39th Ave", "SE Hawthorne Blvd", landmark="Safeway"),
    L("en la 82 y la Division", "SE 82nd Ave", "SE Division St", "SE"),
    L("82 y division", "SE 82nd Ave", "SE Division St", "SE"),
    L("en la ochenta y dos y Division", "SE 82nd Ave", "SE Division St", "SE"),
    L("la 122 con Glisan", "NE 122nd Ave", "NE Glisan St", "NE"),
    L("en la esquina de la Sandy con la 82", "NE Sandy Blvd", "NE 82nd Ave", "NE", rel="corner of"),
    L("sobre la 82 casi llegando a Foster", "SE 82nd Ave", "SE Foster Rd", "SE"),
    L("por la Powell y 92", "SE Powell Blvd", "SE 92nd Ave", "SE"),
    L("la Foster entre la 82 y la 92", "SE Foster Rd", "SE 82nd Ave", "SE", cross2="SE 92nd Ave"),
    L("en la cuadra 2600 de la SE 122", "SE 122nd Ave", house="2600", rel="block of"),
    L("frente al 2600 SE 122nd Ave", "SE 122nd Ave", house="2600", rel="in front of"),
    L("en el estacionamiento de la Safeway de la 39", "39th Ave", landmark="Safeway"),
    L("en el parque Lents por los columpios", landmark="Lents Park", quad="SE"),
    L("en el parque de Lents", landmark="Lents Park"),
    L("cerca del parque Mt Tabor", landmark="Mt Tabor Park", rel="near"),
    L("debajo del puente de la Burnside", landmark="Burnside Bridge", rel="under"),
    L("la parada del camión en la 122 y Stark", "SE 122nd Ave", "SE Stark St", landmark="Bus Stop"),
    L("enfrente de la escuela Madison", landmark="Madison High School", rel="in front of"),
    L("junto a la escuela primaria de la 92", "92nd Ave", landmark="School", rel="next to"),
    L("al lado de la iglesia católica en la Killingsworth", "Killingsworth St", landmark="Church"),
    L("en la noreste Alberta y la 15", "NE Alberta St", "NE 15th Ave", "NE"),
    L("sobre la Interstate cerca de la Killingsworth", "N Interstate Ave", "N Killingsworth St", "N"),
    L("en la rampa de la 84 en la 82", "82nd Ave", landmark="I-84 On-Ramp"),
    L("en la salida de la 205 a la Division", "SE Division St", landmark="I-205 Off-Ramp"),
    L("al otro lado del Walmart de la 82", "82nd Ave", landmark="Walmart", rel="across from"),
    L("a un lado del 7-Eleven de la Powell", "SE Powell Blvd", landmark="7-Eleven", rel="next to"),
    L("en la Halsey al este de la 122", "NE Halsey St", "NE 122nd Ave", "NE", rel="east of"),
    L("en la Stark pasando la 148", "SE Stark St", "SE 148th Ave", "SE"),
    L("esquina de Killingsworth y MLK", "NE Killingsworth St", "NE Martin Luther King Jr Blvd", "NE"),
    L("122 y Halsey, por la Safeway", "NE 122nd Ave", "NE Halsey St", landmark="Safeway"),
    L("cerca de la tienda mexicana de la 82 y Division", "SE 82nd Ave", "SE Division St", landmark="Store"),
    L("en la cuadra de la 4500 de la Division", "SE Division St", house="4500", rel="block of"),
    L("frente a la casa 4512 de la SE Division", "SE Division St", house="4512", rel="in front of"),
    L("en el Fred Meyer de la 82 y Foster", "SE 82nd Ave", "SE Foster Rd", landmark="Fred Meyer"),
    L("avenida 82 y calle Division", "SE 82nd Ave", "SE Division St", "SE"),
    L("en la biblioteca Holgate", landmark="Holgate Library"),
    L("debajo del puente Steel", landmark="Steel Bridge", rel="under"),
    L("en la Glisan cerca del Gateway Transit Center", "Glisan St", landmark="Gateway Transit Center"),
    L("bajo el puente de la 84 en la 82", "82nd Ave", landmark="I-84 Overpass", rel="under"),
    L("en la Cesar Chavez y Division", "SE Cesar E Chavez Blvd", "SE Division St", "SE"),
]

EN_NOT_LOCATIONS = """
it's been there since mid-January
3 weeks
white ford van
ABC1234
no
yes file it
tents and trash blocking the sidewalk
nobody in danger
I don't know
a wall
the side of the post office
about 2 weeks now
since last Tuesday
a silver Honda Civic with no plates
plate number 7XK 429
yes
yep go ahead
nope
no photo sorry
it's a blue tarp and a shopping cart
a couch and 2 mattresses
lots of needles
there are 3 tents and a car
they've been there for like 5 or 6 days
the side of the building
on the fence
spray paint on the bridge railing
a big black tag on the wall
it's offensive, racist words
not offensive just tags
no one is hurt
someone is sleeping there
RV with flat tires
2 cars and a trailer
the van smells
it's blocking the driveway
my neighbor's garage door
I'm not sure
cancel
start over
what's the status of my report
PDX-2026-000123
call me at 503-555-0182
my number is 503 555 0182
email is maria@example.com
since the 3rd
January 5th and 6th
between 5 and 10 people
around 4 pm
at 8am every morning
3rd time I've reported this
second time this month
it's on the sidewalk
in the street
on the corner
at the park
in my backyard
behind my house
next to the dumpster
under a tree
across the street
it's a Ford F-150, grey
license plate says OREGON 123 ABC
2 weeks and 3 days
1 tent
like 10 tents and a bunch of trash
I counted 12
first thing in the morning
sandy said it's been there forever
Madison and I saw it
Raymond and Grant saw it
it's been there 3 wks
Toyota Camry 2009
same place as last time
it's gone now
thank you
its near my house
the back of the church
the side of the Safeway
a wall by the school
the park
Division
on Division
a couch at the curb
Grand total 3 tents
the 2nd floor window
it's a 2004 Ford Explorer, green, missing the back window
plate is 123 ABC oregon
2 tents and a tarp structure, 4 or 5 people
they camp there every night after 10
been there since May 5th
since the 5th of march
the 1st and 15th of every month
I think 2 or 3 weeks, maybe longer
needles on the ground near the playground
the wall of the school
the back side of the Safeway building
a stop sign
the mailbox on the corner
2 blocks from my house
the Division Street side of the building
the whole street is covered in trash
on my street
Grant and I went there
Sandy and Madison saw it too
Main St
No one answered the door at 4512
I called at 5 and nobody came
2 and a half weeks
1st time reporting
last seen 3/4
between 8 and 9 am
my name is Raymond Steele
Foster care kids play there
Raymond said it was there
I told Foster about it
it's been 2nd time this week
3rd floor window
the 5th tent from the left
for the 2nd time
Taylor and Morrison came by
Williams said 3 weeks
since Jan 3rd and still there
since the 22nd
after the 4th of July
around the 15th
5th grade teacher saw it
on the 3rd day it was still there
it's been there 3 weeks and is blocking the 2nd lane
around the 15th
plate is 123 ABC oregon
WA plates BXR 4471
no danger, just messy
on the wall facing the street
a block away
around the corner
in the alley
Stark raving mad
Broadway show
the 405
Park Ave
Mississippi
the Willamette
82nd
""".strip().splitlines()

ES_NOT_LOCATIONS = """
no tengo foto
desde hace dos semanas
una troca blanca
sí mándelo
no sé
hace tres semanas
como un mes
desde enero
una camioneta gris sin placas
placas ABC1234
sí
no
claro que sí
no hay nadie en peligro
nadie está en peligro
hay basura y agujas
unas tiendas de campaña y basura
un sofá y dos colchones
en la pared
en la banqueta
la pared de la tienda
una pared
es ofensivo
no es ofensivo
son palabras racistas
como 5 o 6 días
el 15 de enero
desde el 3 de marzo
ya van 2 semanas
gracias
muchas gracias
cancelar
ayuda
quiero saber el estado de mi reporte
mi número es 503 555 0182
un carro rojo Toyota
un Honda Civic plateado
hay como 10 carpas
la troca lleva ahí un mes
está bloqueando la entrada de mi casa
a la una de la tarde
a las 5 de la mañana
en mi patio
atrás de mi casa
al lado del basurero
enfrente de mi casa
debajo de un árbol
cruzando la calle
es la segunda vez que lo reporto
la primera vez
es un Ford blanco
no sé la dirección exacta
lo mismo que antes
ya se fue
está en la calle
en la esquina
por favor ayúdenme
la policía ya vino
una tienda de campaña azul
hay una casa rodante
el carro tiene las llantas ponchadas
como desde el 20 de diciembre
desde hace 3 semanas
tres semanas
15 días
2 carros y una camioneta
entre 5 y 10 personas
sí, es ofensivo
no, nadie
es grafiti de pandillas
la Sandra me dijo
el parque
la escuela
en la Division
la 82
el lado del correo
el 2 de febrero
a las 3 y media
la segunda semana de enero
el día 15 y el 16
en el segundo piso
hace 2 meses y 3 semanas
son 3 carros y 2 trocas
la Foster me dijo
mi calle
la casa de mi vecina
en el 2019
un Chevy Silverado 2015 negro
la camioneta tiene placas de Washington
desde el 5 de mayo
hace como 15 días, más o menos
el 1 y el 15 de cada mes
como a las 10 de la noche
son como 4 o 5 carpas
es en la calle
está a dos cuadras de mi casa
a una cuadra
en el callejón
la Sandra y la Raymond
por la Division
la calle Steele
""".strip().splitlines()

LONG_MESSAGES = [
    # (message, language, expected fields)
    (
        "abandoned blue van on N Willis Blvd near Chautauqua, been there 3 weeks",
        "en",
        {"street": "N Willis Blvd", "cross_street": "N Chautauqua Blvd", "quadrant": "N"},
    ),
    (
        "Hi there's a huge pile of mattresses dumped behind the Lents library, can someone pick it up?",
        "en",
        {"landmark": "Lents Library", "relation": "behind"},
    ),
    (
        "there's graffiti all over the wall of the 7-Eleven on Powell and 52nd. it's been there since Monday",
        "en",
        {"landmark": "7-Eleven", "street": "SE Powell Blvd", "cross_street": "SE 52nd Ave"},
    ),
    (
        "Camp with 5 tents at SE 82nd and Holgate blocking the sidewalk, people are using it as a toilet.",
        "en",
        {"street": "SE 82nd Ave", "cross_street": "SE Holgate Blvd"},
    ),
    (
        "I'd like to report a car that has not moved in 2 weeks. It's parked in front of 4512 SE Division St. "
        "Grey Honda Accord, plate 123 ABC",
        "en",
        {"street": "SE Division St", "house_number": "4512"},
    ),
    (
        "RV leaking sewage on NE 122nd & Glisan, been there since mid-January, nobody in danger",
        "en",
        {"street": "NE 122nd Ave", "cross_street": "NE Glisan St"},
    ),
    (
        "hello!! my neighbor and I keep seeing needles in Peninsula Park by the rose garden, 3rd time this month",
        "en",
        {"landmark": "Peninsula Park"},
    ),
    (
        "Someone dumped a couch and 2 mattresses on the sidewalk. It's on Division, right by 82nd, "
        "across from the Chinese restaurant.",
        "en",
        {"street": "SE Division St", "cross_street": "SE 82nd Ave"},
    ),
    (
        "white ford van no plates parked outside 1234 n willamette blvd for like a month",
        "en",
        {"street": "N Willamette Blvd", "house_number": "1234"},
    ),
    (
        "tagging under the I-205 overpass at Division again, it's huge, please send someone",
        "en",
        {"landmark": "I-205 Overpass", "street": "SE Division St"},
    ),
    (
        "hay una troca blanca abandonada en la 82 y Foster desde hace dos semanas",
        "es",
        {"street": "SE 82nd Ave", "cross_street": "SE Foster Rd"},
    ),
    (
        "buenas tardes, quiero reportar grafiti en la pared de la biblioteca de Gregory Heights, son groserías",
        "es",
        {"landmark": "Gregory Heights Library"},
    ),
    (
        "hay un campamento debajo del paso elevado de la 205 en la Division, con mucha basura",
        "es",
        {"landmark": "I-205 Overpass", "street": "SE Division St"},
    ),
    (
        "en la NE Wasco St y la 99, cerca del Gateway Transit Center, hay 3 carpas y basura",
        "es",
        {"street": "NE Wasco St", "cross_street": "NE 99th Ave", "landmark": "Gateway Transit Center"},
    ),
    (
        "Hola, desde enero hay un carro sin placas estacionado enfrente del Walmart de la 82. Nadie lo mueve.",
        "es",
        {"landmark": "Walmart", "street": "82nd Ave"},
    ),
    (
        "mucha basura y colchones tirados en la calle Division cerca de la 148, ya van 3 semanas",
        "es",
        {"street": "SE Division St", "cross_street": "SE 148th Ave"},
    ),
    (
        "There's been a green Subaru parked on SE 76th near Raymond for 3 weeks with flat tires, plate 123 ABC.",
        "en",
        {"street": "SE 76th Ave", "cross_street": "SE Raymond St"},
    ),
    (
        "Camp at the Springwater near 92nd has grown to like 10 tents, trash everywhere",
        "en",
        {"landmark": "Springwater Corridor", "street": "92nd Ave"},
    ),
    (
        "Theres an RV on N Lombard by the Fred Meyer leaking something, been there since Jan 3rd",
        "en",
        {"street": "N Lombard St", "landmark": "Fred Meyer"},
    ),
    (
        "My car was hit, not sure if thats you guys, but also there's a mattress dumped on NE Halsey "
        "between 102nd and 106th",
        "en",
        {"street": "NE Halsey St", "cross_street": "NE 102nd Ave", "cross_street_2": "NE 106th Ave"},
    ),
    (
        "someone tagged the whole underpass on I-84 at 60th last night, its racist stuff",
        "en",
        {"street": "I-84", "cross_street": "60th Ave"},
    ),
    (
        "Abandoned car 2 weeks. Location: NE 148th Ave & NE Glisan St. White Toyota Corolla",
        "en",
        {"street": "NE 148th Ave", "cross_street": "NE Glisan St"},
    ),
    (
        "I live at 3000 SE 82nd but the problem is on 84th and Harold, a camp blocking the sidewalk",
        "en",
        {"street": "SE 84th Ave", "cross_street": "SE Harold St"},
    ),
    (
        "quiero reportar un campamento en el parque Lents, cerca de los columpios, hay agujas",
        "es",
        {"landmark": "Lents Park"},
    ),
    (
        "la troca está estacionada enfrente del 2600 SE 122nd Ave desde el 15 de enero",
        "es",
        {"street": "SE 122nd Ave", "house_number": "2600", "relation": "in front of"},
    ),
    (
        "buenas tardes, en la esquina de la 60 y Foster junto al Plaid Pantry hay un sofá tirado",
        "es",
        {"street": "SE 60th Ave", "cross_street": "SE Foster Rd", "landmark": "Plaid Pantry"},
    ),
    (
        "desde hace dos semanas hay una casa rodante en la Division entre la 130 y la 136 y nadie la mueve",
        "es",
        {"street": "SE Division St", "cross_street": "SE 130th Ave", "cross_street_2": "SE 136th Ave"},
    ),
]


def _check(case: Case, got: ParsedLocation | None) -> list[str]:
    if got is None:
        return [f"{case.text!r}: no location"]
    return [
        f"{case.text!r}: {key} {getattr(got, key)!r} != {want!r}"
        for key, want in case.want.items()
        if getattr(got, key) != want
    ]


@pytest.mark.parametrize(("cases", "language"), [(EN_LOCATIONS, "en"), (ES_LOCATIONS, "es")], ids=["en", "es"])
def test_locations_are_read(cases: list[Case], language: str) -> None:
    assert len(cases) >= 80
    problems = [p for case in cases for p in _check(case, parse_location(case.text, language))]
    assert problems == []


@pytest.mark.parametrize(("cases", "language"), [(EN_LOCATIONS, "en"), (ES_LOCATIONS, "es")], ids=["en", "es"])
def test_locations_are_read_without_a_language_hint(cases: list[Case], language: str) -> None:
    missing = [case.text for case in cases if parse_location(case.text) is None]
    assert missing == []


def test_a_good_share_of_cases_check_fields() -> None:
    checked = [case for case in EN_LOCATIONS + ES_LOCATIONS if len(case.want) >= 2]
    assert len(checked) >= 150


@pytest.mark.parametrize(("texts", "language"), [(EN_NOT_LOCATIONS, "en"), (ES_NOT_LOCATIONS, "es")], ids=["en", "es"])
def test_other_answers_are_not_locations(texts: list[str], language: str) -> None:
    assert len(texts) >= 60
    wrongly = {text: parse_location(text, language) for text in texts}
    assert {t: loc.normalized() for t, loc in wrongly.items() if loc is not None} == {}
    assert all(find_location(text, language) is None for text in texts)


@pytest.mark.parametrize(
    ("text", "street", "house"),
    [
        ("2340 pinecrest dr", "Pinecrest Dr", "2340"),
        ("in front of 9130 woodlawn terrace", "Woodlawn Ter", "9130"),
        ("1725 hazel fern rd", "Hazel Fern Rd", "1725"),
    ],
)
def test_addresses_on_streets_not_in_the_list_are_read_by_usaddress(text: str, street: str, house: str) -> None:
    loc = parse_location(text)
    assert loc is not None and (loc.street, loc.house_number) == (street, house)


@pytest.mark.parametrize("text", ["13 weeks", "22 tents and 4 rvs", "2019 honda civic", "503 555 0182"])
def test_numbers_that_are_not_addresses(text: str) -> None:
    assert parse_location(text) is None


def test_text_is_kept_as_given_and_trimmed() -> None:
    loc = parse_location("  NE 122nd & Glisan \n")
    assert loc is not None and loc.text == "NE 122nd & Glisan"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("on SE Steele St near 80th", "SE Steele St & SE 80th Ave (near)"),
        ("the 5000 block of N Lombard", "5000 block of N Lombard St"),
        (
            "en la NE Wasco St y la 99, cerca del Gateway Transit Center",
            "Gateway Transit Center, NE Wasco St & NE 99th Ave",
        ),
        ("between Hawthorne and Madison on 34th", "SE 34th Ave between SE Hawthorne Blvd & SE Madison St"),
        ("behind the Lents library", "Lents Library (behind)"),
        ("in front of 4512 SE Division St", "4512 SE Division St (in front of)"),
        ("the 7-Eleven on Powell and 52nd", "7-Eleven, SE Powell Blvd & SE 52nd Ave"),
    ],
)
def test_normalized_line(text: str, line: str) -> None:
    loc = parse_location(text)
    assert loc is not None and loc.normalized() == line


@pytest.mark.parametrize(("message", "language", "want"), LONG_MESSAGES, ids=range(len(LONG_MESSAGES)))
def test_find_location_in_long_messages(message: str, language: str, want: dict[str, str]) -> None:
    loc = find_location(message, language)
    assert loc is not None
    assert {k: getattr(loc, k) for k in want} == want
    assert loc.text in message and len(loc.text) < len(message)


def test_find_location_gives_the_words_of_the_location() -> None:
    loc = find_location("abandoned blue van on N Willis Blvd near Chautauqua, been there 3 weeks")
    assert loc is not None and loc.text == "N Willis Blvd near Chautauqua"


def test_find_location_prefers_the_most_complete_place() -> None:
    loc = find_location("I live on Division but the tents are at SE 82nd and Holgate by the Safeway")
    assert loc is not None and (loc.street, loc.cross_street) == ("SE 82nd Ave", "SE Holgate Blvd")


# --- corrections ----------------------------------------------------------------------------------------

STEELE = ParsedLocation(
    text="on SE Steele St near 80th", street="SE Steele St", cross_street="SE 80th Ave", quadrant="SE", relation="near"
)


@pytest.mark.parametrize(
    "text",
    [
        "sorry, not Steele, it's Raymond, same block",
        "no es la Steele, es la Raymond",
        "Raymond not Steele",
        "oops I meant Raymond",
        "perdón, quise decir la Raymond",
        "actually it's on Raymond st",
        "no no, la Raymond, no la Steele",
        "Sorry!! Raymond. Not steele",
    ],
)
def test_street_corrections(text: str) -> None:
    fixed = correction_of(text, STEELE)
    assert fixed is not None
    assert (fixed.street, fixed.cross_street, fixed.quadrant) == ("SE Raymond St", "SE 80th Ave", "SE")
    assert fixed.normalized() == "SE Raymond St & SE 80th Ave (near)"


@pytest.mark.parametrize("text", ["sorry it's 82nd not 80th", "no es la 80, es la 82", "I meant 82nd"])
def test_cross_street_corrections(text: str) -> None:
    fixed = correction_of(text, STEELE)
    assert fixed is not None and (fixed.street, fixed.cross_street) == ("SE Steele St", "SE 82nd Ave")


def test_correction_of_the_named_street_of_a_numbered_intersection() -> None:
    previous = parse_location("la 82 y Foster")
    assert previous is not None
    fixed = correction_of("perdón, quise decir la Holgate", previous)
    assert fixed is not None and (fixed.street, fixed.cross_street) == ("SE 82nd Ave", "SE Holgate Blvd")


@pytest.mark.parametrize(
    "text",
    ["yes file it", "thanks", "Steele", "it's on Raymond", "no", "sorry", "3 weeks", "no es la Steele", "sí mándelo"],
)
def test_not_corrections(text: str) -> None:
    assert correction_of(text, STEELE) is None


def test_a_correction_that_must_deny_a_street_needs_one_denied() -> None:
    assert correction_of("oops I meant Raymond", STEELE, must_deny=True) is None
    fixed = correction_of("ugh not Steele, Raymond", STEELE, must_deny=True)
    assert fixed is not None and fixed.street == "SE Raymond St"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NE Sandy Blvd at 47th, wait sorry, 57th, by the tire shop", "NE Sandy Blvd & NE 57th Ave"),
        ("SE Division y la 130... perdón, la 136", "SE Division St & SE 136th Ave"),
        ("N Lombard and Denver oops i mean Lombard and Greeley", "N Lombard St & N Greeley Ave"),
    ],
)
def test_a_location_corrected_inside_the_same_answer(text: str, expected: str) -> None:
    fixed = self_corrected(text)
    assert fixed is not None and fixed.text == expected


@pytest.mark.parametrize(
    "text", ["SE Stark between 146th and 148th", "N Williams Ave, sorry it took me so long", "sorry, on NE Glisan", ""]
)
def test_answers_that_correct_nothing_are_not_self_corrections(text: str) -> None:
    assert self_corrected(text) is None


# --- geocoding seam -------------------------------------------------------------------------------------


def test_geocoders() -> None:
    loc = parse_location("82nd and division")
    assert loc is not None
    null: Geocoder = NullGeocoder()
    table: Geocoder = StaticGeocoder({"SE 82nd Ave & SE Division St": (45.5046, -122.5787)})
    assert asyncio.run(null.geocode(loc)) is None
    assert asyncio.run(table.geocode(loc)) == (45.5046, -122.5787)
    reversed_loc = parse_location("division & 82nd")
    assert reversed_loc is not None and asyncio.run(table.geocode(reversed_loc)) == (45.5046, -122.5787)
    unknown = parse_location("NE 122nd & Glisan")
    assert unknown is not None and asyncio.run(table.geocode(unknown)) is None


# --- robustness and speed -------------------------------------------------------------------------------

_VOCABULARY = (
    "and & y la el the of block 82nd 82 NE SE N S n s near cerca de between entre on en at 5000 I-205 "
    "park parque Safeway 7-Eleven Division Glisan Steele not no es sorry . , ; ( ) / - # 1 12 123 1234 "
    "12345 st ave blvd corner esquina la ochenta y dos ciento behind under in front of Lents library"
)
_WORDS = _VOCABULARY.split()


def _timed(fn: Callable[..., object], *args: object) -> float:
    """The best of three runs: the machine may be busy, the parser's own cost is what is measured."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
        if best < 0.005:
            break
    return best


def test_dev_set_speed() -> None:
    texts = [c.text for c in EN_LOCATIONS + ES_LOCATIONS] + EN_NOT_LOCATIONS + ES_NOT_LOCATIONS
    parse_location("warm up 82nd and Division")
    slowest = max(_timed(parse_location, t) for t in texts)
    slowest_find = max(_timed(find_location, m) for m, _, _ in LONG_MESSAGES)
    assert slowest < 0.02 and slowest_find < 0.02


@pytest.mark.parametrize(
    "text",
    [
        "and " * 5000,
        "1" * 20000,
        "82nd and " * 2500,
        "la " * 7000,
        "y la 82 " * 2500,
        "between " * 2500,
        "N " * 10000,
        "5000 block of " * 1500,
        "\x00\ud800" * 5000,
        "ochenta y " * 2000,
        "-" * 20000,
        "a." * 10000,
    ],
    ids=lambda t: repr(t[:12]),
)
def test_pathological_input_is_fast(text: str) -> None:
    parse_location("warm up")
    assert _timed(parse_location, text) < 0.05
    assert _timed(find_location, text) < 0.05
    assert _timed(correction_of, text, STEELE) < 0.05


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=3000),
        st.lists(st.sampled_from(_WORDS), max_size=3000).map(" ".join),
        st.tuples(st.sampled_from(_WORDS), st.integers(1, 20000)).map(lambda p: (p[0] + " ") * (20000 // len(p[0]))),
    )
)
def test_never_raises_and_is_fast(text: str) -> None:
    for fn in (parse_location, find_location):
        result = fn(text)
        assert result is None or isinstance(result, ParsedLocation)
        if result is not None:
            assert isinstance(result.normalized(), str) and result.text.strip() == result.text
        assert _timed(fn, text) < 0.05
    assert _timed(correction_of, text, STEELE) < 0.05


@pytest.mark.parametrize(
    ("answer", "earlier", "expected"),
    [
        ("Cross street is NE 72nd.", ["truck on NE Prescott St."], ("NE Prescott St", "NE 72nd Ave")),
        ("near 72nd", ["it's been 3 weeks", "truck on NE Prescott St."], ("NE Prescott St", "NE 72nd Ave")),
        ("en la esquina con Skidmore", ["carro en la N Vancouver Ave"], ("N Vancouver Ave", "N Skidmore St")),
    ],
)
def test_a_cross_street_is_joined_to_the_street_named_alone_before(
    answer: str, earlier: list[str], expected: tuple[str, str]
) -> None:
    found = with_earlier_street(answer, earlier, None)
    assert found is not None and (found.street, found.cross_street) == expected
    assert parse_location(found.text) is not None  # what is stored passes the parser


@pytest.mark.parametrize(
    ("answer", "earlier"),
    [
        ("it's been there 3 weeks", ["truck on NE Prescott St."]),  # no street in the answer
        ("Prescott", ["truck on NE Prescott St."]),  # the same street again
        ("NE 72nd", ["a white van, no plates"]),  # no street before
        ("NE 72nd", ["on NE Prescott St and 70th"]),  # before was already a place, not a street alone
        ("not 72nd", ["truck on NE Prescott St."]),  # a denied street
    ],
)
def test_nothing_is_joined_without_two_lone_streets(answer: str, earlier: list[str]) -> None:
    assert with_earlier_street(answer, earlier, None) is None


@pytest.mark.parametrize("text", ["en la SE 103 i powel", "sureste 103 i Powell"])
def test_i_joins_two_streets_as_spanish_y(text: str) -> None:
    found = parse_location(text, "es")
    assert found is not None and (found.street, found.cross_street) == ("SE 103rd Ave", "SE Powell Blvd")
