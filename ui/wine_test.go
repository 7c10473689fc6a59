//go:build wine

package ui

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
