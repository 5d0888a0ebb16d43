#!/usr/bin/python3
"""A real QGIS client (PyQGIS, offscreen) opens a Pantau GeoPackage as an analyst would: the layer
with its default style from `layer_styles`, every other stored style loaded by name, and the map
rendered to a PNG. Prints one JSON object; exits 1 when QGIS cannot open or style the layer.

usage: render_gpkg.py FILE.gpkg LAYER OUT.png [XMIN YMIN XMAX YMAX]
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsRectangle,  # noqa: E402
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402
from qgis.PyQt.QtXml import QDomDocument  # noqa: E402


def renderer_summary(layer):
    r = layer.renderer()
    out = {"type": r.type()}
    if r.type() == "categorizedSymbol":
        out["attr"] = r.classAttribute()
        out["categories"] = [[c.value(), c.label(), c.symbol().color().name()] for c in r.categories()]
    elif r.type() == "graduatedSymbol":
        out["attr"] = r.classAttribute()
        out["ranges"] = [[x.lowerValue(), x.upperValue(), x.symbol().color().name()] for x in r.ranges()]
    return out


def main():
    path, layer_name, png = sys.argv[1:4]
    app = QgsApplication([], False)
    app.initQgis()
    layer = QgsVectorLayer(f"{path}|layername={layer_name}", layer_name, "ogr")  # loads the default style
    if not layer.isValid():
        print(json.dumps({"error": "QGIS cannot open " + path}))
        return 1
    fields = [f.name() for f in layer.fields()]
    result = {"default": renderer_summary(layer), "fields": fields, "styles": {}}
    winner = layer.fields().indexOf("winner")
    setup = layer.editorWidgetSetup(winner)
    result["winner_widget"] = setup.type()
    result["winner_map"] = setup.config().get("map", [])
    tp = layer.temporalProperties()
    result["temporal"] = {"active": tp.isActive(), "start_field": tp.startField()}
    _, ids, names, _, _ = layer.listStylesInDatabase()
    for sid, name in zip(ids, names):
        other = QgsVectorLayer(f"{path}|layername={layer_name}", name, "ogr")
        qml, err = other.getStyleFromDatabase(sid)
        doc = QDomDocument()
        doc.setContent(qml)
        ok, msg = other.importNamedStyle(doc)
        result["styles"][name] = dict(renderer_summary(other), loaded=ok, message=msg)
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setOutputSize(QSize(900, 700))
    settings.setExtent(QgsRectangle(*map(float, sys.argv[4:8])) if len(sys.argv) >= 8 else layer.extent())
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    result["png_saved"] = image.save(png, "png")
    # Distinct colours in the render: a single-symbol layer would give one fill.
    colours = set()
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            colours.add(image.pixel(x, y))
    result["distinct_colours"] = len(colours)
    print(json.dumps(result), flush=True)
    # QGIS can crash tearing down a provider still held by Python's objects; the work is done.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
