//go:build wine

package pcm

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
