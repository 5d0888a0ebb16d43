#include "source/partial_source.hpp"

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "pantau/data/source/subtree_fetch.hpp"

namespace pantau::data {

void PendingDocuments::keep(RegionId id, const TpsDetail& doc) {
  for (const VoteCount& v : doc.chart) m_ids.insert(v.candidate);
  m_docs.emplace_back(id, doc);
}

void PendingDocuments::keep(RegionId id, const Aggregate& doc) {
  for (const VoteCount& v : doc.chart) m_ids.insert(v.candidate);
  for (const VoteCount& v : doc.rowVotes) m_ids.insert(v.candidate);
  m_docs.emplace_back(id, doc);
}

Status PendingDocuments::applyTo(SnapshotBuilder& builder, int64_t nowMs) {
  Status first = Status::success();
  for (const auto& [id, doc] : m_docs) {
    Status s = std::holds_alternative<TpsDetail>(doc)
                   ? applyTps(builder, id, std::get<TpsDetail>(doc), nowMs, false)
                   : applyAggregate(builder, id, std::get<Aggregate>(doc), nowMs);
    if (!s && first) first = s;
  }
  m_docs.clear();
  return first;
}

std::optional<CandidateList> sampleCandidateList(const std::filesystem::path& dataDir) {
  auto bytes = readFile(dataDir / "kpu2024" / "samples" / "ppwp_candidates_transcribed.json",
                        1 << 20, SirekapParser::kPadding);
  if (!bytes) return std::nullopt;
  CandidateList list;
  SirekapParser parser;
  if (!parser.parseCandidates(*bytes, list)) return std::nullopt;
  return list;
}

CandidateList candidatesNamedById(const std::set<CandidateId>& ids) {
  CandidateList list;
  uint32_t number = 0;
  for (CandidateId id : ids) {
    Candidate c;
    c.id = id;
    c.nama = std::to_string(id);
    c.warna = "#9E9E9E";
    c.rgb = 0x9E9E9E;
    c.nomorUrut = ++number;
    list.candidates.push_back(std::move(c));
  }
  return list;
}

}  // namespace pantau::data
