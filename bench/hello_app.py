"""The baseline for the browser benchmarks: one selectbox and one chart, nothing else."""
import pandas as pd
import plotly.express as px
import streamlit as st

choice = st.selectbox("Ministry", ["all", "one"], key="pick")
data = pd.DataFrame({"body": [f"B{i}" for i in range(14)], "count": list(range(14, 0, -1))})
if choice == "one":
    data = data.head(2)
st.plotly_chart(px.bar(data, x="count", y="body", orientation="h"), key="chart")
