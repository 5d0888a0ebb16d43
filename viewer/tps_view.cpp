#include "tps_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pantau/data/integrity/correction.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/render/colours.hpp"
#include "pantau/render/gl.hpp"

namespace pantau::viewer {

using namespace pantau::data;

TpsView::~TpsView() { clearTextures(); }

void TpsView::clearTextures() {
  for (Page& p : m_pages)
    if (p.texture) glDeleteTextures(1, &p.texture), p.texture = 0;
}

void TpsView::update(RegionId tps, const Snapshot& s, FormImageLoader* loader) {
  if (tps != m_tps) {
    clearTextures();
    m_pages.clear();
    m_tps = tps;
    m_requested = false;
    m_page = 1;
    m_zoom = 1, m_panX = m_panY = 0, m_rotation = 0;
  }
  if (m_requested) return;
  auto detail = s.tpsDetail(tps);
  if (!detail) return;
  m_pages.assign(std::max<std::size_t>(3, detail->images.size()), Page{});
  for (std::size_t i = 0; i < detail->images.size(); ++i) {
    if (!detail->images[i]) continue;
    m_pages[i].url = *detail->images[i];
    m_pages[i].state = Page::Loading;
    if (loader) loader->request(m_pages[i].url);
    else m_pages[i].state = Page::Failed, m_pages[i].error = "no image source";
  }
  if (m_page >= static_cast<int>(m_pages.size()) || m_pages[static_cast<std::size_t>(m_page)].state == Page::Missing)
    for (std::size_t i = 0; i < m_pages.size(); ++i)
      if (m_pages[i].state != Page::Missing) {
        m_page = static_cast<int>(i);
        break;
      }
  m_requested = true;
}

std::vector<std::pair<std::string, std::string>> TpsView::pageStates() const {
  static const char* kNames[] = {"missing", "loading", "failed", "ready"};
  std::vector<std::pair<std::string, std::string>> out;
  for (const Page& p : m_pages) out.emplace_back(kNames[p.state], p.error);
  return out;
}

bool TpsView::waitingForImages() const {
  for (const Page& p : m_pages)
    if (p.state == Page::Loading) return true;
  return false;
}

void TpsView::poll(FormImageLoader& loader) {
  for (auto& done : loader.take())
    for (Page& p : m_pages) {
      if (p.url != done.url || p.state != Page::Loading) continue;
      if (!done.image) {
        p.state = Page::Failed;
        p.error = done.image.error().message;
        continue;
      }
      glGenTextures(1, &p.texture);
      glBindTexture(GL_TEXTURE_2D, p.texture);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
      glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
      glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, done.image->width, done.image->height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                   done.image->rgba.data());
      p.width = done.image->width;
      p.height = done.image->height;
      p.state = Page::Ready;
    }
}

void TpsView::draw(ImDrawList* dl, const Fonts& f, const Snapshot& s, const UiText& t, ImVec2 a, ImVec2 b) {
  const float split = a.x + (b.x - a.x) * 0.46f;
  drawNumbers(dl, f, s, t, a, ImVec2(split - 20 * f.scale, b.y));
  drawPhoto(dl, f, t, ImVec2(split, a.y), b);
}

namespace {
std::string checkLine(const Finding& x, const Snapshot& s, const UiText& t) {
  std::string line = t.checkWords[static_cast<std::size_t>(x.check)];
  const bool over = x.check == CheckId::TotalOverVoters || x.check == CheckId::VotersOverDpt ||
                    x.check == CheckId::VotesOverDpt || x.check == CheckId::CandidateOverCap;
  std::string who;
  if (x.check == CheckId::CandidateOverCap || x.check == CheckId::CountDecreased || x.check == CheckId::CompleteChanged ||
      x.check == CheckId::RowVsOwn || x.check == CheckId::ChartSumTable) {
    const auto& c = s.candidateList().candidates[std::min<std::size_t>(x.aux, s.candidateCount() - 1)];
    char n[16];
    std::snprintf(n, sizeof n, "%02u ", c.nomorUrut);
    who = n;
  }
  if (x.check == CheckId::SexSum) who = std::string(sexSumGroup(x.aux)) + " ";
  const char* rel = x.check == CheckId::CountDecreased || x.check == CheckId::CompleteChanged ? " \u2192 " : over ? " > " : " \u2260 ";
  return line + ": " + who + formatCount(static_cast<uint64_t>(std::max<int64_t>(0, x.a)), t) + rel +
         formatCount(static_cast<uint64_t>(std::max<int64_t>(0, x.b)), t);
}
}  // namespace

