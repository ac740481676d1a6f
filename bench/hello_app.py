"""The baseline for the benchmarks: one selectbox and one chart, nothing else (Streamlit's floor).
The chart is built with ``plotly.graph_objects`` like the dashboard's (``plotly.express`` costs
~90 ms a figure here and would make the floor look slower than it is)."""
import plotly.graph_objects as go
import streamlit as st

choice = st.selectbox("Ministry", ["all", "one"], key="pick")
bodies, counts = [f"B{i}" for i in range(14)], list(range(14, 0, -1))
if choice == "one":
    bodies, counts = bodies[:2], counts[:2]
st.plotly_chart(go.Figure(go.Bar(x=counts, y=bodies, orientation="h")), key="chart")
