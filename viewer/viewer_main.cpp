// pantau: the viewer. Window mode (GLFW + Dear ImGui) by default; --headless renders the same map
// offscreen. It is the module pantau-viewer.so, started by the launcher (viewer_entry.hpp).

#include "headless.hpp"
#include "onair/onair_app.hpp"
#include "options.hpp"
#include "viewer_entry.hpp"
#include "wall_app.hpp"
#include "window_app.hpp"

extern "C" int pantau_viewer_main(int argc, char** argv) {
  std::optional<int> exitCode;
  const pantau::viewer::Options options = pantau::viewer::parseOptions(argc, argv, exitCode);
  if (exitCode) return *exitCode;
  if (!options.onAir.empty()) return pantau::viewer::onair::runOnAir(options);
  if (pantau::viewer::isLiveWallTile(options)) return pantau::viewer::runWallTile(options);
  if (!options.rundown.empty()) return pantau::viewer::onair::runRundownStills(options);
  return options.headless ? pantau::viewer::runHeadless(options) : pantau::viewer::runWindow(options);
}
