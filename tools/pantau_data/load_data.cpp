// The data directory and region tree every pantau-data command that reads a source needs.

#include <cstdio>

#include "commands.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/contests/document_check.hpp"
#include "pantau/data/model/snapshot.hpp"

namespace pantau::tools {

std::optional<LoadedData> loadDataOrSay(const GlobalOptions& opts) {
  auto dir = data::findDataDir(opts.dataDir);
  if (!dir) {
    std::fprintf(stderr, "pantau-data: %s\n", dir.error().message.c_str());
    return std::nullopt;
  }
  auto loaded = data::loadRegionTree(*dir);
  if (!loaded) {
    std::fprintf(stderr, "pantau-data: %s\n", loaded.error().message.c_str());
    return std::nullopt;
  }
  return LoadedData{*dir, std::move(loaded->tree)};
}

std::unique_ptr<data::RetryingSource> openOneShotSource(const char* command, const std::string& spec,
                                                        const data::SourceOptions& options, std::chrono::milliseconds deadline) {
  auto source = data::openSource(spec, options);
  if (!source) {
    std::fprintf(stderr, "pantau-data %s: %s\n", command, source.error().message.c_str());
    return nullptr;
  }
  data::RetryPolicy policy;
  policy.deadline = deadline;
  auto check = std::make_shared<data::DocumentCheck>();  // each document by the shape its path names
  policy.validate = [check](const data::FetchResult& r) -> data::Status { return check->check(r.path, r.body); };
  return std::make_unique<data::RetryingSource>(std::move(*source), std::move(policy));
}

void sayRetries(const char* command, const data::RetryStats& stats) {
  if (stats.retries == 0 && stats.gaveUp == 0) return;
  std::fprintf(stderr, "pantau-data %s: %llu requests retried, %llu recovered, %llu still failed\n", command,
               static_cast<unsigned long long>(stats.retries), static_cast<unsigned long long>(stats.recovered),
               static_cast<unsigned long long>(stats.gaveUp));
}

void sayCandidatesFrom(const char* command, const std::string& from) {
  if (!from.empty())
    std::fprintf(stderr, "pantau-data %s: the source has no candidate list (%s): candidates from %s\n", command,
                 data::kCandidatesPath, from.c_str());
}

}  // namespace pantau::tools
