"""The HTTP front of ``duikou serve``: checks each request, then hands it to Oxigraph.

The Oxigraph server itself listens on a private loopback address; this
front, on the address the user asked for, refuses before forwarding:

- a ``Host`` header that is not the bound address, ``localhost`` or a
  loopback address (403; a web page that rebinds its DNS name to 127.0.0.1
  sends its own name), unless the bind is a wildcard and the header an IP;
- a body longer than the limit (413) or of unknown length (411), and more
  than :data:`MAX_REQUESTS` requests at once (503);
- a query or update using ``SERVICE`` (or an update using ``LOAD``) unless
  remote access was allowed (400): the store would fetch from other servers
  on behalf of whoever can reach it.

Each request has a total deadline. Oxigraph does not stop a query that
produces no rows (a ``COUNT`` over a cross product), so when the deadline
passes the answer is 503 and :class:`Upstream` is asked to restart the
Oxigraph server, which frees its CPU; other requests in flight at that moment
get 502.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from duikou.queries.guard import remote_access

__all__ = ["Upstream", "Front", "DEFAULT_MAX_BODY", "host_allowed"]

DEFAULT_MAX_BODY = 64 * 1024 * 1024
MAX_REQUESTS = 64  # at once; more get 503 rather than a thread each
READ_TIMEOUT = 30.0  # seconds a client may pause while sending its request
BUFFER = 1024 * 1024  # an answer this small is sent whole, so a late timeout is still a 503
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}
HOP_HEADERS |= {"proxy-authorization", "proxy-authenticate", "content-length", "host"}


class Upstream:
    """Where the Oxigraph server is now, and a way to ask for its restart.

    The owner (the main thread, which started the server) waits on
    :attr:`wake` and restarts it when :attr:`restart_wanted` is set; the
    request threads wait on :attr:`ready`.
    """

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.ready = threading.Event()
        self.wake = threading.Event()
        self.restart_wanted = False
        self.generation = 0

    def ask_restart(self, generation: int) -> None:
        if generation == self.generation:  # not for a server that was restarted since
            self.restart_wanted = True
            self.ready.clear()
            self.wake.set()


def host_allowed(header: str | None, bind_host: str, port: int) -> bool:
    """True if a ``Host`` header names this server in a way a browser page cannot fake.

    >>> host_allowed("127.0.0.1:7878", "127.0.0.1", 7878), host_allowed("localhost", "::1", 80)
    (True, True)
    >>> host_allowed("evil.example:7878", "127.0.0.1", 7878)
    False
    """
    given = (header or "").strip()
    if given.startswith("["):  # [IPv6]:port
        name, _, rest = given[1:].partition("]")
        if rest and not rest.startswith(":"):
            return False
        given_port = rest[1:]
    elif given.count(":") == 1:
        name, given_port = given.split(":")
    elif ":" in given or not given:  # an IPv6 address needs brackets in a Host header
        return False
    else:
        name, given_port = given, ""
    if given_port and given_port != str(port):
        return False
    name = name.strip("[]").lower().rstrip(".")
    bound = bind_host.strip("[]").lower()
    if name in (bound, "localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return address.is_loopback or bound in ("0.0.0.0", "::", "")


class Front(ThreadingHTTPServer):
    """The public server: one thread per request, each checked then forwarded."""

    daemon_threads = True

    def __init__(
        self,
        host: str,
        port: int,
        upstream: Upstream,
        *,
        timeout: float | None = 60.0,
        max_body: int = DEFAULT_MAX_BODY,
        allow_service: bool = False,
    ):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.bind_host = host
        self.upstream = upstream
        self.deadline_seconds = timeout
        self.max_body = max_body
        self.allow_service = allow_service
        self.slots = threading.BoundedSemaphore(MAX_REQUESTS)
        super().__init__((host.strip("[]"), port), _Handler)

    @property
    def port(self) -> int:
        return self.server_address[1]


class _Refused(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


class _ClientGone(Exception):
    """Writing to the client failed (it went away, or stopped reading)."""


class _Handler(BaseHTTPRequestHandler):
    server: Front
    server_version = "duikou"
    timeout = READ_TIMEOUT

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass  # Oxigraph's own log is quiet too

    def do_GET(self):
        self._forward()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = do_GET

    def _forward(self) -> None:
        if not self.server.slots.acquire(blocking=False):
            self._error(503, f"more than {MAX_REQUESTS} requests at once; try again")
            return
        try:
            self._forward_one()
        finally:
            self.server.slots.release()

    def _forward_one(self) -> None:
        started = time.monotonic()
        try:
            body = self._checked()
        except _Refused as refused:
            self._error(refused.status, refused.message)
            return
        seconds = self.server.deadline_seconds
        deadline = None if seconds is None else started + seconds
        try:
            self._relay(body, deadline)
        except _Refused as refused:
            self._error(refused.status, refused.message)

    def _checked(self) -> bytes:
        server = self.server
        if not host_allowed(self.headers.get("Host"), server.bind_host, server.port):
            raise _Refused(403, "this server answers only to its own address or localhost")
        if self.headers.get("Transfer-Encoding"):
            raise _Refused(411, "send the body with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise _Refused(400, "a bad Content-Length") from None
        if length < 0:
            raise _Refused(400, "a bad Content-Length")
        if length > server.max_body:
            self.close_connection = True
            raise _Refused(413, f"the body is larger than the {server.max_body} byte limit")
        body = self.rfile.read(length) if length else b""
        if not server.allow_service:
            word = self._remote_word(body)
            if word:
                raise _Refused(
                    400,
                    f"{word} is not allowed here: the store would fetch from another "
                    "server (start `duikou serve` with --allow-service to allow it)",
                )
        return body

    def _remote_word(self, body: bytes) -> str | None:
        """SERVICE or LOAD in any query or update text the request carries."""
        path = urlsplit(self.path)
        if path.path.rstrip("/").endswith("/store"):
            return None  # Graph Store bodies are data, not queries
        texts = [(k, v) for k, v in parse_qsl(path.query, keep_blank_values=True)]
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        text = body.decode("utf-8", "replace")
        if kind == "application/x-www-form-urlencoded":
            texts += parse_qsl(text, keep_blank_values=True)
        elif body:
            key = "update" if "update" in kind or path.path.endswith("/update") else "query"
            texts.append((key, text))
        for key, value in texts:
            if key in ("query", "update"):
                word = remote_access(value, update=key == "update" or None)
                if word:
                    return word
        return None

    def _relay(self, body: bytes, deadline: float | None) -> None:
        upstream = self.server.upstream
        if not upstream.ready.wait(self._left(deadline, default=30.0)):
            raise _Refused(503, "the store server is not ready; try again")
        generation = upstream.generation
        connection = http.client.HTTPConnection(
            upstream.host, upstream.port, timeout=self._left(deadline)
        )
        sent_head = False
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
            headers["Content-Length"] = str(len(body))
            connection.request(self.command, self.path, body=body, headers=headers)
            sock = connection.sock  # kept: the answer is read through it
            sock.settimeout(self._left(deadline))
            response = connection.getresponse()
            data = self._read(response, sock, BUFFER, deadline)
            finished = len(data) < BUFFER or response.isclosed()
            try:
                self._head(response, len(data) if finished else None)
            except OSError:
                raise _ClientGone from None
            sent_head = True
            self._send(data)
            while not finished:
                data = self._read(response, sock, BUFFER, deadline)
                finished = not data
                self._send(data)
        except _ClientGone:
            self.close_connection = True  # the client stopped reading: not the store's fault
        except TimeoutError:
            upstream.ask_restart(generation)
            self.close_connection = True
            if not sent_head:
                seconds = self.server.deadline_seconds
                raise _Refused(
                    503,
                    f"the request did not finish within the {seconds:g} s limit "
                    "(the server's --timeout)",
                ) from None
        except (ConnectionError, http.client.HTTPException, OSError):
            self.close_connection = True
            if not sent_head:
                raise _Refused(502, "the store server stopped during the request") from None
        finally:
            connection.close()

    def _send(self, data: bytes) -> None:
        try:
            self.wfile.write(data)
        except OSError:
            raise _ClientGone from None

    def _read(self, response, sock, size: int, deadline: float | None) -> bytes:
        """Up to *size* bytes of the answer, each wait bounded by what is left."""
        chunks, got = [], 0
        while got < size:
            left = self._left(deadline)
            if left is not None and left <= 0:
                raise TimeoutError
            sock.settimeout(left)
            data = response.read1(size - got)
            if not data:
                break
            chunks.append(data)
            got += len(data)
        return b"".join(chunks)

    @staticmethod
    def _left(deadline: float | None, default: float | None = None) -> float | None:
        if deadline is None:
            return default
        return max(0.0, deadline - time.monotonic())

    def _head(self, response, length: int | None) -> None:
        self.send_response(response.status, response.reason)
        for key, value in response.getheaders():
            if key.lower() not in HOP_HEADERS:
                self.send_header(key, value)
        if length is not None:
            self.send_header(
                "Content-Length", str(length)
            )  # else the body ends with the connection
        self.send_header("Connection", "close")
        self.close_connection = True
        self.end_headers()

    def _error(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except OSError:
            pass
        self.close_connection = True
