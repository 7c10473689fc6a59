//go:build wine

package device

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
