#include "pantau/data/export/export.hpp"

#include <ogrsf_frmts.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <unordered_map>

#include "export/dapil_layer.hpp"
#include "export/qgis_style.hpp"
#include "geo/gdal_util.hpp"
#include "pantau/data/integrity/integrity.hpp"

namespace pantau::data {

bool parseExportFormat(std::string_view s, ExportFormat& out) {
  if (s == "gpkg")
    out = ExportFormat::Gpkg;
  else if (s == "geojson")
    out = ExportFormat::GeoJson;
  else if (s == "csv")
    out = ExportFormat::Csv;
  else
    return false;
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

const char* kAdm[] = {"suara_sah", "suara_tidak_sah", "suara_total"};
const char* kGroups[] = {"pemilih_dpt", "pengguna_dpt", "pengguna_dptb", "pengguna_non_dpt",
                         "pengguna_total"};

std::string withGdal(std::string message, const GdalErrors& errors) {
  return errors.last.empty() ? message : message + ": " + errors.last;
}

}  // namespace

struct ExportWriter::Impl {
  const RegionTree* tree = nullptr;
  CandidateList candidates;  ///< a copy: the snapshots of a timeline come and go
  ExportOptions options;
  std::filesystem::path out;
  std::string tmp;
  GDALDatasetUniquePtr boundaries, ds;
  OGRLayer* boundaryLayer = nullptr;
  OGRLayer* layer = nullptr;
  std::unordered_map<RegionId, GIntBig> featureOf;
  std::vector<RegionId> rows;
  std::vector<std::string> fields;
  bool geometry = false, tps = false, transaction = false;
  ExportStats stats;

