#pragma once
// The window's keys, as one table: which key (and modifier) runs which of the window's commands.
// The usage text in options.cpp and the README name the same keys.

#include <span>

namespace pantau::viewer {

enum class WindowCommand {
  Back,
  Forward,
  Up,
  Search,
  Table,
  Export,
  Palette,
  NextLayer,
  Page,
  Rotate,
  ZoomIn,
  ZoomOut,
  Seats
};

struct KeyBinding {
  int key;  ///< GLFW_KEY_*
  enum Modifier { None, Alt, Ctrl } modifier = None;
  bool held = false;  ///< runs every frame while down (zoom), else once per press
  WindowCommand command;
  int arg = 0;  ///< Page: the page's index
};

std::span<const KeyBinding> windowKeys();

}  // namespace pantau::viewer
