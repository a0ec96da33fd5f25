"""Reviewed English and Spanish danger phrases for the emergency detector, as data; long because it is a word list.

Three parts: ``GROUPS``, the danger phrases by kind; the scope words that make a found phrase a denial, a memory,
a risk, a question, a quote, a topic or something said of an animal; and the misspellings read as the words they
miss.

Every pattern is matched against text folded by ``bot.language.text.fold`` (lower case, no accents, straight
apostrophes, single spaces), after ``emergency.py`` has corrected misspellings and spelled out SMS shorthand
("isnt" -> "isn't", "ppl" -> "people"). Patterns are regular expressions written with bounded quantifiers only
(they run on untrusted input), and may use these macros, expanded once at import:

* ``<P>``: a word for a person ("guy", "lady", "bato", "cipote"...), ``<PS>`` the same with an optional article.
* ``<G1>``, ``<G2>``, ``<G3>``, ``<G5>``: up to 1, 2, 3 or 5 words that are not negations
  ("a man lying <G3>not moving").
* ``<FN>``: nouns that make "fire" harmless ("fire hydrant", "fire lane", "fire hazard").
* ``<PE>``: a Spanish word for a person ("senor", "morra", "chavos").
* ``<DP>``: a picture or a likeness ("emoji", "mural", "dibujo"): "the blue lips emoji" shows no one.
* ``<DYE>``: what colours lips harmlessly ("popsicle", "grape juice", "paleta de uva").
* ``<HC>``: a harmless cause or a laugh after a symptom ("from all the pollen", "de tanto reir", "lol"): "can't
  breathe from laughing" is a figure of speech.
* ``<KID>``: a young child in English or Spanish ("toddler", "little boy", "cipote", "bicho chiquito").
* ``<END>``: the end of a message, after at most a plea ("help", "ayuda"): a lone word is a shout.
"""

from __future__ import annotations

from typing import NamedTuple


class Group(NamedTuple):
    """Phrases of one kind that share how they are confirmed.

    Attributes:
        kind: What the phrases describe ("fire", "overdose"...).
        keys: Stems, one of which every match contains ("_" stands for a space): the patterns only run on a
            message holding one, which keeps long messages cheap. ``tests/safety`` checks every match has one.
        patterns: Regular expressions, joined as alternatives.
        inherent: The phrase is itself negative ("not breathing", "no reacciona"): a negation before it does
            not deny it, and neither does an "if".
        weak: Generic words ("emergency", "in danger", "hurt"): a question, doubt or a "?: no" answer cancels them.
        person: Only about a person: someone must be named near it ("not moving" is also said of cars).
        threat: An intention is the danger itself: "going to" or "if" before it does not make it a mere risk
            ("he is going to kill himself").
        animal: Also said of animals ("atropellado", "not moving"): an animal named next to it, and no person,
            makes it a matter for animal services, not 911.
        hazard: A child on their own is a 911 call only next to something that can kill them (traffic, water,
            tracks, the cold, a closed vehicle): one must be named in the same sentence.
        figurative: Also a figure of speech whose subject is a thing ("this heat is going to kill me", "este
            calor me va a matar"): a thing, not a person, just before it cancels it.
    """

    kind: str
    keys: str
    patterns: tuple[str, ...]
    inherent: bool = False
    weak: bool = False
    person: bool = False
    threat: bool = False
    animal: bool = False
    hazard: bool = False
    figurative: bool = False


PERSON_WORDS = (
    "he she they him them someone somebody sombody somone someon anyone person people man men woman women guy guys "
    "dude lady kid kids child children baby boy girl teen teenager friend homie neighbor neighbour gentleman "
    "individual brother sister mom dad mother father son daughter wife husband girlfriend boyfriend roommate "
    "grandma grandpa toddler infant victim patient pedestrian cyclist bicyclist biker rider motorcyclist jogger "
    "runner skateboarder worker workers student students senior elderly stranger unhoused houseless resident "
    "residents folks adult adults teenagers youth individuals ex partner cousin uncle aunt nephew niece customer "
    "ella alguien persona personas gente hombre mujer senor senora senorita muchacho muchacha joven nino nina "
    "ninos ninas bebe chavo chava bato vato morro morra cipote cipota patojo patoja chamaco chamaca bicho compa "
    "amigo amiga vecino vecina hermano hermana hijo hija esposo esposa abuelo abuela viejito viejita tipo chico "
    "chica wey guey indigente primo prima tio tia papa mama tirado tirada acostado acostada desmayado desmayada "
    "ciclista trabajador senores senoras muchachos muchachas jovenes chavos batos vatos morros viejo vieja anciano "
    "anciana sujeto individuo chamacos cipotes patojos bichos compas primos carnal carnala jefe jefa dona don "
    "cayo fell he's she's they're driver drivers passenger passengers family familia motociclista motorista conductor "
    "chofer peaton pasajero pasajera nadador nadadora"
)
"""Words that name a person, for phrases that need one nearby (``Group.person``); "fell" and "cayo" too, since
what falls and then does not move is a person far more often than a thing."""

JOKE = r"lol|lmao|lmfao|rofl|haha\w{0,6}|jaja\w{0,6}|jeje\w{0,6}|xd"
"""A laugh: right after a symptom or a threat ("can't breathe lol", "he's going to kill me lol"), a joke."""

MACROS: dict[str, str] = {
    "<P>": (
        r"(?:he|she|they|someone|somebody|sombody|somone|person|people|man|woman|guy|guys|dude|lady|kid|child|baby"
        r"|boy|girl|friend|homie|neighbor|brother|sister|mom|dad|son|daughter|wife|husband|girlfriend|boyfriend"
        r"|roommate|toddler|victim|pedestrian|driver|passenger|cyclist|biker|rider)"
    ),
    "<PS>": (
        r"(?:(?:a|the|this|that|some|my|our|his|her|their) )?(?:he|she|they|one|someone|somebody|sombody|somone|person"
        r"|people|man|woman|guy|guys|dude|lady|kid|child|baby|boy|girl|friend|homie|neighbor|brother|sister|mom|dad"
        r"|son|daughter|wife|husband|girlfriend|boyfriend|roommate|toddler|victim|pedestrian|driver|passenger|cyclist"
        r"|biker|rider)"
    ),
    "<PE>": (
        r"(?:senor|senora|senorita|hombre|mujer|muchach[oa]|chav[oa]|vato|bato|morr[oa]|nin[oa]|bebe|persona|alguien"
        r"|joven|viejit[oa]|anciano|anciana|tipo|vecin[oa]|amig[oa]|herman[oa]|hij[oa]|esposo|esposa|papa|mama"
        r"|abuel[oa]|abuelit[oa]|prim[oa]|tio|tia|compa|cipot[ea]|patoj[oa]|chamac[oa]|indigente|gente)s?"
    ),
    "<DP>": (
        r"(?:emojis?|stickers?|drawings?|paintings?|murals?|graffiti|grafitis?|posters?|pictures?|photos?|images?"
        r"|costumes?|makeup|lipstick|filters?|tattoos?|dibujos?|pinturas?|calcomanias?|carteles?|fotos?|imagen"
        r"|disfraz|maquillaje|labial|tatuajes?)"
    ),
    "<DYE>": (
        r"(?:popsicles?|candy|slushies?|slurpees?|juice|kool-?aid|berries|blueberries|paint|dye|food coloring|markers?"
        r"|lipstick|ink|wine|grapes?|gatorade|snow ?cones?|ice pops?|paletas?|raspados?|uvas?|dulces?|moras?"
        r"|pintura|tinta|colorante|vino|jugo)"
    ),
    "<HC>": (
        r"(?:(?:from|because of|of|with|del|de la|de|por el|por la|por) (?:all (?:the |this |that )?|the |this |that "
        r"|so much |tanto |tanta |el |la |los |las )?(?:pollen|polen|allerg(?:y|ies)|alergias?|laugh(?:ing|ter)?|risa"
        r"|reir|smell|stench|olor|peste|humidity|humedad|excitement|emocion)|" + JOKE + r")\b"
    ),
    "<VEHICLE>": r"(?:car|vehicle|van|truck|suv|minivan|carro|coche|auto|camioneta|troca|vehiculo)",
    "<HOT>": r"(?:hace (?:mucho |muchisimo |un )?calor|(?:really |so |very |super )?hot\b|heat\b)",
    "<WINDOWS_UP>": (
        r"(?:windows? (?:are |is )?(?:all )?(?:up|closed|shut|rolled up)|ventanas (?:estan |bien )?cerradas"
        r"|vidrios (?:estan )?(?:arriba|cerrados))"
    ),
    "<KID>": (
        r"(?:(?:little|small|young|tiny) (?:kid|child|boy|girl|one)|kid|children|child|babies|baby|toddler|infant"
        r"|newborn|nin[oa]|bebe|chiquit[oa]|morrit[oa]|cipot(?:e|a|illo|illa)|bicho(?: chiquito)?|chamaquit[oa]"
        r"|criatura|patojit[oa]|nene|nena)s?"
    ),
    "<END>": r"(?:[\s!.,]{1,3}(?:help|ayuda|auxilio|socorro|please|por favor|now|ya|hurry))?[\s!.]{0,10}$",
    "<G1>": r"(?:(?!(?:not|no|never|nobody|nadie|nunca|ni|isn't|aren't|wasn't)\b)[\w'-]{1,20} ){0,1}",
    "<G2>": r"(?:(?!(?:not|no|never|nobody|nadie|nunca|ni|isn't|aren't|wasn't)\b)[\w'-]{1,20} ){0,2}",
    "<G3>": r"(?:(?!(?:not|no|never|nobody|nadie|nunca|ni|isn't|aren't|wasn't)\b)[\w'-]{1,20} ){0,3}",
    "<G5>": r"(?:(?!(?:not|no|never|nobody|nadie|nunca|ni|isn't|aren't|wasn't)\b)[\w'-]{1,20} ){0,5}",
    "<FN>": (
        r"(?:hydrants?|lanes?|zones?|hazards?|risks?|danger|pits?|place|station|stations|department|dept|trucks?"
        r"|marshal|code|alarms?|extinguishers?|escape|exits?|doors?|fighters?|fighting|wood|ants?|rings?|season"
        r"|ban|permits?|inspections?|inspector|damage|damaged|safety|prevention|works|proof|resistant|retardant"
        r"|insurance|drills?|bureau|chief|engines?|crews?|rescue|watch|break|access|roads?|trails?|plugs?"
        r"|sprinklers?|house|hall)"
    ),
}

