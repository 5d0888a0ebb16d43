#include "show_frame.hpp"

#include "show.hpp"
#include "ui_context.hpp"

namespace pantau::viewer {

void drawShowFrame(Show& show, UiContext* ui, Overlay* overlay, int width, int height,
                   std::optional<MapScene::Window> window) {
  show.scene().setWindow(window);
  show.drawMap(width, height);
  if (!ui || !overlay || !show.snapshot()) return;
  ui->beginFrame(width, height, false);
  overlay->draw(*show.snapshot(), show.scene(), width, height, show.overlayInfo());
  if (window)
    ui->endFrame(window->x, window->y, window->width, window->height);
  else
    ui->endFrame();
}

}  // namespace pantau::viewer
