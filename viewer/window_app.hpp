#pragma once
#include "options.hpp"

namespace pantau::viewer {
/// The interactive window (GLFW + Dear ImGui): the live map, pan by drag, zoom by wheel or +/-,
/// click a region to go down to it, Backspace or Escape to go up. Waits for events when nothing
/// moves. With --screenshot, writes the window's frame after --frames frames and exits.
int runWindow(const Options& options);
}  // namespace pantau::viewer