GROUPS: tuple[Group, ...] = (
    # --- fire, smoke, explosions -------------------------------------------------------------------------
    Group(
        "fire",
        "fire flame blaze arson molotov engulf burn smoke explo estallo quem llama incendi humo fuego prendio smoking "
        "arde ardiendo lumbre prendie",
        (
            r"(?<!inbox is )(?<!inbox's )(?<!phone is )(?<!team is )(?<!i'm )(?<!i am )(?<!we're )(?<!we are )"
            r"(?<!you're )(?<!mouth is )(?<!throat is )(?<!skin is )(?<!feet are )(?<!back is )(?<!chat is )"
            r"(?<!market is )(?<!stocks are )on fire(?![ -]?<FN>\b)(?! (?:today|lately|tonight|this (?:week|year"
            r"|season)"
            r"|lol|lmao|haha)\b)",
            r"(?:set|lit|lighting|setting) (?:<G3>)on fire",
            r"(?:set|setting|sets) fire to|arson|arsonist|molotov|(?:caught|catching|catch|catches)(?: on)? fire\b",
            r"in flames|engulfed|going up in flames",
            r"(?<!painted )(?<!drew )(?<!drawing of )(?<!drawn )(?<!painting of )(?<!sticker of )flames (?:coming"
            r"|shooting|everywhere|spreading|are|getting|reaching|up|out|from|on|in|all over|high|pouring)",
            r"(?<!painted )(?<!drew )(?<!drawing of )(?<!drawn )(?<!painting of )(?<!sticker of )"
            r"(?:big|huge|tall|large|giant|massive|see|saw|seeing) flames|flames and smoke|smoke and flames",
            r"(?:fire|flames|blaze) (?:is |are |'s )?(?:spreading|spread|getting (?:bigger|closer|close|worse"
            r"|out of hand)"
            r"|out of control|growing|jumping|jumped|reaching|moving|(?:just |already |has |now )?(?:caught|reached"
            r"|spread to|jumped to|hit) (?:the|a|an|his|her|their|our|my|next) )",
            r"(?:there's|there is|there are|there s|i see|i can see|we have|we got|i saw|big|huge|massive|giant)"
            r" (?:a |an )?(?:big |huge |large |massive |giant |bad |small |little |car |rv |tent |house |trash |brush "
            r"|grass |dumpster )?fire(?![ -]?<FN>\b)(?! (?:is|was|'s) (?:out|over))",
            r"(?:a|the) (?:big |huge |large |massive |bad )?fire (?:in|at|inside|near|by|behind|under|on|next to"
            r"|outside|across) (?!(?:a |the |their |his |her |an )?(?:fire ?pit|firepit|pit|barrel|grill|bbq|stove"
            r"|fireplace|burn barrel|drum|can)\b)",
            r"fire (?:in|at|inside|near|by|behind|under|on|next to) (?:the|a|an|that|this|my|our|his|her|their) (?:tent"
            r"|tents|rv|camp|encampment|building|house|apartment|garage|car|van|truck|trailer|camper|field|park|woods"
            r"|underpass|overpass|bridge|lot|alley|dumpster|shed|yard|roof|brush|bushes|grass|hillside|motorhome|bus)",
            r"(?:tent|rv|car|house|building|trailer|camper|van|truck|vehicle|apartment|home|garage|shed|camp|encampment"
            r"|tree|trees|grass|brush|field|hill|hillside|woods|bushes|fence|porch|roof|bus|motorhome|someone|somebody"
            r"|he|she|it|everything|warehouse|store|shop|church|school|barn|boat|houseboat|dumpster|structure|duplex"
            r"|hotel|motel|shelter|restaurant|cabin|kitchen|bedroom|room|hallway|basement|attic|wall|place|mobile home"
            r"|bridge|one(?: of (?:them|those|the [\w-]{1,12}))?|another(?: one)?|the other(?: one)?|both(?: of them)?"
            r"|all of them)(?: is| are|'s| keeps| keep)? burning"
            r"(?! (?:trash|garbage|wood|stuff|things|tires|plastic|wires?|copper|leaves|incense|sage|candles?|food"
            r"|weed|fentanyl|foil|drugs|meth|pills|rubbish|junk|it|them|a|hot|up|money|cash|through|calories|fuel|oil"
            r"|rubber|daylight|bridges)\b)",
            r"burning (?:tent|rv|car|house|building|vehicle|trailer|camper|van|truck|apartment)",
            r"<PS>(?: is| are|'s|'re)? (?:still )?(?:inside|in) (?:the|a|an|that|this|his|her|their|one) (?:<G1>)(?:ten"
            r"t"
            r"|rv|car|house|building|trailer|camper|van|truck|apartment|room|motorhome|shed|garage)s? (?:that's |thats "
            r"|that is |which is |that are )?(?:burning|on fire|in flames)\b",
            r"(?:tent|tents|rv|car|house|building|trailer|camper|van|truck|vehicle|apartment|home|garage|shed|camp"
            r"|encampment|motorhome|bus|porch|roof) (?:<G5>)(?:is|are) (?:burning|smoking)\b"
            r"(?! (?:trash|garbage|wood|stuff|things|tires|plastic|wires?|copper|weed|fentanyl|meth|drugs|hot|up)\b)",
            r"smoke (?:coming|pouring|billowing|rising|everywhere|filling|is coming|is pouring)(?: out)?(?: of| from)?"
            r"(?! (?:<G2>)(?:campfire|camp fire|fire ?pit|firepit|grill|bbq|barbecue|chimney|fireplace|wood ?stove"
            r"|cigarettes?|joint|pipe|vape|exhaust|tailpipe|cars|traffic|cooking)\b)",
            r"(?:lots of|a lot of|thick|black|heavy|so much|tons of) smoke"
            r"(?! (?:<G2>)(?:campfire|camp fire|fire ?pit|firepit|grill|bbq|barbecue|chimney|fireplace|wood ?stove"
            r"|cigarettes?|joint|pipe|vape|exhaust|tailpipe|cars|traffic|camp|camps|encampment|fires|wood|trash"
            r"|burning|bonfires?|burn barrels?|cooking)\b)",
            r"(?:full of|filled with|filling with) smoke|smoke-?filled",
            r"(?:there's|there is|i see|i smell|i can see) (?:<G1>)smoke\b"
            r"(?! (?:<G2>)(?:campfire|camp fire|fire ?pit|firepit|grill|bbq|barbecue|chimney|fireplace|wood ?stove"
            r"|cigarettes?|joint|pipe|vape|exhaust|tailpipe|cars|traffic|weed|cooking)\b)",
            r"(?:fuego|incendio|llamas) (?:<G3>)(?:ya )?(?:llego|llegaron|esta llegando|estan llegando|alcanzo|se paso)"
            r" a",
            r"fire(?: fire){1,3}\b|fire ?!|^\W{0,3}(?:fire|fuego|lumbre)<END>",
            r"explosions?(?! of\b)|(?<!has )(?<!have )(?<!had )exploded(?! (?:in (?:size|number|numbers|popularity)"
            r"|with|over)\b)|exploto|estallo",
            # Spanish
            r"se (?:esta|estan) quemando|quemandose|se quema(?:n)? (?:la|el|una|un|las|los|todo|mi|su)\b",
            r"(?<!me )(?<!le )(?<!te )(?:esta|estan|sigue|siguen) ardiendo|(?<!me )(?<!le )(?<!te )arde (?:la|el|una|un"
            r"|toda|todo)\b(?! (?:garganta|piel|cara|pecho|estomago|panza|ojo|ojos|boca|herida|lengua|nariz)\b)",
            r"(?:esta|estan|sigue|siguen|sale|salen) (?:echando|sacando|saliendo) (?:mucho |bastante |harto )?humo"
            r"(?! (?:<G2>)(?:escape|mofle|chimenea|asador|parrilla|cigarro|vape|generador)\b)",
            r"\bfire (?:en|dentro de|adentro de|cerca de) (?:el|la|un|una|mi|su|los|las)\b",
            r"(?:esta|estan) en llamas|en llamas|(?:salen|hay|salian|grandes|enormes|veo|vi|vemos|se ven) llamas|llamar"
            r"adas?",
            r"las llamas (?:estan|se|llegan|ya|van)",
            r"(?<!de )(?<!contra )(?<!causar un )(?<!provocar un )(?<!desde el )(?<!despues del )(?<!antes del )"
            r"incendi(?:o|os|ando|andose|ada|ado|aron)\b(?! (?:forestal|forestales|del mes|de la semana|de ayer"
            r"|de anoche"
            r"|fue|paso)\b)",
            r"(?:hay|sale|salen|sale mucho|hay mucho|mucho|muchisimo|bastante|tanto) humo"
            r"(?! (?:<G2>)(?:fogatas?|cigarros?|cigarrillos?|mota|marihuana|parrilla|asador|carne|chimenea|escape|vape"
            r"|carros|coches|camiones|trafico|incendios?|quemas?|wildfires?)\b)",
            r"humo negro|llen[oa] de humo|humo (?:esta |sigue )?(?:saliendo|sale|por todos lados)",
            r"(?:hay|vi|veo|vimos) (?:un |una )?(?:fire|fuego|incendio|lumbre)\b",
            r"(?:prendieron|prendio|pusieron|puso|echaron|echo|prendiendo|agarro|agarrando|agarra|agarraron|cogio)"
            r" (?:<G2>)fuego",
            r"(?:sale|salen|saliendo|salia) (?:<G1>)(?:fuego|llamas|lumbre)",
            r"fuego (?:en|dentro de) (?:la|el|una|un) (?:carpa|casa|carro|traila|casa rodante|edificio|camioneta)",
            r"(?:fuego|incendio) (?:se esta|esta|se) (?:extendiendo|propagando|pasando|acercando)",
            r"se (?:esta )?(?:extendiendo|propagando) el (?:fuego|incendio)",
            r"se (?:prendio|prendieron|esta quemando|incendio)\b[^.!?]{0,60}?\b(?:alguien|gente|<PE>) (?:<G3>)(?:adentr"
            r"o"
            r"|dentro)\b",
            r"se (?:prendio|prendieron) (?:la|el|una|un|mi|su|las|los|unas|unos)(?: de (?:las|los|sus|mis))? (?:casa"
            r"|carpa"
            r"|carro|traila|camioneta|cocina|edificio|departamento)s?\b",
        ),
    ),
    Group(
        "fire",
        "fire",
        (
            r"(?:wildfire|wild fire|forest fire|brush fire|grass fire|house fire|structure fire|car fire|rv fire"
            r"|tent fire|apartment fire|building fire|vehicle fire|trailer fire)(?![ -](?:smoke |season )?(?:alerts?"
            r"|notifications?|updates?|warnings?|season|risk|maps?|smoke|preparedness|prevention|insurance)\b)",
        ),
        weak=True,
    ),
    Group(
        "gas",
        "gas monoxid co_alarm co_detector co_monitor co_sensor co_poisoning",
        (
            r"gas leak|leaking gas|gas (?:is )?leaking|leak of gas|gas (?:smell|odor)",
            r"(?:smell|smells|smelling|smelled|odor of|strong) (?:of |like )?(?:natural )?gas\b"
            r"(?! ?(?:station|stations|can|cans|pump|prices?)\b)",
            r"carbon monoxide(?! (?:detectors?|alarms?|monitors?|sensors?|testers?)\b)|co poisoning",
            r"(?:co|carbon monoxide) (?:alarms?|detectors?|monitors?|sensors?) (?:<G2>)(?:going off|went off|goes off"
            r"|go off|beeping|beeps|sounding|ringing|screaming|blaring|alarming|reading|reads|detected|detecting)\b"
            r"(?![^.!?]{0,80}\b(?:batter(?:y|ies)|faulty|defective|malfunctioning)\b)",
            r"(?<!\bsi )(?<!\bcuando )huele (?:<G2>)a gas\b|olor a gas|fuga de gas|escape de gas",
            r"(?<!alarma de )(?<!alarmas de )(?<!detector de )(?<!detectores de )(?<!sensor de )monoxido",
            r"(?:(?:alarma|detector|sensor)(?:e?s)? de monoxido(?: de carbono)? (?:<G2>)(?:sonando|suena|suenan|sono"
            r"|pita|pitando|chilla|chillando|no para|se activo|se prendio)\b|(?:suena|sono|sonando|pita|pitando"
            r"|chilla|chillando|se activo) (?:la |el )?(?:alarma|detector|sensor) de monoxido)"
            r"(?![^.!?]{0,80}\b(?:pila|pilas|bateria|baterias|fallando|descompuest[oa])\b)",
        ),
    ),
    Group(
        "gas",
        "hose tube pipe exhaust tailpipe tail_pipe muffler manguera mofle escape hiss rotten_egg",
        (
            r"(?:hose|tube|pipe) (?:<G3>)(?:exhaust|tailpipe|tail pipe|muffler)\b|(?:exhaust|tailpipe|tail pipe"
            r"|muffler) (?:<G3>)(?:into|in|through) (?:the |a |his |her |their )?(?:<G1>)(?:window|car|vehicle|van)\b",
            r"manguera (?:<G3>)(?:escape|mofle)\b|(?:escape|mofle) (?:<G3>)(?:por|a|en) la ventana",
            r"(?:stove|oven|gas line|gas pipe|gas meter|meter|propane tank|gas tank) (?:is |keeps |'s )?hissing"
            r"|hissing (?:sound |noise )?(?:from|coming from|at|near) (?:the )?(?:stove|oven|gas|meter|pipe|propane)",
            r"(?:smells?|smelling|smelled) like rotten eggs (?:in|inside|all over|throughout) (?:the|my|our|this)"
            r" (?:<G1>)(?:apartment|house|home|building|kitchen|unit|place|basement)",
        ),
    ),
    # --- breathing --------------------------------------------------------------------------------------
    Group(
        "not_breathing",
        "brea bree bret pulse heart no_re esta_re respir le_falta pulso signos_vitales alive vivo viva consci",
        (
            r"(?:not|isn't|wasn't|aren't|weren't|aint|ain't|no|no longer|stopped|stop|quit|barely|hardly|trouble"
            r"|difficulty"
            r"|struggling|hard time"
            r"|problems?) (?:breathing|breathin|breating|breathng|breahting|breething|brething|breathig)",
            r"(?:can't|cannot|can not|couldn't|unable to|struggling to) (?:breathe|breath|breth)(?! <HC>)",
            r"no (?:pulse|heart ?beat)|(?:can't|cannot|couldn't) (?:find|feel|get) (?:a |his |her |their |any )?"
            r"(?:pulse|heart ?beat)",
            r"breathing\W{1,3}(?:no|nope)\b",
            r"(?:doesn't|does not|don't|didn't|isn't|not) (?:seem|seems|look|looks|appear|appears)(?:ing)?"
            r"(?: to be| like (?:he's|she's|they're|he is|she is|they are))? (?:breathing|breathe)\b",
            r"no (?:esta )?res?p?i?r(?:a|ando)\b|no respria|no (?:puede|pueden|podia|puedo) respirar(?! <HC>)"
            r"|dejo de respirar|casi no respira|apenas respira|sin respirar|le cuesta (?:mucho )?respirar"
            r"|le falta (?:el )?aire",
            r"(?:dificultad|problemas?|trabajo) (?:para|al) respirar",
            r"no (?:tiene|le siento|le encuentro|hay) (?:el )?pulso|sin pulso|(?:no tiene|sin) signos vitales",
            r"(?:not sure|unsure|don't know|can't tell|no se|no sabemos) (?:if|whether|si) (?:<G2>)"
            r"(?:alive|vivo|viva|breathing|respira|conscious|consciente)",
        ),
        inherent=True,
    ),
    Group(
        "not_breathing",
        "cpr compressions rcp reanimacion resucitacion respiracion mouth_to_mouth chok chock atragant asfixi gasp "
        "gurgl "
        "agonal heart corazon late brea respira",
        (
            r"\bcpr\b(?! (?:class|classes|training|course|certification|certified|card|kit|mask)\b)|chest compressions",
            r"(?<!clases de )(?<!clase de )(?<!curso de )(?<!cursos de )(?<!entrenamiento de )\brcp\b(?! (?:clases?"
            r"|cursos?)\b)|reanimacion|resucitacion|respiracion (?:boca a boca|artificial)"
            r"|mouth to mouth",
            r"(?<!smoke is )(?<!smoke's )(?<!fumes are )(?<!it's )(?<!it is )cho(?:c)?king(?! (?:on (?:the )?)?(?:dust|"
            r"fumes"
            r"|smoke|hazard|hazards|the|our|my|this|that|traffic|business|businesses"
            r"|neighborhood|sidewalk|street|streets|out)\b)(?! (?:her|him|them|me|someone)\b)"
            r"|se (?:esta )?(?:atragantando|atraganto|asfixiando)|atragantad[oa]|asfixiandose",
            r"gasping(?: for (?:air|breath))?|gurgling|agonal|(?:his|her|their|the) heart (?:stopped|isn't beating"
            r"|is not beating|stopped beating)|el corazon (?:se le paro|no le late|dejo de latir)|no le late el corazon"
            r"|breathing (?:really |very |super )?(?:slow|slowly|shallow|weird|funny|strange)"
            r"|respira (?:muy )?(?:lento|raro|poquito|despacio)",
        ),
    ),
    # --- unconscious, unresponsive ------------------------------------------------------------------------
    Group(
        "unresponsive",
        "uncon incon respon consci lifeless face slump knocked passed_out past_out pased_out passing_out "
        "faint desmay desmall desvanec perdio conocimiento desplom colaps dead muert cadaver cuerpo privo privad "
        "en_si",
        (
            r"(?:(?:un|in)consc?i?(?:ous|ente)|unconcious|unconsious|unconsius|unconscience|inconsiente|inconciente)"
            r"(?! (?:bias|biases|mind|thoughts?|habits?)\b)",
            r"unresponsi?ve|unresponive|unresponsve|non-?responsive|not conscious|lifeless|face ?down",
            r"slumped(?: over)?|knocked (?:out cold|unconscious|out)",
            r"(?<!\bi )(?<!\bwe )(?<!\bi just )(?<!\bi almost )(?:passed|past|pased|passing) out(?! (?:flyers|fliers"
            r"|leaflets|pamphlets|food|water|blankets|cards|candy"
            r"|sandwiches|supplies|info|information|brochures|ballots|masks|tickets|naloxone|narcan|kits|socks"
            r"|meals)\b)",
            r"(?<!\bi )(?<!\bwe )(?<!\bi almost )(?<!\bi nearly )(?:fainted|fainting)|se desmay[oa]|se desmall[oa]"
            r"|desmayad[oa]|desmallad[oa]|se (?:esta )?desmayando",
            r"se desvanecio|perdio el (?:conocimiento|sentido)|perdio la conciencia|sin conocimiento",
            r"se desplomo|desplomad[oa]|se colapso|se privo|privad[oa]\b|no (?:vuelve|ha vuelto|volvia) en si",
            r"dead (?:body|person|guy|man|woman|lady|kid|child|baby)|(?:hay|vi|encontre|encontramos) (?:un|una)"
            r" (?:muert[oa]|cadaver|cuerpo)\b|cadaver|persona muerta|hombre muerto|mujer muerta|cuerpo sin vida",
            r"<PS>(?:'s| is| are| was| looks| seems| might be| may be| could be| appears|s)?(?: to be)? dead"
            r"(?! (?:tired|serious|end|battery|broke|wrong|set|asleep)\b)",
        ),
    ),
    Group(
        "unresponsive",
        "wak wok get_him get_her get_them reac despiert despert get respon moving mueve mover",
        (
            r"(?<!\bi )(?<!\bwe )(?:won't|will not|can't|cannot|couldn't|unable to|not|isn't|didn't|doesn't|does not"
            r"|hasn't) (?:wake|waking|woken|woke)(?: (?:him|her|them|the (?:guy|man|woman|person)))?(?: up)?\b",
            r"(?:can't|cannot|couldn't) get (?:him|her|them) (?:to )?(?:wake|respond|up)",
            r"(?:can't|cannot|couldn't|unable to|nobody can|no one can|none of us can|nobody could|no one could)"
            r" (?:wake|get) (?:him|her|them|the (?:guy|man|woman|person|kid|baby|lady)|my \w{1,15})(?: up)?\b",
            r"nadie (?:lo|la|los) (?:puede|pudo|podemos|pudimos) despertar",
            r"(?:nobody|no one|none of them|neither of them)(?: is| are|'s)? (?:waking|wakes|woke|responding|moving)"
            r"(?: up)?\b(?! (?:it|them|the|that|this|those|their|his|her|its|a|an|my|our|anything)\b)"
            r"|nadie (?:despierta|se despierta|reacciona|responde|se mueve)\b",
            r"no (?:reacciona|reaciona|rreacciona|despierta|se despierta|quiere despertar|puede despertar)",
            r"no (?:lo|la|los|las) (?:puedo|podemos|pude|pudimos) despertar|no hay (?:manera|forma) de despertarl[oa]",
            r"(?:on|in) (?:the|a|his|her|their) (?:<G1>)(?:floor|ground|sidewalk|pavement|street|road|snow|dirt|grass"
            r"|gutter|stairs|doorway) (?:<G2>)(?:not moving|isn't moving|not responding|won't move)\b",
            r"(?:en|sobre) (?:el|la|las) (?:piso|suelo|pavimento|banqueta|calle|nieve|pasto|tierra|escaleras|entrada)"
            r" (?:<G2>)(?:sin moverse|no se mueve|no reacciona|no responde)\b",
        ),
        inherent=True,
        animal=True,
    ),
    Group(
        "unresponsive",
        "respon reac mov consci awake alive muev levanta contesta",
        (
            # "they just won't move" (from where they camp) is a refusal, not a body that does not move
            r"(?:not|isn't|(?<!just )won't|doesn't|didn't|stopped|no longer|hasn't|hasn't been|has not)"
            r" (?:responding|responsive|respond|reacting|react|moving|move|moved|conscious|awake|alive)"
            r"(?! (?:to (?:my|our|the|any|emails?|calls?|messages?|requests?|complaints?|reports?)|it|the|their|his"
            r"|her|them|that|this|those|anything|out|away|along|on"
            r"|(?:in|for|since) (?:\w{1,12} ){0,2}(?:weeks?|months?|days?|years?|ages|a while|forever))\b)",
            r"no se (?:mueve|mueva|ha movido|movia|levanta)|sin moverse|no (?:me |nos |le |les )?(?:responde|contesta)"
            r"(?! (?:a (?:mis|los|nuestros)|el telefono|los correos|en (?:semanas|meses|dias)|desde hace"
            r"|(?:los |mis |sus )?(?:mensajes|correos|llamadas|textos)|el (?:cel|celular|whats|whatsapp)))",
        ),
        inherent=True,
        person=True,
        animal=True,
    ),
    Group(
        "unresponsive",
        "fading slipping losing_cons in_and_out yendo perdiendo",
        (
            r"<PS>(?:'s| is| are|'re)? (?:fading|slipping away|losing consciousness|going in and out(?: of"
            r" consciousness)?|in and out of consciousness)\b(?! (?:of|from|into) (?!consciousness))",
            r"se (?:nos|me) (?:esta )?yendo\b(?! (?:la|el|los|las|a|al|de|para|con|por)\b)"
            r"|(?:esta |se esta )?perdiendo (?:el (?:conocimiento|sentido)|la conciencia)",
        ),
    ),
    Group(
        "unresponsive",
        "coll colap blacked limp barely muert",
        (
            r"collapsed|collasped|colapsed|blacked out|(?:is|'s) limp|went limp|barely (?:conscious|responsive|alive)",
            r"(?:esta|parece|creo que esta|creo que) muert[oa]",
        ),
        person=True,
    ),
    # --- overdose ------------------------------------------------------------------------------------------
    Group(
        "overdose",
        "overdo over_dos ovedos od o.d. sobre narcan naloxon blu purpl gray grey morad azul moret foam espuma "
        "paso pasaron too_m took bad_batch laced pills bleach poison medicine meds antifreeze drano pastillas "
        "pildoras medicinas veneno cloro gris droga fenta fetty heroin cristal chiva cura",
        (
            r"over ?dos(?:e|ed|es|ing|ein|eing|in|sing|eando|eado|eada|eo|earon|iando)?\b(?![ -](?:prevention|awareness"
            r"|deaths|crisis|epidemic|rates?"
            r"|statistics|stats|kits?|training|reversal|response)\b)|overdoes|ovedos\w{0,4}",
            r"\bod(?:'?d|-?'?ing|'?in|ed)?\b|\bo\.d\.",
            r"(?<!prevencion de )(?<!prevenir )sobre ?dos(?:is|si|i|es|e|ie|io|iaron|ado|ada|aron)\b|sobredoc[ie]s"
            r"|sobredosific\w{1,6}",
            r"(?:need|needs|needed|bring|administer(?:ed|ing)?|used|using|spray(?:ed)?|give (?:him|her|them)"
            r"|gave (?:him|her|them)|giving (?:him|her|them)|hit (?:him|her|them) with|anyone have|anybody have"
            r"|anyone got|somebody have|someone have) (?:<G2>)(?:narcan|naloxone|naloxona)"
            r"(?! (?:kits?|training|class|classes|for (?:my|our|the)|boxes|box|packages?|packaging|wrappers?"
            r"|containers?"
            r"|cases?|sprays|devices|canisters|litter|trash|all over|everywhere|on the (?:ground|sidewalk))\b)",
            r"(?:narcan|naloxone|naloxona) (?:now|asap|quick|fast|please|rapido|ya)\b",
            r"(?:narcan|naloxone|naloxona) (?:<G2>)(?:not working|isn't working|ain't working|didn't work|doesn't work"
            r"|did nothing|wore off|no (?:esta )?funciona(?:ndo)?|no (?:le )?(?:hizo|hace|esta haciendo) (?:nada|efecto"
            r")"
            r"|no sirvio|no sirve)",
            r"(?:necesita|necesitamos|necesito|traigan|trae|denle|le dimos|le di|le dieron|le pusimos|alguien tiene)"
            r" (?:<G2>)(?:narcan|naloxona|naloxone)",
            r"(?:(?:lips|face|skin|fingers|fingertips|nails)(?:'s| is| are| look| looks| turning| going| gone| got"
            r"| went|s)?(?: turning| going| gone| kinda| very| really| all)? (?:blue|purple|gray|grey|purplish|bluish)"
            r"|(?:turning|turned|going|gone) (?:blue|purple)|(?:blue|purple) lips)\b(?! (?:<DP>)\b)"
            r"(?! (?:from|because of|after) (?:the |a |my |that |eating |drinking |some )?(?:<G1>)(?:<DYE>)\b)",
            r"(?:blue|purple|gray|grey) and (?:not|won't|isn't|cold|shaking|unresponsive|limp|barely)\b",
            r"(?:he's|she's|he is|she is|they're) (?:all |really |very )?(?:blue|purple)\b(?! (?:tarps?|tents?)\b)",
            r"(?:labios|cara|piel|unas|dedos) (?:<G2>)(?:morad[oa]s?|azul(?:es)?|moretead[oa]s?)\b"
            r"(?! (?:(?:de|del|de la|en el|en la|por) )?(?:(?:el|la|las|los|una|un) )?(?:<DP>|<DYE>)\b)",
            r"se (?:puso|pusieron|esta poniendo|pone) (?:bien |muy |super |re )?mal(?:o|a|os|as)? (?:con|por) (?:la|las"
            r"|el"
            r"|los) (?:droga|drogas|fentanilo|fenta|fetty|pastillas|heroina|cristal|chiva|cura)\b",
            r"se (?:esta )?(?:poniendo|puso) (?:morad[oa]|azul)|(?:esta|se ve) (?:todo |toda |bien )?(?:morad[oa]"
            r"|azul)\b",
            r"foam(?:ing)? (?:at|from|out of) (?:the |his |her |their )?mouth|foam (?:coming )?out of (?:his|her"
            r"|their) mouth",
            r"espuma (?:en|por|de|de la|saliendo de la) (?:la )?boca|(?:echando|echa|sale|saliendo|salia) espuma",
            r"se (?:le )?(?:paso|pasaron) (?:<G1>)(?:la droga|las drogas|la dosis|las pastillas|el fentanilo|la fenta"
            r"|el fenta|la heroina|el cristal|la chiva)",
            r"se le paso la mano con (?:la|el|las|los) (?:droga|drogas|fentanilo|fenta|pastillas|heroina|cristal"
            r"|chiva)",
            r"se paso de (?:droga|fentanilo|fenta|heroina|pastillas)",
            r"too (?:much|many) (?:fentanyl|fent|fetty|heroin|dope|drugs|pills|meth|xanax|oxy|opioids)"
            r"|took (?:too many|a bunch of|a whole bottle of) (?:pills|xanax|oxy|percs|tylenol)|bad batch"
            r"|laced with fentanyl",
            r"took (?:all|all of) (?:her|his|their|my|the) (?:pills|meds|medication|medicine)|(?:swallowed|ate|drank)"
            r" (?:a |the |some )(?:<G3>)(?:pills|bleach|poison|medicine|meds|antifreeze|drano)\b|(?:swallowed|ate|drank"
            r")"
            r" (?:<G2>)(?:pills|bleach|poison|medicine|meds|antifreeze|drano)\b",
            r"se (?:tomo|trago|comio) (?!(?:sus|su|mis|mi|las|la) (?:pastillas|pildoras|medicinas)\b)(?:<G2>)"
            r"(?:pastillas|pildoras|medicinas|veneno|cloro)\b",
            r"se (?:tomo|trago|comio|metio) (?:todo |toda |todas )?(?:un frasco|una botella|un bote|un monton|muchas"
            r"|todas (?:sus|las)|un punado|demasiadas|un chingo|un puno|varias) (?:de )?(?:<G1>)(?:pastillas|pildoras"
            r"|medicinas|medicamentos|veneno|cloro)\b",
            r"(?<!cielo )(?<!dia )(?<!tiempo )(?:esta|se ve|se puso|se le puso) (?:todo |toda |bien |muy )?gris(?:es)?"
            r"\b,? (?:y )?(?:<G1>)(?:no|casi no|apenas) (?:responde|reacciona|respira|despierta|se mueve)\b(?! nadie)"
            r"|se (?:esta )?(?:poniendo|puso) gris",
        ),
    ),
    # --- medical -----------------------------------------------------------------------------------------
    Group(
        "medical",
        "seizur seizing fit convul epi ataque bleed blood sangr hemorrag chest heart cardiac stroke droop "
        "slurr pecho infarto derrame embolia anaphyla anafila allergic alergic throat garganta birth labor "
        "broke dando_a_luz pariendo fuente parto get_up levantar la_boca la_cara torcida chueca baby bebe side durmio "
        "entumio paralizo adormecio eyes ojos headache dolor_de_cabeza lado mitad half medio_cuerpo habla talk speak "
        "arrastra confus confundid",
        (
            r"(?<!property )(?<!vehicle )(?<!asset )(?<!drug )seizures?(?! (?:of|notice|order|awareness|walk"
            r"|medications?|meds"
            r"|disorders?|history|dogs?|clinic|training|first aid|support|group|foundation|month|action plan|safety"
            r"|precautions)\b)",
            r"seizing(?! (?:the|their|his|her|property|belongings|tents|stuff|items|cars?|vehicles?)\b)",
            r"(?:having|had) (?:a )?fit\b|convul[sc]\w{0,8}|ataque epileptico|epileptic",
            r"(?:shaking|jerking|twitching|stiff|seizing|on the (?:ground|floor))\b[^.!?]{0,40}?\beyes (?:are |were "
            r"|keep |keeps )?(?:rolled|rolling|rolls|rolled up) (?:back|up)|eyes (?:are |were )?(?:rolled|rolling)"
            r" (?:back|up)\b[^.!?]{0,40}?\b(?:shaking|jerking|twitching|stiff)|eyes (?:rolled|rolling) back in(?:to)?"
            r" (?:his|her|their|the) head",
            r"(?:temblando|tiembla|sacudiendose|se sacude|tirad[oa]|en el (?:suelo|piso))\b[^.!?]{0,40}?\bojos"
            r" (?:en blanco|volteados|para atras|hacia atras|hacia arriba)|(?:ojos (?:en blanco|volteados|para atras"
            r"|hacia atras)|se le (?:voltearon|fueron|van) (?:para atras )?los ojos)\b[^.!?]{0,40}?\b(?:temblando"
            r"|tiembla|sacudiendose|se sacude)",
            r"se le (?:voltean|voltearon|van|fueron|pusieron|ponen|estan volteando) (?:para atras |en blanco "
            r"|hacia atras )?los ojos|eyes (?:are |keep )?rolling back\b",
            r"le (?:esta dando|dio|da) (?:un )?ataque(?! de (?:risa|nervios|ansiedad|panico|celos|tos|hambre)\b)",
            r"<PS>(?:'s| is| are|s)? (?:still )?bleeding",
            r"bleeding (?:a lot|alot|heavily|badly|bad|out|everywhere|profusely|so much|really bad|nonstop|non-stop"
            r"|from (?:his|her|their|the) (?:head|neck|chest|face|stomach|arm|leg|mouth)|to death)",
            r"blood (?:is )?(?:pouring|gushing|spurting|squirting|everywhere)|(?:lots|a lot|so much|tons) of blood"
            r"|(?:so much|too much|that much) blood(?! (?:work|tests?|drives?|donations?|pressure|sugar|type|bank)\b)"
            r"|losing (?:a lot of |lots of )?blood|pool of blood"
            r"|covered in blood|gushing blood|won't stop bleeding|blood all over",
            r"(?:vomiting|throwing up|coughing up|spitting up|puking) blood|(?:vomitando|escupiendo|tosiendo"
            r"|echando) sangre",
            r"(?:esta|estan) sangrando|sangrando (?:mucho|bastante|harto|un chingo|feo|de la cabeza|por la cabeza)"
            r"|sangra(?:ndo)? (?:un monton|un chingo|muchisimo|sin parar|bien feo)|sangra mucho|mucha sangre"
            r"|(?<!nos esta )(?<!me esta )(?<!nos estan )(?<!me estan )desangr\w{1,8}"
            r"|sangre por todos lados|llen[oa] de sangre|charco de sangre"
            r"|no (?:para|deja) de sangrar|banad[oa] en sangre|hemorragia",
            r"no (?:le |se le )?(?:para|deja de salir|se (?:le )?(?:para|detiene)) la sangre|la sangre no (?:le "
            r"|se le )?"
            r"(?:para|deja de salir|se (?:le )?(?:para|detiene))",
            r"chest pains?|pains? in (?:his|her|my|the) chest|(?:his|her|my) chest (?:hurts|is hurting)(?! <HC>)",
            r"(?<!gave me a )(?<!give me a )(?<!gives me a )(?<!giving me a )(?<!nearly had a )(?<!almost had a )"
            r"heart attack",
            r"cardiac arrest|(?:having|had|is having) a stroke|stroke symptoms|signs of (?:a )?stroke"
            r"|face (?:is )?drooping|slurring (?:his|her) (?:words|speech)",
            r"se le (?:torcio|cayo|esta cayendo) (?:la boca|la cara)|(?:boca|cara) (?:torcida|chueca)",
            r"(?:le )?duele (?:mucho )?el pecho(?! <HC>)|dolor (?:de|en el) pecho|ataque (?:al corazon|cardiaco)",
            r"(?<!me va a dar un )(?<!casi me da un )(?<!me dio un )infarto|derrame cerebral|le dio un derrame|embolia",
            r"anaphyla\w{1,8}|anafila\w{1,8}|allergic reaction|throat (?:is )?(?:closing|swelling)|epi-?pen"
            r"|reaccion alergica|se le (?:esta )?(?:cerrando|cierra) la garganta",
            r"giving birth|in labor(?! (?:law|union|market|dispute)\b)|water (?:just )?broke|dando a luz|pariendo"
            r"|se le (?:rompio|rompe) la fuente|trabajo de parto",
            r"(?:fell|fallen|collapsed)(?: down)? (?:<G3>)and (?:<PS> )?(?:still )?(?:can't|cannot|can not|couldn't"
            r"|is unable to|isn't able to) get (?:back )?up|se cayo (?:<G3>)y no (?:se )?(?:puede|pudo) levantar",
            r"<PS>(?: still)? (?:can't|cannot|couldn't) get (?:back )?up\b(?! (?:early|in time|to|before|for|the|and"
            r" (?:go|walk|leave))\b)",
            r"(?:grabbed|grabbing|grabs|clutching|clutched|clutches|holding) (?:his|her|their|my) (?:chest|heart)\b",
            r"(?:having|delivering) (?:the|a|her|my|our) baby (?:right now|now|here|(?:in|on) (?:the|a|my|our) (?:car"
            r"|bus|street|sidewalk|max|train|floor|bathroom|parking lot))|(?:the )?baby(?: is|'s) coming (?:right now"
            r"|now|out)\b|ya (?:viene|va a nacer|esta naciendo|esta saliendo) el bebe|el bebe ya (?:viene|va a nacer"
            r"|esta naciendo|esta saliendo)",
            r"(?:one|half|left|right) side of (?:his|her|their|my) (?:body|face) (?:is |went |has gone )?(?:numb"
            r"|drooping|droopy|paralyzed|limp)|se le (?:durmio|entumio|paralizo|adormecio) (?:<G1>)(?:mitad|lado"
            r"|brazo|cara|pierna|medio cuerpo)\b",
            r"(?:has|have|having|had|got|getting|with|complaining of|complains of) (?:the |a )?worst headache of (?:his"
            r"|her|their|my|your) life|(?:tiene|tengo|con|le dio|siente|sentia) (?:el )?peor dolor de cabeza de (?:su"
            r"|mi|tu) vida",
            r"(?:can't|cannot|can not|couldn't) (?:move|feel) (?:(?:his|her|their|my) (?:left |right )?(?:side|half)"
            r"|(?:one|the (?:left|right)) side)\b(?![ -]?(?:mirrors?|doors?|yard|tables?|panels?|walks?|of the)\b)"
            r"|no (?:puede|puedo|pudo) (?:mover|sentir) (?:(?:el|su|mi|un) lado(?: (?:derecho|izquierdo))?|la mitad del"
            r" cuerpo|medio cuerpo)\b(?! del? (?:la |el )?(?:carro|coche|troca|camioneta|cama|casa|sillon|mueble"
            r"|puerta)\b)",
            r"(?:un|el|medio) lado de (?:la|su) cara (?:<G1>)(?:caid[oa]|chuec[oa]|torcid[oa]|dormid[oa]"
            r"|paralizad[oa]|colgad[oa]|caido)\b|la cara (?:caida|colgada) de un lado",
            r"(?:(?:can't|cannot|can not|couldn't) (?:lift|raise|move) (?:his|her|their|my|one|an) (?:left |right )?arm"
            r"|face|cara|brazo|no (?:puede|pudo) (?:mover|levantar) (?:el|su|un) brazo)\b[^.!?]{0,40}?\b(?:slurr(?:ing"
            r"|ed|s)|talking (?:funny|weird)|can't (?:talk|speak) right|habla (?:raro|chistoso|mocho|trabado)|arrastra"
            r" (?:las palabras|la lengua)|no puede hablar bien)\b",
            r"(?:think|thinks|pretty sure|looks like|seems like|probably|maybe)(?: (?:it's|he's|she's|he is|she is"
            r"|they're|it is))?(?: having)? (?:a )?stroke\b|^\W{0,3}stroke\W{1,3}(?:i think|maybe|probably|help)\b"
            r"|(?:creo que|parece|parece que|seguro) (?:es |le dio |le esta dando |tiene )?(?:un )?derrame\b(?! de"
            r" (?:aceite|petroleo|agua|gasolina|diesel|quimicos)\b)",
            r"se (?:agarra|agarro|esta agarrando|aprieta|apretaba|agarraba|toca|tocaba) (?:el|su) (?:pecho|corazon)"
            r"|(?:le )?duele (?:mucho )?el brazo izquierdo|(?:his|her|their|my) left arm (?:hurts|is numb|went numb)",
            r"(?:slurring|slurred|talking funny|talking weird|can't talk right|can't speak right|habla raro|habla"
            r" chistoso|arrastra (?:las palabras|la lengua)|no puede hablar bien)\b[^.!?]{0,40}?\b(?:face|arm|side"
            r"|confused|cara|brazo|lado|confundid[oa])\b|(?:confused|confundid[oa])\b[^.!?]{0,40}?\b"
            r"(?:slurring|talking funny|habla raro|habla chistoso|arrastra las palabras|no puede hablar bien)",
        ),
    ),
    Group(
        "medical",
        "bleed",
        (
            r"(?:lying|laying|sitting|slumped|collapsed|down|trapped|pinned|stuck|shot|stabbed|crying|screaming"
            r"|unconscious) (?:<G3>)(?:and |& )?(?:still )?bleeding\b(?! hearts?\b)",
        ),
        person=True,
    ),
    Group(
        "medical",
        "burn quemad",
        (
            r"(?:severe|bad|serious|third degree|second degree|major) burns|(?:badly|severely|seriously) burned"
            r"|burned (?:really |very |so )?(?:bad|badly)"
            r"|quemaduras (?:graves|fuertes|feas|de tercer grado)|(?:esta|quedo) (?:muy |bien |todo |toda )?quemad[oa]",
        ),
        person=True,
    ),
    Group(
        "medical",
        "hurt injur wound cut_up beat herid lesion lastimad",
        (
            r"<PS>(?:'s| is| are| was| got| has been| been|s)? (?:badly |seriously |really |very |severely |bad )?"
            r"(?:hurt|injured|wounded|cut up|beat up|beaten up)\b(?! (?:his|her|their|my|your|its|the|a|himself"
            r"|herself)\b)",
            r"(?:badly|seriously|severely|critically|gravely) (?:hurt|injured|wounded)"
            r"|injured (?:person|man|woman|guy|kid|child|people)",
            r"(?:hay|tenemos) (?:un |una |unos |varios )?(?:herid[oa]s?|lesionad[oa]s?)",
            r"(?:esta|estan|quedo|quedaron) (?:muy |bien |mal |gravemente )?(?:herid[oa]s?|lastimad[oa]s?"
            r"|lesionad[oa]s?|malherid[oa]s?)|malherid[oa]s?|mal herid[oa]",
        ),
        weak=True,
    ),
    Group(
        "hit_by_vehicle",
        "hit struck run ran_ mowed knocked pego golpeo atropell arroll aplasto choco plowed slammed",
        (
            r"(?:hit|struck|run over|ran over|mowed down|knocked down) by (?:a |the |an |some )?(?:<G1>)(?:car|truck"
            r"|bus"
            r"|vehicle|van|suv|train|max|streetcar|driver|motorcycle|pickup)",
            r"(?:ran|run|running) (?:over|into) (?:a |the |some |that )?(?:<P>|him|her|them|pedestrian|biker"
            r"|cyclist)\b",
            r"(?:pedestrian|cyclist|biker) (?:was |got |has been )?(?:hit|struck)",
            r"(?:got|gets|getting|was|been|just) (?:run|ran) over\b",
            r"(?:ran|run|running|walked|walking|stepped|darted|went|rode|riding) (?:out )?(?:into|in|onto"
            r"|across) (?:the )?"
            r"(?:<G1>)(?:road|street|traffic|highway|freeway|crosswalk|intersection) (?:<G2>)(?:got|was|gets|getting)"
            r" (?:hit|struck|run over|ran over)\b",
            r"(?:car|truck|bus|driver|van|suv|vehicle|train|max|motorcycle|pickup) (?:just )?(?:hit|struck|ran over"
            r"|run over|hits|plowed into|slammed into|mowed down) (?:a |the |some |that |this |my |our |an )?(?:<G1>)"
            r"(?:<P>|pedestrian|cyclist|biker|kid|child|student|man|woman)\b",
        ),
        person=True,
        animal=True,
    ),
    Group(
        "hit_by_vehicle",
        "pego golpeo atropell arroll aplasto choco encima",
        (
            r"(?:carro|coche|auto|camion|troca|camioneta|bus|tren|max) (?:le )?(?:pego|golpeo|atropello|arrollo"
            r"|aplasto)"
            r" a (?:un|una|el|la|mi|su)\b(?! (?:perro|perrito|gato|gatito|venado|mapache|animal|ardilla)\b)",
            r"(?:atropell|arroll)\w{1,8}\b(?!(?: a| al)?(?: (?:un|una|el|la|mi|su|los|las|unos|unas))? (?:perro|perrito"
            r"|gato|gatito|venado|mapache|animal|ardilla|pajaro|coyote)s?\b)(?: a)?(?: (?:un|una|el|la|mi|su))?\b",
            r"(?:lo|la) (?:golpeo|pego|choco) un (?:carro|coche|auto|camion|troca)",
            r"le (?:paso|pasaron)(?: (?:un|una|el|la) (?:carro|coche|troca|camion|camioneta))? (?:por )?encima",
        ),
        animal=True,
    ),
    # --- weapons, violence ---------------------------------------------------------------------------------
    Group(
        "weapon",
        "gun pistol rifle firearm weapon knife knive machete blade sword ax hatchet bat crowbar hammer cutter "
        "razor ar-15 ar15 glock shooter drive shot shoot stab kill bottle brick rock stick pipe chain shovel "
        "screwdriver tire_iron skateboard arma cuchill navaja fusca cuete escuadra escopeta fierro punal "
        "hacha filer charrasca corvo apuntando bal plomazo tiroteo dispar tiro picaron round firing bullet blade "
        "enterr clav tirador amenaz atacando ataco persigu correte corto cortaron hirio hirieron",
        (
            r"(?:holding|waving|pointing|brandishing|wielding|pulled|pulling|pulled out|pulling out|swinging|showing"
            r"|grabbed|grabbing|grabs"
            r"|flashing|threatening (?:<G1>)with|attacking (?:<G1>)with|chasing (?:<G1>)with|with) (?:a |an |his |her "
            r"|their |some |two |the )?(?:big |huge |large |small )?(?:guns?|pistols?|handguns?|rifles?|shotguns?"
            r"|firearms?|weapons?|knife|knives|machetes?|blades?|swords?|axe|ax|hatchets?|bats?|baseball bat"
            r"|crowbar|hammer|box ?cutter|razor|ar-?15|glock)\b(?![ -]?(?:shaped|shape|drawing|graffiti|painted|sticker"
            r"|mural|tattoo|image|picture|emoji|store|shop|show|range|license|permit|sharpener|sharpening|wire)\b)",
            r"(?:^|\bi |\bi've |\bive |\bwe |\bi just |\bi think i )(?:just )?(?:got|been|was|were|am|'m) shot\b"
            r"(?! (?:of|glass|down|up)\b)",
            r"(?:hay un|un|el) tirador (?:activo|en|disparando|suelto)\b",
            r"(?:amenazando|amenaza|amenazo|atacando|ataco|persiguiendo|correteando) (?:<G2>)con (?:un |una |unos |unas"
            r" )?"
            r"(?:botellas?|piedras?|ladrillos?|tubos?|cadenas?|bates?|desarmador|fierros?)\b",
            r"(?:ya )?(?:corto|cortaron|hirio|hirieron|picaron) a (?:alguien|otro|otra|un|una|<PE>)\b",
            r"gunman|active shooter|shooter\b|drive-?by|guns? drawn|^\W{0,3}(?:guns?|pistolas?)<END>",
            r"(?:drew|draws|drawing|pulled) (?:a |an |his |her |their )?(?:gun|pistol|knife|machete|weapon|blade) on"
            r" (?:me|us|him|her|them|someone|somebody|people|a|an|the|another|some|my|his|her)\b",
            r"(?:heard|hear|hearing) (?:a|one|two|three|four|five|several|\d{1,2}) (?:gun ?)?shots?\b"
            r"(?! (?:of|glass|is|are|was|were|available|at the (?:clinic|pharmacy|doctor))\b)",
            r"shots? fired|gunshots?|gun shots?|gunfire|gun fire|shootout|shoot-out",
            r"shooting (?:at|going on|happening|right now|in progress|outside)\b",
            r"<P>(?: is| are|'s|'re|s)? shooting\b(?! (?:up|hoops|pool|a video|video|photos|pictures|heroin|drugs|dope"
            r"|fentanyl|meth|baskets|the breeze|a movie|movies?|film|a film)\b)",
            r"(?:threatening|threatened|threatens) to (?:shoot|stab|kill)",
            r"shot at (?:my|the|a|us|me|him|her|them|people|someone|cars|houses|our)\b",
            r"(?:fired|firing|fires|shooting) (?:a |his |her |their |some )?(?:gun|shots?|rounds?|weapon|pistol"
            r"|rifle)\b"
            r"|firing at|bullets? (?:flying|everywhere|hit|went|through)|(?:knife|gun|blade) to (?:his|her|their|my"
            r"|your)"
            r" (?:throat|head|neck|chest)",
            r"(?:cuchillo|navaja|pistola|arma|machete|fusca) en (?:el|la|su) (?:cuello|cabeza|garganta|pecho)"
            r"|dispar(?:o|aron) (?:contra|a|al|en|un arma|a la)\b",
            r"(?:threatening|attacking|hitting|chasing|swinging at|beating) (?:<G2>)with (?:a |an |his "
            r"|her )?(?:broken "
            r"bottle|bottle|brick|rocks?|stick|pipe|metal pipe|chain|shovel|screwdriver|tire iron|skateboard)",
            r"stabb(?:ed|ing|ings)(?! pains?\b)(?! (?:me|him|her|us|them|you) in the back (?:by|when|on|over"
            r"|politically"
            r"|figuratively|lol)\b)|stab wounds?|knifed",
            r"there(?:'s| is) (?:a |an )?(?:shooting|stabbing)",
            # Spanish
            r"(?:anda|andan|trae|traen|saco|saca|sacando|sacar|sacarle|sacaron|sacan"
            r"|amenazando con|amenaza con|apuntando con|blandiendo|porta"
            r"|portando|armad[oa]s? con|agarro|con) (?:un |una |su |sus |el |la )?(?:pistolas?|armas?|cuchillos?"
            r"|navajas?|machetes?|fusca|cuete|escuadra|rifle|escopeta|bate|fierro|punal|cuchilla|hacha|filero"
            r"|charrasca|corvo|guns?|knife|cuete|rifles?)\b(?! (?:de juguete|pintad[oa]|dibujad[oa]|de agua|de balines"
            r"|de aire|de paintball|de pintura|de hidrogel|de goma|de plastico|de burbujas|nerf)\b)",
            r"(?:le|lo|la) (?:enterraron|enterro|clavaron|clavo) (?:un|una|el|la) (?:cuchillo|navaja|fierro|punal"
            r"|filero|verduguillo|desarmador)",
            r"(?:se oyen|se escuchan|oigo|escucho|escuche|oi|oimos|hay|echando|tirando|dando|aventando|soltando)"
            r" (?:<G1>)(?:tiros|balazos|disparos|plomazos|balas)\b|(?:se oyo|se oye|se escucho|se escucha|oi|oigo"
            r"|escuche|escucho|oimos|hubo) (?:<G1>)(?:un|otro) (?:tiro|balazo|disparo|plomazo)\b"
            r"|(?<!de )\btiros (?:afuera|cerca|en la calle"
            r"|ahorita|ahora)\b",
            r"(?:hombre|tipo|senor|bato|vato|chavo|muchacho|alguien|sujeto) armado|(?:anda|esta|andan"
            r"|estan) armad[oa]s?",
            r"le (?:esta|estan) apuntando|(?:lo|la|le|les|nos|me) (?:esta|estan) apuntando",
            r"(?:balazos?|balacera|bale(?:o|aron|ado|ada|ando|ar)|balace\w{1,6}|plomazos?|tiroteo)\b"
            r"(?! (?:fue|fueron|paso|de (?:ayer|anoche|hace|la semana|el mes))\b)",
            r"disparos|disparando(?! (?:cohetes|cuetes|fuegos artificiales|fotos)\b)|dispararon|disparan\b",
            r"(?:pego|pegaron|metio|metieron|dio|dieron) (?:un |una )?(?:tiro|balazo|plomazo|punalada|navajazo"
            r"|cuchillazo|filerazo)|(?:hirieron|herid[oa]s?|heridas?) de bala",
            r"apunal\w{1,8}|acuchill\w{1,8}|punaladas?|navajazos?|cuchillazos?",
            r"(?:(?:acaba|acaban|acabaron|acabo) de|(?:amenaza|amenazan|amenazando|amenazo|amenazaron) con|(?:va|van"
            r"|iba"
            r"|iban) a|quieren?) (?:disparar|balear|acuchillar|apunalar|dar(?:le|les)? un (?:tiro|balazo|plomazo))"
            r"(?:le|les|la|lo|los|nos|me)?\b(?! (?:(?:una|un|unas|unos|las|los) )?(?:cohetes|cuetes|fuegos|fotos?)\b)",
            r"(?:lo|la|le) picaron\b(?! (?:los|las|unos|unas|una abeja|un zancudo|mosquitos|abejas|hormigas|chinches"
            r"|pulgas|zancudos)\b)",
        ),
        threat=True,
    ),
    Group(
        "weapon",
        "shot",
        (r"(?:got|been|was|is|were|are|being|getting|he's|she's) shot\b(?! (?:of|glass|down|up)\b)",),
        person=True,
        threat=True,
    ),
    Group(
        "weapon",
        "gun pistol rifle knife machete arma cuchill navaja fusca",
        (
            r"(?:has|have|got|has got|tiene|tienen) (?:a |an |una |un )?(?:gun|pistol|pistola|rifle|shotgun|knife"
            r"|machete|arma|cuchillo|machete|navaja|fusca)\b(?![ -]?(?:shaped|shape|drawing|graffiti|license"
            r"|permit)\b)",
        ),
        weak=True,
    ),
    Group(
        "violence",
        "beat getting being attack punch kick hitting chok strangl slap stomp hurting fight brawl domestic "
        "kidnap rap assault grab snatch agarr llev jal to_stop jumping robbery break broke dragg pulling kill pegando "
        "golpeando "
        "madreando dando matando ahorcando ahogando violando asaltando robando apunalando amenazando atacando "
        "secuestr arrastrando persiguiendo pelea bronca rina trifulca golpiza madriza putiza pele golpes "
        "violencia pega matar violacion abusa throwing metio metieron entraron agarrando machetazo cuchillada "
        "following stalking chasing siguiendo persiguiendo persigue in_my in_our inside_my inside_our intruder "
        "prowler metido en_mi en_nuestra de_mi got_ threatening shoot stab bash slam smash bang estrangul vergueando "
        "macheteando apaleando pateando "
        "acuchillando verga riata chingazo vergazo cueriza pleito pegue golpee mate lastime suelt fuerza metiendo "
        "meter cut slash hurt cortar picar apunalar acuchillar lastimar herir siendo de_ser",
        (
            r"beat(?:ing)? (?:up )?(?:him|her|them|someone|somebody|a (?:<G1>)(?:guy|man|woman|kid|child|lady|person"
            r"|girl|boy)"
            r"|his|the (?:other|guy|man|woman|kid)|that (?:guy|man|woman|kid)|my|on)\b",
            r"(?:getting|being) (?:beat|beaten|jumped|attacked|assaulted|robbed|mugged|raped|choked|strangled|kidnapped"
            r"|chased|followed|threatened|hit|punched|kicked|dragged)\b",
            r"attacking (?:someone|somebody|people|a |an |him|her|them|me|us|his|her|the|pedestrians)",
            r"(?:punching|kicking|hitting|choking|strangling|slapping|stomping|hurting) (?:him|her|them|someone"
            r"|somebody"
            r"|each other|people|me|us|pedestrians|kids|(?:a|the|his|her|this|that|some|my|our|your|their) (?:<G1>)"
            r"(?:guy|man|woman|lady"
            r"|kid|child|girl|boy|person|wife|girlfriend|baby|son|daughter|dude|mom|mother|partner|neighbor))\b",
            r"(?:punching|kicking|kicking in|stomping|stomping on|hitting|beating|bashing|slamming|smashing|banging)"
            r" (?:his|her|their|someone's|somebody's|the (?:guy|man|woman|lady|kid)'s) (?:head|face|skull)\b",
            r"fist ?fight|brawl|fight (?:going on|happening|breaking out|broke out|in progress|right now|outside)",
            r"(?:people|guys|men|women|they|two|some) (?:are |'re )?fighting(?! (?:the|for|against|over|about|back|it"
            r"|this|that|city|sweeps|a|with the)\b)",
            r"throwing (?:rocks|bricks|bottles|stones) at (?:people|cars|us|me|him|her|them|kids|someone)",
            r"se (?:metio|metieron|esta metiendo|estan metiendo|quiere meter|quieren meter) a (?:mi|la|nuestra|su)"
            r" (?:casa|departamento|apartamento|cuarto|traila)|entraron a (?:mi|la"
            r"|nuestra)"
            r" (?:casa|departamento)",
            r"(?:screaming|yelling|begging) for (?:him|her|them|someone) to stop|jumping (?:a|the|some) (?:<G1>)(?:man"
            r"|guy"
            r"|woman|kid|person|lady|dude)\b",
            r"domestic (?:violence|dispute|assault|abuse|fight)(?! (?:awareness|shelters?|hotlines?|advocates?"
            r"|programs?"
            r"|services|resources|support|prevention|walk|month|survivors?|victims?|office|center|classes|class"
            r"|training|court|counseling|group)\b)|kidnap\w{0,5}|\brap(?:e|ing|ed)\b|sexual assault"
            r"|assault(?:ing)? (?:him|her|someone|a )",
            r"robbery in progress|armed robbery|break-?in in progress|(?:breaking|broke"
            r"|breaks) in(?:to)? (?:<G3>)(?:house"
            r"|home|apartment|building|bedroom)\b|(?:someone|somebody|sombody|<P>)(?: is|'s| are)? breaking in\b",
            r"(?:grabbing|grabbed|grabs|snatching|snatched|took|taking) (?:a|the|some|that|my|our|his|her) (?:<G1>)(?:k"
            r"id"
            r"|child|girl|boy|baby|toddler|woman|teen)\b[^.!?]{0,40}?\b(?:running|ran|run off|drove off|driving off"
            r"|into (?:a|the|his|her) (?:car|van|truck)|screaming)\b",
            r"(?:agarro|agarraron|se robo|se robaron|se llevo|se llevaron|jalo|jalaron|esta jalando) (?:a )?(?:un|una|e"
            r"l|la"
            r"|mi|su) (?:nino|nina|bebe|muchach[oa]|chamac[oa]|morrit[oa]|chiquit[oa]|mujer)\b[^.!?]{0,40}?\b"
            r"(?:corriendo|carro|van|camioneta|troca|fuerza|gritando)\b|se (?:lo|la) (?:lleva|llevo|esta llevando)"
            r" corriendo",
            r"(?:dragging|dragged) (?:her|him|a woman|a girl|a kid|a child)|pulling (?:her|him) into (?:a|the|his) "
            r"(?:car|van|truck)",
            r"(?:trying|going|gonna|threatening|wants?) to (?:kill|shoot|stab|cut|slash|hurt) (?:her|him|me|you|us|them"
            r"|someone"
            r"|somebody"
            r"|everyone|everybody|people|(?:his|her|my|their|the|a|our) (?:<G1>)(?:wife|girlfriend|boyfriend|husband"
            r"|mom|mother|dad|father|kids?|son|daughter|baby|brother|sister|neighbors?|roommate|family|partner|ex|man"
            r"|woman|guy|lady))\b",
            # Spanish
            r"le (?:esta|estan) (?:pegando|golpeando|madreando|dando (?:una golpiza|de golpes|de patadas|patadas|golpes"
            r"|una madriza|una putiza|de machetazos|de punaladas))",
            r"agarrando a (?:golpes|machetazos|cuchilladas|balazos|navajazos|trancazos|chingadazos|putazos|madrazos)"
            r"|machetazos?|cuchilladas?",
            r"(?:siendo|acaba(?:n)? de ser) (?:golpead|atacad|agredid|apunalad|acuchillad|arrastrad|violad|asaltad"
            r"|secuestrad|ahorcad|estrangulad|patead|apalead|amenazad)[oa]s?\b",
            r"(?:la|lo|los|las) (?:esta|estan) matando|(?:la|lo|los|las|nos|me) (?:esta|estan) (?:golpeando|pegando"
            r"|ahorcando|ahogando|violando|asaltando"
            r"|robando|apunalando|amenazando|atacando|secuestrando|arrastrando|madreando)",
            r"(?:esta|estan) (?:golpeando|pegando|atacando|asaltando|amenazando|persiguiendo|ahorcando|estrangulando"
            r"|ahogando|acuchillando|apunalando|pateando|madreando|arrastrando) a\b",
            r"(?:la|lo|los|las|nos|me|le) (?:esta|estan) (?:hitting|beating|choking|punching|kicking|stabbing|attacking"
            r"|strangling)\b",
            r"(?:hay|se armo|se esta armando|empezo) (?:un |una )?(?:pelea|pleito|bronca|rina|trifulca)|golpiza|madriza"
            r"|putiza",
            r"(?:pelea|pleito|bronca|rina|peleando|peleandose) (?:con|a) (?:bates|palos|cuchillos|navajas|machetes"
            r"|pistolas|armas|tubos|botellas|piedras|machetazos|cuchilladas)\b",
            r"(?:ya )?no (?:me|le|la|lo) (?:pegue|pegues|peguen|golpee|golpees|golpeen|mate|mates|maten|lastime"
            r"|lastimes)\b|\bsueltame|\bsuelteme|\bsueltenme",
            r"(?:llevar|llevando|llevo|llevaron|subir|subiendo|subio|subieron|meter|metiendo|metio|metieron|jalando"
            r"|arrastrando) [^.!?]{0,40}?\ba la fuerza",
            r"(?:me|nos|la|lo|los) (?:quiere|quieren) matar\b(?! de\b)",
            r"pele(?:a|ando) (?:a golpes|con (?:cuchillos|navajas|machetes|pistolas|armas))"
            r"|(?:se estan|estan) peleando|se (?:estan )?agarrando a golpes",
            r"(?<!contra la )(?<!contra )(?<!victimas de )(?<!victimas de la )(?<!prevencion de la )(?<!sobre la )"
            r"(?<!sobrevivientes de )violencia (?:domestica|familiar)|le pega a (?:su|la) (?:esposa|mujer|novia|hijo"
            r"|hija|nino)",
            r"(?:la|lo|los|nos|me) (?:va|van) a matar(?! de (?:coraje|risa|hambre|aburrimiento|un susto|sed|corajes))"
            r"|(?:va|van) a (?:matar|cortar|picar|apunalar|acuchillar|lastimar|herir) a (?:su|mi|la|el|un|una|alguien"
            r"|todos|otro|otra)\b|(?:te|los|las|les) (?:voy|vamos) a matar\b(?! de\b)"
            r"|(?<!se )(?<!me )(?:quiere|amenaza con|amenazando con) matar",
            r"secuestr\w{1,6}|violacion|(?:abusando|abusan) de (?:una|un|la|el) (?:nina|nino|mujer|muchacha)",
            r"(?:la|lo) mataron",
            r"(?:following|stalking|chasing) (?:me|us|my (?:daughter|son|kid|wife|girlfriend|child))\b"
            r"|(?:me|nos|la|lo) (?:esta|estan|viene|vienen) (?:siguiendo|persiguiendo)|me persigue",
            r"(?:someone|somebody|sombody|a (?:man|guy|stranger|person)) (?:is )?(?:in|inside) (?:my|our) (?:house|home"
            r"|apartment|bedroom|garage|backyard|yard|room)\b|intruders?|prowler"
            r"|(?:alguien|un hombre|un tipo|un senor) (?:esta )?(?:metido )?(?:en|dentro de) (?:mi|nuestra) (?:casa"
            r"|departamento|cuarto|patio)",
            r"got (?:jumped|beat up|beaten|attacked|assaulted|robbed|mugged)\b|threatening (?:me|us|him|her|them|people"
            r"|everyone|kids|my)\b(?!')",
            r"(?:lo|la|le|los) (?:esta|estan) (?:vergueando|macheteando|apaleando|pateando|acuchillando)"
            r"|le (?:esta|estan) dando (?:verga|riata|chingazos|vergazos|cuerizas?|una cueriza)",
        ),
        threat=True,
        figurative=True,
    ),
    # --- self-harm -------------------------------------------------------------------------------------
    Group(
        "suicide",
        "suicid self selves life jump end_it ending_it fence edge rail to_die to_live vivir matar aventar tirar colgar "
        "ahorcar lanzar morir vida brincar saltar orilla borde barand tiro wrist throat venas hang colg ahorc "
        "avento lanzo",
        (
            r"(?<!prevencion del )(?<!prevencion de )(?<!prevenir el )(?<!contra el )(?<!prevention of )suicid\w{0,6}"
            r"(?! (?:lanes?|doors?|squeeze|prevention|awareness|runs?|hotlines?|helplines?|posters?|rates?|statistics"
            r"|survivors?|loss)\b)",
            r"(?:kill|hurt|harm|hang|shoot|cut) (?:him|her|my|them)sel(?:f|ves)",
            r"(?:end|take) (?:my|his|her|their) (?:own )?life",
            r"(?:wants|want|wanna|going|gonna|trying|threatening|threatened|about|ready|planning) to (?:jump|end it)\b",
            r"(?:he|she|they|i)'ll jump\b",
            r"(?:i'm|i am|he's|she's|he is|she is|they're|they are|going to|want to) end(?:ing)? it (?:all )?(?:tonight"
            r"|today|now|right now)\b",
            r"(?:climbing|climbed|climbs|standing on|sitting on|hanging (?:off|from|over)|over) (?:the |a )?(?:[\w'-]{1"
            r",15}"
            r" ){0,2}(?:bridge|overpass|building|parking garage|roof)(?:'s)? (?:fence|railing|rail|ledge|edge|guardrail"
            r"|barrier)",
            r"jumped (?:<G3>)(?:off|from) (?:the |a )?(?:<G2>)(?:bridge|overpass|building|roof|parking garage|ledge)\b"
            r"(?! (?:<G3>)(?:for fun|to swim|swimming)\b)",
            r"(?:slit|cut|slashed|cutting|slitting) (?:her|his|their|my) (?:wrists?|throat)|(?:se )?(?:corto|cortaba|"
            r"esta cortando) las venas|cortarse las venas|suicide note",
            r"<PS>(?: is|'s)? hanging (?:from|by)\b|hanged (?:him|her|them)sel(?:f|ves)|se (?:colgo|ahorco)"
            r"|esta colgad[oa]|(?:un|una|el|la) (?:senor|hombre|persona|muchacho|muchacha|chavo|vato|mujer|senora|joven"
            r"|nino|nina) colgad[oa]\b",
            r"se (?:va a|quiere) (?:dar|pegar) un tiro|se (?:tiro|avento|lanzo) (?:del|de la|desde el"
            r"|desde la) (?:puente"
            r"|edificio|techo|azotea|paso)",
            r"(?:standing|sitting|climbing|climbed|climbs|hanging|is|are|'s|hopped|hopping|went|got) (?:on|over|onto"
            r"|out on|past|outside) (?:the )?(?:edge|ledge|railing|rail|guardrail|barrier|fence) (?:of |on )?(?:the "
            r"|a )?"
            r"(?:[\w'-]{1,15} ){0,2}(?:bridge|building|roof|overpass|parking garage|freeway)",
            r"on the (?:edge|ledge|railing) of (?:the|a) (?:bridge|building|roof|overpass|parking)",
            r"(?:on|over|to|onto|climbed|climbing|standing|hanging) (?:on )?(?:the )?(?:wrong|other|outside"
            r"|far) side of"
            r" (?:the |a )?(?:railing|rail|guardrail|ledge|bridge railing)\b",
            r"(?:del otro lado|por fuera|afuera) (?:del|de la) (?:barandal|barandilla|baranda)\b",
            r"(?:i|he|she|they) (?:wants?|want) to die|don't want to live|no (?:quiere|quiero) vivir",
            r"se (?:quiere|va a) (?:matar|suicidar|aventar|tirar|colgar|ahorcar|lanzar)(?:se)?\b"
            r"(?! (?:<G1>)(?:basura|cosas|la basura)\b)",
            r"me (?:quiero|voy a) (?:matar|morir|suicidar)(?! de (?:aburrimiento|hambre|risa|sed|frio|calor|sueno"
            r"|verguenza|ganas|envidia|cansancio|amor|tristeza|coraje)\b)|quiero morir(?:me)?|quitar(?:se|me)? la vida",
            r"(?:aventar|tirar|lanzar)se (?:del|de la|desde el|desde la) (?:puente|edificio|techo|azotea)",
            r"(?:quiere|va a|queriendo|amenaza con|a punto de) (?:brincar|saltar|aventarse|tirarse|lanzarse)"
            r" (?:del|de la|desde el|desde la|al) (?:puente|edificio|techo|azotea|vacio|freeway)",
            r"(?:en la orilla|en el borde|en la baranda|en el barandal) del (?:puente|edificio|techo)",
            r"se (?:pego|dio) un tiro",
        ),
        threat=True,
    ),
    # --- water, cold, heat -------------------------------------------------------------------------------
    Group(
        "drowning",
        "drown drowing river water willamette columbia lake slough creek pond canal ice swept swim "
        "going_under ahog rio agua lago corriente nadar coming_up come_up came_up back_up alberca piscina "
        "pileta estanque boca_abajo sink submerg underwater under_water hund",
        (
            r"(?:car|truck|van|suv|vehicle|pickup) (?:is |'s )?(?:sinking|going under|submerged|underwater|under water)"
            r"\b[^.!?]{0,40}?\b(?:someone|somebody|person|people|driver|passengers?|kids?|baby|he|she|they|him|her"
            r"|them|inside|in it)\b",
            r"<PS> (?:<G2>)(?:in|inside) (?:the|a|his|her|their) (?:car|truck|van|suv|vehicle) (?:<G2>)in the (?:river"
            r"|water|lake|creek|slough|canal|pond)\b",
            r"(?:carro|coche|troca|camioneta|auto|camion) (?:se )?(?:esta )?hundiendo\b[^.!?]{0,40}?\b(?:alguien"
            r"|adentro|persona|gente|chofer|<PE>)\b|(?:alguien|<PE>) (?:<G2>)(?:en|dentro de) (?:el|un|la|una) (?:carro"
            r"|coche|troca|camioneta|auto) (?:<G2>)en (?:el|la) (?:rio|agua|lago|canal)\b",
            r"drown(?:ing|in|ding|ed)?\b(?! in (?:<G1>)(?:trash|garbage|paperwork|debt|bills|work|complaints|requests"
            r"|needles|litter|junk|tents|rvs|problems|noise|rules|red tape|taxes|emails)\b)(?! (?:prevention|awareness"
            r"|class"
            r"|classes|course|training|risk|hazards?|deaths|statistics|victims?|lessons?)\b)|drowing|drownding",
            r"(?:car|truck|van|suv|vehicle|bus|pickup) (?:<G2>)(?:went|drove|rolled|plunged|crashed|fell|sank|sinking"
            r"|sunk|slid|skidded|is) (?:off )?(?:into|in) (?:the |a )?(?:river|lake|canal|creek|pond|water|bay|slough"
            r"|reservoir)\b",
            r"(?:carro|coche|troca|camioneta|camion|auto) se (?:cayo|fue|metio|hundio|volteo|volco) (?:al|a la|en el"
            r"|en la) (?:rio|lago|canal|agua|presa|arroyo)\b",
            r"(?:fell|fall|fallen|falling|slipped|pushed|thrown|knocked) (?:<G3>)(?:in|into|in to|through) (?:the )?"
            r"(?:river|water|willamette"
            r"|columbia|lake"
            r"|slough|creek|pond|canal|ice)",
            r"<PS>(?: is| are|'s)? (?:in|into) the (?:river|water|lake|creek|slough) (?:<G2>)(?:struggling|screaming"
            r"|yelling|can't swim|not moving|face down|going under|calling for help|waving)",
            r"<PS>(?: is|'s)? in the (?:river|water|willamette|columbia|slough|creek|lake)\b(?! (?:<G2>)(?:swimming"
            r"|fishing"
            r"|kayaking|paddling|playing|boat|boats|wading|having fun|for fun|rafting|floating on)\b)",
            r"(?:isn't|not|hasn't|didn't|never) (?:coming|come|came) (?:back )?up\b",
            r"(?:se cayo|cayo|se hundio|se fue) (?:<G1>)(?:al|en el|por el|bajo el) hielo\b|se hundio (?:<G5>)y no"
            r" (?:sale|ha salido|salio|sube|aparece)\b",
            r"being swept|swept away|(?:can't|cannot|doesn't know how to|does not know how to) swim|going under",
            r"se (?:esta )?ahogando|se ahoga\b|ahogandose|(?:se (?:cayo|callo|cayeron|tiro|avento|resbalo)"
            r"|(?<!me )(?<!te )(?:se )?acaba(?:n)? de (?:caer|tirar|aventar|resbalar)(?:se)?"
            r"|(?:lo|la|los) (?:empujaron|empujo|aventaron|avento|tiraron))"
            r" (?:al|a la|en el|en la) (?:rio"
            r"|agua|lago|canal|alberca|piscina|pileta|estanque)\b",
            r"(?:se metio|se cayo|cayo|se tiro|se avento|esta|entro) (?:<G1>)(?:al|a la|en el|en la) (?:rio|agua|lago"
            r"|alberca|piscina|canal) y no (?:sale|ha salido|salio|sube|aparece|lo veo|la veo)\b",
            r"en (?:el|la) (?:agua|rio|lago|canal|alberca|piscina|presa|mar) (?:<G3>)(?:pidiendo ayuda|gritando"
            r"|hundiendose|se hunde|se esta hundiendo|esta hundiendose|no puede salir)"
            r"|se (?:esta )?hundiendo (?:<G3>)en"
            r" (?:el|la) (?:agua|rio|lago|canal|alberca|piscina|presa|mar)\b"
            r"|flotando boca abajo|boca abajo en (?:el|la) (?:agua|rio|lago|alberca|charco)",
            r"(?:se lo|se la|se los) (?:llevo|esta llevando|lleva) (?:la corriente|el rio)"
            r"|la corriente (?:se lo|se la|lo|la) (?:esta )?(?:llevando|llevo|arrastra|arrastrando)|no sabe nadar",
        ),
    ),
    Group(
        "exposure",
        "shak hypotherm hipotermi frostbite to_death congel de_frio heat golpe_de_calor insolacion dying shiver "
        "freezing snow ice cold nieve hielo frio fria helad congelad",
        (
            r"(?:dementia|alzheimer'?s|demencia)\b[^.!?]{0,60}?\b(?:wandered|wandering|walked off|missing|lost|can't fi"
            r"nd"
            r"|se salio|se perdio|se fue|desaparecio|no (?:la|lo) (?:encontramos|encuentro|hallamos))\b[^.!?]{0,60}?\b"
            r"(?:snow|cold|freezing|ice|degrees|no coat|night|rain|nieve|frio|helando|sin abrigo|noche|lluvia)\b",
            r"hypotherm\w{0,4}|hipotermi\w{1,4}|frostbite|(?<!i'm )(?<!im )(?<!i am )(?<!we're )freezing to death"
            r"|frozen to death",
            r"(?:se esta|esta) congelando|congelandose|(?<!estoy )(?<!estamos )(?:muriendo|muriendose) de frio"
            r"|se muere de frio",
            r"heat ?stroke|golpe de calor|insolacion|heat exhaustion|dying (?:of|from) (?:the )?(?:heat|cold)",
            r"shivering (?:uncontrollably|and (?:confused|not|can't))|can't stop shivering",
            r"(?:shaking|shivering|freezing)\W{1,3}(?:and )?(?:blue|purple|confused)\b",
            r"<PS>(?: is|'s)? freezing (?:outside|out there|in the (?:cold|snow|rain))|(?:lying|laying|passed out|down)"
            r" (?:<G1>)in the (?:snow|freezing|ice|cold)",
            r"(?:ice|freezing|stone|so|really|very|super) cold\b[^.!?]{0,40}?\b(?:won't|not|isn't|doesn't|can't|cannot"
            r"|barely) (?:respond|responding|responsive|wake|waking|moving|move|breathing)\b|(?:won't|not|isn't|doesn't"
            r"|can't|cannot) (?:respond|responding|wake|waking|moving|move)\b[^.!?]{0,40}?\b(?:ice cold|freezing cold"
            r"|stone cold|so cold|cold to the touch|cold and stiff)\b",
            r"(?:helad[oa]|congelad[oa]|(?:bien|muy|super) fri[oa])\b[^.!?]{0,40}?\bno (?:me |nos |le )?(?:responde"
            r"|reacciona|despierta|se mueve|contesta)\b|no (?:me |nos |le )?(?:responde|reacciona|despierta|se mueve"
            r"|contesta)\b[^.!?]{0,40}?\b(?:helad[oa]|congelad[oa]|(?:bien|muy|super) fri[oa])\b",
            r"(?:fell|fallen|collapsed|stuck|se cayo|tirad[oa]|acostad[oa]|caid[oa]|desmayad[oa]|dormid[oa]) (?:<G3>)"
            r"(?:in the (?:snow|ice|cold)|en (?:la nieve|el hielo|el frio))\b[^.!?]{0,60}?\b(?:for hours|hours|horas"
            r"|can't get up|cannot get up|not moving|super cold|ice cold|freezing|won't wake|unresponsive|helad[oa]"
            r"|congelad[oa]|ties[oa]|no se (?:mueve|levanta|puede levantar)|no (?:puede|pudo) levantarse|no despierta"
            r"|no responde)\b",
        ),
    ),
    Group(
        "exposure",
        "confus disorient delir making_sense talk slurr habla confundid desorientad sweat",
        (
            r"(?:freezing|shivering|hypothermic|soaked|drenched|frozen|overheated|overheating|hot|temblando|tiritando"
            r"|empapad[oa]|congelad[oa])\b[^.!?]{0,40}?\b(?:confused|disoriented|delirious|not making sense|can't talk"
            r"|slurring|no habla bien|ya no habla|confundid[oa]|desorientad[oa])",
            r"(?:stopped|not|isn't|no longer|has stopped) sweating\b(?! (?:it|the|over|about)\b)",
        ),
        person=True,
    ),
    Group(
        "child",
        "child kid bab toddler infant little newborn nino nina bebe criatura chiquit morrit cipot bicho "
        "chamac hijo hija dejaron boy girl",
        (
            r"(?:child|children|kid|kids|baby|babies|toddler|infant|little (?:boy|girl)|newborn) (?:<G3>)(?:alone"
            r"|locked|trapped|stuck|left) (?:<G2>)(?:in|inside) (?:a |the |an |his |her |their )?(?:hot |locked "
            r"|parked |closed )?(?:car"
            r"|vehicle|van|truck|suv)",
            r"left (?:a|the|his|her|their|my) (?:baby|kid|child|toddler|children|kids|infant) (?:alone )?in (?:the|a) "
            r"(?:hot )?car",
            r"(?:toddler|baby|small child|little kid|young child|little boy|little girl|child|kid|boy|girl) (?:<G5>)"
            r"(?:wandering|wandered|wanders|crawling|crawled|alone|by (?:him|her)self|unattended|lost) (?:<G2>)(?:in|on"
            r"|near|along|into|by|next to|toward|towards|onto|across|around) (?:the )?(?:middle of (?:the )?"
            r"|edge of (?:the )?"
            r"|side of (?:the )?)?(?:[\w'-]{1,15} )"
            r"{0,2}(?:street|road|highway|freeway|traffic|blvd|boulevard|ave|avenue|on ?ramp|off ?ramp|intersection"
            r"|crosswalk|tracks)\b",
            r"lost (?:little |small |young )?(?:boy|girl|kid|child|toddler)\b(?!'s| (?:bike|toy|shoe|glove|jacket"
            r"|backpack|ball|hat|dog|cat|tooth)\b)",
            r"(?:child|kid|baby|toddler|little (?:boy|girl)) (?:<G3>)(?:hanging|dangling|climbing|sitting|standing"
            r"|alone"
            r"|unattended|by (?:him|her)self)"
            r" (?:out of|from|on|off|over|outside) (?:a |the |an )?(?:<G3>)(?:window|balcony|ledge|roof|railing)\b",
            r"(?:child|kid|baby|toddler|infant|little (?:boy|girl)) (?:<G2>)(?:in|inside) (?:a |the )?(?:hot|locked)"
            r" (?:car|vehicle|van|truck|suv)\b",
            r"(?:nino|nina|bebe|chiquito|chiquita|morrito|morrita|chamaco|criatura) (?:<G3>)(?:colgando de|sol[oa] en"
            r"|solit[oa] en|trepad[oa] (?:en|a)|subid[oa] (?:en|a)) (?:la|una|el|un) (?:ventana"
            r"|balcon|techo|barandal|azotea|cornisa)\b",
            r"(?:nino|nina|bebe|ninos|criatura|chiquito|chiquita|morrito|morrita|cipote|cipotillo|bicho|chamaco"
            r"|chamaquito|hijo|hija) (?:<G5>)(?:sol[oa]s?|solit[oa]s?|perdid[oa]s?|encerrad[oa]s?) (?:<G3>)(?:carro"
            r"|coche|auto|camioneta|troca|vehiculo|calle|carretera|autopista|freeway|avenida|la \d{1,3}|el \d{1,3})\b",
            r"(?:toddler|baby|small child|little kid|young child|little boy|little girl|child|kid)(?: is|'s)? (?:on|in)"
            r" (?:the )?(?:middle of the )?(?:freeway|highway|interstate|i-\d{1,3}|tracks|train tracks|max tracks)",
            r"(?:nino|nina|bebe|chiquito|chiquita|morrito|morrita|cipote|cipotillo|chamaco|chamaquito|criatura)"
            r" (?:<G3>)en (?:medio de la calle|la carretera|la autopista|el freeway|las vias)",
            r"<KID> (?:<G3>)(?:in the middle of|en medio de) (?:the |la |el )?(?:[\w'-]{1,15} ){0,2}(?:street|road|high"
            r"way"
            r"|freeway|blvd|boulevard|ave|avenue|st|intersection|traffic|calle|carretera|avenida|autopista|\d{1,3}"
            r"(?:st|nd|rd|th)?)\b|<KID> (?:<G3>)(?:in the middle of|en medio de) (?:the |la |el )?[\w'-]{1,15}\b"
            r"[^.!?]{0,40}?\b(?:cars?|trucks?|carros|coches|troca|camiones) (?:<G1>)(?:swerving|honking|flying|speeding"
            r"|esquivan|esquivando|pasan|pitando|rapido)\b",
            r"dejaron (?:a |al |a un |a una )?(?:nino|nina|bebe|ninos|hijo|hija|criatura|chamaco|morrito)"
            r" (?:sol[oa] |encerrad[oa] )?en (?:el|un) (?:carro|coche|auto|camioneta|troca|vehiculo)",
            # shut in a vehicle: "hay un bebé adentro llorando y las ventanas están cerradas", "a kid inside the car
            # and it's really hot", "es un carro gris... hay un niño adentro, hace mucho calor"
            r"<KID> (?:<G3>)(?:adentro|dentro|inside|in the back ?seat|locked in)\b[^.!?]{0,80}?\b(?:<WINDOWS_UP>)",
            r"<KID> (?:<G3>)(?:adentro|dentro|inside|locked in|left in|alone in|sol[oa] en|encerrad[oa] en)"
            r" (?:of |de )?(?:the |a |el |un |del )?<VEHICLE>\b"
            r"[^.!?]{0,80}?\b(?:<HOT>|<WINDOWS_UP>)",
            r"\b<VEHICLE>\b[^!?]{0,80}?\b<KID> (?:<G3>)(?:adentro|dentro|inside|in the back ?seat|locked in)\b"
            r"[^.!?]{0,80}?\b(?:<HOT>|<WINDOWS_UP>)",
        ),
    ),
    Group(
        "child",
        "kid child bab toddler infant little small young tiny newborn nin bebe chiquit morrit cipot bicho chamaquit "
        "criatura patojit nene nena",
        (
            r"<KID> (?:<G5>)(?:alone|unattended|on (?:his|her|their) own|with no (?:adults?|parents?|grown-?ups?)"
            r"|sol[oa]s?|solit[oa]s?|sin (?:sus papas|su (?:mama|papa)))\b",
            # the nearest child, up to 14 other words (word by word, so "kid kid kid..." stays cheap), no one with them
            r"<KID>(?:[ ,]{1,2}(?!<KID>\b)[\w'-]{1,20}){0,14}?[ ,]{1,2}(?:by (?:him|her|them)sel(?:f|ves)"
            r"|no (?:adults?|parents?|grown-?ups?)(?: (?:anywhere|around|in sight|with (?:him|her|them)))?"
            r"|nobody (?:is )?watching (?:him|her|them)|no hay (?:ningun )?adultos?|sin (?:adultos|supervision)"
            r"|nadie (?:lo|la|los|las) (?:esta )?(?:cuidando|vigilando|cuida))\b",
        ),
        weak=True,
        hazard=True,
    ),
    # --- generic danger words --------------------------------------------------------------------------
    Group(
        "danger",
        "dying die muriendo muere agoniz trapped stuck atrapad for_help help 911 pass buried under escombr debajo "
        "abajo "
        "bajo_ vias auxilio socorro ayuda lying laying "
        "traffic "
        "freeway highway interstate middle tracks "
        "passed_out down tirad off life vida_o_muerte peligro pinned line wire spark electrocut cable scared afraid "
        "fear temo miedo crash accident wreck collision choque accidente touched chispas descarga corriente via "
        "smash slam plow drove rammed estrell impact choco volte volc alambre flip rolled_over overturn upside ayud "
        "salven auxilien",
        (
            r"<PS>(?: is| are|'s)? (?:wandering|walking|standing|lying|laying|sitting|stumbling|running) (?:in|into|on)"
            r" (?:traffic|the freeway|the highway|the interstate|the middle of the (?:road|street))\b",
            r"(?:on|walking on|standing on|lying on|laying on|sitting on) the (?:train |max |railroad |rail )?tracks",
            r"(?:pushed|shoved|fell|fallen|knocked|thrown|threw) (?:<G3>)(?:onto|on to|on|into) the (?:train |max |rail"
            r"road"
            r" |rail |streetcar )?tracks|(?:empujaron|empujo|aventaron|avento|tiraron|tiro|se cayo|cayo) (?:<G3>)(?:a|e"
            r"n)"
            r" las vias\b",
            r"(?:trapped|stuck) (?:on|in) (?:the |a |my |our |his |her )?(?:\w{1,8} )?(?:floor|apartment|room|building"
            r"|elevator|basement|attic|stairwell)\b|(?:people|someone|somebody|men|workers?|<P>) (?:<G1>)(?:under|benea"
            r"th"
            r"|underneath|buried (?:under|in)) (?:it|the rubble|rubble|debris|the debris|the wall|the dirt|dirt"
            r"|the collapse)\b|buried alive|(?:quedo|quedaron|hay|esta|estan) (?:<G3>)(?:debajo|abajo|bajo) (?:de )?"
            r"(?:los escombros|la pared|el techo|la tierra|el derrumbe)",
            r"\b911(?:\W{1,3}911){1,5}\b",
            r"<PS>(?:'s| is| are|'re|s)? (?:dying|about to die)\b(?! (?:to|for|of (?:laughter|boredom|curiosity)"
            r"|laughing|inside)\b)",
            r"(?:se (?:(?:me|nos) )?(?:esta )?muriendo|se (?:me |nos )?muere\b)"
            r"(?! (?:de (?:risa|ganas|hambre|aburrimiento|la risa|envidia|verguenza)|(?:el|la|los|las|mi|mis|su|sus)"
            r" (?:pasto|cesped|arbol|arboles|planta|plantas|jardin|flores|bateria|telefono|celular|cel|pila|compu"
            r"|computadora|laptop|tablet|carro|coche|troca|motor|senal|internet|negocio|barrio))\b)"
            r"|agonizando",
            r"(?:trapped|stuck|pinned) (?:under|beneath|underneath) (?:a|the|his|her|their)\b",
            r"(?:hay|esta|estan|quedo|quedaron) (?:<G2>)atrapad[oa]s?",
            r"(?:trapped|stuck) (?:inside|in (?:the|a|his|her|their) (?:burning|car|house|building|rv|tent|apartment"
            r"|elevator|fire|rubble|wreck|vehicle|river|water|mud))|atrapad[oa]s? (?:en|dentro)",
            r"(?:screaming|yelling|crying|calling|shouting|begging) for help|(?:screaming|yelling|shouting|screams"
            r"|yells|shouts|crying out|calling out) ['\"]?help\b(?! (?:with|wanted|desk|line)\b)"
            r"|(?:gritando|pidiendo|grita|pide)"
            r" (?:por )?(?:auxilio|socorro)|gritando (?:por |que )?ayuda|(?:gritando|grita|gritaba|pidiendo a gritos)"
            r" que (?:la|lo|los|las|le|les|me|nos) (?:ayuden|ayude|salven|auxilien)",
            r"<PS>(?: is| are|'s)? (?:lying|laying|passed out|pass out|passing out|past out|down) (?:in|on) (?:the )?"
            r"(?:middle of the )?(?:road"
            r"|street"
            r"|freeway|highway|traffic|crosswalk|lane|tracks|train tracks|max tracks)\b",
            r"(?:(?:<PE>) (?:<G1>)|(?:esta|estan|sigue|siguen|quedo|quedaron|anda"
            r"|andan) )tirad[oa]s? en (?:medio de )?la"
            r" (?:calle|carretera|autopista|via|vias)|(?:fell|fallen) off (?:the |a )?"
            r"(?:bridge|overpass|roof|building|ladder|scaffolding|balcony|cliff)",
            r"\bauxilio\b|\bsocorro\b|life-threatening|life threatening|life or death|vida o muerte|peligro de muerte",
            r"power ?lines? (?:down|is down|are down|fell|fallen|on (?:a|the) (?:car|house|tent|road|street))"
            r"|downed (?:power ?)?lines?|live wires?|(?:power ?)?lines? sparking|sparking (?:power ?)?lines?"
            r"|(?<!cable )(?<!tv )(?<!phone )(?<!internet )(?<!comcast )(?:wires?|cables?) (?:are |is |'s )?down\b"
            r"|(?:power ?lines?|wires?|cables?) (?:are |is |'s )?(?:sparking|arcing)\b"
            r"|electrocut\w{0,6}|se electrocuto|(?:cables?|alambres?) (?:de luz |electricos? |de electricidad |de alta "
            r"tension )?"
            r"caidos?\b|cables? (?:de luz|electricos?|de electricidad) (?:caidos?|en el suelo"
            r"|tirados?)|downed (?:power )?(?:wires?|cables?)|touched (?:a |the )?(?:<G1>)(?:wire|power line|cable)\b",
            r"(?:se|le|les) (?:cayo|cayeron|callo) (?:un |el |los |unos )?cables? (?:de (?:luz|electricidad"
            r"|alta tension)"
            r"|electricos?)|(?:cables?|alambres?) (?:<G5>)(?:echando|echan|echa|sacando|sacan|saca|tirando|tiran|tira"
            r"|soltando|sueltan) chispas|descarga electrica"
            r"|(?:le dio|le pego) (?:la )?corriente",
            r"(?:brought|knocked|took|pulled|brings|knocking|taking|bringing) down (?:<G1>)(?:power ?lines?|wires"
            r"|lines|cables)\b|(?:tumbo|tumbaron|tiro|tiraron|derribo|derribaron) (?:el|los|un|unos) cables? (?:de "
            r"(?:luz|electricidad|alta tension)|electricos?)",
            r"(?:tocar|toco|tocando|agarrar|agarro|agarrando|pisar|piso|pisando) (?:<G1>)(?:cables?"
            r"|alambres?) (?:de luz"
            r"|electricos?|caidos?|de alta tension)",
            r"(?:<PS>|<PE>|family|familia)(?: is| are|'s|'re| esta| estan| quedo| quedaron)? (?:still |todavia )?"
            r"(?:trapped|pinned)\b(?! in (?:traffic|poverty|debt|a cycle)\b)",
            r"(?:acostad[oa]|tirad[oa]|sentad[oa]|parad[oa]|dormid[oa]) en (?:medio de )?(?:la|las) (?:via|vias)\b",
            r"(?:car|truck|van|suv|vehicle|driver|bus|pickup|semi) (?:<G2>)(?:crashed|smashed|slammed|plowed|drove"
            r"|rammed) (?:<G1>)(?:into|through) (?:<G5>)(?:house|home|building|store|shop|apartment|restaurant|cafe"
            r"|business|bus stop|bus shelter|crowd|people|school|church|tent|tents|camp|encampment|porch|daycare)s?\b",
            r"(?:se )?(?:(?:estrello|estrellaron|impacto) (?:<G3>)(?:contra|en)|choco (?:<G3>)contra) (?:<G3>)(?:casa"
            r"|tienda"
            r"|edificio|restaurante|escuela|iglesia|negocio|departamento|parada|gente|carpa|carpas|campamento)s?\b",
            r"(?:carro|coche|troca|camioneta|camion|auto) se (?:volteo|volco|dio vuelta)|se (?:volteo|volco) (?:el|la"
            r"|un|una) (?:carro|coche|troca|camioneta|camion|auto)|volcadura",
            r"(?:man|person|guy|woman|lady|someone|somebody|kid|body) down\b(?! (?:the|a|there|here|this|that|my"
            r"|our)\b)",
            r"(?:scared|afraid|fear|fearing|temo|miedo) (?:for|por) (?:my|his|her|our|their|mi|su|nuestra) (?:life"
            r"|lives"
            r"|vida|vidas)",
            r"(?:car|truck|van|suv|vehicle|pickup|bus) (?:<G2>)(?:flipped|rolled over|overturned|upside down)(?: over)?"
            r"\b[^.!?]{0,60}?\b(?:people|someone|somebody|person|driver|passengers?|kids?|(?:he|she|they)(?:'s|'re| is"
            r"| are)|inside|trapped|still in)\b",
            r"(?:bad|serious|major|terrible|horrible|huge|head-on|head on|big) (?:car |bike |motorcycle |traffic )?"
            r"(?:crash|accident|wreck|collision)\b(?! (?:waiting|risk)\b)|(?:choque|accidente) (?:fuerte|grave|horrible"
            r"|feo|muy feo)|(?:crash|accident|wreck|choque|accidente) (?:just happened|acaba de pasar|right now"
            r"|ahorita)",
        ),
    ),
    Group(
        "danger",
        "crush aplast prensad machucad",
        (
            r"crushed (?:under|beneath|underneath|between|by)\b|(?:aplastad|prensad|machucad)[oa]s? (?:debajo|abajo"
            r"|bajo|entre)\b",
        ),
        person=True,
        animal=True,
    ),
    Group(
        "danger",
        "danger peligro emergen help ambulanc medic 911 9-1-1 police ayuda ayudenme",
        (
            r"in (?:immediate |serious |real |grave |great |mortal |some |big |any )?danger\b(?! (?:of (?!(?:dying"
            r"|death"
            r"|being|getting|overdos|drowning|freezing|bleeding))|from|because|due|when|if|with (?:all|these|those"
            r"|the))\b)",
            r"(?:en|corre|corren) (?:grave |serio |mucho )?peligro\b(?! (?:de (?!(?:muerte|morir))|por|con|cuando"
            r"|si)\b)",
            r"(?<!non-)(?<!non )(?<!in case of )(?<!in an )(?<!de )(?<!case of )emergen(?:cy|cia|sia|cie|cias)\b"
            r"(?![ -]?(?:alerts?|shelters?|assistance|number|numbers|room|rooms|management|preparedness|kits?|contacts?"
            r"|plans?|rent|rental|housing|funds?|food|services?|vehicles?|lanes?|exits?|broadcasts?|notifications?"
            r"|lines?|repairs?|hotline|operator|dispatch|calls?|declaration|orders?|generators?|supplies|brake"
            r"|contraception|department|responders?|medicine|vet|fund)\b)",
            r"help (?:me |us |him |her )?(?:now|asap|right now|quick|quickly|fast|hurry|immediately|urgently)\b"
            r"(?! (?:with|filing|to|on|for|getting|finding|understanding|please with)\b)",
            r"(?:need|needs) (?:help|an ambulance|a medic|medical help|paramedics|medics)"
            r" (?:now|asap|right now|fast|quick|immediately|urgently)\b"
            r"(?! (?:with|filing|to|on|for|getting|finding|understanding)\b)",
            r"send (?:help|an ambulance|paramedics|medics)\b|(?:call|need|needs|send|get) (?:an |a )?ambulance",
            r"(?:someone|somebody|sombody|anyone|anybody|please) (?:please )?call (?:911|9-1-1|the police now)",
            r"^call 911\W{0,3}$|call 911 (?:now|asap|right now|please)|calling 911 now|help help|urgent help",
            r"(?:someone|somebody|sombody|anyone|anybody) (?:please )?help\b(?! (?:me |us )?(?:with|file|find|report"
            r"|understand|figure|get|to|filing|out)\b)",
            r"ayuda (?:ya|ahora|urgente|rapido|inmediata)\b|necesito ayuda (?:ya|urgente|rapido|ahora)|urgente ayuda",
            r"ayudenme (?:rapido|ya|por favor rapido)\b|(?:manden|llamen|necesitamos|necesito|necesita|traigan"
            r"|alguien llame|que alguien llame|por favor llame)"
            r" (?:a |al |a una |una |un |a los )?(?:ambulancia|paramedicos|911)",
            r"ambulance (?:needed|now|asap|please)",
        ),
        weak=True,
    ),
)
"""Every phrase group; ``emergency.py`` reports the first kind in this order when several match."""