  Status openBoundaries(GdalErrors& errors);
  Status createLayer(GDALDriver& driver, GdalErrors& errors);
  void addField(const std::string& name, OGRFieldType type, const char* domain = nullptr);
  void setFigures(OGRFeature& feature, const Snapshot& s, RegionId id) const;
  void setIntegrity(OGRFeature& feature, const Snapshot& s, RegionId id) const;
  void setTpsFacts(OGRFeature& feature, const Snapshot& s, RegionId id) const;
  void setDprTpsFacts(OGRFeature& feature, RegionId id) const;
  void setTime(OGRFeature& feature, const Snapshot& s, RegionId id, int64_t stepMs) const;
  Status addStyles();
};

Status ExportWriter::Impl::openBoundaries(GdalErrors& errors) {
  const BoundarySource& b = options.boundaries;
  boundaries.reset(GDALDataset::Open(b.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!boundaries) return Error{ErrorCode::Io, withGdal(b.path + ": cannot open", errors)};
  boundaryLayer =
      b.layer.empty() ? boundaries->GetLayer(0) : boundaries->GetLayerByName(b.layer.c_str());
  if (!boundaryLayer) return Error{ErrorCode::Missing, b.path + ": no layer '" + b.layer + "'"};
  auto join = joinBoundaryFeatures(*tree, b, options.level);
  if (!join) return join.error();
  for (const auto& [fid, id] : join->features) featureOf[id] = fid;
  return Status::success();
}

void ExportWriter::Impl::addField(const std::string& name, OGRFieldType type, const char* domain) {
  OGRFieldDefn d(name.c_str(), type);
  if (domain) d.SetDomainName(domain);
  layer->CreateField(&d);
  fields.push_back(name);
}

Status ExportWriter::Impl::createLayer(GDALDriver& driver, GdalErrors& errors) {
  ds.reset(driver.Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) return Error{ErrorCode::Io, withGdal(tmp + ": cannot create", errors)};
  const bool gpkg = options.format == ExportFormat::Gpkg;
  if (gpkg)
    if (Status st = addWinnerDomain(*ds, candidates); !st) return st;
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const std::string layerName = std::string("pantau_") + levelName(options.level);
  OGRSpatialReference srs =
      geometry && boundaryLayer->GetSpatialRef() ? *boundaryLayer->GetSpatialRef() : wgs84;
  // CSV: a .csvt beside it tells GDAL and QGIS each column's type (codes stay text, not numbers).
  char** layerOptions = options.format == ExportFormat::Csv
                            ? CSLSetNameValue(nullptr, "CREATE_CSVT", "YES")
                            : nullptr;
  layer = ds->CreateLayer(layerName.c_str(), geometry ? &srs : nullptr,
                          geometry ? wkbMultiPolygon : wkbNone, layerOptions);
  CSLDestroy(layerOptions);
  if (!layer)
    return Error{ErrorCode::Io, withGdal(tmp + ": cannot create layer " + layerName, errors)};

  // Fields: identity, then per ticket (by ballot number), then the region's state.
  addField("code", OFTString);
  addField("nama", OFTString);
  addField("parent", OFTString);
  const bool dprTps = tps && options.dprTps;
  if (dprTps) addField("dapil", OFTString);
  // 32-bit integers: the nation's largest count (75 million) fits, and spreadsheets read them
  // as numbers (GDAL's CSV writer quotes 64-bit ones).
  for (const Candidate& c : candidates.candidates)
    addField("votes_" + ballotNumber(c.nomorUrut), OFTInteger);
  for (const Candidate& c : candidates.candidates)
    addField("share_" + ballotNumber(c.nomorUrut), OFTReal);
  for (const char* part : {"party_", "caleg_"})  // a DPR TPS: votes_NN = party_NN + caleg_NN
    for (const Candidate& c : dprTps ? candidates.candidates : std::vector<Candidate>{})
      addField(part + ballotNumber(c.nomorUrut), OFTInteger);
  addField("valid_votes", OFTInteger);
  addField("winner", OFTString, gpkg ? kWinnerDomain : nullptr);
  addField("margin", OFTReal);
  addField("progress", OFTReal);
  addField("tps_total", OFTInteger);
  addField("tps_reported", OFTInteger);
  addField("turnout", OFTReal);
  addField("flags", OFTInteger);
  if (!tps) addField("flagged_per_1000", OFTReal);
  addField("warnings", OFTInteger);
  addField("ts", options.timelineMinutes > 0 ? OFTDateTime : OFTString);
  if (options.timelineMinutes > 0) addField("source_ts", OFTString);
  if (tps) {
    for (const char* n : kAdm) addField(n, OFTInteger);
    for (const char* g : kGroups)
      for (const char* sx : {"_j", "_l", "_p"}) addField(std::string(g) + sx, OFTInteger);
    addField("psu", OFTString);
    addField("status_suara", OFTInteger);
    addField("status_adm", OFTInteger);
    addField("checks", OFTString);
  }
  transaction =
      layer->StartTransaction() == OGRERR_NONE;  // GPKG: one transaction is many times faster
  return Status::success();
}

void ExportWriter::Impl::setFigures(OGRFeature& feature, const Snapshot& s, RegionId id) const {
  const RegionStatus& st = s.status(id);
  const auto& cands = candidates.candidates;
  // A region's own document is its own truth; without one, its row in its parent's table.
  const auto votes = st.has(RegionStatus::kHasOwn) ? s.ownVotes(id) : s.votes(id);
  uint64_t total = 0;
  for (uint32_t v : votes) total += v;
  if (total > 0) {
    std::size_t best = 0;
    uint32_t second = 0;
    for (std::size_t c = 0; c < votes.size() && c < cands.size(); ++c) {
      const std::string n = ballotNumber(cands[c].nomorUrut);
      feature.SetField(("votes_" + n).c_str(), static_cast<int>(votes[c]));
      feature.SetField(("share_" + n).c_str(), 100.0 * votes[c] / static_cast<double>(total));
      if (votes[c] > votes[best]) best = c;
    }
    for (std::size_t c = 0; c < votes.size(); ++c)
      if (c != best) second = std::max(second, votes[c]);
    feature.SetField("valid_votes", static_cast<int>(total));
    feature.SetField("winner", ballotNumber(cands[best].nomorUrut).c_str());
    feature.SetField("margin", 100.0 * (votes[best] - second) / static_cast<double>(total));
  }
  if (tps) {
    if (st.has(RegionStatus::kHasOwn) || st.has(RegionStatus::kHasRow))
      feature.SetField("progress", total > 0 ? 100.0 : 0.0);
  } else if (st.has(RegionStatus::kHasOwn) && st.progressTotal) {
    feature.SetField("progress", 100.0 * st.progressReported / st.progressTotal);
    feature.SetField("tps_total", static_cast<int>(st.progressTotal));
    feature.SetField("tps_reported", static_cast<int>(st.progressReported));
  } else if (st.has(RegionStatus::kHasRow)) {
    feature.SetField("progress", static_cast<double>(st.persen));
  }
}

void ExportWriter::Impl::setIntegrity(OGRFeature& feature, const Snapshot& s, RegionId id) const {
  const IntegrityState* in = s.integrity();
  if (!in && !(tps && options.dprTps)) return;
  int errorsHere = 0, warningsHere = 0;
  std::string checks;
  for (const Finding& f : in ? in->findingsFor(id) : std::span<const Finding>{}) {
    (f.severity() == Severity::Error ? errorsHere : warningsHere)++;
    checks += (checks.empty() ? "" : ";") + std::string(checkInfo(f.check).id);
  }
  if (const DprTpsFacts* dpr = tps && options.dprTps ? options.dprTps->find(id) : nullptr)
    for (const std::string& c : dpr->checks) {  // the DPR's own arithmetic: errors
      ++errorsHere;
      checks += (checks.empty() ? "" : ";") + c;
    }
  if (tps) {
    feature.SetField("flags", errorsHere);
    feature.SetField("warnings", warningsHere);
    feature.SetField("checks", checks.c_str());
    return;
  }
  if (const uint32_t checked = in->checkedTps(id)) {
    feature.SetField("flags", static_cast<int>(in->flaggedTps(id)));
    feature.SetField("flagged_per_1000", 1000.0 * in->flaggedTps(id) / checked);
  }
  if (const double tu = in->turnout(id); tu >= 0) feature.SetField("turnout", 100.0 * tu);
}

void ExportWriter::Impl::setTpsFacts(OGRFeature& feature, const Snapshot& s, RegionId id) const {
  const TpsFacts* f = s.tpsFacts(id);
  if (!f) return;
  if (f->has(TpsFacts::kAdministrasi)) {
    const Administrasi& a = f->adm;
    feature.SetField("suara_sah", static_cast<int>(a.suaraSah));
    feature.SetField("suara_tidak_sah", static_cast<int>(a.suaraTidakSah));
    feature.SetField("suara_total", static_cast<int>(a.suaraTotal));
    const std::array<const std::array<uint32_t, 3>*, 5> groups{
        &a.pemilihDpt, &a.penggunaDpt, &a.penggunaDptb, &a.penggunaNonDpt, &a.penggunaTotal};
    for (std::size_t g = 0; g < groups.size(); ++g)
      for (int x = 0; x < 3; ++x)
        feature.SetField((std::string(kGroups[g]) + (x == 0   ? "_j"
                                                     : x == 1 ? "_l"
                                                              : "_p"))
                             .c_str(),
                         static_cast<int>((*groups[g])[static_cast<std::size_t>(x)]));
    if (a.pemilihDpt[0]) feature.SetField("turnout", 100.0 * a.penggunaTotal[0] / a.pemilihDpt[0]);
  }
  feature.SetField("psu", toString(f->psu));
  feature.SetField("status_suara", f->has(TpsFacts::kStatusSuara) ? 1 : 0);
  feature.SetField("status_adm", f->has(TpsFacts::kStatusAdm) ? 1 : 0);
}

void ExportWriter::Impl::setDprTpsFacts(OGRFeature& feature, RegionId id) const {
  const DprTpsFacts* f = options.dprTps ? options.dprTps->find(id) : nullptr;
  if (!f) return;
  feature.SetField("dapil", f->dapil.c_str());
  for (const Candidate& c : candidates.candidates)
    if (const DprTpsFacts::PartyFacts* p = f->find(c.id)) {
      const std::string n = ballotNumber(c.nomorUrut);
      feature.SetField(("party_" + n).c_str(), static_cast<int>(p->partyOnly));
      feature.SetField(("caleg_" + n).c_str(), static_cast<int>(p->caleg));
    }
}

void ExportWriter::Impl::setTime(OGRFeature& feature, const Snapshot& s, RegionId id,
                                 int64_t stepMs) const {
  const int64_t sourceTs = s.status(id).sourceTs;
  if (options.timelineMinutes <= 0) {
    if (sourceTs) feature.SetField("ts", formatTimestamp(sourceTs).c_str());
    return;
  }
  if (sourceTs) feature.SetField("source_ts", formatTimestamp(sourceTs).c_str());
  // GDAL's TZ flag: 100 = UTC, +1 per 15 minutes. A GeoPackage keeps datetimes in UTC (its
  // standard; GDAL warns on anything else); CSV says WIB (+07) as people read the night.
  const int offsetMinutes = options.format == ExportFormat::Gpkg ? 0 : 7 * 60;
  const std::time_t local = static_cast<std::time_t>(stepMs / 1000) + offsetMinutes * 60;
  std::tm tm{};
  gmtime_r(&local, &tm);
  feature.SetField(feature.GetFieldIndex("ts"), tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                   tm.tm_hour, tm.tm_min, static_cast<float>(tm.tm_sec), 100 + offsetMinutes / 15);
}

Status ExportWriter::Impl::addStyles() {
  if (options.format != ExportFormat::Gpkg || !geometry)
    return Status::success();  // QGIS styles draw polygons
  StyledLayer sl;
  sl.candidates = &candidates;
  sl.fields = fields;
  sl.integrityField = tps ? "flags" : "flagged_per_1000";
  sl.timelineMinutes = options.timelineMinutes;
  return writeLayerStyles(*ds, *layer, exportStyles(sl));
}

ExportWriter::ExportWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

ExportWriter::~ExportWriter() {
  if (m_impl && m_impl->ds) {  // dropped unfinished: the part file goes
    m_impl->ds.reset();
    std::error_code ec;
    std::filesystem::remove(m_impl->tmp, ec);
    std::filesystem::remove(std::filesystem::path(m_impl->tmp).replace_extension(".csvt"), ec);
  }
}

Result<std::unique_ptr<ExportWriter>> ExportWriter::create(const RegionTree& tree,
                                                           const CandidateList& candidates,
                                                           const ExportOptions& o,
                                                           const std::filesystem::path& out) {
  gdalInit();
  GdalErrors errors;
  auto impl = std::make_unique<Impl>();
  impl->tree = &tree;
  impl->candidates = candidates;
  impl->options = o;
  impl->out = out;
  impl->tps = o.level == Level::Tps;
  const char* driverName = o.format == ExportFormat::Gpkg      ? "GPKG"
                           : o.format == ExportFormat::GeoJson ? "GeoJSON"
                                                               : "CSV";
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName);
  if (!driver)
    return Error{ErrorCode::Missing, std::string("GDAL has no ") + driverName + " driver"};
  // Written aside, renamed when whole; the name keeps the format's extension (GDAL's CSV driver
  // makes a directory of a name without ".csv").
  const char* ext = o.format == ExportFormat::Gpkg      ? ".gpkg"
                    : o.format == ExportFormat::GeoJson ? ".geojson"
                                                        : ".csv";
  impl->tmp = (out.parent_path() / ("." + out.filename().string() + ".part" + std::to_string(::getpid()) + ext)).string();
  std::error_code ec;
  std::filesystem::remove(impl->tmp, ec);
  // Polygons by region for the levels that have them.
  impl->geometry =
      o.format != ExportFormat::Csv && o.level <= Level::District && !o.boundaries.path.empty();
  if (impl->geometry)
    if (Status st = impl->openBoundaries(errors); !st) return st.error();
  impl->rows = regionsUnder(tree, o.under, o.level);
  if (Status st = impl->createLayer(*driver, errors); !st) return st.error();
  return std::unique_ptr<ExportWriter>(new ExportWriter(std::move(impl)));
}

Status ExportWriter::add(const Snapshot& s, int64_t stepMs) {
  Impl& m = *m_impl;
  GdalErrors errors;
  const RegionTree& t = *m.tree;
  for (RegionId id : m.rows) {
    OGRFeature feature(m.layer->GetLayerDefn());
    feature.SetField("code", std::string(t.code(id)).c_str());
    feature.SetField("nama", std::string(t.name(id)).c_str());
    feature.SetField("parent", std::string(t.code(t.parent(id))).c_str());
    m.setFigures(feature, s, id);
    m.setIntegrity(feature, s, id);
    m.setTime(feature, s, id, stepMs);
    if (m.tps) m.setTpsFacts(feature, s, id);
    if (m.tps) m.setDprTpsFacts(feature, id);
    if (m.geometry) {
      if (auto it = m.featureOf.find(id); it != m.featureOf.end()) {
        OGRFeatureUniquePtr src(m.boundaryLayer->GetFeature(it->second));
        if (src && src->GetGeometryRef()) {
          feature.SetGeometryDirectly(
              OGRGeometryFactory::forceToMultiPolygon(src->GetGeometryRef()->clone()));  // owns it
          ++m.stats.withGeometry;
        }
      }
    }
    if (m.layer->CreateFeature(&feature) != OGRERR_NONE)
      return Error{ErrorCode::Io,
                   withGdal(m.tmp + ": cannot write " + std::string(t.code(id)), errors)};
    ++m.stats.rows;
  }
  return Status::success();
}

Status ExportWriter::finish(ExportStats& stats) {
  Impl& m = *m_impl;
  GdalErrors errors;
  if (m.transaction && m.layer->CommitTransaction() != OGRERR_NONE)
    return Error{ErrorCode::Io, withGdal(m.tmp + ": cannot commit", errors)};
  if (Status st = m.addStyles(); !st) return st;
  if (m.options.dapil && m.options.format == ExportFormat::Gpkg) {  // the DPR's dapil beside the regions
    ExportStats dapilStats;
    if (Status st = writeDapilLayer(*m.ds, *m.options.dapil, m.candidates, m.options.format, false, dapilStats); !st) return st;
  }
  m.ds.reset();  // close: flushes
  std::error_code ec;
  // Renamed over OUT only when whole: the old OUT stays until then (a failed or killed export
  // leaves it as it was).
  // The CSV driver writes DIR/LAYER.csv when given a name without .csv: always give it the file.
  std::filesystem::rename(m.tmp, m.out, ec);
  if (ec)
    return Error{ErrorCode::Io,
                 m.out.string() + ": cannot move the export into place: " + ec.message()};
  if (m.options.format == ExportFormat::Csv) {  // its column types, named after it
    std::filesystem::path csvt = m.out;
    csvt.replace_extension(".csvt");
    std::filesystem::rename(std::filesystem::path(m.tmp).replace_extension(".csvt"), csvt, ec);
  }
  stats = m.stats;
  return Status::success();
}

Status exportResults(const Snapshot& s, const ExportOptions& o, const std::filesystem::path& out,
                     ExportStats& stats) {
  auto writer = ExportWriter::create(s.tree(), s.candidateList(), o, out);
  if (!writer) return writer.error();
  if (Status st = (*writer)->add(s); !st) return st;
  return (*writer)->finish(stats);
}

}  // namespace pantau::data
