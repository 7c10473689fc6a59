package ui

// As in the app: a C.UTF-8 test machine reads as English, without noise.
import _ "starcoach/internal/quietlocale"