# --- scope words: what makes a found phrase a denial, a memory, a risk, a question, a quote or a topic ------
# Word lists are space-separated; the others are regular expressions matched as whole words (emergency.py adds
# the word boundaries).

NEGATORS = (
    "no not never nobody noone none nothing neither nor isn't aren't wasn't weren't don't doesn't didn't won't "
    "ain't hasn't haven't can't cannot without nothing's nobody's nadie ningun ninguna ninguno nunca ni sin tampoco "
    "nada"
)
"""Words that deny what follows them."""

FILLERS = (
    "is are was were be been being am 's 're it's he's she's they're there's seems seem seemed appears appear "
    "looks look looked to really actually currently right now at all any in of immediate imminent real serious "
    "seriously got gets get getting he she they it there anyone anybody one one's someone person people who that "
    "i think see seen saw smell hear heard notice believe an a the signs sign anything this "
    "hay esta estan es son era fue parece parecen se ve veo creo nadie alguien persona personas en un una el la "
    "los las de que muy realmente ahorita ahora mismo le lo ha han sido salio resulto quedo ninguna ninguno "
    "corre corren tiene tienen este esten estar estoy estamos estas am i'm we're"
)
"""Words that may stand between a negation and what it denies ("nobody is in any danger"), negations too; so may
a word for a person right after the negation ("no hay ningun morro en peligro", "no kid is in danger")."""

