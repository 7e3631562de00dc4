"""The HTML of the contribution pages: the frame, the token box, the forms made from the
shapes (:mod:`.forms`) and the review queue's empty frame (its script fills it).

Every text is escaped here; the scripts write what the server answers with ``textContent``.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from ...namespaces import PREFIXES
from ..page import script_json
from .forms import KINDS, Field, Form, Kind
from .messages import CLASS_NAMES, LANGUAGES, PROPERTY_NAMES, words

#: the languages a text field offers first (the graph's own), before the rest of sh:languageIn
_FIRST_LANGUAGES = ("en", "fr", "it")
_LONG_TEXT = {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel"}
_DATE_OR_MONTH = r"\d{4}-\d{2}(-\d{2})?"

#: a picker's choices: (IRI, name) of each instance, by class
Choices = dict[str, list[tuple[str, str]]]


@dataclass(frozen=True)
class Names:
    """What the pages call things in one language: the ontology's labels, then the catalogue's."""

    language: str
    labels: dict[str, dict[str, str]]

    def term(self, iri: str, fallback: dict[str, str] | None = None) -> str:
        for names in (self.labels.get(iri, {}), PROPERTY_NAMES.get(iri, {}), CLASS_NAMES.get(iri, {}), fallback or {}):
            if self.language in names:
                return names[self.language]
            if "en" in names:
                return names["en"]
        return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]

    def field(self, field: Field) -> str:
        for names in (self.labels.get(field.path, {}), PROPERTY_NAMES.get(field.path, {})):
            if self.language in names:
                return names[self.language]
        return field.names.get(self.language) or self.term(field.path, field.names)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _current(flag: bool, value: str) -> str:
    return f' aria-current="{value}"' if flag else ""


def frame(language: str, title: str, here: str, body: str, scripts: list[str], keep: str = "") -> str:
    """A whole page: its language, the site's links, the language switch (keeping the query
    parameters ``keep``, e.g. ``kind=lesson&``) and ``body``."""
    w = words(language)
    links = [("/sparql", w["nav_query"]), ("/contribute", w["nav_contribute"]), ("/review", w["nav_review"])]
    nav = "".join(f'<li><a href="{path}"{_current(path == here, "page")}>{_e(name)}</a></li>' for path, name in links)
    nav += f'<li><a href="/changes">{_e(w["nav_changes"])}</a></li>'
    switch = "".join(
        f'<li><a href="{here}?{_e(keep)}lang={code}" hreflang="{code}" lang="{code}"'
        f"{_current(code == language, 'true')}>{code.upper()}</a></li>"
        for code in LANGUAGES
    )
    tags = "".join(f'<script src="/static/contribute/{name}"></script>' for name in scripts)
    return f"""<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}: {_e(w["site"])}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/contribute/contribute.css">
</head>
<body>
<header>
<p class="site">{_e(w["site"])}</p>
<nav aria-label="{_e(w["nav"])}"><ul>{nav}</ul></nav>
<nav aria-label="{_e(w["languages"])}"><ul class="languages">{switch}</ul></nav>
</header>
<main>
<h1>{_e(title)}</h1>
{body}
</main>
{tags}
</body>
</html>
"""


def off_page(language: str) -> str:
    w = words(language)
    return frame(language, w["off_title"], "/contribute", f"<p>{_e(w['off_text'])}</p>", [])


def token_box(language: str) -> str:
    w = words(language)
    return f"""<section aria-labelledby="token-heading" class="token">
