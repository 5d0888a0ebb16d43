#include "form_image.hpp"

#include <stb/stb_image_write.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace pantau::sim {

using namespace pantau::data;

namespace {

constexpr int kW = 720, kH = 1000;

struct Rgb {
  uint8_t r, g, b;
};
constexpr Rgb kPaper{246, 243, 232}, kInk{25, 25, 30}, kPen{22, 48, 140}, kRule{120, 120, 120}, kRed{170, 30, 30};

/// 5x7 glyphs for the printed text of the form (our own table: digits, capitals, a few marks).
const char* glyph(char c) {
  switch (c) {
    case '0': return "01110100011001110101110011000101110";
    case '1': return "00100011000010000100001000010001110";
    case '2': return "01110100010000100010001000100011111";
    case '3': return "11111000100010000010000011000101110";
    case '4': return "00010001100101010010111110001000010";
    case '5': return "11111100001111000001000011000101110";
    case '6': return "00110010001000011110100011000101110";
    case '7': return "11111000010001000100010000100001000";
    case '8': return "01110100011000101110100011000101110";
    case '9': return "01110100011000101111000010001001100";
    case 'A': return "01110100011000111111100011000110001";
    case 'B': return "11110100011000111110100011000111110";
    case 'C': return "01110100011000010000100001000101110";
    case 'D': return "11100100101000110001100011001011100";
    case 'E': return "11111100001000011110100001000011111";
    case 'F': return "11111100001000011110100001000010000";
    case 'G': return "01110100011000010111100011000101111";
    case 'H': return "10001100011000111111100011000110001";
    case 'I': return "01110001000010000100001000010001110";
    case 'J': return "00111000100001000010000101001001100";
    case 'K': return "10001100101010011000101001001010001";
    case 'L': return "10000100001000010000100001000011111";
    case 'M': return "10001110111010110101100011000110001";
    case 'N': return "10001100011100110101100111000110001";
    case 'O': return "01110100011000110001100011000101110";
    case 'P': return "11110100011000111110100001000010000";
    case 'Q': return "01110100011000110001101011001001101";
    case 'R': return "11110100011000111110101001001010001";
    case 'S': return "01111100001000001110000010000111110";
    case 'T': return "11111001000010000100001000010000100";
    case 'U': return "10001100011000110001100011000101110";
    case 'V': return "10001100011000110001100010101000100";
    case 'W': return "10001100011000110101101011010101010";
    case 'X': return "10001100010101000100010101000110001";
    case 'Y': return "10001100011000101010001000010000100";
    case 'Z': return "11111000010001000100010001000011111";
    case '.': return "00000000000000000000000000110001100";
    case ':': return "00000011000110000000011000110000000";
    case '-': return "00000000000000011111000000000000000";
    case '/': return "00001000010001000100010001000010000";
    case '(': return "00010001000100001000010000010000010";
    case ')': return "01000001000001000010000100010001000";
    default: return nullptr;  // space and anything else: blank
  }
}

class Canvas {
 public:
  Canvas() : m_px(static_cast<std::size_t>(kW) * kH, kPaper) {}

  void set(int x, int y, Rgb c) {
    if (x >= 0 && y >= 0 && x < kW && y < kH) m_px[static_cast<std::size_t>(y) * kW + x] = c;
  }
  void fill(int x, int y, int w, int h, Rgb c) {
    for (int j = y; j < y + h; ++j)
      for (int i = x; i < x + w; ++i) set(i, j, c);
  }
  void frame(int x, int y, int w, int h, int t, Rgb c) {
    fill(x, y, w, t, c);
    fill(x, y + h - t, w, t, c);
    fill(x, y, t, h, c);
    fill(x + w - t, y, t, h, c);
  }
  /// A thick stroke, for handwriting.
  void line(double x0, double y0, double x1, double y1, double width, Rgb c) {
    const double len = std::hypot(x1 - x0, y1 - y0);
    const int steps = static_cast<int>(len * 2) + 1;
    const int r = static_cast<int>(width / 2);
    for (int s = 0; s <= steps; ++s) {
      const double t = static_cast<double>(s) / steps;
      const int cx = static_cast<int>(x0 + (x1 - x0) * t), cy = static_cast<int>(y0 + (y1 - y0) * t);
      for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx)
          if (dx * dx + dy * dy <= r * r) set(cx + dx, cy + dy, c);
    }
  }
  /// Printed text in the 5x7 font at `scale` pixels per dot.
  void text(int x, int y, std::string_view s, int scale, Rgb c) {
    for (char ch : s) {
      if (const char* g = glyph(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 32) : ch))
        for (int j = 0; j < 7; ++j)
          for (int i = 0; i < 5; ++i)
            if (g[j * 5 + i] == '1') fill(x + i * scale, y + j * scale, scale, scale, c);
      x += 6 * scale;
    }
  }
  const std::vector<Rgb>& pixels() const { return m_px; }

 private:
  std::vector<Rgb> m_px;
};

