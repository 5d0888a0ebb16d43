#include "pantau/data/source/subtree_fetch.hpp"

#include <chrono>

#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "source/partial_source.hpp"

namespace pantau::data {

namespace {
int64_t wallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}
}  // namespace

Result<std::unique_ptr<SnapshotBuilder>> fetchSubtree(Source& source, std::shared_ptr<const RegionTree> treePtr,
                                                      RegionId root, const SubtreeFetchOptions& options,
                                                      SubtreeFetchStats& stats) {
  const RegionTree& t = *treePtr;
  SirekapParser parser;

  // The candidate list first: it names the vote columns.
  CandidateList candidates;
  Status listStatus = Error{ErrorCode::Network, std::string(kCandidatesPath) + ": no response"};
  const FetchRequest first{kCandidatesPath, {}, 0};
  source.fetch(std::span(&first, 1), [&](FetchResult&& r) {
    stats.bytes += r.wireBytes;
    if (r.outcome != FetchOutcome::Ok) {
      listStatus = Error{r.error.code, r.path + ": " + r.error.message};
      return;
    }
    listStatus = parser.parseCandidates(std::string_view(r.body), candidates);
    if (!listStatus) listStatus = Error{listStatus.error().code, r.path + ": " + listStatus.error().message};
  });
  // A partial source (TPS documents alone) has no list: the fallback's, else the documents'.
  std::unique_ptr<SnapshotBuilder> builder;
  PendingDocuments pending;
  if (listStatus) builder = std::make_unique<SnapshotBuilder>(treePtr, candidates);
  else if (listStatus.error().code != ErrorCode::Missing) return listStatus.error();
  else if (options.fallbackCandidates) {
    builder = std::make_unique<SnapshotBuilder>(treePtr, *options.fallbackCandidates);
    stats.candidatesFrom = "the data folder's candidate list";
  }

  // Ancestors (nation first), then the subtree level by level, so a parent is applied before
  // its children's own documents.
  std::vector<RegionId> ids;
  for (RegionId p = t.parent(root); p != kNoRegion; p = t.parent(p)) ids.push_back(p);
  std::reverse(ids.begin(), ids.end());
  std::vector<RegionId> level{root};
  while (!level.empty()) {
    std::vector<RegionId> next;
    for (RegionId id : level) {
      const bool isTps = t.level(id) == Level::Tps;
      if (isTps ? options.tps : t.level(id) <= options.deepest || id == root) ids.push_back(id);
      if (!isTps && (t.level(id) < options.deepest || options.tps))
        for (RegionId c : t.children(id)) next.push_back(c);
    }
    level = std::move(next);
  }

  stats.requested = ids.size();
  Aggregate agg;
  TpsDetail tps;
  std::vector<FetchRequest> batch;
  for (std::size_t at = 0; at < ids.size(); at += options.batch) {
    batch.clear();
    for (std::size_t i = at; i < std::min(ids.size(), at + options.batch); ++i)
      batch.push_back({countsPath(t, ids[i]), {}, ids[i]});
    source.fetch(batch, [&](FetchResult&& r) {
      stats.bytes += r.wireBytes;
      const auto id = static_cast<RegionId>(r.tag);
      auto fail = [&](const std::string& why) {
        ++stats.failed;
        if (stats.firstError.empty()) stats.firstError = r.path + ": " + why;
      };
      if (r.outcome != FetchOutcome::Ok) {
        if (r.httpStatus == 404 || r.error.code == ErrorCode::Missing) ++stats.missing;  // not published (yet)
        else fail(r.error.message);
        return;
      }
      Status s;
      if (t.level(id) == Level::Tps) {
        s = parser.parseTps(r.body, tps);
        if (s && !builder) return pending.keep(id, tps), void(++stats.applied);
        if (s) s = applyTps(*builder, id, tps, wallMs(), false);
      } else {
        s = parser.parseAggregate(r.body, agg);
        if (s && !builder) return pending.keep(id, agg), void(++stats.applied);
        if (s) s = applyAggregate(*builder, id, agg, wallMs());
      }
      if (!s) return fail(s.error().message);
      ++stats.applied;
    });
    if (!builder && !pending.candidateIds().empty()) {  // the documents name the candidates
      builder = std::make_unique<SnapshotBuilder>(treePtr, candidatesNamedById(pending.candidateIds()));
      stats.candidatesFrom = "the documents (named by id)";
      if (Status s = pending.applyTo(*builder, wallMs()); !s && stats.firstError.empty()) stats.firstError = s.error().message;
    }
    if (options.progress) options.progress(std::min(ids.size(), at + options.batch), ids.size());
  }
  if (!builder) return Error{ErrorCode::Missing, std::string(kCandidatesPath) + ": not in the source, and no document read names a candidate"};
  return builder;
}

}  // namespace pantau::data
