#pragma once
#include <string>

#include "map_scene.hpp"
#include "options.hpp"

namespace pantau::viewer {
/// `pantau --headless`: the same frame as the window, rendered offscreen (EGL surfaceless).
int runHeadless(const Options& options);
/// The PNG's sidecar (FILE.png.json): the view, the layer and every region drawn.
std::string stillSidecarJson(const MapScene& scene, const data::Snapshot& snapshot, int width, int height);
}  // namespace pantau::viewer
