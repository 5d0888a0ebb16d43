#include "draw_helpers.hpp"

#include <algorithm>
#include <string>

#include "pantau/render/colours.hpp"

namespace pantau::viewer {

ImU32 toImColour(uint32_t packedRgba, float alpha) {
  const render::Rgb c = render::unpackRgba(packedRgba);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, alpha));
}

ImU32 textColourOn(uint32_t packedRgba) {
  const render::Rgb c = render::unpackRgba(packedRgba);
  const float luma = 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
  return luma < 0.5f ? IM_COL32(255, 255, 255, 255) : IM_COL32(20, 24, 33, 255);
}

void haloText(ImDrawList* dl, ImFont* font, float size, ImVec2 at, ImU32 colour, const char* text) {
  const ImU32 halo = IM_COL32(255, 255, 255, 200);
  // Four diagonal copies make the halo: as legible as eight, half the fill on a CPU renderer.
  for (float dx = -1; dx <= 1; dx += 2)
    for (float dy = -1; dy <= 1; dy += 2) dl->AddText(font, size, ImVec2(at.x + dx, at.y + dy), halo, text);
  dl->AddText(font, size, at, colour, text);
}

void drawHatch(ImDrawList* dl, ImVec2 a, ImVec2 b, float u) {
  dl->AddRectFilled(a, b, IM_COL32(237, 237, 235, 255));
  const float w = b.x - a.x, h = b.y - a.y;
  dl->PushClipRect(a, b, true);
  for (float k = 0; k < w + h; k += 6 * u)
    dl->AddLine(ImVec2(a.x + std::max(0.f, k - h), a.y + std::min(h, k)), ImVec2(a.x + std::min(w, k), a.y + std::max(0.f, k - w)),
                IM_COL32(199, 199, 194, 255), 1.5f * u);
  dl->PopClipRect();
}

void clippedText(ImDrawList* dl, ImFont* font, float size, ImVec2 at, ImU32 colour, const char* text, float maxWidth) {
  std::string s = text;
  if (font->CalcTextSizeA(size, 1e9f, 0, s.c_str()).x > maxWidth) {
    while (!s.empty() && font->CalcTextSizeA(size, 1e9f, 0, (s + "...").c_str()).x > maxWidth) s.pop_back();
    s += "...";
  }
  dl->AddText(font, size, at, colour, s.c_str());
}

}  // namespace pantau::viewer
