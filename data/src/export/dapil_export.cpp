// The DPR dapil in an export: rows from the dissolve, the count and the seat projection; the
// `pantau_dapil` layer; `--level dapil` as a file of its own.
// [SECTION] Rows
// [SECTION] The layer
// [SECTION] --level dapil

#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "export/dapil_layer.hpp"
#include "export/qgis_style.hpp"
#include "geo/gdal_util.hpp"
#include "pantau/data/export/dapil_rows.hpp"

namespace pantau::data {

//-----------------------------------------------------------------------------
// [SECTION] Rows
//-----------------------------------------------------------------------------

namespace {

/// Percent of the dapil's TPS in, from its regencies' own documents; < 0 unless every one is known.
double dapilProgress(const Snapshot& s, const DapilInfo& d) {
  uint64_t total = 0, reported = 0;
  for (const std::string& code : d.regencies) {
    const RegionId id = s.tree().find(code);
    if (id == kNoRegion) return -1;
    const RegionStatus& st = s.status(id);
    if (!st.has(RegionStatus::kHasOwn) || st.progressTotal == 0) return -1;
    total += st.progressTotal;
    reported += st.progressReported;
  }
  return total ? 100.0 * static_cast<double>(reported) / static_cast<double>(total) : -1;
}

}  // namespace

std::vector<DapilExportRow> dapilExportRows(const DprTables& tables, const DapilBoundaries& shapes,
                                            const DprCount& count, const SeatProjection& projection,
                                            const CandidateList& parties,
                                            const Snapshot* regionCounts) {
  std::unordered_map<PartyId, std::size_t> column;
  for (std::size_t i = 0; i < parties.candidates.size(); ++i) column[parties.candidates[i].id] = i;
  std::unordered_map<CalegId, const CalegEntry*> calegById;
  for (const CalegEntry& c : tables.caleg) calegById[c.id] = &c;
  std::vector<DapilExportRow> out;
  out.reserve(tables.dapil.size());
  for (std::size_t i = 0; i < tables.dapil.size(); ++i) {
    const DapilInfo& d = tables.dapil[i];
    DapilExportRow row;
    row.code = d.kode;
    row.name = d.nama;
    row.seats = d.seats;
    row.votes.assign(parties.candidates.size(), 0);
    row.seatsWon.assign(parties.candidates.size(), 0);
    if (const DapilShape* shape = shapes.find(d.kode)) {
      row.wkb = shape->wkb;
      row.labelLon = shape->labelLon;
      row.labelLat = shape->labelLat;
    }
    if (i < count.dapil.size())
      for (const PartyVotes& v : count.dapil[i].parties)
        if (auto c = column.find(v.party); c != column.end()) row.votes[c->second] += v.votes;
    if (i < projection.dapil.size()) {
      for (const PartySeats& a : projection.dapil[i].allocation)
        if (auto c = column.find(a.party); c != column.end()) row.seatsWon[c->second] = a.seats;
      for (CalegId id : projection.dapil[i].elected) {
        row.elected.push_back(std::to_string(id));
        const auto it = calegById.find(id);
        row.electedNames.push_back(it != calegById.end() ? it->second->nama : std::to_string(id));
      }
    }
    if (regionCounts) row.progress = dapilProgress(*regionCounts, d);
    out.push_back(std::move(row));
  }
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] The layer
//-----------------------------------------------------------------------------

namespace {

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ";") + p;
  return out;
}

/// Votes, shares, seats, the leading party and its margin of one row.
void setPartyFields(OGRFeature& f, const DapilExportRow& row, const CandidateList& parties) {
  uint64_t total = 0;
  for (uint64_t v : row.votes) total += v;
  std::size_t best = 0;
  for (std::size_t c = 0; c < parties.candidates.size() && c < row.votes.size(); ++c) {
    const std::string n = ballotNumber(parties.candidates[c].nomorUrut);
    f.SetField(("votes_" + n).c_str(),
               static_cast<int>(std::min<uint64_t>(row.votes[c], INT32_MAX)));
    f.SetField(("seats_" + n).c_str(), static_cast<int>(row.seatsWon[c]));
    if (total > 0)
      f.SetField(("share_" + n).c_str(),
                 100.0 * static_cast<double>(row.votes[c]) / static_cast<double>(total));
    if (row.votes[c] > row.votes[best]) best = c;
  }
  f.SetField("valid_votes", static_cast<int>(std::min<uint64_t>(total, INT32_MAX)));
  if (total == 0) return;
  uint64_t second = 0;
  for (std::size_t c = 0; c < row.votes.size(); ++c)
    if (c != best) second = std::max(second, row.votes[c]);
  f.SetField("winner", ballotNumber(parties.candidates[best].nomorUrut).c_str());
  f.SetField("margin",
             100.0 * static_cast<double>(row.votes[best] - second) / static_cast<double>(total));
}

}  // namespace

