// A source holding only some documents (the public scrapes of 2024: TPS files alone) has no
// candidate list: the data folder's names the candidates, and without one the documents' own
// candidate ids do.

#include <algorithm>
#include <cstdio>

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

CandidateList candidatesById(std::span<const VoteCount> chart) {
  // Okabe-Ito: distinct for every reader, and visibly not KPU's ticket colours.
  static constexpr uint32_t kColours[] = {0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442};
  std::vector<CandidateId> ids;
  ids.reserve(chart.size());
  for (const VoteCount& v : chart) ids.push_back(v.candidate);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  CandidateList list;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    Candidate c;
    c.id = ids[i];
    c.nomorUrut = static_cast<uint32_t>(i + 1);
    c.rgb = kColours[i % std::size(kColours)];
    char hex[8];
    std::snprintf(hex, sizeof hex, "#%06X", c.rgb);
    c.warna = hex;
    list.candidates.push_back(std::move(c));
  }
  return list;
}

}  // namespace pantau::data
