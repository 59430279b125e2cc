"""The data on disk: one owner per file format (the plan, the year files, CSV), the data
folder with its lock, atomic writes, and the cache of validated files.

Imports the core, never the words, the renderers or the command line.
"""
