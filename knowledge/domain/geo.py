"""Distances for "sort by distance". No geocoder: the person's browser gives coordinates, or
they pick their area and we use its centre."""

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(radians, (*a, *b))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(h))


def nearest_km(
    origin: tuple[float, float], points: tuple[tuple[float, float], ...]
) -> float | None:
    return min((distance_km(origin, p) for p in points), default=None)


def describe_miles(km: float) -> str:
    miles = km / KM_PER_MILE
    if miles < 0.1:
        return "less than 0.1 miles away"
    if miles < 10:
        return f"{miles:.1f} miles away"
    return f"{miles:.0f} miles away"
