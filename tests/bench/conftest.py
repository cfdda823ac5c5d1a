"""Benchmarks are run by hand (python tests/bench/run.py), never collected by pytest."""
collect_ignore_glob = ["*"]
