"""The words of the pages for people, in English, French and Italian: one entry per message,
its three translations side by side (the data's own labels come from the graph, in the
page's language with English as the fallback).

>>> text("fr", "threats")
'Menaces'
>>> text("it", "incidents-total", count=3)
'3 in tutto'
"""

from __future__ import annotations

LANGUAGES = ("en", "fr", "it")
"""The languages of the pages; English is the fallback."""

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "it": "Italiano"}
"""Each language in its own words, for the language switch."""

_MESSAGES: dict[str, tuple[str, str, str]] = {
    # the frame: header, navigation, footer
    "site": ("PACTESUR knowledge graph", "Graphe de connaissances PACTESUR", "Grafo della conoscenza PACTESUR"),
    "tagline": (
        "Security of public spaces in European cities",
        "La sécurité des espaces publics dans les villes européennes",
        "La sicurezza degli spazi pubblici nelle città europee",
    ),
    "skip": ("Skip to the content", "Aller au contenu", "Vai al contenuto"),
    "navigation": ("Main navigation", "Navigation principale", "Navigazione principale"),
    "home": ("Home", "Accueil", "Home"),
    "threats": ("Threats", "Menaces", "Minacce"),
    "query-page": ("SPARQL queries", "Requêtes SPARQL", "Interrogazioni SPARQL"),
    "api-docs": ("API documentation", "Documentation de l'API", "Documentazione dell'API"),
    "contribute": ("Contribute", "Contribuer", "Contribuire"),
    "language": ("Language", "Langue", "Lingua"),
    "breadcrumb": ("You are here", "Vous êtes ici", "Sei qui"),
    "footer": (
        "Data under CC BY 4.0, each fact with its sources. After the EU project PACTESUR (2019-2022).",
        "Données sous CC BY 4.0, chaque fait avec ses sources. D'après le projet européen PACTESUR (2019-2022).",
        "Dati sotto CC BY 4.0, ogni fatto con le sue fonti. Dal progetto europeo PACTESUR (2019-2022).",
    ),
    "linked-data": (
        "Linked data (RDF) of this page",
        "Données liées (RDF) de cette page",
        "Dati collegati (RDF) di questa pagina",
    ),
    "sparql-behind": (
        "The SPARQL query behind this page",
        "La requête SPARQL derrière cette page",
        "La query SPARQL dietro questa pagina",
    ),
    "as-json": ("The same as JSON (API)", "La même chose en JSON (API)", "Lo stesso in JSON (API)"),
    "print": ("Print as a brief", "Imprimer une note", "Stampa come nota"),
    # the home page
    "home-title": (
        "What works against the threats to a public space?",
        "Qu'est-ce qui protège un espace public contre les menaces ?",
        "Che cosa protegge uno spazio pubblico dalle minacce?",
    ),
    "home-intro": (
        "Recommended measures, with who recommends them and their sources, where cities piloted them, "
        "the lessons they learnt and the incidents that happened: start from a threat, from the kind of "
        "place you look after, or search.",
        "Les mesures recommandées, par qui et avec quelles sources, où des villes les ont expérimentées, "
        "les leçons apprises et les incidents survenus : partez d'une menace, du type de lieu dont vous "
        "avez la charge, ou cherchez.",
        "Le misure raccomandate, da chi e con quali fonti, dove le città le hanno sperimentate, le lezioni "
        "apprese e gli incidenti avvenuti: partite da una minaccia, dal tipo di luogo di cui vi occupate, "
        "o cercate.",
    ),
    "pick-threat": ("Pick a threat", "Choisissez une menace", "Scegliete una minaccia"),
    "pick-space": (
        "Pick a kind of public space",
        "Choisissez un type d'espace public",
        "Scegliete un tipo di spazio pubblico",
    ),
    "space-intro": (
        "The threats seen in the recorded incidents at each kind of place, with how many incidents.",
        "Les menaces des incidents recensés dans chaque type de lieu, avec le nombre d'incidents.",
        "Le minacce degli incidenti registrati in ogni tipo di luogo, con il numero di incidenti.",
    ),
    "search": ("Search", "Rechercher", "Cerca"),
    "search-label": (
        "A threat, a measure, a city, an incident…",
        "Une menace, une mesure, une ville, un incident…",
        "Una minaccia, una misura, una città, un incidente…",
    ),
    "search-hint": (
        "Names in every language; accents and case do not matter.",
        "Noms dans toutes les langues ; accents et majuscules n'importent pas.",
        "Nomi in tutte le lingue; accenti e maiuscole non contano.",
    ),
    "search-results": ("Results for “{q}”", "Résultats pour « {q} »", "Risultati per «{q}»"),
    "no-results": ("Nothing found.", "Aucun résultat.", "Nessun risultato."),
    "for-experts": ("For experts", "Pour les experts", "Per gli esperti"),
    "query-page-about": (
        "query the graph with SPARQL, with example questions",
        "interroger le graphe en SPARQL, avec des exemples de questions",
        "interrogare il grafo in SPARQL, con domande di esempio",
    ),
    "api-about": (
        "the REST routes and their answers",
        "les routes REST et leurs réponses",
        "le rotte REST e le loro risposte",
    ),
    "contribute-about": (
        "add a fact with its source",
        "ajouter un fait avec sa source",
        "aggiungere un fatto con la sua fonte",
    ),
    "incidents-count": ("{count} incidents", "{count} incidents", "{count} incidenti"),
    "incident-count-one": ("1 incident", "1 incident", "1 incidente"),
    # kinds of things
    "kind-city": ("City", "Ville", "Città"),
    "kind-incident": ("Incident", "Incident", "Incidente"),
    "kind-threat": ("Threat", "Menace", "Minaccia"),
    "kind-measure": ("Measure", "Mesure", "Misura"),
    "kind-organisation": ("Organisation", "Organisation", "Organizzazione"),
    "kind-event": ("Event", "Événement", "Evento"),
    "kind-publication": ("Publication", "Publication", "Pubblicazione"),
    "kind-lesson": ("Lesson learnt", "Leçon apprise", "Lezione appresa"),
    "kind-pilot": ("Pilot", "Expérimentation", "Sperimentazione"),
    # the threat scheme
    "threats-title": ("The threats", "Les menaces", "Le minacce"),
    "threats-intro": (
        "The threat scheme of the graph: open a threat to see what works against it.",
        "Le schéma des menaces du graphe : ouvrez une menace pour voir ce qui la contre.",
        "Lo schema delle minacce del grafo: aprite una minaccia per vedere che cosa la contrasta.",
    ),
    "filter-threats": ("Find a threat", "Trouver une menace", "Trovare una minaccia"),
    "show-all": ("Show them all", "Les montrer toutes", "Mostrarle tutte"),
    "matching": (
        "{count} threats match “{q}” (shown with the threats above them).",
        "{count} menaces correspondent à « {q} » (avec les menaces dont elles relèvent).",
        "{count} minacce corrispondono a «{q}» (con le minacce di cui fanno parte).",
    ),
    # the threat page
    "broader": ("Part of", "Fait partie de", "Fa parte di"),
    "narrower": ("More specific threats", "Menaces plus précises", "Minacce più specifiche"),
    "other-names": ("Also called", "Aussi appelée", "Detta anche"),
    "what-works": (
        "What works against this threat",
        "Ce qui protège contre cette menace",
        "Che cosa protegge da questa minaccia",
    ),
    "what-works-intro": (
        "{count} measures, ranked: first those against this very threat, then those against a more "
        "specific one, then general measures against a broader threat; within each, the most recommended first.",
        "{count} mesures, classées : d'abord celles contre cette menace même, puis celles contre une "
        "menace plus précise, puis les mesures générales contre une menace plus large ; dans chaque groupe, "
        "les plus recommandées d'abord.",
        "{count} misure, in ordine: prima quelle contro questa stessa minaccia, poi quelle contro una "
        "minaccia più specifica, poi le misure generali contro una minaccia più ampia; in ogni gruppo, "
        "prima le più raccomandate.",
    ),
    "relation-exact": ("against this threat", "contre cette menace", "contro questa minaccia"),
    "relation-narrower": (
        "against a more specific threat: {threats}",
        "contre une menace plus précise : {threats}",
        "contro una minaccia più specifica: {threats}",
    ),
    "relation-broader": (
        "general measure, against {threats}",
        "mesure générale, contre {threats}",
        "misura generale, contro {threats}",
    ),
    "why": ("Why", "Pourquoi", "Perché"),
    "no-recommendation": (
        "No recommendation in the graph names this measure against this threat yet.",
        "Aucune recommandation du graphe ne cite encore cette mesure contre cette menace.",
        "Nessuna raccomandazione del grafo cita ancora questa misura contro questa minaccia.",
    ),
    "recommended-by": ("Recommended by", "Recommandée par", "Raccomandata da"),
    "evidence-kind": ("Kind of evidence", "Type de preuve", "Tipo di evidenza"),
    "based-on": ("Lessons behind it", "Fondée sur les leçons", "Basata sulle lezioni"),
    "recommended-from-it": (
        "Recommendations based on it",
        "Recommandations qui en découlent",
        "Raccomandazioni che ne derivano",
    ),
    "sources": ("Sources", "Sources", "Fonti"),
    "piloted-in": ("Piloted in", "Expérimentée à", "Sperimentata a"),
    "not-piloted": (
        "No pilot in the graph.",
        "Aucune expérimentation dans le graphe.",
        "Nessuna sperimentazione nel grafo.",
    ),
    "lessons": ("Lessons learnt", "Leçons apprises", "Lezioni apprese"),
    "more-lessons": (
        "All the lessons learnt about it (API)",
        "Toutes les leçons apprises (API)",
        "Tutte le lezioni apprese (API)",
    ),
    "more-pilots": ("and more", "et d'autres", "e altre"),
    "on-the-map": ("On the map", "Sur la carte", "Sulla mappa"),
    "map-label": ("Map of {what}", "Carte : {what}", "Mappa: {what}"),
    "map-legend-pilot": ("city with a pilot", "ville d'une expérimentation", "città di una sperimentazione"),
    "map-legend-incident": ("incident", "incident", "incidente"),
    "map-legend-city": ("city", "ville", "città"),
    "map-legend-event": ("event", "événement", "evento"),
    "map-missing": (
        "Not on the map, for want of coordinates: {names}.",
        "Absents de la carte, faute de coordonnées : {names}.",
        "Assenti dalla mappa, per mancanza di coordinate: {names}.",
    ),
    "incidents": ("Incidents", "Incidents", "Incidenti"),
    "incidents-of-threat": (
        "Incidents of this kind",
        "Incidents de ce type",
        "Incidenti di questo tipo",
    ),
    "incidents-shown": (
        "{shown} of {total} incidents of this threat or a more specific one.",
        "{shown} des {total} incidents de cette menace ou d'une menace plus précise.",
        "{shown} dei {total} incidenti di questa minaccia o di una più specifica.",
    ),
    "incidents-total": ("{count} in all", "{count} en tout", "{count} in tutto"),
    "all-incidents": ("All the incidents (API)", "Tous les incidents (API)", "Tutti gli incidenti (API)"),
    "timeline": ("Timeline", "Chronologie", "Cronologia"),
    "timeline-label": ("Timeline of {what}", "Chronologie : {what}", "Cronologia: {what}"),
    "no-incidents": (
        "No incident of this kind in the graph.",
        "Aucun incident de ce type dans le graphe.",
        "Nessun incidente di questo tipo nel grafo.",
    ),
    # measure, city, incident pages
    "definition": ("Definition", "Définition", "Definizione"),
    "mitigates": ("Threats it mitigates", "Menaces qu'elle atténue", "Minacce che attenua"),
    "standards": ("Standards", "Normes", "Norme"),
    "replaced-by": ("replaced by", "remplacée par", "sostituita da"),
    "where-used": ("Where it was used", "Où elle a été employée", "Dove è stata impiegata"),
    "role": ("Role in PACTESUR", "Rôle dans PACTESUR", "Ruolo in PACTESUR"),
    "no-role": ("Not a member of PACTESUR.", "Pas membre de PACTESUR.", "Non membro di PACTESUR."),
    "role-via": ("through {name}", "par {name}", "tramite {name}"),
    "country": ("Country", "Pays", "Paese"),
    "population": ("Population", "Population", "Popolazione"),
    "pilots": ("Pilots", "Expérimentations", "Sperimentazioni"),
    "events": ("Events", "Événements", "Eventi"),
    "none": ("None in the graph.", "Aucun dans le graphe.", "Nessuno nel grafo."),
    "shown-of": ("{shown} of {total}", "{shown} sur {total}", "{shown} su {total}"),
    "date": ("Date", "Date", "Data"),
    "where": ("Where", "Où", "Dove"),
    "public-spaces": ("Public spaces", "Espaces publics", "Spazi pubblici"),
    "threat-types": ("Threat types", "Types de menace", "Tipi di minaccia"),
    "killed": ("Killed", "Tués", "Morti"),
    "injured": ("Injured", "Blessés", "Feriti"),
    "casualties-note": ("perpetrators excluded", "auteurs exclus", "autori esclusi"),
    "means-used": ("Means used", "Moyens employés", "Mezzi usati"),
    "protection-held": ("Protection that held", "Protection qui a tenu", "Protezione che ha tenuto"),
    "protection-breached": ("Protection breached", "Protection franchie", "Protezione violata"),
    "protection-bypassed": ("Protection bypassed", "Protection contournée", "Protezione aggirata"),
    "protection-absent": ("Protection absent", "Protection absente", "Protezione assente"),
    "what-works-link": (
        "What works against {threat}",
        "Ce qui protège contre : {threat}",
        "Che cosa protegge da: {threat}",
    ),
    # lesson and pilot pages
    "about-threats": ("About the threats", "À propos des menaces", "A proposito delle minacce"),
    "about-measures": ("About the measures", "À propos des mesures", "A proposito delle misure"),
    "learnt-from": ("Learnt from", "Tirée de", "Appresa da"),
    "measures-deployed": ("Measures deployed", "Mesures déployées", "Misure impiegate"),
    "equipment": ("Equipment", "Équipement", "Attrezzatura"),
    "rating": ("Rated to stop", "Homologuée pour arrêter", "Omologata per fermare"),
    "rating-value": (
        "a {mass} kg vehicle at {speed} km/h",
        "un véhicule de {mass} kg à {speed} km/h",
        "un veicolo di {mass} kg a {speed} km/h",
    ),
    "rating-code": ("Rating code", "Code de classement", "Codice di classificazione"),
    "tested-to": ("Tested to", "Testée selon", "Testata secondo"),
    "cost": ("Cost", "Coût", "Costo"),
    "supplier": ("Supplier", "Fournisseur", "Fornitore"),
    "run-by": ("Run by", "Mené par", "Condotto da"),
    "outcome": ("Outcome", "Résultat", "Esito"),
    "start-date": ("Start", "Début", "Inizio"),
    "end-date": ("End", "Fin", "Fine"),
    "part-of": ("Part of", "Fait partie de", "Fa parte di"),
    "notes": ("Notes on the data", "Notes sur les données", "Note sui dati"),
    # errors
    "not-found-title": ("Not found", "Introuvable", "Non trovato"),
    "not-found": (
        "There is no {kind} “{slug}” in the graph.",
        "Le graphe ne contient pas de « {slug} » ({kind}).",
        "Il grafo non contiene «{slug}» ({kind}).",
    ),
    "did-you-mean": ("Did you mean:", "Vouliez-vous dire :", "Forse cercavate:"),
    "see-list": ("See the list", "Voir la liste", "Vedere l'elenco"),
}


def text(lang: str, key: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (English for an unknown language), ``{name}`` fields
    filled from ``values``."""
    english, french, italian = _MESSAGES[key]
    chosen = {"fr": french, "it": italian}.get(lang, english)
    return chosen.format(**values) if values else chosen


def message_keys() -> list[str]:
    """Every message key (for the tests that check each has its three translations)."""
    return list(_MESSAGES)
