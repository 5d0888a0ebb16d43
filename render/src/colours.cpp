#include "pantau/render/colours.hpp"

#include <algorithm>
#include <cmath>

namespace pantau::render {

Rgb rgbOfHex(uint32_t hex) {
  return {static_cast<float>((hex >> 16) & 255) / 255.f, static_cast<float>((hex >> 8) & 255) / 255.f,
          static_cast<float>(hex & 255) / 255.f};
}

uint32_t packRgba(Rgb c, uint8_t alpha) {
  auto byte = [](float v) { return static_cast<uint32_t>(std::lround(std::clamp(v, 0.f, 1.f) * 255.f)); };
  return byte(c.r) | (byte(c.g) << 8) | (byte(c.b) << 16) | (uint32_t{alpha} << 24);
}

Rgb unpackRgba(uint32_t v) {
  return {static_cast<float>(v & 255) / 255.f, static_cast<float>((v >> 8) & 255) / 255.f,
          static_cast<float>((v >> 16) & 255) / 255.f};
}

Rgb mix(Rgb a, Rgb b, float t) { return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t}; }

namespace {
constexpr Rgb kPaper{0.96f, 0.955f, 0.94f};
}  // namespace

namespace {

struct Hsl {
  float h = 0, s = 0, l = 0;
};

Hsl toHsl(Rgb c) {
  const float mx = std::max({c.r, c.g, c.b}), mn = std::min({c.r, c.g, c.b});
  Hsl o;
  o.l = (mx + mn) / 2;
  const float d = mx - mn;
  if (d < 1e-6f) return o;
  o.s = o.l > 0.5f ? d / (2 - mx - mn) : d / (mx + mn);
  if (mx == c.r) o.h = (c.g - c.b) / d + (c.g < c.b ? 6 : 0);
  else if (mx == c.g) o.h = (c.b - c.r) / d + 2;
  else o.h = (c.r - c.g) / d + 4;
  o.h /= 6;
  return o;
}

Rgb fromHsl(Hsl c) {
  if (c.s <= 0) return {c.l, c.l, c.l};
  auto hue = [](float p, float q, float t) {
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1.f / 6) return p + (q - p) * 6 * t;
    if (t < 0.5f) return q;
    if (t < 2.f / 3) return p + (q - p) * (2.f / 3 - t) * 6;
    return p;
  };
  const float q = c.l < 0.5f ? c.l * (1 + c.s) : c.l + c.s - c.l * c.s, p = 2 * c.l - q;
  return {hue(p, q, c.h + 1.f / 3), hue(p, q, c.h), hue(p, q, c.h - 1.f / 3)};
}

}  // namespace

uint32_t winnerColour(uint32_t warna, double lead, double reportedShare) {
  // KPU's warna are muted pastels (#8CB9BD, #C7B7A3, #B67352): keep each hue, and run the
  // lightness from a pale tint (narrow lead) to a deep, more saturated shade (landslide), so that
  // margins read at a glance on a broadcast screen.
  const Hsl base = toHsl(rgbOfHex(warna));
  const float t = static_cast<float>(std::clamp(lead / 0.6, 0.0, 1.0));
  Hsl h = base;
  h.l = 0.84f - 0.50f * t;
  h.s = std::clamp(std::max(base.s, 0.30f) + 0.25f * t, 0.f, 0.75f);
  Rgb c = fromHsl(h);
  if (reportedShare < 0.10) c = mix(kPaper, c, static_cast<float>(0.25 + 0.75 * std::max(0.0, reportedShare) / 0.10));
  return packRgba(c);
}

uint32_t sequentialColour(double t) {
  // Light yellow to deep teal (viridis-like end points, monotonic in lightness).
  static constexpr Rgb kStops[] = {{0.99f, 0.98f, 0.85f}, {0.63f, 0.85f, 0.71f}, {0.25f, 0.62f, 0.64f}, {0.07f, 0.29f, 0.42f}};
  const double x = std::clamp(t, 0.0, 1.0) * 3.0;
  const int i = std::min(2, static_cast<int>(x));
  return packRgba(mix(kStops[i], kStops[i + 1], static_cast<float>(x - i)));
}

namespace {
template <std::size_t N>
uint32_t ramp(const Rgb (&stops)[N], double t) {
  const double x = std::clamp(t, 0.0, 1.0) * static_cast<double>(N - 1);
  const int i = std::min(static_cast<int>(N) - 2, static_cast<int>(x));
  return packRgba(mix(stops[i], stops[i + 1], static_cast<float>(x - i)));
}
}  // namespace

uint32_t alertColour(double t) {
  static constexpr Rgb kStops[] = {{0.98f, 0.96f, 0.90f}, {0.99f, 0.80f, 0.45f}, {0.89f, 0.35f, 0.19f}, {0.50f, 0.05f, 0.10f}};
  return ramp(kStops, t);
}

uint32_t divergingColour(double t) {
  static constexpr Rgb kStops[] = {{0.13f, 0.40f, 0.67f}, {0.57f, 0.77f, 0.87f}, {0.97f, 0.97f, 0.96f},
                                   {0.96f, 0.65f, 0.51f}, {0.70f, 0.09f, 0.17f}};
  return ramp(kStops, (std::clamp(t, -1.0, 1.0) + 1.0) / 2.0);
}

uint32_t colourBlindSafeHex(std::size_t i) {
  static constexpr uint32_t kOkabeIto[] = {0x56B4E9, 0xE69F00, 0x009E73, 0xCC79A7, 0x0072B2, 0xD55E00, 0xF0E442};
  return kOkabeIto[i % std::size(kOkabeIto)];
}

int winnerOf(std::span<const uint32_t> votes, double& lead) {
  int best = -1;
  uint64_t first = 0, second = 0, sum = 0;
  for (std::size_t i = 0; i < votes.size(); ++i) {
    sum += votes[i];
    if (votes[i] > first) {
      second = first;
      first = votes[i];
      best = static_cast<int>(i);
    } else if (votes[i] > second) {
      second = votes[i];
    }
  }
  lead = sum ? static_cast<double>(first - second) / static_cast<double>(sum) : 0;
  return first ? best : -1;
}

}  // namespace pantau::render
