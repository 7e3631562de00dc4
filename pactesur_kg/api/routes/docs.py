"""The API documentation page at /docs: Swagger UI over /openapi.json, from vendored files
(``static/swagger-ui/``), so the page loads nothing from another host."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter()

STATIC = "/static/swagger-ui"


@router.get("/docs", include_in_schema=False)
async def docs(request: Request) -> HTMLResponse:
    """Swagger UI: every route with its parameters, examples and answers, and "Try it out"."""
    app = request.app
    return get_swagger_ui_html(
        openapi_url=app.openapi_url,
        title=f"{app.title}: API",
        swagger_js_url=f"{STATIC}/swagger-ui-bundle.js",
        swagger_css_url=f"{STATIC}/swagger-ui.css",
        swagger_favicon_url=f"{STATIC}/favicon-32x32.png",
        # never send the OpenAPI document to the online validator
        swagger_ui_parameters={"validatorUrl": None},
    )
