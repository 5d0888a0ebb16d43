// The data directory and region tree every pantau-data command that reads a source needs.

#include <cstdio>

#include "commands.hpp"
#include "pantau/data/base/data_location.hpp"

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

}  // namespace pantau::tools
