"""Synthetic people, places and events for the demo and the tests: never real personal data.

Seeded, so the same seed gives the same population. Every identifier is made so that it
cannot belong to anyone:

- telephone numbers come from Ofcom's drama range, 07700 900000 to 07700 900999;
- e-mail addresses are at `example.org` (RFC 2606, reserved for documentation);
- National Insurance numbers use prefixes HMRC never allocates (BG, GB, KN, NK, NT, TN, ZZ);
- addresses are random points inside a real LSOA's polygon, with no house, street or postcode.

Names are drawn from lists of common first names and surnames, so a synthetic person can share
a name with a real one, as any two people can; nothing else about them is real.
`near_duplicate` makes the kind of second record agencies create for the same person (a typo,
a nickname, a transposed date of birth) so duplicate suggestions can be measured.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cspkit.geography.tables import Geography

UNALLOCATED_NI_PREFIXES = ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ")
DRAMA_PHONE_PREFIX = "07700 900"

GIVEN_NAMES = (
    "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar", "William",
    "James", "Leo", "Alfie", "Henry", "Joshua", "Freddie", "Archie", "Ethan", "Isaac", "Alexander",
    "Joseph", "Edward", "Samuel", "Max", "Daniel", "Arthur", "Lucas", "Mohammed", "Logan", "Theo",
    "Olivia", "Amelia", "Isla", "Ava", "Emily", "Isabella", "Mia", "Poppy", "Ella", "Lily",
    "Jessica", "Sophie", "Grace", "Evie", "Sophia", "Ruby", "Charlotte", "Freya", "Daisy", "Chloe",
    "Katherine", "Elizabeth", "Margaret", "Rebecca", "Victoria", "Jennifer", "Michael", "Robert",
    "Christopher", "Matthew", "Anthony", "Nicholas", "Benjamin", "Stephen", "Patrick", "Rachel",
    "Hannah", "Lauren", "Amira", "Priya", "Aisha", "Zara", "Kwame", "Tomasz", "Agnieszka", "Dylan",
)  # fmt: skip
FAMILY_NAMES = (
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
    "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
    "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
    "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
    "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
    "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
    "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh",
    "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ahmed",
    "Kowalski", "Nowak", "Okafor", "Mensah", "Hussain", "Ali", "Rahman", "Osei", "Campbell", "Stewart",
)  # fmt: skip
NICKNAMES = {
    "Katherine": "Kate", "Elizabeth": "Liz", "Margaret": "Maggie", "Rebecca": "Becky", "Victoria": "Vicky",
    "Jennifer": "Jenny", "Michael": "Mike", "Robert": "Rob", "Christopher": "Chris", "Matthew": "Matt",
    "Anthony": "Tony", "Nicholas": "Nick", "Benjamin": "Ben", "Stephen": "Steve", "Patrick": "Pat",
    "Thomas": "Tom", "William": "Will", "James": "Jim", "Alexander": "Alex", "Joseph": "Joe",
    "Edward": "Ed", "Samuel": "Sam", "Daniel": "Dan", "Joshua": "Josh", "Charlotte": "Lottie",
    "Jessica": "Jess", "Isabella": "Bella", "Sophia": "Sophie", "Oliver": "Ollie", "Frederick": "Freddie",
}  # fmt: skip
SEXES = ("female", "male")
ETHNICITIES = (
    "White British", "White Irish", "White other", "Mixed", "Asian or Asian British: Indian",
    "Asian or Asian British: Pakistani", "Asian or Asian British: Bangladeshi", "Black or Black British: African",
    "Black or Black British: Caribbean", "Chinese", "Other ethnic group", "Not stated",
)  # fmt: skip
HEALTH_NOTES = (
    "Registered with a GP; no health needs recorded.",
    "Receives support for low mood through the GP.",
    "Uses a wheelchair outdoors.",
    "In treatment with the drug and alcohol service.",
    "Hearing impairment: prefers written contact.",
    "Diabetic; carries medication.",
)

# (kind, classification, sentence): what agencies record about people in partnership case work.
EVENT_KINDS: tuple[tuple[str, str, str], ...] = (
    ("domestic abuse incident", "safeguarding", "Police attended a report of a verbal argument; no injuries seen."),
    ("domestic abuse incident", "safeguarding", "Neighbour called about shouting; officers spoke to both parties."),
    ("anti-social behaviour", "offence", "Reported for noise and shouting in the street late at night."),
    ("anti-social behaviour", "offence", "Seen with a group damaging bus shelter glass."),
    ("criminal damage", "offence", "Damage to a car window reported outside the address."),
    ("theft", "offence", "Shoplifting reported by a store on the high street."),
    ("welfare concern", "safeguarding", "School raised a concern about attendance and welfare."),
    ("missing from home", "safeguarding", "Reported missing overnight; found safe the next morning."),
    ("fire safety visit", "safeguarding", "Home fire safety check; smoke alarms fitted."),
    ("tenancy warning", "offence", "Housing officer issued a written warning about behaviour."),
)


@dataclass(frozen=True)
class SyntheticPerson:
    key: int  # stable within one generated population
    given_name: str
    family_name: str
    date_of_birth: date
    sex: str
    phone: str
    email: str
    ni_number: str
    ethnicity: str
    health_note: str
    lsoa21: str
    lon: float
    lat: float

    @property
    def address(self) -> str:
        return f"Synthetic address {self.key % 200 + 1} in {self.lsoa21} (no postcode)"


@dataclass(frozen=True)
class SyntheticEvent:
    person_keys: tuple[int, ...]
    on: date
    kind: str
    classification: str
    description: str
    lsoa21: str
    lon: float
    lat: float


def phone(rng: random.Random) -> str:
    return f"{DRAMA_PHONE_PREFIX}{rng.randrange(1000):03d}"


def ni_number(rng: random.Random) -> str:
    digits = "".join(str(rng.randrange(10)) for _ in range(6))
    return f"{rng.choice(UNALLOCATED_NI_PREFIXES)}{digits}{rng.choice('ABCD')}"


def email(rng: random.Random, given: str, family: str) -> str:
    return f"{given.lower()}.{family.lower()}{rng.randrange(100)}@example.org"


def point_in(geo: Geography, lsoa21: str, rng: random.Random) -> tuple[float, float]:
    """A uniformly random point inside the LSOA's polygon, as (lon, lat) to 5 decimal places."""
    import shapely

    from cspkit.geography.tables import from_bng

    polygon = geo.lsoa21_shapes.geometries[geo.lsoa21_shapes.codes.index(lsoa21)]
    shapely.prepare(polygon)
    west, south, east, north = polygon.bounds
    for _ in range(500):
        x, y = rng.uniform(west, east), rng.uniform(south, north)
        if polygon.contains(shapely.Point(x, y)):
            break
    else:  # a very thin polygon: its own inner point
        inner = shapely.point_on_surface(polygon)
        x, y = inner.x, inner.y
    lon, lat = from_bng().transform(x, y)
    return round(float(lon), 5), round(float(lat), 5)


