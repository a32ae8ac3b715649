"""The frozen executable's entry point (PyInstaller runs this file as __main__)."""

from ui.launcher import main

raise SystemExit(main())
