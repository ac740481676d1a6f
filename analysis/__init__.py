"""Pure computations over DataFrames read from the database. Never imports streamlit."""
