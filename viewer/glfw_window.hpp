#pragma once
// The window as GLFW gives it: an OpenGL 3.3 core context, Dear ImGui's GLFW backend fed with
// every event, and keys and mouse buttons as edges (GLFW reports states; commands want presses).
//
// Threading: the main thread (GLFW's rule); one window per process.

#include <GLFW/glfw3.h>

#include <array>
#include <memory>
#include <string>

#include "pantau/data/base/result.hpp"

namespace pantau::viewer {

class GlfwWindow {
 public:
  /// The window and its current GL context; the error says why not (no display, no GL 3.3).
  static data::Result<std::unique_ptr<GlfwWindow>> open(int width, int height, const char* title);
  ~GlfwWindow();
  GlfwWindow(const GlfwWindow&) = delete;
  GlfwWindow& operator=(const GlfwWindow&) = delete;

  /// Installs ImGui's GLFW backend (the ImGui context must exist) and our callbacks over it.
  void initImGui();
  /// Before the ImGui context goes (the window outlives it: the GL objects go first).
  void shutdownImGui();
  void newImGuiFrame();

  bool shouldClose() const { return glfwWindowShouldClose(m_window); }
  /// Sleeps until an event or the timeout: no spinning when idle.
  void waitEvents(double timeoutSeconds) { glfwWaitEventsTimeout(timeoutSeconds); }
  void swap() { glfwSwapBuffers(m_window); }
  void framebufferSize(int& width, int& height) const {
    glfwGetFramebufferSize(m_window, &width, &height);
  }
  float scaleX() const { return m_scaleX; }  ///< framebuffer pixels per window unit
  float scaleY() const { return m_scaleY; }
  /// The cursor in window units (multiply by the scale for framebuffer pixels).
  void cursor(double& x, double& y) const { glfwGetCursorPos(m_window, &x, &y); }

  bool keyDown(int key) const { return glfwGetKey(m_window, key) == GLFW_PRESS; }
  /// Pressed since the last call for this key: taken from the key events, so a tap shorter than
  /// a frame still counts.
  bool pressed(int key);
  /// Presses not asked for are dropped (typed into a text field, they are not shortcuts).
  void forgetPresses();
  /// Pressed since the last call for this button (from the button events, like keys).
  bool clicked(int button);
  /// The left button's press and release since the last call, where each happened (window
  /// units): a click shorter than a frame is still a click.
  struct LeftButton {
    bool pressed = false, released = false;
    double pressX = 0, pressY = 0, releaseX = 0, releaseY = 0;
  };
  LeftButton takeLeftButton() { return std::exchange(m_left, LeftButton{}); }

  /// Whether a typed character, key or scroll arrived since the last call (each needs a frame:
  /// a field focused by a shortcut becomes active on the frame after).
  bool takeEvents() { return std::exchange(m_events, false); }
  /// Wheel steps since the last call that ImGui did not take (over a table it scrolls the table).
  double takeWheel() { return std::exchange(m_wheel, 0.0); }

 private:
  explicit GlfwWindow(GLFWwindow* window);
  static GlfwWindow& of(GLFWwindow* window) {
    return *static_cast<GlfwWindow*>(glfwGetWindowUserPointer(window));
  }

  GLFWwindow* m_window;
  float m_scaleX = 1, m_scaleY = 1;
  std::array<bool, GLFW_KEY_LAST + 1> m_keyPressed{};
  std::array<bool, GLFW_MOUSE_BUTTON_LAST + 1> m_buttonPressed{};
  LeftButton m_left;
  bool m_events = true;
  double m_wheel = 0;
  bool m_imgui = false;
};

}  // namespace pantau::viewer
