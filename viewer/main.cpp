// pantau: the viewer. Window mode (GLFW + Dear ImGui) by default; --headless renders the same map
// offscreen.

#include <cstdio>

#include "headless.hpp"
#include "options.hpp"
#include "window_app.hpp"

int main(int argc, char** argv) {
  std::optional<int> exitCode;
  const pantau::viewer::Options options = pantau::viewer::parseOptions(argc, argv, exitCode);
  if (exitCode) return *exitCode;
  return options.headless ? pantau::viewer::runHeadless(options) : pantau::viewer::runWindow(options);
}
