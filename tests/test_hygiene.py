"""Layering: loaders/, analysis/ and reports/ never import streamlit."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(f"{p.parent.name}.{p.stem}" for d in ("loaders", "analysis", "reports") for p in (ROOT / d).glob("*.py")
                 if p.stem not in ("__init__", "__main__"))


@pytest.mark.parametrize("module", MODULES)
def test_module_does_not_import_streamlit(module):
    code = f"import sys, {module}; sys.exit(1 if any(m.split('.')[0] == 'streamlit' for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0, module


def test_there_are_modules_to_check():
    assert "loaders.parse" in MODULES and "analysis.counts" in MODULES
