//go:build wine

package quietlocale

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
