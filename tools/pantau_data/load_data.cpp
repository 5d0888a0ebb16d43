// The data directory and region tree every pantau-data command that reads a source needs.

#include <cstdio>

#include "commands.hpp"
#include "pantau/data/base/data_location.hpp"
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

void sayCandidatesFrom(const char* command, const std::string& from) {
  if (!from.empty())
    std::fprintf(stderr, "pantau-data %s: the source has no candidate list (%s): candidates from %s\n", command,
                 data::kCandidatesPath, from.c_str());
}

}  // namespace pantau::tools
