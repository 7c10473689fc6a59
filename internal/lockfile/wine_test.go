//go:build wine

package lockfile

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
