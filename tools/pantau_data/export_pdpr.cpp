// pantau-data --contest pdpr export: the DPR by party per region (votes_NN, share_NN with NN the
// party's ballot number = id_pilihan, `winner` the leading party), and the dapil level: each
// dapil's polygon dissolved from its regencies, its votes, projected seats by party and the caleg
// who would take them (a `pantau_dapil` layer in a GeoPackage, or `--level dapil` on its own).

#include <chrono>
#include <cstdio>

#include "commands.hpp"
#include "pantau/data/contests/dpr_tables.hpp"
#include "pantau/data/contests/dpr_votes.hpp"
#include "pantau/data/contests/pdpr_snapshot.hpp"
#include "pantau/data/export/dapil_rows.hpp"
#include "pantau/data/geo/dapil_boundaries.hpp"

namespace pantau::tools {

using namespace pantau::data;

namespace {

/// The dapil rows: the DPR count by dapil, the projection, the dissolved polygons (not for CSV).
Result<std::vector<DapilExportRow>> dapilRows(Source& source, const PdprExport& x, bool polygons,
                                              const DprTables& tables, const CandidateList& parties,
                                              const Snapshot& regions) {
  auto count = readDprCount(source, tables, *x.tree);
  if (!count) return count.error();
  const SeatProjection projection = projectSeats(count->dapil);
  DapilBoundaries shapes;
  if (polygons) {
    auto dissolved = dissolveDapil(*x.tree, tables, x.regencies);
    if (!dissolved) return dissolved.error();
    for (const std::string& note : dissolved->notes)
      std::fprintf(stderr, "pantau-data export: %s\n", note.c_str());
    shapes = std::move(*dissolved);
  }
  return dapilExportRows(tables, shapes, *count, projection, parties, &regions);
}

}  // namespace

int exportPdpr(const PdprExport& x, const ExportOptions& options,
               const std::filesystem::path& dataDir) {
  const auto t0 = std::chrono::steady_clock::now();
  auto tables = loadDprTables(dataDir);
  if (!tables) {
    std::fprintf(stderr, "pantau-data export: %s\n", tables.error().message.c_str());
    return 1;
  }
  const CandidateList parties = dprPartyColumns(tables->parties);
  SourceOptions so;
  so.maxParallel = 32;
  so.archiveAtMs = x.atMs;
  auto source = openSource(x.sourceSpec, so);
  if (!source) {
    std::fprintf(stderr, "pantau-data export: %s\n", source.error().message.c_str());
    return 1;
  }
  *source = budgetedSource(std::move(*source), x.maxRps);
  // The regions down to the level, and at least to the regencies: a dapil's progress is theirs.
  const bool dapilWanted = x.dapilLevel || options.format == ExportFormat::Gpkg;
  const Level depth = x.dapilLevel
                          ? Level::Regency
                          : std::max(options.level, dapilWanted ? Level::Regency : options.level);
  PdprReadStats stats;
  auto snapshot = readPdprSnapshot(**source, x.tree, parties, dapilWanted ? kNation : options.under,
                                   depth, stats);
  if (!snapshot) {
    std::fprintf(stderr, "pantau-data export: cannot read %s: %s\n", x.sourceSpec.c_str(),
                 snapshot.error().message.c_str());
    return 1;
  }
  std::vector<DapilExportRow> rows;
  if (dapilWanted) {
    auto made =
        dapilRows(**source, x, options.format != ExportFormat::Csv, *tables, parties, **snapshot);
    if (!made) {
      std::fprintf(stderr, "pantau-data export: cannot read the DPR count of %s: %s\n",
                   x.sourceSpec.c_str(), made.error().message.c_str());
      return 1;
    }
    rows = std::move(*made);
  }
  ExportStats es;
  Status written =
      x.dapilLevel ? exportDapil(rows, parties, options.format, x.out, es) : Status::success();
  if (!x.dapilLevel) {
    ExportOptions eo = options;
    if (dapilWanted) eo.dapil = &rows;
    written = exportResults(**snapshot, eo, x.out, es);
  }
  if (!written) {
    std::fprintf(stderr, "pantau-data export: %s\n", written.error().message.c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "export %s: %zu %s rows of the DPR (%zu with a boundary)%s from %zu documents (%zu missing) "
      "in %.1f s\n",
      x.out.c_str(), es.rows, x.dapilLevel ? "dapil" : levelName(options.level), es.withGeometry,
      !x.dapilLevel && dapilWanted ? (", and " + std::to_string(rows.size()) + " dapil").c_str()
                                   : "",
      stats.applied, stats.missing, seconds);
  return 0;
}

}  // namespace pantau::tools
