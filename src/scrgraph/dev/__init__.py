"""Developers' tools: the README's generated sections and the benchmarks."""
