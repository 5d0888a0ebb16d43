// The DPR and DPD documents in the API's layout (sirekap-pileg.md): TPS documents, the hhcw
// aggregates at every level, the per-dapil recaps, and the reference lists.
//
// [SECTION] DPR
// [SECTION] DPD
// [SECTION] Lists
// [SECTION] Routing

#include "legislative_documents.hpp"

#include <cmath>

#include "documents.hpp"
#include "form_image.hpp"
#include "pantau/data/base/json_writer.hpp"

namespace pantau::sim {

using namespace pantau::data;

namespace {

constexpr int kMaxAge[] = {30, 30, 60, 120, 300, 300};  // by level, as the presidential documents
const int64_t kPublished = NightModel::nightBegin() - 86400;

double percent(uint32_t part, uint32_t whole) {
  return whole ? std::round(10000.0 * part / whole) / 100.0 : 0.0;
}

std::string partyKey(int p) {
  return std::to_string(LegislativeModel::partyIds()[p]);
}

/// The not-yet-uploaded TPS shape (both contests), with `pages` null images.
std::string emptyTps(int pages, bool dpr) {
  std::string out;
  JsonWriter w(out);
  w.beginObject().key("chart").null();
  if (dpr) w.key("kode_dapil").null().key("caleg").null();
  w.key("images").beginArray();
  for (int i = 0; i < pages; ++i) w.null();
  w.endArray()
      .key("administrasi")
      .null()
      .key("psu")
      .null()
      .key("ts")
      .string(formatTimestamp(NightModel::nightBegin()))
      .key("status_suara")
      .boolean(false)
      .key("status_adm")
      .boolean(false)
      .endObject();
  return out;
}

/// The TPS's administrasi for a legislative ballot: the presidential voters, this ballot's
/// valid and invalid votes.
void writeAdministrasi(JsonWriter& w, const LegislativeModel& m, RegionId tps) {
  Administrasi a = m.night().tps(tps).adm;
  a.suaraSah = m.dprValid(tps);
  a.suaraTidakSah = a.suaraTotal - a.suaraSah;
  w.key("administrasi")
      .beginObject()
      .key("suara_sah")
      .number(a.suaraSah)
      .key("suara_total")
      .number(a.suaraTotal)
      .key("suara_tidak_sah")
      .number(a.suaraTidakSah);
  const char* sex[] = {"j", "l", "p"};
  for (int s = 0; s < 3; ++s) w.key(std::string("pemilih_dpt_") + sex[s]).number(a.pemilihDpt[s]);
  for (int s = 0; s < 3; ++s) w.key(std::string("pengguna_dpt_") + sex[s]).number(a.penggunaDpt[s]);
  for (int s = 0; s < 3; ++s)
    w.key(std::string("pengguna_dptb_") + sex[s]).number(a.penggunaDptb[s]);
  for (int s = 0; s < 3; ++s)
    w.key(std::string("pengguna_non_dpt_") + sex[s]).number(a.penggunaNonDpt[s]);
  for (int s = 0; s < 3; ++s)
    w.key(std::string("pengguna_total_") + sex[s]).number(a.penggunaTotal[s]);
  w.endObject();
}

/// Images (the C1 form's pages, served by the sim at `imageBase`), administrasi, psu, ts, status.
void writeTpsTail(JsonWriter& w, const LegislativeModel& m, RegionId tps, int pages, std::string_view contest,
                  const std::string& imageBase) {
  w.key("images").beginArray();
  for (int i = 0; i < pages; ++i) w.string(imageBase + formImagePath(m.night(), tps, i, contest));
  w.endArray();
  writeAdministrasi(w, m, tps);
  w.key("psu")
      .null()
      .key("ts")
      .string(formatTimestamp(m.night().tps(tps).reportedAt))
      .key("status_suara")
      .boolean(true)
      .key("status_adm")
      .boolean(true)
      .endObject();
}

/// An hhcw aggregate of `region` at `at`: the chart (`write(region)` when `chartVotes`), the table
/// of its children (each with `write(child)` once it has reported) and progres.
template <class F>
std::string aggregateJson(const LegislativeModel& m, int64_t at, RegionId region,
                          const std::vector<uint32_t>& reported, bool chartVotes, F&& write) {
  const RegionTree& t = m.tree();
  std::string out;
  JsonWriter w(out);
  w.beginObject()
      .key("ts")
      .string(formatTimestamp(at))
      .key("psu")
      .string("Reguler")
      .key("mode")
      .string("hhcw");
  w.key("chart").beginObject();
  if (chartVotes) write(w, region);
  w.key("persen").number(percent(reported[region], m.night().tpsTotal(region))).endObject();
  const bool villageLevel = t.level(region) == Level::Village;
  w.key("table").beginObject();
  for (RegionId c : t.children(region)) {
    w.key(t.code(c)).beginObject().key("psu").string("Reguler");
    const bool any = reported[c] > 0;
    if (any) write(w, c);
    if (villageLevel)
      w.key("persen").number(any ? 100 : 0);
    else
      w.key("persen").number(percent(reported[c], m.night().tpsTotal(c)));
    w.key("status_progress").boolean(any).endObject();
  }
  w.endObject().key("progres").beginObject().key("total").number(m.night().tpsTotal(region));
  w.key("progres").number(reported[region]).endObject().endObject();
  return out;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] DPR
//-----------------------------------------------------------------------------

namespace {

std::string pdprAggregateJson(const LegislativeModel& m, const PdprAggregates& agg,
                              RegionId region) {
  return aggregateJson(m, agg.at, region, agg.reported, true, [&](JsonWriter& w, RegionId r) {
    for (int p = 0; p < kDprParties; ++p) w.key(partyKey(p)).number(agg.votes[r][p]);
  });
}

std::string pdprTpsJson(const LegislativeModel& m, RegionId tps, int64_t t, const std::string& imageBase) {
  if (m.night().tps(tps).reportedAt > t) return emptyTps(kDprFormPages, true);
  const int d = m.dapilOf(tps);
  std::string out;
  JsonWriter w(out);
  w.beginObject().key("mode").string("hhcw").key("chart").beginObject().key("null").null();
  for (int p = 0; p < kDprParties; ++p)
    w.key(partyKey(p))
        .beginObject()
        .key("jml_suara_total")
        .number(m.partyTotal(tps, p))
        .key("jml_suara_partai")
        .number(m.partyOnly(tps, p))
        .endObject();
  w.endObject().key("kode_dapil").string(m.tables().dapil[d].kode).key("caleg").beginObject();
  const auto caleg = m.calegOf(d);
  std::vector<uint32_t> split;
  for (int p = 0; p < kDprParties; ++p) {
    m.calegVotes(tps, p, split);
    const uint32_t b = m.partyRange(d, p).first;
    w.key(partyKey(p)).beginObject().key("null").null();
    for (std::size_t c = 0; c < split.size(); ++c)
      w.key(std::to_string(caleg[b + c].id)).number(split[c]);
    w.endObject();
  }
  w.endObject();
  writeTpsTail(w, m, tps, kDprFormPages, "pdpr", imageBase);
  return out;
}

/// `/pemilu/hhcd/pdpr/{dapil}.json`; d < 0 is `0.json`, the nation (chart and progres only).
std::string dapilRecapJson(const LegislativeModel& m, const DapilTotals& agg, int d) {
  std::array<uint64_t, kDprParties> total{};
  uint32_t reported = 0, tpsTotal = 0;
  for (std::size_t i = 0; i < agg.total.size(); ++i) {
    if (d >= 0 && static_cast<int>(i) != d) continue;
    for (int p = 0; p < kDprParties; ++p) total[p] += agg.total[i][p];
    reported += agg.reported[i];
    tpsTotal += agg.tpsTotal[i];
  }
  std::string out;
  JsonWriter w(out);
  w.beginObject()
      .key("ts")
      .string(formatTimestamp(agg.at))
      .key("mode")
      .string("hhcw")
      .key("chart")
      .beginObject();
  for (int p = 0; p < kDprParties; ++p) w.key(partyKey(p)).number(total[p]);
  w.key("persen").number(percent(reported, tpsTotal)).endObject();
  w.key("progres")
      .beginObject()
      .key("total")
      .number(tpsTotal)
      .key("progres")
      .number(reported)
      .endObject();
  if (d >= 0) {
    const auto caleg = m.calegOf(d);
    w.key("table").beginObject();
    for (int p = 0; p < kDprParties; ++p) {
      const auto [b, e] = m.partyRange(d, p);
      w.key(partyKey(p)).beginObject();
      for (uint32_t c = b; c < e; ++c) w.key(std::to_string(caleg[c].id)).number(agg.caleg[d][c]);
      w.key("jml_suara_total")
          .number(agg.total[d][p])
          .key("jml_suara_partai")
          .number(agg.partyOnly[d][p])
          .endObject();
    }
    w.endObject();
  }
  w.endObject();
  return out;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] DPD
//-----------------------------------------------------------------------------

namespace {

std::string pdpdAggregateJson(const LegislativeModel& m, const PdpdAggregates& agg,
                              const PdprAggregates& counts, RegionId region) {
  // Reported TPS per region, abroad excluded from the rows (no DPD ballot there).
  std::vector<uint32_t> reported = counts.reported;
  for (RegionId c : m.tree().children(region))
    if (!m.hasDpd(c)) reported[c] = 0;
  return aggregateJson(m, agg.at, region, reported, m.hasDpd(region),
                       [&](JsonWriter& w, RegionId r) {
                         const auto cands = m.dpdCandidates(r);
                         if (m.tree().level(r) == Level::Tps) {  // a village's rows: the flat sums stop at villages
                           std::vector<uint32_t> split;
                           m.dpdVotes(r, split);
                           for (std::size_t c = 0; c < cands.size(); ++c)
                             w.key(std::to_string(cands[c].id)).number(split[c]);
                           return;
                         }
                         for (std::size_t c = 0; c < cands.size(); ++c)
                           w.key(std::to_string(cands[c].id)).number(agg.votes[m.dpdOffset(r) + c]);
                       });
}

std::string pdpdTpsJson(const LegislativeModel& m, RegionId tps, int64_t t, const std::string& imageBase) {
  if (m.night().tps(tps).reportedAt > t) return emptyTps(kDpdFormPages, false);
  std::string out;
  JsonWriter w(out);
  std::vector<uint32_t> split;
  m.dpdVotes(tps, split);
  const auto cands = m.dpdCandidates(tps);
  w.beginObject().key("mode").string("hhcw").key("chart").beginObject();
  for (std::size_t c = 0; c < cands.size(); ++c)
    w.key(std::to_string(cands[c].id)).number(split[c]);
  w.key("null").null().endObject();
  writeTpsTail(w, m, tps, kDpdFormPages, "pdpd", imageBase);
  return out;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Lists
//-----------------------------------------------------------------------------

namespace {

std::string dapilListJson(const LegislativeModel& m) {
  std::string out;
  JsonWriter w(out);
  w.beginArray();
  uint32_t id = 5001;
  for (const DapilInfo& d : m.tables().dapil)
    w.beginObject()
        .key("nama")
        .string(d.nama)
        .key("id")
        .number(id++)
        .key("kode")
        .string(d.kode)
        .endObject();
  w.endArray();
  return out;
}

void writeCaleg(JsonWriter& w, CalegId id, std::string_view nama, uint32_t nomor, char sex,
                std::string_view home) {
  w.key(std::to_string(id))
      .beginObject()
      .key("nama")
      .string(nama)
      .key("nomor_urut")
      .number(nomor)
      .key("jenis_kelamin")
      .string(std::string(1, sex))
      .key("tempat_tinggal")
      .string(home)
      .endObject();
}

std::string calegListJson(const LegislativeModel& m, int d) {
  std::string out;
  JsonWriter w(out);
  const auto caleg = m.calegOf(d);
  w.beginObject();
  for (int p = 0; p < kDprParties; ++p) {
    const auto [b, e] = m.partyRange(d, p);
    if (b == e) continue;
    w.key(partyKey(p)).beginObject();
    for (uint32_t c = b; c < e; ++c)
      writeCaleg(w, caleg[c].id, caleg[c].nama, caleg[c].nomorUrut, caleg[c].jenisKelamin,
                 caleg[c].tempatTinggal);
    w.endObject();
  }
  w.endObject();
  return out;
}

std::string dpdListJson(const LegislativeModel& m, RegionId province) {
  std::string out;
  JsonWriter w(out);
  w.beginObject();
  for (const DpdCandidate& c : m.dpdCandidates(province))
    writeCaleg(w, c.id, c.nama, c.nomorUrut, c.jenisKelamin, m.tree().name(province));
  w.endObject();
  return out;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Routing
//-----------------------------------------------------------------------------

namespace {

/// "11/1101/110101.json" to the region it names (each segment a code one level below the last).
RegionId resolvePath(const RegionTree& tree, std::string_view rest) {
  if (!rest.ends_with(".json")) return kNoRegion;
  rest.remove_suffix(5);
  std::string_view parent;
  RegionId id = kNoRegion;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view seg = rest.substr(0, slash);
    if (!isChildCode(parent, seg) || (id = tree.find(seg)) == kNoRegion) return kNoRegion;
    parent = seg;
    rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash + 1);
    if (slash != std::string_view::npos && rest.empty()) return kNoRegion;
  }
  return id;
}

int dapilIndex(const LegislativeModel& m, std::string_view file) {
  if (!file.ends_with(".json")) return -2;
  file.remove_suffix(5);
  if (file == "0") return -1;
  const DapilInfo* d = m.tables().findDapil(file);
  return d ? static_cast<int>(d - m.tables().dapil.data()) : -2;
}

bool pdprDocument(const LegislativeModel& m, const std::string& partaiJson, std::string_view path,
                  int64_t t, const std::string& imageBase, LegislativeReply& out) {
  const RegionTree& tree = m.tree();
  if (path == "/pemilu/partai.json") return out = {partaiJson, kPublished, 3600}, true;
  if (path == "/wilayah/pemilu/pdpr/dapil_dpr.json")
    return out = {dapilListJson(m), kPublished, 86400}, true;
  if (path.starts_with("/pemilu/caleg/partai/")) {
    const int d = dapilIndex(m, path.substr(21));
    if (d >= 0) return out = {calegListJson(m, d), kPublished, 86400}, true;
  }
  if (path.starts_with("/pemilu/hhcd/pdpr/")) {
    const int d = dapilIndex(m, path.substr(18));
    if (d == -2) return false;
    auto agg = m.dapilAt(t);
    return out = {dapilRecapJson(m, *agg, d), agg->at, 60}, true;
  }
  if (path == "/pemilu/hhcw/pdpr.json") {
    auto agg = m.pdprAt(t);
    return out = {pdprAggregateJson(m, *agg, kNation), agg->at, kMaxAge[0]}, true;
  }
  if (path.starts_with("/pemilu/hhcw/pdpr/")) {
    const RegionId r = resolvePath(tree, path.substr(18));
    if (r == kNoRegion) return false;
    if (tree.level(r) == Level::Tps) {
      const int64_t at = m.night().tps(r).reportedAt;
      return out = {pdprTpsJson(m, r, t, imageBase), at <= t ? at : NightModel::nightBegin(), kMaxAge[5]},
             true;
    }
    auto agg = m.pdprAt(t);
    return out = {pdprAggregateJson(m, *agg, r), agg->at, kMaxAge[static_cast<int>(tree.level(r))]},
           true;
  }
  return false;
}

bool pdpdDocument(const LegislativeModel& m, std::string_view path, int64_t t,
                  const std::string& imageBase, LegislativeReply& out) {
  const RegionTree& tree = m.tree();
  if (path.starts_with("/pemilu/caleg/dpd/")) {
    const RegionId r = resolvePath(tree, path.substr(18));
    if (r == kNoRegion || tree.level(r) != Level::Province || !m.hasDpd(r)) return false;
    return out = {dpdListJson(m, r), kPublished, 86400}, true;
  }
  if (path == "/pemilu/hhcw/pdpd.json") {
    auto agg = m.pdpdAt(t);
    return out = {pdpdAggregateJson(m, *agg, *m.pdprAt(t), kNation), agg->at, kMaxAge[0]}, true;
  }
  if (path.starts_with("/pemilu/hhcw/pdpd/")) {
    const RegionId r = resolvePath(tree, path.substr(18));
    if (r == kNoRegion || !m.hasDpd(r)) return false;
    if (tree.level(r) == Level::Tps) {
      const int64_t at = m.night().tps(r).reportedAt;
      return out = {pdpdTpsJson(m, r, t, imageBase), at <= t ? at : NightModel::nightBegin(), kMaxAge[5]},
             true;
    }
    auto agg = m.pdpdAt(t);
    return out = {pdpdAggregateJson(m, *agg, *m.pdprAt(t), r), agg->at,
                  kMaxAge[static_cast<int>(tree.level(r))]},
           true;
  }
  return false;
}

}  // namespace

bool legislativeDocument(LazyLegislative& lazy, const ContestSet& contests,
                         const std::string& partaiJson, const std::string& path, int64_t t,
                         const std::string& imageBase, LegislativeReply& out) {
  const bool pdpr =
      contests.pdpr &&
      (path.starts_with("/pemilu/hhcw/pdpr") || path.starts_with("/pemilu/hhcd/pdpr/") ||
       path.starts_with("/pemilu/caleg/partai/") || path == "/pemilu/partai.json" ||
       path == "/wilayah/pemilu/pdpr/dapil_dpr.json");
  const bool pdpd = contests.pdpd && (path.starts_with("/pemilu/hhcw/pdpd") ||
                                      path.starts_with("/pemilu/caleg/dpd/"));
  if (!pdpr && !pdpd) return false;  // not ours: never build the model for it
  const LegislativeModel& m = lazy.get();
  if (pdpr && pdprDocument(m, partaiJson, path, t, imageBase, out)) return true;
  return pdpd && pdpdDocument(m, path, t, imageBase, out);
}

bool legislativeFormImage(LazyLegislative& lazy, const ContestSet& contests, const std::string& path, int64_t t,
                          LegislativeReply& out) {
  // "/{h4}/pemilu/pdpr/PP/KK/CC/DD/DD/{tps}-{date}-{time}--{uuid}.jpg" (as formImagePath builds it)
  const bool dpr = path.find("/pemilu/pdpr/") == 5, dpd = path.find("/pemilu/pdpd/") == 5;
  if (!path.ends_with(".jpg") || !((dpr && contests.pdpr) || (dpd && contests.pdpd))) return false;
  const LegislativeModel& m = lazy.get();
  const std::size_t slash = path.rfind('/');
  const RegionId r = m.tree().find(std::string_view(path).substr(slash + 1, 13));
  if (r == kNoRegion || m.tree().level(r) != Level::Tps || m.night().tps(r).reportedAt > t) return false;
  if (dpd && !m.hasDpd(r)) return false;
  const int pages = dpr ? kDprFormPages : kDpdFormPages;
  for (int page = 0; page < pages; ++page)
    if (formImagePath(m.night(), r, page, dpr ? "pdpr" : "pdpd") == path)
      return out = {legislativeFormJpeg(m, r, dpr, page), m.night().tps(r).reportedAt, 86400}, true;
  return false;
}

}  // namespace pantau::sim
