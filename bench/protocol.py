"""A Streamlit client without a browser: the websocket and protobuf messages of the installed
streamlit package (``BackMsg`` out, ``ForwardMsg`` in), as the browser speaks them.

A view is one ``rerun_script`` BackMsg answered by ``script_finished`` (runs that end early for a
rerun, such as the router's first run, are part of the same view). Widgets are changed the way the
browser changes them: the widget's id and options are read from the deltas the server sent, and
the next rerun carries the new value in ``widget_states``.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

_EARLY = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
_SUCCESS = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
_WIDGETS = {"multiselect": "string_array_value", "button_group": "string_array_value",
            "selectbox": "string_value"}


class ViewError(Exception):
    """A view that did not finish cleanly (an exception shown, the script failed, no answer)."""


@dataclass
class Widget:
    kind: str            # element type: multiselect, button_group, selectbox
    id: str
    options: list[str]


@dataclass
class Session:
    """One browser tab: its websocket, the page it is on, its URL and the widget values it sent."""
    url: str                     # http://127.0.0.1:PORT
    timeout: float = 60.0
    ws: websockets.ClientConnection | None = None
    pages: dict[str, str] = field(default_factory=dict)       # url path -> page_script_hash
    page: str = ""                                             # current url path ("" = default)
    query: dict[str, list[str]] = field(default_factory=dict)
    widgets: dict[str, Widget] = field(default_factory=dict)   # user key -> widget seen last run
    values: dict[str, list[str] | str] = field(default_factory=dict)  # user key -> value sent
    texts: list[str] = field(default_factory=list)             # markdown/title text of the last view
    title: str = ""                 # the first heading of the last view that finished
    done_page: str | None = None    # the page and URL query of the last view that finished
    done_query: dict[str, list[str]] = field(default_factory=dict)
    affinity: bool = False        # behind HAProxy: keep its replica cookie, as a browser does
    cookie: str | None = None
    source: str | None = None     # the local address to connect from (127.0.0.N: one person, one address)

    async def connect(self) -> None:
        """Open the websocket; behind a balancer, first load the page as a browser does (the
        response sets the replica cookie) and send the cookie with the websocket."""
        if self.affinity and self.cookie is None:
            self.cookie = await asyncio.to_thread(_replica_cookie, self.url, self.timeout)
        ws_url = self.url.replace("http://", "ws://", 1) + "/_stcore/stream"
        headers = {"Cookie": self.cookie} if self.cookie else None
        self.ws = await websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=self.timeout, ping_interval=None, additional_headers=headers,
                                           **({"local_addr": (self.source, 0)} if self.source else {}))
        renewed = _cookie_of(self.ws.response.headers.get_all("Set-Cookie"))   # re-issued on failover
        if renewed:
            self.cookie = renewed

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    def set(self, key: str, value: list[str] | str) -> None:
        """Choose a widget value (by its key) for the next rerun, as the browser would send it."""
        self.values[key] = value

    def option(self, key: str, pick) -> str:
        """The wire form of an option of widget ``key``: ``pick(options)``."""
        return pick(self.widgets[key].options)

    async def view(self, page: str | None = None) -> float:
        """Rerun on ``page`` (or the current one) with the current widget values; seconds taken."""
        if self.ws is None:
            await self.connect()
        if page is not None and page != self.page:
            self.page = page
            self.widgets = {k: w for k, w in self.widgets.items() if k in self.values}
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = urlencode(self.query, doseq=True)
        state.page_name = self.page
        state.page_script_hash = self.pages.get(self.page, "")
        state.context_info.timezone = "Asia/Ho_Chi_Minh"
        state.context_info.locale = "vi-VN"
        state.context_info.url = f"{self.url}/{self.page}"
        for key, value in self.values.items():
            widget = self.widgets.get(key)
            if widget is None:
                continue
            ws = state.widget_states.widgets.add()
            ws.id = widget.id
            target = getattr(ws, _WIDGETS[widget.kind])
            if isinstance(value, list):
                target.data.extend(value)
            else:
                ws.string_value = value
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        await asyncio.wait_for(self._until_finished(), self.timeout)
        return time.perf_counter() - started

    async def _until_finished(self) -> None:
        self.texts, headings = [], []
        problem = None
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "delta":
                problem = self._read_delta(fwd.delta, headings) or problem
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fwd.navigation.app_pages}
            elif kind == "page_info_changed":
                self.query = _parse_query(fwd.page_info_changed.query_string)
            elif kind == "page_not_found":
                problem = f"page not found: {self.page}"
            elif kind == "script_finished":
                if fwd.script_finished == _EARLY:
                    continue
                if fwd.script_finished != _SUCCESS:
                    problem = f"script finished with status {fwd.script_finished}"
                if problem:
                    raise ViewError(problem)
                self.title = next((h for h in headings if h), "")
                self.done_page, self.done_query = self.page, dict(self.query)
                return

    def _read_delta(self, delta, headings: list[str]) -> str | None:
        if delta.WhichOneof("type") != "new_element":
            return None
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            return f"{element.exception.type}: {element.exception.message}"
        if kind in _WIDGETS:
            proto = getattr(element, kind)
            key = proto.id.rsplit("-", 1)[-1] if proto.id.startswith("$$ID-") else proto.id
            options = list(proto.options) if kind != "button_group" else [o.content for o in proto.options]
            self.widgets[key] = Widget(kind, proto.id, options)
        elif kind in ("markdown", "heading"):
            self.texts.append(getattr(element, kind).body)
            if kind == "heading":
                headings.append(element.heading.body)
        return None


COOKIE = "ndp_replica"


def message_kind(data: bytes) -> str:
    """A server message's kind, for counting: its type, ``element:<type>`` for a new element,
    ``block`` for a new block (container, columns, tabs, popover...)."""
    fwd = ForwardMsg()
    fwd.ParseFromString(data)
    kind = fwd.WhichOneof("type")
    if kind == "delta":
        kind = fwd.delta.WhichOneof("type")
        if kind == "new_element":
            kind = "element:" + fwd.delta.new_element.WhichOneof("type")
        elif kind == "add_block":
            kind = "block"
    return kind


def _cookie_of(set_cookies: list[str]) -> str | None:
    for header in set_cookies:
        pair = header.split(";", 1)[0].strip()
        if pair.startswith(COOKIE + "="):
            return pair
    return None


def _replica_cookie(url: str, timeout: float) -> str | None:
    import urllib.request
    with urllib.request.urlopen(url + "/", timeout=timeout) as response:
        return _cookie_of(response.headers.get_all("Set-Cookie") or [])


def _parse_query(query: str) -> dict[str, list[str]]:
    return parse_qs(query, keep_blank_values=False)
