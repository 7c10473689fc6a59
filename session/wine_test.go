//go:build wine

package session

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