<h2 id="token-heading">{_e(w["token_heading"])}</h2>
<form id="token-form">
<label for="token">{_e(w["token_label"])}</label>
<input id="token" name="token" type="password" autocomplete="off" spellcheck="false" aria-describedby="token-help">
<button type="submit">{_e(w["token_use"])}</button>
<button type="button" id="token-forget">{_e(w["token_forget"])}</button>
</form>
<p id="token-help" class="help">{_e(w["token_help"])}</p>
<p id="token-state" role="status">{_e(w["token_unset"])}</p>
</section>
"""


def _config(language: str, extra: dict[str, Any]) -> str:
    config = {"language": language, "words": words(language), "prefixes": PREFIXES, **extra}
    return f'<script type="application/json" id="contribute-config">{script_json(config)}</script>\n'


# -- the forms --------------------------------------------------------------------------------


def _hints(field: Field, language: str) -> list[str]:
    w = words(language)
    hints: list[str] = []
    if field.required:
        hints.append(w["required"])
    elif field.advised:
        hints.append(w["advised"])
    if field.english_required:
        hints.append(w["english_needed"])
    if field.max_count == 1:
        hints.append(w["at_most_one"])
    control = field.control
    hints += [w[f"hint_{control.replace('-', '_')}"]] if f"hint_{control.replace('-', '_')}" in w else []
    if field.minimum is not None:
        hints.append(w["hint_above" if field.minimum_excluded else "hint_minimum"].format(minimum=field.minimum))
    return hints


def _description(field: Field, language: str) -> tuple[str, str] | None:
    """The shapes' description of the field, in the page's language if they have it, else in English."""
    by_language = {(d.language or "en"): str(d) for d in field.descriptions}
    if language in by_language:
        return by_language[language], language
    if "en" in by_language:
        return by_language["en"], "en"
    return None


def _languages(field: Field) -> list[str]:
    return [*_FIRST_LANGUAGES, *(tag for tag in field.languages if tag not in _FIRST_LANGUAGES)]


def _choices_html(field: Field, choices: Choices, names: Names) -> str:
    w = words(names.language)
    options = [f'<option value="">{_e(w["choose"])}</option>']
    for class_iri in field.classes:
        found = "".join(f'<option value="{_e(iri)}">{_e(name)}</option>' for iri, name in choices.get(class_iri, []))
        if len(field.classes) > 1:
            options.append(f'<optgroup label="{_e(names.term(class_iri))}">{found}</optgroup>')
        else:
            options.append(found)
    return "".join(options)


def _control(field: Field, ident: str, described_by: str, choices: Choices, names: Names) -> str:
    """The control of the first value of ``field`` (the script copies it for more values)."""
    required = " required" if field.min_count > 0 or field.english_required else ""
    common = f'id="{ident}" data-value aria-describedby="{described_by}"{required}'
    control = field.control
    if control == "resource":
        return f"<select {common}>{_choices_html(field, choices, names)}</select>"
    if control in ("url", "iri"):
        return f'<input {common} type="url" inputmode="url" spellcheck="false">'
    if control == "date":
        return f'<input {common} type="date">'
    if control == "date-or-month":
        return f'<input {common} type="text" pattern="{_DATE_OR_MONTH}" placeholder="YYYY-MM-DD">'
    if control in ("integer", "decimal"):
        step = "1" if control == "integer" else "any"
        minimum = f' min="{_e(field.minimum)}"' if field.minimum is not None and not field.minimum_excluded else ""
        return f'<input {common} type="number" step="{step}"{minimum}>'
    if field.text_in_a_language and field.path not in _LONG_TEXT:
        return f'<textarea {common} rows="4"></textarea>'
    return f'<input {common} type="text">'


def _field_html(field: Field, number: int, choices: Choices, names: Names, all_fields: list[Field]) -> str:
    w = words(names.language)
    name = names.field(field)
    if field.given_by:
        given = ", ".join(names.field(f) for f in all_fields if f.path in field.given_by)
        return f'<p class="one-of" data-path="{_e(field.path)}">{_e(w["one_of"].format(names=given))}</p>\n'
    ident = f"field-{number}"
    hints_id, description_id = f"{ident}-hints", f"{ident}-description"
    hints = _hints(field, names.language)
    described = [hints_id]
    description = _description(field, names.language)
    description_html = ""
    if description is not None:
        text, text_language = description
        lang = f' lang="{text_language}"' if text_language != names.language else ""
        description_html = f'<p class="description" id="{description_id}"{lang}>{_e(text)}</p>'
        described.append(description_id)
    value_id = f"{ident}-1"
    language_html = ""
    if field.text_in_a_language:
        options = "".join(f'<option value="{tag}">{tag}</option>' for tag in _languages(field))
        language_html = (
            f'<label class="visually-hidden" for="{value_id}-lang">'
            f"<span>{_e(w['value_language'].format(name=name, n=1))}</span></label>"
            f'<select id="{value_id}-lang" data-language>{options}</select>'
        )
    required_mark = f' <span class="required">({_e(w["required"])})</span>' if field.required else ""
    several = field.max_count != 1
    add = f'<button type="button" class="add-value">{_e(w["add_value"].format(name=name))}</button>' if several else ""
    attributes = {
        "data-path": field.path,
        "data-control": field.control,
        "data-name": name,
        "data-datatypes": " ".join(field.datatypes),
    }
    data = " ".join(f'{key}="{_e(value)}"' for key, value in attributes.items())
    return f"""<fieldset class="field" {data}>
