"""Word lists and quotation patterns of English news text: one owner for each list.

Lists that look alike but serve different rules carry different names (the pronouns a
quote's speaker may be, and those a participant may be; the verbs that attribute a
quote, and those that report news), so that no two modules hold two values under one
name. Stage-specific grammar (dependency labels, event triggers) stays with its stage.
"""

from __future__ import annotations

import re

# names --------------------------------------------------------------------------------


#: Titles dropped before a person's given names (folded, no dots).
TITLES = frozenset(
    """mr mrs ms dr sir dame president minister king queen prince sheikh general gen
    col lt sgt adm gov sen rep pope emir premier chancellor""".split()
)

#: Forms of address written between an office and the name ("Prime Minister Sir Jane Roe",
#: "President Dr Jane Roe", "Foreign Minister H E Sheikh ..."): the name's, not the office's.
HONORIFICS = frozenset("sir dame dr mr mrs ms lord lady prof hon h e he excellency sheikh".split())

#: Name particles that are not given names ("al-Haddad", "el-Masri").
PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "ar", "at", "an", "az"})

#: Generational suffixes that keep two people apart ("Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

#: Titles whose "of" or "for" names a field of government, not a body: "Minister for
#: Trade and Industry", "Cabinet Secretary for Home Affairs" (folded).
PORTFOLIO_TITLES = frozenset({"minister", "secretary"})

#: Words that, capitalised right before a name, state the person's office (a player's
#: position, "Winger Jane Roe", among them).
ROLE_WORDS = frozenset(
    """president minister secretary leader envoy spokesman spokeswoman spokesperson
    king queen prince princess emir sheikh general commander ambassador chancellor
    senator director head chairman chairwoman chair premier governor mayor
    prosecutor judge adviser advisor chief deputy official diplomat foreign defense
    defence prime vice president-elect colonel admiral marshal lieutenant captain
    pope cardinal imam representative congressman congresswoman lawmaker analyst
    editor founder ceo coach winger fullback flanker halfback quarterback striker
    midfielder goalkeeper playmaker""".split()
)

#: Capitalised words that are never names by themselves (sentence openers, months...).
NOT_NAMES = frozenset(
    """the a an this that these those it he she they we i you his her their our its but
    and or if when while after before as at in on of for to from by with however
    meanwhile today yesterday tomorrow last next monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august
    september october november december west east north south""".split()
)

#: Endings of nationality and creed adjectives ("Ruritanian", "Japanese", "Slavic", "Finnish").
ADJECTIVE_ENDINGS = ("ish", "ese", "ian", "ic")

#: Words inside a name that make it an organisation's ("Bank of X", "X Council").
ORG_HEADS = frozenset(
    """academy agency alliance army association authority bank board bureau center
    centre church club coalition command commission committee company corporation
    council court department division forces foundation front fund group guard house
    institute league legislature ministry movement network office organization
    organisation parliament party program programme press service society union
    university brigade brigades militia battalion state brotherhood jihad policy
    studies sciences fleet embassy consulate presidency federation confederation
    secretariat assembly forum senate congress police tribunal chamber airlines
    airways""".split()
)

#: Last words that make a name an organisation whatever the model says ("Northfield House",
#: "Carrow Endowment"): no person's name ends in them.
ORG_NAME_HEADS = frozenset(
    """academy agency alliance association authority bank board bureau center centre
    coalition commission committee company corporation council foundation fund house
    institute institution league ministry organization organisation party program
    programme society union university endowment""".split()
)

#: Last words of the name of a body within a body, which a known body's name may begin:
#: "the Northland Union Commission", "the Alta Security Council", "the Carrow Forum
#: Secretariat".
BODY_OF_BODY_HEADS = ORG_NAME_HEADS | frozenset(
    "forum secretariat assembly court tribunal parliament".split()
)

#: Words that make a resolved name an organisation's rather than a person's.
ORG_WORDS = frozenset(
    """agency association bank board center centre committee company council court
    department foundation fund group house institute ministry office organization party
    program programme service society union university""".split()
)

