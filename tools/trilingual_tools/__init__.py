"""Tools for developing the site, not part of it: the benchmark, the Lighthouse audit and a
copied project served on 127.0.0.1 for tests. Run from the repository with ``PYTHONPATH=tools``
(the Makefile and pytest set it)."""
