"""Stored base rounds for ``planner.starters``: a few numbers per room size, nothing more.

Each entry is (recipe family, (groups of the invariant rounds, groups of the base round)) as
``base_search.find_base`` found them; ``starters.develop`` shifts them into the
design's rounds and checks every pair and every round before the planner sees them (and
``tests/domain/test_planner_designs.py`` does so for every entry). ``TRANSLATED`` holds the
one design that comes from translations ``x -> x ^ t`` instead (32 in 4s), developed by
``starters.translated_classes``.
"""

from __future__ import annotations

from typing import Final

Groups = tuple[tuple[int, ...], ...]
Base = tuple[Groups, Groups]
# A round given up to translations: (generators ``h`` of the translations ``x -> x ^ h`` that
# fix it, one group of each of its orbits of groups under them).
TranslatedRound = tuple[tuple[int, ...], Groups]


BASES: Final[dict[tuple[int, int], tuple[str, Base]]] = {
    (15, 3): (
        "kirkman_doubled",
        (
            (),
            (
                (2, 13, 14),
                (0, 7, 12),
                (1, 9, 10),
                (3, 4, 6),
                (5, 8, 11),
            ),
        ),
    ),
    (18, 3): (
        "nearly_kirkman_quartered",
        (
            (),
            (
                (0, 4, 5),
                (1, 7, 13),
                (2, 8, 9),
                (3, 14, 16),
                (6, 11, 17),
                (10, 12, 15),
                (0, 1, 9),
                (2, 15, 17),
                (3, 6, 13),
                (4, 8, 12),
                (5, 11, 14),
                (7, 10, 16),
            ),
        ),
    ),
    (21, 3): (
        "kirkman_tripled",
        (
            (
                (0, 11, 18),
                (0, 12, 15),
                (0, 13, 14),
            ),
            (
                (0, 1, 5),
                (2, 10, 19),
                (3, 12, 16),
                (4, 7, 20),
                (6, 13, 18),
                (8, 9, 11),
                (14, 15, 17),
            ),
        ),
    ),
    (24, 3): (
        "nearly_kirkman",
        (
            (),
            (
                (10, 21, 22),
                (8, 11, 23),
                (0, 2, 12),
                (1, 5, 6),
                (3, 16, 18),
                (4, 7, 13),
                (9, 14, 17),
                (15, 19, 20),
            ),
        ),
    ),
    (30, 3): (
        "nearly_kirkman",
        (
            (),
            (
                (0, 27, 28),
                (9, 17, 29),
                (1, 4, 18),
                (2, 8, 23),
                (3, 5, 15),
                (6, 24, 25),
                (7, 11, 12),
                (10, 21, 26),
                (13, 19, 22),
                (14, 16, 20),
            ),
        ),
    ),
    (33, 3): (
        "kirkman_rotational",
        (
            (),
            (
                (0, 16, 32),
                (7, 12, 27),
                (9, 19, 22),
                (5, 13, 14),
                (18, 20, 24),
                (10, 17, 31),
            ),
        ),
    ),
    (36, 3): (
        "nearly_kirkman",
        (
            (),
            (
                (0, 21, 34),
                (14, 30, 35),
                (1, 9, 31),
                (2, 12, 27),
                (3, 5, 32),
                (4, 15, 18),
                (6, 24, 25),
                (7, 10, 11),
                (8, 13, 19),
                (16, 23, 33),
                (17, 20, 29),
                (22, 26, 28),
            ),
        ),
    ),
    (39, 3): (
        "kirkman_doubled",
        (
            (),
            (
                (9, 28, 38),
                (0, 13, 25),
                (1, 19, 37),
                (2, 3, 18),
                (4, 34, 36),
                (5, 26, 31),
                (6, 14, 29),
                (7, 16, 21),
                (8, 24, 35),
                (10, 15, 17),
                (11, 20, 33),
                (12, 22, 32),
                (23, 27, 30),
            ),
        ),
    ),
    (42, 3): (
        "nearly_kirkman",
        (
            (),
            (
                (15, 29, 40),
                (9, 33, 41),
                (0, 19, 26),
                (1, 14, 34),
                (2, 37, 39),
                (3, 7, 28),
                (4, 16, 18),
                (5, 10, 21),
                (6, 17, 25),
                (8, 11, 20),
                (12, 22, 30),
                (13, 35, 36),
                (23, 32, 38),
                (24, 27, 31),
            ),
        ),
    ),
    (48, 3): (
        "nearly_kirkman",
        (
            (),
            (
                (4, 41, 46),
                (9, 43, 47),
                (0, 11, 18),
                (1, 14, 45),
                (2, 31, 35),
                (3, 25, 30),
                (5, 13, 22),
                (6, 32, 34),
                (7, 8, 27),
                (10, 28, 40),
                (12, 15, 24),
                (16, 20, 33),
                (17, 19, 42),
                (21, 36, 37),
                (23, 26, 39),
                (29, 38, 44),
            ),
        ),
    ),
    (51, 3): (
        "kirkman_rotational",
        (
            (),
            (
                (0, 25, 50),
                (1, 24, 34),
                (2, 5, 36),
                (3, 10, 48),
                (4, 13, 41),
                (6, 21, 32),
                (8, 40, 44),
                (12, 14, 20),
                (17, 18, 47),
            ),
        ),
    ),
    (54, 3): (
        "nearly_kirkman",
        (
            (),
            (
                (4, 37, 52),
                (25, 45, 53),
                (0, 2, 50),
                (1, 9, 43),
                (3, 20, 29),
                (5, 17, 42),
                (6, 10, 33),
                (7, 18, 48),
                (8, 40, 46),
                (11, 39, 47),
                (12, 31, 41),
                (13, 23, 44),
                (14, 19, 32),
                (15, 16, 22),
                (21, 24, 38),
                (26, 27, 30),
                (28, 35, 49),
                (34, 36, 51),
            ),
        ),
    ),
    (57, 3): (
        "kirkman_rotational",
        (
            (),
            (
                (0, 28, 56),
                (1, 48, 49),
                (2, 31, 35),
                (4, 9, 45),
                (5, 26, 42),
                (6, 44, 50),
                (8, 11, 18),
                (10, 24, 55),
                (12, 25, 51),
                (13, 15, 47),
            ),
        ),
    ),
    (60, 3): (
        "nearly_kirkman",
        (
            (),
            (
                (18, 41, 58),
                (3, 54, 59),
                (0, 50, 53),
                (1, 42, 57),
                (2, 17, 33),
                (4, 10, 43),
                (5, 30, 52),
                (6, 35, 44),
                (7, 24, 25),
                (8, 27, 38),
                (9, 22, 29),
                (11, 13, 45),
                (12, 16, 31),
                (14, 21, 49),
                (15, 20, 23),
                (19, 28, 36),
                (26, 39, 40),
                (32, 37, 55),
                (34, 47, 51),
                (46, 48, 56),
            ),
        ),
    ),
    (20, 4): (
        "social_golfer_quartered",
        ((), ((0, 12, 15, 17), (1, 4, 8, 14), (2, 7, 11, 18), (3, 6, 9, 16), (5, 10, 13, 19))),
    ),
    (24, 4): (
        "resolvable_gdd",
        (
            (),
            (
                (1, 13, 20, 21),
                (4, 7, 17, 22),
                (6, 12, 14, 23),
                (0, 8, 9, 11),
                (2, 3, 5, 19),
                (10, 15, 16, 18),
            ),
        ),
    ),
    # 4-RGDD of type 3^12 (the social golfer schedule 9-4-11), Z_11 x 3 + 3 infinities:
    # CP-SAT (bench/find_base_rounds.py's model, infinity 0's group fixed to 0, 11, 22), 77 s.
    (36, 4): (
        "resolvable_gdd",
        (
            (),
            (
                (0, 11, 22, 33),
                (1, 17, 24, 34),
                (2, 20, 29, 35),
                (3, 10, 23, 31),
                (4, 6, 9, 21),
                (5, 15, 18, 19),
                (7, 8, 16, 26),
                (12, 14, 27, 28),
                (13, 25, 30, 32),
            ),
        ),
    ),
    (28, 4): (
        "resolvable_fours",
        (
            (),
            (
                (4, 10, 18, 27),
                (0, 8, 13, 16),
                (1, 7, 20, 25),
                (2, 6, 22, 23),
                (3, 5, 14, 15),
                (9, 11, 21, 24),
                (12, 17, 19, 26),
            ),
        ),
    ),
    (40, 4): (
        "resolvable_rotational",
        (
            (),
            (
                (0, 13, 26, 39),
                (1, 18, 21, 25),
                (2, 10, 11, 16),
                (4, 6, 22, 33),
            ),
        ),
    ),
    (52, 4): (
        "resolvable_rotational",
        (
            (),
            (
                (0, 17, 34, 51),
                (1, 43, 49, 50),
                (2, 14, 25, 38),
                (3, 7, 23, 28),
                (5, 13, 27, 46),
            ),
        ),
    ),
    # 4-RGDD of type 3^20 (the social golfer schedule 15-4-19), Z_19 x 3 + 3 infinities:
    # simulated annealing over base rounds fixed by (i, x) -> (i + 1, 7x), offline (161 s).
    (60, 4): (
        "resolvable_gdd",
        (
            (),
            (
                (0, 19, 38, 57),
                (11, 20, 45, 58),
                (4, 28, 44, 59),
                (6, 35, 36, 39),
                (7, 23, 43, 55),
                (5, 16, 30, 47),
                (1, 24, 32, 42),
                (9, 26, 53, 54),
                (10, 17, 25, 49),
                (8, 14, 18, 21),
                (22, 31, 37, 52),
                (3, 40, 46, 50),
                (12, 13, 15, 33),
                (27, 29, 34, 41),
                (2, 48, 51, 56),
            ),
        ),
    ),
    # 4-RGDD of type 2^22 (the social golfer schedule 11-4-14), Z_14 x 3 + 2 infinities: CP-SAT
    # over base rounds fixed by (i, x) -> (i + 1, 9x) (9 has order 3 modulo 14), offline (50 s).
    (44, 4): (
        "resolvable_gdd",
        (
            (),
            (
                (0, 1, 4, 31),
                (2, 10, 21, 24),
                (3, 16, 29, 37),
                (5, 17, 41, 43),
                (6, 26, 38, 42),
                (7, 12, 36, 40),
                (8, 15, 25, 33),
                (9, 11, 27, 32),
                (13, 14, 22, 23),
                (18, 20, 34, 35),
                (19, 28, 30, 39),
            ),
        ),
    ),
    # 4-RGDD of type 2^28 (the social golfer schedule 14-4-18), Z_18 x 3 + 2 infinities: CP-SAT
    # over base rounds fixed by (i, x) -> (i + 1, 7x) (7 has order 3 modulo 18), offline (35 s).
    (56, 4): (
        "resolvable_gdd",
        (
            (),
            (
                (0, 6, 10, 19),
                (1, 4, 26, 41),
                (2, 7, 9, 53),
                (3, 35, 46, 51),
                (5, 22, 33, 39),
                (8, 20, 50, 54),
                (11, 27, 31, 32),
                (12, 30, 48, 55),
                (13, 36, 40, 42),
                (14, 29, 49, 52),
                (15, 16, 21, 47),
                (17, 25, 28, 38),
                (18, 24, 34, 43),
                (23, 37, 44, 45),
            ),
        ),
    ),
    # 4-RGDD of type 3^16 (the social golfer schedule 12-4-15), Z_15 x 3 + 3 infinities: CP-SAT
    # over base rounds fixed by (i, x) -> (i + 1, x) with the infinities cycled, offline (28 s).
    (48, 4): (
        "resolvable_gdd",
        (
            (),
            (
                (0, 16, 19, 20),
                (1, 4, 5, 30),
                (2, 10, 12, 23),
                (3, 9, 26, 36),
                (6, 18, 24, 41),
                (7, 29, 43, 46),
                (8, 32, 40, 42),
                (11, 21, 33, 39),
                (13, 22, 44, 47),
                (14, 28, 37, 45),
                (15, 31, 34, 35),
                (17, 25, 27, 38),
            ),
        ),
    ),
}