#: Last words of armed or political groups' names.
GROUP_HEADS = frozenset(
    {
        "forces",
        "front",
        "brigade",
        "brigades",
        "militia",
        "militias",
        "battalion",
        "battalions",
        "movement",
        "mobilization",
        "guard",
        "jihad",
        "liberation",
        "resistance",
        "state",
    }
)

#: Heads of bodies that a fighting context must not turn into armed groups
#: ("the Regional League condemned the militants").
NON_GROUP_HEADS = frozenset(
    """league union organization organisation nations institute institution university
    bank agency ministry court foundation fund embassy consulate presidency""".split()
)

#: Nouns around a name that make it an armed group.
GROUP_CONTEXT = re.compile(
    r"\b(fighters|militants?|militias?|rebels?|insurgents?|jihadis[tm]s?|guerrillas?|"
    r"armed groups?|terrorists?|terror groups?|extremists?)\b",
    re.IGNORECASE,
)

#: Words around a name that make it a political party or alliance, not an armed group.
PARTY_CONTEXT = re.compile(
    r"\b(part(?:y|ies)|political|opposition|elections?|electoral|votes?|voters|seats?|"
    r"ballots?|polls?|parliamentary|lawmakers|MPs|coalition|alliance|leftist|left-wing|"
    r"right-wing|centrist|conservatives?|socialists?|liberals?)\b",
    re.IGNORECASE,
)

#: Capitalised words that, before a country's name or demonym, make a part of a
#: continent of it ("North American", "Latin American", "West Germanic"): a country's own
#: longer name ("South African", "North Korea") is a pattern of its own, matched first.
COMPASS_WORDS = frozenset(
    "North South East West Central Latin Northern Southern Eastern Western".split()
)

#: Words the model tags as places that name no place.
GENERIC_PLACES = frozenset(
    {"west", "east", "north", "south", "region", "the region", "area", "world", "earth"}
)

#: Last words of the names of documents, laws and meetings, which are no actors: "the
#: Carrow Agreement", "the Northfield Declaration", "the Alta Summit", "the Data
#: Retention Regulation", "an Executive Order", "the Carrow Conference on Alta". Not "bill"
#: or "law", which close given names and schools' names.
HAPPENING_HEADS = frozenset(
    """agreement agreements accord accords treaty pact declaration protocol summit talks
    charter memorandum ceasefire truce conference regulation directive act order""".split()
)

