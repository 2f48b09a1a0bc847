"""Run at start-up by every Python process whose PYTHONPATH holds this folder (see tests/netblock.py).

Name lookups and connections raise ``OSError("network access attempted ...")``, and so does creating
any socket but a local (AF_UNIX) one, also through ``_socket`` directly (an audit hook); each attempt
is appended to the file named by ``$NETBLOCK_LOG``, so an attempt the program caught is still seen.
"""

from __future__ import annotations

import os
import socket
import sys
from typing import Any, NoReturn


def _refuse(what: str) -> NoReturn:
    log = os.environ.get("NETBLOCK_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {what}\n")
    raise OSError(f"network access attempted ({what})")


def _blocked(name: str) -> Any:
    def refuse(*args: object, **kwargs: object) -> NoReturn:
        _refuse(f"socket.{name}")
    return refuse


for _name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
              "gethostbyaddr", "getnameinfo"):
    setattr(socket, _name, _blocked(_name))


class _LocalOnlySocket(socket.socket):
    """``socket.socket`` for AF_UNIX only (kept a class, so ``ssl`` and others can still subclass it)."""

    def __init__(self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None) -> None:
        if fileno is None and family != socket.AF_UNIX:
            _refuse(f"socket.socket(family={family})")
        super().__init__(family, type, proto, fileno)


socket.socket = _LocalOnlySocket  # type: ignore[misc]
_NETWORK_EVENTS = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
                   "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo"}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "socket.__new__" and args[1] not in (socket.AF_UNIX, -1):
        _refuse(f"{event}(family={args[1]})")
    if event in _NETWORK_EVENTS and not (event in ("socket.connect", "socket.bind")
                                         and args[0].family == socket.AF_UNIX):
        _refuse(event)


sys.addaudithook(_audit)
