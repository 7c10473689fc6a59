//go:build wine

package audio

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
