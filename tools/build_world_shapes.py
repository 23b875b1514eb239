"""Build countries/data/world_shapes.json, the world map's country shapes, from Natural Earth.

Source: the npm package `world-atlas` (Mike Bostock's pre-built TopoJSON of Natural Earth's
Admin 0 countries; the package is ISC-licensed, Natural Earth's data is in the public domain),
at the version and file digest pinned below. It is fetched with the ordinary npm client
(`npm pack`), never at run time or test time: the site and its tests read only the JSON this
writes, which is committed.

What it writes: each country's outline at 1:110m, projected with the Equal Earth projection
(Šavrič, Patterson and Jenny, 2018), Antarctica left out, coordinates rounded to whole units of
a 1000-unit-wide frame and written as relative SVG path data, keyed by ISO 3166-1 alpha-2 (the
`countries.Country` key). Countries too small for the 1:110m file (Bahrain, Singapore, Malta…)
get a point, the middle of their largest 1:50m polygon's bounding box, drawn as a dot.

Natural Earth's quirks: its numeric ids are ISO 3166-1 numeric, turned into alpha-2 with
pycountry (`pip install pycountry` in a throwaway environment: the site does not need it).
Three shapes have no ISO code: Northern Cyprus and Somaliland are drawn as part of Cyprus and
Somalia (as ISO 3166-1 counts them), Kosovo as land that is no country of the register.

Usage: python tools/build_world_shapes.py [--package-dir DIR]
(DIR: an unpacked `world-atlas` package; without it, `npm pack` fetches the pinned one.)
"""
import argparse
import hashlib
import json
import math
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pycountry

PACKAGE = "world-atlas"
VERSION = "2.0.2"
DIGESTS = {
    "countries-110m.json": "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8",
}
OUTPUT = Path(__file__).resolve().parent.parent / "countries" / "data" / "world_shapes.json"
WIDTH = 1000
# The shapes Natural Earth gives without an ISO code: whose they are drawn as (None: no country's).
UNCODED = {"N. Cyprus": "CY", "Somaliland": "SO", "Kosovo": None}
LEFT_OUT = {"AQ"}  # Antarctica: no deals, and a third of the frame's height


def fetch(package_dir: Path | None, workdir: Path) -> Path:
    if package_dir:
        return package_dir
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=workdir, check=True)
    with tarfile.open(workdir / f"{PACKAGE}-{VERSION}.tgz") as archive:
        archive.extractall(workdir, filter="data")
    return workdir / "package"


def read_checked(path: Path) -> dict:
    data = path.read_bytes()
    expected = DIGESTS.get(path.name)
    if expected and hashlib.sha256(data).hexdigest() != expected:
        raise SystemExit(f"{path.name}: digest differs from the pinned one; check the package before updating it")
    return json.loads(data)


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """Equal Earth (x, y) in radians' units, y growing northwards."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    m = math.sqrt(3) / 2
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(m * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as (longitude, latitude) lists (its arcs are quantised and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes) -> list[tuple[float, float]]:
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    return []


def unwrapped(points):
    """A ring crossing the antimeridian (Russia's Chukotka, Fiji) kept on the side most of it
    lies on, what lies beyond pressed onto the frame's edge, rather than drawn as a band across
    the whole map."""
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(points, points[1:], strict=False)):
        return points
    east = sum(1 for lon, _ in points if lon > 0) >= len(points) / 2
    if east:
        return [(180 if lon < 0 else lon, lat) for lon, lat in points]
    return [(-180 if lon > 0 else lon, lat) for lon, lat in points]


def alpha2(geometry: dict) -> str | None:
    name = geometry.get("properties", {}).get("name", "")
    if name in UNCODED:
        return UNCODED[name]
    country = pycountry.countries.get(numeric=geometry["id"])
    if country is None:
        raise SystemExit(f"no ISO 3166-1 country for {geometry['id']} ({name})")
    return country.alpha_2


def build(package: Path) -> dict:
    topology = read_checked(package / "countries-110m.json")
    arcs = decoded_arcs(topology)
    # Every projected ring, by country; the frame is fitted to them afterwards.
    projected: dict[str | None, list[list[tuple[float, float]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2(geometry)
        if code in LEFT_OUT:
            continue
        for polygon in polygons(geometry, arcs):
            for points in polygon:
                projected.setdefault(code, []).append([equal_earth(lon, lat) for lon, lat in unwrapped(points)])
    xs = [x for rings in projected.values() for points in rings for x, _ in points]
    ys = [y for rings in projected.values() for points in rings for _, y in points]
    left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
    scale = WIDTH / (right - left)
    height = round((top - bottom) * scale)

    def frame(x, y):
        return round((x - left) * scale), round((top - y) * scale)

    shapes, other = {}, []
    for code, rings in sorted(projected.items(), key=lambda item: item[0] or ""):
        path = "".join(svg_ring([frame(x, y) for x, y in points]) for points in rings)
        if code is None:
            other.append(path)
        else:
            shapes[code] = path
    points = small_countries(package, set(shapes), frame)
    return {
        "source": (
            f"Natural Earth 1:110m Admin 0 countries (public domain), from the npm package {PACKAGE} "
            f"{VERSION} (ISC) countries-110m.json sha256 {DIGESTS['countries-110m.json']}; small "
            "countries' points from its countries-50m.json; Equal Earth projection; "
            "built by tools/build_world_shapes.py"
        ),
        "width": WIDTH,
        "height": height,
        "shapes": shapes,
        "points": points,
        "other": other,
    }


def svg_ring(points: list[tuple[int, int]]) -> str:
    """A closed ring as relative path data, repeated points (after rounding) dropped; rings
    that round to fewer than three points are left out."""
    kept = [points[0]]
    for point in points[1:]:
        if point != kept[-1]:
            kept.append(point)
    if len(kept) > 1 and kept[-1] == kept[0]:
        kept.pop()
    if len(kept) < 3:
        return ""
    (x0, y0), *rest = kept
    steps, (px, py) = [], (x0, y0)
    for x, y in rest:
        steps.append(f"{x - px} {y - py}")
        px, py = x, y
    moves = " ".join(steps).replace(" -", "-")
    return f"M{x0} {y0}l{moves}z"


def small_countries(package: Path, drawn: set[str], frame) -> dict[str, list[int]]:
    """A point for each country of the 1:50m file that the 1:110m one does not draw."""
    topology = json.loads((package / "countries-50m.json").read_bytes())
    arcs = decoded_arcs(topology)
    points = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if "id" not in geometry or geometry["properties"].get("name") in UNCODED:
            continue
        code = alpha2(geometry)
        if code in drawn or code in LEFT_OUT:
            continue
        rings = [polygon[0] for polygon in polygons(geometry, arcs) if polygon and polygon[0]]
        if not rings:
            continue
        largest = max(rings, key=lambda r: (max(p[0] for p in r) - min(p[0] for p in r)) * (max(p[1] for p in r) - min(p[1] for p in r)))
        lon = (max(p[0] for p in largest) + min(p[0] for p in largest)) / 2
        lat = (max(p[1] for p in largest) + min(p[1] for p in largest)) / 2
        points[code] = list(frame(*equal_earth(lon, lat)))
    return dict(sorted(points.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-dir", type=Path, help="an unpacked world-atlas package (else npm pack fetches it)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        data = build(fetch(arguments.package_dir, Path(workdir)))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=False) + "\n")
    print(f"{OUTPUT}: {len(data['shapes'])} shapes, {len(data['points'])} points, {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
