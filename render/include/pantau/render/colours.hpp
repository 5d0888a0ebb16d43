#pragma once
/// Colour scales for the choropleth. Pure functions (no GL): tested as values.
/// Colours are packed 0xAABBGGRR (little-endian RGBA bytes, as the GPU table takes them);
/// alpha 0 means "no data" and is drawn as a hatch, never as a zero.

#include <cstdint>
#include <span>

namespace pantau::render {

inline constexpr uint32_t kNoData = 0;

struct Rgb {
  float r = 0, g = 0, b = 0;  ///< 0..1
};

Rgb rgbOfHex(uint32_t rrggbb);
uint32_t packRgba(Rgb c, uint8_t alpha = 255);
Rgb unpackRgba(uint32_t rgba);
Rgb mix(Rgb a, Rgb b, float t);

/// The winner's colour (its `warna` from the API) by the size of its lead: pale for a narrow lead,
/// deep for a landslide. `lead` is (first - second) / valid votes, 0..1.
/// `reportedShare` (0..1, TPS in) fades a region toward the paper colour below 10%, so a region
/// with 2% of its TPS in looks visibly unsure.
uint32_t winnerColour(uint32_t warnaRrggbb, double lead, double reportedShare);

/// Sequential scale for shares, progress and turnout (0..1): paper to deep blue-green.
uint32_t sequentialColour(double t);

/// Alert scale for the integrity layer (0..1): paper through amber to deep red. Warm on purpose:
/// nothing else on the map uses it, so a flagged region never reads as a vote share.
uint32_t alertColour(double t);

/// Diverging scale for movement (-1..1): blue for a fall, paper for none, red for a rise
/// (ColorBrewer RdBu end points, legible with the common colour-vision deficiencies).
uint32_t divergingColour(double t);

/// Okabe-Ito colours, safe for the common colour-vision deficiencies: one per candidate slot.
uint32_t colourBlindSafeHex(std::size_t candidateIndex);

/// Index of the largest of `votes` and the lead (first - second) / sum; -1 when all are zero.
int winnerOf(std::span<const uint32_t> votes, double& lead);

}  // namespace pantau::render
