#include "pantau/data/export/export.hpp"

#include <ogrsf_frmts.h>
#include <unistd.h>

#include <cstdio>
#include <unordered_map>

#include "geo/gdal_util.hpp"
#include "pantau/data/integrity/integrity.hpp"

namespace pantau::data {

bool parseExportFormat(std::string_view s, ExportFormat& out) {
  if (s == "gpkg") out = ExportFormat::Gpkg;
  else if (s == "geojson") out = ExportFormat::GeoJson;
  else if (s == "csv") out = ExportFormat::Csv;
  else return false;
  return true;
}

bool parseExportLevel(std::string_view s, Level& out) {
  for (int l = 1; l < kLevelCount; ++l)
    if (s == levelName(static_cast<Level>(l))) return (out = static_cast<Level>(l)), true;
  return false;
}

namespace {

/// The rows' regions, in id order (which is code order within a level).
std::vector<RegionId> regionsUnder(const RegionTree& t, RegionId under, Level level) {
  std::vector<RegionId> out;
  for (RegionId id = t.levelBegin(level); id < t.levelEnd(level); ++id) {
    RegionId p = id;
    while (p != kNoRegion && p != under) p = t.parent(p);
    if (p != kNoRegion) out.push_back(id);
  }
  return out;
}

std::string twoDigits(uint32_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

Status exportResults(const Snapshot& s, const ExportOptions& o, const std::filesystem::path& out, ExportStats& stats) {
  gdalInit();
  GdalErrors errors;
  const RegionTree& t = s.tree();
  const char* driverName = o.format == ExportFormat::Gpkg ? "GPKG" : o.format == ExportFormat::GeoJson ? "GeoJSON" : "CSV";
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName);
  if (!driver) return Error{ErrorCode::Missing, std::string("GDAL has no ") + driverName + " driver"};
  std::error_code ec;
  // Written aside, renamed over OUT only when whole: the old OUT stays until then (a failed or
  // killed export leaves it as it was). The name keeps the format's extension (GDAL's CSV driver
  // makes a directory of a name without ".csv").
  const char* ext = o.format == ExportFormat::Gpkg ? ".gpkg" : o.format == ExportFormat::GeoJson ? ".geojson" : ".csv";
  const std::string tmp = (out.parent_path() / ("." + out.filename().string() + ".part" + std::to_string(::getpid()) + ext)).string();
  std::filesystem::remove(tmp, ec);
  struct RemoveUnlessMoved {
    const std::string& file;
    bool moved = false;
    ~RemoveUnlessMoved() {
      std::error_code ignored;
      if (!moved) std::filesystem::remove(file, ignored);
    }
  } partial{tmp};

  // Polygons by region for the levels that have them.
  const bool geometry = o.format != ExportFormat::Csv && o.level <= Level::District && !o.boundaries.path.empty();
  GDALDatasetUniquePtr boundaries;
  std::unordered_map<RegionId, GIntBig> featureOf;
  OGRLayer* boundaryLayer = nullptr;
  if (geometry) {
    boundaries.reset(GDALDataset::Open(o.boundaries.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!boundaries) return Error{ErrorCode::Io, o.boundaries.path + ": cannot open" + (errors.last.empty() ? "" : ": " + errors.last)};
    boundaryLayer = o.boundaries.layer.empty() ? boundaries->GetLayer(0) : boundaries->GetLayerByName(o.boundaries.layer.c_str());
    if (!boundaryLayer) return Error{ErrorCode::Missing, o.boundaries.path + ": no layer '" + o.boundaries.layer + "'"};
    const int codeField = boundaryLayer->GetLayerDefn()->GetFieldIndex(o.boundaries.codeField.c_str());
    if (codeField < 0) return Error{ErrorCode::Missing, o.boundaries.path + ": no field '" + o.boundaries.codeField + "'"};
    for (auto& f : *boundaryLayer) {
      const RegionId id = t.find(f->GetFieldAsString(codeField));
      if (id != kNoRegion && t.level(id) == o.level) featureOf[id] = f->GetFID();
    }
  }

  char** dsOptions = nullptr;
  GDALDatasetUniquePtr ds(driver->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, dsOptions));
  if (!ds) return Error{ErrorCode::Io, tmp + ": cannot create" + (errors.last.empty() ? "" : ": " + errors.last)};
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const std::string layerName = std::string("pantau_") + levelName(o.level);
  OGRSpatialReference srs = geometry && boundaryLayer->GetSpatialRef() ? *boundaryLayer->GetSpatialRef() : wgs84;
  // CSV: a .csvt beside it tells GDAL and QGIS each column's type (codes stay text, not numbers).
  char** layerOptions = o.format == ExportFormat::Csv ? CSLSetNameValue(nullptr, "CREATE_CSVT", "YES") : nullptr;
  OGRLayer* layer = ds->CreateLayer(layerName.c_str(), geometry ? &srs : nullptr, geometry ? wkbMultiPolygon : wkbNone, layerOptions);
  CSLDestroy(layerOptions);
  if (!layer) return Error{ErrorCode::Io, tmp + ": cannot create layer " + layerName + (errors.last.empty() ? "" : ": " + errors.last)};

  // Fields: identity, then per ticket (by ballot number), then the region's state.
  auto field = [&](const std::string& name, OGRFieldType type) {
    OGRFieldDefn d(name.c_str(), type);
    layer->CreateField(&d);
  };
  field("code", OFTString);
  field("nama", OFTString);
  field("parent", OFTString);
  const CandidateList& cands = s.candidateList();
  // 32-bit integers: the nation's largest count (75 million) fits, and spreadsheets read them
  // as numbers (GDAL's CSV writer quotes 64-bit ones).
  for (const Candidate& c : cands.candidates) field("votes_" + twoDigits(c.nomorUrut), OFTInteger);
  for (const Candidate& c : cands.candidates) field("share_" + twoDigits(c.nomorUrut), OFTReal);
  field("valid_votes", OFTInteger);
  field("winner", OFTString);
  field("progress", OFTReal);
  field("tps_total", OFTInteger);
  field("tps_reported", OFTInteger);
  field("turnout", OFTReal);
  field("flags", OFTInteger);
  field("warnings", OFTInteger);
  field("ts", OFTString);
  const bool tps = o.level == Level::Tps;
  static const char* kAdm[] = {"suara_sah", "suara_tidak_sah", "suara_total"};
  static const char* kGroups[] = {"pemilih_dpt", "pengguna_dpt", "pengguna_dptb", "pengguna_non_dpt", "pengguna_total"};
  if (tps) {
    for (const char* n : kAdm) field(n, OFTInteger);
    for (const char* g : kGroups)
      for (const char* sx : {"_j", "_l", "_p"}) field(std::string(g) + sx, OFTInteger);
    field("psu", OFTString);
    field("status_suara", OFTInteger);
    field("status_adm", OFTInteger);
    field("checks", OFTString);
  }

  const IntegrityState* in = s.integrity();
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  const bool transaction = layer->StartTransaction() == OGRERR_NONE;  // GPKG: one transaction is many times faster
  for (RegionId id : regionsUnder(t, o.under, o.level)) {
    OGRFeature feature(defn);
    const RegionStatus& st = s.status(id);
    feature.SetField("code", std::string(t.code(id)).c_str());
    feature.SetField("nama", std::string(t.name(id)).c_str());
    feature.SetField("parent", std::string(t.code(t.parent(id))).c_str());
    // A region's own document is its own truth; without one, its row in its parent's table.
    const auto votes = st.has(RegionStatus::kHasOwn) ? s.ownVotes(id) : s.votes(id);
    uint64_t total = 0;
    for (uint32_t v : votes) total += v;
    if (total > 0) {
      std::size_t best = 0;
      for (std::size_t c = 0; c < votes.size(); ++c) {
        const std::string n = twoDigits(cands.candidates[c].nomorUrut);
        feature.SetField(("votes_" + n).c_str(), static_cast<int>(votes[c]));
        feature.SetField(("share_" + n).c_str(), 100.0 * votes[c] / static_cast<double>(total));
        if (votes[c] > votes[best]) best = c;
      }
      feature.SetField("valid_votes", static_cast<int>(total));
      feature.SetField("winner", twoDigits(cands.candidates[best].nomorUrut).c_str());
    }
    if (tps) {
      if (st.has(RegionStatus::kHasOwn) || st.has(RegionStatus::kHasRow)) feature.SetField("progress", total > 0 ? 100.0 : 0.0);
    } else if (st.has(RegionStatus::kHasOwn) && st.progressTotal) {
      feature.SetField("progress", 100.0 * st.progressReported / st.progressTotal);
      feature.SetField("tps_total", static_cast<int>(st.progressTotal));
      feature.SetField("tps_reported", static_cast<int>(st.progressReported));
    } else if (st.has(RegionStatus::kHasRow)) {
      feature.SetField("progress", static_cast<double>(st.persen));
    }
    if (in) {
      int errorsHere = 0, warningsHere = 0;
      std::string checks;
      for (const Finding& f : in->findingsFor(id)) {
        (f.severity() == Severity::Error ? errorsHere : warningsHere)++;
        checks += (checks.empty() ? "" : ";") + std::string(checkInfo(f.check).id);
      }
      if (tps) {
        feature.SetField("flags", errorsHere);
        feature.SetField("warnings", warningsHere);
        feature.SetField("checks", checks.c_str());
      } else {
        if (in->checkedTps(id)) feature.SetField("flags", static_cast<int>(in->flaggedTps(id)));
        if (const double tu = in->turnout(id); tu >= 0) feature.SetField("turnout", 100.0 * tu);
      }
    }
    if (st.sourceTs) feature.SetField("ts", formatTimestamp(st.sourceTs).c_str());
    if (tps) {
      if (const TpsFacts* f = s.tpsFacts(id)) {
        if (f->has(TpsFacts::kAdministrasi)) {
          const Administrasi& a = f->adm;
          feature.SetField("suara_sah", static_cast<int>(a.suaraSah));
          feature.SetField("suara_tidak_sah", static_cast<int>(a.suaraTidakSah));
          feature.SetField("suara_total", static_cast<int>(a.suaraTotal));
          const std::array<const std::array<uint32_t, 3>*, 5> groups{&a.pemilihDpt, &a.penggunaDpt, &a.penggunaDptb, &a.penggunaNonDpt, &a.penggunaTotal};
          for (std::size_t g = 0; g < groups.size(); ++g)
            for (int x = 0; x < 3; ++x)
              feature.SetField((std::string(kGroups[g]) + (x == 0 ? "_j" : x == 1 ? "_l" : "_p")).c_str(), static_cast<int>((*groups[g])[static_cast<std::size_t>(x)]));
          if (a.pemilihDpt[0]) feature.SetField("turnout", 100.0 * a.penggunaTotal[0] / a.pemilihDpt[0]);
        }
        feature.SetField("psu", toString(f->psu));
        feature.SetField("status_suara", f->has(TpsFacts::kStatusSuara) ? 1 : 0);
        feature.SetField("status_adm", f->has(TpsFacts::kStatusAdm) ? 1 : 0);
      }
    }
    if (geometry) {
      if (auto it = featureOf.find(id); it != featureOf.end()) {
        OGRFeatureUniquePtr src(boundaryLayer->GetFeature(it->second));
        if (src && src->GetGeometryRef()) {
          feature.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(src->GetGeometryRef()->clone()));  // owns it
          ++stats.withGeometry;
        }
      }
    }
    if (layer->CreateFeature(&feature) != OGRERR_NONE)
      return Error{ErrorCode::Io, tmp + ": cannot write " + std::string(t.code(id)) + (errors.last.empty() ? "" : ": " + errors.last)};
    ++stats.rows;
  }
  if (transaction && layer->CommitTransaction() != OGRERR_NONE)
    return Error{ErrorCode::Io, tmp + ": cannot commit" + (errors.last.empty() ? "" : ": " + errors.last)};
  ds.reset();  // close: flushes
  // The CSV driver writes DIR/LAYER.csv when given a name without .csv: always give it the file.
  std::filesystem::rename(tmp, out, ec);
  if (ec) return Error{ErrorCode::Io, out.string() + ": cannot move the export into place: " + ec.message()};
  partial.moved = true;
  if (o.format == ExportFormat::Csv) {  // its column types, named after it
    std::filesystem::path csvt = out;
    csvt.replace_extension(".csvt");
    std::filesystem::rename(std::filesystem::path(tmp).replace_extension(".csvt"), csvt, ec);
  }
  return Status::success();
}

}  // namespace pantau::data
