"""Messages between the server and its query workers arrive whole and in order, whatever
their size against the pipe's capacity and however many pieces the body has."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator

import pytest

from pactesur_kg.engine.wire import read_message, write_message


@pytest.fixture
def pipe() -> Iterator[tuple[int, int]]:
    reader, writer = os.pipe()
    yield reader, writer
    for descriptor in (reader, writer):
        with contextlib.suppress(OSError):  # closed by the test
            os.close(descriptor)


def _written_meanwhile(writer: int, messages: list[tuple[object, list[bytes]]]) -> threading.Thread:
    """Writes the messages from another thread: a body larger than the pipe blocks the
    writer until the reader empties it."""

    def write_all() -> None:
        for header, body in messages:
            write_message(writer, header, body)

    thread = threading.Thread(target=write_all)
    thread.start()
    return thread


def test_a_body_larger_than_the_pipe_in_many_pieces(pipe: tuple[int, int]) -> None:
    reader, writer = pipe
    pieces = [bytes([i % 251]) * 997 for i in range(5000)]  # 4.98 MB in more pieces than one writev takes
    thread = _written_meanwhile(writer, [(("ok", "text/csv", "solutions"), pieces), ({"query": "ASK {}"}, [])])
    first = read_message(reader)
    second = read_message(reader)
    thread.join()
    assert first == (("ok", "text/csv", "solutions"), b"".join(pieces))
    assert second == ({"query": "ASK {}"}, b"")


def test_empty_pieces_and_an_empty_body(pipe: tuple[int, int]) -> None:
    reader, writer = pipe
    write_message(writer, ("ok", "text/plain", "solutions"), [b"", b"a", b"", b"bc"])
    write_message(writer, ("error", "syntax", "invalid SPARQL query"), [])
    assert read_message(reader) == (("ok", "text/plain", "solutions"), b"abc")
    assert read_message(reader) == (("error", "syntax", "invalid SPARQL query"), b"")


def test_a_writer_gone_mid_message_is_an_end_of_file(pipe: tuple[int, int]) -> None:
    reader, writer = pipe
    os.write(writer, b"\x00\x00\x00\x05")  # half of a frame, then the worker dies
    os.close(writer)
    with pytest.raises(EOFError):
        read_message(reader)
