#pragma once
/// KPU region codes. Codes are untrusted input: a code is [0-9A-Z] of exactly the length its level
/// requires, and nothing else ever reaches a file path or a URL (sirekap-api.md "Region codes").

#include <array>
#include <cstdint>
#include <string_view>

namespace pantau::data {

enum class Level : uint8_t {
  Nation = 0,
  Province = 1,   ///< provinsi, 2 chars ("11"; "99" is Luar Negeri)
  Regency = 2,    ///< kabupaten/kota, 4 chars ("1101", overseas "99BF")
  District = 3,   ///< kecamatan, 6 chars
  Village = 4,    ///< desa/kelurahan, 10 chars
  Tps = 5,        ///< polling station, 13 chars
};
inline constexpr int kLevelCount = 6;
inline constexpr std::size_t kMaxCodeLength = 13;

/// Code length a level requires (0 for the nation).
constexpr std::size_t codeLength(Level level) {
  constexpr std::array<std::size_t, kLevelCount> kLengths{0, 2, 4, 6, 10, 13};
  return kLengths[static_cast<int>(level)];
}

/// Level of a code by its length, or -1 if no level has that length.
constexpr int levelOfLength(std::size_t length) {
  switch (length) {
    case 0: return 0;
    case 2: return 1;
    case 4: return 2;
    case 6: return 3;
    case 10: return 4;
    case 13: return 5;
    default: return -1;
  }
}

constexpr bool isCodeChar(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

/// True for a well-formed code of some level 1..5 (never the empty nation code).
constexpr bool isValidCode(std::string_view code) {
  if (levelOfLength(code.size()) <= 0) return false;
  for (char c : code)
    if (!isCodeChar(c)) return false;
  return true;
}

/// True when `child` is a valid code one level below `parent` and extends it.
constexpr bool isChildCode(std::string_view parent, std::string_view child) {
  int pl = levelOfLength(parent.size());
  if (pl < 0 || pl >= 5 || !isValidCode(child)) return false;
  if (child.size() != codeLength(static_cast<Level>(pl + 1))) return false;
  return child.substr(0, parent.size()) == parent;
}

const char* levelName(Level level);  ///< "nation", "province", ... (for messages and JSON)

/// A code stored inline: no allocation for the 914k regions and every table row.
struct RegionCode {
  std::array<char, kMaxCodeLength> chars{};
  uint8_t length = 0;

  static RegionCode from(std::string_view s) {  ///< caller has validated s
    RegionCode c;
    c.length = static_cast<uint8_t>(s.size() <= kMaxCodeLength ? s.size() : kMaxCodeLength);
    for (uint8_t i = 0; i < c.length; ++i) c.chars[i] = s[i];
    return c;
  }
  std::string_view view() const { return {chars.data(), length}; }
  friend bool operator==(const RegionCode& a, const RegionCode& b) { return a.view() == b.view(); }
};

}  // namespace pantau::data
