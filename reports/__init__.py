"""Reports people take to meetings: CSV and Excel tables, the full Excel workbook, the PDF brief.
Built from the same data and analysis as the pages; never imports Streamlit."""
