"""The rotation planner: who meets whom at which table, from designs, matchings and local search."""