void TpsView::drawNumbers(ImDrawList* dl, const Fonts& f, const Snapshot& s, const UiText& t, ImVec2 a, ImVec2 b) const {
  const float u = f.scale;
  const ImU32 ink = IM_COL32(20, 24, 33, 255), soft = IM_COL32(80, 86, 100, 255);
  float y = a.y;
  const RegionStatus& st = s.status(m_tps);
  const TpsFacts* facts = s.tpsFacts(m_tps);
  if (st.sourceTs) {
    dl->AddText(f.body, f.body->FontSize * 0.85f, ImVec2(a.x, y), soft, (std::string(t.dataAsOf) + " " + formatWib(st.sourceTs, t)).c_str());
    y += 28 * u;
  }
  if (!facts) {
    dl->AddText(f.bold, f.bold->FontSize, ImVec2(a.x, y), ink, st.lastError ? st.lastError->c_str() : t.loading);
    return;
  }
  if (!facts->has(TpsFacts::kChart) && !facts->has(TpsFacts::kAdministrasi)) {
    dl->AddText(f.bold, f.bold->FontSize, ImVec2(a.x, y), ink, t.notUploaded);
    y += 34 * u;
  }
  // Status of the two halves.
  const std::string status = std::string(t.statusVotes) + ": " + (facts->has(TpsFacts::kStatusSuara) ? t.confirmed : t.pending) +
                             "    " + t.statusAdm + ": " + (facts->has(TpsFacts::kStatusAdm) ? t.confirmed : t.pending);
  dl->AddText(f.body, f.body->FontSize * 0.85f, ImVec2(a.x, y), soft, status.c_str());
  y += 34 * u;

  y = drawTicketVotes(dl, f, s, *facts, t, a, b.x, y);
  y = drawAdministrasi(dl, f, *facts, t, a, b.x, y);
  drawChecks(dl, f, s, *facts, t, a, b, y);
}

/// Votes per ticket: the ticket's colour, number and name, and its votes large.
float TpsView::drawTicketVotes(ImDrawList* dl, const Fonts& f, const Snapshot& s, const TpsFacts& facts, const UiText& t, ImVec2 a,
                               float right, float y) const {
  const float u = f.scale;
  const ImU32 ink = IM_COL32(20, 24, 33, 255), soft = IM_COL32(80, 86, 100, 255);
  const auto votes = s.ownVotes(m_tps);
  for (std::size_t c = 0; c < votes.size(); ++c) {
    const Candidate& cand = s.candidateList().candidates[c];
    char num[8];
    std::snprintf(num, sizeof num, "%02u", cand.nomorUrut);
    dl->AddRectFilled(ImVec2(a.x, y + 2 * u), ImVec2(a.x + 8 * u, y + 26 * u), toImColour(render::packRgba(render::rgbOfHex(cand.rgb))));
    dl->AddText(f.bold, f.bold->FontSize, ImVec2(a.x + 16 * u, y), ink, num);
    const std::string full = candidateName(cand, t);
    const std::string name = full.substr(0, full.find(" - "));
    clippedText(dl, f.body, f.body->FontSize * 0.85f, ImVec2(a.x + 50 * u, y + 2 * u), soft, name.c_str(), right - a.x - 230 * u);
    const std::string v = facts.has(TpsFacts::kChart) ? formatCount(votes[c], t) : "-";
    const ImVec2 vs = f.title->CalcTextSizeA(f.title->FontSize * 0.7f, 1e9f, 0, v.c_str());
    dl->AddText(f.title, f.title->FontSize * 0.7f, ImVec2(right - vs.x, y - 4 * u), ink, v.c_str());
    y += 40 * u;
  }
  return y;
}

