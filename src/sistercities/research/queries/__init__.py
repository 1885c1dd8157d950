"""Queries over a project: matrix, co-occurrence, text search, word frequencies, hierarchy chart.

Each takes a session and a project and returns plain data with the figures
and what they count (see each module's docstring for its formula).
"""
