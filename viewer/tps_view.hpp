#pragma once
// The TPS view: one polling station's numbers (votes per ticket, valid and invalid votes, DPT and
// voters by sex, status and last update), its integrity findings in words with a suggested
// correction, and its C1 form photos beside the numbers: page 2 (the one with the votes) first,
// zoomable, pannable and rotatable; a missing or broken page says so instead of a blank.
//
// Threading: the GL thread (textures); images are fetched and decoded by FormImageLoader.

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "draw_helpers.hpp"
#include "pantau/data/images/form_images.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "ui_text.hpp"

namespace pantau::viewer {

class TpsView {
 public:
  ~TpsView();
  /// Shows this TPS; asks the loader for its pages once its document (with image URLs) is in.
  void update(data::RegionId tps, const data::Snapshot& s, data::FormImageLoader* loader);
  /// Takes decoded images from the loader and makes textures of them (GL thread).
  void poll(data::FormImageLoader& loader);
  bool waitingForImages() const;
  void draw(ImDrawList* dl, const Fonts& f, const data::Snapshot& s, const UiText& t, ImVec2 a, ImVec2 b);

  // Interaction on the photo (window mode).
  void selectPage(int page) { if (page >= 0 && page < static_cast<int>(m_pages.size())) m_page = page; }
  int page() const { return m_page; }
  void zoomBy(float factor) { m_zoom = std::clamp(m_zoom * factor, 0.5f, 12.f); }
  void panBy(float dx, float dy) { m_panX += dx, m_panY += dy; }
  void rotate() { m_rotation = (m_rotation + 1) % 4; }
  /// Each page's state ("ready", "missing", "loading", "failed") and error, for the sidecar.
  std::vector<std::pair<std::string, std::string>> pageStates() const;
  bool overImage(float x, float y) const { return x >= m_imageA.x && x <= m_imageB.x && y >= m_imageA.y && y <= m_imageB.y; }

 private:
  struct Page {
    enum State { Missing, Loading, Failed, Ready } state = Missing;
    std::string url, error;
    unsigned texture = 0;
    int width = 0, height = 0;
  };
  void drawNumbers(ImDrawList* dl, const Fonts& f, const data::Snapshot& s, const UiText& t, ImVec2 a, ImVec2 b) const;
  float drawTicketVotes(ImDrawList* dl, const Fonts& f, const data::Snapshot& s, const data::TpsFacts& facts, const UiText& t, ImVec2 a,
                        float right, float y) const;
  float drawAdministrasi(ImDrawList* dl, const Fonts& f, const data::TpsFacts& facts, const UiText& t, ImVec2 a, float right, float y) const;
  void drawChecks(ImDrawList* dl, const Fonts& f, const data::Snapshot& s, const data::TpsFacts& facts, const UiText& t, ImVec2 a, ImVec2 b,
                  float y) const;
  void drawPhoto(ImDrawList* dl, const Fonts& f, const UiText& t, ImVec2 a, ImVec2 b);
  void clearTextures();

  data::RegionId m_tps = data::kNoRegion;
  bool m_requested = false;
  std::vector<Page> m_pages;
  int m_page = 1;  ///< page 2 (index 1) carries the votes: shown first
  float m_zoom = 1, m_panX = 0, m_panY = 0;
  int m_rotation = 0;  ///< quarter turns clockwise
  ImVec2 m_imageA{}, m_imageB{};
};

}  // namespace pantau::viewer
