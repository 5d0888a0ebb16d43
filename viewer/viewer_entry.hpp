#pragma once
/// pantau is two files in bin/: the launcher `pantau` (launcher/launcher.cpp), which links libc
/// only, and the viewer itself, the module pantau-viewer.so. The launcher starts again with huge
/// pages for malloc (launcher/huge_pages.hpp) before anything big is loaded, so that the second
/// start does not map and relocate the viewer's 55 libraries twice (issue 12, "lean start"); then
/// it loads the module and calls its one exported function.
///
/// Shared by both sides; the launcher uses no libstdc++, so this header holds names only.

namespace pantau::viewer {

/// The module's file, beside the launcher (found through /proc/self/exe).
inline constexpr const char* kViewerModuleFile = "pantau-viewer.so";
/// Its one exported symbol (viewer_module.map): pantau_viewer_main below.
inline constexpr const char* kViewerEntry = "pantau_viewer_main";

}  // namespace pantau::viewer

/// pantau's main: parses argc/argv and runs the window, a headless still, the wall or on air;
/// returns the process's exit status. Called once, on the main thread.
extern "C" int pantau_viewer_main(int argc, char** argv);