/// Valid, invalid and total votes, DPT and voters by sex (the administrasi half).
float TpsView::drawAdministrasi(ImDrawList* dl, const Fonts& f, const TpsFacts& facts, const UiText& t, ImVec2 a, float right, float y) const {
  const float u = f.scale;
  const ImU32 ink = IM_COL32(20, 24, 33, 255), soft = IM_COL32(80, 86, 100, 255);
  dl->AddLine(ImVec2(a.x, y), ImVec2(right, y), IM_COL32(200, 200, 195, 255), 1 * u);
  y += 10 * u;
  auto row = [&](const char* label, const std::string& value, bool strong = false) {
    dl->AddText(f.body, f.body->FontSize * 0.9f, ImVec2(a.x, y), soft, label);
    const ImVec2 vs = (strong ? f.bold : f.body)->CalcTextSizeA(f.body->FontSize * 0.9f, 1e9f, 0, value.c_str());
    dl->AddText(strong ? f.bold : f.body, f.body->FontSize * 0.9f, ImVec2(right - vs.x, y), ink, value.c_str());
    y += 27 * u;
  };
  const bool adm = facts.has(TpsFacts::kAdministrasi);
  const Administrasi& ad = facts.adm;
  auto n = [&](uint32_t v) { return adm ? formatCount(v, t) : std::string("-"); };
  row(t.validVotes, n(ad.suaraSah), true);
  row(t.invalidVotes, n(ad.suaraTidakSah));
  row(t.totalVotes, n(ad.suaraTotal));
  auto triple = [&](const std::array<uint32_t, 3>& x) {
    return adm ? std::string(t.male) + " " + formatCount(x[1], t) + "   " + t.female + " " + formatCount(x[2], t) + "   " + t.total +
                     " " + formatCount(x[0], t)
               : std::string("-");
  };
  row(t.registered, triple(ad.pemilihDpt));
  row(t.voters, triple(ad.penggunaTotal));
  y += 12 * u;
  return y;
}

/// The checks in words, then the suggested correction (marked as a suggestion, never data).
void TpsView::drawChecks(ImDrawList* dl, const Fonts& f, const Snapshot& s, const TpsFacts& facts, const UiText& t, ImVec2 a, ImVec2 b,
                         float y) const {
  const float u = f.scale;
  const ImU32 ink = IM_COL32(20, 24, 33, 255);
  dl->AddText(f.bold, f.bold->FontSize, ImVec2(a.x, y), ink, t.checksTitle);
  y += 32 * u;
  const IntegrityState* in = s.integrity();
  const auto findings = in ? in->findingsFor(m_tps) : std::span<const Finding>();
  if (findings.empty()) {
    dl->AddText(f.body, f.body->FontSize * 0.9f, ImVec2(a.x, y), IM_COL32(30, 120, 60, 255), t.allChecksPass);
    return;
  }
  for (const Finding& x : findings) {
    const bool err = x.severity() == Severity::Error;
    dl->AddCircleFilled(ImVec2(a.x + 6 * u, y + 11 * u), 5 * u, err ? IM_COL32(176, 30, 36, 255) : IM_COL32(220, 150, 20, 255));
    const std::string line = checkLine(x, s, t);
    dl->AddText(f.body, f.body->FontSize * 0.85f, ImVec2(a.x + 18 * u, y), ink, line.c_str(), nullptr);
    y += 26 * u;
    if (y > b.y - 60 * u) break;
  }
  if (auto c = proposeCorrection(facts, s.ownVotes(m_tps), capExempt(s.tree().code(m_tps)))) {
    y += 8 * u;
    std::string text = std::string(t.suggestion) + ": ";
    if (c->field == Correction::Field::Dpt) {
      text += "DPT " + formatCount(c->from, t) + " \u2192 " + formatCount(c->to, t) + "\u2013" + formatCount(c->toMax, t);
    } else {
      char num[8];
      std::snprintf(num, sizeof num, "%02u ", s.candidateList().candidates[c->candidate].nomorUrut);
      text += num + formatCount(c->from, t) + " \u2192 " + formatCount(c->to, t) + (c->alternatives ? " (?)" : "");
    }
    const ImVec2 ts = f.bold->CalcTextSizeA(f.body->FontSize * 0.9f, 1e9f, 0, text.c_str());
    dl->AddRectFilled(ImVec2(a.x - 6 * u, y - 4 * u), ImVec2(a.x + ts.x + 8 * u, y + ts.y + 4 * u), IM_COL32(255, 243, 205, 255), 4 * u);
    dl->AddRect(ImVec2(a.x - 6 * u, y - 4 * u), ImVec2(a.x + ts.x + 8 * u, y + ts.y + 4 * u), IM_COL32(200, 150, 40, 255), 4 * u, 0, 1.5f * u);
    dl->AddText(f.bold, f.body->FontSize * 0.9f, ImVec2(a.x, y), IM_COL32(90, 60, 0, 255), text.c_str());
  }
}

