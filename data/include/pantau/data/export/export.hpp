#pragma once
/// Results for analysts, through GDAL: one row per region (or TPS) of a level under a region, with
/// each ticket's votes and share, the winner, progress, turnout, integrity flags and the time of
/// the figures; joined to the boundaries (a GeoPackage that QGIS opens, or GeoJSON) where the level
/// has polygons, or as CSV at any level down to TPS (with every administrasi field there).

#include <filesystem>
#include <string>

#include "pantau/data/geo/geo.hpp"
#include "pantau/data/base/result.hpp"
#include "pantau/data/model/snapshot.hpp"

namespace pantau::data {

enum class ExportFormat { Gpkg, GeoJson, Csv };
/// "gpkg", "geojson", "csv"; false for anything else.
bool parseExportFormat(std::string_view s, ExportFormat& out);
/// "province" ... "tps"; false for anything else (or the nation).
bool parseExportLevel(std::string_view s, Level& out);

struct ExportOptions {
  Level level = Level::Province;
  ExportFormat format = ExportFormat::Gpkg;
  RegionId under = kNation;            ///< only the regions below this one
  /// Polygons for province, regency and district rows (GeoPackage/GeoJSON); rows without one keep
  /// a null geometry, never dropped. Empty path: no geometry.
  BoundarySource boundaries;
};

struct ExportStats {
  std::size_t rows = 0, withGeometry = 0;
};

/// Writes OUT (replaced if it exists). The layer is named "pantau_<level>".
Status exportResults(const Snapshot& s, const ExportOptions& options, const std::filesystem::path& out, ExportStats& stats);

}  // namespace pantau::data
