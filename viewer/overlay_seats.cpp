// The DPR's seats (--contest pdpr): the seat view (a hemicycle of the 580 seats in party colours,
// seats per party, the parties over the 4% threshold, said plainly to be a projection from the
// count so far) and, on a regency's map, its dapil's seats by party and who would take them.

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "draw_helpers.hpp"
#include "overlay.hpp"
#include "pantau/render/colours.hpp"
#include "party_display.hpp"
#include "seat_board.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {

constexpr ImU32 kInk = IM_COL32(20, 24, 33, 255), kSoft = IM_COL32(70, 76, 90, 255);

/// The parties with seats, most first; then the nation's votes.
std::vector<const PartySeats*> seated(const SeatProjection& p) {
  std::vector<const PartySeats*> out;
  for (const PartySeats& ps : p.parties)
    if (ps.seats > 0) out.push_back(&ps);
  std::stable_sort(out.begin(), out.end(), [](const PartySeats* a, const PartySeats* b) {
    return a->seats != b->seats ? a->seats > b->seats : a->votes > b->votes;
  });
  return out;
}

int columnOf(const Snapshot& s, PartyId id) {
  for (std::size_t i = 0; i < s.candidates().size(); ++i)
    if (s.candidates()[i] == id) return static_cast<int>(i);
  return -1;
}

}  // namespace

ImU32 Overlay::partyInk(PartyId party) const {
  const int c = columnOf(*m_f.s, party);
  if (c < 0) return IM_COL32(160, 160, 160, 255);
  render::Rgb ink = render::rgbOfHex(columnHue(*m_f.s, Contest::Pdpr, static_cast<std::size_t>(c),
                                               m_f.scene->layer().colourBlindSafe));
  // Two parties whose warna are all but the same (Demokrat's and PAN's blues) would merge into one
  // block of seats: the one with fewer seats is drawn lighter.
  const auto order = seated(*m_f.info->seats);
  const auto at = std::find_if(order.begin(), order.end(),
                               [&](const PartySeats* p) { return p->party == party; });
  for (auto it = order.begin(); it != at && at != order.end(); ++it) {
    const int o = columnOf(*m_f.s, (*it)->party);
    if (o < 0) continue;
    const render::Rgb other = render::rgbOfHex(columnHue(
        *m_f.s, Contest::Pdpr, static_cast<std::size_t>(o), m_f.scene->layer().colourBlindSafe));
    const float d =
        std::abs(ink.r - other.r) + std::abs(ink.g - other.g) + std::abs(ink.b - other.b);
    if (d < 0.15f) ink = render::mix(ink, {1, 1, 1}, 0.45f);
  }
  return toImColour(render::packRgba(ink));
}

