//go:build wine

package practice

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
