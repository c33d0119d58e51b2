"""Instructor side: the right answers of every exercise, computed from a student's world.

One module per exercise, each with ``solve(world) -> dict[task, answer]`` for
the hashed tasks and ``decision_params(world) -> dict[task, dict]`` for the
decision tasks' thresholds. Nothing on the student's side imports this package:
:mod:`crmsim.exercises.solutions` turns its answers into digests before any
student object sees them.
"""