void Overlay::drawSeatView() {
  ImDrawList* dl = m_f.dl;
  const float u = m_f.u, pad = m_f.pad, W = m_f.width, H = m_f.height;
  const SeatProjection& p = *m_f.info->seats;
  const UiText& t = *m_f.t;
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, H), IM_COL32(246, 244, 238, 255));
  // Heading: what this is, and that it is a projection.
  dl->AddText(m_fonts.title, m_fonts.title->FontSize, ImVec2(pad, pad), kInk, t.seatsTitle);
  const ImVec2 badge =
      m_fonts.bold->CalcTextSizeA(m_fonts.bold->FontSize, 1e9f, 0, t.seatsProjection);
  const ImVec2 b0(pad, pad + 64 * u);
  dl->AddRectFilled(b0, ImVec2(b0.x + badge.x + 28 * u, b0.y + badge.y + 14 * u),
                    IM_COL32(196, 120, 10, 255), 6 * u);
  dl->AddText(m_fonts.bold, m_fonts.bold->FontSize, ImVec2(b0.x + 14 * u, b0.y + 7 * u),
              IM_COL32(255, 255, 255, 255), t.seatsProjection);
  if (m_f.info->simulated) drawSimulatedBadge(ImVec2(b0.x + badge.x + 44 * u, b0.y + 4 * u));
  drawTime();
  // The hemicycle: centred left of the table.
  const float cx = W * 0.39f, cy = H * 0.84f, R = std::min(W * 0.33f, H * 0.60f);
  float seatR = 0;
  const auto spots = hemicycleSpots(580, 12, 0.36f, seatR);
  std::size_t at = 0;
  for (const PartySeats* ps : seated(p)) {
    const ImU32 ink = partyInk(ps->party);
    for (uint32_t k = 0; k < ps->seats && at < spots.size(); ++k, ++at) {
      const ImVec2 c(cx + spots[at].x * R, cy - spots[at].y * R);
      dl->AddCircleFilled(c, seatR * R, ink, 12);
      dl->AddCircle(c, seatR * R, IM_COL32(40, 40, 40, 90), 12, 1.0f * u);
    }
  }
  for (; at < spots.size(); ++at)  // seats no passing party has a vote for yet
    dl->AddCircle(ImVec2(cx + spots[at].x * R, cy - spots[at].y * R), seatR * R,
                  IM_COL32(150, 150, 150, 255), 12, 1.5f * u);
  // In the middle: the seats and the majority.
  char line[64];
  std::snprintf(line, sizeof line, "%u %s", p.totalSeats(), t.seatsWord);
  const ImVec2 big = m_fonts.title->CalcTextSizeA(m_fonts.title->FontSize, 1e9f, 0, line);
  dl->AddText(m_fonts.title, m_fonts.title->FontSize, ImVec2(cx - big.x / 2, cy - big.y - 6 * u),
              kInk, line);
  std::snprintf(line, sizeof line, "%s: 291", t.seatsMajority);
  const ImVec2 maj = m_fonts.body->CalcTextSizeA(m_fonts.body->FontSize, 1e9f, 0, line);
  dl->AddText(m_fonts.body, m_fonts.body->FontSize, ImVec2(cx - maj.x / 2, cy + 4 * u), kSoft,
              line);
  drawSeatTable(W * 0.76f, pad + 150 * u);
}

void Overlay::drawSeatTable(float x, float y) {
  ImDrawList* dl = m_f.dl;
  const float u = m_f.u;
  const SeatProjection& p = *m_f.info->seats;
  const UiText& t = *m_f.t;
  const auto rows = seated(p);
  char line[96];
  std::snprintf(line, sizeof line, "%zu %s", rows.size(), t.partiesPassed);
  dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 0.85f, ImVec2(x, y), kSoft, line);
  y += 44 * u;
  for (const PartySeats* ps : rows) {
    dl->AddRectFilled(ImVec2(x, y + 4 * u), ImVec2(x + 26 * u, y + 30 * u), partyInk(ps->party),
                      4 * u);
    dl->AddText(m_fonts.bold, m_fonts.bold->FontSize, ImVec2(x + 40 * u, y), kInk,
                partyShortName(ps->party));
    const std::string seats = std::to_string(ps->seats);
    const ImVec2 sz =
        m_fonts.bold->CalcTextSizeA(m_fonts.bold->FontSize * 1.2f, 1e9f, 0, seats.c_str());
    dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 1.2f, ImVec2(x + 290 * u - sz.x, y - 3 * u),
                kInk, seats.c_str());
    const std::string share = formatPercent(ps->share, t);
    dl->AddText(m_fonts.body, m_fonts.body->FontSize * 0.8f, ImVec2(x + 310 * u, y + 6 * u), kSoft,
                share.c_str());
    y += 46 * u;
  }
  // Who fell short of 4%: the nearest three, so the threshold's effect is on screen.
  std::vector<const PartySeats*> below;
  for (const PartySeats& ps : p.parties)
    if (!ps.passed && ps.votes > 0) below.push_back(&ps);
  std::stable_sort(below.begin(), below.end(),
                   [](auto* a, auto* b) { return a->votes > b->votes; });
  y += 14 * u;
  dl->AddLine(ImVec2(x, y), ImVec2(x + 400 * u, y), IM_COL32(150, 30, 30, 255), 2 * u);
  dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 0.8f, ImVec2(x, y + 8 * u),
              IM_COL32(150, 30, 30, 255), t.belowThreshold);
  y += 40 * u;
  for (std::size_t i = 0; i < below.size() && i < 3; ++i, y += 32 * u) {
    const std::string row =
        std::string(partyShortName(below[i]->party)) + "  " + formatPercent(below[i]->share, t);
    dl->AddText(m_fonts.body, m_fonts.body->FontSize * 0.85f, ImVec2(x, y), kSoft, row.c_str());
  }
  const std::string valid = formatCount(p.validVotes, t) + " " + t.validVotesDpr;
  dl->AddText(m_fonts.body, m_fonts.body->FontSize * 0.8f, ImVec2(x, y + 10 * u), kSoft,
              valid.c_str());
}

