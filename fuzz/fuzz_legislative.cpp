// libFuzzer target: the legislative documents (sirekap-pileg.md) through every parser a DPR or DPD
// reader uses, and the arithmetic checks on whatever parses: the DPR TPS (chart by party,
// caleg votes, kode_dapil), the per-dapil recap, the party, caleg and dapil lists, and the DPD
// TPS and the party-keyed aggregates (the presidential shapes). Seeds: fuzz/seeds/legislative,
// written from the doc's examples, and the real samples.

#include <cstddef>
#include <cstdint>
#include <string>

#include "pantau/data/contests/legislative_checks.hpp"
#include "pantau/data/contests/legislative_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace pantau::data;
  static LegislativeParser parser;
  static SirekapParser presidentialShapes;
  std::string json(reinterpret_cast<const char*>(data), size);
  json.reserve(size + SirekapParser::kPadding);
  PdprTps tps;
  if (parser.parsePdprTps(json, tps)) (void)checkPdprTps(tps);
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
  return 0;
}
