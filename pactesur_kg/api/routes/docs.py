"""The OpenAPI document at /openapi.json, its examples the graph's answers (``api.openapi``),
and the documentation page at /docs: Swagger UI over it, from vendored files
(``static/swagger-ui/``), so the page loads nothing from another host."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from ..deps import StateDep
from ..openapi import document

router = APIRouter()

STATIC = "/static/swagger-ui"
DOCUMENT = "/openapi.json"


@router.get(DOCUMENT, include_in_schema=False)
async def openapi_document(request: Request, state: StateDep) -> JSONResponse:
    """The OpenAPI document, made once and again after each change of the graph."""
    return JSONResponse(await state.derived.get("openapi", lambda: document(request.app)))


@router.get("/docs", include_in_schema=False)
async def docs(request: Request) -> HTMLResponse:
    """Swagger UI: every route with its parameters, examples and answers, and "Try it out"."""
    app = request.app
    return get_swagger_ui_html(
        openapi_url=DOCUMENT,
        title=f"{app.title}: API",
        swagger_js_url=f"{STATIC}/swagger-ui-bundle.js",
        swagger_css_url=f"{STATIC}/swagger-ui.css",
        swagger_favicon_url=f"{STATIC}/favicon-32x32.png",
        # never send the OpenAPI document to the online validator
        swagger_ui_parameters={"validatorUrl": None},
    )