SHORTHAND = (
    "isnt:isn't arent:aren't wasnt:wasn't dont:don't doesnt:doesn't didnt:didn't cant:can't wont:won't "
    "couldnt:couldn't hasnt:hasn't havent:haven't aint:ain't hes:he's shes:she's theyre:they're theres:there's "
    "its:it's im:i'm whats:what's noone:no_one no1:no_one nobodys:nobody's ppl:people sum1:someone some1:someone "
    "pls:please plz:please w/:with_ &:_and_ u:you r:are ur:your b/c:because bc:because cuz:because rn:right_now "
    "gonna:going_to wanna:want_to tryna:trying_to q:que xq:porque pq:porque aki:aqui ta:esta"
)
"""SMS shorthand spelled out before matching, as ``short:long`` pairs ("_" stands for a space)."""

PAST = (
    r"yesterday|yday|last (?:night|week|weekend|month|year|time|summer|winter|spring|fall|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)|the other (?:day|night|week)|(?:a|one|two|three|four|five|few"
    r"|couple|couple of|several|many|\d{1,3}) (?:days?|weeks?|months?|years?) ago|a (?:while|long time) ago"
    r"|(?:days|weeks|months|years) ago|earlier this (?:week|month|year)|back in|over the weekend"
    r"|(?:in|en|el) (?:19|20)\d\d|(?:was|got|been|already|were) (?:put out|extinguished)"
    r"|ayer|anoche|antier|anteayer|antenoche|(?:la semana|el mes|el ano|el fin de semana"
    r"|el verano|el invierno|el (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)) pasad[oa]"
    r"|la otra (?:noche|semana|vez)|el otro dia|(?:desde )?hace (?:como |unos |unas |mas de |casi |ya )?(?:un|una"
    r"|unos|unas|dos|tres|varios|varias|muchos"
    r"|muchas|\d{1,3}) (?:dias?|semanas?|mes|meses|anos?)|hace (?:anos|meses|semanas|mucho(?! (?:calor|frio|viento|sol|"
    r"humo)\b)|tiempo)|hubo"
    r"|ya (?:lo |la )?apagaron|ya se apago|ya paso"
    r"|(?:in|back in|last|en|el pasado) (?:january|february|march|april|june|july|august|september|october|november"
    r"|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
    r"|(?:back in|last) may"
)
"""Said of the past (days ago or more, or a month by name: "an hour ago" may still be going on)."""

