"""Reading request bodies with a size limit (413 past it)."""

from __future__ import annotations

from fastapi import Request

from ..errors import PayloadTooLarge


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"the request body is larger than the limit of {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"the request body is larger than the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def media_type(request: Request) -> str:
    return media_type_of(request.headers.get("content-type"))


def media_type_of(content_type: str | None) -> str:
    """The media type of a Content-Type header, without parameters, in lower case.

    >>> media_type_of("Application/SPARQL-Query; charset=UTF-8")
    'application/sparql-query'
    """
    return (content_type or "").split(";")[0].strip().lower()
