#!/usr/bin/python3
"""The same regency choropleth as `pantau --headless --no-overlay --screenshot`, drawn by mapnik.

Reads the regency and province GeoPackages Pantau reads, fills each regency with the colour
Pantau gave it (from the sidecar JSON Pantau writes beside its PNG), light regency borders and
dark province borders, World Mercator, fitted with the same 3% margin, written as PNG. Run as its
own process so that its start (Python, mapnik, GDAL) counts as Pantau's does.

usage: mapnik_still.py REGENCIES.gpkg PROVINCES.gpkg COLOURS.json WIDTH HEIGHT OUT.png
"""
import json
import sys

import mapnik


def stroke(colour, width):
    line = mapnik.LineSymbolizer()
    line.stroke = colour
    line.stroke_width = width
    return line


def main():
    regencies, provinces, colours_json, width, height, out = sys.argv[1:7]
    width, height = int(width), int(height)
    with open(colours_json) as f:
        drawn = json.load(f)["regions"]
    # One rule per colour (a few dozen), each matching its regencies' codes.
    by_colour = {}
    for r in drawn:
        by_colour.setdefault(r["colour"] or "#d9d9d6", []).append(r["code"])

    merc = "+proj=merc +lon_0=0 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
    m = mapnik.Map(width, height, merc)
    m.background = mapnik.Color("#dbe6ed")

    fill = mapnik.Style()
    for colour, codes in by_colour.items():
        rule = mapnik.Rule()
        rule.filter = mapnik.Expression("[code].match('^(" + "|".join(codes) + ")$')")
        polygon = mapnik.PolygonSymbolizer()
        polygon.fill = mapnik.Color(colour)  # set before appending: symbols[] hands out copies
        rule.symbols.append(polygon)
        rule.symbols.append(stroke(mapnik.Color(255, 255, 255, 170), 0.8))
        fill.rules.append(rule)
    m.append_style("fill", fill)
    border = mapnik.Style()
    rule = mapnik.Rule()
    rule.symbols.append(stroke(mapnik.Color(38, 41, 51, 230), 1.8))
    border.rules.append(rule)
    m.append_style("border", border)

    for path, style in ((regencies, "fill"), (provinces, "border")):
        layer = mapnik.Layer(style, "+proj=longlat +datum=WGS84 +no_defs")
        layer.datasource = mapnik.Ogr(file=path, layer_by_index=0)
        layer.styles.append(style)
        m.layers.append(layer)
    m.zoom_all()
    m.zoom(1 / 0.94)  # the 3% margin on each side that Pantau leaves without its panels
    mapnik.render_to_file(m, out, "png")


if __name__ == "__main__":
    main()