TODAY = r"this morning|earlier today|esta manana|hoy temprano|en la manana"
"""Earlier today: past when the clause is told in the past ("a guy was passed out this morning"), but not when
it is told in the present ("this morning there's a man with a knife yelling")."""

PRESENT_TENSE = (
    r"there's|there is|there are|is|are|am|i'm|he's|she's|it's|they're|we're|you're|keeps?|hay|esta|estan|sigue"
    r"|siguen|anda|andan|va|van"
)
"""A verb in the present tense, which keeps a phrase said "this morning" going on now."""

PRESENT_FORM = (
    r"won't|will not|isn't|is not|aren't|are not|can't|cannot|doesn't|does not|don't|hasn't|has not"
    r"|no (?:me |nos |le |les |se )?(?:responde|reacciona|respira|despierta|contesta|mueve)"
)
"""At the start of a phrase, tells it in the present: only a past word in its own clause makes it a memory
("she won't respond, she's ice cold, it was 20 degrees last night" is about now)."""

HABITUAL = (
    r"always|every (?:night|day|morning|evening|weekend|week|afternoon|time)|all the time|constantly|usually"
    r"|sometimes|often|frequently|regularly|nightly|used to|some ?day|one day(?! ago)|one of these days|eventually"
    r"|siempre"
    r"|cada (?:noche|dia|rato|fin de semana|semana|manana|tarde)|todas las (?:noches|mananas|tardes)"
    r"|antes (?:habia|habian|pasaba|pasaban|era|eran|se)"
    r"|todos los (?:dias|fines)|a veces|seguido|frecuentemente|a menudo|solia|solian|algun dia|un dia de estos"
    r"|tarde o temprano|un dia (?:de estos )?(?:va|van|vas|vamos) a"
)
"""Said of habits or of someday, not of now."""

