"""Positions computed in Python, so the page draws at once with physics off.

Every layout here is deterministic and linear in the number of items (rings, sectors and
sunflower discs), so a page with thousands of items is laid out in milliseconds; force-directed
layouts (networkx ``spring_layout``, vis-network's physics) do not scale to that.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

Point = tuple[float, float]

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def polar(radius: float, angle: float, centre: Point = (0.0, 0.0)) -> Point:
    """The point at ``angle`` (radians, clockwise from the top) on a circle."""
    return (round(centre[0] + radius * math.sin(angle), 1),
            round(centre[1] - radius * math.cos(angle), 1))


def mean_angle(angles: Iterable[tuple[float, float]]) -> float | None:
    """The weighted circular mean of ``(angle, weight)`` pairs, or None if there are none."""
    x = y = 0.0
    for angle, weight in angles:
        x += weight * math.sin(angle)
        y += weight * math.cos(angle)
    if x == 0 and y == 0:
        return None
    return math.atan2(x, y) % math.tau


def ring(items: Sequence[tuple[str, float | None]], radius: float,
         start: float = 0.0) -> dict[str, Point]:
    """Place items evenly on a circle, in the order of the angle each would like to be at
    (items with no preference keep their place in the list), turned so they move least."""
    n = len(items)
    if n == 0:
        return {}
    if n == 1:
        angle = items[0][1]
        return {items[0][0]: polar(0.0 if angle is None else radius, angle or 0.0)}
    step = math.tau / n
    preferred = [(a if a is not None else start + i * step) for i, (_, a) in enumerate(items)]
    order = sorted(range(n), key=lambda i: (preferred[i], i))
    turn = mean_angle((preferred[i] - k * step, 1.0) for k, i in enumerate(order))
    turn = start if turn is None else turn
    return {items[i][0]: polar(radius, turn + k * step) for k, i in enumerate(order)}


def arc(ids: Sequence[str], radius: float, start: float, end: float) -> dict[str, Point]:
    """Place items evenly along an arc from ``start`` to ``end`` (radians), ends excluded."""
    step = (end - start) / (len(ids) + 1)
    return {item: polar(radius, start + (k + 1) * step) for k, item in enumerate(ids)}


def sunflower(ids: Sequence[str], centre: Point, spacing: float,
              inner: float = 0.0) -> dict[str, Point]:
    """Place items in a disc around ``centre`` (a sunflower pattern: even density, any n)."""
    return {item: polar(inner + spacing * math.sqrt(k + 0.5), k * GOLDEN_ANGLE, centre)
            for k, item in enumerate(ids)}


def disc_radius(count: int, spacing: float, inner: float = 0.0) -> float:
    """The radius a :func:`sunflower` of ``count`` items takes."""
    return inner + spacing * math.sqrt(count + 0.5)


def angles_of(points: Mapping[str, Point]) -> dict[str, float]:
    """Each point's angle (clockwise from the top), for placing its neighbours near it."""
    return {k: math.atan2(x, -y) % math.tau for k, (x, y) in points.items()}


def shelves(sizes: Sequence[tuple[str, int]], spacing: float, inner: float,
            gap: float, aspect: float = 1.6) -> dict[str, Point]:
    """Centres for discs of ``sizes`` items each, packed in rows (in the given order, left
    to right, top to bottom) into a rectangle about ``aspect`` times as wide as it is tall."""
    diameters = [(key, 2 * disc_radius(n, spacing, inner) + gap) for key, n in sizes]
    if not diameters:
        return {}
    area = sum(d * d for _, d in diameters)
    width = max(max(d for _, d in diameters), math.sqrt(area * aspect))
    centres: dict[str, Point] = {}
    x = y = row_height = 0.0
    for key, d in diameters:
        if x > 0 and x + d > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        centres[key] = (round(x + d / 2, 1), round(y + d / 2, 1))
        x += d
        row_height = max(row_height, d)
    return centres
