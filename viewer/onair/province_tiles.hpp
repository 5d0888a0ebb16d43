#pragma once
// The equal-area tile map (`--map tiles`): each of the 38 provinces and Luar Negeri as one
// same-size tile on a 14 x 6 grid laid out to keep neighbours next to each other (Sumatra's
// diagonal, Java's row, Kalimantan, Sulawesi, Maluku and Papua eastwards), so that Jakarta's 8
// million voters are as visible as Papua's forests.
//
// Threading: constant data.

#include <span>
#include <string_view>

namespace pantau::viewer::onair {

struct ProvinceTile {
  std::string_view code;  ///< KPU province code ("11"; "99" Luar Negeri)
  std::string_view
      label;  ///< the short name a broadcast uses ("JABAR"); a proper noun, not UI text
  int col, row;
};

inline constexpr int kTileColumns = 14, kTileRows = 6;
std::span<const ProvinceTile> provinceTiles();

}  // namespace pantau::viewer::onair