<legend>{_e(name)}{required_mark}</legend>
<p class="hints" id="{hints_id}">{_e(" · ".join(hints))}</p>
{description_html}
<div class="values"><div class="value">
<label class="visually-hidden" for="{value_id}">{_e(w["value_label"].format(name=name, n=1))}</label>
{_control(field, value_id, " ".join(described), choices, names)}
{language_html}
</div></div>
{add}
</fieldset>
"""


def _kinds_nav(chosen: Kind, names: Names, language: str) -> str:
    w = words(language)
    items = "".join(
        f'<li><a href="/contribute?kind={kind.slug}&amp;lang={language}"'
        f"{_current(kind == chosen, 'page')}>{_e(names.term(kind.class_iri))}</a></li>"
        for kind in KINDS
    )
    return f'<nav aria-label="{_e(w["kinds"])}" class="kinds"><p>{_e(w["kinds"])}</p><ul>{items}</ul></nav>\n'


_PASTE_FORMATS = (
    ("text/turtle", "Turtle"),
    ("application/n-triples", "N-Triples"),
    ("application/ld+json", "JSON-LD"),
    ("application/rdf+xml", "RDF/XML"),
    ("application/sparql-update", "SPARQL Update (DELETE DATA, INSERT DATA)"),
)


def contribute_page(form: Form, choices: Choices, names: Names) -> str:
    language = names.language
    w = words(language)
    kind = form.kind
    fields = "".join(_field_html(f, n, choices, names, form.fields) for n, f in enumerate(form.fields, start=1))
    formats = "".join(f'<option value="{media}">{_e(name)}</option>' for media, name in _PASTE_FORMATS)
    kind_name = names.term(kind.class_iri)
    body = f"""<p>{_e(w["contribute_intro"])}</p>
{token_box(language)}
<section aria-labelledby="contribution-heading">
<h2 id="contribution-heading">{_e(kind_name)}</h2>
<div role="tablist" aria-label="{_e(w["contribute_title"])}" class="tabs">
<button type="button" role="tab" id="tab-form" aria-controls="panel-form"
 aria-selected="true">{_e(w["tab_form"])}</button>
<button type="button" role="tab" id="tab-paste" aria-controls="panel-paste"
 aria-selected="false" tabindex="-1">{_e(w["tab_paste"])}</button>
</div>
<div role="tabpanel" id="panel-form" aria-labelledby="tab-form" tabindex="0">
{_kinds_nav(kind, names, language)}
<form id="resource-form" data-class="{_e(kind.class_iri)}" data-namespace="{_e(kind.namespace)}" novalidate>
{fields}
<p class="minted"><span id="minted-label">{_e(w["iri_label"])}</span>:
<output id="minted" aria-labelledby="minted-label">({_e(w["iri_pending"])})</output></p>
<details><summary>{_e(w["preview"])}</summary><pre id="preview" tabindex="0"></pre></details>
</form>
</div>
<div role="tabpanel" id="panel-paste" aria-labelledby="tab-paste" tabindex="0" hidden>
<form id="paste-form" novalidate>
<p><label for="paste-format">{_e(w["paste_format"])}</label>
<select id="paste-format">{formats}</select></p>
<p><label for="paste">{_e(w["paste_label"])}</label><br>
<textarea id="paste" rows="16" cols="90" spellcheck="false"></textarea></p>
<p><label for="upload">{_e(w["upload_label"])}</label>
<input id="upload" type="file" accept=".ttl,.nt,.jsonld,.json,.rdf,.xml,.ru,.rq,text/turtle"></p>
</form>
</div>
<p><label for="message">{_e(w["message_label"])}</label><br>
<input id="message" type="text" size="80" aria-describedby="message-help">
<span id="message-help" class="help">{_e(w["message_help"])}</span></p>
<p class="actions"><button type="button" id="check">{_e(w["check"])}</button>
<button type="button" id="submit">{_e(w["submit"])}</button></p>
</section>
<section aria-labelledby="outcome-heading" class="outcome">
<h2 id="outcome-heading">{_e(w["report_heading"])}</h2>
<div id="outcome" role="status" aria-live="polite"></div>
</section>
{_config(language, {"kind": kind.slug})}"""
    scripts = ["common.js", "contribute.js"]
    return frame(language, w["contribute_title"], "/contribute", body, scripts, f"kind={kind.slug}&")


def review_page(language: str) -> str:
    w = words(language)
    body = f"""<p>{_e(w["review_intro"])}</p>
{token_box(language)}
<section aria-labelledby="queue-heading">
<h2 id="queue-heading">{_e(w["queue_heading"])}</h2>
<p><button type="button" id="refresh">{_e(w["refresh"])}</button></p>
<p id="queue-status" role="status" aria-live="polite"></p>
<div id="queue"></div>
</section>
{_config(language, {})}"""
    return frame(language, w["review_title"], "/review", body, ["common.js", "review.js"])
