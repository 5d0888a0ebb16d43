#pragma once
/// Where KPU's data (shared/data: kpu2024/, geo/) is read from. In order: the --data flag, then
/// $PANTAU_DATA, then ../shared/data beside the repository root. The data is never copied into
/// the project.

#include <filesystem>
#include <optional>

#include "pantau/data/base/result.hpp"

namespace pantau::data {

/// The first of (flag, $PANTAU_DATA, default) that is given; it must hold kpu2024/wilayah.tsv.
/// On failure the message is one paragraph naming all three places and what was found in each.
Result<std::filesystem::path> findDataDir(const std::optional<std::filesystem::path>& flag);

/// ../shared/data beside the repository this binary was built from.
std::filesystem::path defaultDataDir();

/// Where processed data is cached (meshes, the region tree pack): $XDG_CACHE_HOME/pantau, else
/// ~/.cache/pantau, else /tmp/pantau-cache.
std::filesystem::path defaultCacheDir();

}  // namespace pantau::data
