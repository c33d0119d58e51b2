# Source of exercise 06, built into exercises/en and exercises/zh by tools/build_notebooks.py.
# The questions live in the package (crmsim/exercises/customer_development.py), so that `python -m crmsim class release`
# builds the same notebook for each student from an installed crmsim.
from crmsim.exercises.book import practice_cells
from crmsim.exercises.catalog import get_exercise

CELLS = practice_cells(get_exercise("customer_development"))