/// A handwritten digit as pen strokes on seven segments, slightly skewed by `wobble`.
void handDigit(Canvas& cv, int x, int y, int w, int h, int digit, double wobble) {
  static constexpr uint8_t kSeg[10] = {0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f};
  const double sk = 4 * wobble;  // slant
  const double l = x + w * 0.2, r = x + w * 0.8, t = y + h * 0.15, m = y + h * 0.5, b = y + h * 0.85;
  const uint8_t s = kSeg[digit];
  auto seg = [&](double ax, double ay, double bx, double by) {
    cv.line(ax + sk * (m - ay) / h * 4, ay, bx + sk * (m - by) / h * 4, by, 5, kPen);
  };
  if (s & 0x01) seg(l, t, r, t);
  if (s & 0x02) seg(r, t, r, m);
  if (s & 0x04) seg(r, m, r, b);
  if (s & 0x08) seg(l, b, r, b);
  if (s & 0x10) seg(l, m, l, b);
  if (s & 0x20) seg(l, t, l, m);
  if (s & 0x40) seg(l, m, r, m);
}

/// Three digit boxes (hundreds, tens, units) with `value` written in; leading boxes stay empty,
/// or carry the stray X that OCR misread.
void numberBoxes(Canvas& cv, int x, int y, uint32_t value, uint64_t h, bool strayX, int kBox = 56) {
  constexpr int kGap = 8;
  const int digits[3] = {static_cast<int>(value / 100 % 10), static_cast<int>(value / 10 % 10), static_cast<int>(value % 10)};
  for (int i = 0; i < 3; ++i) {
    const int bx = x + i * (kBox + kGap);
    cv.frame(bx, y, kBox, kBox + 16, 2, kInk);
    const bool written = (i == 0 && value >= 100) || (i == 1 && value >= 10) || i == 2;
    if (written) handDigit(cv, bx, y, kBox, kBox + 16, digits[i], unit(mix(h + i)) - 0.5);
    else if (i == 0 && strayX) {
      cv.line(bx + 10, y + 12, bx + kBox - 10, y + kBox + 4, 4, kPen);
      cv.line(bx + kBox - 10, y + 12, bx + 10, y + kBox + 4, 4, kPen);
    }
  }
}

void writeJpeg(void* ctx, void* data, int size) {
  static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

/// The form's printed head: its title, the page, the TPS and its village, a rule.
void formHead(Canvas& cv, const RegionTree& t, RegionId tps, std::string_view title, int page, int pages) {
  cv.frame(16, 16, kW - 32, kH - 32, 3, kInk);
  cv.text(40, 40, title, 4, kInk);
  cv.text(40, 84, "HALAMAN " + std::to_string(page + 1) + " DARI " + std::to_string(pages), 2, kInk);
  cv.text(40, 110, "TPS " + std::string(t.code(tps)), 3, kInk);
  const RegionId village = t.parent(tps);
  cv.text(40, 140, "DESA/KEL " + std::string(t.code(village)), 2, kInk);
  cv.fill(40, 170, kW - 80, 3, kRule);
}

/// The officials' signature and the simulation's mark; the page as JPEG.
std::string formFoot(Canvas& cv) {
  cv.text(40, kH - 120, "KPPS", 3, kInk);
  cv.line(200, kH - 90, 330, kH - 110, 3, kPen);  // a signature
  cv.line(330, kH - 110, 360, kH - 80, 3, kPen);
  cv.text(kW - 300, kH - 70, "SIMULASI PANTAU", 2, kRed);
  std::string jpeg;
  stbi_write_jpg_to_func(writeJpeg, &jpeg, kW, kH, 3, cv.pixels().data(), 85);
  return jpeg;
}

/// Labelled rows of number boxes from y = 230, one a line (`row` draws the next).
struct Rows {
  Canvas& cv;
  uint64_t h;
  int y = 230;
  void row(std::string_view label, uint32_t value, bool strayX) {
    cv.text(40, y + 22, label, 3, kInk);
    numberBoxes(cv, kW - 260, y, value, h ^ (static_cast<uint64_t>(y) << 3), strayX);
    y += 100;
  }
};

/// Page 1 of every C1 form: the voters as the officials counted them (the true DPT).
void voterPage(Canvas& cv, const TpsResult& r, uint64_t h) {
  Administrasi truth = r.adm;
  truth.pemilihDpt[0] = r.trueDpt;  // the form has the true DPT; a misread happened only in OCR
  cv.text(40, 180, "I. DATA PEMILIH", 3, kInk);
  Rows rows{cv, h};
  rows.row("DPT", truth.pemilihDpt[0], false);
  rows.row("PENGGUNA DPT", truth.penggunaDpt[0], false);
  rows.row("PENGGUNA DPTB", truth.penggunaDptb[0], false);
  rows.row("PENGGUNA DPK", truth.penggunaNonDpt[0], false);
  rows.row("JUMLAH PENGGUNA", truth.penggunaTotal[0], false);
}

/// The last page of every C1 form: the ballots.
void ballotPage(Canvas& cv, uint32_t sah, uint32_t tidakSah, uint32_t total, uint64_t h) {
  cv.text(40, 180, "III. DATA SUARA", 3, kInk);
  Rows rows{cv, h};
  rows.row("SUARA SAH", sah, false);
  rows.row("SUARA TIDAK SAH", tidakSah, false);
  rows.row("JUMLAH SUARA", total, false);
}

/// A long list (18 parties, a province's DPD candidates) in two columns of smaller boxes.
void listRows(Canvas& cv, const std::vector<std::pair<std::string, uint32_t>>& rows, uint64_t h) {
  const int perColumn = std::max<int>(1, static_cast<int>((rows.size() + 1) / 2));
  const int rowHeight = std::min(62, 560 / perColumn), box = rowHeight - 26;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const int col = static_cast<int>(i) / perColumn, x = 40 + col * 330;
    const int y = 210 + (static_cast<int>(i) % perColumn) * rowHeight;
    cv.text(x, y + box / 2, rows[i].first, 2, kInk);
    numberBoxes(cv, x + 150, y, rows[i].second, h ^ (static_cast<uint64_t>(i) << 5), false, box);
  }
}

