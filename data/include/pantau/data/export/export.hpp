#pragma once
/// Results for analysts, through GDAL: one row per region (or TPS) of a level under a region, with
/// each ticket's votes and share, the winner, progress, turnout, integrity flags and the time of
/// the figures; joined to the boundaries (a GeoPackage that QGIS opens, or GeoJSON) where the level
/// has polygons, or as CSV at any level down to TPS (with every administrasi field there).
/// A GeoPackage carries QGIS styles (`layer_styles`) and the `winner` field domain; a timeline
/// holds one row per region per step, `ts` the step as a datetime (QGIS's temporal controller).

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
  /// > 0: a timeline, one row per region per step of this many minutes; `ts` is then the step
  /// (a datetime: UTC in a GeoPackage, as its standard asks; WIB in CSV) and `source_ts` the
  /// figures' own time.
  int timelineMinutes = 0;
};

struct ExportStats {
  std::size_t rows = 0, withGeometry = 0;
};

/// Writes OUT (replaced if it exists). The layer is named "pantau_<level>".
Status exportResults(const Snapshot& s, const ExportOptions& options, const std::filesystem::path& out, ExportStats& stats);

/// The same file from many snapshots of one night (a timeline): create, add each step, finish.
/// Written aside and renamed into place by finish(); dropped unfinished, it leaves OUT as it was.
/// Threading: one thread; the snapshots are only read.
class ExportWriter {
 public:
  /// Opens the boundaries and creates the layer (`candidates` is copied) (and, for a GeoPackage, the winner domain).
  static Result<std::unique_ptr<ExportWriter>> create(const RegionTree& tree, const CandidateList& candidates,
                                                      const ExportOptions& options, const std::filesystem::path& out);
  ~ExportWriter();
  /// One row per region of the level; `stepMs` (epoch ms) is the timeline's `ts`.
  Status add(const Snapshot& s, int64_t stepMs = 0);
  /// Commits, adds the QGIS styles, closes and moves the file into place.
  Status finish(ExportStats& stats);

  struct Impl;

 private:
  explicit ExportWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace pantau::data
