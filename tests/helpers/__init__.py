"""Helpers shared by the tests (imported as ``from helpers import chromium``; tests/ is on ``pythonpath``).

- :mod:`helpers.paths` -- ``ROOT`` (the repository) and ``SHARED`` (``../shared`` or ``$LITKIT_SHARED``);
- :mod:`helpers.chromium` -- rendering an HTML file in headless Chromium;
- :mod:`helpers.mutate` -- damaging export files the way downloads and editors do;
- :mod:`helpers.writers` -- minimal writers of each export format, for property tests.
"""
