"""Commands that live in their own modules; each registers itself on ``cli.app``.

A command module imports ``app`` and the helpers from :mod:`ntm_tracker.cli` and keeps
heavy imports inside its functions, so that registering it costs almost nothing.
"""
