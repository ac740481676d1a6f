"""NDP Tracker behind its wire limits: ``streamlit run server.py`` serves app.py as ``streamlit
run app.py`` does, with ``access.wire.WireLimits`` in front of Streamlit's own routes (a bounded
message rate per connection and per address; uploads only from a signed-in user who may import,
within a quota). Streamlit finds ``app`` here and runs it with uvicorn (st.App)."""
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from access.wire import WireLimits

app = st.App(Path(__file__).resolve().with_name("app.py"), middleware=[Middleware(WireLimits)])
