#pragma once
// Drawing pieces shared by the overlay's panels (map labels, tiles, the TPS view): the fonts at the
// display's scale, colours from the map's packed RGBA, text with a halo, the no-data hatch.

#include <imgui.h>

#include <cstdint>

namespace pantau::viewer {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* bold = nullptr;
  ImFont* title = nullptr;
  ImFont* label = nullptr;
  float scale = 1;  ///< one unit at 1080p
};

ImU32 toImColour(uint32_t packedRgba, float alpha = 1.f);
/// Dark text on light fills, white on dark ones.
ImU32 textColourOn(uint32_t packedRgba);
/// Text with a light halo, readable over any fill.
void haloText(ImDrawList* dl, ImFont* font, float size, ImVec2 at, ImU32 colour, const char* text);
/// The "no data" hatch, as the map draws it, over a rectangle.
void drawHatch(ImDrawList* dl, ImVec2 a, ImVec2 b, float unit);
/// Text cut with "..." to fit a width.
void clippedText(ImDrawList* dl, ImFont* font, float size, ImVec2 at, ImU32 colour, const char* text, float maxWidth);

}  // namespace pantau::viewer