PRESENT = (
    r"still|right now|currently|again|at the moment|as we speak|happening now|now (?:he|she|it|they|there|the"
    r"|his|her|someone|is|are|it's|he's|she's|they're|there's)|todavia|aun|sigue|siguen|ahorita|orita|horita"
    r"|ahora mismo|en este momento|(?<!la )otra vez|de nuevo|ahora (?:esta|estan|hay|no|se|sigue)"
)
"""Says it is going on now, even in a sentence about the past ("he passed out last night, still not moving")."""

CONDITION = (
    r"if|in case|what if|whether|in the event|before|prevent|preventing|avoid|risk of|en caso de|por si"
    r"|antes de que|para evitar|prevenir|si (?:alguien|una persona|un|una|hay|veo|ves|vemos|encuentro|mi|tu|el"
    r"|ella|ya)"
)
"""Makes what follows a condition ("if someone overdoses"); "si," alone is "yes"."""

GENERIC_CONDITION = (
    r"(?:if|when|whenever|in case) (?:someone|somebody|anyone|anybody|a person|people|there's someone"
    r"|(?:i|we|you)(?: ever)? (?:find|see|come across|run into)|you)|(?:si|cuando) (?:alguien|una persona|veo|encuentro"
    r"|ves|hay alguien)"
    r"|en caso de que alguien"
)
"""A question about anyone, which cancels even inherent phrases ("what do I do if someone is not breathing")."""