Status writeDapilLayer(GDALDataset& ds, const std::vector<DapilExportRow>& rows,
                       const CandidateList& parties, ExportFormat format, bool addDomain,
                       ExportStats& stats) {
  GdalErrors errors;
  const bool gpkg = format == ExportFormat::Gpkg, geometry = format != ExportFormat::Csv;
  if (gpkg && addDomain)
    if (Status st = addWinnerDomain(ds, parties); !st) return st;
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  char** options =
      format == ExportFormat::Csv ? CSLSetNameValue(nullptr, "CREATE_CSVT", "YES") : nullptr;
  OGRLayer* layer = ds.CreateLayer("pantau_dapil", geometry ? &wgs84 : nullptr,
                                   geometry ? wkbMultiPolygon : wkbNone, options);
  CSLDestroy(options);
  if (!layer)
    return Error{ErrorCode::Io, "cannot create layer pantau_dapil" +
                                    (errors.last.empty() ? "" : ": " + errors.last)};
  std::vector<std::string> fields;
  auto add = [&](const std::string& name, OGRFieldType type, const char* domain = nullptr) {
    OGRFieldDefn d(name.c_str(), type);
    if (domain) d.SetDomainName(domain);
    layer->CreateField(&d);
    fields.push_back(name);
  };
  add("code", OFTString);
  add("nama", OFTString);
  add("seats", OFTInteger);
  // 32-bit, as the regions' columns: spreadsheets read them as numbers (GDAL's CSV writer quotes
  // 64-bit ones), and a dapil's count is far under 2^31 (the largest had about 3 million votes).
  for (const Candidate& c : parties.candidates)
    add("votes_" + ballotNumber(c.nomorUrut), OFTInteger);
  for (const Candidate& c : parties.candidates) add("share_" + ballotNumber(c.nomorUrut), OFTReal);
  for (const Candidate& c : parties.candidates)
    add("seats_" + ballotNumber(c.nomorUrut), OFTInteger);
  add("valid_votes", OFTInteger);
  add("winner", OFTString, gpkg ? kWinnerDomain : nullptr);
  add("margin", OFTReal);
  add("progress", OFTReal);
  add("elected", OFTString);
  add("elected_names", OFTString);
  add("label_lon", OFTReal);
  add("label_lat", OFTReal);
  const bool transaction = layer->StartTransaction() == OGRERR_NONE;
  for (const DapilExportRow& row : rows) {
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("code", row.code.c_str());
    f.SetField("nama", row.name.c_str());
    f.SetField("seats", static_cast<int>(row.seats));
    setPartyFields(f, row, parties);
    if (row.progress >= 0) f.SetField("progress", row.progress);
    f.SetField("elected", joined(row.elected).c_str());
    f.SetField("elected_names", joined(row.electedNames).c_str());
    if (!row.wkb.empty()) {
      f.SetField("label_lon", row.labelLon);
      f.SetField("label_lat", row.labelLat);
      OGRGeometry* g = nullptr;
      if (geometry &&
          OGRGeometryFactory::createFromWkb(row.wkb.data(), &wgs84, &g, row.wkb.size()) ==
              OGRERR_NONE &&
          g) {
        f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g));
        ++stats.withGeometry;
      }
    }
    if (layer->CreateFeature(&f) != OGRERR_NONE)
      return Error{ErrorCode::Io, "pantau_dapil: cannot write " + row.code +
                                      (errors.last.empty() ? "" : ": " + errors.last)};
    ++stats.rows;
  }
  if (transaction && layer->CommitTransaction() != OGRERR_NONE)
    return Error{ErrorCode::Io,
                 "pantau_dapil: cannot commit" + (errors.last.empty() ? "" : ": " + errors.last)};
  if (!gpkg) return Status::success();
  StyledLayer sl;
  sl.candidates = &parties;
  sl.fields = fields;
  return writeLayerStyles(ds, *layer, exportStyles(sl));
}

//-----------------------------------------------------------------------------
// [SECTION] --level dapil
//-----------------------------------------------------------------------------

Status exportDapil(const std::vector<DapilExportRow>& rows, const CandidateList& parties,
                   ExportFormat format, const std::filesystem::path& out, ExportStats& stats) {
  gdalInit();
  GdalErrors errors;
  const char* driverName = format == ExportFormat::Gpkg      ? "GPKG"
                           : format == ExportFormat::GeoJson ? "GeoJSON"
                                                             : "CSV";
  const char* ext = format == ExportFormat::Gpkg      ? ".gpkg"
                    : format == ExportFormat::GeoJson ? ".geojson"
                                                      : ".csv";
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName);
  if (!driver)
    return Error{ErrorCode::Missing, std::string("GDAL has no ") + driverName + " driver"};
  // Written aside and renamed when whole, as ExportWriter does: a failed export leaves OUT as it
  // was.
  const std::filesystem::path tmp = out.parent_path() / ("." + out.filename().string() + ".part" +
                                                         std::to_string(::getpid()) + ext);
  std::error_code ec;
  std::filesystem::remove(tmp, ec);
  GDALDatasetUniquePtr ds(driver->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds)
    return Error{ErrorCode::Io, tmp.string() + ": cannot create" +
                                    (errors.last.empty() ? "" : ": " + errors.last)};
  Status written = writeDapilLayer(*ds, rows, parties, format, true, stats);
  ds.reset();
  std::filesystem::path csvt = tmp;
  csvt.replace_extension(".csvt");
  if (!written) {
    std::filesystem::remove(tmp, ec);
    std::filesystem::remove(csvt, ec);
    return written;
  }
  std::filesystem::rename(tmp, out, ec);
  if (ec)
    return Error{ErrorCode::Io,
                 out.string() + ": cannot move the export into place: " + ec.message()};
  if (format == ExportFormat::Csv)
    std::filesystem::rename(csvt, std::filesystem::path(out).replace_extension(".csvt"), ec);
  return Status::success();
}

}  // namespace pantau::data
