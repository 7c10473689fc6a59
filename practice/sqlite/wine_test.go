//go:build wine

package sqlite

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
