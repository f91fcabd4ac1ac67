"""A websocket client that completes the handshake and then never reads: a stuck phone."""

from __future__ import annotations

import socket


def stuck_socket(port: int, path: str, token: str) -> socket.socket:
    """Open a live websocket on ``path`` with ``token``, read the 101 answer, read no more.

    Its receive buffer is as small as the kernel allows, so the server's buffers fill soon.

    Raises:
        RuntimeError: the server did not switch protocols.
    """
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    raw.connect(("127.0.0.1", port))
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        f"Sec-WebSocket-Version: 13\r\nAuthorization: Bearer {token}\r\n\r\n"
    )
    raw.sendall(request.encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += raw.recv(1)
    if b" 101 " not in head.split(b"\r\n", 1)[0]:
        raise RuntimeError(f"stuck client refused: {head[:80]!r}")
    return raw
