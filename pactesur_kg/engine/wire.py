"""Messages between the server and its query workers, over a pipe each way.

A message is a small pickled header (the request, or the reply's status and media type)
and a raw body (the serialised result) sent as the pieces the serialiser wrote, with one
``writev`` and read with as few ``read`` calls as the pipe allows: a result is copied
once into the pipe and once out of it, never pickled, joined or buffered again.

>>> reader, writer = os.pipe()
>>> write_message(writer, ("ok", "text/csv"), [b"n\\r\\n", b"3\\r\\n"])
>>> read_message(reader)
(('ok', 'text/csv'), b'n\\r\\n3\\r\\n')
>>> os.close(writer)
>>> read_message(reader)
Traceback (most recent call last):
...
EOFError: the other end of the pipe is closed
>>> os.close(reader)
"""

from __future__ import annotations

import os
import pickle
import struct
from collections.abc import Sequence
from typing import Any

#: lengths of the pickled header and of the body
_FRAME = struct.Struct("!IQ")
#: most buffers one writev takes
_MOST_BUFFERS = os.sysconf("SC_IOV_MAX") if "SC_IOV_MAX" in os.sysconf_names else 16


def write_message(descriptor: int, header: Any, body: Sequence[bytes] = ()) -> None:
    encoded = pickle.dumps(header, protocol=pickle.HIGHEST_PROTOCOL)
    pending = [memoryview(_FRAME.pack(len(encoded), sum(map(len, body)))), memoryview(encoded)]
    pending += [memoryview(piece) for piece in body if piece]
    while pending:
        written = os.writev(descriptor, pending[:_MOST_BUFFERS])
        while pending and written >= len(pending[0]):  # drop what went whole, cut what went in part
            written -= len(pending.pop(0))
        if written:
            pending[0] = pending[0][written:]


def read_message(descriptor: int) -> tuple[Any, bytes]:
    """The next message; :class:`EOFError` when the writer is gone."""
    header_size, body_size = _FRAME.unpack(_read_exactly(descriptor, _FRAME.size))
    header = pickle.loads(_read_exactly(descriptor, header_size))
    return header, _read_exactly(descriptor, body_size)


def _read_exactly(descriptor: int, size: int) -> bytes:
    pieces: list[bytes] = []
    remaining = size
    while remaining:
        piece = os.read(descriptor, remaining)
        if not piece:
            raise EOFError("the other end of the pipe is closed")
        pieces.append(piece)
        remaining -= len(piece)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)  # b"" when size is 0