#: Words completing an office's name after "of": "Secretary of State", "Minister of
#: Foreign Affairs".
OFFICE_COMPLEMENTS = frozenset(
    """state defense defence justice health treasury commerce energy interior agriculture
    education labor labour transport transportation homeland security foreign affairs
    finance trade war economy information culture environment""".split()
)
#: Last words of buildings, squares and sites named by their kind: "Northfield Stadium",
#: "Liberty Square", "Hall of the Nation". Bodies that meet in buildings
#: ("Parliament", "Supreme Court") are organisations, not these.
LANDMARK_HEADS = frozenset(
    """stadium square palace hall airport airbase hospital station cathedral mosque temple
    bridge tower arena museum prison hotel plaza monument memorial abbey basilica
    shrine dam depot refinery smelter terminal""".split()
)
#: Nouns for kinds of works and products, which news writes right before a title: "the
#: film Northern Lights", "the app Carrow", "the drug Alteva", "the tanker Alta Star". A
#: title after one names the work, no actor. Not "show" or "play", as often verbs
#: ("results show Alta"); "to book" the rule reading this list tells apart.
WORK_NOUNS = frozenset(
    """film films movie documentary book novel memoir album song series sitcom app drug
    vaccine painting opera ship vessel tanker rocket satellite spacecraft rover probe
    smartphone""".split()
)
#: Acronyms of kinds of things, not of anyone's name: "an NGO", "the LGA", "GDP".
GENERIC_ACRONYMS = frozenset(
    """NGO NGOs LGA LGAs CEO CEOs CFO COO CTO GDP AI IPO MP MPs PM TV HQ ICU PPE DNA FAQ
    VIP IT SUV EV EVs LGBT LGBTQ""".split()
)
#: Words after a town's name that make it a sports club's: "Northfield United",
#: "Carrow Hotspur", "Carrow FC" (folded). Not "City": "Carrow City" is the city itself
#: as Chinese and Philippine news write it.
CLUB_SUFFIXES = frozenset("united hotspur athletic rovers wanderers albion fc afc".split())
#: Words of a sports report: an article holding three of them is about sport, where a
#: town that plays is its club.
SPORT_WORDS = frozenset(
    """league goal goals scored striker midfielder defender goalkeeper coach match
    fixture tournament championship season semi-final quarter-final kick-off penalty
    try tries innings wicket squad stadium""".split()
)
#: A town's name right before one of these, in a sports report, is its club's: "Alta
#: boss Jane Roe", "Carrow's fans", "the Carrow squad".
TEAM_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:boss|coach|manager|captain|striker|midfielder|defender|"
    r"goalkeeper|keeper|fans|supporters|players|squad|victory|win|defeat)\b"
)
#: ... or right after one of these: "beat Carrow", "losing to Alta", "Carrow v Alta".
TEAM_BEFORE = re.compile(
    r"\b(?:beat|beating|defeated|defeating|lost to|losing to|drew with|against|v|vs\.?|"
    r"versus)\s+$"
)
#: Words before a town's name that make it a sports club's: "FC Carrow", "Atletico
#: Northfield", "Inter Carrow" (folded).
CLUB_PREFIXES = frozenset(
    "fc afc cf sc ac atletico athletic real inter sporting olympique dynamo borussia".split()
)
#: Plurals that make no team's nickname ("the Accords", "the Games", "the Heights"):
#: documents, meetings, events and landforms.
NOT_TEAM_PLURALS = frozenset(
    """accords agreements talks games olympics championships papers conventions protocols
    declarations principles heights falls islands springs hills mountains lakes highlands
    lowlands plains keys gardens docks downs fields woods sands flats rocks narrows
    marshes wells towers farms lines pyramids suburbs outskirts times news affairs attacks
    bombings riots protests floods elections trials hearings summits""".split()
)
#: Nouns that continue a place's name as a place ("Northfield Province", "Carrow River").
GEOGRAPHIC_HEADS = frozenset(
    """province region state county city district governorate prefecture island islands
    river valley mountains mountain desert sea bay coast peninsula oblast municipality
    township village town area lake gulf strait canal""".split()
)
#: Heads of administrative areas that a town of the same name stands for on a map
#: ("Northfield City", "Carrow County", "Alta District"): not rivers, seas or valleys.
AREA_KINDS = frozenset(
    """province region state county city district governorate prefecture oblast
    municipality township village town""".split()
)

#: Lower-case nouns for a kind of area that a name before them names ("the Carrow area",
#: "Alta ward", "Northfield square"): the administrative kinds but "state" and "city",
#: which also qualify bodies ("state media", "a heritage city"), and the informal ones;
#: not works and plants, which companies own.
AREA_NOUNS = (AREA_KINDS - {"state", "city"}) | frozenset(
    "area ward neighbourhood neighborhood suburb quarter square valley".split()
)


# pronouns --------------------------------------------------------------------------

#: Pronouns a quote's speaker may be, standing for a person named before ("he said").
SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})

#: Subject pronouns that never stand for a person ("it said": a ministry, a statement).
IMPERSONAL_PRONOUNS = frozenset({"it"})

#: Pronouns that stand for one person as a participant ("met him").
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})

RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})

# speech ----------------------------------------------------------------------------

#: Verbs that attribute a quotation to its speaker: "said" and the other verbs news
#: writing attributes with ("asserted", "emphasised", "tweeted", "conceded", "the
#: ministry reported a toll of five, 'including a soldier'"), and the
#: verbs that frame a partial quote as their subject's words ("accused X of '...'",
#: "described it as '...'", "vowed to '...'", "branded it '...'", "saluted X as '...'");
#: not "call", mostly a phone call here, nor "remind", whose object is told, not quoted.
SPEECH_VERBS = frozenset(
    """say tell add note warn write ask declare insist caution observe state explain
    claim argue stress announce reply respond continue conclude acknowledge admit
    assert affirm emphasise emphasize maintain remark reveal recall tweet comment complain
    concede contend allege predict confirm urge
    accuse describe hail praise condemn denounce apologise apologize criticise
    criticize welcome vow pledge promise demand plead dismiss deplore invite reiterate
    mention assure reassure salute brand label term dub slam blast lament underline
    underscore highlight quip joke retort counter boast recount disclose inform
    express suggest report
    """.split()
)

