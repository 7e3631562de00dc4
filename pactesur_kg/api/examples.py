"""Examples for the OpenAPI document at /openapi.json (shown by /docs): real answers of the
service over the project's graph, cut short (one item per list, the first line of each query).

``tests/api/test_openapi.py`` asks the running service each documented example request and
checks that the answer has the keys of its example, so the examples follow the service.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.openapi.models import Example

Responses = dict[int | str, dict[str, Any]]


def example(value: str | int, summary: str | None = None) -> dict[str, Example]:
    """One named example of a parameter for the OpenAPI document (its value is its name).

    >>> example("nice", "Nice")
    {'nice': {'summary': 'Nice', 'value': 'nice'}}
    """
    return {str(value) or "empty": Example(summary=summary or str(value), value=value)}


def parameter(name: str, description: str, examples: dict[str, Example], where: str = "query") -> dict[str, Any]:
    """An optional string parameter, for ``openapi_extra`` of the routes that read their
    parameters from the request themselves (the SPARQL and Graph Store protocols)."""
    return {
        "name": name,
        "in": where,
        "required": False,
        "description": description,
        "schema": {"type": "string"},
        "examples": examples,
    }


def request_body(description: str, media_type: str, value: str) -> dict[str, Any]:
    """A request body with an example, for ``openapi_extra``."""
    return {"requestBody": {"description": description, "content": {media_type: {"example": value}}}}


def json_answer(value: Any, description: str = "Successful Response") -> Responses:
    """The ``responses=`` of a route answering JSON, with the example ``value``."""
    return {200: {"description": description, "content": {"application/json": {"example": value}}}}


def jsonp(value: Any, callback: str = "jsonp_callback") -> str:
    """The JSONP form of a JSON answer, as the reconciliation routes send it with ``callback=``.

    >>> jsonp({"result": []})
    '/**/jsonp_callback({"result": []});'
    """
    return f"/**/{callback}({json.dumps(value)});"


def answers(description: str, by_media_type: dict[str, Any]) -> Responses:
    """The ``responses=`` of a route answering several media types, one example each."""
    content = {media: {"example": value} for media, value in by_media_type.items()}
    return {200: {"description": description, "content": content}}


#: GET /api/threats, cut short
THREATS: dict[str, Any] = {
    "scheme": "https://w3id.org/pactesur/concept/threat",
    "lang": "en",
    "total": 30,
    "limit": 50,
    "offset": 0,
    "items": [
        {
            "slug": "other-risk",
            "iri": "https://w3id.org/pactesur/concept/threat/other-risk",
            "label": "Other risk in public spaces",
            "labelLang": "en",
            "definition": "Risks to people in public spaces other than terrorism, which PACTESUR also "
            "addressed: large crowds and panic movements, climatic risks such as fires or "
            "floods, unrest, outages, epidemics, crime and incivilities.",
            "broader": [],
            "narrower": ["critical-service-outage"],
            "depth": 0,
        }
    ],
    "tree": [
        {
            "slug": "other-risk",
            "iri": "https://w3id.org/pactesur/concept/threat/other-risk",
            "label": "Other risk in public spaces",
            "labelLang": "en",
            "definition": "Risks to people in public spaces other than terrorism, which PACTESUR also "
            "addressed: large crowds and panic movements, climatic risks such as fires or "
            "floods, unrest, outages, epidemics, crime and incivilities.",
            "broader": [],
            "narrower": [
                {
                    "slug": "critical-service-outage",
                    "iri": "https://w3id.org/pactesur/concept/threat/critical-service-outage",
                    "label": "Critical service outage",
                    "labelLang": "en",
                    "definition": "The failure of an essential service, such as a power cut, or a "
                    "cyberattack, affecting people and public spaces; both are among the "
                    "crises covered by the preparedness guide of security specialist "
                    "Susanne Skov Diemer, interviewed for the PACTESUR Publication "
                    "Series.",
                    "broader": ["other-risk"],
                    "narrower": [],
                }
            ],
        }
    ],
    "query": {
        "sparql": "#+ summary: The threat scheme: every threat concept with its label (in the asked "
        "language, else English), definition and broader concepts, for the tree of "
        "/api/threats.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20The%20threat%20scheme%3A…",
    },
}

#: GET /api/threats/vehicle-as-weapon, cut short
THREAT: dict[str, Any] = {
    "slug": "vehicle-as-weapon",
    "iri": "https://w3id.org/pactesur/concept/threat/vehicle-as-weapon",
    "lang": "en",
    "label": "Vehicle as a weapon",
    "labelLang": "en",
    "definition": "The deliberate use of a road vehicle (car, van, lorry) to injure or kill people, typically "
    "by driving into a crowd; a low-complexity attack with an everyday item. According to the "
    "UK's CPNI, there were more than 140 such attacks worldwide between 2014 and 2021, most of "
    "them in publicly accessible locations.",
    "altLabels": ["VAAW"],
    "broader": [
        {
            "slug": "terrorist-threat",
            "iri": "https://w3id.org/pactesur/concept/threat/terrorist-threat",
            "label": "Terrorist threat",
        }
    ],
    "narrower": [
        {
            "slug": "encroachment-vehicle-attack",
            "iri": "https://w3id.org/pactesur/concept/threat/encroachment-vehicle-attack",
            "label": "Encroachment vehicle attack",
        }
    ],
    "sources": ["https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52017DC0612"],
    "query": {
        "sparql": "#+ summary: One threat concept: its label (in the asked language, else English), "
        "definition, other names, broader and narrower concepts and sources.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20One%20threat%20concept%3…",
    },
}

#: GET /api/measures, cut short
MEASURES: dict[str, Any] = {
    "scheme": "https://w3id.org/pactesur/concept/measure",
    "lang": "en",
    "total": 30,
    "limit": 50,
    "offset": 0,
    "items": [
        {
            "slug": "people-and-awareness",
            "iri": "https://w3id.org/pactesur/concept/measure/people-and-awareness",
            "label": "People and awareness",
            "labelLang": "en",
            "definition": "Measures that work through people: specialised training of local security actors "
            "and raising the awareness of citizens and local politicians of their role in "
            "prevention and as security actors, two of the four pillars of PACTESUR.",
            "broader": [],
            "narrower": ["citizen-reporting-app"],
            "depth": 0,
        }
    ],
    "tree": [
        {
            "slug": "people-and-awareness",
            "iri": "https://w3id.org/pactesur/concept/measure/people-and-awareness",
            "label": "People and awareness",
            "labelLang": "en",
            "definition": "Measures that work through people: specialised training of local security actors "
            "and raising the awareness of citizens and local politicians of their role in "
            "prevention and as security actors, two of the four pillars of PACTESUR.",
            "broader": [],
            "narrower": [
                {
                    "slug": "citizen-reporting-app",
                    "iri": "https://w3id.org/pactesur/concept/measure/citizen-reporting-app",
                    "label": "Citizen reporting and alert app",
                    "labelLang": "en",
                    "definition": "Mobile apps through which citizens report incidents and receive "
                    "warnings. PACTESUR planned a common multilingual app building on "
                    "existing tools: SOS Nice and REPORTY (Nice), Be Alert (Liège) and "
                    "Citizen Aid (Turin); in Germany the Katwarn alert was used during "
                    "the 2019 Halle attack.",
                    "broader": ["people-and-awareness"],
                    "narrower": [],
                }
            ],
        }
    ],
    "query": {
        "sparql": "#+ summary: The measure scheme: every measure concept with its label (in the asked "
        "language, else English), definition and broader concepts, for the tree of "
        "/api/measures.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20The%20measure%20scheme%3…",
    },
}

#: GET /api/measures/permanent-vehicle-security-barrier, cut short
MEASURE: dict[str, Any] = {
    "slug": "permanent-vehicle-security-barrier",
    "iri": "https://w3id.org/pactesur/concept/measure/permanent-vehicle-security-barrier",
    "lang": "en",
    "label": "Permanent vehicle security barrier",
    "labelLang": "en",
    "definition": "Fixed barriers that stop a hostile vehicle, such as bollards, fixed barrier systems or cable "
    "systems, impact-tested to standards such as IWA 14-1, PAS 68 or ISO 22343-1; they also keep "
    "vehicle bombs at a distance. Along the Promenade des Anglais, Nice installed 90 cm "
    "anti-intrusion bollards and two superposed steel cables held by fixed posts every 10 m over "
    "3 km; PACTESUR financed permanent devices on the northern side of the Promenade, with steel "
    "cables similar to those used to secure cliffs.",
    "altLabels": ["anti-intrusion bollards"],
    "broader": [
        {
            "slug": "hostile-vehicle-mitigation",
            "iri": "https://w3id.org/pactesur/concept/measure/hostile-vehicle-mitigation",
            "label": "Hostile vehicle mitigation",
        }
    ],
    "narrower": [],
    "sources": [
        "https://europe1.fr/societe/nice-la-promenade-des-anglais-entierement-repensee-pour-maximiser-la-securite-3387968"
    ],
    "query": {
        "sparql": "#+ summary: One measure concept: its label (in the asked language, else English), "
        "definition, other names, broader and narrower concepts and sources.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20One%20measure%20concept%…",
    },
}

#: GET /api/recommendations?threat=vehicle-as-weapon, cut short
RECOMMENDATIONS: dict[str, Any] = {
    "threat": {
        "slug": "vehicle-as-weapon",
        "iri": "https://w3id.org/pactesur/concept/threat/vehicle-as-weapon",
        "label": "Vehicle as a weapon",
    },
    "lang": "en",
    "total": 19,
    "limit": 50,
    "offset": 0,
    "items": [
        {
            "measure": {
                "slug": "hostile-vehicle-mitigation",
                "iri": "https://w3id.org/pactesur/concept/measure/hostile-vehicle-mitigation",
                "label": "Hostile vehicle mitigation",
            },
            "relation": "exact",
            "mitigates": [
                {
                    "slug": "vehicle-as-weapon",
                    "iri": "https://w3id.org/pactesur/concept/threat/vehicle-as-weapon",
                    "label": "Vehicle as a weapon",
                }
            ],
            "why": [
                {
                    "slug": "barriers-selected-from-operational-requirements",
                    "iri": "https://w3id.org/pactesur/resource/recommendation/barriers-selected-from-operati"
                    "onal-requirements",
                    "label": "Select vehicle barriers from an operational requirement",
                    "statement": "Select, install and use vehicle security barriers on the basis of a documented "
                    "operational requirement for the site, following application guidance such as ISO"
                    " 22343-2 (which supersedes IWA 14-2 and PAS 69).",
                    "rationale": "Application standards and NPSA guidance derive the barrier rating, stand-off and"
                    " layout from the site's vehicle threat (threat vehicle, mode of attack such as "
                    "penetrative or encroachment, blast), through Operational Requirements and a User"
                    " Requirement Document.",
                    "against": ["vehicle-as-weapon"],
                    "sources": [
                        "https://iteh.ai/catalog/standards/iso/c7781577-02ee-49af-bff7-9c7b69102214/iwa-14-2-2013"
                    ],
                }
            ],
            "pilotedIn": [],
            "pilotedInTotal": 0,
            "morePilots": False,
            "lessons": [
                {
                    "slug": "bridges-vehicle-then-knife",
                    "iri": "https://w3id.org/pactesur/resource/lesson/bridges-vehicle-then-knife",
                    "label": "Vehicle then knife attacks on bridges (London, 2017)",
                    "statement": "Bridge pavements are exposed to vehicle ramming, and a vehicle attack may "
                    "continue on foot. At Westminster on 22 March 2017 a car was driven along the "
                    "Westminster Bridge pavement before the attacker continued with a knife at the "
                    "Parliament perimeter; on 3 June 2017 a van was driven onto pedestrians on London"
                    " Bridge before the attackers used knives in the Borough Market area.",
                    "sources": ["https://en.wikipedia.org/wiki/2017_Westminster_attack"],
                }
            ],
            "moreLessons": False,
            "more": {"lessons": "/api/lessons?measure=hostile-vehicle-mitigation"},
        }
    ],
    "incidents": [
        {
            "slug": "nice-2016-07-14",
            "iri": "https://w3id.org/pactesur/resource/incident/nice-2016-07-14",
            "label": "2016 Nice truck attack",
            "date": "2016-07-14",
            "cities": [{"slug": "nice", "iri": "https://w3id.org/pactesur/resource/city/nice", "label": "Nice"}],
            "threatTypes": ["vehicle-as-weapon"],
        }
    ],
    "incidentsTotal": 8,
    "more": {"incidents": "/api/incidents?threat=vehicle-as-weapon"},
    "query": {
        "sparql": "#+ summary: What to do against a threat: the measures that mitigate it, a "
        "narrower threat (specific measures) or a broader one (general measures), with "
        "the recommendations saying why and their sources; per measure, how many cities "
        "piloted it; and the incidents of that threat type or a narrower one (how many, "
        "and up to 20 of them). Each part looks only at what it returns, so the cost does"
        " not grow with the size of the graph except for the two counts (index scans).\n…",
        "link": "/sparql#query=%23%2B%20summary%3A%20What%20to%20do%20against…",
    },
}

#: GET /api/cities, cut short
CITIES: dict[str, Any] = {
    "lang": "en",
    "total": 33,
    "limit": 50,
    "offset": 0,
    "items": [
        {
            "slug": "athens",
            "iri": "https://w3id.org/pactesur/resource/city/athens",
            "label": "Athens",
            "labelLang": "en",
            "countryCode": "GR",
            "population": None,
            "role": "associated-city",
            "roles": [
                {
                    "slug": "associated-city",
                    "iri": "https://w3id.org/pactesur/concept/role/associated-city",
                    "label": "Associated city",
                    "via": "https://w3id.org/pactesur/resource/city/athens",
                }
            ],
        }
    ],
    "query": {
        "sparql": "#+ summary: The cities: label (in the asked language, else English), country code, "
        "population with its year, and their roles in PACTESUR (as members, or through their "
        "municipality).\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20The%20cities%3A%20label%…",
    },
}

#: GET /api/cities/nice, cut short
CITY: dict[str, Any] = {
    "lang": "en",
    "slug": "nice",
    "iri": "https://w3id.org/pactesur/resource/city/nice",
    "label": "Nice",
    "labelLang": "en",
    "population": {"value": 348085, "year": "2021"},
    "role": "lead-partner",
    "roles": [
        {
            "slug": "lead-partner",
            "iri": "https://w3id.org/pactesur/concept/role/lead-partner",
            "label": "Lead partner",
            "via": "https://w3id.org/pactesur/resource/organisation/ville-de-nice",
        }
    ],
    "country": "FR",
    "coordinates": "POINT(7.2663 43.7034)",
    "incidents": [
        {
            "slug": "nice-2016-07-14",
            "iri": "https://w3id.org/pactesur/resource/incident/nice-2016-07-14",
            "label": "2016 Nice truck attack",
            "date": "2016-07-14",
        }
    ],
    "pilots": [
        {
            "slug": "nice-promenade-des-anglais",
            "iri": "https://w3id.org/pactesur/resource/pilot/nice-promenade-des-anglais",
            "label": "PACTESUR pilot: permanent protective devices on the Promenade des Anglais, Nice",
        }
    ],
    "events": [
        {
            "slug": "kick-off-nice-2019",
            "iri": "https://w3id.org/pactesur/resource/event/kick-off-nice-2019",
            "label": "PACTESUR kick-off, Nice",
            "date": "2019-03-28",
        }
    ],
    "lessons": [
        {
            "slug": "nice-barriers-linked-to-supervision-centre",
            "iri": "https://w3id.org/pactesur/resource/lesson/nice-barriers-linked-to-supervision-centre",
            "label": "Barriers work together with supervision (Nice)",
        }
    ],
    "totals": {"incidents": 2, "pilots": 1, "events": 4, "lessons": 3},
    "more": {"incidents": "/api/incidents?city=nice", "lessons": "/api/lessons?city=nice"},
    "sameAs": ["http://www.wikidata.org/entity/Q33959"],
    "sources": ["https://anci.piemonte.it/pactesur-protect-allied-cities-against-terrorism-in-securing-urban-areas"],
    "query": {
        "sparql": "#+ summary: One city: label (in the asked language, else English), country, "
        "coordinates, population, role in PACTESUR (as a member, or through its municipality), "
        "external identifiers and sources; and the first incidents (by date), pilots, events held "
        "there (by start date) and lessons learnt from it, each list cut at 10 with its total.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20One%20city%3A%20label%20…",
    },
}

#: GET /api/incidents, cut short
INCIDENTS: dict[str, Any] = {
    "lang": "en",
    "total": 25,
    "limit": 50,
    "offset": 0,
    "items": [
        {
            "slug": "paris-2015-11-13",
            "iri": "https://w3id.org/pactesur/resource/incident/paris-2015-11-13",
            "label": "November 2015 Paris attacks",
            "labelLang": "en",
            "date": "2015-11-13",
            "killed": 130,
            "injured": 368,
            "cities": [{"slug": "paris", "iri": "https://w3id.org/pactesur/resource/city/paris", "label": "Paris"}],
            "threatTypes": [
                {
                    "slug": "complex-attack",
                    "iri": "https://w3id.org/pactesur/concept/threat/complex-attack",
                    "label": "Complex attack",
                }
            ],
            "sources": ["https://en.wikipedia.org/wiki/November_2015_Paris_attacks"],
        }
    ],
    "query": {
        "sparql": "#+ summary: The incidents, optionally of a threat type (or a narrower one), in a city, "
        "or between two dates: date, casualties, cities, threat types and sources.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20The%20incidents%2C%20opt…",
    },
}

#: GET /api/incidents/nice-2016-07-14, cut short
INCIDENT: dict[str, Any] = {
    "lang": "en",
    "slug": "nice-2016-07-14",
    "iri": "https://w3id.org/pactesur/resource/incident/nice-2016-07-14",
    "label": "2016 Nice truck attack",
    "labelLang": "en",
    "date": "2016-07-14",
    "killed": 86,
    "injured": 434,
    "cities": [{"slug": "nice", "iri": "https://w3id.org/pactesur/resource/city/nice", "label": "Nice"}],
    "publicSpaces": [
        {
            "slug": "promenade-des-anglais",
            "iri": "https://w3id.org/pactesur/resource/public-space/promenade-des-anglais",
            "label": "Promenade des Anglais",
            "kind": "Promenade",
        }
    ],
    "threatTypes": [
        {
            "slug": "vehicle-as-weapon",
            "iri": "https://w3id.org/pactesur/concept/threat/vehicle-as-weapon",
            "label": "Vehicle as a weapon",
        }
    ],
    "sources": ["https://issuu.com/efus/docs/publication_pactesur_en_v5"],
    "meansUsed": ["19-tonne cargo truck; handgun"],
    "query": {
        "sparql": "#+ summary: One incident: label (in the asked language, else English), date, cities, "
        "public spaces with their kind, threat types, casualties (killed, injured), means used "
        "and sources.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20One%20incident%3A%20labe…",
    },
}

#: GET /api/lessons, cut short
LESSONS: dict[str, Any] = {
    "lang": "en",
    "total": 36,
    "limit": 50,
    "offset": 0,
    "items": [
        {
            "slug": "alba-crowd-sensors-test",
            "iri": "https://w3id.org/pactesur/resource/lesson/alba-crowd-sensors-test",
            "label": "Crowd-counting sensors tested at a large fair (Turin police, 2018)",
            "labelLang": "en",
            "statement": "Anonymous crowd-counting technology can give security managers a real-time picture "
            "of large events: at the Alba white truffle fair in November 2018, Turin's "
            "municipal police technology unit (NIST) tested ground sensors that count nearby "
            "mobile phones, drones as 'sky sensors' and open-source analysis; one sensor "
            "recorded about 180,000 passages in an hour on Piazza Risorgimento.",
            "concerns": [
                {
                    "slug": "crowd-crush",
                    "iri": "https://w3id.org/pactesur/concept/threat/crowd-crush",
                    "label": "Crowd crush",
                }
            ],
            "learntFrom": [{"slug": "turin", "iri": "https://w3id.org/pactesur/resource/city/turin", "label": "Turin"}],
            "sources": [
                "https://www.gazzettadalba.it/2018/11/tecnologia-e-fiera-in-azione-ad-alba-sensori-e-droni-per-controllare-la-presenza-di-persone-e-auto/"
            ],
        }
    ],
    "query": {
        "sparql": "#+ summary: The lessons learnt, optionally about a threat (or a narrower one), a "
        "measure (or a narrower one), or learnt from a city (directly or through something in "
        "it): statement, what they concern, what they were learnt from, and sources.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20The%20lessons%20learnt%2…",
    },
}

#: GET /api/events, cut short
EVENTS: dict[str, Any] = {
    "lang": "en",
    "total": 16,
    "limit": 50,
    "offset": 0,
    "items": [
        {
            "slug": "local-governance-workshop-nice",
            "iri": "https://w3id.org/pactesur/resource/event/local-governance-workshop-nice",
            "label": "PACTESUR Local Governance Workshop, Nice",
            "labelLang": "en",
            "type": "Workshop",
            "startDate": None,
            "endDate": None,
            "sources": ["https://www.pactesur.eu/"],
            "cities": [{"slug": "nice", "iri": "https://w3id.org/pactesur/resource/city/nice", "label": "Nice"}],
            "organisedBy": [],
        }
    ],
    "query": {
        "sparql": "#+ summary: The events: label (in the asked language, else English), type, start and "
        "end dates, city, organisers and sources.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20The%20events%3A%20label%…",
    },
}

#: GET /api/publications, cut short
PUBLICATIONS: dict[str, Any] = {
    "lang": "en",
    "total": 29,
    "limit": 50,
    "offset": 0,
    "items": [
        {
            "slug": "citizens-preparedness-interview",
            "iri": "https://w3id.org/pactesur/resource/publication/citizens-preparedness-interview",
            "label": "PACTESUR – Interview with security specialist Susanne Skov Diemer",  # noqa: RUF001 (the title as published)
            "labelLang": "en",
            "type": "PublicationSeriesArticle",
            "date": None,
            "identifier": None,
            "sources": ["https://efus.eu/en/"],
            "publishers": [
                {
                    "slug": "efus",
                    "iri": "https://w3id.org/pactesur/resource/organisation/efus",
                    "label": "European Forum for Urban Security",
                }
            ],
        }
    ],
    "query": {
        "sparql": "#+ summary: The publications: label (in the asked language, else English), type, date "
        "(day, month or year), identifier, publishers and sources.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20The%20publications%3A%20…",
    },
}

#: GET /api/organisations, cut short
ORGANISATIONS: dict[str, Any] = {
    "lang": "en",
    "total": 41,
    "limit": 50,
    "offset": 0,
    "items": [
        {
            "slug": "anci-piemonte",
            "iri": "https://w3id.org/pactesur/resource/organisation/anci-piemonte",
            "label": "ANCI Piemonte (Piedmont section of the National Association of Italian Municipalities)",
            "labelLang": "en",
            "countryCode": "IT",
            "sources": [
                "https://anci.piemonte.it/pactesur-protect-allied-cities-against-terrorism-in-securing-urban-areas"
            ],
            "kind": "AssociationOfMunicipalities",
            "cities": [],
        }
    ],
    "query": {
        "sparql": "#+ summary: The organisations: label (in the asked language, else English), kind, "
        "country code, the city they are based in and sources.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20The%20organisations%3A%2…",
    },
}

#: GET /api/search?q=nice, cut short
SEARCH: dict[str, Any] = {
    "q": "nice",
    "lang": "en",
    "total": 18,
    "limit": 50,
    "offset": 0,
    "items": [
        {
            "slug": "nice",
            "iri": "https://w3id.org/pactesur/resource/city/nice",
            "label": "Nice",
            "labelLang": "en",
            "type": "city",
            "matched": "Nice",
            "match": "exact",
        }
    ],
    "query": {
        "sparql": "#+ summary: Full-text search over the labels (rdfs:label, skos:prefLabel, "
        "skos:altLabel) in every language, ignoring case and accents: the candidates whose "
        "folded label contains the folded text, with their kind and label in the asked language "
        "(else English); the route ranks them.\n"
        "…",
        "link": "/sparql#query=%23%2B%20summary%3A%20Full-text%20search%20ove…",
    },
}

#: a SELECT query over the cities, sent as ``query=``
SPARQL_QUERY = (
    "SELECT ?city ?label WHERE { ?city a <https://w3id.org/pactesur/ontology#City> ; "
    '<http://www.w3.org/2000/01/rdf-schema#label> ?label . FILTER(LANG(?label) = "en") } ORDER BY ?label LIMIT 3'
)

#: GET /sparql?query=SPARQL_QUERY
SPARQL_RESULTS: dict[str, Any] = {
    "head": {"vars": ["city", "label"]},
    "results": {
        "bindings": [
            {
                "city": {"type": "uri", "value": "https://w3id.org/pactesur/resource/city/athens"},
                "label": {"type": "literal", "value": "Athens", "xml:lang": "en"},
            },
            {
                "city": {"type": "uri", "value": "https://w3id.org/pactesur/resource/city/barcelona"},
                "label": {"type": "literal", "value": "Barcelona", "xml:lang": "en"},
            },
            {
                "city": {"type": "uri", "value": "https://w3id.org/pactesur/resource/city/berlin"},
                "label": {"type": "literal", "value": "Berlin", "xml:lang": "en"},
            },
        ]
    },
}

#: GET /sparql?query=SPARQL_QUERY&format=csv
SPARQL_CSV = """city,label
https://w3id.org/pactesur/resource/city/athens,Athens
https://w3id.org/pactesur/resource/city/barcelona,Barcelona
https://w3id.org/pactesur/resource/city/berlin,Berlin
"""

#: GET /sparql with Accept: text/turtle, cut short
SERVICE_DESCRIPTION = """<http://127.0.0.1:8000/sparql> a <http://www.w3.org/ns/sparql-service-description#Service> ;
\t<http://www.w3.org/ns/sparql-service-description#endpoint> <http://127.0.0.1:8000/sparql> ;
\t<http://www.w3.org/ns/sparql-service-description#supportedLanguage> \
<http://www.w3.org/ns/sparql-service-description#SPARQL11Query> .
"""

#: GET /.well-known/void, cut short
VOID = """<https://w3id.org/pactesur/dataset> a <http://rdfs.org/ns/void#Dataset> ;
\t<http://rdfs.org/ns/void#sparqlEndpoint> <http://127.0.0.1:8000/sparql> ;
\t<http://rdfs.org/ns/void#triples> 7224 ;
\t<http://rdfs.org/ns/void#entities> 571 ;
\t<http://rdfs.org/ns/void#uriSpace> "https://w3id.org/pactesur/" .
"""

#: the graph of data/cities/cities.ttl
CITIES_GRAPH = "https://w3id.org/pactesur/graph/data/cities/cities"

#: GET /store?graph=CITIES_GRAPH, cut short (one of the city geometries)
GRAPH = """<https://w3id.org/pactesur/resource/geometry/city-nice> \
<http://purl.org/dc/terms/source> <https://en.wikipedia.org/wiki/Nice> ;
\t<http://www.opengis.net/ont/geosparql#asWKT> \
"POINT(7.2663 43.7034)"^^<http://www.opengis.net/ont/geosparql#wktLiteral> ;
\t<http://www.w3.org/2000/01/rdf-schema#label> "Point of Nice"@en ;
\ta <http://www.opengis.net/ont/geosparql#Geometry> .
"""

#: GET /resource/city/nice as Turtle, cut short
RESOURCE_TURTLE = """<https://w3id.org/pactesur/resource/city/nice> a <https://w3id.org/pactesur/ontology#City> ;
\t<http://www.w3.org/2000/01/rdf-schema#label> "Nice"@en , "Nice"@fr , "Nizza"@it ;
\t<https://w3id.org/pactesur/ontology#countryCode> "FR" ;
\t<https://w3id.org/pactesur/ontology#population> 348085 ;
\t<http://www.opengis.net/ont/geosparql#hasGeometry> <https://w3id.org/pactesur/resource/geometry/city-nice> .
"""

#: GET /concept/threat/vehicle-as-weapon as Turtle, cut short
CONCEPT_TURTLE = """<https://w3id.org/pactesur/concept/threat/vehicle-as-weapon> \
a <http://www.w3.org/2004/02/skos/core#Concept> ;
\t<http://www.w3.org/2004/02/skos/core#prefLabel> "Vehicle as a weapon"@en ;
\t<http://www.w3.org/2004/02/skos/core#broader> <https://w3id.org/pactesur/concept/threat/terrorist-threat> .
"""

#: GET /ontology as Turtle, cut short
ONTOLOGY_TURTLE = """<https://w3id.org/pactesur/ontology#City> a <http://www.w3.org/2002/07/owl#Class> .
<https://w3id.org/pactesur/ontology#Publication> \
<http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://purl.org/dc/terms/BibliographicResource> .
"""

#: a contribution missing most of what a city needs
CONTRIBUTION = """@prefix pac: <https://w3id.org/pactesur/ontology#> .
<https://w3id.org/pactesur/resource/city/example> a pac:City .
"""

#: POST /validate with CONTRIBUTION, cut short (one result of four)
REPORT: dict[str, Any] = {
    "conforms": False,
    "triples": 1,
    "violations": 4,
    "warnings": 0,
    "results": [
        {
            "focus": "https://w3id.org/pactesur/resource/city/example",
            "file": "contribution",
            "line": 2,
            "path": "https://w3id.org/pactesur/ontology#countryCode",
            "value": None,
            "severity": "Violation",
            "shape": "https://w3id.org/pactesur/shapes#City-countryCode",
            "component": "http://www.w3.org/ns/shacl#MinCountConstraintComponent",
            "message": "A city needs exactly one country code: an ISO 3166-1 alpha-2 code in capitals, "
            'as a plain string (pac:countryCode "FR").',
            "hint": "add a value for this property",
        }
    ],
}


#: a reconciliation query batch, sent as ``queries=``
RECONCILE_QUERIES = '{"q0": {"query": "Torino", "type": "City"}}'

#: a query decided by an identifier property
RECONCILE_QUERIES_BY_IDENTIFIER = '{"q0": {"query": "Nizza", "properties": [{"pid": "wikidata", "v": "Q33959"}]}}'

#: a data extension query, sent as ``extend=``
RECONCILE_EXTEND = '{"ids": ["resource/city/turin"], "properties": [{"id": "pac:countryCode"}, {"id": "wikidata"}]}'

_CITY_TYPE = {"id": "https://w3id.org/pactesur/ontology#City", "name": "City"}
_TURIN = (
    "PACTESUR partner city, whose pilot addressed uncontrolled crowd movements with technology rather than "
    "fixed equipment on its historic squares. Site of the June 2017 crowd crush in Piazza San Carlo."
)

#: GET /reconcile?queries=RECONCILE_QUERIES, cut short (one candidate)
RECONCILE_MATCHES: dict[str, Any] = {
    "q0": {
        "result": [
            {
                "id": "resource/city/turin",
                "name": "Turin",
                "score": 100.0,
                "match": True,
                "type": [_CITY_TYPE],
                "features": [
                    {"id": "name_score", "value": 100.0},
                    {"id": "identifier_match", "value": False},
                    {"id": "properties_agreeing", "value": 0},
                    {"id": "properties_disagreeing", "value": 0},
                ],
                "description": _TURIN,
            }
        ]
    }
}

#: GET /reconcile?extend=RECONCILE_EXTEND
RECONCILE_EXTENSION: dict[str, Any] = {
    "meta": [{"id": "pac:countryCode", "name": "country code"}, {"id": "wikidata", "name": "Wikidata identifier"}],
    "rows": {"resource/city/turin": {"pac:countryCode": [{"str": "IT"}], "wikidata": [{"str": "Q495"}]}},
}

#: GET /reconcile, cut short (one of the five default types)
RECONCILE_MANIFEST: dict[str, Any] = {
    "versions": ["0.2"],
    "name": "PACTESUR knowledge graph (cities, organisations, incidents, threats, measures)",
    "identifierSpace": "https://w3id.org/pactesur/",
    "schemaSpace": "https://w3id.org/pactesur/ontology#",
    "serviceVersion": "0.1.0",
    "documentation": "http://127.0.0.1:8000/ontology",
    "defaultTypes": [_CITY_TYPE],
    "view": {"url": "http://127.0.0.1:8000/{{id}}"},
    "preview": {"url": "http://127.0.0.1:8000/reconcile/preview?id={{id}}", "width": 420, "height": 180},
    "suggest": {
        kind: {"service_url": "http://127.0.0.1:8000", "service_path": f"/reconcile/suggest/{kind}"}
        for kind in ("entity", "type", "property")
    },
    "extend": {
        "propose_properties": {"service_url": "http://127.0.0.1:8000", "service_path": "/reconcile/properties"},
        "property_settings": [],
    },
    "batchSize": 100,
}

#: GET /reconcile/preview?id=resource/city/turin, cut short (without its style sheet)
RECONCILE_PREVIEW = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Turin</title>
</head><body>
<h1><a href="/resource/city/turin" target="_blank" rel="noopener">Turin</a></h1>
<div class="type">City</div>
<p>{_TURIN}</p>
<div class="ids">3165525, Q495</div>
</body></html>
"""

