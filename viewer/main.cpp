// pantau: the viewer. Window mode (GLFW + Dear ImGui) by default; --headless renders the same map
// offscreen.

#include <cstdio>

#include "headless.hpp"
#include "huge_pages.hpp"
#include "onair/onair_app.hpp"
#include "options.hpp"
#include "wall_app.hpp"
#include "window_app.hpp"

int main(int argc, char** argv) {
  pantau::viewer::reexecWithHugePageMalloc(argv);
  std::optional<int> exitCode;
  const pantau::viewer::Options options = pantau::viewer::parseOptions(argc, argv, exitCode);
  if (exitCode) return *exitCode;
  if (!options.onAir.empty()) return pantau::viewer::onair::runOnAir(options);
  if (pantau::viewer::isLiveWallTile(options)) return pantau::viewer::runWallTile(options);
  if (!options.rundown.empty()) return pantau::viewer::onair::runRundownStills(options);
  return options.headless ? pantau::viewer::runHeadless(options) : pantau::viewer::runWindow(options);
}
