// pantau: the viewer. Window mode (GLFW + Dear ImGui) arrives with the rest of the map issue;
// headless mode renders the same map offscreen.

#include <cstdio>

#include "headless.hpp"
#include "options.hpp"

int main(int argc, char** argv) {
  std::optional<int> exitCode;
  const pantau::viewer::Options options = pantau::viewer::parseOptions(argc, argv, exitCode);
  if (exitCode) return *exitCode;
  if (!options.headless) {
    std::fputs("pantau: the window comes with the map issue; use --headless --screenshot FILE.png for now\n", stderr);
    return 2;
  }
  return pantau::viewer::runHeadless(options);
}
