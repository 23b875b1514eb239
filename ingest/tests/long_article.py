"""A long invented article for the load tests: seeded, varied sentences about countries,
systems, sums, dates and quotes, written here (not taken from any article), as many words
as asked for."""
import random

COUNTRIES = ["Turkey", "India", "China", "Egypt", "Algeria", "Belarus", "Saudi Arabia", "Qatar", "Iran", "Vietnam"]
SYSTEMS = ["S-400", "S-300", "Triumf", "Patriot", "S-500", "Pantsir"]
MONTHS = ["January", "March", "April", "June", "August", "October", "November", "December"]
PEOPLE = ["Ivan Petrovsky", "Lena Marwood", "Omar Castell", "Dara Quill", "Pavel Ostrin"]
ROLES = ["a deputy minister", "an industry spokesman", "a regional analyst", "a senior officer"]

TEMPLATES = [
    "{a} and {b} discussed a possible purchase of {sys} batteries in {month} {year}.",
    "Officials in {a} said the {sys} contract was worth ${sum} billion.",
    "{b} expects the first {n} {sys} divisions to arrive by {month} {year}, according to local press.",
    "“We will not change our plans for the {sys},” said {person}, {role}.",
    "Analysts doubted that {a} could pay ${sum} million for spare parts before {year}.",
    "In {month} {year} a delegation from {a} visited a test range to watch a {sys} launch.",
    "{person}, {role}, told reporters on Tuesday that {b} had asked about {n} launchers.",
    "The parliament of {b} approved a budget line of ${sum} billion for air defence in {year}.",
    "Critics in {a} warned of sanctions if the {sys} deal went ahead.",
    "Training of {n} crews from {b} began in {month} {year}.",
]


def long_article(words: int, *, seed: int = 400) -> str:
    """An article of at least ``words`` words, in paragraphs of five sentences."""
    rng = random.Random(seed)
    sentences, count = [], 0
    while count < words:
        sentence = rng.choice(TEMPLATES).format(
            a=rng.choice(COUNTRIES), b=rng.choice(COUNTRIES), sys=rng.choice(SYSTEMS),
            month=rng.choice(MONTHS), year=rng.randint(2007, 2024), sum=f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
            n=rng.randint(2, 12), person=rng.choice(PEOPLE), role=rng.choice(ROLES),
        )
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return "Long test article on air defence sales\n" + "\n".join(paragraphs)
