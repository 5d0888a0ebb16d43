#pragma once
// One-shot reads of the legislative documents: fetch, then try once more what failed in transit
// (not a 404: the source lacks that document). A server that builds its documents lazily, like
// pantau-sim's legislative night, can be slow to answer the first requests. Private to contests/.

#include <functional>
#include <vector>

#include "pantau/data/source/source.hpp"

namespace pantau::data {

/// Calls onOk for each document that came back, on the calling thread.
inline void fetchOnceMore(Source& source, std::vector<FetchRequest> requests,
                          const std::function<void(FetchResult&&)>& onOk) {
  for (int attempt = 0; attempt < 2 && !requests.empty(); ++attempt) {
    std::vector<FetchRequest> failed;
    source.fetch(requests, [&](FetchResult&& r) {
      if (r.outcome == FetchOutcome::Ok) return onOk(std::move(r));
      if (r.outcome == FetchOutcome::Failed && r.httpStatus != 404 && r.httpStatus != 410)
        failed.push_back({r.path, {}, r.tag});
    });
    requests = std::move(failed);
  }
}

}  // namespace pantau::data
