//go:build wine

package wav

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
