#include "window_keys.hpp"

#include <GLFW/glfw3.h>

namespace pantau::viewer {

namespace {

using K = KeyBinding;
using C = WindowCommand;

constexpr KeyBinding kKeys[] = {
    {GLFW_KEY_LEFT, K::Alt, false, C::Back},     {GLFW_KEY_RIGHT, K::Alt, false, C::Forward},
    {GLFW_KEY_BACKSPACE, K::None, false, C::Up}, {GLFW_KEY_ESCAPE, K::None, false, C::Up},
    {GLFW_KEY_SLASH, K::None, false, C::Search}, {GLFW_KEY_F, K::Ctrl, false, C::Search},
    {GLFW_KEY_T, K::None, false, C::Table},      {GLFW_KEY_E, K::None, false, C::Export},
    {GLFW_KEY_C, K::None, false, C::Palette},    {GLFW_KEY_L, K::None, false, C::NextLayer},
    {GLFW_KEY_1, K::None, false, C::Page, 0},    {GLFW_KEY_2, K::None, false, C::Page, 1},
    {GLFW_KEY_3, K::None, false, C::Page, 2},    {GLFW_KEY_4, K::None, false, C::Page, 3},
    {GLFW_KEY_5, K::None, false, C::Page, 4},    {GLFW_KEY_R, K::None, false, C::Rotate},
    {GLFW_KEY_EQUAL, K::None, true, C::ZoomIn},  {GLFW_KEY_MINUS, K::None, true, C::ZoomOut},
    {GLFW_KEY_S, K::None, false, C::Seats},
};

}  // namespace

std::span<const KeyBinding> windowKeys() {
  return kKeys;
}

}  // namespace pantau::viewer
