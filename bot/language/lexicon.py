"""The language detector's word lists: what residents text, with how strongly each word says Spanish or English.

Weights are Spanish-over-English log-odds (positive: Spanish). Neutral words (street names, car makes,
"ok") carry no evidence at all.
"""

from __future__ import annotations

from bot.language.text import wordset

# Words are lowercase and without accents (accents score separately). Weights are
# Spanish-over-English log-odds: 2.5 for words only one language uses, 1.5 for common words
# that lean clearly one way, below 1.0 for words both languages share.


def _weighted(weight: float, words: str) -> dict[str, float]:
    """Give every word of a space-separated list the same weight."""
    return dict.fromkeys(wordset(words), weight)


WORDS: dict[str, float] = {
    **_weighted(
        2.5,
        "hola gracias ayuda ayudar ayudenme ayudeme ayudame necesito necesita necesitamos "
        "quiero queremos quisiera hay calle calles carro carros troca trocas camioneta "
        "basura reporte reportes reportar reporto bache baches banqueta banquetas acera "
        "esquina donde cuando cuanto cuantos cuanta porque porq xq porfa porfavor porfis "
        "favor buenos buenas dias tardes noches senor senora vecino vecina vecinos casa "
        "tengo tiene tienen tenemos estan estoy estamos puede pueden puedo podemos podria "
        "abandonado abandonada abandonados estacionado estacionada estacionados campamento "
        "carpas carpa gente parque escuela luz semaforo arbol agua fuga vidrios nadie "
        "todavia tambien aqui ahi alli alla muy mucho mucha muchos muchas pero entiendo "
        "hablar hablo agente cancelar cancela cancelen estado estatus foto fotos mande "
        "mando mandar manana anoche ayer hoy semana semanas mes meses hace desde hasta "
        "sigue siguen quitar quiten quitaron recoger recogieron recojan tiraron dejaron "
        "pintaron rayaron enfrente cerca atras noreste sureste noroeste suroeste direccion "
        "numero placas placa rojo roja blanco blanca negro negra azul pregunta queja listo "
        "claro dale bueno perfecto igualmente nada adios disculpe disculpa perdon molestia "
        "siento tarda tiempo vinieron venido usted ustedes nosotros ellos ahora luego "
        "despues otra otro mismo misma todo toda todos todas eso esto este ese esa aja "
        "nunca siempre arreglaron arreglar funciona sirve cayo rota roto sucio lleno llena "
        "adentro afuera viviendo acampando durmiendo tirada tirado colchon muebles sillon "
        "llanta llantas pared muro puente callejon negocio tienda ciclovia jeringas que "
        "pues ahorita kiero nesesito avandonado oiga digame una unos unas los para mas "
        "sobre entre menos grafiti orale andale",
    ),
    **_weighted(
        1.5,
        "mi mis su sus el la un del de en con por y lo le les se es sin como si tu yo "
        "ai ke q dnd bien mal van fue dia noche tarde frente gris verde solo sabe",
    ),
    **_weighted(0.8, "ya al o ni son x tb"),
    **_weighted(
        -2.5,
        "hi hello hey yes yeah yep yea yup nope thanks thank thx tysm please pls plz help "
        "need want report reporting reported the is are was were there theres there's it "
        "it's its this that thats that's what whats what's where wheres when how who why "
        "my our your you i'm i've don't dont can't cant won't wont didn't didnt doesn't "
        "doesnt isn't isnt wasn't wasnt haven't havent hasnt would could should have been "
        "still with from of and not they them she someone somebody nobody anyone people "
        "street house sidewalk trash garbage abandoned parked homeless pothole behind "
        "across goodbye know very yesterday tonight because which idk gonna wanna gotta",
    ),
    **_weighted(
        -2.0,
        "ty i im ive u ur we on at to for by be has had did get got can will just also "
        "too all any some here now today morning night ago week weeks month months day "
        "days car cars truck road block home yard alley tagged tagging tents tent camp "
        "campsite light streetlight tree dumped dumping mattress couch update cancel "
        "agent person human representative picture sent send address near corner front "
        "next sure great awesome sorry good right wrong same first again about around "
        "blocking broken water leaking needles school library appreciate understand "
        "speak talk more yet but than then while really like says said see came going "
        "gone left take took look looks make many much every everywhere other side nvm "
        "btw tho",
    ),
    **_weighted(
        -1.5,
        "in an or he us do one am if so go lot lots out down up off new old big bye cool "
        "perfect correct photo pic pics camping asap omg",
    ),
    **_weighted(-1.0, "park status come"),
    **_weighted(-0.5, "graffiti r"),
}

PHRASES: dict[str, float] = {
    "no entiendo": 4.5,
    "no le entiendo": 4.5,
    "no entiendo nada": 4.5,
    "no comprendo": 4.5,
    "i don't understand": -4.5,
    "i dont understand": -4.5,
    "don't understand": -4.5,
    "dont understand": -4.5,
    "do not understand": -4.5,
    "muchas gracias": 2.5,
    "mil gracias": 2.5,
    "por favor": 2.5,
    "de nada": 2.5,
    "buenos dias": 2.5,
    "buen dia": 2.5,
    "buenas tardes": 2.5,
    "buenas noches": 2.5,
    "no se": 2.5,
    "thank you": -2.5,
    "thank u": -2.5,
    "good morning": -2.5,
    "good afternoon": -2.5,
    "good night": -2.5,
    "no problem": -2.5,
}

NEUTRAL = wordset(
    "ok okay okey oki oky k kk kay no me a lol lmao haha hahaha jaja jajaja jeje hmm mmm "
    "hm huh xd stop menu taco tacos plaza pdx portland oregon n s e w ne nw sw st ave "
    "blvd rd dr ln ct hwy pkwy pl rv suv tv atm max trimet division foster stark powell "
    "sandy burnside glisan hawthorne belmont lombard killingsworth alberta williams mlk "
    "broadway holgate woodstock halsey columbia marine interstate macadam barbur "
    "gladstone flavel bybee milwaukie sellwood lents gateway parkrose cully montavilla "
    "gresham beaverton tigard clackamas vancouver springwater honda civic accord toyota "
    "camry corolla prius tacoma ford focus fusion chevy chevrolet silverado nissan "
    "altima sentra subaru outback forester jeep tesla bmw kia hyundai mazda dodge ram "
    "gmc vw volkswagen jetta lexus acura audi volvo buick safeway walmart target costco "
    "winco fred meyer albertsons goodwill starbucks mcdonalds"
)

DIRECTIONS = wordset("n s e w ne nw se sw")

#: The words that frame a sentence (articles, prepositions, pronouns, auxiliaries, verbs of asking). A resident
#: who mixes languages borrows nouns ("un homeless camp", "2 tents y un monton de trash") but frames the sentence
#: in the language they think in; words both languages spell alike ("a", "me", "no") are left out.
SPANISH_FRAME = wordset(
    "un una unos unas el la los las del al de en y que con por para pero porque hay es esta estan son mi mis su "
    "sus se lo le les nos muy como donde cuando necesito quiero tengo puede pueden hace ya"
)
ENGLISH_FRAME = wordset(
    "the an of in on and that with for there is are was were my your it its i im we they she this to at by from "
    "but because how where when need want have has can could been just"
)