URGENT_ASK = r"que hago|que hacemos|que le hago|como le hago|what do i do|what do we do|help|ayuda"
"""Right after an inherent phrase, turns an "if" into a plea: "si alguien no respira que hago" is typed by someone
looking at a person who is not breathing, while "what do I do if someone is not breathing" asks about anyone."""

MODAL = (
    r"(?:will|'ll|would|could|might|may|can|going to|gunna|almost|nearly|puede|pueden|pueda|puedan|podria|podrian|va a"
    r"|van a"
    r"|vaya a|afraid|worried|scared|miedo)(?: (?:easily|probably|eventually|definitely|totally|soon|get|getting"
    r"|have|tener|hacer|causar|provocar|start|cause|catch|agarrar|a|an|un|una)){0,3}$"
)
"""Just before a phrase, makes it a risk ("could catch fire", "will get hit by a car"); "might be" is not one."""

RESOLVED = (
    r"(?:he|she|they|he's|she's|they're|everyone|everybody)(?: is| are|'s|'re)? (?:fine|ok|okay|alright"
    r"|all right|gone)|(?:he|she|they) left|turned out|false alarm|woke up and|came to|got up and (?:left|walked)"
    r"|walked away|ya (?:esta|estan) bien|ya se (?:fue|fueron|levanto)|ya desperto|falsa alarma|resulto que"
    r"|it (?:was|turned out to be) (?:just|only)|(?:they|that) (?:was|were) (?:just|only)"
    r"|pero (?:era|eran|fue) (?:solo|nomas|nada mas|puro|pura)\b"
    r"|(?:he|she|they|he's|she's|they're)(?: is| are|'s|'re)? (?:awake|conscious|sitting up|up and (?:talking"
    r"|walking|moving))|ya (?:esta|estan) (?:sentad[oa]s?|despiert[oa]s?|consciente|hablando|platicando)"
    r"|ya (?:reacciono|volvio en si)|ya se desperto|se desperto y|(?:they|the crew|the fire department|it) said (?:it's"
    r"|it is|it was|everything (?:is|was)) (?:fine|ok|okay|safe)|dijeron que (?:esta|estaba|todo esta|todo estaba)"
    r" (?:bien|seguro)"
)
"""After a phrase in the same sentence, says it is over ("he passed out but he's fine now", "she's sitting up");
never "breathing again", since someone unconscious and breathing still needs 911."""

