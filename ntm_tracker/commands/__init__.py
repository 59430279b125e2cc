"""The commands: each parses its arguments, calls the core once, and renders.

Each module lists its commands in ``COMMANDS``; :mod:`ntm_tracker.cli` registers them.
Heavy imports stay inside the functions, so that registering costs almost nothing.
"""
