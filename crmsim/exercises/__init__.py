"""Exercises that grade themselves, with data that differ per student.

Each student gets a world seeded by :func:`crmsim.student_seed` from the
instructor's course seed and the student's id, so answers cannot be copied
from a neighbour, yet an instructor can rebuild any student's data and
answers from the roster alone. One module per exercise.
"""

from .customer_value import CustomerValueExercise, Feedback, Task

__all__ = ["CustomerValueExercise", "Feedback", "Task"]
