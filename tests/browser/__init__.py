"""Browser tests: the running app driven in headless Chromium, as a visitor uses it."""
