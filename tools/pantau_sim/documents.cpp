#include "documents.hpp"

#include <openssl/evp.h>

#include <cmath>
#include <cstdio>

#include "pantau/data/base/json_writer.hpp"

namespace pantau::sim {

using namespace pantau::data;

std::string regionListJson(const RegionTree& tree, RegionId parent) {
  std::string out;
  JsonWriter w(out);
  w.beginArray();
  for (RegionId c : tree.children(parent))
    w.beginObject().key("nama").string(tree.name(c)).key("id").number(tree.kpuId(c)).key("kode").string(tree.code(c))
        .key("tingkat").number(static_cast<int>(tree.level(c))).endObject();
  w.endArray();
  return out;
}

namespace {

double percent(uint32_t part, uint32_t whole) {
  return whole ? std::round(10000.0 * part / whole) / 100.0 : 0.0;
}

void writeVotes(JsonWriter& w, const NightModel& m, const std::array<uint64_t, kCandidates>& v) {
  for (int c = 0; c < kCandidates; ++c) w.key(std::to_string(m.candidateIds()[c])).number(v[c]);
}

}  // namespace

std::string aggregateJson(const NightModel& m, const Aggregates& agg, RegionId region) {
  const RegionTree& t = m.tree();
  std::string out;
  out.reserve(256 + 160 * t.children(region).size());
  JsonWriter w(out);
  w.beginObject().key("ts").string(formatTimestamp(agg.at)).key("psu").string("Reguler").key("mode").string("hhcw");
  w.key("chart").beginObject();
  writeVotes(w, m, agg.votes[region]);
  w.key("persen").number(percent(agg.reported[region], m.tpsTotal(region))).endObject();
  w.key("table").beginObject();
  const bool villageLevel = t.level(region) == Level::Village;
  for (RegionId c : t.children(region)) {
    w.key(t.code(c)).beginObject().key("psu").string("Reguler");
    const bool any = agg.reported[c] > 0;
    if (any) writeVotes(w, m, agg.votes[c]);
    if (villageLevel) w.key("persen").number(any ? 100 : 0);  // TPS rows: an integer, as Sirekap
    else w.key("persen").number(percent(agg.reported[c], m.tpsTotal(c)));
    w.key("status_progress").boolean(any).endObject();
  }
  w.endObject();
  w.key("progres").beginObject().key("total").number(m.tpsTotal(region)).key("progres").number(agg.reported[region]).endObject();
  w.endObject();
  return out;
}

std::string md5Prefix(std::string_view code) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(code.data(), code.size(), digest, &len, EVP_md5(), nullptr);
  char hex[5];
  std::snprintf(hex, sizeof hex, "%02x%02x", digest[0], digest[1]);
  return hex;
}

std::string formImagePath(const NightModel& m, RegionId tps, int page, std::string_view contest) {
  const RegionTree& t = m.tree();
  const std::string_view code = t.code(tps);
  const TpsResult& r = m.tps(tps);
  // Pages were photographed a few seconds apart after the count.
  const std::string when = formatTimestamp(r.reportedAt - 120 + page * 7);  // "YYYY-MM-DD HH:MM:SS"
  uint64_t h = mix(mix(m.options().seed) ^ (uint64_t(tps) << 8) ^ static_cast<uint64_t>(page));
  if (contest != "ppwp") h = mix(h ^ (uint64_t(static_cast<unsigned char>(contest.back())) << 56));  // ppwp's stay as they were
  char uuid[40];
  std::snprintf(uuid, sizeof uuid, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(h >> 32),
                static_cast<unsigned>((h >> 16) & 0xffff), static_cast<unsigned>(h & 0xfff),
                static_cast<unsigned>(0x8000 | (mix(h) & 0x3fff)), static_cast<unsigned long long>(mix(h ^ 1) & 0xffffffffffffull));
  std::string path = "/";  // built by appends: GCC 12 warns falsely (-Wrestrict) on "/" + std::string
  path += md5Prefix(code);
  path.append("/pemilu/").append(contest).append("/");
  const std::string_view village = code.substr(0, 10);
  for (int i = 0; i < 10; i += 2) path.append(village.substr(i, 2)).append("/");
  path.append(code).append("-");
  path.append(when.substr(0, 4)).append(when.substr(5, 2)).append(when.substr(8, 2)).append("-");
  path.append(when.substr(11, 2)).append(when.substr(14, 2)).append(when.substr(17, 2));
  path.append("--").append(uuid).append(".jpg");
  return path;
}

std::string tpsJson(const NightModel& m, RegionId tps, int64_t t, const std::string& imageBase) {
  const TpsResult& r = m.tps(tps);
  std::string out;
  JsonWriter w(out);
  if (r.reportedAt > t) {  // not yet uploaded: Sirekap's empty shape
    w.beginObject().key("chart").null().key("images").beginArray().null().null().null().endArray()
        .key("administrasi").null().key("psu").null().key("ts").string(formatTimestamp(NightModel::nightBegin()))
        .key("status_suara").boolean(false).key("status_adm").boolean(false).endObject();
    return out;
  }
  w.beginObject().key("mode").string("hhcw").key("chart").beginObject().key("null").null();
  for (int c = 0; c < kCandidates; ++c) w.key(std::to_string(m.candidateIds()[c])).number(r.votes[c]);
  w.endObject().key("images").beginArray();
  for (int page = 0; page < 3; ++page) w.string(imageBase + formImagePath(m, tps, page));
  w.endArray();
  const Administrasi& a = r.adm;
  w.key("administrasi").beginObject()
      .key("suara_sah").number(a.suaraSah).key("suara_total").number(a.suaraTotal)
      .key("suara_tidak_sah").number(a.suaraTidakSah);
  const char* sex[] = {"j", "l", "p"};
  for (int s = 0; s < 3; ++s) w.key(std::string("pemilih_dpt_") + sex[s]).number(a.pemilihDpt[s]);
  for (int s = 0; s < 3; ++s) w.key(std::string("pengguna_dpt_") + sex[s]).number(a.penggunaDpt[s]);
  for (int s = 0; s < 3; ++s) w.key(std::string("pengguna_dptb_") + sex[s]).number(a.penggunaDptb[s]);
  for (int s = 0; s < 3; ++s) w.key(std::string("pengguna_non_dpt_") + sex[s]).number(a.penggunaNonDpt[s]);
  for (int s = 0; s < 3; ++s) w.key(std::string("pengguna_total_") + sex[s]).number(a.penggunaTotal[s]);
  w.endObject().key("psu").null().key("ts").string(formatTimestamp(r.reportedAt))
      .key("status_suara").boolean(true).key("status_adm").boolean(true).endObject();
  return out;
}

}  // namespace pantau::sim
