"""Where the built-in templates live: `templates/` in a checkout, `generator/templates` in a wheel."""

from __future__ import annotations

from pathlib import Path

_CHECKOUT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_INSTALLED_TEMPLATES = Path(__file__).resolve().parent / "templates"


def builtin_templates() -> Path:
    if (_CHECKOUT_TEMPLATES / "profiles.yaml").is_file():
        return _CHECKOUT_TEMPLATES
    return _INSTALLED_TEMPLATES
