#include "glfw_window.hpp"

#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include <cstdlib>
#include <utility>

namespace pantau::viewer {

using namespace pantau::data;

Result<std::unique_ptr<GlfwWindow>> GlfwWindow::open(int width, int height, const char* title) {
  if (!glfwInit())
    return Error{ErrorCode::Io,
                 "cannot open a window (no display?); use --headless --screenshot FILE.png"};
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_SAMPLES, 0);  // the map antialiases itself; its cached image is blitted in
  // EGL first: GLX makes GLFW ask every attribute of every framebuffer config through libglvnd,
  // which checks getpid() on each call (22,881 system calls under Xvfb, ~0.1 s of the window's
  // start; README "The window's first map"). GLX where EGL cannot make the window.
  glfwWindowHint(GLFW_CONTEXT_CREATION_API, GLFW_EGL_CONTEXT_API);
  GLFWwindow* window = std::getenv("PANTAU_GLX") ? nullptr : glfwCreateWindow(width, height, title, nullptr, nullptr);
  if (!window) {
    glfwWindowHint(GLFW_CONTEXT_CREATION_API, GLFW_NATIVE_CONTEXT_API);
    window = glfwCreateWindow(width, height, title, nullptr, nullptr);
  }
  if (!window) {
    glfwTerminate();
    return Error{ErrorCode::Io, "cannot create an OpenGL 3.3 window"};
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  return std::unique_ptr<GlfwWindow>(new GlfwWindow(window));
}

GlfwWindow::GlfwWindow(GLFWwindow* window) : m_window(window) {
  glfwGetWindowContentScale(window, &m_scaleX, &m_scaleY);
  glfwSetWindowUserPointer(window, this);
}

GlfwWindow::~GlfwWindow() {
  glfwDestroyWindow(m_window);
  glfwTerminate();
}

void GlfwWindow::initImGui() {
  ImGui_ImplGlfw_InitForOpenGL(m_window, true);
  m_imgui = true;
  // Ours replace ImGui's callbacks and hand each event on to it.
  glfwSetCharCallback(m_window, [](GLFWwindow* w, unsigned int c) {
    ImGui_ImplGlfw_CharCallback(w, c);
    of(w).m_events = true;
  });
  glfwSetKeyCallback(m_window, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
    ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
    GlfwWindow& self = of(w);
    self.m_events = true;
    if (action == GLFW_PRESS && key >= 0 && key <= GLFW_KEY_LAST)
      self.m_keyPressed[static_cast<std::size_t>(key)] = true;
  });
  glfwSetMouseButtonCallback(m_window, [](GLFWwindow* w, int button, int action, int mods) {
    ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
    GlfwWindow& self = of(w);
    self.m_events = true;
    if (button < 0 || button > GLFW_MOUSE_BUTTON_LAST) return;
    if (action == GLFW_PRESS) self.m_buttonPressed[static_cast<std::size_t>(button)] = true;
    if (button != GLFW_MOUSE_BUTTON_LEFT) return;
    double x = 0, y = 0;
    glfwGetCursorPos(w, &x, &y);
    if (action == GLFW_PRESS)
      self.m_left.pressed = true, self.m_left.pressX = x, self.m_left.pressY = y;
    if (action == GLFW_RELEASE)
      self.m_left.released = true, self.m_left.releaseX = x, self.m_left.releaseY = y;
  });
  glfwSetScrollCallback(m_window, [](GLFWwindow* w, double dx, double dy) {
    ImGui_ImplGlfw_ScrollCallback(w, dx, dy);  // tables scroll
    if (ImGui::GetIO().WantCaptureMouse) return;
    of(w).m_wheel += dy;
  });
}

void GlfwWindow::shutdownImGui() {
  if (std::exchange(m_imgui, false)) ImGui_ImplGlfw_Shutdown();
}

void GlfwWindow::newImGuiFrame() {
  ImGui_ImplGlfw_NewFrame();
}

bool GlfwWindow::pressed(int key) {
  return std::exchange(m_keyPressed[static_cast<std::size_t>(key)], false);
}

void GlfwWindow::forgetPresses() {
  m_keyPressed.fill(false);
}

bool GlfwWindow::clicked(int button) {
  return std::exchange(m_buttonPressed[static_cast<std::size_t>(button)], false);
}

}  // namespace pantau::viewer
