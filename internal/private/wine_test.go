//go:build wine

package private

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
