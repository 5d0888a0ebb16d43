#pragma once
#include "options.hpp"

namespace pantau::viewer {
/// `pantau --headless`: the same frame as the window, rendered offscreen (EGL surfaceless).
int runHeadless(const Options& options);
}  // namespace pantau::viewer
