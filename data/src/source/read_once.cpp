#include "pantau/data/source/read_once.hpp"

#include <algorithm>

#include "pantau/data/base/clock.hpp"
#include "pantau/data/source/document_step.hpp"

namespace pantau::data {

namespace {

/// Fetches `docs` through `source` and hands each result to the step; counts what became of it.
void readBatch(Source& source, DocumentStep& step, const RegionTree& tree, std::span<const DocumentRef> docs,
               const ReadOptions& options, ReadStats& stats) {
  std::vector<FetchRequest> requests;
  requests.reserve(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i)
    requests.push_back({documentPath(tree, docs[i], options.contest, options.province), {}, i});
  source.fetch(requests, [&](FetchResult&& r) {
    stats.bytes += r.wireBytes;
    const DocumentRef& doc = docs[r.tag];
    const bool keep = doc.kind == DocumentKind::Tps &&
                      std::find(options.keepDetail.begin(), options.keepDetail.end(), doc.region) != options.keepDetail.end();
    const int64_t at = r.versionTimeMs >= 0 ? r.versionTimeMs : wallMs();
    switch (step.take(r, doc, at, keep)) {
      case DocumentStep::Outcome::Applied:
        ++stats.applied;
        if (options.onPdprTps && options.contest == Contest::Pdpr && doc.kind == DocumentKind::Tps)
          options.onPdprTps(doc.region, step.lastPdprTps());
        if (options.onTps && doc.kind == DocumentKind::Tps) options.onTps(doc.region, step.lastTps());
        break;
      case DocumentStep::Outcome::NotModified: ++stats.applied; break;  // no validators are sent: never
      case DocumentStep::Outcome::Missing: ++stats.missing; break;
      case DocumentStep::Outcome::Failed:
        ++stats.failed;
        if (stats.firstError.empty()) stats.firstError = step.lastError().message;
        break;
    }
  });
}

}  // namespace

Result<std::shared_ptr<const Snapshot>> readOnce(Source& source, std::shared_ptr<const RegionTree> tree, const FetchPlan& plan,
                                                 const ReadOptions& options, ReadStats& stats) {
  DocumentStep step(tree, {.contest = options.contest, .province = options.province});
  step.continueVersionsAfter(options.versionAfter);
  // The candidate list first: it names the vote columns.
  const DocumentRef list = DocumentRef::candidates();
  ReadStats listStats;
  readBatch(source, step, *tree, std::span(&list, 1), options, listStats);
  stats.bytes += listStats.bytes;
  if (!step.ready() && listStats.missing > 0) {  // a partial source
    if (options.fallbackCandidates) {
      step.useCandidates(*options.fallbackCandidates);
      stats.candidatesFrom = "the data folder's candidate list";
    } else {
      step.nameCandidatesFromDocuments();
      stats.candidatesFrom = "the documents' candidate ids (no names: no candidate list at hand)";
    }
  }
  if (!step.takesCounts()) {
    if (listStats.applied + listStats.failed + listStats.missing == 0)
      return Error{ErrorCode::Network,
                   candidatesPath(options.contest, options.province) + ": no response"};
    return step.lastError();
  }
  stats.requested = plan.size();
  std::vector<DocumentRef> docs;
  for (std::size_t at = 0; at < plan.size(); at += options.batch) {
    docs.clear();
    for (std::size_t i = at; i < std::min(plan.size(), at + options.batch); ++i) docs.push_back(plan.document(i));
    readBatch(source, step, *tree, docs, options, stats);
    if (options.progress) options.progress(std::min(plan.size(), at + options.batch), plan.size());
  }
  const int64_t checkStart = steadyMs();
  auto snapshot = step.publish(options.publishAtMs);
  stats.checkSeconds = static_cast<double>(steadyMs() - checkStart) / 1000.0;
  if (!snapshot)  // named by the documents, and none carried votes
    return Error{ErrorCode::Missing, candidatesPath(options.contest, options.province) + ": not in the source, and no document read names the candidates"};
  return snapshot;
}

}  // namespace pantau::data
