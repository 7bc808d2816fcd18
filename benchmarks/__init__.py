"""Benchmark tools for duikou: ``python -m benchmarks.synth`` writes a synthetic corpus."""
