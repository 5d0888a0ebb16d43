#pragma once
/// Results for analysts, through GDAL: one row per region (or TPS) of a level under a region, with
/// each ticket's votes and share, the winner, progress, turnout, integrity flags and the time of
/// the figures; joined to the boundaries (a GeoPackage that QGIS opens, or GeoJSON) where the level
/// has polygons, or as CSV at any level down to TPS (with every administrasi field there).
/// A GeoPackage carries QGIS styles (`layer_styles`) and the `winner` field domain; a timeline
/// holds one row per region per step, `ts` the step as a datetime (QGIS's temporal controller).

#include <filesystem>
#include <string>
#include <vector>

#include "pantau/data/contests/dpr_tps_facts.hpp"
#include "pantau/data/geo/geo.hpp"
#include "pantau/data/base/result.hpp"
#include "pantau/data/model/snapshot.hpp"

namespace pantau::data {

enum class ExportFormat { Gpkg, GeoJson, Csv };
/// "gpkg", "geojson", "csv"; false for anything else.
bool parseExportFormat(std::string_view s, ExportFormat& out);
/// "province" ... "tps"; false for anything else (or the nation).
bool parseExportLevel(std::string_view s, Level& out);

/// One DPR dapil's row (`--contest pdpr`): its polygon, its votes and projected seats by party.
/// Vote and seat columns follow the vote columns of the export (the parties, dprPartyColumns).
struct DapilExportRow {
  std::string code, name;  ///< "3102", "DKI JAKARTA II"
  uint32_t seats = 0;
  std::vector<unsigned char> wkb;    ///< its MultiPolygon in lon/lat (dapil_boundaries.hpp); empty: none
  double labelLon = 0, labelLat = 0;  ///< a point inside it
  std::vector<uint64_t> votes;       ///< per vote column
  std::vector<uint32_t> seatsWon;    ///< per vote column: the seat projection's allocation
  std::vector<std::string> elected;  ///< the caleg ids projected into its seats, in order
  std::vector<std::string> electedNames;  ///< their names (the id where the list lacks one)
  /// Percent of its TPS in (the sum of its regencies' progres), < 0 when unknown.
  double progress = -1;
};

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
  /// GeoPackage only: also a `pantau_dapil` layer of these rows (not owned; outlives the writer).
  const std::vector<DapilExportRow>* dapil = nullptr;
  /// TPS rows of the DPR: each row's dapil (`dapil`), party-only ballots (`party_NN`) and caleg
  /// votes (`caleg_NN`) beside its party totals (`votes_NN`), and its failed legislative checks in
  /// `checks` and `flags` (not owned; outlives the writer).
  const DprTpsTable* dprTps = nullptr;
};

struct ExportStats {
  std::size_t rows = 0, withGeometry = 0;
};

/// Writes OUT (replaced if it exists). The layer is named "pantau_<level>".
Status exportResults(const Snapshot& s, const ExportOptions& options, const std::filesystem::path& out, ExportStats& stats);

/// `--level dapil`: OUT holds one layer `pantau_dapil` of `rows` (GeoPackage with its QGIS styles
/// and winner domain, GeoJSON, or CSV without geometry); `parties` names the vote columns.
Status exportDapil(const std::vector<DapilExportRow>& rows, const CandidateList& parties, ExportFormat format,
                   const std::filesystem::path& out, ExportStats& stats);

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