HARMLESS = (
    r"(?<!not )(?<!no es )(?<!isn't )(?:just|only|nomas|solo|nada mas) (?:yelling|shouting|arguing|gritando"
    r"|gritandose|discutiendo|de palabras)"
    r"|(?:nobody|no one|nadie)(?: is|'s)? (?:hitting|touching|hurting|threatening|le pega a|toca a|golpea a"
    r"|amenaza a|lastima a) (?:anyone|anybody|nadie)|(?:no|not|nobody|no one|nadie) (?:threatened|threatening"
    r"|amenazo|amenazaba|esta amenazando) (?:a )?(?:anyone|anybody|nadie)"
    r"|(?:was|were|is|are|estaba|estaban|esta|estan) (?:just |only |nomas |solo )?(?:cutting|peeling|slicing"
    r"|chopping|pelando|cortando|partiendo|picando) (?:up )?(?:some |an? |la |el |unas? )?(?:fruit|food|vegetables"
    r"|apples?|oranges?|mangos?|fruta|comida|verduras?|manzanas?|naranjas?|mangos?|papas|pan)"
)
"""After a phrase in the same sentence, says nothing dangerous is going on ("fighting again, just yelling about
money, nobody touching anyone", "con un cuchillo pero estaba pelando fruta")."""

DOUBT = r"not sure|unsure|don't know|do not know|no se|no sabemos|no estoy segur[oa]|i wonder|wondering|not certain"
"""Before a generic word, makes it a doubt ("not sure if this is an emergency")."""

QUESTION_START = (
    r"is|are|was|were|do|does|did|should|shall|can|could|would|will|what|what's|when|where|who|how|why|which"
    r"|debo|deberia|puedo|a quien|donde|cual|que (?:cuenta|se considera|es (?:un|una)|tipo de|clase de)"
)
"""Words that open a question when they open a clause."""

QUOTED = (
    r"(?:graffiti|grafiti|tag|tags|tagged|painted|paint|sticker|sign|mural|poster|written|wrote|escrito|escribieron"
    r"|pintaron|pintado|dibujaron|dibujo|letrero|cartel|pinta|pintas|pintada|rayaron|rayado|stencil|spray ?painted"
    r"|decal|t-shirt|shirt|tattoo)\b[^.!?]{0,40}\b(?:says?|said|reads?|saying|dice|decia|diciendo|of|de)\W{0,3}"
    r"(?:(?:a |an |the |un |una |el |la )?[\w'-]{1,20} (?:and|y) (?:a |an |the |un |una |el |la )?)?$"
)
"""Before a phrase, makes it the words of a graffiti or a sign ("graffiti that says kill"), not an event."""

QUOTED_WORD = r"(?:^|[^\w'])['\"“«][^'\"“”«».!?]{0,24}$"
QUOTED_WORD_END = r"^[^'\"“”«».!?]{0,24}['\"”»](?!\w)"
NAMING = (
    r"words?|tags?|tagged|painted|paint|spray ?painted|graffiti|grafiti|signs?|murals?|written|wrote|called|named"
    r"|letters|bands?|songs?|titled?|se llama|se llaman|llamad[oa]|palabras?|pintaron|pinto|pintad[oa]|escribieron"
    r"|escribio|escrito|rayaron|rayado|letrero|cartel|banda|cancion|titulo|nombre"
)
"""A phrase in quotes ("'overdose'") in a sentence that also holds one of these words is a name or a painted word
("the word 'overdose' is tagged", "la banda se llama 'sobredosis'"), not an event; quoted speech
("she keeps screaming 'help'") still counts."""

TOPIC = (
    r"(?:read|heard|saw|seen|reading) (?:about|on the news|in the news)|on the news|in the news|(?:lei|escuche|vi|oi)"
    r" (?:en|sobre|de)|en las noticias|en el noticiero"
    r"|(?:families|relatives|loved ones|survivors|familias|familiares|seres queridos|sobrevivientes) (?:of|de) (?:peopl"
    r"e"
    r"|those|victims|anyone|someone|gente|personas|victimas|quienes|los que|alguien)|support groups?"
    r"|grupos? de apoyo|(?:vigils?|memorials?|funerals?|fundraisers?|vigilias?|velorios?|homenajes?|misas?|colectas?)"
    r" (?:for|of|para|de|por) [\w' ]{0,30}\b(?:who|that|que)"
)
"""Before a phrase in its clause, makes it the topic of a group or a memorial ("support group for families of people
who overdosed", "the vigil for the kid who drowned"), not something happening."""

FIGURATIVE = (
    r"(?:heat|calor|cold|frio|traffic|trafico|smell|stench|olor|peste|noise|ruido|pollen|polen|humidity|humedad"
    r"|weather|clima|sun|sol|bills?|rent|renta|homework|tarea|work|trabajo|job|commute|stress|estres|hunger"
    r"|hambre|allergies|alergias|bot|music|musica|prices?|precios?|tickets?|multas?|taxes|impuestos|paperwork"
    r"|tramites?|this|esto|that's)(?: (?:is|are|'s|es|just|really|literally|totally"
    r"|seriously|actually)){0,2}"
)
"""Just before a figure of speech ("going to kill me"), a thing as its subject: "this heat is going to kill me",
"este calor me va a matar"."""

HAZARDS = (
    r"traffic|(?:cars?|trucks?) (?:are |keep )?(?:flying|speeding|zooming|racing|passing|going|driving|coming)"
    r"|street|road|roadway|middle of (?!(?:the )?(?:night|nowhere|day)\b)|freeway|highway|interstate|on-?ramp"
    r"|off-?ramp|tracks|platform|train|streetcar|river|water|lake|pond|creek|slough|pool|canal|edge|ledge|balcony"
    r"|roof|cold|freezing|snow|heat|hot (?:car|out|outside|day|van)"
    r"|(?:walked|walking|ran|running|wandered|wandering|went|darted|crawled|toddled)(?: out| off)? (?:onto|into)"
    r"|calle|(?:carros?|coches?) (?:pasan|pasando|van|vienen|rapido)|carretera|autopista|avenida|vias|tren|anden"
    r"|rio|agua|lago|alberca|piscina|arroyo|orilla|borde|balcon|techo|frio|helando|calor|congelando"
    r"|(?:salio|se salio|se fue|cruzo|cruzando|camino|caminando|se metio)(?: [\w-]{1,15})? (?:a|al|hacia|por) (?:la|el)"
)
"""Near a child on their own (``Group.hazard``), what can kill them: traffic, water, tracks, heights, the cold or
heat, or walking out into the street."""

ANIMALS = (
    "dog dogs puppy cat cats kitten deer raccoon squirrel bird birds possum opossum coyote horse cow goat pig duck "
    "ducks goose geese fox rabbit skunk animal animals pet perro perros perrito gato gatos gatito venado mapache "
    "ardilla pajaro pajaros tlacuache zarigueya caballo vaca chivo cabra puerco cerdo pato patos ganso zorro conejo "
    "zorrillo animales mascota"
)
"""Words for animals: a phrase that may be said of one (``Group.animal``) is not a 911 call when an animal, and no
person, is named in it or before it ("un venado quedo atropellado", "a cat was run over, can someone pick it up")."""

ANSWER_NO = r"no|none|nope|nah|nadie|ninguno|ninguna|negative|n/a"
ANSWER_YES = r"yes|yeah|yep|si"
INTERJECTION_NO = "he she they i it we you there this that my someone somebody he's she's it's i'm"
"""Words after which "no" is an answer, not a negation ("no he isn't breathing")."""

CLAUSE_BREAK_WORDS = r"but|pero|however|although|though|aunque|sino|except|excepto"
TIME_BREAK_WORDS = r"but|pero|and|y|then|luego|however|aunque|now that"

# --- misspellings ----------------------------------------------------------------------------------------

TYPO_WORDS = (
    "unconscious unresponsive responsive responding breathing breathe overdose overdosed overdosing overdoses "
    "seizure seizures seizing bleeding stabbed stabbing choking suicide suicidal drowning drowned shooting gunshot "
    "gunshots threatening emergency ambulance collapsed fainted hypothermia naloxone narcan flames burning convulsing "
    "strangling "
    "kidnapping attacking assaulted passed attack trapped electrocuted poisoning someone somebody danger "
    "inconsciente inconsiente desmayado desmayada reacciona respira respirando sobredosis convulsiones convulsionando "
    "convulsiona sangrando desangrando apunalaron apunalado apunalada acuchillaron acuchillado balazo balazos "
    "balacera disparos disparando incendio quemando ahogando ahorcando atropellaron atropellado atropellada "
    "emergencia ambulancia hipotermia peligro auxilio socorro suicidar suicidio cuchillo pistola machete navaja "
    "herido herida despierta asfixiando atragantando infarto golpeando pegando alguien"
)
"""Words whose one-slip misspellings are read as the word: a letter dropped, doubled or swapped with the next,
c/s/z, b/v or ll/y confused, or "-eing" for "-ing" ("unconscous", "sezure", "balaso", "acuchiyaron", "chokeing")."""

TYPO_NOT = (
    "ahogado ahorcado alazo anger breath coking collapse convulsion convulsions desierta disparo downed downing "
    "droned droning electrocute espira flame golpeado heria hooting inconciente kidnaping lames overdoes overdoing "
    "passe pegado pistol punalada quemado rapped reaccion shooing sizing socoro suicida tabbed tabbing tapped"
)
"""One-slip variants that are real English or Spanish words, so never read as a misspelling (found against the
Debian word lists; ``tests/safety`` checks again where a word list is installed)."""

TYPO_SWAPS = "c:s s:c z:s s:z b:v v:b ll:y y:ll ei:iei"
"""Letters residents confuse when spelling by ear, or write both ways at once ("sieizure")."""

TYPOS = "fier:fire fiere:fire smoak:smoke brething:breathing odeed:od atake:ataque corason:corazon"
"""Misspellings of short words, which the one-slip rule leaves alone."""
