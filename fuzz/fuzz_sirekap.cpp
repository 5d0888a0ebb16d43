// libFuzzer target: every Sirekap document kind through the parser (aggregate, TPS detail,
// candidate list, region list, and kind detection), as the live client, mirror and archive read
// them. Seeds: the real API responses in shared/data/kpu2024/samples.

#include <cstddef>
#include <cstdint>
#include <string>

#include "pantau/data/sirekap/sirekap_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace pantau::data;
  static SirekapParser parser;
  std::string json(reinterpret_cast<const char*>(data), size);
  json.reserve(size + SirekapParser::kPadding);
  Aggregate a;
  (void)parser.parseAggregate(json, a);
  TpsDetail t;
  (void)parser.parseTps(json, t);
  CandidateList c;
  (void)parser.parseCandidates(std::string_view(json), c);
  RegionList r;
  (void)parser.parseRegionList(std::string_view(json), r);
  (void)parser.parseDocument(std::string_view(json));
  return 0;
}