#: Role words for one who speaks for a body: "a spokesman said", with no name given, is
#: no person the text is about.
SPOKESPERSON_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson"})

#: Documents a body speaks through: "the statement said", "a press release from the
#: ministry reads"; their author is the body that issued them.
DOCUMENT_WORDS = frozenset(
    """statement release communique communiqué declaration letter notice
    announcement""".split()
)

#: Common nouns for a kind of body that "the ... said" refers back to when the text named
#: no body by that word: "the company said" is the organisation the text was last about.
#: Not "group", "party", "state" or "government", which as often mean another body.
BODY_KIND_WORDS = frozenset(
    """company firm airline carrier club union federation association bank agency
    organisation organization""".split()
)

#: Lower-case nouns for a kind of body that news writes right before the body's name,
#: which the name then is, whatever it looks like: "mining company Carrow", "French daily
#: Le Nord", "parliamentary group ALT", "Danish shipping giant Northwind". Plurals
#: introduce a list ("oil firms Alta and Bravo"), whose first name they give.
NAMED_BODY_KINDS = frozenset(
    """company companies firm firms group groups giant giants carrier airline airlines
    bank banks lender insurer miner maker producer retailer operator startup
    conglomerate broadcaster newspaper daily weekly tabloid magazine outlet channel
    network website agency party union federation association""".split()
)

#: Bodies through which a country speaks: "Northland's foreign ministry said", "the
#: Chilean government said" make the country the speaker (not "the Egyptian
#: presidency", an office of its own).
GOVERNMENT_BODIES = frozenset({"government", "ministry"})

#: Verbs that report speech: their subject is the source of the news ("the ministry
#: said X met Y"), not a party to what it reports.
REPORTING_VERBS = frozenset(
    """say tell announce report state add claim note confirm insist explain write
    declare disclose reveal indicate""".split()
)

#: A quotation worth keeping: 12 characters or more between quotation marks.
QUOTATION_RE = re.compile(r"[“\"]([^“”\"]{12,}?)[”\"]")

#: A quotation opened and left open at the end of a paragraph: news writing opens each
#: paragraph of a quotation that runs over several and closes only the last one.
OPEN_QUOTATION_RE = re.compile(r"(?:^|(?<=[\s(:—–-]))[“\"](?=\S)([^“”\"]{12,})$")

#: Any quoted span, which events and relations do not read inside.
QUOTED_SPAN_RE = re.compile(r"[“\"][^“”\"]*[”\"]")

# entity labels ---------------------------------------------------------------------

#: Our labels of places (set by the gazetteer component).
PLACE_LABELS = frozenset({"PLACE", "COUNTRY"})

#: Labels that may name a place: ours and the model's.
MODEL_PLACE_LABELS = PLACE_LABELS | {"NORP", "GPE", "LOC"}

#: Time zones by their abbreviations, as news writes them after an hour ("0618 GMT").
TIME_ZONE_ACRONYMS = frozenset(
    """GMT UTC EST EDT CST CDT MST MDT PST PDT AKST HST BST CET CEST EET EEST WET MSK IST
    PKT JST KST AEST AEDT ACST AWST NZST NZDT WIB WITA HKT SGT WAT EAT CAT SAST""".split()
)

#: English function words of four letters or more (NLTK's English stopword list,
#: ``nltk_data/corpora/stopwords/english``): words a headline and its lead share by
#: chance, not by subject.
FUNCTION_WORDS = frozenset(
    "about above after again against because been before being below between both does "
    "doing down during each from further have having here hers herself himself into "
    "itself just more most myself once only other ours ourselves over same should some "
    "such than that their theirs them themselves then there these they this those through "
    "under until very were what when where which while whom will with your yours yourself "
    "yourselves".split()
)
