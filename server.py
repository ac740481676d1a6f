"""NDP Tracker behind its wire limits: ``streamlit run server.py`` serves app.py as ``streamlit
run app.py`` does, with ``access.wire.WireLimits`` in front of Streamlit's own routes (a bounded
message rate per connection and per address; uploads only from a signed-in user who may import,
within a quota; a session's reconnect only from who opened it), and the route that sets the sign-in
cookie as HttpOnly for a one-time ticket (``access.cookie_route``). Streamlit finds ``app`` here and
runs it with uvicorn (st.App)."""
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from starlette.routing import Route

from access.cookie_route import PATH, set_cookie
from access.wire import WireLimits

app = st.App(Path(__file__).resolve().with_name("app.py"), middleware=[Middleware(WireLimits)],
             routes=[Route(PATH, set_cookie, methods=["POST"])])
