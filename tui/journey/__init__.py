"""The story in time and in space, drawn for the terminal: plain Python, no Textual.

``chronology``: dates as moments on a line, reading order, the era of an event.
``axis``: the timeline's time axis at a width, in either direction.
``landmask``: the packaged land mask of the world (loaded lazily, once).
``worldmap``: the journey map in Braille cells, fitted to the story's places.
``here``: "you are here": what of the story the lines on screen show.
``cells``: rows of terminal cells with the kinds a widget styles them by.
"""
