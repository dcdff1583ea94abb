"""The test suites: unit tests here, tests/e2e, tests/channels and tests/web for the running servers."""
