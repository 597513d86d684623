"""Small word lists the drafter reads names by: the words around a name that say what it is.

They are cues, not knowledge: "physicist Max Planck" says a person and a category, "the Treaty
of Shimonoseki" a document, "Lake Baikal" a lake. Every guess made from them is marked in the
draft for the author to check.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles written before a person's name; the title becomes the category ("president").
PERSON_TITLES = _words(
    "President Premier Chancellor King Queen Emperor Empress Tsar Czar Tsarina Kaiser Sultan Shah "
    "Pharaoh Pope Cardinal Archbishop Bishop Sir Dame Lord Lady Prince Princess Duke "
    "Duchess Count Countess Baron General Admiral Marshal Colonel Captain Commander Lieutenant "
    "Major Sergeant Governor Senator Mayor Minister Ambassador Consul Chairman Secretary Judge "
    "Justice Dr. Dr Doctor Professor Prof. Mr. Mr Mrs. Mrs Ms. Ms Rev. Reverend"
)
TWO_WORD_TITLES = frozenset(
    {
        ("Prime", "Minister"),
        ("Foreign", "Minister"),
        ("Vice", "President"),
        ("Chief", "Justice"),
        ("General", "Secretary"),
        ("Crown", "Prince"),
    }
)

# Nouns that say what a person is when written just before or after the name.
PERSON_ROLES = _words(
    "physicist chemist biologist botanist zoologist geologist astronomer mathematician scientist "
    "naturalist physician doctor surgeon nurse engineer inventor architect explorer navigator "
    "painter sculptor artist illustrator photographer composer conductor pianist violinist singer "
    "musician dancer choreographer actor actress director playwright dramatist poet novelist writer "
    "author essayist critic journalist editor publisher historian philosopher theologian economist "
    "sociologist psychologist linguist scholar teacher professor student pupil apprentice "
    "king queen emperor empress prince princess tsar sultan pope bishop priest monk missionary "
    "president premier chancellor minister diplomat ambassador envoy consul governor mayor senator "
    "politician statesman leader chairman founder secretary spokesman spokeswoman spokesperson "
    "representative official officer general admiral commander captain colonel soldier pilot "
    "astronaut cosmonaut merchant banker industrialist businessman entrepreneur lawyer judge "
    "son daughter wife husband brother sister father mother widow heir patron rival friend"
)

# Nouns for ships, written before the name ("the tanker Tuapse").
SHIP_WORDS = _words(
    "ship vessel tanker steamer steamship frigate cruiser destroyer submarine schooner yacht liner"
)

# The last word of a name that says it is a document, an organisation, a place or an event.
DOCUMENT_HEADS = _words(
    "Treaty Act Agreement Convention Declaration Constitution Charter Protocol Accord Accords Pact "
    "Resolution Communiqué Manifesto Bill Code Statute Edict Decree Proclamation Report Doctrine"
)
ORGANIZATION_HEADS = _words(
    "University College Institute Institution Academy Society Company Corporation Party Ministry "
    "Department Council Committee Commission Agency Bank Association Federation League Foundation "
    "Museum Library Gallery Army Navy Court Parliament Congress Senate Assembly Office Bureau Service "
    "Organization Organisation Group Inc. Ltd. Church School Hospital Observatory Laboratory Orchestra "
    "Opera Theatre Theater Press Times Post Herald Gazette Journal Review Club Union Trust Guild Order Salon "
    "Conservatory Conservatoire Studio Studios Records Airlines Railway Railways Nations Gallery Galerie "
    "Fondation Foundation Proceedings Tribune"
)
PLACE_HEADS = {
    "River": "river",
    "Lake": "lake",
    "Sea": "sea",
    "Ocean": "ocean",
    "Bay": "bay",
    "Gulf": "gulf",
    "Strait": "strait",
    "Straits": "strait",
    "Channel": "channel",
    "Island": "island",
    "Islands": "island group",
    "Isle": "island",
    "Mountain": "mountain",
    "Mountains": "mountain range",
    "Range": "mountain range",
    "Hills": "hills",
    "Peninsula": "peninsula",
    "Valley": "valley",
    "Desert": "desert",
    "Forest": "forest",
    "Park": "park",
    "Canal": "canal",
    "Falls": "waterfall",
    "Glacier": "glacier",
    "Volcano": "volcano",
    "Basin": "basin",
    "Plateau": "plateau",
    "Delta": "delta",
    "Coast": "coast",
    "Province": "province",
    "County": "county",
    "Region": "region",
    "District": "district",
    "Street": "street",
    "Square": "square",
    "Bridge": "bridge",
    "Station": "station",
    "Harbour": "harbour",
    "Harbor": "harbor",
    "Cathedral": "cathedral",
    "Palace": "palace",
    "Castle": "castle",
    "Tower": "tower",
    "Abbey": "abbey",
}
PLACE_LEADS = {
    "Lake": "lake",
    "Mount": "mountain",
    "Mt.": "mountain",
    "Cape": "cape",
    "Fort": "fort",
    "Port": "port",
}
EVENT_HEADS = _words(
    "War Revolution Battle Siege Crisis Olympics Games Conference Summit Expedition Rebellion Uprising "
    "Massacre Election Exhibition Exposition Festival Campaign Reformation Renaissance Incident Affair "
    "Plague Famine Earthquake Blockade Invasion Offensive Mutiny Strike Riots"
)

# "the city of X", "the river X": a common noun before a name that says what the place is.
PLACE_NOUNS = _words(
    "city town village capital port island river lake sea mountain province region state county "
    "district country kingdom empire republic colony territory peninsula valley"
)

# Prepositions after which a bare name is most often a place.
PLACE_PREPOSITIONS = _words("in at near from to into across via through towards toward outside inside off")

# Words joining the parts of one name ("Treaty of Shimonoseki", "Ludwig van Beethoven").
NAME_JOINERS = _words("of the de da del della der den van von la le du des y al bin ibn for on upon")

MONTHS_AND_DAYS = _words(
    "January February March April May June July August September October November December "
    "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)

# Short, common words that start sentences with a capital but are never names.
FUNCTION_WORDS = _words(
    "A An The This That These Those It Its He She His Her They Their Them We Our I You In On At By "
    "For From To Of With Without After Before During Since Until While When Where Which Who Whom "
    "Whose What Why How As Although Though However But And Or Nor So Yet Also Then Thus Therefore "
    "Meanwhile Later Earlier Today Now There Here Some Many Most Several Both Each Every All Any No "
    "Not Only One Two Three Four Five Six Seven Eight Nine Ten First Second Third Last Next Other "
    "Another Such Despite Because If Unlike Like Among Between Following According Under Over About "
    "Around Against Along Upon Within Throughout Into Once Instead Moreover Furthermore Nevertheless"
)

# Verbs that, right after a name, say the name is a person's.
PERSON_VERBS = _words(
    "said says wrote writes argued believed married died born painted composed discovered "
    "invented founded studied taught worked lived travelled traveled returned claimed described "
    "proposed published designed commanded led ruled reigned served won lost met visited"
)

# Sovereign states and a few other names of countries, as English texts write them.
COUNTRIES = frozenset(
    line.strip()
    for line in [
        "",
        "Afghanistan",
        "Albania",
        "Algeria",
        "Andorra",
        "Angola",
        "Argentina",
        "Armenia",
        "Australia",
        "Austria",
        "Austria-Hungary",
        "Azerbaijan",
        "Bahamas",
        "Bahrain",
        "Bangladesh",
        "Barbados",
        "Belarus",
        "Belgium",
        "Belize",
        "Benin",
        "Bhutan",
        "Bolivia",
        "Bosnia and Herzegovina",
        "Botswana",
        "Brazil",
        "Brunei",
        "Bulgaria",
        "Burkina Faso",
        "Burma",
        "Burundi",
        "Cambodia",
        "Cameroon",
        "Canada",
        "Chad",
        "Chile",
        "China",
        "Colombia",
        "Comoros",
        "Congo",
        "Costa Rica",
        "Croatia",
        "Cuba",
        "Cyprus",
        "Czechia",
        "Czech Republic",
        "Czechoslovakia",
        "Denmark",
        "Djibouti",
        "Dominica",
        "Dominican Republic",
        "East Germany",
        "East Timor",
        "Ecuador",
        "Egypt",
        "El Salvador",
        "England",
        "Eritrea",
        "Estonia",
        "Eswatini",
        "Ethiopia",
        "Fiji",
        "Finland",
        "France",
        "Gabon",
        "Gambia",
        "Georgia",
        "Germany",
        "Ghana",
        "Great Britain",
        "Greece",
        "Grenada",
        "Guatemala",
        "Guinea",
        "Guyana",
        "Haiti",
        "Honduras",
        "Hungary",
        "Iceland",
        "India",
        "Indonesia",
        "Iran",
        "Iraq",
        "Ireland",
        "Israel",
        "Italy",
        "Ivory Coast",
        "Jamaica",
        "Japan",
        "Jordan",
        "Kazakhstan",
        "Kenya",
        "Kiribati",
        "Korea",
        "Kosovo",
        "Kuwait",
        "Kyrgyzstan",
        "Laos",
        "Latvia",
        "Lebanon",
        "Lesotho",
        "Liberia",
        "Libya",
        "Liechtenstein",
        "Lithuania",
        "Luxembourg",
        "Madagascar",
        "Malawi",
        "Malaysia",
        "Maldives",
        "Mali",
        "Malta",
        "Mauritania",
        "Mauritius",
        "Mexico",
        "Moldova",
        "Monaco",
        "Mongolia",
        "Montenegro",
        "Morocco",
        "Mozambique",
        "Myanmar",
        "Namibia",
        "Nauru",
        "Nepal",
        "Netherlands",
        "New Zealand",
        "Nicaragua",
        "Niger",
        "Nigeria",
        "North Korea",
        "North Macedonia",
        "Norway",
        "Oman",
        "Pakistan",
        "Palau",
        "Palestine",
        "Panama",
        "Papua New Guinea",
        "Paraguay",
        "Persia",
        "Peru",
        "Philippines",
        "Poland",
        "Portugal",
        "Prussia",
        "Qatar",
        "Romania",
        "Russia",
        "Russian Federation",
        "Republic of China",
        "People's Republic of China",
        "Rwanda",
        "Samoa",
        "San Marino",
        "Saudi Arabia",
        "Scotland",
        "Senegal",
        "Serbia",
        "Seychelles",
        "Siam",
        "Sierra Leone",
        "Singapore",
        "Slovakia",
        "Slovenia",
        "Somalia",
        "South Africa",
        "South Korea",
        "South Sudan",
        "Soviet Union",
        "Spain",
        "Sri Lanka",
        "Sudan",
        "Suriname",
        "Sweden",
        "Switzerland",
        "Syria",
        "Taiwan",
        "Tajikistan",
        "Tanzania",
        "Thailand",
        "Togo",
        "Tonga",
        "Trinidad and Tobago",
        "Tunisia",
        "Turkey",
        "Turkmenistan",
        "Tuvalu",
        "Uganda",
        "Ukraine",
        "United Arab Emirates",
        "United Kingdom",
        "United States",
        "Uruguay",
        "USSR",
        "Uzbekistan",
        "Vanuatu",
        "Vatican City",
        "Venezuela",
        "Vietnam",
        "Wales",
        "West Germany",
        "Yemen",
        "Yugoslavia",
        "Zambia",
        "Zimbabwe",
        "",
    ]
    if line.strip()
)


# Chemical elements with names no other common word shares (iron, gold, lead and tin are left out:
# too often they are the everyday word).
CHEMICAL_ELEMENTS = _words(
    "hydrogen helium lithium beryllium boron nitrogen oxygen fluorine neon sodium magnesium aluminium "
    "aluminum silicon phosphorus sulfur sulphur chlorine argon potassium calcium scandium titanium vanadium "
    "chromium manganese cobalt nickel zinc gallium germanium arsenic selenium bromine krypton rubidium "
    "strontium yttrium zirconium niobium molybdenum technetium ruthenium rhodium palladium cadmium indium "
    "antimony tellurium iodine xenon caesium cesium barium lanthanum cerium praseodymium neodymium "
    "promethium samarium europium gadolinium terbium dysprosium holmium erbium thulium ytterbium lutetium "
    "hafnium tantalum tungsten rhenium osmium iridium platinum thallium bismuth polonium astatine radon "
    "francium radium actinium thorium protactinium uranium neptunium plutonium americium curium berkelium "
    "californium einsteinium fermium mendelevium nobelium lawrencium"
)

# Organisations by the last word of their name, and the category a question can ask for.
ORGANIZATION_CATEGORIES = {
    "University": "university",
    "College": "college",
    "Institute": "institute",
    "Academy": "academy",
    "Society": "society",
    "Company": "company",
    "Corporation": "company",
    "Party": "political party",
    "Ministry": "ministry",
    "Council": "council",
    "Committee": "committee",
    "Commission": "commission",
    "Agency": "agency",
    "Bank": "bank",
    "Museum": "museum",
    "Library": "library",
    "Gallery": "gallery",
    "Galerie": "gallery",
    "Army": "army",
    "Navy": "navy",
    "Court": "court",
    "Parliament": "parliament",
    "Orchestra": "orchestra",
    "Times": "newspaper",
    "Post": "newspaper",
    "Herald": "newspaper",
    "Gazette": "newspaper",
    "Tribune": "newspaper",
    "Journal": "newspaper or journal",
    "Review": "journal",
    "Salon": "exhibition",
    "Observatory": "observatory",
    "Laboratory": "laboratory",
    "Church": "church",
    "School": "school",
    "Hospital": "hospital",
    "Foundation": "foundation",
    "Fondation": "foundation",
}