std::string twoDigits(uint32_t n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

}  // namespace

std::string formImageJpeg(const NightModel& m, RegionId tps, int page) {
  const TpsResult& r = m.tps(tps);
  const uint64_t h = mix(mix(m.options().seed) ^ (uint64_t(tps) << 4) ^ static_cast<uint64_t>(page));
  Canvas cv;
  formHead(cv, m.tree(), tps, "MODEL C.HASIL-PPWP", page, 3);
  if (page == 0) {
    voterPage(cv, r, h);
  } else if (page == 1) {
    cv.text(40, 180, "II. PEROLEHAN SUARA", 3, kInk);
    Rows rows{cv, h};
    for (int c = 0; c < kCandidates; ++c) {
      const bool misread = r.anomaly == Anomaly::HundredsDigit && r.votes[c] != r.trueVotes[c];
      rows.row("PASLON 0" + std::to_string(c + 1), r.trueVotes[c], misread);
    }
    uint32_t sum = 0;
    for (uint32_t v : r.trueVotes) sum += v;
    cv.fill(40, rows.y - 10, kW - 80, 3, kRule);
    rows.row("JUMLAH SUARA SAH", sum, false);
  } else {
    Administrasi a = r.adm;
    ballotPage(cv, a.suaraSah, a.suaraTidakSah, a.suaraTotal, h);
  }
  return formFoot(cv);
}

std::string legislativeFormJpeg(const LegislativeModel& m, RegionId tps, bool dpr, int page) {
  const TpsResult& r = m.night().tps(tps);
  const int pages = dpr ? 3 : 5;
  const uint64_t h = mix(mix(m.night().options().seed) ^ (uint64_t(tps) << 4) ^ static_cast<uint64_t>(page) ^ (dpr ? 0x50 : 0x70));
  Canvas cv;
  formHead(cv, m.tree(), tps, dpr ? "MODEL C.HASIL-DPR RI" : "MODEL C.HASIL-DPD", page, pages);
  const uint32_t sah = m.dprValid(tps);  // the valid ballots of this contest, as its document says
  if (page == 0) {
    voterPage(cv, r, h);
  } else if (page == pages - 1) {
    ballotPage(cv, sah, r.adm.suaraTotal - sah, r.adm.suaraTotal, h);
  } else if (dpr) {  // each party's jml_suara_total (the party's own ballots and its caleg's)
    cv.text(40, 180, "II. PEROLEHAN SUARA PARTAI", 3, kInk);
    std::vector<std::pair<std::string, uint32_t>> rows;
    uint64_t sum = 0;
    for (int p = 0; p < kDprParties; ++p) {
      rows.emplace_back("PARTAI " + twoDigits(LegislativeModel::partyIds()[static_cast<std::size_t>(p)]), m.partyTotal(tps, p));
      sum += m.partyTotal(tps, p);
    }
    listRows(cv, rows, h);
    Rows total{cv, h, 800};
    total.row("JUMLAH SUARA SAH", static_cast<uint32_t>(sum), false);
  } else {  // the province's candidates over pages 2-4
    const auto cands = m.dpdCandidates(tps);
    std::vector<uint32_t> votes;
    m.dpdTrueVotes(tps, votes);  // the officials' count, not OCR's
    const std::size_t per = (cands.size() + 2) / 3, first = per * static_cast<std::size_t>(page - 1);
    cv.text(40, 180, "II. PEROLEHAN SUARA CALON", 3, kInk);
    std::vector<std::pair<std::string, uint32_t>> rows;
    for (std::size_t c = first; c < std::min(cands.size(), first + per); ++c)
      rows.emplace_back("CALON " + twoDigits(cands[c].nomorUrut), c < votes.size() ? votes[c] : 0);
    listRows(cv, rows, h);
  }
  return formFoot(cv);
}

}  // namespace pantau::sim
