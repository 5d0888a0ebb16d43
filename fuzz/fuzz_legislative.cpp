// libFuzzer target: the legislative documents (sirekap-pileg.md) through every parser a DPR or DPD
// reader uses, and the arithmetic checks on whatever parses: the DPR TPS (chart by party,
// caleg votes, kode_dapil; and what the DPR's TPS export keeps of it, DprTpsTable), the per-dapil recap, the party, caleg and dapil lists, and the DPD
// TPS and the party-keyed aggregates (the presidential shapes); and DocumentCheck (mirror and
// --record), which picks the parser by path: each input is checked under one path of every shape,
// chosen by its length. Seeds: fuzz/seeds/legislative, written from the doc's examples, and the
// real samples.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>

#include "pantau/data/contests/document_check.hpp"
#include "pantau/data/contests/dpr_tps_facts.hpp"
#include "pantau/data/contests/legislative_checks.hpp"
#include "pantau/data/contests/legislative_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace pantau::data;
  static LegislativeParser parser;
  static SirekapParser presidentialShapes;
  std::string json(reinterpret_cast<const char*>(data), size);
  json.reserve(size + SirekapParser::kPadding);
  PdprTps tps;
  if (parser.parsePdprTps(json, tps)) {
    (void)checkPdprTps(tps);
    static DprTpsTable exported;  // one row, replaced by each input
    exported.take(0, tps);
  }
  DapilRecap recap;
  if (parser.parseDapilRecap(json, recap)) (void)checkDapilRecap(recap);
  PartyList parties;
  (void)parser.parsePartyList(json, parties);
  CalegList caleg;
  (void)parser.parseCalegList(json, caleg);
  (void)parser.parseDpdCalegList(json, caleg);
  DapilList dapil;
  (void)parser.parseDapilList(json, dapil);
  TpsDetail dpd;
  if (presidentialShapes.parseTps(json, dpd)) (void)checkPdpdTps(dpd);
  Aggregate agg;
  (void)presidentialShapes.parseAggregate(json, agg);
  static DocumentCheck check;
  static constexpr const char* kPaths[] = {
      "/pemilu/partai.json",           "/wilayah/pemilu/pdpr/dapil_dpr.json", "/pemilu/hhcd/pdpr/3501.json",
      "/pemilu/caleg/partai/3501.json", "/pemilu/caleg/dpd/35.json",         "/pemilu/hhcw/pdpr/35/3578/357801/3578011001/3578011001001.json",
      "/pemilu/hhcw/pdpd/35.json",     "/pemilu/ppwp.json",                   "/pemilu/hhcw/pdpr/35/3578.json"};
  (void)check.check(kPaths[size % std::size(kPaths)], json);
  return 0;
}
