// A source holding only some documents (the public scrapes of 2024: TPS files alone) has no
// candidate list: the data folder's names the candidates.

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "pantau/data/source/read_once.hpp"

namespace pantau::data {

std::optional<CandidateList> sampleCandidateList(const std::filesystem::path& dataDir) {
  auto bytes = readFile(dataDir / "kpu2024" / "samples" / "ppwp_candidates_transcribed.json", 1 << 20, SirekapParser::kPadding);
  if (!bytes) return std::nullopt;
  CandidateList list;
  SirekapParser parser;
  if (!parser.parseCandidates(*bytes, list)) return std::nullopt;
  return list;
}

}  // namespace pantau::data