# Designs that no cyclic group develops, stored up to translations ``x -> x ^ t`` of the points
# (``starters.translated_classes``): each entry is the translations' order and one
# round of every orbit of rounds under them.
TRANSLATED: Final[dict[tuple[int, int], tuple[int, tuple[TranslatedRound, ...]]]] = {
    # 4-RGDD of type 2^16 (the social golfer schedule 8-4-10): the 10-round table of the
    # Wolfram Demonstration "Social Golfer Problem" (demonstrations.wolfram.com/
    # SocialGolferProblem, as transcribed in the repository fpvandoorn/Dagstuhl-tables,
    # literature.md, T(32,4) without its last round), relabelled
    # so that its automorphism group (order 8, computed offline) is the translations by
    # t < 8 and the unmet pairs are {x, x ^ 1}.
    (32, 4): (
        8,
        (
            ((1, 2, 4), ((0, 8, 16, 24),)),
            ((1, 2, 4), ((0, 10, 17, 27),)),
            ((1, 2, 4), ((0, 7, 19, 20), (8, 14, 26, 28))),
            ((1, 2, 4), ((0, 2, 4, 6), (8, 11, 12, 15), (16, 19, 21, 22), (24, 26, 29, 31))),
            ((1, 2), ((0, 15, 21, 26), (4, 10, 19, 29))),
            ((1, 2), ((0, 11, 22, 29), (4, 7, 24, 27), (12, 14, 16, 18))),
            ((1, 4), ((0, 13, 18, 30), (2, 7, 11, 14), (16, 20, 25, 29))),
        ),
    ),
}
