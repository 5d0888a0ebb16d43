// pantau-data export SOURCE [--at TS] --level L --format gpkg|geojson|csv OUT [--region CODE]
// [--no-tps]: reads a source (URL, mirror or archive:DIR at a moment), runs the integrity checks,
// and writes one row per region (or TPS) of the level for QGIS, spreadsheets and pandas.

#include <chrono>
#include <cstdio>

#include "commands.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/export/export.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/data/source/subtree_fetch.hpp"

namespace pantau::tools {

using namespace pantau::data;

namespace {
constexpr const char* kUsage =
    "usage: pantau-data export SOURCE [--at \"YYYY-MM-DD HH:MM\"] --level province|regency|district|village|tps\n"
    "                          --format gpkg|geojson|csv OUT [--region CODE] [--no-tps]\n"
    "  SOURCE: a recap API URL, a mirror directory or archive:DIR (--at picks the moment, WIB);\n"
    "  --region limits the rows to one region's; --no-tps skips the TPS documents (no turnout, no flags).\n"
    "  --deadline SECONDS: failed documents are retried with backoff until then (default 120).\n"
    "  GeoPackage and GeoJSON carry the boundaries for province, regency and district rows.\n";
}  // namespace

int cmdExport(std::span<const std::string_view> args, const GlobalOptions& opts) {
  std::string sourceSpec, out, at, regionCode;
  ExportOptions eo;
  bool haveLevel = false, haveFormat = false, tps = true;
  std::chrono::milliseconds deadline = kDefaultDeadline;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    const bool hasValue = i + 1 < args.size();
    if (a == "--level" && hasValue) {
      if (!parseExportLevel(args[++i], eo.level)) {
        std::fprintf(stderr, "pantau-data export: --level '%.*s' is not province, regency, district, village or tps\n", (int)args[i].size(), args[i].data());
        return 2;
      }
      haveLevel = true;
    } else if (a == "--format" && hasValue) {
      if (!parseExportFormat(args[++i], eo.format)) {
        std::fprintf(stderr, "pantau-data export: --format '%.*s' is not gpkg, geojson or csv\n", (int)args[i].size(), args[i].data());
        return 2;
      }
      haveFormat = true;
    } else if (a == "--at" && hasValue) at = args[++i];
    else if (a == "--region" && hasValue) regionCode = args[++i];
    else if (a == "--no-tps") tps = false;
    else if (a == "--deadline" && hasValue && parseDeadlineSeconds(args[i + 1], deadline)) ++i;
    else if (sourceSpec.empty() && !a.starts_with("--")) sourceSpec = a;
    else if (out.empty() && !a.starts_with("--")) out = a;
    else {
      std::fprintf(stderr, "pantau-data export: unexpected argument '%.*s'\n%s", (int)a.size(), a.data(), kUsage);
      return 2;
    }
  }
  if (sourceSpec.empty() || out.empty() || !haveLevel || !haveFormat) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  SourceOptions so;
  so.maxParallel = 32;
  if (!at.empty()) {
    const auto atMs = parseMinuteMs(at);
    if (!atMs) {
      std::fprintf(stderr, "pantau-data export: --at '%s' is not \"YYYY-MM-DD HH:MM\"\n", at.c_str());
      return 2;
    }
    if (!sourceSpec.starts_with("archive:")) {
      std::fprintf(stderr, "pantau-data export: --at needs archive:DIR (a live source has only now)\n");
      return 2;
    }
    so.archiveAtMs = *atMs;
  }
  auto loaded = loadDataOrSay(opts);
  if (!loaded) return 1;
  std::shared_ptr<const RegionTree> tree = loaded->tree;
  const auto* dataDir = &loaded->dataDir;
  if (!regionCode.empty()) {
    eo.under = tree->find(regionCode);
    if (eo.under == kNoRegion || tree->level(eo.under) >= eo.level) {
      std::fprintf(stderr, "pantau-data export: --region '%s' is not a region above the %s level%s\n", regionCode.c_str(),
                   levelName(eo.level), isValidCode(regionCode) ? "" : " (a code is [0-9A-Z], 2/4/6/10/13 chars)");
      return 2;
    }
  }
  if (eo.level <= Level::District) {
    static const char* kFiles[] = {"", "provinces.gpkg", "regencies.gpkg", "districts.gpkg"};
    eo.boundaries = BoundarySource::parse((*dataDir / "geo" / kFiles[static_cast<int>(eo.level)]).string());
  }
  auto source = openOneShotSource("export", sourceSpec, so, deadline);
  if (!source) return 1;
  const auto t0 = std::chrono::steady_clock::now();
  SubtreeFetchOptions fo;
  fo.tps = tps || eo.level == Level::Tps;
  fo.deepest = eo.level == Level::Tps ? Level::Village : eo.level;
  SubtreeFetchStats stats;
  auto builder = fetchSubtree(*source, tree, eo.under, fo, stats);
  sayRetries("export", source->stats());
  if (!builder) {
    std::fprintf(stderr, "pantau-data export: cannot read %s: %s\n", sourceSpec.c_str(), builder.error().message.c_str());
    return 1;
  }
  if (stats.applied == 0) {
    std::fprintf(stderr, "pantau-data export: cannot read %s: no document could be read (%s)\n", sourceSpec.c_str(),
                 stats.firstError.empty() ? "all missing" : stats.firstError.c_str());
    return 1;
  }
  IntegrityEngine engine;
  auto snapshot = (*builder)->publish(0, &engine);
  ExportStats es;
  if (Status s = exportResults(*snapshot, eo, out, es); !s) {
    std::fprintf(stderr, "pantau-data export: %s\n", s.error().message.c_str());
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("export %s: %zu %s rows (%zu with a boundary) from %zu documents (%zu missing, %zu failed) in %.1f s\n", out.c_str(),
              es.rows, levelName(eo.level), es.withGeometry, stats.applied, stats.missing, stats.failed, seconds);
  if (!stats.firstError.empty()) std::fprintf(stderr, "pantau-data export: first failure: %s\n", stats.firstError.c_str());
  return 0;
}

}  // namespace pantau::tools
