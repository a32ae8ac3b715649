"""The user-interface language: one installed QTranslator, switchable while running.

English is the source language, so "en" means no translator at all. Installing or
removing a translator makes Qt send LanguageChange to every widget, and each
widget re-reads its texts in `changeEvent`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ui.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("en", "vi")
_installed: QTranslator | None = None
_current = "en"


def translation_file(language: str) -> str:
    return str(resource_path("translations", f"calldesk_{language}.qm"))


def set_language(language: str) -> str:
    """Install the translator for `language`; returns the language actually in use."""
    global _installed, _current
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    if language not in LANGUAGES:
        language = "en"
    translator: QTranslator | None = None
    if language != "en":
        translator = QTranslator(app)
        if not translator.load(translation_file(language)):
            log.warning("no translation file %s; staying in English", translation_file(language))
            translator, language = None, "en"
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed.deleteLater()
        _installed = None
    if translator is not None:
        app.installTranslator(translator)
        _installed = translator
    _current = language
    QLocale.setDefault(_locale(language))
    return language


def current_language() -> str:
    return _current


def _locale(language: str) -> QLocale:
    if language == "vi":
        return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
