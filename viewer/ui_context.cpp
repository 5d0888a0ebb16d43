#include "ui_context.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

namespace pantau::viewer {

namespace {

constexpr const char* kFontDir = "/usr/share/fonts/opentype/inter/";  // Debian's fonts-inter

ImFont* loadFont(const char* file, float size) {
  const std::string path = std::string(kFontDir) + file;
  if (!std::filesystem::exists(path)) return nullptr;
  // Latin-1 plus the few typographic marks the interface uses: – … › → ≠
  static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2013, 0x2013, 0x2026, 0x2026, 0x203A,
                                    0x203A, 0x2192, 0x2192, 0x2260, 0x2260, 0};
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), size, nullptr, kRanges);
}

Fonts loadFonts(float scale) {
  Fonts f;
  f.scale = scale;
  f.body = loadFont("Inter-Regular.otf", 19 * scale);
  f.bold = loadFont("Inter-SemiBold.otf", 19 * scale);
  f.title = loadFont("Inter-Bold.otf", 42 * scale);
  f.label = loadFont("Inter-Medium.otf", 14 * scale);
  if (!f.body) {
    std::fprintf(
        stderr,
        "pantau: Inter not found under %s (apt-get install fonts-inter); using ImGui's font\n",
        kFontDir);
    f.body = f.bold = f.title = f.label = ImGui::GetIO().Fonts->AddFontDefault();
  }
  if (!f.bold) f.bold = f.body;
  if (!f.title) f.title = f.bold;
  if (!f.label) f.label = f.body;
  return f;
}

}  // namespace

float overlayScale(int width, int height) {
  return std::max(
      0.6f, std::min(static_cast<float>(height) / 1080.f, static_cast<float>(width) / 1920.f));
}

UiContext::UiContext(float scale) {
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  // The panels sit on the broadcast's paper-white look: light widgets, soft corners, scaled.
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 8;
  style.FrameRounding = 4;
  style.WindowBorderSize = 0;
  style.Colors[ImGuiCol_WindowBg].w = 0.94f;
  style.ScaleAllSizes(scale);
  m_fonts = loadFonts(scale);
  ImGui_ImplOpenGL3_Init("#version 330");
}

UiContext::~UiContext() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
}

void UiContext::beginFrame(int width, int height, bool platformFrameStarted) {
  if (!platformFrameStarted) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DeltaTime = 1.f / 60.f;
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
}

void UiContext::endFrame() {
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void UiContext::endFrame(int x, int y, int width, int height) {
  ImGui::Render();
  // The renderer projects DisplayPos..DisplayPos + DisplaySize onto the viewport and shifts the
  // clip rectangles by DisplayPos: the window's part of the frame, in the window's pixels.
  ImDrawData* data = ImGui::GetDrawData();
  data->DisplayPos = ImVec2(static_cast<float>(x), static_cast<float>(y));
  data->DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  ImGui_ImplOpenGL3_RenderDrawData(data);
}

}  // namespace pantau::viewer