def people(geo: Geography, lsoas: Sequence[str], count: int, seed: int) -> list[SyntheticPerson]:
    """`count` synthetic people living at random points in `lsoas`."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    made = []
    for key in range(count):
        given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 58))
        lsoa = rng.choice(list(lsoas))
        lon, lat = point_in(geo, lsoa, rng)
        made.append(
            SyntheticPerson(
                key=key,
                given_name=given,
                family_name=family,
                date_of_birth=born,
                sex=rng.choice(SEXES),
                phone=phone(rng),
                email=email(rng, given, family),
                ni_number=ni_number(rng),
                ethnicity=rng.choice(ETHNICITIES),
                health_note=rng.choice(HEALTH_NOTES),
                lsoa21=lsoa,
                lon=lon,
                lat=lat,
            )
        )
    return made


def events(geo: Geography, population: Sequence[SyntheticPerson], count: int, seed: int) -> list[SyntheticEvent]:
    """`count` events in the last two years, each about one person or two, near where they live."""
    rng = random.Random(seed)  # noqa: S311
    made = []
    for _ in range(count):
        first = rng.choice(list(population))
        involved = (first.key,) if rng.random() < 0.7 else (first.key, rng.choice(list(population)).key)
        kind, classification, sentence = rng.choice(EVENT_KINDS)
        lon, lat = point_in(geo, first.lsoa21, rng)
        made.append(
            SyntheticEvent(
                person_keys=tuple(dict.fromkeys(involved)),
                on=date(2024, 11, 1) + timedelta(days=rng.randrange(730)),
                kind=kind,
                classification=classification,
                description=sentence,
                lsoa21=first.lsoa21,
                lon=lon,
                lat=lat,
            )
        )
    return made


def _typo(word: str, rng: random.Random) -> str:
    """One keying slip: a letter dropped, doubled, swapped with its neighbour or mistyped."""
    if len(word) < 3:
        return word + word[-1]
    at = rng.randrange(1, len(word) - 1)
    slip = rng.choice(("drop", "double", "swap", "wrong"))
    if slip == "drop":
        return word[:at] + word[at + 1 :]
    if slip == "double":
        return word[:at] + word[at] + word[at:]
    if slip == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + rng.choice("aeioulnrst") + word[at + 1 :]


def _transposed(born: date, rng: random.Random) -> date:
    """Day and month swapped where both could be either, else two digits of the year swapped."""
    if born.day <= 12 and born.day != born.month and rng.random() < 0.6:
        return date(born.year, born.day, born.month)
    year = str(born.year)
    swapped = int(year[:2] + year[3] + year[2])
    try:
        return born.replace(year=swapped if 1900 <= swapped <= 2025 and swapped != born.year else born.year - 1)
    except ValueError:  # 29 February
        return born.replace(day=28, year=born.year - 1)


def near_duplicate(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson:
    """The same person as another agency might key them: one or two slips, contact details differing."""
    changes = rng.sample(("family", "given", "born", "contact"), k=rng.choice((1, 2)))
    made = person
    if "family" in changes:
        made = replace(made, family_name=_typo(made.family_name, rng))
    if "given" in changes:
        nickname = NICKNAMES.get(made.given_name)
        made = replace(made, given_name=nickname if nickname and rng.random() < 0.5 else _typo(made.given_name, rng))
    if "born" in changes:
        made = replace(made, date_of_birth=_transposed(made.date_of_birth, rng))
    if "contact" in changes or rng.random() < 0.5:
        made = replace(made, phone=phone(rng), email=email(rng, made.given_name, made.family_name))
    return replace(made, ni_number="" if rng.random() < 0.5 else made.ni_number)
