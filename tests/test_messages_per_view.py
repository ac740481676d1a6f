"""How many messages a view of each common page sends, counted on the wire: every element, block
(container, columns, tabs, popover, expander) and caption is one ForwardMsg the script thread
builds and the server serialises and sends, so their number is most of a warm view's cost
(docs/benchmarks.md "Tenth session"). The five pages of the load test's visit, in both languages,
with and without a ministry filter, against a real server, as a browser's session would see them
(bench/protocol.py). A page that grows back past its bound fails here: fold a new note into the
caption beside it (``pages.cite.show``), put a row in one horizontal container, or raise the bound
with the reason in the commit."""
from __future__ import annotations

import asyncio
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from bench.protocol import Session, message_kind
from bench.sessions import FILTER, LANG_LABEL, PAGES
from tests.servers import served

# Messages of one warm view, everything counted (about 10 are the chrome app.py draws on every
# page: new_session, the session status, page config, language, stylesheet, sign-in, navigation,
# the ministry filter, script_finished; a filtered view adds its note and the URL's change).
# Measured (tenth session), unfiltered / filtered: main before it sent overview 42/42, catalogue
# 22/23, provinces 42/38, ministries 27/28, progress 65/64; now 36/37, 19/20, 36/32, 25/26, 52/51.
# Each bound is the largest variant measured plus one.
BOUND = {"overview": 38, "catalogue": 21, "provinces": 37, "ministries": 27, "progress": 53}
TIMEOUT = 240   # seconds for the whole walk (20 views and a warm-up), a server that hangs fails


async def walk(url: str) -> dict[tuple[str, str, bool], Counter]:
    """Each page, warm, in each language, unfiltered and filtered: its messages by kind."""
    session = Session(url)
    await session.connect()
    recv, current = session.ws.recv, [Counter()]

    async def counting():
        data = await recv()
        current[0][message_kind(data)] += 1
        return data

    session.ws.recv = counting
    for page in PAGES.values():   # warm-up: every page once (caches, the widgets' ids)
        await session.view(page)
    counts = {}
    for language in ("vi", "en"):
        session.set("lang", [LANG_LABEL[language]])
        for filtered in (False, True):
            session.set(FILTER, [session.option(FILTER, lambda o: o[0])] if filtered else [])
            for name, page in PAGES.items():
                await session.view(page)   # the change above lands; the next view is the one counted
                current[0] = Counter()
                await session.view(page)
                counts[name, language, filtered], current[0] = current[0], Counter()
    await session.close()
    return counts


def test_common_views_send_no_more_messages_than_their_bound(built_db, tmp_path):
    with served(built_db, tmp_path) as server, ThreadPoolExecutor(1) as thread:
        # a loop of its own, in a thread: the browser tests' Playwright (sync API) keeps an event
        # loop running in this thread for the whole session when they run first (make test)
        counts = thread.submit(asyncio.run, asyncio.wait_for(walk(server.url), TIMEOUT)).result()
    table = {key: sum(c.values()) for key, c in counts.items()}
    assert len(table) == 4 * len(PAGES)
    over = {key: (n, dict(counts[key].most_common())) for key, n in table.items() if n > BOUND[key[0]]}
    assert not over, over
    for name in PAGES:   # each page is counted whole: its own elements are there, not only the chrome
        assert min(n for key, n in table.items() if key[0] == name) >= 15, table
