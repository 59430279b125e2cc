"""Developer tools that are not part of ntm: the offline Windows bundle (windows_bundle.py)
and the files it ships (windows/)."""