/// A regency (or below) on the DPR map: its dapil, the seats by party, who would take them.
void Overlay::drawDapilPanel() {
  const OverlayInfo& info = *m_f.info;
  const DapilInfo* d = dapilOfRegion(m_f.s->tree(), *info.dpr, m_f.scene->view());
  if (!d) return;
  const DapilSeats* seats = nullptr;
  for (const DapilSeats& ds : info.seats->dapil)
    if (ds.code == d->kode) seats = &ds;
  if (!seats) return;
  ImDrawList* dl = m_f.dl;
  const float u = m_f.u, w = 440 * u, x = m_f.width - m_f.pad - w;
  float y = m_f.pad + 120 * u;
  const float rowH = 30 * u;
  const float partyRows = static_cast<float>((seats->allocation.size() + 1) / 2);
  const float h =
      110 * u + rowH * partyRows +
      (seats->elected.empty() ? rowH : rowH * static_cast<float>(seats->elected.size()) + 44 * u);
  dl->AddRectFilled(ImVec2(x - 16 * u, y - 12 * u), ImVec2(x + w, y + h),
                    IM_COL32(255, 255, 255, 232), 8 * u);
  const std::string head = std::string(m_f.t->dapilWord) + " " + d->nama + "  \u00b7  " +
                           std::to_string(d->seats) + " " + m_f.t->seatsWord;
  dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 0.9f, ImVec2(x, y), kInk, head.c_str());
  y += 34 * u;
  dl->AddText(m_fonts.body, m_fonts.body->FontSize * 0.72f, ImVec2(x, y), IM_COL32(160, 90, 0, 255),
              m_f.t->seatsProjection);
  y += 34 * u;
  // The dapil's seats as a row of squares by party, then a line per party.
  float sx = x;
  for (const PartySeats& ps : seats->allocation)
    for (uint32_t k = 0; k < ps.seats; ++k, sx += 30 * u)
      dl->AddRectFilled(ImVec2(sx, y), ImVec2(sx + 24 * u, y + 24 * u), partyInk(ps.party), 3 * u);
  y += 36 * u;
  for (std::size_t k = 0; k < seats->allocation.size(); ++k) {  // two to a row
    const PartySeats& ps = seats->allocation[k];
    const std::string row = std::string(partyShortName(ps.party)) + "  " + std::to_string(ps.seats);
    dl->AddText(m_fonts.body, m_fonts.body->FontSize * 0.8f,
                ImVec2(x + (k % 2 ? w / 2 : 0), y + rowH * static_cast<float>(k / 2)), kInk,
                row.c_str());
  }
  y += rowH * partyRows;
  y += 8 * u;
  if (seats->elected.empty()) {
    dl->AddText(m_fonts.body, m_fonts.body->FontSize * 0.72f, ImVec2(x, y), kSoft, m_f.t->noNames);
    return;
  }
  dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 0.8f, ImVec2(x, y), kInk, m_f.t->electedTitle);
  y += 36 * u;
  for (CalegId id : seats->elected) {
    const CalegEntry* c = findCaleg(*info.dpr, id);
    if (!c) continue;
    dl->AddRectFilled(ImVec2(x, y + 5 * u), ImVec2(x + 14 * u, y + 19 * u), partyInk(c->party),
                      2 * u);
    std::string name = c->nama.size() > 38 ? c->nama.substr(0, 36) + "\u2026" : c->nama;
    name += "  (" + std::string(partyShortName(c->party)) + ")";
    dl->AddText(m_fonts.body, m_fonts.body->FontSize * 0.74f, ImVec2(x + 24 * u, y), kInk,
                name.c_str());
    y += rowH;
  }
}

}  // namespace pantau::viewer
