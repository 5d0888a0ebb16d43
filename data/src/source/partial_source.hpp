#pragma once
// A source holding only some documents (the public scrapes of 2024: TPS files alone) has no
// candidate list: the documents read before one is known wait here, and their vote keys name
// the candidates. Single-threaded, owned by one sweep.

#include <set>
#include <variant>
#include <vector>

#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"

namespace pantau::data {

class PendingDocuments {
 public:
  void keep(RegionId id, const TpsDetail& doc);
  void keep(RegionId id, const Aggregate& doc);
  /// Every candidate id the kept documents give votes for, ascending.
  const std::set<CandidateId>& candidateIds() const { return m_ids; }
  /// Applies the kept documents in the order read and forgets them; the first failure, if any.
  Status applyTo(SnapshotBuilder& builder, int64_t nowMs);

 private:
  std::vector<std::pair<RegionId, std::variant<TpsDetail, Aggregate>>> m_docs;
  std::set<CandidateId> m_ids;
};

/// A list naming each candidate by its id ("100026"), ballot numbers in id order (KPU numbers its
/// tickets in id order), grey so no party colour is implied.
CandidateList candidatesNamedById(const std::set<CandidateId>& ids);

}  // namespace pantau::data
