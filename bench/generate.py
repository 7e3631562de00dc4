"""Generate a deterministic synthetic graph in the PACTESUR ontology, for benchmarks.

    python bench/generate.py --triples 1000000 --seed 1 --out bench/out/synthetic-1m.nt

Cities are drawn with a Zipf distribution (a few big cities have most incidents),
labels are multilingual, some optional fields are missing. Resources use the project's
threat and measure concepts, so the project's queries run unchanged over them. Types
are written as the build's inference would give them (specific class and its parents).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

PAC = "https://w3id.org/pactesur/ontology#"
RES = "https://w3id.org/pactesur/resource/"
CONCEPT = "https://w3id.org/pactesur/concept/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SOURCE = "http://purl.org/dc/terms/source"
XSD = "http://www.w3.org/2001/XMLSchema#"
GEO = "http://www.opengis.net/ont/geosparql#"

THREATS = [
    "vehicle-as-weapon",
    "penetrative-vehicle-attack",
    "encroachment-vehicle-attack",
    "bladed-weapon-attack",
    "firearms-attack",
    "marauding-terrorist-attack",
    "ied",
    "pbied",
    "vbied",
    "arson",
    "hostage-taking",
    "crowd-crush",
    "non-terrorist-vehicle-rampage",
    "public-disorder",
    "hostile-drone",
    "hate-crime",
]
MEASURES = [
    "hostile-vehicle-mitigation",
    "permanent-vehicle-security-barrier",
    "temporary-vehicle-security-barrier",
    "landscaped-barrier",
    "vehicle-access-control",
    "cctv-and-supervision-centre",
    "crowd-monitoring-sensors",
    "police-drones",
    "threat-detection-screening",
    "event-security-planning",
    "crowd-management",
    "training",
    "public-awareness-campaign",
    "security-by-design",
    "vulnerability-assessment",
    "crisis-communication",
]
SPACE_KINDS = ["Square", "Market", "Promenade", "PedestrianStreet", "TransportHub", "PlaceOfWorship", "Stadium"]
COUNTRIES = ["FR", "IT", "BE", "DE", "ES", "PT", "GB", "NL", "PL", "LV", "GR", "AT", "SE", "FI", "NO"]
SYLLABLES = ["ar", "be", "ci", "do", "el", "fa", "gi", "ho", "is", "ju", "ka", "lo", "mi", "no", "or", "pe", "ra", "su"]


def iri(value: str) -> str:
    return f"<{value}>"


def literal(value: str, language: str | None = None, datatype: str | None = None) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    if language:
        return f'"{escaped}"@{language}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def triple(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} .\n"


class Generator:
    def __init__(self, seed: int, cities: int) -> None:
        self.random = random.Random(seed)
        self.cities = cities
        weights = [1 / (rank**1.1) for rank in range(1, cities + 1)]
        self.cumulative = list(accumulate(weights))
        self.city_names: set[str] = set()

    def name(self) -> str:
        return "".join(self.random.choice(SYLLABLES) for _ in range(self.random.randint(2, 4))).capitalize()

    def zipf_city(self) -> int:
        return self.random.choices(range(self.cities), cum_weights=self.cumulative)[0]

    def date(self, first: int = 2010, last: int = 2025) -> str:
        return f"{self.random.randint(first, last)}-{self.random.randint(1, 12):02d}-{self.random.randint(1, 28):02d}"

    def source(self, kind: str, n: int) -> str:
        return iri(f"https://example.org/sources/{kind}/{n}")

    def city_name(self) -> str:
        """A name no other synthetic city has (the build's checks refuse duplicate labels)."""
        name = self.name()
        while name in self.city_names:
            name = self.name()
        self.city_names.add(name)
        return name

    def city(self, n: int) -> Iterator[str]:
        s = iri(f"{RES}city/syn-{n}")
        name = self.city_name()
        yield triple(s, iri(RDF_TYPE), iri(f"{PAC}City"))
        yield triple(s, iri(LABEL), literal(name, "en"))
        if self.random.random() < 0.6:
            yield triple(s, iri(LABEL), literal(name + "e", "fr"))
        if self.random.random() < 0.4:
            yield triple(s, iri(LABEL), literal(name + "a", "it"))
        yield triple(s, iri(f"{PAC}countryCode"), literal(self.random.choice(COUNTRIES)))
        if self.random.random() < 0.8:
            yield triple(
                s,
                iri(f"{PAC}population"),
                literal(str(self.random.randint(5_000, 3_000_000)), datatype=f"{XSD}nonNegativeInteger"),
            )
            yield triple(
                s, iri(f"{PAC}populationYear"), literal(str(self.random.randint(2015, 2023)), datatype=f"{XSD}gYear")
            )
        geometry = iri(f"{RES}geometry/city-syn-{n}")
        yield triple(s, iri(f"{GEO}hasGeometry"), geometry)
        yield triple(geometry, iri(RDF_TYPE), iri(f"{GEO}Geometry"))
        point = f"POINT({self.random.uniform(-9, 30):.4f} {self.random.uniform(36, 64):.4f})"
        yield triple(geometry, iri(f"{GEO}asWKT"), literal(point, datatype=f"{GEO}wktLiteral"))
        yield triple(s, iri(SOURCE), self.source("city", n))

    def space(self, n: int) -> Iterator[str]:
        s = iri(f"{RES}public-space/syn-{n}")
        kind = self.random.choice(SPACE_KINDS)
        yield triple(s, iri(RDF_TYPE), iri(f"{PAC}{kind}"))
        yield triple(s, iri(RDF_TYPE), iri(f"{PAC}PublicSpace"))
        yield triple(s, iri(LABEL), literal(f"{kind} {self.name()} {n}", "en"))
        yield triple(s, iri(f"{PAC}inCity"), iri(f"{RES}city/syn-{self.zipf_city()}"))
        yield triple(s, iri(SOURCE), self.source("space", n))

    def incident(self, n: int, spaces: int) -> Iterator[str]:
        s = iri(f"{RES}incident/syn-{n}")
        yield triple(s, iri(RDF_TYPE), iri(f"{PAC}Attack"))
        yield triple(s, iri(RDF_TYPE), iri(f"{PAC}Incident"))
        yield triple(s, iri(LABEL), literal(f"Incident {self.name()} {n}", "en"))
        yield triple(s, iri(f"{PAC}date"), literal(self.date(), datatype=f"{XSD}date"))
        yield triple(s, iri(f"{PAC}inCity"), iri(f"{RES}city/syn-{self.zipf_city()}"))
        yield triple(s, iri(f"{PAC}atPublicSpace"), iri(f"{RES}public-space/syn-{self.random.randrange(spaces)}"))
        for threat in self.random.sample(THREATS, self.random.randint(1, 2)):
            yield triple(s, iri(f"{PAC}threatType"), iri(f"{CONCEPT}threat/{threat}"))
        yield triple(
            s, iri(f"{PAC}killed"), literal(str(int(self.random.expovariate(0.3))), datatype=f"{XSD}nonNegativeInteger")
        )
        yield triple(
            s,
            iri(f"{PAC}injured"),
            literal(str(int(self.random.expovariate(0.05))), datatype=f"{XSD}nonNegativeInteger"),
        )
        yield triple(s, iri(SOURCE), self.source("incident", n))

    def project(self, n: int) -> Iterator[str]:
        s = iri(f"{RES}project/syn-{n}")
        yield triple(s, iri(RDF_TYPE), iri(f"{PAC}Project"))
        yield triple(s, iri(LABEL), literal(f"Project {self.name()} {n}", "en"))
        yield triple(s, iri(f"{PAC}startDate"), literal(self.date(2014, 2022), datatype=f"{XSD}date"))
        yield triple(s, iri(SOURCE), self.source("project", n))

    def pilot(self, n: int, spaces: int, projects: int) -> Iterator[str]:
        s = iri(f"{RES}pilot/syn-{n}")
        city = iri(f"{RES}city/syn-{self.zipf_city()}")
        measure = iri(f"{CONCEPT}measure/{self.random.choice(MEASURES)}")
        yield triple(s, iri(RDF_TYPE), iri(f"{PAC}Pilot"))
        yield triple(s, iri(LABEL), literal(f"Pilot {self.name()} {n}", "en"))
        yield triple(s, iri(f"{PAC}partOf"), iri(f"{RES}project/syn-{self.random.randrange(projects)}"))
        yield triple(s, iri(f"{PAC}deploysMeasure"), measure)
        yield triple(s, iri(f"{PAC}inCity"), city)
        yield triple(measure, iri(f"{PAC}pilotedIn"), city)  # as the build's inference gives it
        if self.random.random() < 0.7:
            yield triple(s, iri(f"{PAC}atPublicSpace"), iri(f"{RES}public-space/syn-{self.random.randrange(spaces)}"))
        yield triple(s, iri(f"{PAC}startDate"), literal(self.date(2016, 2025), datatype=f"{XSD}date"))
        yield triple(s, iri(SOURCE), self.source("pilot", n))

    def lesson(self, n: int, incidents: int, pilots: int) -> Iterator[str]:
        s = iri(f"{RES}lesson/syn-{n}")
        yield triple(s, iri(RDF_TYPE), iri(f"{PAC}LessonLearnt"))
        yield triple(s, iri(LABEL), literal(f"Lesson {self.name()} {n}", "en"))
        yield triple(s, iri(f"{PAC}statement"), literal(f"What was learnt about {self.name()} in case {n}.", "en"))
        yield triple(s, iri(f"{PAC}concernsThreat"), iri(f"{CONCEPT}threat/{self.random.choice(THREATS)}"))
        yield triple(s, iri(f"{PAC}concernsMeasure"), iri(f"{CONCEPT}measure/{self.random.choice(MEASURES)}"))
        origin = (
            f"{RES}incident/syn-{self.random.randrange(incidents)}"
            if self.random.random() < 0.6
            else f"{RES}pilot/syn-{self.random.randrange(pilots)}"
        )
        yield triple(s, iri(f"{PAC}learntFrom"), iri(origin))
        yield triple(s, iri(SOURCE), self.source("lesson", n))

    def organisation(self, n: int) -> Iterator[str]:
        s = iri(f"{RES}organisation/syn-{n}")
        kind = self.random.choice(["Municipality", "PoliceForce", "EuropeanNetwork", "GovernmentAgency"])
        yield triple(s, iri(RDF_TYPE), iri(f"{PAC}{kind}"))
        yield triple(s, iri(RDF_TYPE), iri(f"{PAC}Organisation"))
        yield triple(s, iri(LABEL), literal(f"{kind} of {self.name()} {n}", "en"))
        yield triple(s, iri(f"{PAC}basedIn"), iri(f"{RES}city/syn-{self.zipf_city()}"))
        yield triple(s, iri(SOURCE), self.source("organisation", n))

    def generate(self, target: int) -> Iterator[str]:
        """Triples in rounds of every kind until about ``target`` triples."""
        written = 0
        cities = self.cities
        for n in range(cities):
            for line in self.city(n):
                written += 1
                yield line
        spaces = max(10, target // 200)
        for n in range(spaces):
            for line in self.space(n):
                written += 1
                yield line
        projects = max(2, cities // 20)
        for n in range(projects):
            for line in self.project(n):
                written += 1
                yield line
        incidents = pilots = lessons = organisations = 0
        while written < target:
            for line in self.incident(incidents, spaces):
                written += 1
                yield line
            incidents += 1
            if incidents % 3 == 0:
                for line in self.pilot(pilots, spaces, projects):
                    written += 1
                    yield line
                pilots += 1
            if incidents % 2 == 0 and pilots:
                for line in self.lesson(lessons, incidents, pilots):
                    written += 1
                    yield line
                lessons += 1
            if incidents % 10 == 0:
                for line in self.organisation(organisations):
                    written += 1
                    yield line
                organisations += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, required=True, help="approximate number of triples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="output N-Triples file (default: standard output)")
    args = parser.parse_args(argv)
    cities = max(20, args.triples // 1000)
    lines = Generator(args.seed, cities).generate(args.triples)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as out:
            out.writelines(lines)
    else:
        sys.stdout.writelines(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
