# Makes the repository root importable (loaders, analysis, pages) when pytest runs from it.
