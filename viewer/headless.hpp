#pragma once
#include <memory>
#include <optional>
#include <string>

#include "map_scene.hpp"
#include "options.hpp"
#include "pantau/data/model/snapshot.hpp"

namespace pantau::viewer {
/// `pantau --headless`: the same frame as the window, rendered offscreen (EGL surfaceless).
int runHeadless(const Options& options);
/// The PNG's sidecar (FILE.png.json): the view, the layer and every region drawn.
std::string stillSidecarJson(const MapScene& scene, const data::Snapshot& snapshot, int width, int height);
/// One full read of the source (--source, or the embedded night at `at`), nation to regencies.
data::Result<std::shared_ptr<const data::Snapshot>> readSnapshotOnce(std::shared_ptr<const data::RegionTree> tree,
                                                                     const Options& options, const std::optional<std::string>& at);
}  // namespace pantau::viewer