#: GET /reconcile/suggest/entity?prefix=Tori, cut short
SUGGESTED_ENTITIES: dict[str, Any] = {
    "result": [
        {
            "id": "resource/city/turin",
            "name": "Turin",
            "description": "PACTESUR partner city, whose pilot addressed uncontrolled crowd movements with technology "
            "rather than fixed equipment on its historic squares. Site of the…",
            "notable": [_CITY_TYPE],
        }
    ]
}

#: GET /reconcile/suggest/type?prefix=police
SUGGESTED_TYPES: dict[str, Any] = {
    "result": [
        {
            "id": "https://w3id.org/pactesur/ontology#PoliceForce",
            "name": "Police force",
            "description": "A police service or police unit, local, regional or national.",
            "broader": [{"id": "https://w3id.org/pactesur/ontology#Organisation", "name": "Organisation"}],
        }
    ]
}

#: GET /reconcile/suggest/property?prefix=country
SUGGESTED_PROPERTIES: dict[str, Any] = {
    "result": [{"id": "https://w3id.org/pactesur/ontology#countryCode", "name": "country code"}]
}

#: GET /reconcile/properties?type=City, cut short
PROPOSED_PROPERTIES: dict[str, Any] = {
    "type": "City",
    "limit": 50,
    "properties": [{"id": "http://www.w3.org/2000/01/rdf-schema#comment", "name": "comment"}],
}
