#version 330 core
uniform vec4 uColour;
out vec4 fragColor;
void main() { fragColor = uColour; }
