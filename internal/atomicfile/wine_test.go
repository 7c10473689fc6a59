//go:build wine

package atomicfile

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