void TpsView::drawPhoto(ImDrawList* dl, const Fonts& f, const UiText& t, ImVec2 a, ImVec2 b) {
  const float u = f.scale;
  // Page tabs.
  float x = a.x;
  for (std::size_t i = 0; i < std::max<std::size_t>(3, m_pages.size()); ++i) {
    const std::string label = std::string(t.page) + " " + std::to_string(i + 1);
    const ImVec2 ts = f.bold->CalcTextSizeA(f.bold->FontSize * 0.85f, 1e9f, 0, label.c_str());
    const bool on = static_cast<int>(i) == m_page;
    const bool missing = i >= m_pages.size() || m_pages[i].state == Page::Missing || m_pages[i].state == Page::Failed;
    dl->AddRectFilled(ImVec2(x, a.y), ImVec2(x + ts.x + 20 * u, a.y + ts.y + 12 * u), on ? IM_COL32(20, 24, 33, 255) : IM_COL32(225, 225, 220, 255), 4 * u);
    dl->AddText(f.bold, f.bold->FontSize * 0.85f, ImVec2(x + 10 * u, a.y + 6 * u),
                on ? IM_COL32(255, 255, 255, 255) : missing ? IM_COL32(150, 150, 150, 255) : IM_COL32(20, 24, 33, 255), label.c_str());
    x += ts.x + 28 * u;
  }
  m_imageA = ImVec2(a.x, a.y + 44 * u);
  m_imageB = b;
  dl->AddRectFilled(m_imageA, m_imageB, IM_COL32(60, 62, 68, 255), 4 * u);
  const ImVec2 centre((m_imageA.x + m_imageB.x) / 2, (m_imageA.y + m_imageB.y) / 2);
  auto message = [&](const std::string& text, ImU32 colour) {
    const float wrap = m_imageB.x - m_imageA.x - 40 * u;
    const ImVec2 ts = f.bold->CalcTextSizeA(f.bold->FontSize, 1e9f, wrap, text.c_str());
    dl->AddText(f.bold, f.bold->FontSize, ImVec2(centre.x - ts.x / 2, centre.y - ts.y / 2), colour, text.c_str(), nullptr, wrap);
  };
  if (m_page >= static_cast<int>(m_pages.size())) return message(t.pageMissing, IM_COL32(220, 220, 215, 255));
  const Page& p = m_pages[static_cast<std::size_t>(m_page)];
  switch (p.state) {
    case Page::Missing: return message(t.pageMissing, IM_COL32(220, 220, 215, 255));
    case Page::Loading: return message(t.loading, IM_COL32(220, 220, 215, 255));
    case Page::Failed: return message(p.error, IM_COL32(255, 150, 140, 255));
    case Page::Ready: break;
  }
  // Fit (rotated), then zoom and pan; the four corners carry the rotation.
  const bool sideways = m_rotation % 2 == 1;
  const float iw = static_cast<float>(sideways ? p.height : p.width), ih = static_cast<float>(sideways ? p.width : p.height);
  const float fit = std::min((m_imageB.x - m_imageA.x) / iw, (m_imageB.y - m_imageA.y) / ih) * m_zoom;
  const float hw = iw * fit / 2, hh = ih * fit / 2;
  const ImVec2 c(centre.x + m_panX, centre.y + m_panY);
  const ImVec2 corners[4] = {ImVec2(c.x - hw, c.y - hh), ImVec2(c.x + hw, c.y - hh), ImVec2(c.x + hw, c.y + hh), ImVec2(c.x - hw, c.y + hh)};
  const ImVec2 uvs[4] = {ImVec2(0, 0), ImVec2(1, 0), ImVec2(1, 1), ImVec2(0, 1)};
  // Turning the picture clockwise by a quarter: the top-left corner shows what was bottom-left.
  const int r = m_rotation;
  dl->PushClipRect(m_imageA, m_imageB, true);
  dl->AddImageQuad(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(p.texture)), corners[0], corners[1], corners[2], corners[3],
                   uvs[(4 - r) % 4], uvs[(5 - r) % 4], uvs[(6 - r) % 4], uvs[(7 - r) % 4]);
  dl->PopClipRect();
}

}  // namespace pantau::viewer
